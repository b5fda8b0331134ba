"""Boilerplate removal for flattened page text (markup gone, one block per line).

How it decides, in four explainable steps:

1. **Units.** Non-empty lines; a hard-wrapped line that does not end a
   sentence and is followed directly by a lower-case continuation is joined
   with it.
2. **Labels.** Each unit gets a label from its features (``features.py``):
   ``prose`` (reads like sentences), ``furniture`` (site vocabulary, author bio,
   byline, timestamp, URL, a line repeated on the page), ``headline`` (short,
   no sentence ending: a headline, menu item or button) or ``short``.
   Two or more headline-like units in a row form a *headline list* (related
   articles, menus), unless a line ending in ":" introduces them.
3. **Main body.** Prose scores its word count, everything else a penalty; the
   main body is the contiguous run of units with the highest total (the
   densest stretch of prose), so menus before it and promotions after it
   fall away.
4. **Inside the body** furniture and headline lists are dropped; a lone short
   line between prose (a subheading) stays. Every dropped unit is kept as a
   ``Block`` with the rule that dropped it.

The first line becomes the title when it has a headline's shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.ingest.features import STRONG_FURNITURE, LineFeatures, line_features
from eventwire.models import Block

PROSE, FURNITURE, HEADLINE, SHORT = "prose", "furniture", "headline", "short"
PENALTY = {FURNITURE: 6.0, HEADLINE: 3.0, SHORT: 2.0}
MAX_HEADLINE_WORDS = 20
MAX_TITLE_WORDS = 30
SEPARATOR_RUN = 8
TITLE_REACH = 4  # how far above the body a headline is looked for
MIN_TITLE_WORDS = 4  # this many non-prose units in a row separate page regions
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


def strong_hits(text: str) -> int:
    """How many distinct furniture phrases a line uses."""
    return len({m.group(0).lower() for m in STRONG_FURNITURE.finditer(text)})


def label_unit(f: LineFeatures) -> tuple[str, str]:
    """The label of one unit from its own features, and the rule that gave it."""
    if f.urlish:
        return FURNITURE, "url-or-email"
    if f.strong_furniture and (f.words <= 40 or strong_hits(f.text) >= 2):
        return FURNITURE, "furniture-vocabulary"
    if f.bio and f.words <= 80:
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


def headline_runs(units: list[Labelled]) -> set[int]:
    """Indexes of units in runs of two or more headline-like units (related-article lists, menus).

    A question that reads like prose counts as headline-like inside such a run;
    a run introduced by a line ending in ":" is a list in the text and is kept.
    """
    marked: set[int] = set()
    start = 0
    while start < len(units):
        end = start
        while end < len(units) and _headline_like(units[end]):
            end += 1
        if end - start >= 2:
            introduced = start > 0 and units[start - 1].features.text.rstrip().endswith(":")
            if not introduced:
                marked.update(range(start, end))
        start = max(end, start + 1)
    return marked


def _headline_like(unit: Labelled) -> bool:
    return unit.label == HEADLINE or (unit.label == PROSE and _question_headline(unit.features))


def unit_score(unit: Labelled, in_headline_list: bool) -> float:
    """Prose scores its word count; everything else a penalty."""
    if in_headline_list:
        return -PENALTY[HEADLINE]
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


def regions(separating: list[bool], min_gap: int = SEPARATOR_RUN) -> list[tuple[int, int]]:
    """Split units into page regions at runs of ``min_gap`` or more non-prose units."""
    found: list[tuple[int, int]] = []
    start = index = 0
    while index < len(separating):
        if not separating[index]:
            index += 1
            continue
        gap_end = index
        while gap_end < len(separating) and separating[gap_end]:
            gap_end += 1
        if gap_end - index >= min_gap:
            if index > start:
                found.append((start, index))
            start = gap_end
        index = gap_end
    if start < len(separating):
        found.append((start, len(separating)))
    return found


def best_region_run(scores: list[float], separating: list[bool]) -> tuple[int, int]:
    """The densest run of prose inside one region: page regions are not bridged."""
    best, best_range = 0.0, (0, 0)
    for region_start, region_end in regions(separating):
        start, end = densest_run(scores[region_start:region_end])
        total = sum(scores[region_start + start : region_start + end])
        if total > best:
            best, best_range = total, (region_start + start, region_start + end)
    return best_range


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

    lists = headline_runs(units)
    cut = len(units)
    if all(u.label in (PROSE, SHORT) or (u.label == HEADLINE and i not in lists)
           for i, u in enumerate(units)):
        start, end = 0, len(units)  # no boilerplate signal at all: already clean text
    else:
        cut = comments_start(units)
        scores = [unit_score(u, i in lists) for i, u in enumerate(units[:cut])]
        start, end = best_region_run(scores, [u.label != PROSE for u in units[:cut]])
    if title is None and end > start:
        nearby = nearest_headline(units, start)
        if nearby is not None:
            title = units[nearby].features.text
            dropped.append(Block(title, units[nearby].line, "title"))
            units = units[:nearby] + units[nearby + 1 :]
            lists = {i - (i > nearby) for i in lists if i != nearby}
            start, end, cut = start - 1, end - 1, cut - 1
    paragraphs: list[str] = []
    for i, unit in enumerate(units):
        if not start <= i < end:
            reason = unit.reason if unit.label == FURNITURE else "outside-main-body"
            reason = "comment-section" if i >= cut else reason
            reason = "headline-list" if i in lists else reason
            dropped.append(Block(unit.features.text, unit.line, reason))
        elif unit.label == FURNITURE:
            dropped.append(Block(unit.features.text, unit.line, unit.reason))
        elif i in lists:
            dropped.append(Block(unit.features.text, unit.line, "headline-list"))
        else:
            paragraphs.append(unit.features.text)
    dropped.sort(key=lambda b: b.line)
    return Cleaned(title, paragraphs, dropped)
