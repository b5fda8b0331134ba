"""Boilerplate removal for flattened page text (markup gone, one block per line).

How it decides, in explainable steps (each rule is a small function below):

1. **Units.** Non-empty lines; a hard-wrapped line that does not end a
   sentence and is followed directly by a lower-case continuation is joined
   with it.
2. **Labels.** Each unit gets a label from its own features (``features.py``):
   ``prose`` (reads like sentences), ``furniture`` (site vocabulary, author bio,
   byline, timestamp, URL, comment headers, a line repeated on the page),
   ``headline`` (short, no sentence ending: a headline, menu item or button)
   or ``short``.
3. **Lists.** Context relabels units as ``listed``: three or more headline-like
   lines in a row (related articles, menus; not when a line ending in ":"
   announces them) and teaser lists (headline, one short paragraph, again and
   again). The paragraph under an "About Jane Doe" heading is an author bio.
4. **Main body.** Everything from the first reader-comment marker on is cut.
   Prose scores its word count, everything else a penalty; the main body is
   the contiguous run with the highest total (the densest stretch of prose),
   extended over a list that its last lines announce with a ":".
5. **Inside the body** furniture, listed units, one-word fragments (credits,
   tags) and all-capital headlines (links to other stories) are dropped; other
   short lines between prose (subheadings) stay.

Every dropped unit is kept as a ``Block`` with the rule that dropped it. The
title is the first line when it has a headline's shape, else the headline just
above the body. Text with no boilerplate signal at all is kept whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.ingest.features import AMBIGUOUS_FURNITURE, LineFeatures, line_features
from eventwire.models import Block

PROSE, FURNITURE, HEADLINE, SHORT, LISTED = "prose", "furniture", "headline", "short", "listed"
PENALTY = {FURNITURE: 6.0, HEADLINE: 3.0, SHORT: 2.0, LISTED: 3.0}
MAX_HEADLINE_WORDS = 20
MAX_TITLE_WORDS = 30
TITLE_REACH = 4  # how far above the body a headline is looked for
MIN_TITLE_WORDS = 4
MIN_TEASERS = 3  # headline + one short paragraph, this many times in a row: a teaser list
MAX_TEASER_WORDS = 60
MAX_FRAGMENT_WORDS = 1
MIN_PROSE_DESPITE = 16  # words of a sentence that may use an ambiguous furniture word
MIN_LIST_IN_BODY = 3  # headline-like lines in a row that make a list to cut out of the body
_CONTINUATION = re.compile(r"^[a-z(]")


@dataclass(frozen=True, slots=True)
class Labelled:
    """A unit of the page with its label and the rule behind it."""

    features: LineFeatures
    label: str
    reason: str

    @property
    def line(self) -> int:
        return self.features.index + 1


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The outcome of cleaning: title, kept paragraphs, dropped blocks."""

    title: str | None
    paragraphs: list[str]
    dropped: list[Block]


def join_wrapped(lines: list[str]) -> list[str]:
    """Join hard-wrapped continuation lines onto the line they continue (blank lines keep their place)."""
    out = list(lines)
    previous: int | None = None
    for index, line in enumerate(lines):
        text = line.strip()
        if not text:
            previous = None
            continue
        prev_text = out[previous].rstrip() if previous is not None else ""
        if (
            previous is not None
            and _CONTINUATION.match(text)
            and not prev_text.endswith((".", "!", "?", ":", '"', "”"))
            and len(prev_text) >= 40
        ):
            out[previous] = f"{prev_text} {text}"
            out[index] = ""
            continue
        previous = index
    return out


def _prose_despite_vocabulary(f: LineFeatures) -> bool:
    """A long sentence whose only furniture words are ones news prose also uses ("subscribers")."""
    if f.words < MIN_PROSE_DESPITE or not f.sentence_end or f.stopword_ratio < 0.3:
        return False
    hits = f.furniture_hits
    return len(hits) == 1 and bool(AMBIGUOUS_FURNITURE.search(hits[0]))


def label_unit(f: LineFeatures) -> tuple[str, str]:
    """The label of one unit from its own features, and the rule that gave it."""
    if f.urlish:
        return FURNITURE, "url-or-email"
    furniture_line = f.words <= 40 or len(set(f.furniture_hits)) >= 2
    if f.strong_furniture and furniture_line and not _prose_despite_vocabulary(f):
        return FURNITURE, "furniture-vocabulary"
    if (f.bio and f.words <= 80) or f.bio_heading:
        return FURNITURE, "author-bio"
    if f.comment_marker:
        return FURNITURE, "comment-section"
    if f.repeats >= 2 and f.words >= 3:
        return FURNITURE, "repeated-on-page"
    if f.byline and f.words <= 12 and not f.sentence_end:
        return FURNITURE, "byline"
    if f.datelike:
        return FURNITURE, "timestamp"
    if f.weak_furniture and f.words <= 4 and not f.sentence_end:
        return FURNITURE, "furniture-vocabulary"
    if f.words == 0:
        return SHORT, "no-words"
    if (f.sentence_end and f.words >= 4 and not _question_headline(f)) or (
        f.words > MAX_HEADLINE_WORDS and f.stopword_ratio >= 0.2
    ):
        return PROSE, "prose"
    if f.words <= MAX_HEADLINE_WORDS and (not f.sentence_end or _question_headline(f)):
        return HEADLINE, "headline-shape" if f.capitalised_ratio >= 0.5 else "short-line"
    return SHORT, "short-line"


def _question_headline(f: LineFeatures) -> bool:
    """A short question standing alone, as teaser headlines are phrased."""
    return f.text.rstrip().rstrip("\"'”’").endswith("?") and f.words <= 16


def headline_runs(units: list[Labelled]) -> list[tuple[int, int]]:
    """Ranges [start, end) of two or more headline-like units in a row (related-article lists, menus).

    A short question counts as headline-like (teaser headlines are phrased so);
    a run introduced by a line ending in ":" is a list in the text and is skipped.
    """
    runs: list[tuple[int, int]] = []
    start = 0
    while start < len(units):
        end = start
        while end < len(units) and _headline_like(units[end]):
            end += 1
        introduced = any(units[k].features.text.rstrip().endswith(":") for k in (start - 1, start) if k >= 0)
        if end - start >= 2 and not introduced:
            runs.append((start, end))
        start = max(end, start + 1)
    return runs


def _headline_like(unit: Labelled) -> bool:
    return unit.label == HEADLINE or (unit.label == PROSE and _question_headline(unit.features))


def teaser_runs(units: list[Labelled], min_groups: int = MIN_TEASERS) -> list[tuple[int, int]]:
    """Ranges of teaser lists: a headline (with byline or date) and one short paragraph, again and again.

    Each group is some non-prose units holding a headline of several words,
    then exactly one short prose unit; ``min_groups`` such groups in a row make
    a list of other articles, not the body (whose sections run to several paragraphs).
    """
    groups: list[tuple[int, int, bool]] = []  # (start, end, teaser-like)
    index = 0
    while index < len(units):
        start = index
        while index < len(units) and units[index].label != PROSE:
            index += 1
        prose_start = index
        while index < len(units) and units[index].label == PROSE:
            index += 1
        heads = units[start:prose_start]
        headed = any(_teaser_headline(u) for u in heads)
        single = index - prose_start == 1 and units[prose_start].features.words <= MAX_TEASER_WORDS
        groups.append((start, index, headed and single))
    runs: list[tuple[int, int]] = []
    count = 0
    for position, (_, _, teaser) in enumerate([*groups, (0, 0, False)]):
        if teaser:
            count += 1
            continue
        if count >= min_groups:
            runs.append((groups[position - count][0], groups[position - 1][1]))
        count = 0
    return runs


def _teaser_headline(unit: Labelled) -> bool:
    """A headline of several words (also one the page repeats, as teaser grids do)."""
    repeated = unit.label == FURNITURE and unit.reason == "repeated-on-page"
    return (unit.label == HEADLINE or repeated) and unit.features.words >= MIN_TITLE_WORDS


def mark_lists(units: list[Labelled]) -> list[Labelled]:
    """Units relabelled where lists of other articles are found.

    Runs of three or more headlines, and teaser lists, become ``listed`` (cut
    even inside the body); two headlines in a row only count as headlines
    (they may be a heading and subheading of the article).
    """
    marked = list(units)
    for start, end in headline_runs(units):
        for i in range(start, end):
            if end - start >= MIN_LIST_IN_BODY:
                marked[i] = Labelled(units[i].features, LISTED, "headline-list")
            else:
                marked[i] = Labelled(units[i].features, HEADLINE, units[i].reason)
    for index, unit in enumerate(units[:-1]):
        following = units[index + 1]
        if unit.features.bio_heading and following.label == PROSE and following.features.words <= 120:
            marked[index + 1] = Labelled(following.features, FURNITURE, "author-bio")
    for start, end in teaser_runs(marked):
        for i in range(start, end):
            if marked[i].label != FURNITURE:
                marked[i] = Labelled(units[i].features, LISTED, "teaser-list")
    return marked


def unit_score(unit: Labelled) -> float:
    """Prose scores its word count; everything else a penalty."""
    if unit.label == PROSE:
        return float(unit.features.words)
    return -PENALTY[unit.label]


def densest_run(scores: list[float]) -> tuple[int, int]:
    """The contiguous range [start, end) with the highest total score (empty when none is positive)."""
    best, best_range = 0.0, (0, 0)
    total, start = 0.0, 0
    for index, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, index
        total += score
        if total > best:
            best, best_range = total, (start, index + 1)
    return best_range


def announced_list_end(units: list[Labelled], end: int, limit: int, reach: int = 2) -> int:
    """Where the body ends once a list it announces is included (dates, results, items after a ":").

    Such lists are short lines that would otherwise fall outside the densest
    prose; they are taken up to the first furniture or listed unit.
    """
    announce = next(
        (
            k
            for k in range(max(end - 1, 0), min(end + reach, limit))
            if units[k].features.text.rstrip().endswith(":") and units[k].label not in (FURNITURE, LISTED)
        ),
        None,
    )
    if announce is None or end == 0:
        return end
    if any(u.label in (FURNITURE, LISTED) for u in units[end:announce]):
        return end
    index = announce + 1
    while index < limit and units[index].label not in (FURNITURE, LISTED, PROSE):
        index += 1
    return max(end, index)


def comments_start(units: list[Labelled], min_prose_words: int = 50) -> int:
    """Index where a reader-comment section begins after some article prose (len(units) if none).

    Comments can outweigh the article itself, so everything from their first
    marker on is excluded from the main body rather than merely penalised.
    """
    prose_words = 0
    for index, unit in enumerate(units):
        if unit.reason == "comment-section" and prose_words >= min_prose_words:
            return index
        if unit.label == PROSE:
            prose_words += unit.features.words
    return len(units)


def pick_title(units: list[Labelled]) -> int | None:
    """Index of the title: the first unit when it has a headline's shape (short, no final period)."""
    if len(units) < 2:
        return None
    first = units[0]
    f = first.features
    if first.label == FURNITURE or f.words == 0 or f.words > MAX_TITLE_WORDS or f.bullet:
        return None
    if f.text.rstrip().rstrip("\"'”’)").endswith("."):
        return None
    return 0


def nearest_headline(units: list[Labelled], start: int, reach: int = TITLE_REACH) -> int | None:
    """Index of the headline just above the main body (past bylines and timestamps), if any.

    Used when the page does not open with its headline (menus come first).
    """
    for index in range(start - 1, max(-1, start - 1 - reach), -1):
        unit = units[index]
        if unit.label == HEADLINE and unit.features.words >= MIN_TITLE_WORDS:
            return index
        if unit.label == PROSE:
            return None
    return None


def fragment_reason(unit: Labelled) -> str | None:
    """Why a non-prose line inside the body is still not body, or None.

    One-word lines there are credits, tags and names rather than
    subheadings; a headline in capitals is a link to another story.
    """
    if unit.label not in (HEADLINE, SHORT):
        return None
    f = unit.features
    if f.words <= MAX_FRAGMENT_WORDS and not f.sentence_end:
        return "fragment"
    letters = [ch for ch in f.text if ch.isalpha()]
    if f.words >= 4 and letters and all(ch.isupper() for ch in letters):
        return "capitalised-link"
    return None


def clean_lines(raw: str, *, title: str | None = None) -> Cleaned:
    """Split flattened page text into title, body paragraphs and dropped blocks.

    With ``title`` given (from metadata) the first line is only taken as the
    title when it repeats it; otherwise a headline-shaped first line is.
    """
    lines = join_wrapped(raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    units = [Labelled(f, *label_unit(f)) for f in line_features(lines)]
    dropped: list[Block] = []
    if title is None:
        title_index = pick_title(units)
        if title_index is not None:
            title = units[title_index].features.text
            units = units[title_index + 1 :]
    elif units and units[0].features.text.strip().lower() == title.strip().lower():
        dropped.append(Block(units[0].features.text, units[0].line, "title"))
        units = units[1:]

    units = mark_lists(units)
    clean = not any(u.label in (FURNITURE, LISTED) for u in units)
    cut = len(units)
    if clean:
        start, end = 0, len(units)  # no boilerplate signal at all: already clean text
    else:
        cut = comments_start(units)
        scores = [unit_score(u) for u in units[:cut]]
        start, end = densest_run(scores)
        end = announced_list_end(units, end, cut)
    if title is None and end > start:
        nearby = nearest_headline(units, start)
        if nearby is not None:
            title = units[nearby].features.text
            dropped.append(Block(title, units[nearby].line, "title"))
            units = units[:nearby] + units[nearby + 1 :]
            start, end, cut = start - 1, end - 1, cut - 1
    paragraphs: list[str] = []
    for i, unit in enumerate(units):
        fragment = None if clean else fragment_reason(unit)
        if start <= i < end and unit.label not in (FURNITURE, LISTED) and fragment is None:
            paragraphs.append(unit.features.text)
            continue
        reason = fragment or unit.reason
        if not start <= i < end and unit.label not in (FURNITURE, LISTED):
            reason = "comment-section" if i >= cut else "outside-main-body"
        dropped.append(Block(unit.features.text, unit.line, reason))
    dropped.sort(key=lambda b: b.line)
    return Cleaned(title, paragraphs, dropped)
