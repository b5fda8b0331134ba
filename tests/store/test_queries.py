"""Dyads, top actors and exports over a small linked corpus."""

from __future__ import annotations

import csv
import io
import json

import pytest

from eventwire.store import EventFilter, FilterError
from eventwire.store.export import ICEWS_COLUMNS, export_store
from tests.store.conftest import article, event
from tests.store.linking_cases import REPORTS, corpus


@pytest.fixture
def filled(store):
    items, _ = corpus()
    store.add_batch(items)
    return store


def test_dyads_count_linked_events_once(filled):
    rows = {(r.period, r.source, r.target): r for r in filled.dyads("month")}
    kharkiv_mariupol = rows[("2022-02", "RUS", "UKR")]
    assert (kharkiv_mariupol.events, kharkiv_mariupol.mentions) == (2, 6)
    assert kharkiv_mariupol.goldstein_sum == -20.0
    sanctions = rows[("2022-02", "USA", "RUS")]
    assert (sanctions.events, sanctions.mentions, sanctions.goldstein_sum) == (1, 3, -8.0)
    # the Sochi meeting is placed in the month of its linked date, not of the "in October" report
    assert rows[("2021-10", "ISR", "RUS")].events == 1
    weekly = filled.dyads("week", EventFilter(actor="HKG"))
    assert [(r.period, r.events) for r in weekly] == [("2019-W23", 1), ("2019-W24", 1)]
    by_type = filled.dyads("year", EventFilter(actor="USA"), by_type=True)
    assert {(r.period, r.target, r.plover_type) for r in by_type} == {
        ("2021", "RUS", "CONSULT"), ("2021", "CHN", "ACCUSE"), ("2022", "RUS", "SANCTION"),
    }  # fmt: skip
    with pytest.raises(FilterError, match="unknown period 'fortnight'"):
        filled.dyads("fortnight")  # type: ignore[arg-type]


def test_top_actors(filled):
    top = filled.top_actors(3)
    # Russia's government: Sochi (linked, and the late report), Geneva, the promised meeting, and the US
    # and one EU sanctions report
    assert top[0] == {"code": "RUSGOV", "country": "RUS", "sector": "GOV", "events": 6, "mentions": 10}
    rusmil = {"code": "RUSMIL", "country": "RUS", "sector": "MIL", "events": 3, "mentions": 7}
    assert rusmil in filled.top_actors(20)  # Kharkiv (4 reports), Mariupol (2), Kharkiv again (1)
    assert len(top) == 3 and all(t["events"] >= top[-1]["events"] for t in top)
    with pytest.raises(FilterError):
        filled.top_actors(0)


def test_articles_listing(filled):
    infos = filled.articles(limit=5)
    assert len(infos) == 5 and infos[0].published >= infos[-1].published
    assert filled.count_articles() == len(REPORTS)
    assert [i.publisher for i in filled.articles(publisher="Weekly Ledger", limit=50)] == [
        "Weekly Ledger"
    ] * 2


def test_polecat_jsonl_export(filled):
    out = io.StringIO()
    n = export_store(filled, "polecat-jsonl", out, EventFilter(type="SANCTION"))
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert n == len(records) == 6
    rec = next(r for r in records if r["publisher"] == "Capitol Courier")
    assert rec["event_type"] == "SANCTION" and rec["cameo_code"] == "163" and rec["quad_code"] == 4
    assert rec["actor_code"] == ["USAGOV"] and rec["recipient_country"] == ["RUS"]
    assert rec["event_date"] == "2022-02-22" and rec["date_precision"] == "day"
    undated = next(r for r in records if r["publisher"] == "Harbour Post")
    assert (undated["event_date"], undated["date_precision"]) == ("2022-02-23", "publication")
    assert len({r["linked_event_id"] for r in records}) == 4  # US, UK, and the EU's two unlinked reports


def test_icews_tsv_one_row_per_pair(store):
    a = article("Israel and the United States condemned Iran and Syria.", published="2021-09-01")
    store.add_batch([(a, [event(a, "ACCUSE", ["ISRGOV", "USAGOV"], ["IRN", "SYR"], trigger="condemned")])])
    out = io.StringIO()
    assert export_store(store, "icews-tsv", out) == 4
    rows = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert list(rows[0]) == list(ICEWS_COLUMNS)
    pairs = {(r["Source Country"], r["Target Country"]) for r in rows}
    assert pairs == {
        (s, t)
        for s in ("Israel", "United States")
        for t in ("Iran, Islamic Republic of", "Syrian Arab Republic")
    }
    assert {r["CAMEO Code"] for r in rows} == {"112"} and {r["Intensity"] for r in rows} == {"-2.0"}
    assert {r["Quad Class"] for r in rows} == {"3"} and len({r["Event ID"] for r in rows}) == 4


def test_parquet_export(filled, tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "events.parquet"
    assert export_store(filled, "parquet", path) == len(REPORTS)
    table = pq.read_table(path)
    assert table.num_rows == len(REPORTS)
    assert set(table.column("event_type").to_pylist()) == {
        "CONSULT",
        "ASSAULT",
        "SANCTION",
        "PROTEST",
        "AID",
        "ACCUSE",
    }
    empty = tmp_path / "none.parquet"
    assert export_store(filled, "parquet", empty, EventFilter(type="RETREAT")) == 0
    assert pq.read_table(empty).num_rows == 0


def test_unknown_export_format(filled, tmp_path):
    with pytest.raises(FilterError, match="unknown export format 'xml'"):
        export_store(filled, "xml", tmp_path / "x.xml")
