"""Small helpers shared by the stages' command-line modules."""

from __future__ import annotations

from datetime import date

import typer


def parse_day(value: str | None) -> date | None:
    """A ``--date`` option value as a date; a clear usage error when it is not YYYY-MM-DD or implausible."""
    from eventwire.ingest.dates import user_datetime

    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from exc
    try:
        user_datetime(day)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    return day
