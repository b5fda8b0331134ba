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
from eventwire.store.linking import LinkConfig, LinkItem, Place, actor_key, assign, compatible, shift_day
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
    """Link freshly stored events, giving exactly what a full ``relink_all`` would give.

    Greedy complete-linkage clustering depends on the order mentions are seen in, so new
    mentions cannot simply join the clusters already stored: a precise report arriving after
    a vague one would cluster differently than in one pass (and the counts would depend on
    the batch size). But only mentions connected to the new ones through a chain of
    compatible pairs can change: clusters never span two such components. So the component
    of the new mentions (and the clusters of its stored members) is found, dissolved and
    clustered again in the global order; the rest of the store is untouched.
    """
    new_items: list[LinkItem] = []
    for chunk in chunks(event_ids):
        new_items += load_items(conn, f"e.id IN ({marks(chunk)})", chunk)
    if not new_items:
        return
    stored, old_cids = _component(conn, new_items, config)
    for chunk in chunks(sorted(old_cids)):
        conn.execute(f"DELETE FROM event_mentions WHERE linked_event_id IN ({marks(chunk)})", chunk)
        conn.execute(f"DELETE FROM linked_events WHERE id IN ({marks(chunk)})", chunk)
    items = stored + new_items
    clusters: dict[str, list[LinkItem]] = {}
    assigned = assign(items, clusters, config)
    insert_mentions(conn, items, assigned)
    write_clusters(conn, clusters)


def _component(
    conn: Connection, new_items: list[LinkItem], config: LinkConfig
) -> tuple[list[LinkItem], set[str]]:
    """Stored mentions chained to ``new_items`` by compatible pairs (plus every member of their
    clusters), and the ids of those clusters."""
    seen = {item.event_id for item in new_items}
    stored: list[LinkItem] = []
    cids: set[str] = set()
    frontier = list(new_items)
    while frontier:
        found: list[LinkItem] = []
        fresh_cids: set[str] = set()
        by_type: dict[str, list[LinkItem]] = {}
        for item in frontier:
            by_type.setdefault(item.plover_type, []).append(item)
        for item, cid in _near(conn, frontier, config):
            if item.event_id in seen:
                continue
            if any(compatible(item, f, config) for f in by_type.get(item.plover_type, ())):
                seen.add(item.event_id)
                found.append(item)
                if cid is not None and cid not in cids:
                    fresh_cids.add(cid)
        # every member of a touched cluster is re-clustered too (and chains on from there)
        cids |= fresh_cids
        for members in members_of(conn, sorted(fresh_cids)).values():
            for member in members:
                if member.event_id not in seen:
                    seen.add(member.event_id)
                    found.append(member)
        stored += found
        frontier = found
    return stored, cids


def _near(conn: Connection, items: list[LinkItem], config: LinkConfig) -> list[tuple[LinkItem, str | None]]:
    """Stored latest-version mentions of the types of ``items`` whose dates could be compatible
    with one of them (mentions without any date always could), with their cluster ids."""
    margin = max(config.window_days, config.published_window_days) + 2
    spans: dict[str, list[tuple[date, date]]] = {}
    for item in items:
        first, last, _ = item.interval()
        if first is None or last is None:
            first, last = date.min, date.max
        spans.setdefault(item.plover_type, []).append((shift_day(first, -margin), shift_day(last, margin)))
    probes = [(ptype, lo, hi, shift_day(hi, 1)) for ptype, type_spans in sorted(spans.items())
              for lo, hi in _merge(type_spans)]  # fmt: skip
    join = "LEFT JOIN event_mentions mm ON mm.event_id = e.id"
    dated = "e.date_start IS NOT NULL AND e.date_end IS NOT NULL"
    found: dict[str, tuple[LinkItem, str | None]] = {}
    for i in range(0, len(probes), 300):  # one query for many probes: (type, first day, last day)
        part = probes[i : i + 300]
        values = ", ".join(
            ["(CAST(? AS TEXT), CAST(? AS DATE), CAST(? AS DATE), CAST(? AS DATE))"] * len(part)
        )
        where = (  # a mention dated by its publication day can have happened that day or the day before
            f"EXISTS (SELECT 1 FROM (VALUES {values}) AS p(ptype, lo, hi, hi1) WHERE e.plover_type = p.ptype "
            f"AND (({dated} AND e.date_start <= p.hi AND e.date_end >= p.lo) OR (NOT ({dated}) "
            "AND (a.published IS NULL OR (CAST(a.published AS DATE) >= p.lo "
            "AND CAST(a.published AS DATE) <= p.hi1)))))"
        )
        params = [v for probe in part for v in probe]
        for item, cid in _load(conn, join, where, params, "mm.linked_event_id"):
            found[item.event_id] = (item, cid)
    return list(found.values())


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


def unlink_articles(conn: Connection, article_ids: list[str], *, dissolve: bool = False) -> list[str]:
    """Take the events of these (superseded) articles out of their clusters.

    With ``dissolve`` the clusters they were in are taken apart and the ids of their remaining
    events returned, for ``link_new`` to cluster again (what a full re-link would give: without
    the old events, the mentions around them may group differently); otherwise the clusters
    just lose those events and [] is returned.
    """
    cids: set[str] = set()
    for chunk in chunks(article_ids):
        where = f"article_id IN ({marks(chunk)})"
        rows = conn.query(f"SELECT DISTINCT linked_event_id FROM event_mentions WHERE {where}", chunk)
        cids.update(r[0] for r in rows)
        conn.execute(f"DELETE FROM event_mentions WHERE {where}", chunk)
    if not cids:
        return []
    remaining = members_of(conn, sorted(cids))
    if not dissolve:
        write_clusters(conn, {cid: remaining.get(cid, []) for cid in cids})
        return []
    for chunk in chunks(sorted(cids)):
        conn.execute(f"DELETE FROM event_mentions WHERE linked_event_id IN ({marks(chunk)})", chunk)
        conn.execute(f"DELETE FROM linked_events WHERE id IN ({marks(chunk)})", chunk)
    return sorted(m.event_id for members in remaining.values() for m in members)


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
