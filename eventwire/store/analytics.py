"""Aggregate queries: dyad time series and the most active actors.

Both count *linked* events, so a meeting reported by ten outlets counts once
(in the period of the linked event's date); ``mentions`` says how many reports
stand behind the counts. A symmetric event (a meeting) reported in both
directions counts for both directed dyads.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from eventwire.store.dialect import Connection
from eventwire.store.errors import FilterError
from eventwire.store.filters import EVENTS_FROM, EventFilter, where_clause
from eventwire.store.records import DyadRow

PERIODS = ("day", "week", "month", "year")


def period_label(value: date | datetime, by: str) -> str:
    """``2021-09-05``, ``2021-W36``, ``2021-09`` or ``2021`` for the period starting at ``value``."""
    day = value.date() if isinstance(value, datetime) else value
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{day.year}-{day.month:02d}"
    if by == "year":
        return str(day.year)
    return day.isoformat()


def dyads(conn: Connection, by: str, flt: EventFilter, *, by_type: bool = False) -> list[DyadRow]:
    if by not in PERIODS:
        raise FilterError(f"unknown period {by!r} (expected one of: {', '.join(PERIODS)})")
    where, params = where_clause(flt, dialect=conn.dialect)
    type_col = "p.ptype" if by_type else "CAST(NULL AS TEXT)"
    sql = f"""
WITH pairs AS (
  SELECT DISTINCT e.id AS eid, COALESCE(m.linked_event_id, e.id) AS ev, COALESCE(le.day, e.day) AS day,
         e.plover_type AS ptype, e.goldstein AS g,
         COALESCE(src.country, src.code) AS source, COALESCE(tgt.country, tgt.code) AS target
  {EVENTS_FROM}
  LEFT JOIN linked_events le ON le.id = m.linked_event_id
  JOIN actor_mentions src ON src.event_id = e.id AND src.role = 'actor'
  JOIN actor_mentions tgt ON tgt.event_id = e.id AND tgt.role = 'recipient'
  WHERE {where} AND COALESCE(le.day, e.day) IS NOT NULL
    AND COALESCE(src.country, src.code) IS NOT NULL AND COALESCE(tgt.country, tgt.code) IS NOT NULL
),
per_event AS (
  SELECT p.ev, date_trunc('{by}', MIN(p.day)) AS period, p.source, p.target, MIN(p.ptype) AS ptype,
         AVG(p.g) AS g, COUNT(DISTINCT p.eid) AS n
  FROM pairs p GROUP BY p.ev, p.source, p.target
)
SELECT p.period, p.source, p.target, {type_col} AS ptype, COUNT(*), SUM(p.n), COALESCE(SUM(p.g), 0)
FROM per_event p GROUP BY p.period, p.source, p.target, {type_col}
ORDER BY p.period, p.source, p.target, ptype"""
    return [
        DyadRow(period_label(r[0], by), r[1], r[2], r[3], int(r[4]), int(r[5]), round(float(r[6]), 3))
        for r in conn.query(sql, params)
    ]


def top_actors(conn: Connection, n: int, flt: EventFilter) -> list[dict[str, Any]]:
    if n < 1:
        raise FilterError(f"top: n must be at least 1 (got {n})")
    where, params = where_clause(flt, dialect=conn.dialect)
    sql = f"""
SELECT COALESCE(am.code, am.country) AS code, am.country, am.sector,
       COUNT(DISTINCT COALESCE(m.linked_event_id, e.id)) AS events, COUNT(DISTINCT e.id) AS mentions
{EVENTS_FROM}
JOIN actor_mentions am ON am.event_id = e.id
WHERE {where} AND COALESCE(am.code, am.country) IS NOT NULL
GROUP BY COALESCE(am.code, am.country), am.country, am.sector
ORDER BY events DESC, mentions DESC, code
LIMIT ?"""
    return [
        {"code": r[0], "country": r[1], "sector": r[2], "events": int(r[3]), "mentions": int(r[4])}
        for r in conn.query(sql, [*params, n])
    ]
