"""What the API serves must not depend on the back end (DuckDB or PostgreSQL) or the server's settings."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest

from eventwire.store import Store, StoreError
from tests.store.conftest import PG_ENV
from tests.web.conftest import TOKEN
from tests.web.factories import make_article, make_event, mention

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_text_with_nul_characters_is_stored_and_served(client, store: Store) -> None:
    sentence = "Israel accused Russia\x00 of lying."
    art = make_article(f"{sentence} More\x00 text.", title="Nul\x00 title", published="2021-09-08")
    ev = make_event(art, 0, sentence, "accused", "ACCUSE", [mention("Israel", art, "ISR")],
                    [mention("Russia\x00", art, "RUS")], when="2021-09-08")  # fmt: skip
    assert store.add_batch([(art, [ev])]).events_added == 1  # PostgreSQL text cannot hold NUL
    body = client.get(f"/api/articles/{art.id}").json()
    assert body["article"]["text"] == art.text.replace("\x00", "\ufffd")  # same length: offsets hold
    assert body["article"]["title"] == "Nul\ufffd title"
    assert "".join(s["text"] for s in body["segments"]) == body["article"]["text"]
    assert client.get("/api/events", params={"text": "russia\x00 of"}).json()["total"] == 1
    assert client.get("/api/events", params={"text": "\x00"}).json()["total"] == 1
    assert client.get(f"/articles/{art.id}").status_code == 200


def test_watches_are_dated_in_utc_whatever_the_session_time_zone(client, store: Store) -> None:
    if store.dialect == "postgres":
        store.conn.execute("SET TIME ZONE 'Pacific/Kiritimati'")  # UTC+14, as a server's own setting
    else:
        store.conn.execute("SET TimeZone = 'Pacific/Kiritimati'")
    assert client.post("/api/watches", json={"name": "w", "actor": "RUS"}, headers=AUTH).status_code == 201
    created = datetime.fromisoformat(client.get("/api/watches").json()["watches"][-1]["created"])
    assert abs(created - datetime.now(UTC).replace(tzinfo=None)) < timedelta(minutes=5)


def test_watches_are_listed_in_the_same_order_on_every_back_end(client) -> None:
    for name in ["Zed", "alpha", "Beta"]:
        client.post("/api/watches", json={"name": name, "type": "AGREE"}, headers=AUTH)
    names = [w["name"] for w in client.get("/api/watches").json()["watches"]]
    assert names == ["alpha", "Beta", "isr", "Zed"]
    page = client.get("/watches").text
    assert page.index(">alpha<") < page.index(">Zed<")


@pytest.mark.parametrize("backend", [pytest.param("postgres", marks=pytest.mark.postgres)])
def test_the_app_outlives_a_dropped_postgres_connection(client, store: Store) -> None:
    import psycopg

    assert client.get("/api/events").json()["total"] == 4
    with psycopg.connect(os.environ[PG_ENV], autocommit=True) as admin:  # a server restart or idle timeout
        admin.execute("SELECT pg_terminate_backend(%s)", [store.conn.raw.info.backend_pid])
    assert client.get("/api/events").json()["total"] == 4
    assert client.post("/api/watches", json={"name": "w", "actor": "RUS"}, headers=AUTH).status_code == 201

    def server_down() -> None:
        raise StoreError("postgresql://eventwire@db/events: cannot connect: connection refused")

    store.conn.raw.close()
    store.conn.reopen = server_down
    down = client.get("/api/events")
    assert down.status_code == 503 and "cannot connect" in down.json()["detail"]


def test_text_search_folds_non_ascii_case_whatever_the_server_locale(client, store: Store) -> None:
    if store.dialect == "postgres":  # as in a database created with LC_CTYPE=C: lower() folds ASCII only
        store.conn.execute('ALTER TABLE sentences ALTER COLUMN text TYPE TEXT COLLATE "C"')
        store.conn.execute('ALTER TABLE articles ALTER COLUMN title TYPE TEXT COLLATE "C"')
    sentence = "L'ÉLYSÉE accused Israel of 100% (sic) lies [sources]."
    art = make_article(sentence, title="Ça suffit, dit l'Élysée", published="2021-09-08")
    ev = make_event(art, 0, sentence, "accused", "ACCUSE", [mention("ÉLYSÉE", art, "FRAGOV")],
                    [mention("Israel", art, "ISR")], when="2021-09-08")  # fmt: skip
    store.add_batch([(art, [ev])])

    def total(text: str) -> int:
        return client.get("/api/events", params={"text": text}).json()["total"]

    for query in ["élysée", "ÉLYSÉE", "ÉlYsée", "ça suffit", "ÇA", "l'élysée accused",
                  "élysée accused israel of 100% (sic)", "(sic) lies [sources]"]:  # fmt: skip
        assert total(query) == 1, query
    assert total("elysee") == 0  # case folds, accents do not
    assert total("élysée.*israel") == 0  # the query is text, not a pattern
    assert total("[é") == 0
