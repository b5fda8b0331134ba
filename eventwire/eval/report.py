"""The accuracy report: ``reports/accuracy.md`` with figures, date, commit and command."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from eventwire.eval.runner import Section
from eventwire.eval.tables import fmt, to_markdown

SUMMARY_KEYS = {
    "plover": ("type_accuracy_any", "type_accuracy_main", "source_f1", "target_f1", "full_match"),
    "quad": ("accuracy", "macro_f1"),
    "petrarch": ("pass_rate",),
}


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
    keys = SUMMARY_KEYS.get(section.name) or [k for k, v in summary.items() if isinstance(v, float)]
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
        "Gold sets are used for measuring only; nothing in eventwire is trained on or tuned to "
        "their sentences.",
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
