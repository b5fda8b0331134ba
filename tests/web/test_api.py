"""The JSON API over a real DuckDB store: filters, pagination, dyads, articles, watches, digests."""

from __future__ import annotations

from tests.web.conftest import TOKEN
from tests.web.factories import corpus

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_events_are_listed_newest_first_and_paginated(client) -> None:
    body = client.get("/api/events").json()
    assert body["total"] == 4
    days = [e["day"] for e in body["events"]]
    assert days == sorted(days, reverse=True)
    first = client.get("/api/events?limit=2").json()
    second = client.get("/api/events?limit=2&offset=2").json()
    ids = [e["id"] for e in first["events"] + second["events"]]
    assert len(ids) == len(set(ids)) == 4
    assert first["events"][0]["article"]["title"] == "Lapid to visit Moscow"


def test_event_filters_match_the_cli_filters(client) -> None:
    def ids(query: str) -> set[str]:
        return {e["plover"]["type"] for e in client.get(f"/api/events?{query}").json()["events"]}

    assert ids("actor=ISR") == {"CONSULT", "ASSAULT", "AGREE"}  # ISRGOV and ISRMIL count as ISR
    assert ids("actor=isrgov") == {"CONSULT"}
    assert ids("recipient=ISR") == {"ACCUSE"}
    assert ids("actor=ISR&recipient=RUS&type=consult") == {"CONSULT"}
    assert ids("since=2021-09-05&until=2021-09") == {"CONSULT", "AGREE"}
    assert ids("until=2021-08") == {"ASSAULT"}
    assert ids("text=damascus") == {"ACCUSE"}
    assert ids(f"article={corpus()[1][0].id}") == {"ASSAULT"}
    linked = client.get("/api/events?type=AGREE").json()["events"][0]["linked_event_id"]
    assert ids(f"linked={linked}") == {"AGREE"}
    assert client.get("/api/events?article=x'--").status_code == 422


def test_bad_filter_values_are_400_with_the_reason(client) -> None:
    cases = [("type=FLY", "PLOVER"), ("since=2021-13-01", "since"), ("exclude_modality=maybe", "modality"),
             ("since=2021-09-10&until=2021-09-01", "after")]  # fmt: skip
    for query, words in cases:
        r = client.get(f"/api/events?{query}")
        assert r.status_code == 400, query
        assert words in r.json()["detail"]
    assert client.get("/api/events?limit=100000").status_code == 422


def test_sql_injection_strings_are_only_ever_values(client) -> None:
    r = client.get("/api/events", params={"actor": "ISR' OR '1'='1"})
    assert r.status_code == 400
    for text in ["x' OR '1'='1", "'; DROP TABLE events; --", "%", "_", "\\"]:
        r = client.get("/api/events", params={"text": text})
        assert r.status_code == 200
        assert r.json()["total"] == 0, text
    r = client.get("/api/digest", params={"watch": "isr'; DROP TABLE watches; --", "week": "2021-W36"})
    assert r.status_code == 404
    assert client.get("/api/events").json()["total"] == 4
    assert [w["name"] for w in client.get("/api/watches").json()["watches"]] == ["isr"]


def test_dyad_series_by_month_and_type(client) -> None:
    rows = client.get("/api/dyads?actor=ISR&recipient=RUS&by=month&by_type=true").json()["rows"]
    assert {(r["period"], r["source"], r["target"], r["plover_type"]) for r in rows} == {
        ("2021-09", "ISR", "RUS", "CONSULT"), ("2021-09", "ISR", "RUS", "AGREE"),
    }  # fmt: skip
    assert sum(r["goldstein_sum"] for r in rows) == 9.0
    assert client.get("/api/dyads?by=fortnight").status_code == 422


def test_article_with_its_events_and_reader_segments(client) -> None:
    article, events = corpus()[0]
    body = client.get(f"/api/articles/{article.id}").json()
    assert body["article"]["text"] == article.text
    assert [e["id"] for e in body["events"]] == [e.id for e in events]
    assert "".join(s["text"] for s in body["segments"]) == article.text
    assert client.get("/api/articles/0000000000000000").status_code == 404


def test_top_actors_and_network(client) -> None:
    top = client.get("/api/actors/top?n=3").json()["actors"]
    assert len(top) == 3
    graph = client.get("/api/network").json()
    tones = {(e["source"], e["target"]): e["tone"] for e in graph["edges"]}
    assert tones == {("ISR", "RUS"): "cooperation", ("RUS", "ISR"): "conflict", ("ISR", "SYR"): "conflict"}
    assert {n["id"] for n in graph["nodes"]} == {"ISR", "RUS", "SYR"}


def test_openapi_schema_lists_the_endpoints(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ["/api/events", "/api/dyads", "/api/actors", "/api/articles/{article_id}", "/api/articles",
                 "/api/code", "/api/watches", "/api/digest"]:  # fmt: skip
        assert path in paths
    assert "post" in paths["/api/articles"]
    assert client.get("/docs").status_code == 404  # Swagger UI would load a CDN


def test_watches_can_be_saved_with_the_token_and_give_digests(client) -> None:
    r = client.post("/api/watches", json={"name": "consults", "type": "CONSULT"}, headers=AUTH)
    assert r.status_code == 201
    assert r.json()["filter"] == {"type": "CONSULT"}
    bad = client.post("/api/watches", json={"name": "x", "type": "FLY"}, headers=AUTH)
    assert bad.status_code == 400
    digest = client.get("/api/digest?watch=consults&week=2021-W36").json()
    assert [i["event"]["plover"]["type"] for i in digest["events"]] == ["CONSULT"]
    assert digest["start"] == "2021-09-06" and digest["end"] == "2021-09-12"
    md = client.get("/api/digest?watch=isr&week=2021-W36&format=md")
    assert md.headers["content-type"].startswith("text/markdown")
    assert "Lapid to visit Moscow" in md.text and "/articles/" in md.text
    html = client.get("/api/digest?watch=isr&week=2021-W36&format=html")
    assert "<style>" in html.text and "Talks continue" in html.text
    assert "style-src 'sha256-" in html.headers["content-security-policy"]  # only its own stylesheet
    assert client.get("/api/digest?watch=isr&week=2021-36").status_code == 400
    assert client.get("/api/digest?watch=nope&week=2021-W36").status_code == 404


def test_network_says_how_many_events_it_read_and_caps_them(store) -> None:
    from fastapi.testclient import TestClient

    from eventwire.web import create_app
    from eventwire.web.sample import ViewLimits

    def network(cap: int, query: str = "") -> dict:
        with TestClient(create_app(store, limits=ViewLimits(network_events=cap))) as c:
            return c.get(f"/api/network{query}").json()

    def counts(body: dict) -> tuple:
        return body["events_read"], body["events_matching"], body["events_cap"], body["events_truncated"]

    assert counts(network(4)) == (4, 4, 4, False)  # exactly at the cap is not truncated
    newest = network(2)  # the newest two: the ISR→RUS meeting (09-08) and agreement (09-07)
    assert counts(newest) == (2, 4, 2, True)
    assert {(e["source"], e["target"]) for e in newest["edges"]} == {("ISR", "RUS")}
    assert counts(network(2, "?actor=ISR")) == (2, 3, 2, True)
    assert counts(network(10_000, "?actor=SYR")) == (0, 0, 10_000, False)
    assert "events_truncated" in TestClient(create_app(store)).get("/openapi.json").text


def test_digest_says_when_its_cap_left_reports_out(store) -> None:
    from fastapi.testclient import TestClient

    from eventwire.web import create_app
    from eventwire.web.sample import ViewLimits

    query = "/api/digest?watch=isr&week=2021-W36"
    with TestClient(create_app(store)) as c:
        full = c.get(query).json()
    assert (full["mentions"], full["events_matching"], full["events_truncated"]) == (2, 2, False)
    with TestClient(create_app(store, limits=ViewLimits(digest_events=1))) as c:
        capped = c.get(query).json()
        markdown = c.get(f"{query}&format=md").text
        page = c.get("/digest?watch=isr&week=2021-W36").text
    assert (capped["mentions"], capped["events_matching"], capped["events_truncated"]) == (1, 2, True)
    assert [i["event"]["plover"]["type"] for i in capped["events"]] == ["CONSULT"]  # the newer one
    assert "newest 1 of 2 matching reports" in markdown
    assert 'id="digest-cap"' in page and "newest 1 of 2" in page
