"""Place filters (--country, --region, --near/--km) and the place columns of schema version 3."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.models import Location
from eventwire.store import EventFilter, FilterError, open_store
from tests.store.conftest import article, event


def _corpus():
    """Three events: in Aleppo (a city), in Idlib province (a region), in Damascus (a city 300 km away)."""
    items = []
    for n, (place, country, latlon, precision, region) in enumerate(
        [
            ("Aleppo", "SYR", (36.20, 37.16), "city", None),
            ("Idlib province", "SYR", (35.93, 36.63), "region", "SY-ID"),
            ("Damascus", "SYR", (33.51, 36.29), "city", None),
            ("Beirut", "LBN", (33.89, 35.50), "city", None),
        ]
    ):
        art = article(f"Gunmen attacked a convoy near {place} in story {n}.")
        ev = event(art, "ASSAULT", ["REB"], ["SYRMIL"], trigger="attacked")
        ev.location = Location(place, country, *latlon, precision=precision, region=region, reason="test")
        items.append((art, [ev]))
    return items


@pytest.fixture()
def db(tmp_path) -> str:
    path = str(tmp_path / "places.duckdb")
    with open_store(path) as st:
        st.add_batch(_corpus())
    return path


def _places(db: str, **filters) -> set[str]:
    with open_store(db, create=False) as st:
        return {se.event.location.text for se in st.events(EventFilter(**filters).validated())}


def test_country_filter(db):
    assert _places(db, country="syr") == {"Aleppo", "Idlib province", "Damascus"}


def test_region_filter_by_code_or_name(db):
    assert _places(db, region="SY-ID") == {"Idlib province"}
    assert _places(db, region="idlib province") == {"Idlib province"}


def test_near_filter_keeps_places_within_the_radius(db):
    assert _places(db, near=(36.20, 37.16), km=50) == {"Aleppo"}
    assert _places(db, near=(36.20, 37.16), km=100) == {"Aleppo", "Idlib province"}


def test_place_fields_survive_the_store(db):
    with open_store(db, create=False) as st:
        found = st.events(EventFilter(region="SY-ID").validated())
    loc = found[0].event.location
    assert loc.precision == "region" and loc.region == "SY-ID" and loc.reason == "test"


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"country": "Syria"}, "alpha-3"),
        ({"near": (36.2, 37.1)}, "radius"),
        ({"km": 50}, "centre"),
        ({"near": (120.0, 0.0), "km": 5}, "position"),
        ({"near": (36.2, 37.1), "km": -1}, "above 0"),
    ],
)
def test_bad_place_filters_fail_clearly(filters, message):
    with pytest.raises(FilterError, match=message):
        EventFilter(**filters).validated()


def test_events_near_a_named_place_from_the_cli(db):
    res = CliRunner().invoke(
        app, ["events", "--db", db, "--near", "Aleppo", "--km", "50", "--format", "jsonl"]
    )
    assert res.exit_code == 0, res.stderr
    assert [line for line in res.stdout.splitlines() if line.strip()] and "Damascus" not in res.stdout
    assert "Aleppo" in res.stdout


def test_unknown_near_place_is_a_clear_error(db):
    res = CliRunner().invoke(app, ["events", "--db", db, "--near", "Qwzxplace", "--km", "50"])
    assert res.exit_code == 2 and "Qwzxplace" in res.stderr
