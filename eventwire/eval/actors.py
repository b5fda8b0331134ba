"""Look-up test suite of the actor knowledge base: (name, date) → (country, sector) cases.

A case file is tab-separated with the header ``query date country sector kind region`` (see
``eventwire/actors/data/curated/README.md``). Each query is resolved with ``ActorResolver.resolve_name`` as
of its date; a case passes when the chosen candidate has the expected country and sector. ``country`` may
be ``IGO:<ORG>`` to check the organisation too (``IGO:UNO``); ``-`` in both country and sector means the
name must stay unresolved (a namesake or a demonym must not decide it). Rates are reported overall, per
region and per kind. A malformed row is reported with its file and line and left out; the rest carry on.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.errors import InputError

COLUMNS = ("query", "date", "country", "sector", "kind", "region")
KINDS = (
    "head_of_state",
    "head_of_government",
    "minister",
    "military",
    "opposition",
    "igo_official",
    "armed_group",
    "other",
)
DEFAULT_CASES = Path(__file__).resolve().parents[2] / "tests" / "actors" / "cases"
NONE = "-"


@dataclass(frozen=True, slots=True)
class ActorCase:
    query: str
    date: date
    country: str  # ISO alpha-3, IGO, IMG …, or "-" (must stay unresolved)
    org: str | None  # for IGO:<ORG>
    sector: str
    kind: str
    region: str
    where: str  # file:line


@dataclass(slots=True)
class CaseOutcome:
    case: ActorCase
    ok: bool
    country: str | None
    sector: str | None
    org: str | None
    name: str | None
    why: str

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["case"]["date"] = self.case.date.isoformat()
        return out


@dataclass(slots=True)
class ActorEvalResult:
    outcomes: list[CaseOutcome] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # rows left out, one line each

    @property
    def rate(self) -> float:
        return sum(o.ok for o in self.outcomes) / len(self.outcomes) if self.outcomes else 0.0

    def rates(self, by: str) -> dict[str, tuple[int, int]]:
        """(passed, total) per value of the case field ``by`` ("region" or "kind")."""
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for o in self.outcomes:
            cell = counts[getattr(o.case, by)]
            cell[0] += o.ok
            cell[1] += 1
        return {k: (v[0], v[1]) for k, v in sorted(counts.items())}

    def to_dict(self) -> dict[str, Any]:
        return {
            "cases": len(self.outcomes),
            "passed": sum(o.ok for o in self.outcomes),
            "rate": round(self.rate, 4),
            "by_region": {k: {"passed": p, "total": t} for k, (p, t) in self.rates("region").items()},
            "by_kind": {k: {"passed": p, "total": t} for k, (p, t) in self.rates("kind").items()},
            "misses": [o.to_dict() for o in self.outcomes if not o.ok],
            "problems": self.problems,
        }


def case_files(targets: Iterable[Path]) -> list[Path]:
    """The ``*.tsv`` files of the given files and folders, in name order within a folder."""
    files: list[Path] = []
    for target in targets:
        if target.is_dir():
            files += sorted(target.glob("*.tsv"))
        elif target.is_file():
            files.append(target)
        else:
            raise InputError(str(target), "no such case file or folder")
    return files


def read_cases(path: Path, problems: list[str]) -> list[ActorCase]:
    """The cases of one file; each malformed row is appended to ``problems`` (file:line: reason)."""
    cases = []
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(rows, None)
        if header is None or tuple(h.strip().lower() for h in header[: len(COLUMNS)]) != COLUMNS:
            raise InputError(str(path), f"header must be {' '.join(COLUMNS)} (tab-separated)", 1)
        for line, row in enumerate(rows, start=2):
            if not any(cell.strip() for cell in row) or row[0].startswith("#"):
                continue
            try:
                cases.append(_case(row, f"{path}:{line}"))
            except ValueError as exc:
                problems.append(f"{path}:{line}: {exc}")
    return cases


def _case(row: list[str], where: str) -> ActorCase:
    if len(row) < len(COLUMNS):
        raise ValueError(f"{len(row)} columns, want {len(COLUMNS)}")
    query, day, country, sector, kind, region = (c.strip() for c in row[: len(COLUMNS)])
    if not query:
        raise ValueError("empty query")
    try:
        when = date.fromisoformat(day)
    except ValueError:
        raise ValueError(f"bad date {day!r} (want YYYY-MM-DD)") from None
    country, _, org = country.upper().partition(":")
    if country != NONE and (len(country) != 3 or not country.isalpha()):
        raise ValueError(f"bad country {country!r} (ISO alpha-3, IGO, IGO:ORG, IMG or -)")
    sector = sector.upper()
    if (country == NONE) != (sector == NONE):
        raise ValueError("'-' (must stay unresolved) goes in both country and sector")
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
    if not region:
        raise ValueError("empty region")
    return ActorCase(query, when, country, org or None, sector, kind, region, where)


def evaluate(cases: Sequence[ActorCase], resolver: Any, problems: list[str] | None = None) -> ActorEvalResult:
    """Resolve every case with ``resolver`` (an ``ActorResolver``) as of its date."""
    result = ActorEvalResult(problems=list(problems or []))
    for case in cases:
        res = resolver.resolve_name(case.query, case.date)
        chosen = res.chosen
        country = chosen.country if chosen else None
        sector = chosen.sector if chosen else None
        org = chosen.org if chosen else None
        if case.country == NONE:
            ok = country is None
        else:
            ok = (country, sector) == (case.country, case.sector) and (case.org is None or org == case.org)
        result.outcomes.append(
            CaseOutcome(case, ok, country, sector, org, chosen.name if chosen else None, res.why)
        )
    return result


def run(targets: Iterable[Path], resolver: Any) -> ActorEvalResult:
    """Read every case file of ``targets`` and evaluate them."""
    problems: list[str] = []
    cases: list[ActorCase] = []
    for path in case_files(targets):
        cases += read_cases(path, problems)
    return evaluate(cases, resolver, problems)


def actor_tables(result: ActorEvalResult, misses: int = 20) -> list[Any]:
    """Summary, per-region and per-kind tables, and the first ``misses`` misses."""
    from eventwire.eval.tables import Table, fmt

    def rate_rows(rates: dict[str, tuple[int, int]]) -> list[list[str]]:
        return [[k, str(p), str(t), fmt(p / t if t else 0.0)] for k, (p, t) in rates.items()]

    passed = sum(o.ok for o in result.outcomes)
    tables = [
        Table(
            "Actor look-up cases",
            ["metric", "value"],
            [
                ["cases", str(len(result.outcomes))],
                ["passed", str(passed)],
                ["pass rate", fmt(result.rate)],
                ["rows left out", str(len(result.problems))],
            ],
        ),
        Table(
            "Pass rate per region", ["region", "passed", "cases", "rate"], rate_rows(result.rates("region"))
        ),
        Table("Pass rate per kind", ["kind", "passed", "cases", "rate"], rate_rows(result.rates("kind"))),
    ]
    missed = [o for o in result.outcomes if not o.ok][:misses]
    if missed:
        tables.append(
            Table(
                f"Misses (first {len(missed)})",
                ["query", "date", "want", "got", "why", "case"],
                [
                    [
                        o.case.query,
                        o.case.date.isoformat(),
                        _label(o.case.country, o.case.org, o.case.sector),
                        _label(o.country, o.org, o.sector) + (f" ({o.name})" if o.name else ""),
                        o.why,
                        o.case.where,
                    ]
                    for o in missed
                ],
            )
        )
    return tables


def _label(country: str | None, org: str | None, sector: str | None) -> str:
    if country in (None, NONE):
        return "unresolved"
    return f"{country}{':' + org if org else ''} {sector or '-'}"
