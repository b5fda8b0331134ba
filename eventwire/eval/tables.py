"""Results as plain tables, rendered to the terminal (rich) or to Markdown (the report).

Each result type has a ``*_tables`` function returning ``Table``s, so the
console output and ``reports/accuracy.md`` always show the same figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from eventwire.eval.metrics import Confusion

if TYPE_CHECKING:
    from rich.console import Console

    from eventwire.eval.petrarch import PetrarchResult
    from eventwire.eval.plover import PloverResult
    from eventwire.eval.quad import QuadResult
    from eventwire.eval.silver import SilverResult


@dataclass(slots=True)
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]


def fmt(value: Any) -> str:
    """Floats to three decimals, everything else as text."""
    if isinstance(value, float):
        return f"{value:.3f}"
    if value is None:
        return ""
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(fmt(v) for v in value) or "–"
    return str(value)


def summary_table(title: str, summary: Mapping[str, Any]) -> Table:
    return Table(title, ["metric", "value"], [[k, fmt(v)] for k, v in summary.items()])


def confusion_table(title: str, confusion: Confusion, names: Mapping[str, str] | None = None) -> Table:
    """Rows are gold labels, columns predicted labels, plus per-gold-label recall/F1."""
    gold = confusion.gold_labels()
    headers = ["gold \\ predicted", *confusion.labels, "n", "P", "R", "F1"]
    rows = []
    for label in gold:
        prf = confusion.label_prf(label)
        row = confusion.row(label)
        name = f"{label} {names[label]}" if names and label in names else label
        rows.append([name, *(str(n) if n else "·" for n in row), str(sum(row)), *map(fmt, _prf(prf))])
    return Table(title, headers, rows)


def _prf(prf: Any) -> list[float]:
    return [prf.precision, prf.recall, prf.f1]


def plover_tables(result: PloverResult, misses: int = 15) -> list[Table]:
    tables = [
        summary_table("PLOVER gold records", result.summary()),
        Table(
            "PLOVER actors (country codes, micro-averaged)",
            ["role", "tp", "fp", "fn", "P", "R", "F1"],
            [
                [role, str(prf.tp), str(prf.fp), str(prf.fn), *map(fmt, _prf(prf))]
                for role, prf in (("source", result.source), ("target", result.target))
            ],
        ),
        confusion_table("PLOVER event type: gold vs main event", result.confusion),
    ]
    if result.patterns:
        tables.append(
            Table(
                "PLOVER error patterns (sentences; the scored event's actors)",
                ["pattern", "sentences", "share"],
                [[k, str(n), fmt(result.rate(n))] for k, n in result.patterns.most_common()],
            )
        )
    if misses and result.misses:
        rows = []
        for miss in result.misses[:misses]:
            produced = "; ".join(
                f"{'*' if p.main else ''}{p.type} {fmt(p.source)}→{fmt(p.target)} '{p.trigger}'"
                for p in miss.produced
            )
            gold = f"{miss.gold_type} {fmt(miss.gold_source)}→{fmt(miss.gold_target)}"
            rows.append([miss.id, miss.text, gold, produced or "(no event)", ", ".join(miss.wrong)])
        title = f"PLOVER misses (first {len(rows)} of {len(result.misses)}; * = main event)"
        tables.append(Table(title, ["id", "text", "gold", "produced", "wrong"], rows))
    return tables


def quad_tables(result: QuadResult, misses: int = 15) -> list[Table]:
    from eventwire.eval.quad import QUAD_NAMES

    tables = [
        summary_table("Quad class", result.summary()),
        confusion_table("Quad class: gold vs main event", result.confusion, QUAD_NAMES),
    ]
    causes = result.miss_causes().most_common(12)
    if causes:
        rows = [[f"{g} {QUAD_NAMES[g]}", t, str(n)] for (g, t), n in causes]
        tables.append(
            Table("Quad misses by gold class and main event type", ["gold", "main event", "n"], rows)
        )
    if misses and result.misses:
        rows = [[str(m.line), m.text, m.gold, m.predicted, m.main or "(no event)"] for m in result.misses]
        title = f"Quad misses (first {min(misses, len(rows))} of {len(rows)})"
        tables.append(Table(title, ["line", "text", "gold", "predicted", "main event"], rows[:misses]))
    return tables


def silver_tables(result: SilverResult, misses: int = 15) -> list[Table]:
    summary = {
        "sentences": result.sentences,
        "sentences with a silver event": result.event_sentences,
        **result.summary(),
    }
    per_type = Table(
        "Per type (sentence level)",
        ["type", "precision", "recall", "F1", "tp", "fp", "fn"],
        [
            [t, *map(fmt, _prf(prf)), str(prf.tp), str(prf.fp), str(prf.fn)]
            for t, prf in result.per_type.items()
        ],
    )
    shown = Table(
        f"Sentences whose types differ (first {misses})",
        ["id", "sentence", "silver", "coded"],
        [[m["id"], m["text"], fmt(m["gold"]), fmt(m["ours"])] for m in result.misses[:misses]],
    )
    return [summary_table("Summary", summary), per_type, shown]


def petrarch_tables(result: PetrarchResult, failures: int = 15) -> list[Table]:
    rows = [[c, str(p), str(t), fmt(p / t)] for c, (p, t) in result.by_category().items()]
    summary = result.summary()
    rows.append(["all", str(summary["passed"]), str(summary["sentences"]), fmt(summary["pass_rate"])])
    tables = [Table("PETRARCH validation records", ["category", "passed", "total", "pass rate"], rows)]
    if "plover_checked" in summary:
        plover = {k: summary[k] for k in ("plover_checked", "plover_pass_rate")}
        tables.append(summary_table("PLOVER types on records with PLOVER labels", plover))
    failed = [o for o in result.outcomes if not o.passed]
    if failures and failed:
        tables.append(
            Table(
                f"Failed records (first {min(failures, len(failed))} of {len(failed)})",
                ["id", "text", "expected", "produced"],
                [
                    [
                        o.id,
                        o.text,
                        answer_text(o.expected, o.expected_error),
                        answer_text(o.produced, o.produced_error),
                    ]
                    for o in failed[:failures]
                ],
            )
        )
    return tables


def _triples(triples: Sequence[tuple[str, str, str]]) -> str:
    return "; ".join(" ".join(t) for t in triples)


def answer_text(triples: Sequence[tuple[str, str, str]], error: str | None) -> str:
    """Triples, or ``error: NAME`` for a record whose (expected or produced) answer is an error."""
    parts = [_triples(triples)] if triples else []
    if error:
        parts.append(f"error: {error}")
    return "; ".join(parts) or "(none)"


def print_tables(tables: Sequence[Table], console: Console | None = None) -> None:
    """Print tables with rich."""
    from rich.console import Console
    from rich.table import Table as RichTable

    console = console or Console()
    for table in tables:
        rich_table = RichTable(title=table.title, title_justify="left")
        numeric = [all(_numeric(row[i]) for row in table.rows) for i in range(len(table.headers))]
        for header, is_number in zip(table.headers, numeric, strict=True):
            rich_table.add_column(header, overflow="fold", justify="right" if is_number else "left")
        for row in table.rows:
            rich_table.add_row(*row)
        console.print(rich_table)


def _numeric(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return cell in ("·", "")
    return True


def _md_cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def to_markdown(table: Table, level: int = 3) -> str:
    """One table as a Markdown heading plus pipe table."""
    lines = [f"{'#' * level} {table.title}", ""]
    lines.append("| " + " | ".join(_md_cell(h) for h in table.headers) + " |")
    lines.append("|" + "|".join("---" for _ in table.headers) + "|")
    lines.extend("| " + " | ".join(_md_cell(c) for c in row) + " |" for row in table.rows)
    return "\n".join(lines) + "\n"
