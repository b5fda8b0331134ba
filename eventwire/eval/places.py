"""``eventwire eval places``: does each event get the right place, or none when the sentence names none?

On the event-location file (``places_data``; the *check* part by default, which the ranker never saw):

- **event on the marked verb**: the coder (``code --sentences``, each sentence on its own) codes an event
  whose trigger overlaps the marked verb;
- **place, given the event**: of those events, when the sentence marks a place: *right* (the event's
  location overlaps a marked place), *wrong* (another place), *empty*; when it marks none: *empty* (right)
  or *placed*;
- **place on the marked verb**: the same figures with the marked verb as the trigger, whatever the coder
  makes of the sentence (the attachment alone, independent of the event coder).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.eval.places_data import CHECK, LocRecord, overlaps, read_records
from eventwire.models import Location

RIGHT, WRONG, EMPTY, PLACED = "right", "wrong", "empty", "placed"
MISSES_KEPT = 200


def outcome(location: Location | None, record: LocRecord) -> str:
    """right / wrong / empty for a sentence that marks a place; empty / placed for one that marks none."""
    if location is None:
        return EMPTY
    if not record.places:
        return PLACED
    if location.start is None or location.end is None:
        return WRONG
    span = (location.start, location.end)
    return RIGHT if any(overlaps(span, p) for p in record.places) else WRONG


@dataclass
class Tally:
    """Outcomes of sentences that mark a place (``named``) and of those that mark none (``unnamed``)."""

    named: Counter = field(default_factory=Counter)
    unnamed: Counter = field(default_factory=Counter)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def add(self, record: LocRecord, location: Location | None) -> None:
        result = outcome(location, record)
        (self.named if record.places else self.unnamed)[result] += 1
        missed = result in (WRONG, PLACED) or (result == EMPTY and bool(record.places))
        if missed and len(self.misses) < MISSES_KEPT:
            marked = [record.text[s:e] for s, e in record.places]
            got = location.text if location is not None else None
            why = location.reason if location is not None else ""
            self.misses.append(
                {"line": record.line, "result": result, "marked": marked, "got": got, "reason": why}
            )

    def figures(self) -> dict[str, float | int]:
        n_named, n_unnamed = sum(self.named.values()), sum(self.unnamed.values())
        return {
            "named": n_named,
            "right": _share(self.named[RIGHT], n_named),
            "wrong": _share(self.named[WRONG], n_named),
            "missed": _share(self.named[EMPTY], n_named),
            "unnamed": n_unnamed,
            "empty": _share(self.unnamed[EMPTY], n_unnamed),
        }


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def attachment_tally(records: list[LocRecord], nlp, gazetteer) -> Tally:
    """Place figures with the marked verb as the trigger (the attachment alone)."""
    from eventwire.coding.places import event_place
    from eventwire.coding.places.train import trigger_token

    tally = Tally()
    for record, doc in zip(records, nlp.pipe([r.text for r in records], batch_size=64), strict=True):
        token = trigger_token(doc, record.verb) if record.verb else None
        tally.add(record, event_place(token, gazetteer) if token is not None else None)
    return tally


def coder_tally(
    records: list[LocRecord], code: Callable[[Iterable[tuple[str, str]]], Iterable[tuple[str, list]]]
) -> tuple[int, Tally]:
    """(events found on the marked verb, place figures of those events) with the full coder.

    ``code`` takes (id, text) pairs and yields (id, events) for each.
    """
    by_id = {str(r.line): r for r in records}
    found, tally = 0, Tally()
    for key, events in code((str(r.line), r.text) for r in records):
        record = by_id[key]
        if record.verb is None:
            continue
        hit = next(
            (e for e in events if overlaps((e.trigger.start, e.trigger.end), record.verb)),
            None,
        )
        if hit is not None:
            found += 1
            tally.add(record, hit.location)
    return found, tally


def load_part(path: Path, part: str = CHECK) -> list[LocRecord]:
    """The records of one part that mark an event verb."""
    return [r for r in read_records(path, part) if r.verb is not None]


def evaluate(path: Path, parts: Iterable[str] = (CHECK,), with_coder: bool = True) -> dict[str, Any]:
    """Figures for each part: the attachment alone and, with ``with_coder``, the full coder's events."""
    from eventwire.coding.places import Gazetteer
    from eventwire.nlp import load_model

    nlp = load_model()
    gazetteer = Gazetteer.load()
    coder = _sentence_coder(nlp) if with_coder else None
    result: dict[str, Any] = {"file": str(path), "parts": {}}
    for part in parts:
        records = load_part(path, part)
        attach = attachment_tally(records, nlp, gazetteer)
        section: dict[str, Any] = {"sentences": len(records), "on_marked_verb": attach.figures()}
        misses: dict[str, Any] = {"on_marked_verb": attach.misses}
        if coder is not None:
            found, tally = coder_tally(records, coder)
            section["event_on_verb"] = _share(found, len(records))
            section["given_event"] = tally.figures()
            misses["given_event"] = tally.misses
        result["parts"][part] = section
        result.setdefault("misses", {})[part] = misses
    return result


def _sentence_coder(nlp) -> Callable[[Iterable[tuple[str, str]]], Iterable[tuple[str, list]]]:
    """Code (id, text) pairs as one-sentence articles, like ``eventwire code --sentences``."""
    from eventwire.actors import ActorResolver, KnowledgeBase
    from eventwire.coding import EventCoder
    from eventwire.models import Article

    coder = EventCoder(ActorResolver(KnowledgeBase.load()))

    def run(pairs: Iterable[tuple[str, str]]) -> Iterable[tuple[str, list]]:
        pairs = list(pairs)
        for (key, text), doc in zip(pairs, nlp.pipe([t for _, t in pairs], batch_size=64), strict=True):
            yield key, coder.code(doc, Article(id=key, text=text))

    return run


def format_table(result: dict[str, Any]) -> str:
    """The figures as a Markdown table."""
    lines = [
        "| part | figure | value |",
        "|---|---|---|",
    ]
    for part, section in result["parts"].items():
        lines.append(f"| {part} ({section['sentences']} sentences) | | |")
        if "event_on_verb" in section:
            lines.append(f"| | event found on the marked verb | {section['event_on_verb']:.3f} |")
        for key, title in (("on_marked_verb", "trigger = marked verb"), ("given_event", "coded event on it")):
            if key not in section:
                continue
            f = section[key]
            lines.append(f"| | {title}: place right when one is named (n={f['named']}) | {f['right']:.3f} |")
            lines.append(f"| | {title}: wrong place when one is named | {f['wrong']:.3f} |")
            lines.append(f"| | {title}: no place when one is named | {f['missed']:.3f} |")
            lines.append(f"| | {title}: left empty when none is (n={f['unnamed']}) | {f['empty']:.3f} |")
    return "\n".join(lines)
