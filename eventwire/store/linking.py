"""Cross-article linking: which event mentions describe the same real-world event.

Two mentions are *compatible* when they have the same PLOVER type, the same
negation/future/hypothetical status, overlapping actors and recipients (by
country and sector, a missing sector matching any), dates that fit within a
window (precision-aware; a mention without an event date falls back to its
publication date with a tighter window) and places that do not contradict each
other. A mention dated only to a year is too vague to link. Mentions are
grouped greedily with complete linkage: a mention joins a cluster only when
it is compatible with every member, so chains of loosely similar reports do
not snowball into one event.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import combinations

from eventwire.models import content_hash

ActorKey = tuple[str, str | None]  # (country or code or name, sector)


@dataclass(frozen=True, slots=True)
class LinkConfig:
    window_days: int = 2  # event dates at most this many days apart
    published_window_days: int = 1  # when a side falls back to its publication date
    max_place_km: float = 75.0
    max_span_days: int = 31  # a date vaguer than this ("in 2021") is too vague to link on
    symmetric_types: frozenset[str] = frozenset({"CONSULT", "COOPERATE"})  # A meets B == B meets A


@dataclass(frozen=True, slots=True)
class Place:
    text: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class LinkItem:
    """What linking needs to know about one event mention."""

    event_id: str
    article_id: str
    plover_type: str
    actors: frozenset[ActorKey]
    recipients: frozenset[ActorKey]
    start: date | None  # event date range; None when unknown
    end: date | None
    published: datetime | None
    place: Place = field(default_factory=Place)
    modality: tuple[bool, bool, bool] = (False, False, False)  # negated, future, hypothetical
    outlet: str | None = None

    def interval(self) -> tuple[date | None, date | None, bool]:
        """(first, last, from_publication) days the event can have happened."""
        if self.start and self.end:
            return self.start, self.end, False
        if self.published:
            day = self.published.date()
            return shift_day(day, -1), day, True
        return None, None, True


def shift_day(day: date, days: int) -> date:
    """``day`` moved by ``days``, held at the ends of the calendar (9999-12-31 must not end a batch)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def actor_key(country: str | None, code: str | None, name: str | None, sector: str | None) -> ActorKey | None:
    ident = country or code or (name.strip().lower() if name else None)
    return (ident, sector) if ident else None


def actors_overlap(a: frozenset[ActorKey], b: frozenset[ActorKey]) -> bool:
    """Some actor in ``a`` is the same entity as one in ``b`` (a missing sector matches any)."""
    return any(x[0] == y[0] and (x[1] is None or y[1] is None or x[1] == y[1]) for x in a for y in b)


def dyads_compatible(x: LinkItem, y: LinkItem, symmetric: bool) -> bool:
    if _sides_match(x.actors, x.recipients, y.actors, y.recipients):
        return True
    return symmetric and _sides_match(x.actors, x.recipients, y.recipients, y.actors)


def _sides_match(a1: frozenset[ActorKey], r1: frozenset[ActorKey], a2: frozenset[ActorKey],
                 r2: frozenset[ActorKey]) -> bool:  # fmt: skip
    if not a1 or not a2:
        if a1 or a2:
            return False
    elif not actors_overlap(a1, a2):
        return False
    # a report may leave the recipient out; when both name one they must agree
    return not (r1 and r2) or actors_overlap(r1, r2)


def dates_compatible(x: LinkItem, y: LinkItem, config: LinkConfig) -> bool:
    xs, xe, xpub = x.interval()
    ys, ye, ypub = y.interval()
    if xs is None or ys is None or xe is None or ye is None:
        return True  # nothing to compare: leave it to actors and place
    if (xe - xs).days >= config.max_span_days or (ye - ys).days >= config.max_span_days:
        return False
    window = config.published_window_days if (xpub or ypub) else config.window_days
    gap = max((ys - xe).days, (xs - ye).days, 0)
    return gap <= window


def places_compatible(p: Place, q: Place, config: LinkConfig) -> bool:
    if p.geonameid is not None and p.geonameid == q.geonameid:
        return True
    if p.country and q.country and p.country != q.country:
        return False
    if None not in (p.lat, p.lon, q.lat, q.lon):
        return haversine_km(p.lat, p.lon, q.lat, q.lon) <= config.max_place_km  # type: ignore[arg-type]
    a, b = _norm(p.text), _norm(q.text)
    return not a or not b or a in b or b in a


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().removeprefix("the ").split())


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r1, r2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = r2 - r1, math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(r1) * math.cos(r2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def compatible(x: LinkItem, y: LinkItem, config: LinkConfig) -> bool:
    """Whether two mentions can describe the same real-world event."""
    return (
        x.plover_type == y.plover_type
        and x.modality == y.modality
        and dates_compatible(x, y, config)
        and places_compatible(x.place, y.place, config)
        and dyads_compatible(x, y, x.plover_type in config.symmetric_types)
    )


def cluster_id(first_event_id: str) -> str:
    return "L" + content_hash("linked", first_event_id, length=15)


def assign(
    items: Iterable[LinkItem], clusters: dict[str, list[LinkItem]], config: LinkConfig = LinkConfig()
) -> dict[str, str]:
    """Put each item into the best compatible cluster, or a new one.

    ``clusters`` (cluster id → members) is updated in place; returns event id →
    cluster id for the items given. Among compatible clusters the one whose
    dates are closest wins, then the larger one.
    """
    index = _ClusterIndex(config)
    for cid, members in clusters.items():
        for m in members:
            index.add(cid, m)
    result: dict[str, str] = {}
    for item in sorted(items, key=_order):
        best: tuple[int, int, str] | None = None
        for cid in index.candidates(item):
            members = clusters[cid]
            if all(compatible(item, m, config) for m in members):
                rank = (_date_gap(item, members), -len(members), cid)
                if best is None or rank < best:
                    best = rank
        cid = best[2] if best else cluster_id(item.event_id)
        clusters.setdefault(cid, []).append(item)
        index.add(cid, item)
        result[item.event_id] = cid
    return result


class _ClusterIndex:
    """Clusters by (PLOVER type, week) of their members' dates, so each item is
    compared only with clusters close enough in time to be compatible."""

    WEEK = 7

    def __init__(self, config: LinkConfig) -> None:
        self.margin = max(config.window_days, config.published_window_days) + 1
        self.by_week: dict[tuple[str, int], set[str]] = {}
        self.undated: dict[str, set[str]] = {}  # type → clusters with a member without any date
        self.by_type: dict[str, set[str]] = {}

    def add(self, cid: str, item: LinkItem) -> None:
        self.by_type.setdefault(item.plover_type, set()).add(cid)
        first, last, _ = item.interval()
        if first is None or last is None:
            self.undated.setdefault(item.plover_type, set()).add(cid)
            return
        for week in range(first.toordinal() // self.WEEK, last.toordinal() // self.WEEK + 1):
            self.by_week.setdefault((item.plover_type, week), set()).add(cid)

    def candidates(self, item: LinkItem) -> list[str]:
        first, last, _ = item.interval()
        if first is None or last is None:
            return sorted(self.by_type.get(item.plover_type, ()))
        found = set(self.undated.get(item.plover_type, ()))
        lo = (first.toordinal() - self.margin) // self.WEEK
        hi = (last.toordinal() + self.margin) // self.WEEK
        for week in range(lo, hi + 1):
            found |= self.by_week.get((item.plover_type, week), set())
        return sorted(found)


def _order(item: LinkItem) -> tuple[int, bool, date, str]:
    """Most specific mentions first (exact date, then a place), so that vague ones join
    clusters that precise reports have already formed instead of seeding them."""
    first, last, from_publication = item.interval()
    specificity = 2 if from_publication else (0 if first == last else 1)
    no_place = not (item.place.text or item.place.geonameid or item.place.lat is not None)
    return (specificity, no_place, first or date.min, item.event_id)


def _date_gap(item: LinkItem, members: list[LinkItem]) -> int:
    first = item.interval()[0]
    gaps = [abs((first - m.interval()[0]).days) for m in members if first and m.interval()[0]]  # type: ignore[operator]
    return min(gaps) if gaps else 0


def pairwise_scores(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of a clustering against gold clusters (same keys)."""
    keys = sorted(set(predicted) & set(gold))
    pred_pairs = {(a, b) for a, b in combinations(keys, 2) if predicted[a] == predicted[b]}
    gold_pairs = {(a, b) for a, b in combinations(keys, 2) if gold[a] == gold[b]}
    tp = len(pred_pairs & gold_pairs)
    precision = tp / len(pred_pairs) if pred_pairs else 1.0
    recall = tp / len(gold_pairs) if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pairs": float(len(gold_pairs)),
            "predicted_pairs": float(len(pred_pairs))}  # fmt: skip
