"""What one app holds: the store behind a lock, the lazily loaded pipeline, and the write token."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from fastapi import Request
from pydantic import BaseModel, Field

from eventwire.models import Article, Event
from eventwire.web.sample import ViewLimits

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline
    from eventwire.store import Store

def app_state(request: Request) -> AppState:
    """The app's state (a FastAPI dependency of the API and the pages)."""
    return request.app.state.eventwire


MAX_TEXT = 500_000  # characters of pasted text or HTML
CODE_MAX_TEXT = 50_000  # characters /api/code (no token) codes: a long article, about 10 s of CPU
CODING_SLOTS = 2  # coding requests at once (one codes, one waits); more are answered 429


class StoreAccess:
    """The store, used by one request at a time (a DuckDB connection is not safe across threads)."""

    def __init__(self, store: Store, *, owned: bool) -> None:
        self._store = store
        self._lock = threading.Lock()
        self.owned = owned

    @contextmanager
    def __call__(self) -> Iterator[Store]:
        with self._lock:
            yield self._store

    def close(self) -> None:
        if self.owned:
            with self._lock:
                self._store.close()


class LazyPipeline:
    """Loads the coding pipeline on first use (once per app) and serialises calls into it."""

    def __init__(
        self, pipeline: Pipeline | None = None, loader: Callable[[], Pipeline] | None = None
    ) -> None:
        self._pipeline = pipeline
        self._loader = loader
        self._lock = threading.Lock()
        self._resolver: Any = None

    def _get(self) -> Pipeline:
        if self._pipeline is None:
            if self._loader is None:
                from eventwire.pipeline import Pipeline

                self._loader = Pipeline.load
            self._pipeline = self._loader()
        return self._pipeline

    def code(self, article: Article) -> list[Event]:
        with self._lock:
            return self._get().code_article(article)

    def lookup(self, name: str, as_of: date | None) -> Any:
        """Actor lookup; loads only the knowledge base when the pipeline is not loaded yet."""
        with self._lock:
            if self._pipeline is not None:
                return self._pipeline.resolver.lookup(name, as_of)
            if self._resolver is None:
                from eventwire.actors import ActorResolver, KnowledgeBase

                self._resolver = ActorResolver(KnowledgeBase.load())
            return self._resolver.lookup(name, as_of)


@dataclass
class AppState:
    access: StoreAccess
    pipeline: LazyPipeline
    token: str | None = None
    limits: ViewLimits = field(default_factory=ViewLimits)
    writable: bool = field(init=False)
    coding_slots: threading.BoundedSemaphore = field(
        default_factory=lambda: threading.BoundedSemaphore(CODING_SLOTS), repr=False
    )

    def __post_init__(self) -> None:
        self.writable = bool(self.token)


class ArticleIn(BaseModel):
    """An article to code: plain text (or flattened page text) or an HTML page, with optional metadata."""

    text: str | None = Field(None, max_length=MAX_TEXT, description="Article text (plain or flattened page)")
    html: str | None = Field(None, max_length=MAX_TEXT, description="An HTML page (main text extracted)")
    title: str | None = Field(None, max_length=1000)
    date: str | None = Field(None, max_length=40, description="Publication date, YYYY-MM-DD")
    url: str | None = Field(None, max_length=2000)
    publisher: str | None = Field(None, max_length=200)


def article_from_input(data: ArticleIn) -> Article:
    """Clean the submitted text or HTML into an ``Article``; ValueError with a one-line reason if unusable."""
    from eventwire.ingest import article_from_html, clean_flattened
    from eventwire.ingest.article import with_metadata

    published = _published(data.date)
    if data.html and data.html.strip():
        article = article_from_html(data.html, url=data.url or None, source="<api>")
        meta = {"title": data.title, "publisher": data.publisher, "published": published}
        if published:
            meta["date_source"] = "user"
        article = with_metadata(article, **meta)
    elif data.text and data.text.strip():
        article = clean_flattened(
            data.text, source="<api>", title=data.title or None, url=data.url or None,
            publisher=data.publisher or None, published=published, date_source="user" if published else None,
        )  # fmt: skip
    else:
        raise ValueError("give the article as 'text' or 'html'")
    if not article.text.strip():
        raise ValueError("no article text left after cleaning")
    return article


def _published(value: str | None) -> datetime | None:
    """The submitted publication date, checked as the command line checks metadata dates
    (``ingest.dates.parse_date``: complete, plausible, not relative, not ambiguous)."""
    from eventwire.ingest.dates import parse_date

    if not value or not value.strip():
        return None
    try:
        return parse_date(value.strip())
    except ValueError as exc:
        raise ValueError(f"date: {exc}") from None
