"""What ``eventwire follow`` remembers, in the store's ``follow_*`` tables (schema version 3).

* ``follow_sources``: each source followed, with its last poll and counts (``eventwire sources``).
* ``follow_listings``: each feed, sitemap or homepage fetched, with its ETag / Last-Modified for the
  next conditional GET and the links it gave (re-used when it answers 304 Not Modified).
* ``follow_urls``: each page URL seen (canonical form): ``stored`` (its article stored), ``duplicate``
  (the same text as a stored article, kept under both URLs), ``redirected`` (to a URL seen in its own
  row) or ``skipped`` (with the reason; not fetched again). Pages that failed for a reason that may pass
  (timeouts, 5xx) get no row and are tried again on the next poll.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from eventwire.follow.links import Listing
from eventwire.store.dialect import chunks, marks

if TYPE_CHECKING:
    from eventwire.store import Store

STORED, DUPLICATE, REDIRECTED, SKIPPED = "stored", "duplicate", "redirected", "skipped"


def content_hash(text: str) -> str:
    """The hash of an article's text with spacing normalised: the same story under two URLs."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class CachedListing:
    etag: str | None
    last_modified: str | None
    kind: str
    links: list[str]
    nested: list[str]


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """One followed source, as ``eventwire sources`` and the dashboard show it."""

    url: str
    kind: str | None
    last_poll: datetime | None
    last_ok: datetime | None
    last_new: int
    last_failures: int
    total_new: int
    total_failures: int
    last_error: str | None


class FollowState:
    """The follow tables of one open ``Store`` (written by one follower at a time)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn

    # ---- listings ---------------------------------------------------------------------------------

    def listing(self, url: str) -> CachedListing | None:
        rows = self.conn.query("SELECT etag, last_modified, links FROM follow_listings WHERE url = ?", [url])
        if not rows:
            return None
        etag, modified, links = rows[0]
        saved = json.loads(links) if links else {}
        return CachedListing(
            etag, modified, saved.get("kind", "feed"), saved.get("pages", []), saved.get("listings", [])
        )

    def save_listing(self, url: str, etag: str | None, last_modified: str | None, listing: Listing) -> None:
        links = json.dumps({"kind": listing.kind.value, "pages": listing.pages, "listings": listing.listings})
        with self.conn.transaction():
            self.conn.execute(
                "INSERT INTO follow_listings (url, etag, last_modified, links, checked) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
                "last_modified = excluded.last_modified, links = excluded.links, checked = excluded.checked",
                [url, etag, last_modified, links, now()],
            )

    # ---- page URLs --------------------------------------------------------------------------------

    def seen(self, urls: list[str]) -> set[str]:
        """Which of the canonical ``urls`` have a row (stored, duplicate, redirected or skipped)."""
        found: set[str] = set()
        for chunk in chunks(sorted(set(urls))):
            found.update(r[0] for r in self.conn.query(
                f"SELECT url FROM follow_urls WHERE url IN ({marks(chunk)})", chunk))  # fmt: skip
        return found

    def stored_as(self, digest: str) -> tuple[str, str] | None:
        """(article id, URL) of the article stored with this content hash, if any."""
        rows = self.conn.query(
            "SELECT article_id, url FROM follow_urls WHERE content_hash = ? AND status = ? "
            "ORDER BY seen LIMIT 1",
            [digest, STORED],
        )
        return (rows[0][0], rows[0][1]) if rows else None

    def record(self, url: str, source: str, status: str, *, article_id: str | None = None,
               digest: str | None = None, reason: str | None = None) -> None:  # fmt: skip
        """A row for a page URL; a URL already recorded keeps its first row (idempotent)."""
        with self.conn.transaction():
            self.conn.execute(
                "INSERT INTO follow_urls (url, source, status, article_id, content_hash, reason, seen) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING",
                [url, source, status, article_id, digest, reason, now()],
            )

    def urls_of(self, article_id: str) -> list[str]:
        """Every URL an article was found under (stored first, then duplicates and redirects)."""
        rows = self.conn.query(
            "SELECT url FROM follow_urls WHERE article_id = ? ORDER BY status = 'stored' DESC, seen, url",
            [article_id],
        )
        return [r[0] for r in rows]

    # ---- sources ----------------------------------------------------------------------------------

    def polled(self, url: str, kind: str | None, *, new: int, failures: int, error: str | None) -> None:
        """Record one poll of a source: when, what it added, what failed, the last error if any."""
        when = now()
        ok = when if error is None else None
        with self.conn.transaction():
            self.conn.execute(
                "INSERT INTO follow_sources (url, kind, last_poll, last_ok, last_new, last_failures, "
                "total_new, total_failures, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (url) DO UPDATE SET kind = COALESCE(excluded.kind, follow_sources.kind), "
                "last_poll = excluded.last_poll, "
                "last_ok = COALESCE(excluded.last_ok, follow_sources.last_ok), "
                "last_new = excluded.last_new, last_failures = excluded.last_failures, "
                "total_new = follow_sources.total_new + excluded.last_new, "
                "total_failures = follow_sources.total_failures + excluded.last_failures, "
                "last_error = excluded.last_error",
                [url, kind, when, ok, new, failures, new, failures, error],
            )

    def sources(self) -> list[SourceStatus]:
        rows = self.conn.query(
            "SELECT url, kind, last_poll, last_ok, last_new, last_failures, total_new, total_failures, "
            "last_error FROM follow_sources ORDER BY url"
        )
        return [SourceStatus(*row) for row in rows]
