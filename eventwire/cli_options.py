"""Small helpers shared by the stages' command-line modules."""

from __future__ import annotations

from datetime import date

import typer

DATE_ORDER_HELP = (
    "How to read all-numeric metadata dates such as 5/9/21: DMY, MDY or YMD. Without it such a date, "
    "whose day and month could be swapped, is refused: that record is skipped with the reason."
)


def parse_date_order(value: str | None) -> str | None:
    """A ``--date-order`` value (DMY, MDY, YMD; any case), or a clear usage error."""
    from eventwire.ingest.dates import check_date_order

    try:
        return check_date_order(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


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
