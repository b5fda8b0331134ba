"""A rich progress bar for batch runs: articles/s and ETA; silent when not on a terminal."""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    """Items (articles, partitions) per second, from rich's smoothed speed estimate."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        shown = f"{speed:.1f}" if speed else "–"
        return Text(f"{shown} {self.unit}/s", style="progress.data.speed")


def is_terminal(*streams: TextIO) -> bool:
    """True when every stream is an interactive terminal."""
    return all(getattr(s, "isatty", lambda: False)() for s in streams)


def make_progress(
    total: int | None, enabled: bool | None = None, unit: str = "articles"
) -> tuple[Progress, int]:
    """A started-ready progress bar on stderr and its task id; disabled unless stdout and stderr are ttys."""
    if enabled is None:
        enabled = is_terminal(sys.stdout, sys.stderr)
    progress = Progress(
        TextColumn("[bold]coding"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(unit),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[events]} events"),
        console=Console(file=sys.stderr),
        disable=not enabled,
        transient=False,
    )
    task = progress.add_task("coding", total=total, events=0)
    return progress, task
