"""Bad databases and bad values: one clear error each, and the data stays intact."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import datetime

import pytest

from eventwire.store import (
    SCHEMA_VERSION,
    DatabaseLockedError,
    NotADatabaseError,
    SchemaVersionError,
    StoreError,
    open_store,
)
from eventwire.store.dialect import connect
from eventwire.store.rows import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    article_row,
    event_row,
    mention_rows,
)
from eventwire.store.schema import current_version, migrate
from tests.store.linking_cases import REPORTS, build


def test_not_a_duckdb_file(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("just some notes, not a database\n")
    before = path.read_bytes()
    with pytest.raises(NotADatabaseError, match=r"notes\.duckdb: not a DuckDB database"):
        open_store(path)
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(NotADatabaseError):
        open_store(empty)
    with pytest.raises(NotADatabaseError, match="is a directory"):
        open_store(tmp_path)
    assert path.read_bytes() == before


def test_missing_database_is_not_created_for_queries(tmp_path):
    path = tmp_path / "missing.duckdb"
    with pytest.raises(StoreError, match="no such database"):
        open_store(path, create=False)
    assert not path.exists()


def test_unreachable_postgres_is_one_line():
    with pytest.raises(StoreError) as err:
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")
    message = str(err.value)
    assert "\n" not in message and "secret" not in message and "cannot connect" in message


def test_locked_by_another_writer(tmp_path):
    path = tmp_path / "events.duckdb"
    with open_store(path) as st:
        st.add_batch([(a, [e]) for a, e in map(build, REPORTS[:3])])
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('ready', flush=True); time.sleep(60)", str(path)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(DatabaseLockedError, match="locked by another process") as err:
            open_store(path)
        assert "\n" not in str(err.value)
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    with open_store(path) as st:
        assert st.count_events() == 3


def _age_to_version_1(db: str, schema: str | None) -> int:
    """Write a version-1 database directly, as an older eventwire would have."""
    conn = connect(db, schema=schema)
    try:
        migrate(conn, target=1)
        pairs = [build(r) for r in REPORTS[:4]]
        conn.insert_rows(
            "articles", ARTICLE_COLUMNS, [article_row(a, 1, datetime(2024, 1, 1)) for a, _ in pairs]
        )
        v1 = EVENT_COLUMNS[: EVENT_COLUMNS.index("place_precision")]  # columns of version 3 come last
        conn.insert_rows("events", v1, [event_row(e, a.published)[: len(v1)] for a, e in pairs])
        conn.insert_rows("actor_mentions", MENTION_COLUMNS, [r for _, e in pairs for r in mention_rows(e)])
        return current_version(conn)
    finally:
        conn.close()


def test_older_schema_is_migrated(target):
    db, schema = target
    assert _age_to_version_1(db, schema) == 1
    with open_store(db, schema=schema) as st:
        assert current_version(st.conn) == SCHEMA_VERSION
        assert st.count_events() == 4
        assert st.link() == 1  # the four Sochi reports
        assert st.linked_events()[0].articles == 4


def test_older_schema_read_only_is_refused(tmp_path):
    db = str(tmp_path / "old.duckdb")
    _age_to_version_1(db, None)
    with pytest.raises(SchemaVersionError, match="needs migrating"):
        open_store(db, read_only=True)


def test_newer_schema_is_refused_and_untouched(target):
    db, schema = target
    with open_store(db, schema=schema) as st:
        art, ev = build(REPORTS[0])
        st.add_batch([(art, [ev])])
        st.conn.execute("INSERT INTO schema_version VALUES (?, CURRENT_TIMESTAMP)", [SCHEMA_VERSION + 5])
    with pytest.raises(SchemaVersionError, match=f"schema version {SCHEMA_VERSION + 5} is newer"):
        open_store(db, schema=schema)
    conn = connect(db, schema=schema)
    try:
        assert conn.scalar("SELECT COUNT(*) FROM events") == 1
    finally:
        conn.close()


def test_failed_batch_leaves_nothing_behind(store):
    good, bad = build(REPORTS[0]), build(REPORTS[1])
    bad[1].plover.type = None  # type: ignore[assignment]  # violates NOT NULL: the whole batch must roll back
    with pytest.raises(Exception):  # noqa: B017 - driver-specific integrity error
        store.add_batch([(good[0], [good[1]]), (bad[0], [bad[1]])])
    assert store.count_events() == 0 and store.known_article_ids() == set()
    store.add_batch([(good[0], [good[1]])])
    assert store.count_events() == 1


def test_read_only_store_refuses_writes(target):
    db, schema = target
    art, ev = build(REPORTS[0])
    with open_store(db, schema=schema) as st:
        st.add_batch([(art, [ev])])
    with open_store(db, schema=schema, read_only=True) as st:
        assert st.count_events() == 1
        other = build(REPORTS[1])[0]
        for write in (lambda: st.add_batch([(other, [])]), st.link, lambda: st.delete_watch("x")):
            with pytest.raises(StoreError, match="opened read-only"):
                write()


def test_concurrent_first_opens_migrate_once(target):
    """Workers opening a fresh database together: one migrates, none fails."""
    from concurrent.futures import ThreadPoolExecutor

    db, schema = target

    def open_and_count(_: int) -> int:
        with open_store(db, schema=schema) as st:
            return st.count_events()

    if db.startswith("postgresql"):
        with ThreadPoolExecutor(4) as pool:
            assert list(pool.map(open_and_count, range(4))) == [0, 0, 0, 0]
    else:  # DuckDB: one process, sequential opens
        assert [open_and_count(i) for i in range(2)] == [0, 0]
    conn = connect(db, schema=schema)
    try:
        assert conn.scalar("SELECT COUNT(*) FROM schema_version") == SCHEMA_VERSION
    finally:
        conn.close()
