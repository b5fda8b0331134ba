"""Converting Articles and Events to table rows and back."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

from eventwire.models import MODALITY_FLAGS, Article, Block, Event, EventDate
from eventwire.store.filters import month_end

ARTICLE_COLUMNS = (
    "id", "url", "title", "publisher", "outlet", "published", "published_raw", "date_source", "language",
    "source", "text", "paragraphs", "dropped", "version", "is_latest", "added_at",
)  # fmt: skip
EVENT_COLUMNS = (
    "id", "article_id", "sentence_index", "trigger_text", "trigger_start", "trigger_end", "plover_type",
    "plover_mode", "cameo_code", "cameo_root", "goldstein", "quad_class", *MODALITY_FLAGS,
    "date_value", "date_precision", "date_start", "date_end", "day", "place",
    "place_country", "lat", "lon", "geonameid", "confidence", "record", "place_precision", "place_region",
)  # fmt: skip
MENTION_COLUMNS = (
    "event_id", "role", "position", "text", "start_char", "end_char", "name", "country", "sector", "code",
)  # fmt: skip


def naive_utc(value: datetime | None) -> datetime | None:
    """Timestamps are stored as naive UTC so both back ends compare them alike.

    A time at the very ends of the calendar whose UTC time falls outside it (9999-12-31 23:00-05:00) is
    held at the end; the original stays in ``published_raw``.
    """
    if value is None or value.tzinfo is None:
        return value
    try:
        return value.astimezone(UTC).replace(tzinfo=None)
    except OverflowError:
        return datetime.max if value.year == datetime.max.year else datetime.min


def outlet_of(article: Article) -> str | None:
    """The publisher, else the url's host name without ``www.``."""
    if article.publisher and article.publisher.strip():
        return article.publisher.strip()
    if article.url:
        host = urlsplit(article.url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def article_row(article: Article, version: int, added: datetime) -> tuple[Any, ...]:
    return (
        article.id, article.url, article.title, article.publisher, outlet_of(article),
        naive_utc(article.published), article.published.isoformat() if article.published else None,
        article.date_source, article.language, article.source, article.text,
        json.dumps([list(p) for p in article.paragraphs]),
        json.dumps([{"text": b.text, "line": b.line, "reason": b.reason} for b in article.dropped]),
        version, True, added,
    )  # fmt: skip


def article_from_row(row: dict[str, Any]) -> Article:
    raw = row.get("published_raw")
    return Article(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        url=row["url"],
        publisher=row["publisher"],
        published=datetime.fromisoformat(raw) if raw else row.get("published"),
        date_source=row["date_source"],
        language=row["language"],
        paragraphs=[tuple(p) for p in json.loads(row["paragraphs"] or "[]")],
        dropped=[Block(**b) for b in json.loads(row["dropped"] or "[]")],
        source=row["source"] or "",
    )


def date_range(value: EventDate | None) -> tuple[date | None, date | None]:
    """First and last day an event date can mean, given its precision; (None, None) when unusable."""
    if value is None or not value.value:
        return None, None
    parts = value.value.split("-")
    try:
        year = int(parts[0])
        if value.precision == "year" or len(parts) == 1:
            return date(year, 1, 1), date(year, 12, 31)
        month = int(parts[1])
        if value.precision == "month" or len(parts) == 2:
            first = date(year, month, 1)
            return first, month_end(first)
        day = date(year, month, int(parts[2][:2]))
        return day, day
    except (ValueError, IndexError):
        return None, None


def event_row(event: Event, published: datetime | None) -> tuple[Any, ...]:
    start, end = date_range(event.date)
    day = start or (published.date() if published else None)
    loc, mod = event.location, event.modality
    return (
        event.id, event.article_id, event.sentence_index, event.trigger.text, event.trigger.start,
        event.trigger.end, event.plover.type, event.plover.mode, event.cameo.code, event.cameo.root,
        event.cameo.goldstein, event.cameo.quad_class, *(getattr(mod, flag) for flag in MODALITY_FLAGS),
        event.date.value if event.date else None,
        event.date.precision if event.date else None, start, end, day,
        loc.text if loc else None, loc.country if loc else None, loc.lat if loc else None,
        loc.lon if loc else None, loc.geonameid if loc else None, event.confidence,
        json.dumps(event.to_dict(), ensure_ascii=False), loc.precision if loc else None,
        loc.region if loc else None,
    )  # fmt: skip


def mention_rows(event: Event) -> list[tuple[Any, ...]]:
    rows = []
    for role, mentions in (("actor", event.actor), ("recipient", event.recipient)):
        for i, m in enumerate(mentions):
            rows.append((event.id, role, i, m.text, m.start, m.end, m.name, m.country, m.sector, m.code))
    return rows


def event_from_record(record: str) -> Event:
    return Event.from_dict(json.loads(record))
