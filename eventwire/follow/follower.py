"""The follow loop: poll each source's listings, fetch each new page once, clean, code and store it.

One poll: every source's listings are fetched (conditional GET) and parsed; their page links are
put in canonical form and those already seen are dropped; the rest are fetched by a few threads
(the ``Fetcher`` keeps each host's rate limit and concurrency cap) and handled one at a time in
this thread, in the order they arrive: cleaned (trafilatura), checked against the stored texts
(the same story under another URL is kept as a second URL of the stored article), coded, and
stored together with its URL row in one transaction. So a kill at any moment leaves each page
either stored and marked seen, or neither; a restart fetches it again and stores it once.
A stop request (SIGTERM, Ctrl-C: ``stop`` set) lets the page in hand finish, then ends the poll.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.errors import InputError, SkipLog
from eventwire.follow.fetch import Fetcher, FetchError, Politeness, Response
from eventwire.follow.links import Kind, Listing, NotAListing, listing_text, parse_listing
from eventwire.follow.state import DUPLICATE, REDIRECTED, SKIPPED, STORED, FollowState, content_hash
from eventwire.follow.urls import canonical_url
from eventwire.ingest.html import NoArticleError
from eventwire.store.errors import StoreError

if TYPE_CHECKING:
    from eventwire.follow.archive import WarcArchive
    from eventwire.follow.view import FollowView
    from eventwire.models import Article, Event
    from eventwire.store import Store

STAGE = "follow"
MAX_LISTINGS = 50  # listings (nested sitemaps, discovered feeds) fetched per source and poll


@dataclass
class SourceStats:
    """What one poll of one source did (the progress view shows these)."""

    url: str
    kind: str | None = None
    listed: int = 0  # new page links found
    fetched: int = 0
    stored: int = 0
    events: int = 0
    duplicates: int = 0
    skipped: int = 0  # pages refused for good (robots.txt, 404, not HTML, no article text, ...)
    failed: int = 0  # pages or listings that failed for now (timeouts, 5xx): tried again next poll
    error: str | None = None  # the source itself could not be read
    status: str = "waiting"


@dataclass
class FollowOptions:
    sources: list[str]
    politeness: Politeness = field(default_factory=Politeness)
    interval: float = 900.0
    once: bool = False
    threads: int = 4  # pages fetched at once, over all hosts (each host also has its own cap)
    max_new: int = 500  # new pages fetched per source and poll (a first look at a big sitemap)


@dataclass(frozen=True, slots=True)
class _Page:
    source: str
    url: str  # canonical


class Follower:
    """Follows ``options.sources`` into ``store``; ``pipeline`` is loaded on first need by ``load``."""

    def __init__(self, store: Store, load: Callable[[], Any], options: FollowOptions, *, skips: SkipLog,
                 stop: threading.Event | None = None, archive: WarcArchive | None = None,
                 view: FollowView | None = None) -> None:  # fmt: skip
        self.store = store
        self.state = FollowState(store)
        self.load = load
        self.options = options
        self.skips = skips
        self.stop = stop or threading.Event()
        self.archive = archive
        self.view = view
        self.fetcher = Fetcher(options.politeness, stop=self.stop)
        self._pipeline: Any = None
        self.polls = 0

    def close(self) -> None:
        self.fetcher.close()

    @property
    def pipeline(self) -> Any:
        if self._pipeline is None:
            self._pipeline = self.load()
        return self._pipeline

    def run(self) -> list[SourceStats]:
        """Poll until stopped (or once); returns the last poll's figures."""
        while True:
            stats = self.poll()
            if self.options.once or self.stop.is_set() or self.stop.wait(self.options.interval):
                return stats

    # ---- one poll ---------------------------------------------------------------------------------

    def poll(self) -> list[SourceStats]:
        self.polls += 1
        stats = {url: SourceStats(url) for url in self.options.sources}
        if self.view is not None:
            self.view.start_poll(self.polls)
        pages: dict[str, _Page] = {}
        for source in self.options.sources:
            if self.stop.is_set():
                break
            found = self._list_source(source, stats[source])
            for url in found:
                pages.setdefault(url, _Page(source, url))
            self._show(stats)
        if not self.stop.is_set():
            self._fetch_pages(list(pages.values()), stats)
        for item in stats.values():
            item.status = "stopped" if self.stop.is_set() else ("failed" if item.error else "done")
            self.state.polled(item.url, item.kind, new=item.stored, failures=item.failed + bool(item.error),
                              error=item.error)  # fmt: skip
        if self.view is not None:
            self.view.end_poll(list(stats.values()))
        return list(stats.values())

    def _show(self, stats: dict[str, SourceStats]) -> None:
        if self.view is not None:
            self.view.update(list(stats.values()))

    def _list_source(self, source: str, stats: SourceStats) -> list[str]:
        """The new canonical page URLs a source lists (following nested sitemaps, discovered feeds)."""
        stats.status = "listing"
        queue, done, links = [source], set(), []
        while queue and len(done) < MAX_LISTINGS and not self.stop.is_set():
            url = queue.pop(0)
            if url in done:
                continue
            done.add(url)
            try:
                listing = self._listing(url)
            except StoreError:
                raise
            except Exception as exc:  # FetchError, NotAListing, or a parser failing on an odd listing
                reason = _reason(exc)
                self.skips.add(url, f"listing: {reason}", stage=STAGE)
                if url == source:
                    stats.error = reason
                else:
                    stats.failed += 1
                continue
            if url == source:
                stats.kind = listing.kind.value
            links += listing.pages
            queue += [u for u in listing.listings if u not in done]
        canonical: dict[str, None] = {}
        for link in links:
            try:
                canonical[canonical_url(link)] = None
            except ValueError as exc:
                self.skips.add(link, str(exc), stage=STAGE)
        seen = self.state.seen(list(canonical))
        new = [u for u in canonical if u not in seen]
        stats.listed = len(new)
        stats.status = f"{len(new)} new links"
        return new[: self.options.max_new]

    def _listing(self, url: str) -> Listing:
        cached = self.state.listing(url)
        response = self.fetcher.get(url, etag=cached.etag if cached else None,
                                    last_modified=cached.last_modified if cached else None)  # fmt: skip
        if response.not_modified and cached is not None:
            return Listing(Kind(cached.kind), pages=cached.links, listings=cached.nested)
        listing = parse_listing(listing_text(response.body, url), response.final_url,
                                content_type=response.content_type)  # fmt: skip
        if listing.kind is Kind.homepage and not listing.listings:
            listing.listings = self.fetcher.sitemaps(url)  # no feed announced: the sitemaps of robots.txt
            if not listing.listings:
                raise NotAListing("an HTML page that announces no feed, and robots.txt lists no sitemap")
        headers = {k.lower(): v for k, v in response.headers.items()}
        self.state.save_listing(url, headers.get("etag"), headers.get("last-modified"), listing)
        return listing

    # ---- pages ------------------------------------------------------------------------------------

    def _fetch_pages(self, pages: list[_Page], stats: dict[str, SourceStats]) -> None:
        if not pages:
            return
        with ThreadPoolExecutor(max_workers=max(1, self.options.threads)) as pool:
            futures: dict[Future[Response], _Page] = {
                pool.submit(self.fetcher.get, page.url, html_only=True): page for page in pages
            }
            try:
                for future in as_completed(futures):
                    if self.stop.is_set():
                        break
                    page = futures[future]
                    self._handle(page, future, stats[page.source])
                    self._show(stats)
            finally:
                for future in futures:
                    future.cancel()

    def _handle(self, page: _Page, future: Future[Response], stats: SourceStats) -> None:
        try:
            response = future.result()
        except Exception as exc:  # FetchError, or an odd URL the HTTP client refuses
            self._refused(page, _reason(exc), stats, transient=getattr(exc, "transient", False))
            return
        stats.fetched += 1
        if self.archive is not None:
            self.archive.write(response)
        try:
            final = canonical_url(response.final_url)
        except ValueError:
            final = page.url
        article = self._clean(page, response, final)
        if article is None:
            stats.skipped += 1
            return
        digest = content_hash(article.text)
        earlier = self.state.stored_as(digest)
        if earlier is not None:
            article_id, first_url = earlier
            with self.store.conn.transaction():
                for url in dict.fromkeys([final, page.url]):
                    self.state.record(url, page.source, DUPLICATE, article_id=article_id)
            self.skips.note(page.url, f"same text as {first_url}: stored once, both URLs kept")
            stats.duplicates += 1
            return
        try:
            events = self._code(article)
        except Exception as exc:  # a coder failing on one page must not end the poll
            self._refused(page, f"coding failed: {type(exc).__name__}: {exc}", stats, stage="coding")
            return
        with self.store.conn.transaction():
            self.store.add_batch([(article, events)])
            self.state.record(final, page.source, STORED, article_id=article.id, digest=digest)
            if final != page.url:
                self.state.record(page.url, page.source, REDIRECTED, article_id=article.id)
        stats.stored += 1
        stats.events += len(events)

    def _clean(self, page: _Page, response: Response, final: str) -> Article | None:
        """The page's finished article, or None after reporting (and recording) why not."""
        from eventwire.ingest import article_from_html, finish_article
        from eventwire.ingest.sources import decode_html

        try:
            html = decode_html(response.body, page.url, response.charset)
            article = article_from_html(html, url=final, source=final)
        except Exception as exc:  # InputError, NoArticleError, or a parser failing on an odd page
            self._refused(page, _reason(exc), None)
            return None
        before = len(self.skips)
        finished = finish_article(article, None, self.skips, source=page.url)
        if finished is None:
            reason = self.skips.skipped[-1].reason if len(self.skips) > before else "not usable"
            self.state.record(page.url, page.source, SKIPPED, reason=reason)
        return finished

    def _code(self, article: Article) -> list[Event]:
        from eventwire.ingest.language import is_codable

        if not is_codable(article.language):
            return []  # stored with its text and metadata for a later multilingual coder (noted once)
        return next(iter(self.pipeline.code_articles([article])))[1]

    def _refused(self, page: _Page, reason: str, stats: SourceStats | None, *, transient: bool = False,
                 stage: str = STAGE) -> None:  # fmt: skip
        """One line for a page not stored; a row so it is not fetched again unless it may pass later."""
        self.skips.add(page.url, reason, stage=stage)
        if transient:
            if stats is not None:
                stats.failed += 1
            return
        if stats is not None:
            stats.skipped += 1
        self.state.record(page.url, page.source, SKIPPED, reason=reason)


def _reason(exc: Exception) -> str:
    """One line saying why: our own errors' reasons, others named by their type."""
    if isinstance(exc, (FetchError, InputError)):
        return exc.reason
    if isinstance(exc, (NotAListing, NoArticleError)):
        return str(exc)
    return f"unexpected error: {type(exc).__name__}: {exc}"


def open_archive(folder: Path | None) -> WarcArchive | None:
    if folder is None:
        return None
    from eventwire.follow.archive import WarcArchive

    return WarcArchive(folder)
