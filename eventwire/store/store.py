"""``Store``: articles and coded events in DuckDB or PostgreSQL, and the queries over them."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from eventwire.models import Article, Event
from eventwire.store import analytics, linkstore
from eventwire.store.dialect import Connection, chunks, connect, marks, resolve_db
from eventwire.store.errors import FilterError, SchemaVersionError, StoreError
from eventwire.store.filters import EVENTS_FROM, EventFilter, where_clause
from eventwire.store.linking import LinkConfig
from eventwire.store.records import AddResult, ArticleInfo, DyadRow, LinkedEvent, StoredEvent, Watch
from eventwire.store.rows import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    article_from_row,
    article_row,
    event_from_record,
    event_row,
    mention_rows,
    naive_utc,
)
from eventwire.store.schema import SCHEMA_VERSION, current_version, migrate

MAX_LIMIT = 10_000
WRITE_LOCK = 0x65767772  # PostgreSQL advisory lock key for add_batch


def open_store(
    db: str | Path | None = None,
    *,
    read_only: bool = False,
    create: bool = True,
    schema: str | None = None,
    link_config: LinkConfig | None = None,
) -> Store:
    """Open (and create or migrate) a store.

    ``db`` is a DuckDB file path or a ``postgresql://`` URL; default env
    ``EVENTWIRE_DB``, else ``events.duckdb``. ``create=False`` refuses a missing
    DuckDB file; ``schema`` selects a PostgreSQL schema (created if needed).
    Raises ``StoreError`` subclasses with one-line messages.
    """
    conn = connect(resolve_db(db), read_only=read_only, create=create, schema=schema)
    try:
        version = current_version(conn)
        if read_only and version != SCHEMA_VERSION:
            if version > SCHEMA_VERSION:
                migrate(conn)  # raises the "newer than supported" error
            raise SchemaVersionError(
                f"{conn.name}: schema version {version} needs migrating to {SCHEMA_VERSION}; "
                "open it for writing once"
            )
        if not read_only:
            migrate(conn)
    except BaseException:
        conn.close()
        raise
    return Store(conn, link_config or LinkConfig(), read_only=read_only)


class Store:
    """Articles, events and links in one database. Use as a context manager or call ``close()``."""

    def __init__(
        self, conn: Connection, link_config: LinkConfig | None = None, *, read_only: bool = False
    ) -> None:
        self.conn = conn
        self.link_config = link_config or LinkConfig()
        self.read_only = read_only

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.conn.name}: opened read-only; writing is not allowed")

    @property
    def dialect(self) -> str:
        return self.conn.dialect

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:  # fmt: skip
        self.close()

    def close(self) -> None:
        self.conn.close()

    # ---- writing -------------------------------------------------------------------------------------

    def add_batch(self, items: Sequence[tuple[Article, list[Event]]], *, link: bool = True) -> AddResult:
        """Store articles with their events in one transaction.

        An article id already stored is skipped (idempotent); an article whose url is
        stored under another id becomes a new version (the older ones stay, marked
        not latest). New events are linked to matching events of other articles
        unless ``link`` is false.
        """
        result = AddResult()
        self._writable()
        with self.conn.transaction():
            if self.dialect == "postgres":
                # concurrent writers (workers of a batch run) take turns: versions and links stay consistent
                self.conn.execute("SELECT pg_advisory_xact_lock(?)", [WRITE_LOCK])
            known = self._existing_ids([a.id for a, _ in items])
            fresh: list[tuple[Article, list[Event]]] = []
            for article, events in items:
                if article.id in known:
                    result.articles_skipped += 1
                    continue
                known.add(article.id)
                fresh.append((article, events))
            if not fresh:
                return result
            versions, superseded = self._versions([a for a, _ in fresh])
            orphans: list[str] = []  # events of clusters the superseded versions were in, to link again
            if superseded:
                orphans = linkstore.unlink_articles(self.conn, superseded, dissolve=link)
                self._mark_not_latest(superseded)
            added = naive_utc(datetime.now(UTC))
            art_rows, sent_rows, ev_rows, men_rows = [], [], [], []
            for article, events in fresh:
                art_rows.append(article_row(article, versions[article.id], added))
                seen_sent: set[int] = set()
                seen_ev: set[str] = set()
                for ev in events:
                    if ev.id in seen_ev:
                        continue
                    seen_ev.add(ev.id)
                    if ev.sentence_index not in seen_sent:
                        seen_sent.add(ev.sentence_index)
                        sent_rows.append((article.id, ev.sentence_index, ev.sentence))
                    ev_rows.append(event_row(ev, naive_utc(article.published)))
                    men_rows.extend(mention_rows(ev))
                result.added_ids.append(article.id)
            # a concurrent writer (PostgreSQL) may have stored the same article meanwhile
            self.conn.insert_rows("articles", ARTICLE_COLUMNS, art_rows, ignore_conflicts=True)
            self.conn.insert_rows("sentences", ("article_id", "sentence_index", "text"), sent_rows,
                                  ignore_conflicts=True)  # fmt: skip
            self.conn.insert_rows("events", EVENT_COLUMNS, ev_rows, ignore_conflicts=True)
            self.conn.insert_rows("actor_mentions", MENTION_COLUMNS, men_rows, ignore_conflicts=True)
            result.articles_added = len(fresh)
            result.versions_added = sum(1 for a, _ in fresh if versions[a.id] > 1)
            result.events_added = len(ev_rows)
            if link and (ev_rows or orphans):
                linkstore.link_new(self.conn, [r[0] for r in ev_rows] + orphans, self.link_config)
        return result

    def _existing_ids(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunks(ids):
            sql = f"SELECT id FROM articles WHERE id IN ({marks(chunk)})"
            found.update(r[0] for r in self.conn.query(sql, chunk))
        return found

    def _versions(self, articles: list[Article]) -> tuple[dict[str, int], list[str]]:
        """Version number of each new article, and ids of stored articles they supersede."""
        urls = sorted({a.url for a in articles if a.url})
        latest: dict[str, int] = {}
        superseded: list[str] = []
        for chunk in chunks(urls):
            rows = self.conn.query(
                f"SELECT url, id, version, is_latest FROM articles WHERE url IN ({marks(chunk)})", chunk
            )
            for url, aid, version, is_latest in rows:
                latest[url] = max(latest.get(url, 0), version)
                if is_latest:
                    superseded.append(aid)
        versions: dict[str, int] = {}
        last_in_batch: dict[str, str] = {}
        for a in articles:
            if a.url:
                latest[a.url] = latest.get(a.url, 0) + 1
                versions[a.id] = latest[a.url]
                if a.url in last_in_batch:
                    superseded.append(last_in_batch[a.url])
                last_in_batch[a.url] = a.id
            else:
                versions[a.id] = 1
        return versions, superseded

    def _mark_not_latest(self, ids: list[str]) -> None:
        for chunk in chunks(ids):
            self.conn.execute(f"UPDATE articles SET is_latest = FALSE WHERE id IN ({marks(chunk)})", chunk)

    def known_article_ids(self) -> set[str]:
        """Ids of every stored article (all versions), for resuming a batch run."""
        return {r[0] for r in self.conn.query("SELECT id FROM articles")}

    # ---- reading -------------------------------------------------------------------------------------

    def events(
        self, filter: EventFilter | None = None, *, limit: int = 100, offset: int = 0
    ) -> list[StoredEvent]:
        """Events matching ``filter``, newest event date first."""
        flt = (filter or EventFilter()).validated()
        limit, offset = _page(limit, offset)
        where, params = where_clause(flt, dialect=self.dialect)
        sql = (
            "SELECT e.record, e.day, m.linked_event_id, a.title, a.url, a.publisher, a.published_raw, "
            "a.published "
            f"{EVENTS_FROM} WHERE {where} "
            "ORDER BY e.day DESC NULLS LAST, e.article_id, e.sentence_index, e.trigger_start, e.id "
            "LIMIT ? OFFSET ?"
        )
        return [_stored(r) for r in self.conn.query(sql, [*params, limit, offset])]

    def iter_events(self, filter: EventFilter | None = None, *, page: int = 2000) -> Iterator[StoredEvent]:
        """All events matching ``filter``, fetched a page at a time (for exports)."""
        offset = 0
        while True:
            chunk = self.events(filter, limit=page, offset=offset)
            yield from chunk
            if len(chunk) < page:
                return
            offset += page

    def count_events(self, filter: EventFilter | None = None) -> int:
        flt = (filter or EventFilter()).validated()
        where, params = where_clause(flt, dialect=self.dialect)
        return int(self.conn.scalar(f"SELECT COUNT(*) {EVENTS_FROM} WHERE {where}", params) or 0)

    def article(self, article_id: str) -> tuple[Article, list[Event]] | None:
        """One article (any version) with its events in text order, or None."""
        rows = self.conn.query_dicts(
            f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id = ?", [article_id]
        )
        if not rows:
            return None
        records = self.conn.query(
            "SELECT record FROM events WHERE article_id = ? ORDER BY sentence_index, trigger_start, id",
            [article_id],
        )
        return article_from_row(rows[0]), [event_from_record(r[0]) for r in records]

    def articles(self, *, limit: int = 100, offset: int = 0, publisher: str | None = None,
                 url: str | None = None, all_versions: bool = False) -> list[ArticleInfo]:  # fmt: skip
        """Stored articles, newest first (latest versions only unless ``all_versions``)."""
        limit, offset = _page(limit, offset)
        conds, params = ["TRUE"], []
        if not all_versions:
            conds.append("a.is_latest")
        if publisher:
            conds.append("a.outlet = ?")
            params.append(publisher)
        if url:
            conds.append("a.url = ?")
            params.append(url)
        sql = (
            "SELECT a.id, a.title, a.url, a.publisher, a.published, a.version, a.is_latest, "
            "(SELECT COUNT(*) FROM events e WHERE e.article_id = a.id) "
            f"FROM articles a WHERE {' AND '.join(conds)} "
            "ORDER BY a.published DESC NULLS LAST, a.id LIMIT ? OFFSET ?"
        )
        return [ArticleInfo(*r[:7], events=int(r[7])) for r in self.conn.query(sql, [*params, limit, offset])]

    def count_articles(self, *, all_versions: bool = False) -> int:
        sql = "SELECT COUNT(*) FROM articles" + ("" if all_versions else " WHERE is_latest")
        return int(self.conn.scalar(sql) or 0)

    def dyads(self, by: Literal["day", "week", "month", "year"] = "month", filter: EventFilter | None = None,
              *, by_type: bool = False) -> list[DyadRow]:  # fmt: skip
        """Distinct linked events, mentions and Goldstein sums per directed dyad and period."""
        return analytics.dyads(self.conn, by, (filter or EventFilter()).validated(), by_type=by_type)

    def top_actors(self, n: int = 20, filter: EventFilter | None = None) -> list[dict[str, Any]]:
        """The ``n`` actors in most events: ``code``, ``country``, ``sector``, ``events``."""
        return analytics.top_actors(self.conn, n, (filter or EventFilter()).validated())

    # ---- linking -------------------------------------------------------------------------------------

    def link(self, config: LinkConfig | None = None) -> int:
        """Re-link every event from scratch; returns the number of linked events."""
        self._writable()
        with self.conn.transaction():
            if self.dialect == "postgres":
                self.conn.execute("SELECT pg_advisory_xact_lock(?)", [WRITE_LOCK])
            return linkstore.relink_all(self.conn, config or self.link_config)

    def linked_events(self, *, min_articles: int = 1, plover_type: str | None = None,
                      limit: int = 100, offset: int = 0) -> list[LinkedEvent]:  # fmt: skip
        """Linked events, most reported first."""
        limit, offset = _page(limit, offset)
        return linkstore.linked_events(self.conn, min_articles, plover_type, limit, offset)

    def linked_event(self, linked_id: str) -> tuple[LinkedEvent, list[StoredEvent]] | None:
        """One linked event with all its mentions."""
        found = linkstore.linked_event_row(self.conn, linked_id)
        if found is None:
            return None
        return found, self.events(EventFilter(linked_event_id=linked_id), limit=MAX_LIMIT)

    # ---- watches -------------------------------------------------------------------------------------

    def save_watch(self, name: str, filter: EventFilter) -> Watch:
        """Save (or replace) a named filter."""
        self._writable()
        name = name.strip()
        if not name or len(name) > 100:
            raise FilterError(f"watch name {name!r} must be 1 to 100 characters")
        flt = filter.validated()
        with self.conn.transaction():
            self.conn.execute(
                "INSERT INTO watches (name, filter, created) VALUES (?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET filter = excluded.filter",
                # naive UTC from here: CURRENT_TIMESTAMP would be in the database session's time zone
                [name, json.dumps(flt.to_dict()), naive_utc(datetime.now(UTC))],
            )
        return self.watch(name)  # type: ignore[return-value]

    def watch(self, name: str) -> Watch | None:
        rows = self.conn.query("SELECT name, filter, created FROM watches WHERE name = ?", [name.strip()])
        return _watch(rows[0]) if rows else None

    def watches(self) -> list[Watch]:
        """Saved watches by name, case-insensitively (sorted here: SQL order follows the collation)."""
        found = [_watch(r) for r in self.conn.query("SELECT name, filter, created FROM watches")]
        return sorted(found, key=lambda w: (w.name.casefold(), w.name))

    def delete_watch(self, name: str) -> bool:
        self._writable()
        with self.conn.transaction():
            found = bool(self.conn.scalar("SELECT COUNT(*) FROM watches WHERE name = ?", [name.strip()]))
            self.conn.execute("DELETE FROM watches WHERE name = ?", [name.strip()])
        return found


def _watch(row: tuple[Any, ...]) -> Watch:
    return Watch(row[0], EventFilter.from_dict(json.loads(row[1])), row[2])


def _stored(row: tuple[Any, ...]) -> StoredEvent:
    record, day, linked, title, url, publisher, published_raw, published = row
    when = datetime.fromisoformat(published_raw) if published_raw else published
    return StoredEvent(event_from_record(record), day, linked, title, url, publisher, when)


def _page(limit: int, offset: int) -> tuple[int, int]:
    if limit < 0 or offset < 0:
        raise FilterError(f"limit and offset must not be negative (got {limit}, {offset})")
    return min(int(limit), MAX_LIMIT), int(offset)
