"""The accuracy report: ``reports/accuracy.md`` with figures, date, commit and command."""

from __future__ import annotations

import math
import subprocess
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from eventwire.eval.runner import Section
from eventwire.eval.tables import fmt, to_markdown

SILVER_KEYS = ("type_f1", "false_alarm_rate", "event_sentence_f1", "source_f1", "target_f1")
SUMMARY_KEYS = {
    "plover": ("type_accuracy_any", "type_accuracy_main", "source_f1", "target_f1", "full_match"),
    "quad": ("accuracy", "macro_f1"),
    "petrarch": ("pass_rate",),
    "voa": SILVER_KEYS,
    "eventloc": SILVER_KEYS,
}

# The project's accuracy targets (issues 2, 5 and 13), quoted on the check parts: (evaluation, figure) →
# minimum; MAXIMA are ceilings.
TARGETS = {
    ("plover-check", "type_accuracy_main"): 0.85,
    ("plover-check", "source_f1"): 0.80,
    ("plover-check", "target_f1"): 0.80,
    ("quad-check", "macro_f1"): 0.80,
    ("voa-check", "type_f1"): 0.75,
    ("extraction-flattened", "f1"): 0.93,
}
MAXIMA = {("voa-check", "false_alarm_rate"): 0.10}
# The HTML path must come within this of plain trafilatura on the same pages.
BASELINE_MARGIN = 0.01


def _down(value: float) -> str:
    """Four decimals, rounded down: a value just under a target must not print as the target."""
    return f"{math.floor(value * 10_000) / 10_000:.4f}"


def target_rows(sections: Sequence[Section]) -> list[list[str]]:
    """One row per target that applies to a section: evaluation, figure, value, target, met."""
    rows = []
    for s in sections:
        summary = s.result.get("summary", s.result)
        for (name, key), minimum in TARGETS.items():
            if name == s.name and isinstance(summary.get(key), int | float):
                value = float(summary[key])
                rows.append(
                    [s.name, key, _down(value), f"≥ {minimum:.2f}", "yes" if value >= minimum else "no"]
                )
        for (name, key), maximum in MAXIMA.items():
            if name == s.name and isinstance(summary.get(key), int | float):
                value = float(summary[key])
                rows.append(
                    [s.name, key, f"{value:.4f}", f"≤ {maximum:.2f}", "yes" if value <= maximum else "no"]
                )
        baseline = s.result.get("baseline")
        if s.name == "extraction-html" and isinstance(baseline, dict) and "f1" in s.result:
            value, floor = float(s.result["f1"]), float(baseline["f1"]) - BASELINE_MARGIN
            rows.append([s.name, "f1", _down(value), f"≥ baseline − {BASELINE_MARGIN} = {floor:.4f}",
                         "yes" if value >= floor else "no"])  # fmt: skip
    return rows


def git_commit(cwd: Path | None = None) -> str:
    """The current commit (short hash); '+ uncommitted changes' when files under ``cwd`` differ from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"], cwd=cwd, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", "."],
            cwd=cwd, capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return f"{head} + uncommitted changes" if dirty else head


def headline(section: Section) -> str:
    """The key figures of a section on one line."""
    summary = section.result.get("summary", section.result)
    kind = section.name.removesuffix("-check").removesuffix("-tune")
    keys = SUMMARY_KEYS.get(kind) or [k for k, v in summary.items() if isinstance(v, float)]
    figures = [f"{k} {fmt(summary[k])}" for k in keys if k in summary]
    baseline = section.result.get("baseline")
    if isinstance(baseline, dict) and "f1" in baseline:
        figures.append(f"baseline ({baseline.get('name', 'baseline')}) f1 {fmt(baseline['f1'])}")
    return ", ".join(figures)


def render_report(sections: Sequence[Section], command: str, commit: str, when: datetime) -> str:
    """The Markdown report text."""
    lines = [
        "# eventwire accuracy report",
        "",
        f"- date: {when.strftime('%Y-%m-%d %H:%M UTC')}",
        f"- commit: {commit}",
        f"- command: `{command}`",
        "",
        "Gold sets are for measuring only: by project rule nothing is trained on them and no "
        "sentence of theirs is special-cased.",
        "",
        "## Summary",
        "",
        "| evaluation | file | items | seconds | figures |",
        "|---|---|---|---|---|",
    ]
    for s in sections:
        lines.append(f"| {s.name} | `{s.path}` | {s.items} | {s.seconds:.1f} | {headline(s)} |")
    if not sections:
        lines.append("| (no dev sets found) | | | | |")
    targets = target_rows(sections)
    if targets:
        lines += [
            "",
            "## Targets",
            "",
            "| evaluation | figure | value | target | met |",
            "|---|---|---|---|---|",
        ]
        lines += ["| " + " | ".join(row) + " |" for row in targets]
    for s in sections:
        lines += ["", f"## {s.name}: `{s.path}`", ""]
        lines += [f"- {note}" for note in s.notes]
        lines.append("")
        lines += [to_markdown(t) for t in s.tables]
    return "\n".join(lines).rstrip() + "\n"


def write_report(path: Path, sections: Sequence[Section], command: str) -> None:
    """Write the report, stamped with the current UTC time and the git commit of the eventwire package."""
    path.parent.mkdir(parents=True, exist_ok=True)
    package = Path(__file__).resolve().parent.parent
    text = render_report(sections, command, git_commit(package), datetime.now(UTC))
    path.write_text(text, encoding="utf-8")
