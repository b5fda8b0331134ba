"""The article reader's text model: the article text cut into segments marked as sentence, mention, trigger.

Pure functions over ``Article`` and ``Event``; the template (and the paste page's script) only turn
segments into ``<span>``s, always as escaped text.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from typing import Any

from eventwire.models import Article, Event, Mention

_BOUNDARY = re.compile(r"(?<=[.!?])\s+|\n\s*\n")


@dataclass(slots=True)
class Segment:
    """A run of text with the marks that cover all of it."""

    text: str
    classes: list[str] = field(default_factory=list)
    title: str | None = None
    events: list[str] = field(default_factory=list)  # ids of events whose trigger this is

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class _Mark:
    start: int
    end: int
    classes: tuple[str, ...]
    title: str | None = None
    event: str | None = None


def sentence_span(text: str, event: Event) -> tuple[int, int]:
    """Character span of the event's sentence in ``text``: the occurrence holding the trigger.

    When the stored sentence is not found verbatim (whitespace changed), the span runs from the
    sentence boundary before the trigger to the one after it.
    """
    sentence = event.sentence.strip()
    anchor = min(max(event.trigger.start, 0), len(text))
    if sentence:
        pos = text.find(sentence, max(0, anchor - len(sentence)))
        while pos != -1 and pos <= anchor:
            if anchor < pos + len(sentence):
                return pos, pos + len(sentence)
            pos = text.find(sentence, pos + 1)
        if not 0 <= event.trigger.start < len(text) and (pos := text.find(sentence)) != -1:
            return pos, pos + len(sentence)
    start = 0
    for m in _BOUNDARY.finditer(text, 0, anchor):
        start = m.end()
    after = _BOUNDARY.search(text, anchor)
    return start, after.start() if after else len(text)


def snippet(event: Event, width: int = 170) -> tuple[str, str, str]:
    """The sentence around the trigger as (before, trigger, after), cut to about ``width`` characters.

    The trigger is found in the sentence as a whole word (first such occurrence); without it the
    sentence's start is shown.
    """
    sentence = " ".join(event.sentence.split())
    word = event.trigger.text.strip()
    m = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", sentence) if word else None
    if m is None:
        return (sentence[:width].rstrip() + ("…" if len(sentence) > width else ""), "", "")
    room = max(width - len(word), 20)
    left = max(0, m.start() - room // 2)
    right = min(len(sentence), m.end() + room - (m.start() - left))
    left = max(0, min(left, right - width))
    before = ("…" if left > 0 else "") + sentence[left : m.start()].lstrip()
    after = sentence[m.end() : right].rstrip() + ("…" if right < len(sentence) else "")
    return before, m.group(0), after


def mention_title(m: Mention) -> str:
    """Tooltip for a mention: code, resolved name, and how it was resolved."""
    parts = [m.code or m.country or "unresolved"]
    if m.name:
        parts.append(m.name)
    if m.reason:
        parts.append(f"({m.reason})")
    return " · ".join(parts)


def sentence_keys(text: str, events: list[Event]) -> tuple[dict[str, str], list[tuple[int, int, str]]]:
    """Each event's sentence key (``s0``, ``s1``…) and the distinct sentence spans with their keys."""
    by_span: dict[tuple[int, int], str] = {}
    of_event: dict[str, str] = {}
    for ev in events:
        span = sentence_span(text, ev)
        key = by_span.setdefault(span, f"s{len(by_span)}")
        of_event[ev.id] = key
    return of_event, [(a, b, key) for (a, b), key in by_span.items()]


def segments(article: Article, events: list[Event]) -> tuple[list[Segment], dict[str, str]]:
    """The article text as marked segments, and each event's sentence key."""
    text = article.text
    of_event, spans = sentence_keys(text, events)
    marks = [_Mark(a, b, ("sent", key)) for a, b, key in spans]
    roles: dict[tuple[int, int], set[str]] = {}
    titles: dict[tuple[int, int], str] = {}
    for ev in events:
        for role, mentions in (("actor", ev.actor), ("recipient", ev.recipient)):
            for m in mentions:
                span = (max(m.start, 0), min(m.end, len(text)))
                if span[0] < span[1]:
                    roles.setdefault(span, set()).add(role)
                    titles[span] = mention_title(m)
        t0, t1 = max(ev.trigger.start, 0), min(ev.trigger.end, len(text))
        if t0 < t1:
            marks.append(_Mark(t0, t1, ("trigger",), f"{ev.plover.type} · CAMEO {ev.cameo.code}", ev.id))
    for span, found in roles.items():
        marks.append(_Mark(span[0], span[1], ("mention", *sorted(found)), titles[span]))
    return _cut(text, marks), of_event


def _cut(text: str, marks: list[_Mark]) -> list[Segment]:
    cuts = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    out: list[Segment] = []
    for a, b in pairwise(cuts):
        covering = [m for m in marks if m.start <= a and b <= m.end]
        classes: list[str] = []
        titles: list[str] = []
        events: list[str] = []
        for m in covering:
            classes.extend(c for c in m.classes if c not in classes)
            if m.title and m.title not in titles:
                titles.append(m.title)
            if m.event and m.event not in events:
                events.append(m.event)
        out.append(Segment(text[a:b], classes, " | ".join(titles) or None, events))
    return out
