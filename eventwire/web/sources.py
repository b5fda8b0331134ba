"""The followed sources (``eventwire follow``) on the dashboard: ``/sources`` and ``/api/sources``."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from eventwire.follow.state import FollowState
from eventwire.web.api import app_state
from eventwire.web.state import AppState

router = APIRouter()
State = Annotated[AppState, Depends(app_state)]


@router.get("/sources", response_class=HTMLResponse, include_in_schema=False)
def sources_page(request: Request, state: State) -> Response:
    """Each followed source: last poll, new articles and failures (last poll and in total), last error."""
    from eventwire.web.pages import render

    with state.access() as store:
        sources = FollowState(store).sources()
    return render(request, "sources.html", sources=sources)


@router.get("/api/sources", tags=["api"], summary="Followed sources and their last poll")
def sources_api(state: State) -> list[dict[str, Any]]:
    with state.access() as store:
        return [asdict(s) for s in FollowState(store).sources()]
