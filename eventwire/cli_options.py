"""Small helpers shared by the stages' command-line modules."""

from __future__ import annotations

from datetime import date

import typer


def parse_day(value: str | None) -> date | None:
    """A ``--date`` option value as a date; a clear usage error when it is not YYYY-MM-DD."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from exc
