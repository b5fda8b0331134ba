"""Dates at the ends of the calendar never crash a batch; timestamps are naive UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from eventwire.store import EventFilter
from eventwire.store.filters import month_end, parse_date
from eventwire.store.rows import naive_utc
from tests.store.conftest import article, event


@pytest.mark.parametrize(
    ("published", "when"),
    [
        ("2021-09-05", "9999-12-31"),  # an event date on the last day of the calendar
        ("9999-12-31", None),  # a publication date there, no event date
        ("9999-12-31T23:30:00-05:00", "9999-12"),  # past the calendar in UTC; a December-9999 month
        ("0001-01-01", "0001-01-01"),  # the first day
    ],
)
def test_extreme_dates_are_stored_and_linked(store, published, when):
    first = article(f"Israel met Russia ({published} {when}).", published=published)
    second = article(f"Israeli and Russian ministers met ({published} {when}).", published=published)
    pairs = [(a, [event(a, "CONSULT", ["ISR"], ["RUS"], when=when)]) for a in (first, second)]
    result = store.add_batch(pairs)
    assert result.events_added == 2
    stored = store.events()
    assert len(stored) == 2 and all(se.day is not None for se in stored)
    assert len({se.linked_event_id for se in stored}) == 1  # the two reports still link
    expected = first.published.isoformat()  # type: ignore[union-attr]
    assert store.article(first.id)[0].published.isoformat() == expected  # type: ignore[index,union-attr]
    assert store.dyads("month") and store.count_events(EventFilter(since=when or published[:10])) == 2


def test_december_9999_month_keeps_its_range(store):
    art = article("Israel met Russia in December 9999.")
    store.add_batch([(art, [event(art, "CONSULT", ["ISR"], ["RUS"], when="9999-12")])])
    row = store.conn.query("SELECT date_start, date_end FROM events")[0]
    assert tuple(row) == (date(9999, 12, 1), date(9999, 12, 31))
    assert store.count_events(EventFilter(until="9999-12")) == 1


def test_month_end_and_filter_dates_at_the_end_of_the_calendar():
    assert month_end(date(9999, 12, 1)) == date(9999, 12, 31)
    assert month_end(date(2024, 2, 1)) == date(2024, 2, 29)
    assert parse_date("9999-12", end=True) == date(9999, 12, 31)


def test_naive_utc_holds_times_past_the_calendar_at_its_ends():
    late = datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-5)))
    early = datetime(1, 1, 1, 1, 0, tzinfo=timezone(timedelta(hours=5)))
    assert naive_utc(late) == datetime.max and naive_utc(early) == datetime.min
    berlin = datetime(2021, 9, 5, 12, tzinfo=timezone(timedelta(hours=2)))
    assert naive_utc(berlin) == datetime(2021, 9, 5, 10)


@pytest.fixture
def far_east_local_time(monkeypatch):
    """The process's local time zone 14 hours ahead of UTC, so local and UTC clocks differ."""
    import time

    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_added_at_is_naive_utc(store, far_east_local_time):
    art = article("Israel met Russia.")
    before = datetime.now(UTC).replace(tzinfo=None)
    store.add_batch([(art, [])])
    after = datetime.now(UTC).replace(tzinfo=None)
    added = store.conn.scalar("SELECT added_at FROM articles")
    assert added.tzinfo is None and before - timedelta(seconds=1) <= added <= after + timedelta(seconds=1)
