"""Store errors: each message is one line that names the database or the bad value."""

from __future__ import annotations


class StoreError(Exception):
    """The database cannot be used as asked (missing, locked, not a database, wrong version)."""


class DatabaseLockedError(StoreError):
    """Another process holds the write lock on the database file."""


class NotADatabaseError(StoreError):
    """The file exists but is not a DuckDB database."""


class CorruptDatabaseError(StoreError):
    """The database file is damaged (a checksum or structure check failed)."""


class DiskFullError(StoreError):
    """No room left to write the database (the disk or a file size limit is full)."""


class SchemaVersionError(StoreError):
    """The database was written by a newer eventwire than this one."""


class FilterError(ValueError):
    """A query filter value is invalid (unknown event type, malformed date, ...)."""
