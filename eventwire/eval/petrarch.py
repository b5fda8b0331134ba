"""PETRARCH-style validation records: the unit-test format of the PETRARCH coders.

A records file holds ``<Sentence date="YYYYMMDD" id="..." category="...">``
elements, each with zero or more ``<EventCoding sourcecode=".." targetcode=".."
eventcode=".."/>`` and a ``<Text>``; ``noevents="True"`` (on the Sentence or on
an EventCoding) means nothing should be coded. Other elements (``<Parse>``,
environment blocks) are ignored.

Real validation files are read the way PETRARCH reads them: a line starting
``<Stop`` ends the file, records marked ``evaluate="false"`` or
``valid="false"`` are skipped, so are records of categories the file's
``<Environment><Include>`` does not list, and XML that does not parse strictly (an
unescaped ``&`` in a ``<Parse>`` block) is read in recovery mode with a
warning. An EventCoding may carry a ``plover="TYPE"`` label; when every coding
of a record has one, the record is also checked on PLOVER types (records without codings are not).

A sentence *passes* when the set of (source, target, CAMEO code) triples we
code equals the expected set, as PETRARCH's own validation does. Our events
are split into triples the CAMEO way: every actor × every recipient, with
``---`` for a missing side; an actor's code is its CAMEO-style ``code``, else
its country.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.eval.coders import BatchCoder, Coded, SentenceInput, coder_errors
from eventwire.models import Event, Mention

Triple = tuple[str, str, str]
NO_ACTOR = "---"
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_STOP = re.compile(r"^<Stop\b", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class ValidationRecord:
    id: str
    category: str
    date: date | None
    text: str
    expected: frozenset[Triple]
    expected_plover: frozenset[str] | None = None  # None when the codings carry no PLOVER labels
    error: str | None = None  # the error PETRARCH must report (<EventCoding error="dateline">)
    parse_problem: str | None = None  # "bad_input_parse" when the record's supplied <Parse> is unbalanced


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"true", "1", "yes"}


def _code(value: str | None) -> str:
    value = (value or "").strip().upper()
    return value or NO_ACTOR


def _parse_date(source: str, where: str, value: str | None) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    for fmt in ("%Y%m%d", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise InputError(source, f"{where}: bad date {value!r} (want YYYYMMDD)")


def load_validation_records(path: Path) -> tuple[list[ValidationRecord], list[str]]:
    """Read the ``<Sentence>`` records of a validation file: the records and any warnings.

    Raises ``InputError`` naming the file and line (unreadable XML) or the
    sentence id (missing text, event code or bad date).
    """
    from lxml import etree

    source = str(path)
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not UTF-8 text ({exc.reason})") from exc
    stop = _STOP.search(raw)
    if stop:
        raw = raw[: stop.start()]
    # Wrap so that files with several top-level <Sentence> elements parse; keep line numbers.
    wrapped = ("<Records>" + _XML_DECL.sub("", raw, count=1) + "</Records>").encode("utf-8")
    warnings: list[str] = []
    try:
        root = etree.fromstring(wrapped)
    except etree.XMLSyntaxError as exc:
        root = etree.fromstring(wrapped, etree.XMLParser(recover=True))
        if root is None:
            raise InputError(source, f"invalid XML: {exc.msg}", line=exc.lineno) from exc
        warnings.append(f"{source}:{exc.lineno}: invalid XML ({exc.msg}); read in recovery mode")
    records, skipped = [], 0
    include = _included_categories(root)
    excluded: Counter[str] = Counter()
    for element in root.iter("Sentence"):
        if any(element.get(flag, "true").strip().lower() == "false" for flag in ("evaluate", "valid")):
            skipped += 1
            continue
        category = (element.get("category") or "").strip()
        if include is not None and category.upper() not in include:
            excluded[category or "uncategorised"] += 1
            continue
        records.append(_parse_sentence(source, element))
    if skipped:
        warnings.append(f"{skipped} records marked evaluate/valid=false were skipped")
    if excluded:
        listed = ", ".join(f"{c} ({n})" for c, n in sorted(excluded.items()))
        warnings.append(
            f"records of categories not in the file's <Include> were skipped (as PETRARCH does): {listed}"
        )
    if not records:
        raise InputError(source, "no <Sentence> records found")
    return records, warnings


def _included_categories(root: Any) -> frozenset[str] | None:
    """The categories a PETRARCH ``<Environment><Include>`` names (None: no Include, all are run)."""
    include = root.find(".//Environment/Include")
    if include is None or not (include.text or "").split():
        return None
    return frozenset(word.upper() for word in (include.text or "").split())


def environment_files(path: Path) -> dict[str, list[Path]]:
    """The dictionaries a validation file's ``<Environment>`` names (Verbfile, Actorfile, Agentfile,
    Discardfile), resolved next to the file; only those that exist. Empty when there is none."""
    from lxml import etree

    found: dict[str, list[Path]] = {}
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return found
    start, end = raw.find("<Environment"), raw.find("</Environment>")
    if start < 0 or end < 0:
        return found
    try:
        env = etree.fromstring(raw[start : end + len("</Environment>")].encode("utf-8"))
    except etree.XMLSyntaxError:
        return found
    for tag, kind in (
        ("Verbfile", "verbs"),
        ("Actorfile", "actors"),
        ("Agentfile", "agents"),
        ("Discardfile", "discards"),
    ):
        for element in env.iter(tag):
            candidate = Path(path).parent / (element.text or "").strip()
            if (element.text or "").strip() and candidate.is_file():
                found.setdefault(kind, []).append(candidate)
    return found


def _parse_sentence(source: str, element: Any) -> ValidationRecord:
    ident = element.get("id") or f"line {element.sourceline}"
    where = f"sentence {ident}"
    text_el = element.find("Text")
    text = " ".join((text_el.text or "").split()) if text_el is not None else ""
    if not text:
        raise InputError(source, f"{where}: missing <Text>", line=element.sourceline)
    expected: set[Triple] = set()
    plover: set[str] = set()
    unlabelled = False
    no_events = _truthy(element.get("noevents"))
    error: str | None = None
    for coding in element.iter("EventCoding"):
        if _truthy(coding.get("noevents")):
            no_events = True
            continue
        if (coding.get("error") or "").strip():
            error = coding.get("error").strip()
            continue
        event_code = (coding.get("eventcode") or "").strip()
        if not event_code:
            raise InputError(source, f"{where}: EventCoding without eventcode", line=coding.sourceline)
        expected.add((_code(coding.get("sourcecode")), _code(coding.get("targetcode")), event_code))
        label = (coding.get("plover") or "").strip().upper()
        plover.add(label)
        unlabelled = unlabelled or not label
    if no_events and expected:
        raise InputError(source, f"{where}: noevents=True but EventCodings given", line=element.sourceline)
    return ValidationRecord(
        id=ident,
        category=(element.get("category") or "").strip() or "uncategorised",
        date=_parse_date(source, where, element.get("date")),
        text=text,
        expected=frozenset(expected),
        expected_plover=None if unlabelled or not plover else frozenset(plover),
        error=error,
        parse_problem=_parse_problem(element),
    )


def _parse_problem(element: Any) -> str | None:
    """PETRARCH's ``bad_input_parse``: the supplied ``<Parse>`` has unbalanced brackets."""
    parse = element.find("Parse")
    if parse is None or not (parse.text or "").strip():
        return None
    depth = 0
    for char in parse.text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return "bad_input_parse"
    return "bad_input_parse" if depth else None


def _actor_code(mention: Mention) -> str:
    return _code(mention.code or mention.country)


def event_triples(events: Sequence[Event]) -> set[Triple]:
    """CAMEO-style (source, target, event code) triples: every actor × every recipient."""
    triples = set()
    for event in events:
        sources = [_actor_code(m) for m in event.actor] or [NO_ACTOR]
        targets = [_actor_code(m) for m in event.recipient] or [NO_ACTOR]
        triples.update((s, t, event.cameo.code) for s in sources for t in targets)
    return triples


def plover_types(events: Sequence[Event]) -> set[str]:
    """The PLOVER types of ``events``."""
    return {e.plover.type for e in events}


@dataclass(slots=True)
class ValidationOutcome:
    id: str
    category: str
    text: str
    passed: bool
    expected: list[Triple]
    produced: list[Triple]
    plover_passed: bool | None = None  # None when the record has no PLOVER labels
    expected_error: str | None = None
    produced_error: str | None = None


@dataclass(slots=True)
class PetrarchResult:
    outcomes: list[ValidationOutcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def by_category(self) -> dict[str, tuple[int, int]]:
        """category → (passed, total), categories sorted by name."""
        total = Counter(o.category for o in self.outcomes)
        passed = Counter(o.category for o in self.outcomes if o.passed)
        return {c: (passed[c], total[c]) for c in sorted(total)}

    def summary(self) -> dict[str, float | int]:
        n = len(self.outcomes)
        ok = sum(o.passed for o in self.outcomes)
        summary: dict[str, float | int] = {
            "sentences": n,
            "passed": ok,
            "pass_rate": round(ok / n, 4) if n else 0.0,
        }
        labelled = [o.plover_passed for o in self.outcomes if o.plover_passed is not None]
        if labelled:
            summary["plover_checked"] = len(labelled)
            summary["plover_pass_rate"] = round(sum(labelled) / len(labelled), 4)
        return summary

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "categories": {
                c: {"passed": p, "total": t, "pass_rate": round(p / t, 4)}
                for c, (p, t) in self.by_category().items()
            },
            "failures": [asdict(o) for o in self.outcomes if not o.passed],
            "warnings": self.warnings,
        }


def score_petrarch(records: Sequence[ValidationRecord], coded: Sequence[Coded]) -> PetrarchResult:
    """Compare each record's expected triples with the coded ones (same order)."""
    if len(records) != len(coded):
        raise ValueError(f"{len(records)} records but {len(coded)} coded sentences")
    outcomes = []
    for record, out in zip(records, coded, strict=True):
        produced = event_triples(out.events)
        outcomes.append(
            ValidationOutcome(
                record.id,
                record.category,
                record.text,
                produced == record.expected,
                sorted(record.expected),
                sorted(produced),
                None
                if record.expected_plover is None
                else plover_types(out.events) == record.expected_plover,
            )
        )
    return PetrarchResult(outcomes)


def evaluate_petrarch(path: Path, coder: BatchCoder) -> PetrarchResult:
    """Load validation records, code each sentence with its date, and score."""
    records, warnings = load_validation_records(path)
    items = [SentenceInput(r.text, r.date, r.id) for r in records]
    coded = coder(items)
    result = score_petrarch(records, coded)
    result.warnings = warnings + coder_errors(items, coded)
    return result
