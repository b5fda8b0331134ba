"""What a follower shows: a live table per source on a terminal (rich), else one line per source and poll;
and the table of ``eventwire sources``."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.live import Live
    from rich.table import Table

    from eventwire.follow.follower import SourceStats
    from eventwire.follow.state import SourceStatus

COLUMNS = ("source", "kind", "new links", "fetched", "stored", "events", "duplicates", "skipped", "failed",
           "status")  # fmt: skip


def poll_line(stats: SourceStats) -> str:
    """One line about one poll of one source."""
    head = f"{stats.url} ({stats.kind or 'unknown kind'})"
    if stats.error:
        return f"{head}: failed: {stats.error}"
    return (
        f"{head}: {stats.listed} new links, {stats.fetched} fetched, {stats.stored} stored, "
        f"{stats.events} events, {stats.duplicates} duplicates, {stats.skipped} skipped, "
        f"{stats.failed} failed"
    )


def stats_table(stats: list[SourceStats], title: str) -> Table:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for name in COLUMNS:
        table.add_column(name, justify="left" if name in ("source", "kind", "status") else "right")
    for s in stats:
        table.add_row(s.url, s.kind or "?", str(s.listed), str(s.fetched), str(s.stored), str(s.events),
                      str(s.duplicates), str(s.skipped), str(s.failed), s.error or s.status)  # fmt: skip
    return table


class FollowView:
    """A live per-source table while following (only on a terminal), and one line per source per poll."""

    def __init__(self, stream: TextIO | None = None, live: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.live_enabled = self.stream.isatty() if live is None else live
        self._live: Live | None = None
        self.poll = 0

    def start_poll(self, number: int) -> None:
        self.poll = number
        if self.live_enabled and self._live is None:
            from rich.console import Console
            from rich.live import Live

            self._live = Live(console=Console(file=self.stream), auto_refresh=False, transient=True)
            self._live.start()

    def update(self, stats: list[SourceStats]) -> None:
        if self._live is not None:
            self._live.update(stats_table(stats, f"eventwire follow: poll {self.poll}"), refresh=True)

    def end_poll(self, stats: list[SourceStats]) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None
        when = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        for item in stats:
            self.stream.write(f"poll {self.poll} at {when}: {poll_line(item)}\n")
        self.stream.flush()


def sources_table(rows: list[SourceStatus]) -> Table:
    from rich.table import Table

    table = Table(title="followed sources", title_justify="left")
    for name in ("source", "kind", "last poll (UTC)", "last ok (UTC)", "new (last poll)", "new (total)",
                 "failures (last poll)", "failures (total)", "last error"):  # fmt: skip
        table.add_column(name)
    for r in rows:
        counts = (r.last_new, r.total_new, r.last_failures, r.total_failures)
        table.add_row(r.url, r.kind or "?", _when(r.last_poll), _when(r.last_ok), *map(str, counts),
                      r.last_error or "")  # fmt: skip
    return table


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else "never"
