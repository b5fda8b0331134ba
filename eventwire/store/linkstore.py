"""Persisting cross-article links: loads ``LinkItem``s from the tables, writes clusters back.

``event_mentions`` maps each event (a mention in one article) to its linked event;
``linked_events`` holds one row per real-world event with GDELT-style counts.
Only events of the latest version of each article take part.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from eventwire.store.dialect import Connection, chunks, marks
from eventwire.store.filters import plover_type as check_type
from eventwire.store.linking import LinkConfig, LinkItem, Place, actor_key, assign, shift_day
from eventwire.store.records import LinkedEvent

LINKED_COLUMNS = ("id", "plover_type", "source", "target", "day", "mentions", "articles", "sources",
                  "first_seen", "last_seen")  # fmt: skip


def load_items(conn: Connection, where: str, params: Sequence[Any]) -> list[LinkItem]:
    """LinkItems for latest-version events matching ``where`` (over ``events e``)."""
    return [item for item, _ in _load(conn, "", where, params)]


def _load(
    conn: Connection, join: str, where: str, params: Sequence[Any], cluster_col: str = "NULL"
) -> list[tuple[LinkItem, str | None]]:
    """(LinkItem, ``cluster_col`` value) for latest-version events of ``events e {join}``
    matching ``where``."""
    base = f"FROM events e JOIN articles a ON a.id = e.article_id {join} WHERE a.is_latest AND {where}"
    keys: dict[str, tuple[set[Any], set[Any]]] = {}
    for event_id, role, country, code, name, sector in conn.query(
        f"SELECT am.event_id, am.role, am.country, am.code, am.name, am.sector FROM actor_mentions am "
        f"WHERE am.event_id IN (SELECT e.id {base})",
        params,
    ):
        key = actor_key(country, code, name, sector)
        if key:
            actors, recipients = keys.setdefault(event_id, (set(), set()))
            (actors if role == "actor" else recipients).add(key)
    items = []
    for row in conn.query(
        "SELECT e.id, e.article_id, e.plover_type, e.date_start, e.date_end, a.published, e.place, "
        "e.place_country, e.lat, e.lon, e.geonameid, e.negated, e.future, e.hypothetical, a.outlet, "
        f"{cluster_col} {base}",
        params,
    ):
        eid, aid, ptype, start, end, published, place, country, lat, lon, gid, neg, fut, hyp, outlet, cid = (
            row
        )
        actors, recipients = keys.get(eid, (set(), set()))
        place_ = Place(place, country, lat, lon, gid)
        mods = (bool(neg), bool(fut), bool(hyp))
        item = LinkItem(eid, aid, ptype, frozenset(actors), frozenset(recipients), start, end, published,
                        place_, mods, outlet)  # fmt: skip
        items.append((item, cid))
    return items


def link_new(conn: Connection, event_ids: list[str], config: LinkConfig) -> None:
    """Link freshly stored events to existing clusters (or new ones)."""
    new_items: list[LinkItem] = []
    for chunk in chunks(event_ids):
        new_items += load_items(conn, f"e.id IN ({marks(chunk)})", chunk)
    if not new_items:
        return
    clusters = _nearby_clusters(conn, new_items, config)
    assigned = assign(new_items, clusters, config)
    insert_mentions(conn, new_items, assigned)
    write_clusters(conn, {cid: clusters[cid] for cid in set(assigned.values())})


def _nearby_clusters(
    conn: Connection, items: list[LinkItem], config: LinkConfig
) -> dict[str, list[LinkItem]]:
    """Stored clusters (with all their members) that could take one of ``items``: a member of the same
    type shares an actor with it and has dates near it. Keeps each batch's reads small."""
    margin = max(config.window_days, config.published_window_days) + 2
    ranges: dict[tuple[str, str], list[tuple[date, date]]] = {}
    for item in items:
        first, last, _ = item.interval()
        if first is None or last is None:
            continue
        keys = set(item.actors)
        if item.plover_type in config.symmetric_types:
            keys |= item.recipients
        for ident, _sector in keys:
            span = (shift_day(first, -margin), shift_day(last, margin))
            ranges.setdefault((item.plover_type, ident), []).append(span)
    probes = [(ptype, ident, lo, hi) for (ptype, ident), spans in sorted(ranges.items())
              for lo, hi in _merge(spans)]  # fmt: skip
    cids: set[str] = set()
    for i in range(0, len(probes), 500):
        part = probes[i : i + 500]
        values = ", ".join(
            ["(CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS DATE), CAST(? AS DATE))"] * len(part)
        )
        sql = (
            f"SELECT DISTINCT m.linked_event_id FROM (VALUES {values}) AS p(ptype, ident, lo, hi) "
            "JOIN events e ON e.plover_type = p.ptype "
            "AND COALESCE(e.date_start, e.day) <= p.hi AND COALESCE(e.date_end, e.day) >= p.lo "
            "JOIN actor_mentions am ON am.event_id = e.id AND am.role = 'actor' "
            "AND COALESCE(am.country, am.code, lower(am.name)) = p.ident "
            "JOIN event_mentions m ON m.event_id = e.id"
        )
        cids.update(r[0] for r in conn.query(sql, [v for probe in part for v in probe]))
    return members_of(conn, sorted(cids))


def _merge(spans: list[tuple[date, date]]) -> list[tuple[date, date]]:
    merged: list[tuple[date, date]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def insert_mentions(conn: Connection, items: list[LinkItem], assigned: dict[str, str]) -> None:
    rows = [(i.event_id, assigned[i.event_id], i.article_id, i.outlet, i.published) for i in items]
    conn.insert_rows("event_mentions", ("event_id", "linked_event_id", "article_id", "outlet", "seen"), rows,
                     ignore_conflicts=True)  # fmt: skip


def members_of(conn: Connection, cids: list[str]) -> dict[str, list[LinkItem]]:
    clusters: dict[str, list[LinkItem]] = {}
    join = "JOIN event_mentions mm ON mm.event_id = e.id"
    for chunk in chunks(cids):
        loaded = _load(conn, join, f"mm.linked_event_id IN ({marks(chunk)})", chunk, "mm.linked_event_id")
        for item, cid in sorted(loaded, key=lambda pair: pair[0].event_id):
            clusters.setdefault(cid, []).append(item)  # type: ignore[arg-type]
    return clusters


def write_clusters(conn: Connection, clusters: dict[str, list[LinkItem]]) -> None:
    """Replace the ``linked_events`` rows of these clusters (dropping empty ones)."""
    ids = sorted(clusters)
    for chunk in chunks(ids):
        conn.execute(f"DELETE FROM linked_events WHERE id IN ({marks(chunk)})", chunk)
    rows = [summary_row(cid, members) for cid, members in sorted(clusters.items()) if members]
    conn.insert_rows("linked_events", LINKED_COLUMNS, rows)


def summary_row(cid: str, members: list[LinkItem]) -> tuple[Any, ...]:
    exact = [m.start for m in members if m.start and m.start == m.end]
    starts = [m.start for m in members if m.start]
    published = [m.published for m in members if m.published]
    day = min(exact or starts) if (exact or starts) else (min(published).date() if published else None)
    outlets = {m.outlet or f"article:{m.article_id}" for m in members}
    return (
        cid, members[0].plover_type, _most_common(k[0] for m in members for k in m.actors),
        _most_common(k[0] for m in members for k in m.recipients), day, len(members),
        len({m.article_id for m in members}), len(outlets),
        min(published) if published else None, max(published) if published else None,
    )  # fmt: skip


def _most_common(values: Any) -> str | None:
    counts = Counter(values)
    if not counts:
        return None
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def unlink_articles(conn: Connection, article_ids: list[str]) -> None:
    """Take the events of these (superseded) articles out of their clusters."""
    cids: set[str] = set()
    for chunk in chunks(article_ids):
        where = f"article_id IN ({marks(chunk)})"
        rows = conn.query(f"SELECT DISTINCT linked_event_id FROM event_mentions WHERE {where}", chunk)
        cids.update(r[0] for r in rows)
        conn.execute(f"DELETE FROM event_mentions WHERE {where}", chunk)
    if cids:
        remaining = members_of(conn, sorted(cids))
        write_clusters(conn, {cid: remaining.get(cid, []) for cid in cids})


def relink_all(conn: Connection, config: LinkConfig) -> int:
    """Rebuild every link from scratch; returns the number of linked events."""
    conn.execute("DELETE FROM event_mentions")
    conn.execute("DELETE FROM linked_events")
    items = load_items(conn, "TRUE", [])
    clusters: dict[str, list[LinkItem]] = {}
    assigned = assign(items, clusters, config)
    insert_mentions(conn, items, assigned)
    write_clusters(conn, clusters)
    return len(clusters)


def linked_events(conn: Connection, min_articles: int, plover_type: str | None, limit: int,
                  offset: int) -> list[LinkedEvent]:  # fmt: skip
    conds, params = ["articles >= ?"], [min_articles]
    if plover_type:
        conds.append("plover_type = ?")
        params.append(check_type(plover_type))
    sql = (
        f"SELECT {', '.join(LINKED_COLUMNS)} FROM linked_events WHERE {' AND '.join(conds)} "
        "ORDER BY articles DESC, mentions DESC, day DESC NULLS LAST, id LIMIT ? OFFSET ?"
    )
    return [LinkedEvent(*r) for r in conn.query(sql, [*params, limit, offset])]


def linked_event_row(conn: Connection, linked_id: str) -> LinkedEvent | None:
    rows = conn.query(f"SELECT {', '.join(LINKED_COLUMNS)} FROM linked_events WHERE id = ?", [linked_id])
    return LinkedEvent(*rows[0]) if rows else None
