"""Web fixtures: a real store filled with hand-built events, apps over it, and the pipeline.

``store`` (and every fixture built on it) runs once on DuckDB and once on PostgreSQL, with the store
tests' helpers: ``BACKENDS`` and ``fresh_database`` (a DuckDB file under ``tmp_path``, or a throw-away
PostgreSQL schema dropped after the test). The PostgreSQL case skips with the reason when
``EVENTWIRE_TEST_POSTGRES`` is unset or the server is unreachable.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

import pytest

from eventwire.store import EventFilter, Store, open_store
from tests.store.conftest import BACKENDS, fresh_database
from tests.web.factories import corpus

TOKEN = "test-token-0123456789"


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """``duckdb`` or ``postgres`` (marked ``postgres``)."""
    return request.param


@pytest.fixture
def store(backend: str, tmp_path: Path) -> Iterator[Store]:
    """A fresh store (DuckDB or PostgreSQL) with three articles (four events) and a watch on ISR."""
    with fresh_database(backend, tmp_path) as (db, schema), open_store(db, schema=schema) as st:
        st.add_batch(corpus())
        st.save_watch("isr", EventFilter(actor="ISR"))
        yield st


@pytest.fixture
def db(backend: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database as ``--db`` and ``create_app`` take it: a DuckDB path or a PostgreSQL URL."""
    with fresh_database(backend, tmp_path) as (target, schema):
        if not schema:
            yield target
            return
        open_store(target, schema=schema).close()  # creates the schema the URL points at
        yield with_search_path(target, schema)


def with_search_path(url: str, schema: str) -> str:
    """``url`` with libpq options selecting ``schema`` (the app and the CLI take a URL, no schema)."""
    return f"{url}{'&' if '?' in url else '?'}{urlencode({'options': f'-csearch_path={schema}'})}"


@pytest.fixture
def client(store: Store):  # type: ignore[no-untyped-def]
    """A read/write app (token ``TOKEN``) over ``store``."""
    from fastapi.testclient import TestClient

    from eventwire.web import create_app

    with TestClient(create_app(store, token=TOKEN)) as c:
        yield c


@pytest.fixture
def readonly_client(store: Store):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from eventwire.web import create_app

    with TestClient(create_app(store)) as c:
        yield c


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    """The real coding pipeline, loaded once for the web tests."""
    from eventwire.pipeline import Pipeline

    return Pipeline.load()


def sample_article(path: Path):  # type: ignore[no-untyped-def]
    """A sample file cleaned into an Article with the date from its ``.meta.json`` sidecar."""
    from eventwire.ingest import clean_flattened

    meta = json.loads(path.with_suffix(".meta.json").read_text(encoding="utf-8"))
    return clean_flattened(
        path.read_text(encoding="utf-8"), source=str(path), publisher=meta.get("publisher"),
        published=datetime.fromisoformat(meta["published"]), date_source="metadata",
    )  # fmt: skip
