"""The aggregate views (network, map, digests) read at most a fixed number of matching events per request.

The cap keeps one request's memory and time bounded on a large store. It is never silent: every
view says how many events it read out of how many match (``EventSample.to_dict``), and the pages
print "the newest N of M" when the cap was hit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from eventwire.store.store import MAX_LIMIT

if TYPE_CHECKING:
    from eventwire.store import EventFilter, Store, StoredEvent


@dataclass(frozen=True)
class ViewLimits:
    """Events read per request (newest first) by the network views, the map, and a weekly digest."""

    network_events: int = MAX_LIMIT
    map_events: int = 5000
    digest_events: int = MAX_LIMIT

    def __post_init__(self) -> None:
        for name in ("network_events", "map_events", "digest_events"):
            value = getattr(self, name)
            if not 1 <= value <= MAX_LIMIT:
                raise ValueError(f"{name}: {value} is outside 1..{MAX_LIMIT}")


@dataclass(frozen=True)
class EventSample:
    """The newest ``cap`` events matching a filter, and how many match in all."""

    events: list[StoredEvent]
    matching: int
    cap: int

    @property
    def truncated(self) -> bool:
        return self.matching > len(self.events)

    def to_dict(self) -> dict[str, Any]:
        return {"events_read": len(self.events), "events_matching": self.matching,
                "events_cap": self.cap, "events_truncated": self.truncated}  # fmt: skip


def read_sample(store: Store, flt: EventFilter, cap: int) -> EventSample:
    """At most ``cap`` matching events, newest first; counts all matches only when the cap is reached."""
    events = store.events(flt, limit=cap)
    matching = len(events) if len(events) < cap else store.count_events(flt)
    return EventSample(events, max(matching, len(events)), cap)
