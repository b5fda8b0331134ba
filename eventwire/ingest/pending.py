"""Reading apart from cleaning: a ``Pending`` article is read but not yet cleaned.

Readers do the cheap part of each input (read the bytes, decode, split a corpus
into records, check record fields) and yield one ``Pending`` per article. The
costly part (boilerplate cleaner, trafilatura, htmldate, language check) runs
when the item is resolved: in the reading process (``read_articles``), or in a
worker process that received the item (``eventwire.distributed``). A ``Pending``
is small and picklable: its ``clean`` is a ``functools.partial`` of a
module-level function over plain values (text, metadata), never a closure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date as Date

from eventwire.errors import InputError, SkipLog
from eventwire.ingest.article import with_metadata
from eventwire.ingest.dates import implausible_reason, user_datetime
from eventwire.ingest.language import non_english_reason, uncoded_note
from eventwire.models import Article

MAX_ARTICLE_CHARS = 1_000_000  # spaCy's parser refuses longer texts (E088); no news article is this long
NO_DATE_NOTE = (
    "no publication date (give --date or a NAME.meta.json): actors are resolved as of today "
    "and relative event dates are left unresolved"
)


@dataclass(frozen=True, slots=True)
class Pending:
    """One article read from ``source`` (at ``line``), cleaned by calling ``clean``.

    ``clean`` raises ``InputError`` (naming the input and line) when the item
    holds no usable article; any other exception is reported as unexpected.
    """

    source: str
    clean: Callable[[], Article]
    line: int | None = None

    def resolve(self, day: Date | None, skips: SkipLog) -> Article | None:
        """The clean, finished article, or None after reporting why it is skipped to ``skips``."""
        try:
            article = self.clean()
        except InputError as exc:
            skips.add_error(exc)
            return None
        except Exception as exc:  # a parser failing on one odd item must not end the batch
            skips.add(self.source, f"unexpected error: {type(exc).__name__}: {exc}", self.line)
            return None
        return finish_article(article, day, skips, source=self.source, line=self.line)


def finish_article(
    article: Article, day: Date | None, skips: SkipLog, *, source: str | None = None, line: int | None = None
) -> Article | None:
    """Last checks on every article: some text left, not over ``MAX_ARTICLE_CHARS``; the language
    identified (an article confidently not in English is kept, with a note, and its language set so that no
    events are coded from it); the user's date applied.

    Returns None (and reports to ``skips``) when the article is to be skipped, also
    when the user's date is implausible; an article left without a date is kept with
    a note, and so is one whose own date is implausible (a page's date that slipped
    past the readers' checks), with that date dropped. Skips name ``source`` at
    ``line`` (a ``Pending``'s input and line, as the readers' skips do), else the
    article's own source; notes name the kept article by its own source.
    """
    kept_as = article.source or "<input>"
    skipped_as = source or kept_as
    if not article.text.strip():
        skips.add(skipped_as, "no article text left after removing boilerplate", line)
        return None
    if len(article.text) > MAX_ARTICLE_CHARS:
        skips.add(skipped_as, f"article text is {len(article.text):,} characters, over the "
                  f"{MAX_ARTICLE_CHARS:,}-character limit of one article (split it)", line)  # fmt: skip
        return None
    language, reason = non_english_reason(article.text)
    if reason is None and language != "en":
        language = None  # not confidently identified: treated as English, as before
    article = with_metadata(article, language=language)
    if reason is not None and language is not None:
        skips.note(kept_as, uncoded_note(language))  # kept for a later multilingual coder; said once
    if day is not None:
        try:
            published = user_datetime(day)
        except ValueError as exc:
            skips.add(skipped_as, str(exc), line)
            return None
        article = with_metadata(article, published=published, date_source="user")
    elif article.published is not None and (reason := implausible_reason(article.published)) is not None:
        when = f"{article.published.isoformat()} ({article.date_source})"
        skips.note(kept_as, f"publication date {when} dropped as implausible ({reason}); {NO_DATE_NOTE}")
        return replace(article, published=None, date_source=None)
    if article.published is None:
        skips.note(kept_as, NO_DATE_NOTE)
    return article
