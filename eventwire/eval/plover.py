"""Scoring against PLOVER gold-standard records (the OEDA ``PLOVER_GSR`` JSON format).

A gold file is a JSON list of records, each with ``text``, ``date``,
``event`` and ``source``/``target`` lists of ``{actorText, code, sector}``;
a record whose event is ``DOCUMENT`` documents the file and is skipped.

Scoring policy (also printed in the report):

* Labels: the gold sets were coded in PLOVER 0.5; four labels are renamed to
  their PLOVER 2.0 type (``LABEL_MAP``): DEMAND→REQUEST, DISAPPROVE→ACCUSE,
  INVESTIGATE→ACCUSE, FIGHT→ASSAULT.
* A sentence may yield several events. *Type accuracy (any)* counts a sentence
  correct when the gold type is among its events' types; *type accuracy
  (main)* compares the gold type with the sentence's main event only (no event
  = ``NONE``); the confusion matrix is over main events.
* Actors: the *scored event* is the main event if its type is the gold type,
  else the first event of the gold type, else the main event. Its actor and
  recipient codes (see ``eventwire.eval.codes``) are compared with the gold
  source and target code sets, micro-averaged over sentences.
* *Full match*: some event of the sentence has the gold type, exactly the gold
  source codes and exactly the gold target codes.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.eval.coders import BatchCoder, Coded, SentenceInput, coder_errors
from eventwire.eval.codes import gold_code, mention_codes
from eventwire.eval.metrics import PRF, Confusion, set_prf
from eventwire.eval.split import Part, gold_key, in_part
from eventwire.models import Event

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
LABEL_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
NO_EVENT = "NONE"


@dataclass(frozen=True, slots=True)
class PloverGold:
    """One gold sentence, with its label already mapped to PLOVER 2.0."""

    id: str
    text: str
    date: date | None
    event: str
    label: str  # as written in the gold file
    source: frozenset[str]
    target: frozenset[str]


def load_plover_gold(path: Path) -> tuple[list[PloverGold], list[str]]:
    """Read a gold file: the records and any warnings (tolerated oddities).

    Raises ``InputError`` naming the record (index and id) when one is malformed.
    """
    source = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not UTF-8 text ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise InputError(source, f"invalid JSON: {exc.msg}", line=exc.lineno) from exc
    if not isinstance(data, list):
        raise InputError(source, "expected a JSON list of gold records")
    records: list[PloverGold] = []
    warnings: list[str] = []
    for index, raw in enumerate(data):
        record = _parse_record(source, index, raw, warnings)
        if record is not None:
            records.append(record)
    dates = {r.date for r in records}
    if len(records) > 1 and len(dates) == 1 and None not in dates:
        warnings.append(
            f"all {len(records)} records carry the date {dates.pop()} (a placeholder?); "
            "actors are resolved as of that date"
        )
    return records, warnings


def _where(index: int, raw: Any) -> str:
    ident = raw.get("id") if isinstance(raw, dict) else None
    return f"record {index}" + (f" ({ident})" if ident else "")


def _parse_record(source: str, index: int, raw: Any, warnings: list[str]) -> PloverGold | None:
    where = _where(index, raw)
    if not isinstance(raw, dict):
        raise InputError(source, f"{where}: not a JSON object")
    label = raw.get("event")
    if label == "DOCUMENT":
        return None
    if not isinstance(label, str) or not label.strip():
        raise InputError(source, f"{where}: missing 'event' label")
    event = LABEL_MAP.get(label.strip().upper(), label.strip().upper())
    if event not in PLOVER_TYPES:
        raise InputError(source, f"{where}: unknown event type {label!r}")
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, f"{where}: missing 'text'")
    return PloverGold(
        id=str(raw.get("id") or f"record-{index}"),
        text=text.strip(),
        date=_parse_date(source, where, raw.get("date")),
        event=event,
        label=label,
        source=_parse_actors(source, where, "source", raw.get("source"), warnings),
        target=_parse_actors(source, where, "target", raw.get("target"), warnings),
    )


def _parse_date(source: str, where: str, value: Any) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(source, f"{where}: bad date {value!r} (want YYYY-MM-DD)") from None


def _parse_actors(source: str, where: str, role: str, value: Any, warnings: list[str]) -> frozenset[str]:
    if value in (None, ""):
        return frozenset()
    if isinstance(value, str):
        warnings.append(f"{where}: {role} is the string {value!r}, not an actor list; scored as none")
        return frozenset()
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise InputError(source, f"{where}: {role} must be a list of actors")
    codes = set()
    for i, actor in enumerate(value):
        code = actor.get("code") if isinstance(actor, dict) else None
        if not isinstance(code, str) or not code.strip():
            raise InputError(source, f"{where}: {role}[{i}] has no actor 'code'")
        codes.add(gold_code(code))
    return frozenset(codes)


@dataclass(slots=True)
class Produced:
    """What the coder produced for one event, in gold-comparable terms."""

    type: str
    source: list[str]
    target: list[str]
    trigger: str
    main: bool

    @classmethod
    def of(cls, event: Event, main: Event | None) -> Produced:
        return cls(
            event.plover.type,
            sorted(mention_codes(event.actor)),
            sorted(mention_codes(event.recipient)),
            event.trigger.text,
            event is main,
        )


@dataclass(slots=True)
class PloverMiss:
    id: str
    text: str
    gold_type: str
    gold_source: list[str]
    gold_target: list[str]
    wrong: list[str]  # which checks failed: "type", "main-type", "source", "target"
    produced: list[Produced]
    patterns: list[str] = field(default_factory=list)  # see ``error_patterns``


@dataclass(slots=True)
class PloverResult:
    sentences: int
    type_any: int
    type_main: int
    full_match: int
    no_events: int
    source: PRF
    target: PRF
    confusion: Confusion
    misses: list[PloverMiss] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    patterns: Counter[str] = field(default_factory=Counter)

    def rate(self, count: int) -> float:
        return count / self.sentences if self.sentences else 0.0

    def summary(self) -> dict[str, float | int]:
        return {
            "sentences": self.sentences,
            "type_accuracy_any": round(self.rate(self.type_any), 4),
            "type_accuracy_main": round(self.rate(self.type_main), 4),
            "source_f1": round(self.source.f1, 4),
            "target_f1": round(self.target.f1, 4),
            "full_match": round(self.rate(self.full_match), 4),
            "no_events": self.no_events,
        }

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return {
            "summary": self.summary(),
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "label_map": LABEL_MAP,
            "confusion": self.confusion.to_dict(),
            "error_patterns": dict(self.patterns.most_common()),
            "misses": [asdict(m) for m in self.misses],
            "warnings": self.warnings,
        }


def scored_event(gold_type: str, coded: Coded) -> Event | None:
    """The event whose actors are scored: main if it has the gold type, else the first of that type."""
    if coded.main is not None and coded.main.plover.type == gold_type:
        return coded.main
    same = [e for e in coded.events if e.plover.type == gold_type]
    if same:
        return min(same, key=lambda e: e.trigger.start)
    return coded.main


def role_pattern(role: str, gold: frozenset[str], predicted: set[str]) -> str | None:
    """How predicted actor codes differ from gold: missing, wrong, extra or partial (None when equal)."""
    if gold == predicted:
        return None
    if not predicted:
        return f"{role} missing"
    if not gold:
        return f"{role} given, gold has none"
    if predicted - gold and gold - predicted:
        return f"{role} wrong"
    return f"{role} has extra codes" if predicted - gold else f"{role} partial"


def error_patterns(gold: PloverGold, coded: Coded) -> list[str]:
    """Named error patterns of one sentence, to see at a glance what a coder most often gets wrong."""
    if not coded.events:
        return ["no event"]
    types = {e.plover.type for e in coded.events}
    found = []
    if gold.event not in types:
        found.append("gold type not coded")
    elif coded.main is not None and coded.main.plover.type != gold.event:
        found.append("gold type coded, not as main event")
    scored = scored_event(gold.event, coded)
    src = mention_codes(scored.actor) if scored else set()
    tgt = mention_codes(scored.recipient) if scored else set()
    found += [
        p for p in (role_pattern("source", gold.source, src), role_pattern("target", gold.target, tgt)) if p
    ]
    if (src & tgt) - (gold.source & gold.target):  # a domestic event in the gold is no error
        found.append("target repeats the source")
    return found


def _full_match(gold: PloverGold, events: Sequence[Event]) -> bool:
    return any(
        e.plover.type == gold.event
        and mention_codes(e.actor) == gold.source
        and mention_codes(e.recipient) == gold.target
        for e in events
    )


def score_plover(golds: Sequence[PloverGold], coded: Sequence[Coded]) -> PloverResult:
    """Score coder output (one ``Coded`` per gold record, same order) against the gold."""
    if len(golds) != len(coded):
        raise ValueError(f"{len(golds)} gold records but {len(coded)} coded sentences")
    type_any = type_main = full = no_events = 0
    source = target = PRF(0, 0, 0)
    gold_labels: list[str] = []
    main_labels: list[str] = []
    misses: list[PloverMiss] = []
    patterns: Counter[str] = Counter()
    for gold, out in zip(golds, coded, strict=True):
        types = {e.plover.type for e in out.events}
        main_type = out.main.plover.type if out.main is not None else NO_EVENT
        gold_labels.append(gold.event)
        main_labels.append(main_type)
        scored = scored_event(gold.event, out)
        src = mention_codes(scored.actor) if scored else set()
        tgt = mention_codes(scored.recipient) if scored else set()
        src_prf, tgt_prf = set_prf(gold.source, src), set_prf(gold.target, tgt)
        source, target = source + src_prf, target + tgt_prf
        checks = {
            "type": gold.event in types,
            "main-type": main_type == gold.event,
            "source": src == gold.source,
            "target": tgt == gold.target,
        }
        is_full = _full_match(gold, out.events)
        type_any += checks["type"]
        type_main += checks["main-type"]
        full += is_full
        no_events += not out.events
        found = error_patterns(gold, out)
        patterns.update(found)
        if not is_full:
            misses.append(
                PloverMiss(
                    gold.id,
                    gold.text,
                    gold.event,
                    sorted(gold.source),
                    sorted(gold.target),
                    [name for name, ok in checks.items() if not ok],
                    [Produced.of(e, out.main) for e in out.events],
                    found,
                )
            )
    confusion = Confusion.build(gold_labels, main_labels, labels=[*PLOVER_TYPES, NO_EVENT])
    return PloverResult(
        len(golds), type_any, type_main, full, no_events, source, target, confusion, misses, patterns=patterns
    )


def evaluate_plover(path: Path, coder: BatchCoder, part: Part | None = None) -> PloverResult:
    """Load a PLOVER gold file, code every sentence with its date, and score."""
    golds, warnings = load_plover_gold(path)
    golds = in_part(golds, gold_key, part)
    items = [SentenceInput(g.text, g.date, g.id) for g in golds]
    coded = coder(items)
    result = score_plover(golds, coded)
    result.warnings = warnings + coder_errors(items, coded)
    return result
