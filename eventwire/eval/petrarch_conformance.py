"""Run PETRARCH's validation records through the PETRARCH-conformance coder and score them.

A record passes when the produced (source, target, CAMEO) triples equal the expected ones and, for the
records that test error detection (``<EventCoding error="dateline">``), the coder reports that error.
A record the coder cannot handle fails with the reason; the run never stops on one record.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.coding.petrarch_mode import PetrarchCoder, PetrarchCoding
from eventwire.eval.petrarch import (
    PetrarchResult,
    ValidationOutcome,
    ValidationRecord,
    load_validation_records,
)

if TYPE_CHECKING:
    from eventwire.eval.runner import Section


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


def load_conformance_coder(
    actors: Sequence[Path], agents: Sequence[Path], verbs: Sequence[Path], discards: Sequence[Path]
) -> PetrarchCoder:
    """The PETRARCH-conformance coder: only these dictionaries, eventwire's spaCy model for the parse."""
    from eventwire.coding.petrarch_dicts import load_dictionaries
    from eventwire.nlp import load_model
    from eventwire.pipeline import UNUSED_COMPONENTS

    dictionaries = load_dictionaries(actors, agents, verbs, discards)
    return PetrarchCoder(load_model(disable=UNUSED_COMPONENTS), dictionaries)


def conformance_section(path: Path, coder: PetrarchCoder, misses: int = 15) -> Section:
    from eventwire.eval.runner import Section
    from eventwire.eval.tables import petrarch_tables

    start = time.perf_counter()
    result = evaluate_conformance(path, coder)
    notes = [
        "PETRARCH-conformance mode: only the given dictionaries, eventwire's spaCy parse (not the records' "
        "<Parse>). A record passes when the (source, target, code) triples equal the expected set and "
        "an expected error (dateline, discard, bad_input_parse) is the one reported.",
        *result.warnings,
    ]
    return Section(
        "petrarch-conformance", str(path), time.perf_counter() - start, len(result.outcomes),
        result.to_dict(), petrarch_tables(result, misses), notes,
    )  # fmt: skip


def failures_markdown(data: dict[str, Any], command: str) -> str:
    """Per-category pass rates and every failed record, expected vs produced, as Markdown.

    ``data`` is ``PetrarchResult.to_dict()`` (what ``--json`` writes)."""
    from eventwire.eval.tables import answer_text

    summary = data["summary"]
    lines = [
        "# PETRARCH validation suite: failures",
        "",
        f"Command: `{command}`",
        "",
        f"Passed {summary['passed']} of {summary['sentences']} records ({summary['pass_rate']:.3f}).",
        "",
        "| category | passed | total | pass rate |",
        "|---|---:|---:|---:|",
    ]
    for category, figures in data["categories"].items():
        lines.append(
            f"| {category} | {figures['passed']} | {figures['total']} | {figures['pass_rate']:.3f} |"
        )
    lines += [
        "",
        "## Failed records",
        "",
        "| id | category | text | expected | produced |",
        "|---|---|---|---|---|",
    ]
    for o in data["failures"]:
        expected = answer_text([tuple(t) for t in o["expected"]], o.get("expected_error"))
        produced = answer_text([tuple(t) for t in o["produced"]], o.get("produced_error"))
        cells = [o["id"], o["category"], o["text"], expected, produced]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    if data.get("warnings"):
        lines += ["", "## Dictionary notes and warnings", ""] + [f"- {w}" for w in data["warnings"]]
    return "\n".join(lines) + "\n"
