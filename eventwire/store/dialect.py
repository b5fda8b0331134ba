"""A thin connection wrapper hiding the few differences between DuckDB and PostgreSQL.

Queries are written once with ``?`` placeholders; for psycopg they are turned into
``%s``. JSON values are stored as TEXT on both back ends so that they read back as
the same Python type. NUL characters in text values become U+FFFD on both back ends:
PostgreSQL text cannot hold them, and one character for one keeps character offsets valid.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.errors import shown
from eventwire.ingest.opening import open_regular, regular_file_problem
from eventwire.store.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    DiskFullError,
    NotADatabaseError,
    StoreError,
)

DEFAULT_DB = "events.duckdb"
MAX_PARAMS = 3000  # per multi-row INSERT statement; well under both back ends' limits
NUL_STANDIN = "\ufffd"


def text_safe(values: Sequence[Any]) -> list[Any]:
    """``values`` with NUL characters in strings replaced by U+FFFD (see the module docstring)."""
    return [v.replace("\x00", NUL_STANDIN) if isinstance(v, str) and "\x00" in v else v for v in values]


def resolve_db(db: str | Path | None) -> str:
    """The database to use: the argument, else env ``EVENTWIRE_DB``, else ``events.duckdb``."""
    if db is None or str(db) == "":
        return os.environ.get("EVENTWIRE_DB") or DEFAULT_DB
    return str(db)


def marks(values: Sequence[Any]) -> str:
    """``?, ?, ?`` for an IN list of ``values`` (the values travel as parameters)."""
    return ", ".join("?" * len(values))


def chunks(values: Sequence[Any], size: int = 500) -> list[list[Any]]:
    return [list(values[i : i + size]) for i in range(0, len(values), size)]


def is_postgres_url(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


@dataclass
class Connection:
    """One open database connection with a dialect name (``duckdb`` or ``postgres``)."""

    raw: Any
    dialect: str
    name: str  # path or URL without password, for messages
    reopen: Callable[[], Any] | None = field(default=None, repr=False)  # a new raw connection (PostgreSQL)
    _in_tx: bool = field(default=False, repr=False)

    def _sql(self, sql: str) -> str:
        if self.dialect == "postgres":
            return sql.replace("%", "%%").replace("?", "%s")
        return sql

    def _lost(self) -> bool:
        """The server closed a PostgreSQL connection (restart, idle timeout) outside a transaction."""
        return self.reopen is not None and not self._in_tx and bool(getattr(self.raw, "closed", False))

    def _run(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Execute one statement; a lost connection is reopened, and a lone statement retried once.

        A damaged DuckDB file, a full disk or a read-only file system become one-line ``StoreError``s.
        """
        if self._lost():
            self.raw = self.reopen()  # type: ignore[misc]
        try:
            return self.raw.execute(self._sql(sql), text_safe(params))
        except StoreError:
            raise
        except Exception as exc:
            if self.dialect == "duckdb" and (problem := environment_error(self.name, exc)) is not None:
                raise problem from None
            if not self._lost():
                raise
        self.raw = self.reopen()  # type: ignore[misc]
        return self.raw.execute(self._sql(sql), text_safe(params))

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._run(sql, params)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cur = self._run(sql, params)
        return [tuple(r) for r in cur.fetchall()]

    def query_dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self._run(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self.query(sql, params)
        return rows[0][0] if rows else None

    def insert_rows(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        ignore_conflicts: bool = False,
    ) -> None:
        """Insert many rows with multi-row VALUES statements (fast on both back ends)."""
        if not rows:
            return
        rows = [text_safe(row) for row in rows]
        if self.dialect == "duckdb":
            try:
                self._insert_arrow(table, columns, rows, ignore_conflicts)
            except StoreError:
                raise
            except Exception as exc:  # a full disk or damaged file shows up here first, mid-batch
                if (problem := environment_error(self.name, exc)) is not None:
                    raise problem from None
                raise
            return
        width = len(columns)
        per_stmt = max(1, MAX_PARAMS // width)
        holder = "(" + ", ".join("?" * width) + ")"
        tail = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
        cols = ", ".join(columns)
        for i in range(0, len(rows), per_stmt):
            chunk = rows[i : i + per_stmt]
            sql = f"INSERT INTO {table} ({cols}) VALUES " + ", ".join([holder] * len(chunk)) + tail
            self.execute(sql, [v for row in chunk for v in row])

    def _insert_arrow(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]],
                      ignore_conflicts: bool) -> None:  # fmt: skip
        """DuckDB binds large VALUES lists slowly; scanning an Arrow table is much faster."""
        import pyarrow as pa

        data = pa.table({f"c{i}": [row[i] for row in rows] for i in range(len(columns))})
        name = f"_ew_insert_{table}"
        self.raw.register(name, data)
        try:
            tail = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
            select = ", ".join(f"c{i}" for i in range(len(columns)))
            self.raw.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} FROM {name}{tail}")
        finally:
            self.raw.unregister(name)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction; nested calls join the outer one."""
        if self._in_tx:
            yield
            return
        self._run("BEGIN")
        self._in_tx = True
        try:
            yield
        except BaseException:
            self._in_tx = False
            if not self._lost():  # a dropped connection has nothing to roll back; keep the first error
                with contextlib.suppress(Exception):  # a failed write may have aborted it already
                    self.raw.execute("ROLLBACK")
            raise
        self._in_tx = False
        self._run("COMMIT")

    def close(self) -> None:
        self.raw.close()


def connect(
    db: str, *, read_only: bool = False, create: bool = True, schema: str | None = None
) -> Connection:
    """Open a DuckDB file or a PostgreSQL URL, turning driver errors into one-line StoreErrors."""
    if is_postgres_url(db):
        return _connect_postgres(db, schema=schema, read_only=read_only)
    return _connect_duckdb(db, read_only=read_only, create=create)


def _connect_duckdb(path: str, *, read_only: bool, create: bool) -> Connection:
    import duckdb

    if path != ":memory:":
        p = Path(path)
        if p.is_dir():
            raise NotADatabaseError(f"{path}: is a directory, not a DuckDB database")
        if not p.exists() and (read_only or not create):
            raise StoreError(f"{path}: no such database (ingest something first)")
        if os.path.lexists(p) and (problem := regular_file_problem(p)) is not None:
            raise NotADatabaseError(f"{shown(path)}: not a DuckDB database ({problem})")
        if p.exists() and not _looks_like_duckdb(p):
            raise NotADatabaseError(f"{shown(path)}: not a DuckDB database")
    try:
        raw = duckdb.connect(path, read_only=read_only)
    except duckdb.Error as exc:
        raise _duckdb_error(path, exc) from None
    return Connection(raw, "duckdb", path)


def _looks_like_duckdb(path: Path) -> bool:
    """DuckDB files carry the magic bytes ``DUCK`` at offset 8."""
    try:
        with open_regular(path) as fh:
            head = fh.read(16)
    except OSError as exc:
        raise StoreError(
            f"{shown(str(path))}: cannot read: {getattr(exc, 'reason', None) or exc.strerror or exc}"
        ) from None
    return len(head) >= 12 and head[8:12] == b"DUCK"


_CORRUPT = ("corrupt", "checksum", "invalid block", "unexpected end of file", "serialization error")
_FULL = ("no space left", "file too large", "disk quota")
_READ_ONLY = ("read-only file system", "permission denied", "cannot open file", "attempt to write")


def environment_error(path: str, exc: Exception) -> StoreError | None:
    """The one-line ``StoreError`` for a DuckDB failure of the file or the machine (damaged file,
    disk full, read-only), or None for anything else (a query error is a bug, not the user's)."""
    msg = " ".join(str(exc).split())
    low = msg.lower()
    if any(word in low for word in _CORRUPT):
        return CorruptDatabaseError(f"{path}: the database file is damaged ({msg[:160]}); restore it from a "
                                    "copy or ingest again into a new file")  # fmt: skip
    if any(word in low for word in _FULL):
        return DiskFullError(f"{path}: no room to write ({msg[:120]}); what was committed before is "
                             "kept: free space and run the same command again to resume")  # fmt: skip
    if any(word in low for word in _READ_ONLY):
        return StoreError(f"{path}: cannot write the database ({msg[:160]})")
    return None


def _duckdb_error(path: str, exc: Exception) -> StoreError:
    msg = " ".join(str(exc).split())
    low = msg.lower()
    if (problem := environment_error(path, exc)) is not None:
        return problem
    if "could not set lock" in low or "conflicting lock" in low:
        return DatabaseLockedError(f"{path}: database is locked by another process (close it and retry)")
    if "not a valid duckdb" in low or ("invalid" in low and "file" in low):
        return NotADatabaseError(f"{path}: not a DuckDB database")
    return StoreError(f"{path}: cannot open database: {msg[:200]}")


def _redact(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


def _connect_postgres(url: str, *, schema: str | None, read_only: bool) -> Connection:
    try:
        import psycopg
    except ImportError:
        raise StoreError("PostgreSQL needs psycopg: pip install 'eventwire[postgres]'") from None
    name = _redact(url)
    if schema and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", schema):
        raise StoreError(f"{schema!r}: not a valid schema name")

    def open_raw() -> Any:
        try:
            raw = psycopg.connect(url, autocommit=True, connect_timeout=5)
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"{name}: cannot connect: {first}") from None
        if schema:
            with contextlib.suppress(psycopg.errors.UniqueViolation):  # a concurrent connection made it
                raw.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            raw.execute(f'SET search_path TO "{schema}"')
        if read_only:
            raw.execute("SET default_transaction_read_only = on")
        return raw

    return Connection(open_raw(), "postgres", name, reopen=open_raw)
