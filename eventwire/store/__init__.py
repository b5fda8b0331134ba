"""The event store: articles and coded events in DuckDB (default) or PostgreSQL.

``open_store(db)`` returns a ``Store``; see ``Store`` for writing, querying,
linking and watches, and ``eventwire.store.export`` for export formats.
"""

from eventwire.store.errors import (
    DatabaseLockedError,
    FilterError,
    NotADatabaseError,
    SchemaVersionError,
    StoreError,
)
from eventwire.store.filters import MODALITIES, PLOVER_TYPES, EventFilter
from eventwire.store.linking import LinkConfig
from eventwire.store.records import AddResult, ArticleInfo, DyadRow, LinkedEvent, StoredEvent, Watch
from eventwire.store.schema import SCHEMA_VERSION
from eventwire.store.store import Store, open_store

__all__ = [
    "MODALITIES",
    "PLOVER_TYPES",
    "SCHEMA_VERSION",
    "AddResult",
    "ArticleInfo",
    "DatabaseLockedError",
    "DyadRow",
    "EventFilter",
    "FilterError",
    "LinkConfig",
    "LinkedEvent",
    "NotADatabaseError",
    "SchemaVersionError",
    "Store",
    "StoreError",
    "StoredEvent",
    "Watch",
    "open_store",
]
