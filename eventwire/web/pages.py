"""The dashboard pages, rendered on the server with Jinja2 (autoescaped)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from eventwire.store import MODALITIES, PLOVER_TYPES, EventFilter
from eventwire.web import digest as digests
from eventwire.web.charts import PLOVER_ORDER, land_path, map_points, timeline
from eventwire.web.graph import network
from eventwire.web.params import ActorQ, DateQ, event_filter, filter_query
from eventwire.web.reader import segments
from eventwire.web.sample import read_sample
from eventwire.web.state import AppState, app_state

router = APIRouter(include_in_schema=False)
Filter = Annotated[EventFilter, Depends(event_filter)]
State = Annotated[AppState, Depends(app_state)]
PAGE_SIZE = 50
MAP_POINTS = 800  # circles drawn, busiest places first
MAP_ROWS = 100  # places listed under the map


def render(request: Request, name: str, *, status_code: int = 200, **context: Any) -> Response:
    """A page from template ``name`` with the context every page needs."""
    context.setdefault("plover_types", [t for t in PLOVER_ORDER if t in PLOVER_TYPES])
    context.setdefault("modalities", MODALITIES)
    context.setdefault("writable", app_state(request).writable)
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status_code)


def _qs(pairs: list[tuple[str, str]], **extra: Any) -> str:
    more = [(k, str(v)) for k, v in extra.items() if v not in (None, "", 0)]
    return urlencode(pairs + more)


@router.get("/", response_class=HTMLResponse)
def events_page(
    request: Request, state: State, flt: Filter, page: Annotated[int, Query(ge=1, le=100_000)] = 1
) -> Response:
    """The event table with filters, newest first."""
    with state.access() as store:
        total = store.count_events(flt)
        events = store.events(flt, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        articles = store.count_articles()
    pages = max(1, -(-total // PAGE_SIZE))
    query = filter_query(flt)
    return render(
        request, "events.html", flt=flt, events=events, total=total, page=page, pages=pages,
        articles=articles, query=_qs(query),
        prev_url=f"/?{_qs(query, page=page - 1)}" if page > 1 else None,
        next_url=f"/?{_qs(query, page=page + 1)}" if page < pages else None,
    )  # fmt: skip


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, state: State, article_id: Annotated[str, Path(max_length=64)]) -> Response:
    """The article reader: marked text on the left, each event's record on the right."""
    with state.access() as store:
        found = store.article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    article, events = found
    segs, keys = segments(article, events)
    return render(request, "article.html", article=article, events=events, segments=segs, keys=keys)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request, state: State,
    source: ActorQ = "ISR", target: ActorQ = "RUS",
    by: Literal["week", "month", "year"] = "month",
    both: bool = False, since: DateQ = None, until: DateQ = None,
) -> Response:  # fmt: skip
    """Events per period by PLOVER type for a directed dyad (or both directions), with mean Goldstein."""
    rows = []
    flts = [event_filter(actor=source, recipient=target, since=since, until=until)]
    if both:
        flts.append(event_filter(actor=target, recipient=source, since=since, until=until))
    with state.access() as store:
        for flt in flts:
            rows.extend(store.dyads(by, flt, by_type=True))
        top = store.top_actors(30)
    chart = timeline(rows, by)
    return render(
        request, "timeline.html", chart=chart, source=(source or "").upper(), target=(target or "").upper(),
        by=by, both=both, since=since or "", until=until or "", top=top,
        events_url="/?" + _qs(filter_query(flts[0])),
    )  # fmt: skip


@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request, state: State, flt: Filter, level: Literal["country", "code"] = "country"
) -> Response:
    """Actors as nodes, event counts as edges coloured by cooperation or conflict (laid out in JS)."""
    with state.access() as store:
        sample = read_sample(store, flt, state.limits.network_events)
    graph = network(sample.events, level=level)
    return render(request, "network.html", flt=flt, graph=graph, sample=sample, level=level,
                  query=_qs(filter_query(flt)))  # fmt: skip


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, state: State, flt: Filter) -> Response:
    """Event locations on an equirectangular world map (from the newest matching events, capped)."""
    with state.access() as store:
        sample = read_sample(store, flt, state.limits.map_events)
    points = map_points(sample.events)
    placed = sum(p["count"] for p in points)
    return render(
        request, "map.html", flt=flt, points=points[:MAP_POINTS], rows=points[:MAP_ROWS], places=len(points),
        land=land_path(), placed=placed, sample=sample, query=_qs(filter_query(flt)),
    )  # fmt: skip


@router.get("/paste", response_class=HTMLResponse)
def paste_page(request: Request) -> Response:
    """Paste an article, code it live, and store it (with the write token)."""
    return render(request, "paste.html")


@router.get("/watches", response_class=HTMLResponse)
def watches_page(request: Request, state: State) -> Response:
    with state.access() as store:
        watches = store.watches()
    return render(request, "watches.html", watches=watches, this_week=digests.week_label(date.today()))


@router.get("/digest", response_class=HTMLResponse)
def digest_page(
    request: Request, state: State,
    watch: Annotated[str, Query(min_length=1, max_length=100)],
    week: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:  # fmt: skip
    """A watch's weekly recap, as a page."""
    week = week or digests.week_label(date.today())
    with state.access() as store:
        found = store.watch(watch)
        if found is None:
            raise HTTPException(404, f"no watch named {watch!r}")
        digest = digests.build_digest(store, found, week, state.limits.digest_events)
    return render(request, "digest.html", d=digest, base="", name_q=urlencode({"watch": found.name}))


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, state: State, flt: Filter) -> Response:
    """The most active actors, with links to their events, timelines and network."""
    with state.access() as store:
        top = store.top_actors(50, flt)
    return render(request, "actors.html", top=top, flt=flt)
