"""Run PETRARCH's validation records through the PETRARCH-conformance coder and score them.

A record passes when the produced (source, target, CAMEO) triples equal the expected ones and, for the
records that test error detection (``<EventCoding error="dateline">``), the coder reports that error.
A record the coder cannot handle fails with the reason; the run never stops on one record.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from eventwire.coding.petrarch_mode import PetrarchCoder, PetrarchCoding
from eventwire.eval.petrarch import PetrarchResult, ValidationOutcome, ValidationRecord, load_validation_records


def score_conformance(records: Sequence[ValidationRecord], coded: Sequence[PetrarchCoding]) -> PetrarchResult:
    outcomes = []
    for record, out in zip(records, coded, strict=True):
        produced_error = out.error
        if produced_error is not None and produced_error.startswith("coder failed"):
            passed = False
        elif record.error is not None:
            passed = produced_error == record.error and not out.triples
        else:
            passed = out.triples == set(record.expected)
        outcomes.append(
            ValidationOutcome(
                record.id,
                record.category,
                record.text,
                passed,
                sorted(record.expected),
                sorted(out.triples),
                expected_error=record.error,
                produced_error=produced_error,
            )
        )
    return PetrarchResult(outcomes)


def code_records(records: Sequence[ValidationRecord], coder: PetrarchCoder) -> list[PetrarchCoding]:
    """Code each record at its date; a record whose supplied parse is broken gets PETRARCH's error."""
    out = []
    for record in records:
        if record.parse_problem is not None:
            out.append(PetrarchCoding(error=record.parse_problem))
            continue
        out.extend(coder.code_many([(record.text, record.date)]))
    return out


def evaluate_conformance(path: Path, coder: PetrarchCoder) -> PetrarchResult:
    records, warnings = load_validation_records(path)
    result = score_conformance(records, code_records(records, coder))
    result.warnings = warnings + [str(n) for n in coder.dicts.notes]
    failed = [o for o in result.outcomes if o.produced_error and o.produced_error.startswith("coder failed")]
    result.warnings += [f"{o.id}: {o.produced_error}" for o in failed]
    return result
