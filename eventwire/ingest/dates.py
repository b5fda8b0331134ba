"""Publication dates from metadata: parsed strictly, never guessed, and only plausible ones kept.

A publication date is plausible from 1900-01-01 (no news corpus eventwire reads is older; older
dates are typos such as 0201 or placeholders such as 0001-01-01) up to two days past the current UTC
time: a publisher's local time, which is kept, runs up to 14 hours ahead of UTC, and a day more
allows for clocks and time-stamped embargoes. A later date (9999-12-31 is a common "never"
placeholder) is a mistake, and date arithmetic on it overflows further on.
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

EARLIEST = datetime(1900, 1, 1)
FUTURE_MARGIN = timedelta(days=2)
SIDECAR_SUFFIX = ".meta.json"
SIDECAR_FIELDS = ("published", "url", "publisher", "title")
SIDECAR_MAX_BYTES = 1_000_000
DATE_ORDERS = ("DMY", "MDY", "YMD")
MAX_DATE_CHARS = 200
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})")


def parse_date(value: Any, date_order: str | None = None) -> datetime:
    """A publication date-time from an ISO string, a date/datetime, or a full written date.

    Raises ``ValueError`` (message says why) when the value is not a complete
    date or is implausible (``implausible_reason``). Time zones are dropped after
    reading, keeping the publisher's local time. Never guesses: a relative date
    ("yesterday", "3 days ago", "now") is refused, as it would be read against
    this machine's clock, and so is an all-numeric date whose day and month could
    be swapped ("5/9/21") unless ``date_order`` (``DMY``, ``MDY`` or ``YMD``) says
    how to read it. The command line and the web API both validate with this.
    """
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time())
    elif isinstance(value, str) and value.strip():
        parsed = _parse_string(value.strip(), date_order)
    else:
        raise ValueError(f"unparseable date {value!r}")
    parsed = parsed.replace(tzinfo=None)
    reason = implausible_reason(parsed)
    if reason is not None:
        raise ValueError(f"implausible date {value!r}: {reason}")
    return parsed


def implausible_reason(published: datetime | date) -> str | None:
    """Why ``published`` cannot be a publication date (before 1900, or more than two days ahead), or None."""
    if not isinstance(published, datetime):
        published = datetime.combine(published, time())
    published = published.replace(tzinfo=None)
    if published < EARLIEST:
        return f"before {EARLIEST.year}"
    if published > _latest():
        return f"more than {FUTURE_MARGIN.days} days in the future"
    return None


def _latest() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None) + FUTURE_MARGIN


def check_date_order(date_order: str | None) -> str | None:
    """``date_order`` upper-cased when it is one of ``DATE_ORDERS`` (or None); ``ValueError`` otherwise."""
    if date_order is None:
        return None
    order = date_order.strip().upper()
    if order not in DATE_ORDERS:
        raise ValueError(f"unknown date order {date_order!r} (expected one of: {', '.join(DATE_ORDERS)})")
    return order


def _parse_string(text: str, date_order: str | None = None) -> datetime:
    if len(text) > MAX_DATE_CHARS:
        raise ValueError(f"unparseable date (over {MAX_DATE_CHARS} characters)")
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    order = check_date_order(date_order)
    numeric = _NUMERIC_DATE.fullmatch(text)
    if numeric and order is None:
        first, second = int(numeric.group(1)), int(numeric.group(2))
        if first <= 12 and second <= 12 and first != second:
            raise ValueError(
                f"ambiguous date {text!r}: day and month could be either way round "
                f"(give the date order, one of {', '.join(DATE_ORDERS)})"
            )
    import dateparser  # slow to import: only for dates that are not ISO

    settings: dict[str, Any] = {"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True,
                                "PARSERS": ["custom-formats", "absolute-time"]}  # fmt: skip
    if order is not None:
        settings["DATE_ORDER"] = order
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        if dateparser.parse(text, languages=["en"], settings={"PARSERS": ["relative-time"]}) is not None:
            raise ValueError(
                f"relative date {text!r} refused: it would be read against this machine's clock, "
                "not the day the article appeared"
            )
        raise ValueError(f"unparseable date {text!r}")
    return parsed


def user_datetime(day: date) -> datetime:
    """The date a user gave with ``--date``, as a date-time at midnight.

    Raises ``ValueError`` naming the option when the date is implausible (``implausible_reason``).
    """
    reason = implausible_reason(day)
    if reason is not None:
        raise ValueError(f"--date {day.isoformat()} is implausible: {reason}")
    return datetime.combine(day, time())


def sidecar_path(path: Path) -> Path:
    """``NAME.meta.json`` beside ``NAME.txt`` (or ``NAME.txt.gz``)."""
    name = path.name[:-3] if path.name.endswith(".gz") else path.name
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return path.with_name(stem + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def read_sidecar(path: Path, date_order: str | None = None) -> dict[str, Any]:
    """Metadata from the sidecar of ``path``: published (parsed), url, publisher, title; {} when absent.

    Raises ``ValueError`` naming the problem when the sidecar exists but is unusable.
    """
    from eventwire.ingest.opening import NotRegularFile, read_regular

    meta_path = sidecar_path(path)
    if not os.path.lexists(meta_path):
        return {}
    try:
        raw = read_regular(meta_path, SIDECAR_MAX_BYTES)
        if len(raw) > SIDECAR_MAX_BYTES:
            raise ValueError(f"over {SIDECAR_MAX_BYTES} bytes")
        data = json.loads(raw.decode("utf-8"))
    except NotRegularFile as exc:
        raise ValueError(f"unusable sidecar {meta_path.name}: {exc.reason}") from exc
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ValueError(f"unreadable sidecar {meta_path.name}: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"sidecar {meta_path.name} is not a JSON object")
    meta: dict[str, Any] = {}
    for key in SIDECAR_FIELDS:
        value = data.get(key)
        if value in (None, ""):
            continue
        if key == "published":
            try:
                meta[key] = parse_date(value, date_order)
            except ValueError as exc:
                raise ValueError(f"sidecar {meta_path.name}: {exc}") from exc
        elif isinstance(value, str):
            meta[key] = value.strip()
        else:
            raise ValueError(f"sidecar {meta_path.name}: {key} must be a string")
    return meta
