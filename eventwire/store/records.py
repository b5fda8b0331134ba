"""Records the store returns besides the shared models."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from eventwire.models import Event
from eventwire.store.filters import EventFilter


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(slots=True)
class AddResult:
    """What one ``add_batch`` did."""

    articles_added: int = 0  # new articles, including new versions
    versions_added: int = 0  # of those, new versions of an url already stored
    articles_skipped: int = 0  # already stored (same content id)
    events_added: int = 0
    added_ids: list[str] = field(default_factory=list)

    def merge(self, other: AddResult) -> AddResult:
        return AddResult(
            self.articles_added + other.articles_added,
            self.versions_added + other.versions_added,
            self.articles_skipped + other.articles_skipped,
            self.events_added + other.events_added,
            self.added_ids + other.added_ids,
        )


@dataclass(slots=True)
class StoredEvent:
    """An event as stored: the coded ``Event`` plus where it was seen and what it links to."""

    event: Event
    day: date | None  # event date (first day of its range), else the publication date
    linked_event_id: str | None
    article_title: str | None
    article_url: str | None
    article_publisher: str | None
    article_published: datetime | None

    def to_dict(self) -> dict[str, Any]:
        data = self.event.to_dict()
        data["day"] = _iso(self.day)
        data["linked_event_id"] = self.linked_event_id
        data["article"] = {
            "id": self.event.article_id,
            "title": self.article_title,
            "url": self.article_url,
            "publisher": self.article_publisher,
            "published": _iso(self.article_published),
        }
        return data


@dataclass(slots=True)
class ArticleInfo:
    """One row of ``Store.articles``: metadata without the text."""

    id: str
    title: str | None
    url: str | None
    publisher: str | None
    published: datetime | None
    version: int
    is_latest: bool
    events: int

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["published"] = _iso(self.published)
        return data


@dataclass(slots=True)
class LinkedEvent:
    """One real-world event and its reporting, like a GDELT event with its Mentions."""

    id: str
    plover_type: str
    source: str | None  # most frequent actor (country, else code)
    target: str | None
    day: date | None
    mentions: int
    articles: int
    sources: int  # distinct outlets
    first_seen: datetime | None
    last_seen: datetime | None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("day", "first_seen", "last_seen"):
            data[key] = _iso(data[key])
        return data


@dataclass(slots=True)
class DyadRow:
    """Events of one directed dyad in one period (and PLOVER type, when asked by type)."""

    period: str  # "2021-09-05", "2021-W36", "2021-09" or "2021"
    source: str
    target: str
    plover_type: str | None
    events: int  # distinct linked events
    mentions: int  # event mentions behind them
    goldstein_sum: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Watch:
    name: str
    filter: EventFilter
    created: datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "filter": self.filter.to_dict(), "created": _iso(self.created)}
