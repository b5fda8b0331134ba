"""Store fixtures: a fresh store per test on DuckDB and (when reachable) PostgreSQL, and
small factories for hand-built Articles and Events."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest

from eventwire.models import Article, Cameo, Event, EventDate, Location, Mention, Modality, Plover, Trigger
from eventwire.store import Store, open_store

PG_ENV = "EVENTWIRE_TEST_POSTGRES"
# (CAMEO code, Goldstein, quad class) per PLOVER type, for readable factories
CAMEO_FOR = {
    "CONSULT": ("040", 1.0, 1),
    "ASSAULT": ("190", -10.0, 4),
    "ACCUSE": ("112", -2.0, 3),
    "AID": ("070", 7.0, 2),
    "AGREE": ("057", 8.0, 1),
    "SANCTION": ("163", -8.0, 4),
    "PROTEST": ("141", -6.5, 4),
    "REQUEST": ("020", 3.0, 1),
}


def actor(code: str, text: str | None = None, start: int = 0) -> Mention:
    """A resolved mention from a CAMEO-style code: ``ISRGOV`` → country ISR, sector GOV."""
    country, sector = code[:3], (code[3:6] or None)
    return Mention(text or code, start, start + len(text or code), country=country, sector=sector, code=code)


def article(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    published: str | None = "2021-09-05",
) -> Article:
    return Article(
        id=Article.make_id(text, title, url),
        text=text,
        title=title,
        url=url,
        publisher=publisher,
        published=datetime.fromisoformat(published) if published else None,
        date_source="metadata" if published else None,
        language="en",
        paragraphs=[(0, len(text))],
        source=url or "<test>",
    )


def event(
    art: Article,
    plover_type: str,
    actors: list[str],
    recipients: list[str],
    *,
    sentence_index: int = 0,
    sentence: str | None = None,
    trigger: str = "met",
    when: str | None = None,
    place: str | None = None,
    place_country: str | None = None,
    latlon: tuple[float, float] | None = None,
    modality: Modality | None = None,
) -> Event:
    """An event in ``art``; ``when`` is ``YYYY-MM-DD``/``YYYY-MM``/``YYYY`` (precision follows)."""
    sentence = sentence or art.text
    start = max(sentence.find(trigger), 0)
    code, goldstein, quad = CAMEO_FOR.get(plover_type, ("010", 0.0, 1))
    precision = {10: "day", 7: "month", 4: "year"}[len(when)] if when else None
    return Event(
        id=Event.make_id(art.id, sentence_index, start, plover_type),
        article_id=art.id,
        sentence_index=sentence_index,
        sentence=sentence,
        trigger=Trigger(trigger, start, start + len(trigger)),
        plover=Plover(plover_type),
        cameo=Cameo(code, code[:2], goldstein, quad),
        actor=[actor(c) for c in actors],
        recipient=[actor(c) for c in recipients],
        modality=modality or Modality(),
        date=EventDate(when, precision, when) if when else None,  # type: ignore[arg-type]
        location=Location(place, place_country, *(latlon or (None, None))) if place else None,
        confidence=0.8,
        explanation="test",
    )


def _postgres_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL tests need {PG_ENV}=postgresql://... (not set)")
    try:
        import psycopg

        psycopg.connect(url, connect_timeout=3).close()
    except Exception as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        pytest.skip(f"PostgreSQL at {PG_ENV} is unreachable: {first}")
    return url


BACKENDS = [pytest.param("duckdb"), pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@contextmanager
def fresh_database(backend: str, tmp_path: Path) -> Iterator[tuple[str, str | None]]:
    """(db, schema) of a fresh, empty database: a DuckDB file, or a throw-away PostgreSQL schema.

    The PostgreSQL schema has a random name (parallel and repeated runs do not meet) and is dropped
    on exit; without a reachable server (``EVENTWIRE_TEST_POSTGRES``) the test is skipped.
    """
    if backend == "duckdb":
        yield str(tmp_path / "events.duckdb"), None
        return
    url = _postgres_url()
    schema = "t_" + uuid.uuid4().hex[:12]
    try:
        yield url, schema
    finally:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def target(backend: str, tmp_path: Path) -> Iterator[tuple[str, str | None]]:
    """(db, schema) of a fresh, empty database on ``backend`` (see ``fresh_database``)."""
    with fresh_database(backend, tmp_path) as found:
        yield found


@pytest.fixture
def store(target: tuple[str, str | None]) -> Iterator[Store]:
    """A fresh store on each backend."""
    with open_store(target[0], schema=target[1]) as st:
        yield st
