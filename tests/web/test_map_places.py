"""The map draws exact places as points and countries or regions as areas."""

from __future__ import annotations

from dataclasses import replace

from eventwire.models import Location
from eventwire.store import StoredEvent
from eventwire.web.charts import map_points
from tests.web.factories import corpus


def test_regions_and_exact_places_are_drawn_apart() -> None:
    events = [ev for _, evs in corpus() for ev in evs]
    base = events[0]
    city = replace(base, id="c", location=Location("Aleppo", "SYR", 36.2, 37.16, precision="city"))
    region = replace(
        base, id="r", location=Location("Aleppo", "SYR", 36.2, 37.16, precision="region", region="SY-HL")
    )
    old = replace(base, id="o", location=Location("Aleppo", "SYR", 36.2, 37.16))  # stored before precision
    points = map_points([StoredEvent(e, None, None, None, None, None, None) for e in (city, region, old)])
    assert sorted((p["area"], p["count"]) for p in points) == [(False, 2), (True, 1)]
