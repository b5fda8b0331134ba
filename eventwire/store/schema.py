"""The store schema as numbered migrations, and the code that applies them.

Version 1 holds articles (with versions), sentences, events and their actor
mentions. Version 2 adds cross-article linking (linked events and their
mentions) and saved watches. Version 3 adds the state of ``eventwire follow``:
the sources followed, the listings fetched (feeds, sitemaps, homepages, with
their validators for conditional GET) and every page URL seen. Version 4 adds
the event place's precision and region. A database at an older version is
migrated on open; one at a newer version is refused with a clear error.
"""

from __future__ import annotations

from eventwire.store.dialect import Connection
from eventwire.store.errors import SchemaVersionError

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: articles, sentences, events, actor mentions
    (
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            url TEXT,
            title TEXT,
            publisher TEXT,
            outlet TEXT,
            published TIMESTAMP,
            published_raw TEXT,
            date_source TEXT,
            language TEXT,
            source TEXT,
            text TEXT NOT NULL,
            paragraphs TEXT,
            dropped TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            is_latest BOOLEAN NOT NULL DEFAULT TRUE,
            added_at TIMESTAMP
        )""",
        "CREATE INDEX articles_url ON articles (url)",
        """CREATE TABLE sentences (
            article_id TEXT NOT NULL,
            sentence_index INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, sentence_index)
        )""",
        """CREATE TABLE events (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL,
            sentence_index INTEGER NOT NULL,
            trigger_text TEXT,
            trigger_start INTEGER,
            trigger_end INTEGER,
            plover_type TEXT NOT NULL,
            plover_mode TEXT,
            cameo_code TEXT,
            cameo_root TEXT,
            goldstein DOUBLE PRECISION,
            quad_class INTEGER,
            negated BOOLEAN NOT NULL DEFAULT FALSE,
            future BOOLEAN NOT NULL DEFAULT FALSE,
            hypothetical BOOLEAN NOT NULL DEFAULT FALSE,
            alleged BOOLEAN NOT NULL DEFAULT FALSE,
            historical BOOLEAN NOT NULL DEFAULT FALSE,
            date_value TEXT,
            date_precision TEXT,
            date_start DATE,
            date_end DATE,
            day DATE,
            place TEXT,
            place_country TEXT,
            lat DOUBLE PRECISION,
            lon DOUBLE PRECISION,
            geonameid BIGINT,
            confidence DOUBLE PRECISION,
            record TEXT NOT NULL
        )""",
        "CREATE INDEX events_article ON events (article_id)",
        "CREATE INDEX events_type_day ON events (plover_type, day)",
        """CREATE TABLE actor_mentions (
            event_id TEXT NOT NULL,
            role TEXT NOT NULL,
            position INTEGER NOT NULL,
            text TEXT,
            start_char INTEGER,
            end_char INTEGER,
            name TEXT,
            country TEXT,
            sector TEXT,
            code TEXT,
            PRIMARY KEY (event_id, role, position)
        )""",
        "CREATE INDEX actor_mentions_country ON actor_mentions (country)",
        "CREATE INDEX actor_mentions_code ON actor_mentions (code)",
    ),
    # 2: cross-article linking and saved watches
    (
        """CREATE TABLE linked_events (
            id TEXT PRIMARY KEY,
            plover_type TEXT NOT NULL,
            source TEXT,
            target TEXT,
            day DATE,
            mentions INTEGER NOT NULL,
            articles INTEGER NOT NULL,
            sources INTEGER NOT NULL,
            first_seen TIMESTAMP,
            last_seen TIMESTAMP
        )""",
        """CREATE TABLE event_mentions (
            event_id TEXT PRIMARY KEY,
            linked_event_id TEXT NOT NULL,
            article_id TEXT NOT NULL,
            outlet TEXT,
            seen TIMESTAMP
        )""",
        "CREATE INDEX event_mentions_linked ON event_mentions (linked_event_id)",
        """CREATE TABLE watches (
            name TEXT PRIMARY KEY,
            filter TEXT NOT NULL,
            created TIMESTAMP
        )""",
    ),
    # 3: following news sites (eventwire.follow): sources, listings, seen page URLs
    (
        """CREATE TABLE follow_sources (
            url TEXT PRIMARY KEY,
            kind TEXT,
            last_poll TIMESTAMP,
            last_ok TIMESTAMP,
            last_new INTEGER NOT NULL DEFAULT 0,
            last_failures INTEGER NOT NULL DEFAULT 0,
            total_new INTEGER NOT NULL DEFAULT 0,
            total_failures INTEGER NOT NULL DEFAULT 0,
            last_error TEXT
        )""",
        """CREATE TABLE follow_listings (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            links TEXT,
            checked TIMESTAMP
        )""",
        """CREATE TABLE follow_urls (
            url TEXT PRIMARY KEY,
            source TEXT,
            status TEXT NOT NULL,
            article_id TEXT,
            content_hash TEXT,
            reason TEXT,
            seen TIMESTAMP
        )""",
        "CREATE INDEX follow_urls_hash ON follow_urls (content_hash)",
    ),
    # 4: the place's precision (country / region / city / point) and region, for map and region filters
    (
        "ALTER TABLE events ADD COLUMN place_precision TEXT",
        "ALTER TABLE events ADD COLUMN place_region TEXT",
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)
MIGRATION_LOCK = 0x65766E74  # PostgreSQL advisory lock key for migrations


def current_version(conn: Connection) -> int:
    """The schema version stored in the database; 0 for an empty database."""
    # Both tables in one statement, so one snapshot: a migration committing in between cannot make a
    # fresh database look like one with tables but no version.
    tables = _tables(conn, ("schema_version", "articles"))
    if "schema_version" not in tables:
        if "articles" in tables:
            raise SchemaVersionError(f"{conn.name}: has eventwire tables but no schema version")
        return 0
    return int(conn.scalar("SELECT MAX(version) FROM schema_version") or 0)


def migrate(conn: Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to ``target``, one migration per transaction. Returns the old version."""
    old = current_version(conn)
    if old > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"{conn.name}: schema version {old} is newer than this eventwire supports "
            f"({SCHEMA_VERSION}); upgrade eventwire"
        )
    for version in range(old + 1, target + 1):
        with conn.transaction():
            if conn.dialect == "postgres":
                # several workers may open a fresh database at once: one migrates, the others wait
                conn.execute("SELECT pg_advisory_xact_lock(?)", [MIGRATION_LOCK])
                if current_version(conn) >= version:
                    continue
            if version == 1:
                conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied TIMESTAMP)")
            for statement in MIGRATIONS[version - 1]:
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version VALUES (?, CURRENT_TIMESTAMP)", [version])
    return old


def _tables(conn: Connection, names: tuple[str, str]) -> set[str]:
    """Which of the two ``names`` exist as tables in the current schema."""
    sql = (
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_name IN (?, ?) AND table_schema = current_schema()"
    )
    return {row[0] for row in conn.query(sql, list(names))}
