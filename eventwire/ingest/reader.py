"""``read_articles``: every input kind in, clean English ``Article``s out, every failure reported."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from datetime import date as Date

from eventwire.errors import InputError, SkipLog
from eventwire.ingest.article import with_metadata
from eventwire.ingest.corpus import read_csv, read_jsonl
from eventwire.ingest.dates import read_sidecar, user_datetime
from eventwire.ingest.flattened import clean_flattened
from eventwire.ingest.html import NoArticleError, article_from_html
from eventwire.ingest.language import non_english_reason
from eventwire.ingest.sources import (
    Source,
    decode_html,
    decode_text,
    expand_inputs,
    read_source_bytes,
    sniff_kind,
)
from eventwire.ingest.warc import open_warc, read_warc
from eventwire.models import Article

DEFAULT_MAX_BYTES = 20_000_000
Result = Article | InputError


def read_articles(
    inputs: Iterable[str],
    *,
    date: Date | None = None,
    skips: SkipLog,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article]:
    """Clean articles from paths, directories (recursive), globs and ``-`` (stdin).

    Kinds by name: ``.txt`` flattened page text (with an optional
    ``NAME.meta.json`` sidecar), ``.html``/``.htm``, ``.jsonl``/``.json`` and
    ``.csv`` corpora, ``.warc``/``.warc.gz``; ``.gz`` is read through.
    ``date`` (the user's ``--date``) overrides every article's date. Each bad
    input, record or non-English article is reported to ``skips`` and the rest
    goes on.
    """
    for source in expand_inputs(inputs, skips):
        yield from _articles_of(source, date, skips, max_bytes)


def _articles_of(source: Source, day: Date | None, skips: SkipLog, max_bytes: int) -> Iterator[Article]:
    """The articles of one source, streamed; its failures go to ``skips`` and never escape."""
    results = _warc_results(source, max_bytes) if source.kind == "warc" else _read_source(source, max_bytes)
    try:
        for result in results:
            if isinstance(result, InputError):
                skips.add_error(result)
                continue
            article = finish_article(result, day, skips)
            if article is not None:
                yield article
    except InputError as exc:
        skips.add_error(exc)
    except Exception as exc:  # a parser failing on odd input must not end the batch
        skips.add(source.name, f"unexpected error: {type(exc).__name__}: {exc}")


def _warc_results(source: Source, max_bytes: int) -> Iterator[Result]:
    if source.path is None:  # stdin is read whole and sniffed in _read_source
        return
    try:
        stream = open_warc(source.path, source.name)
    except InputError as exc:
        yield exc
        return
    with stream:
        yield from read_warc(stream, source.name, max_bytes)


def _read_source(source: Source, max_bytes: int) -> Iterator[Result]:
    data = read_source_bytes(source, max_bytes)
    kind = source.kind or sniff_kind(data)
    name = source.name
    if kind == "warc":
        yield from read_warc(io.BytesIO(data), name, max_bytes)
    elif kind == "html":
        try:
            yield article_from_html(decode_html(data, name), source=name)
        except NoArticleError as exc:
            yield InputError(name, str(exc))
    elif kind == "jsonl":
        yield from read_jsonl(decode_text(data, name), name)
    elif kind == "csv":
        yield from read_csv(decode_text(data, name), name, max_bytes)
    else:
        yield _read_flattened(source, decode_text(data, name))


def _read_flattened(source: Source, text: str) -> Result:
    meta = {}
    if source.path is not None:
        try:
            meta = read_sidecar(source.path)
        except ValueError as exc:
            return InputError(source.name, str(exc))
    published = meta.get("published")
    return clean_flattened(
        text,
        source=source.name,
        title=meta.get("title"),
        url=meta.get("url"),
        publisher=meta.get("publisher"),
        published=published,
        date_source="metadata" if published else None,
    )


NO_DATE_NOTE = (
    "no publication date (give --date or a NAME.meta.json): actors are resolved as of today "
    "and relative event dates are left unresolved"
)


def finish_article(article: Article, day: Date | None, skips: SkipLog) -> Article | None:
    """Last checks on every article: some text left, English; the user's date applied.

    Returns None (and reports to ``skips``) when the article is to be skipped.
    """
    source = article.source or "<input>"
    if not article.text.strip():
        skips.add(source, "no article text left after removing boilerplate")
        return None
    language, reason = non_english_reason(article.text)
    if reason is not None:
        skips.add(source, reason)
        return None
    article = with_metadata(article, language=language)
    if day is not None:
        article = with_metadata(article, published=user_datetime(day), date_source="user")
    if article.published is None:
        skips.note(source, NO_DATE_NOTE)
    return article
