"""Coding through the API with the real pipeline: text and HTML, store with the token, actor lookup."""

from __future__ import annotations

import pytest

from tests.web.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT = "Foreign Minister Yair Lapid met Russian Foreign Minister Sergey Lavrov in Moscow on Wednesday."
HTML = f"""<html><head><title>Lapid meets Lavrov</title>
<meta property="og:site_name" content="Example News"></head>
<body><nav>Home | World | Sport</nav><article><h1>Lapid meets Lavrov</h1><p>{TEXT}</p>
<p>The two ministers discussed the situation in Syria, officials said after the meeting.</p></article>
<footer>Copyright Example News</footer></body></html>"""


@pytest.fixture
def coding_client(store, pipeline):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from eventwire.web import create_app

    with TestClient(create_app(store, token=TOKEN, pipeline=pipeline)) as c:
        yield c


def test_code_text_without_storing(coding_client) -> None:
    before = coding_client.get("/api/events").json()["total"]
    body = coding_client.post("/api/code", json={"text": TEXT, "date": "2021-09-05", "title": "Lapid"}).json()
    consult = [e for e in body["events"] if e["plover"]["type"] == "CONSULT"]
    assert consult
    assert consult[0]["actor"][0]["country"] == "ISR" and consult[0]["recipient"][0]["country"] == "RUS"
    assert body["article"]["published"].startswith("2021-09-05")
    assert "".join(s["text"] for s in body["segments"]) == body["article"]["text"]
    assert all(e["sentence_key"] for e in body["events"])
    assert coding_client.get("/api/events").json()["total"] == before


def test_code_html_page(coding_client) -> None:
    payload = {"html": HTML, "url": "https://news.example/lapid", "date": "2021-09-05"}
    r = coding_client.post("/api/code", json=payload)
    assert r.status_code == 200, r.text
    article = r.json()["article"]
    assert "Sergey Lavrov" in article["text"] and "Sport" not in article["text"]
    assert article["url"] == "https://news.example/lapid"


def test_unusable_articles_are_422_with_a_reason(coding_client) -> None:
    assert "text" in coding_client.post("/api/code", json={}).json()["detail"]
    bad_date = coding_client.post("/api/code", json={"text": TEXT, "date": "5 Sept"})
    assert bad_date.status_code == 422 and "date" in bad_date.json()["detail"]
    no_article = coding_client.post("/api/code", json={"html": "<html><body></body></html>"})
    assert no_article.status_code == 422


def test_store_article_with_token_is_idempotent(coding_client) -> None:
    payload = {
        "text": TEXT,
        "date": "2021-09-08",
        "publisher": "Example News",
        "url": "https://news.example/a",
    }
    first = coding_client.post("/api/articles", json=payload, headers=AUTH)
    assert first.status_code == 201
    stored = first.json()["stored"]
    assert stored["added"] == 1 and stored["events_added"] == len(first.json()["events"]) > 0
    article_id = first.json()["article"]["id"]
    assert stored["url"] == f"/articles/{article_id}"
    again = coding_client.post("/articles", json=payload, headers=AUTH).json()["stored"]  # the alias
    assert again == {"added": 0, "skipped": 1, "events_added": 0, "url": stored["url"]}
    fetched = coding_client.get(f"/api/articles/{article_id}").json()
    assert fetched["article"]["publisher"] == "Example News"
    assert [e["id"] for e in fetched["events"]] == [e["id"] for e in first.json()["events"]]
    assert coding_client.get("/api/events?text=Lavrov").json()["total"] >= 1


def test_actor_lookup_as_of_a_date(coding_client) -> None:
    body = coding_client.get("/api/actors?name=Lapid&as_of=2021-09-05").json()
    assert body["matches"][0]["code"] == "ISRGOV"
    assert coding_client.get("/api/actors?name=Lapid&as_of=someday").status_code == 400
