"""Scoring against sentence-level silver PLOVER annotations (the VOA stories, the event-location sentences).

Both silver sets annotate *every* sentence with zero or more PLOVER 2.0 events (``type``, ``trigger``,
``source``/``target`` actors with ``country``), so they measure false alarms as well as misses:

* VOA (``data/silver/voa``): whole stories (``stories.jsonl``) are coded as articles, as a user would code
  them, and our events are aligned to the annotated sentences (``annotations.jsonl``) by where their trigger
  falls in the story text. Parts (tune / check) go by story id.
* Event-location sentences (``data/eventloc/plover_annotations.jsonl``): each record is coded on its own.
  Parts go by record id.

Figures (micro-averaged over sentences):

* *event sentences*: P/R/F1 of "this sentence holds an event";
* *type*: P/R/F1 over (sentence, PLOVER type) pairs;
* *source / target country*: P/R/F1 over (sentence, country) pairs of the sentence's events' actors
  (recipients), whatever the type; ``XXX`` (no single country) and empty gold countries are not scored;
* *false alarms*: the share of sentences without a gold event that get one;
* *type (any)*: the share of gold-event sentences where some produced event has a gold type;
  *no event*: the share of gold-event sentences that get none.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.eval.coders import BatchCoder, SentenceInput
from eventwire.eval.codes import gold_code, mention_codes
from eventwire.eval.metrics import PRF
from eventwire.eval.split import Part, in_part
from eventwire.models import Article, Event

NO_COUNTRY = frozenset({"", "XXX"})


@dataclass(frozen=True, slots=True)
class GoldEvent:
    type: str
    trigger: str
    source: frozenset[str]
    target: frozenset[str]


@dataclass(frozen=True, slots=True)
class SilverSentence:
    """One annotated sentence: where it sits (group = story or record id) and its gold events."""

    group: str
    index: int
    text: str
    events: tuple[GoldEvent, ...]


@dataclass(slots=True)
class Story:
    """A text coded as one article, with its annotated sentences in order."""

    id: str
    text: str
    published: date | None
    sentences: list[SilverSentence]


def _countries(actors: Any) -> frozenset[str]:
    out = set()
    for actor in actors or []:
        code = gold_code(str((actor or {}).get("country") or ""))
        if code not in NO_COUNTRY:
            out.add(code)
    return frozenset(out)


def _gold_events(raw: Any) -> tuple[GoldEvent, ...]:
    return tuple(
        GoldEvent(
            type=str(e["type"]).upper(),
            trigger=str(e.get("trigger") or ""),
            source=_countries(e.get("source")),
            target=_countries(e.get("target")),
        )
        for e in raw or []
    )


def _read_jsonl(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"invalid JSON: {exc.msg}", line=number) from exc
        if not isinstance(record, dict):
            raise InputError(str(path), "not a JSON object", line=number)
        yield number, record


def load_voa(folder: Path) -> list[Story]:
    """The VOA silver stories with their annotated sentences (``stories.jsonl`` + ``annotations.jsonl``)."""
    stories: dict[str, Story] = {}
    for _, rec in _read_jsonl(Path(folder) / "stories.jsonl"):
        published = None
        if rec.get("published"):
            published = datetime.fromisoformat(str(rec["published"])[:10]).date()
        stories[str(rec["id"])] = Story(str(rec["id"]), str(rec["text"]), published, [])
    for number, rec in _read_jsonl(Path(folder) / "annotations.jsonl"):
        story = stories.get(str(rec.get("story")))
        if story is None:
            raise InputError(str(folder / "annotations.jsonl"), f"unknown story {rec.get('story')!r}", number)
        story.sentences.append(
            SilverSentence(story.id, int(rec["sent"]), str(rec["text"]), _gold_events(rec.get("events")))
        )
    for story in stories.values():
        story.sentences.sort(key=lambda s: s.index)
    return list(stories.values())


def load_sentences(path: Path) -> list[Story]:
    """Sentence records (``id, text, events``), each as a one-sentence story."""
    out = []
    for number, rec in _read_jsonl(Path(path)):
        if not isinstance(rec.get("text"), str):
            raise InputError(str(path), "record without 'text'", number)
        ident = str(rec.get("id") or f"line-{number}")
        sentence = SilverSentence(ident, 0, rec["text"], _gold_events(rec.get("events")))
        out.append(Story(ident, rec["text"], None, [sentence]))
    return out


def split(stories: Sequence[Story], part: Part | None) -> list[Story]:
    """The stories of one part (None: all)."""
    return in_part(stories, lambda s: s.id, part)


def story_article(story: Story) -> Article:
    when = story.published
    published = datetime(when.year, when.month, when.day) if when else None
    return Article(
        id=story.id,
        text=story.text,
        published=published,
        date_source="metadata" if published else None,
        language="en",
        paragraphs=[(0, len(story.text))],
        source=story.id,
    )


def sentence_spans(story: Story) -> list[tuple[int, int]]:
    """Character span of each annotated sentence in the story text (found in order; (-1, -1) if absent)."""
    spans = []
    at = 0
    text = story.text
    for sentence in story.sentences:
        needle = sentence.text.strip()
        found = text.find(needle, at)
        if found < 0:
            found = text.find(needle[:40], at)
        if found < 0:
            spans.append((-1, -1))
            continue
        spans.append((found, found + len(needle)))
        at = found + len(needle)
    return spans


def assign(story: Story, events: Sequence[Event]) -> list[list[Event]]:
    """Our events grouped by the annotated sentence their trigger falls in."""
    spans = sentence_spans(story)
    out: list[list[Event]] = [[] for _ in story.sentences]
    for event in events:
        start = event.trigger.start
        for i, (a, b) in enumerate(spans):
            if a <= start < b:
                out[i].append(event)
                break
    return out


@dataclass(slots=True)
class SilverResult:
    sentences: int = 0
    event_sentences: int = 0
    sentence_prf: PRF = field(default_factory=lambda: PRF(0, 0, 0))
    type_prf: PRF = field(default_factory=lambda: PRF(0, 0, 0))
    source_prf: PRF = field(default_factory=lambda: PRF(0, 0, 0))
    target_prf: PRF = field(default_factory=lambda: PRF(0, 0, 0))
    false_alarms: int = 0
    type_any: int = 0
    no_event: int = 0
    per_type: dict[str, PRF] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def quiet_sentences(self) -> int:
        return self.sentences - self.event_sentences

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.quiet_sentences if self.quiet_sentences else 0.0

    @property
    def type_any_rate(self) -> float:
        return self.type_any / self.event_sentences if self.event_sentences else 0.0

    @property
    def no_event_rate(self) -> float:
        return self.no_event / self.event_sentences if self.event_sentences else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "event_sentence_f1": round(self.sentence_prf.f1, 4),
            "type_f1": round(self.type_prf.f1, 4),
            "source_f1": round(self.source_prf.f1, 4),
            "target_f1": round(self.target_prf.f1, 4),
            "false_alarm_rate": round(self.false_alarm_rate, 4),
            "type_any": round(self.type_any_rate, 4),
            "no_event_rate": round(self.no_event_rate, 4),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "event_sentences": self.event_sentences,
            "event_sentence": self.sentence_prf.to_dict(),
            "type": self.type_prf.to_dict(),
            "source_country": self.source_prf.to_dict(),
            "target_country": self.target_prf.to_dict(),
            "false_alarm_rate": round(self.false_alarm_rate, 4),
            "type_any": round(self.type_any_rate, 4),
            "no_event_rate": round(self.no_event_rate, 4),
            "per_type": {k: v.to_dict() for k, v in sorted(self.per_type.items())},
        }


def _prf(gold: set[Any], ours: set[Any]) -> PRF:
    return PRF(len(gold & ours), len(ours - gold), len(gold - ours))


def score(stories: Sequence[Story], coded: Sequence[Sequence[Event]], misses: int = 30) -> SilverResult:
    """Score our events (one list per story, in story order) against the silver annotations."""
    result = SilverResult()
    per_type: Counter[tuple[str, str]] = Counter()
    for story, events in zip(stories, coded, strict=True):
        for sentence, ours in zip(story.sentences, assign(story, events), strict=True):
            gold = sentence.events
            result.sentences += 1
            result.event_sentences += bool(gold)
            result.sentence_prf += _prf({0} if gold else set(), {0} if ours else set())
            gold_types = {e.type for e in gold}
            our_types = {e.plover.type for e in ours}
            result.type_prf += _prf(gold_types, our_types)
            for t in gold_types | our_types:
                per_type[(t, "tp")] += t in gold_types and t in our_types
                per_type[(t, "fp")] += t in our_types and t not in gold_types
                per_type[(t, "fn")] += t in gold_types and t not in our_types
            result.source_prf += _prf(
                set().union(*(e.source for e in gold)), set().union(*(mention_codes(e.actor) for e in ours))
            )
            result.target_prf += _prf(
                set().union(*(e.target for e in gold)),
                set().union(*(mention_codes(e.recipient) for e in ours)),
            )
            if not gold and ours:
                result.false_alarms += 1
            if gold and not ours:
                result.no_event += 1
            if gold and gold_types & our_types:
                result.type_any += 1
            if gold_types != our_types and len(result.misses) < misses:
                result.misses.append(
                    {
                        "id": f"{sentence.group}:{sentence.index}",
                        "text": sentence.text,
                        "gold": sorted(f"{e.type}({e.trigger})" for e in gold),
                        "ours": sorted(f"{e.plover.type}({e.trigger.text})" for e in ours),
                    }
                )
    types = sorted({t for t, _ in per_type})
    result.per_type = {t: PRF(per_type[(t, "tp")], per_type[(t, "fp")], per_type[(t, "fn")]) for t in types}
    return result


def evaluate(stories: Sequence[Story], coder: BatchCoder, misses: int = 30) -> SilverResult:
    """Code each story as one article (with its publication date) and score it."""
    items = [SentenceInput(s.text, s.published, s.id) for s in stories]
    return score(stories, [c.events for c in coder(items)], misses)
