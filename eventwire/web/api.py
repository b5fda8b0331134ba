"""The JSON API under ``/api``: events, dyads, actors, articles, coding, watches and digests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse
from pydantic import BaseModel, Field

from eventwire.models import Article, Event
from eventwire.store import EventFilter
from eventwire.store.filters import parse_date
from eventwire.web import digest as digests
from eventwire.web.graph import network
from eventwire.web.params import event_filter
from eventwire.web.reader import segments
from eventwire.web.sample import read_sample
from eventwire.web.security import check_write, csp_with_style, presented_token
from eventwire.web.state import (
    CODE_MAX_TEXT,
    CODING_SLOTS,
    AppState,
    ArticleIn,
    app_state,
    article_from_input,
)

router = APIRouter(prefix="/api", tags=["api"])
Filter = Annotated[EventFilter, Depends(event_filter)]
MAX_PAGE = 500


State = Annotated[AppState, Depends(app_state)]


def require_write(request: Request) -> None:
    """Dependency for write endpoints: a valid token or 401/403."""
    check_write(app_state(request).token, presented_token(request.headers))


class WatchIn(BaseModel):
    name: str = Field(..., min_length=1, max_length=100)
    actor: str | None = Field(None, max_length=40)
    recipient: str | None = Field(None, max_length=40)
    type: str | None = Field(None, max_length=40)
    since: str | None = Field(None, max_length=10)
    until: str | None = Field(None, max_length=10)
    exclude_modality: list[str] = Field(default_factory=list, max_length=5)
    text: str | None = Field(None, max_length=200)


@router.get("/events", summary="List and filter events (paginated)")
def list_events(
    state: State, flt: Filter,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> dict[str, Any]:  # fmt: skip
    """Events matching the filters, newest first, with ``total`` for paging."""
    with state.access() as store:
        total = store.count_events(flt)
        events = store.events(flt, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "filter": flt.to_dict(),
            "events": [e.to_dict() for e in events]}  # fmt: skip


@router.get("/dyads", summary="Dyad time series")
def dyads(
    state: State, flt: Filter,
    by: Literal["day", "week", "month", "year"] = "month",
    by_type: bool = False,
) -> dict[str, Any]:  # fmt: skip
    """Distinct events, report counts and Goldstein sums per directed dyad and period."""
    with state.access() as store:
        rows = store.dyads(by, flt, by_type=by_type)
    return {"by": by, "filter": flt.to_dict(), "rows": [r.to_dict() for r in rows]}


@router.get("/actors/top", summary="Most active actors")
def top_actors(state: State, flt: Filter, n: Annotated[int, Query(ge=1, le=500)] = 20) -> dict[str, Any]:
    with state.access() as store:
        return {"actors": store.top_actors(n, flt)}


@router.get("/actors", summary="Actor lookup: who a name refers to as of a date")
def lookup_actor(
    state: State,
    name: Annotated[str, Query(min_length=1, max_length=200)],
    as_of: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")] = None,
) -> dict[str, Any]:
    """Resolve a name (``Lapid``, ``the Kremlin``) with the knowledge base, as of ``as_of``."""
    when = parse_date(as_of, "as_of") if as_of else None
    found = state.pipeline.lookup(name, when)
    return {"name": name, "as_of": when.isoformat() if when else None, "matches": _jsonable(found)}


@router.get("/articles/{article_id}", summary="One article with its coded events")
def get_article(state: State, article_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    with state.access() as store:
        found = store.article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    article, events = found
    return coded_payload(article, events)


@router.post("/code", summary="Code an article without storing it")
def code_article(state: State, body: ArticleIn) -> dict[str, Any]:
    """Clean and code the submitted text or HTML; nothing is written.

    Open to anyone, so its cost is capped: text or HTML over ``CODE_MAX_TEXT`` characters
    is refused with 413, and a request arriving while ``CODING_SLOTS`` others are coding
    with 429 (retry a little later).
    """
    size = max(len(body.text or ""), len(body.html or ""))
    if size > CODE_MAX_TEXT:
        reason = (f"article of {size:,} characters is over the {CODE_MAX_TEXT:,}-character limit of "
                  "/api/code (split it, or store it with the write token)")  # fmt: skip
        raise HTTPException(413, reason)
    with _coding_slot(state):
        article = _article(body)
        return coded_payload(article, state.pipeline.code(article))


@contextmanager
def _coding_slot(state: AppState) -> Iterator[None]:
    if not state.coding_slots.acquire(blocking=False):
        raise HTTPException(429, f"too many coding requests at once (at most {CODING_SLOTS}); retry shortly",
                            headers={"Retry-After": "5"})  # fmt: skip
    try:
        yield
    finally:
        state.coding_slots.release()


@router.post("/articles", status_code=201, dependencies=[Depends(require_write)],
             summary="Code an article and store it (needs the write token)")  # fmt: skip
def store_article(state: State, body: ArticleIn) -> dict[str, Any]:
    with _coding_slot(state):
        article = _article(body)
        events = state.pipeline.code(article)
    with state.access() as store:
        result = store.add_batch([(article, events)])
    payload = coded_payload(article, events)
    payload["stored"] = {"added": result.articles_added, "skipped": result.articles_skipped,
                         "events_added": result.events_added, "url": f"/articles/{article.id}"}  # fmt: skip
    return payload


@router.get("/network", summary="Actor network: event counts per directed pair")
def actor_network(
    state: State, flt: Filter, level: Literal["country", "code"] = "country",
    max_nodes: Annotated[int, Query(ge=2, le=300)] = 60,
) -> dict[str, Any]:  # fmt: skip
    """Nodes and edges from the newest matching events, at most ``events_cap`` of them (10,000 by default).

    ``events_read`` of ``events_matching`` events were used; ``events_truncated`` is true when the cap
    left some out (narrow the filters, e.g. ``since``/``until``, to cover them). ``truncated`` is true
    when only the ``max_nodes`` most active actors are kept.
    """
    with state.access() as store:
        sample = read_sample(store, flt, state.limits.network_events)
    return {**network(sample.events, level=level, max_nodes=max_nodes), **sample.to_dict()}


@router.get("/watches", summary="Saved watches")
def list_watches(state: State) -> dict[str, Any]:
    with state.access() as store:
        return {"watches": [w.to_dict() for w in store.watches()]}


@router.post("/watches", status_code=201, dependencies=[Depends(require_write)],
             summary="Save a watch (needs the write token)")  # fmt: skip
def save_watch(state: State, body: WatchIn) -> dict[str, Any]:
    flt = EventFilter.from_dict(body.model_dump(exclude={"name"}, exclude_none=True))
    with state.access() as store:
        return store.save_watch(body.name, flt).to_dict()


@router.get("/digest", summary="Weekly digest of a watch", response_model=None)
def weekly_digest(
    request: Request, state: State,
    watch: Annotated[str, Query(min_length=1, max_length=100)],
    week: Annotated[str, Query(max_length=10, description="ISO week, e.g. 2021-W36")],
    format: Literal["json", "md", "html"] = "json",
) -> dict[str, Any] | PlainTextResponse | HTMLResponse:  # fmt: skip
    """The watch's events of one ISO week, grouped by linked event (JSON, Markdown or an HTML file).

    At most 10,000 reports are read, newest first; ``events_truncated`` (JSON) or a note (Markdown,
    HTML) says when more match than ``mentions``.
    """
    with state.access() as store:
        found = store.watch(watch)
        if found is None:
            raise HTTPException(404, f"no watch named {watch!r}")
        digest = digests.build_digest(store, found, week, state.limits.digest_events)
    base = ""  # links relative to the dashboard: never built from the request's Host header
    if format == "md":
        return PlainTextResponse(digests.render_markdown(digest, base), media_type="text/markdown")
    if format == "html":
        csp = csp_with_style(digests.digest_css())  # the file inlines its stylesheet
        return HTMLResponse(request.app.state.render_digest(digest, base),
                            headers={"Content-Security-Policy": csp})  # fmt: skip
    return {
        "watch": found.to_dict(), "week": digest.week, "start": digest.start.isoformat(),
        "end": digest.end.isoformat(), "mentions": digest.mentions,
        "events_matching": digest.matching, "events_truncated": digest.truncated,
        "events": [{"event": i.first.to_dict(), "reports": [r.to_dict() for r in i.reports]}
                   for i in digest.items],
    }  # fmt: skip


def coded_payload(article: Article, events: list[Event]) -> dict[str, Any]:
    """An article, its events, and the reader's marked text segments."""
    segs, keys = segments(article, events)
    return {
        "article": article.to_dict(),
        "events": [dict(e.to_dict(), sentence_key=keys.get(e.id)) for e in events],
        "segments": [s.to_dict() for s in segs],
    }


def _article(body: ArticleIn) -> Article:
    try:
        return article_from_input(body)
    except ValueError as exc:
        raise HTTPException(422, str(exc).splitlines()[0] if str(exc) else "unusable article") from None


def _jsonable(value: Any) -> Any:
    """Dataclasses, lists and dates from the resolver as JSON-ready values."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if hasattr(value, "to_dict"):
        return _jsonable(value.to_dict())
    if hasattr(value, "__dataclass_fields__"):
        from dataclasses import asdict

        return _jsonable(asdict(value))
    return str(value)
