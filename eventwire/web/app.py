"""``create_app``: the FastAPI application serving the JSON API and the dashboard pages."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire import __version__
from eventwire.models import MODALITY_FLAGS
from eventwire.store import FilterError, Store, StoreError, open_store
from eventwire.web import api, pages, sources
from eventwire.web.charts import PLOVER_COLORS, QUAD_COLORS, QUAD_NAMES
from eventwire.web.digest import digest_css, dyad_label, filter_summary
from eventwire.web.reader import snippet
from eventwire.web.sample import ViewLimits
from eventwire.web.security import DEFAULT_MAX_BODY, BodyLimit, SecurityHeaders, WriteDenied
from eventwire.web.state import AppState, LazyPipeline, StoreAccess

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline
    from eventwire.web.digest import Digest

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


def template_env() -> jinja2.Environment:
    """The Jinja environment: autoescaping on for every template, undefined names are errors."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["http_url"] = http_url
    env.globals.update(
        PLOVER_COLORS=PLOVER_COLORS,
        QUAD_NAMES=QUAD_NAMES,
        QUAD_COLORS=QUAD_COLORS,
        MODALITY_FLAGS=MODALITY_FLAGS,
        version=__version__,
        summary=filter_summary,
        dyad_label=dyad_label,
        snippet=snippet,
    )
    return env


def http_url(value: str | None) -> str:
    """``value`` when it is an http(s) URL, else "" (no ``javascript:`` links from untrusted metadata)."""
    text = (value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else ""


def create_app(
    db_or_store: str | Path | Store | None = None,
    *,
    token: str | None = None,
    pipeline: Pipeline | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    limits: ViewLimits | None = None,
) -> FastAPI:
    """The dashboard and API over a store (a ``Store`` or a DuckDB path / PostgreSQL URL).

    Read-only unless ``token`` is given: then ``POST /api/articles`` and ``POST /api/watches`` accept
    requests carrying it (``Authorization: Bearer <token>``). A path or URL is opened read-only when
    there is no token, and closed with the app. ``pipeline`` (optional) is used instead of loading
    the default one on the first coding request. ``limits`` caps the events the network and map
    views read per request (they report when the cap cuts them short).
    """
    if isinstance(db_or_store, Store):
        access = StoreAccess(db_or_store, owned=False)
    else:
        access = StoreAccess(open_store(db_or_store, read_only=not token), owned=True)
    state = AppState(access, LazyPipeline(pipeline), token or None, limits or ViewLimits())

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        access.close()

    app = FastAPI(
        title="eventwire",
        version=__version__,
        description="Political event data coded in PLOVER 2.0 and CAMEO: query events, dyads, actors, "
        "articles; code new articles. Read-only unless the server has a write token.",
        docs_url=None,  # the Swagger/ReDoc pages load scripts from a CDN; /openapi.json stays
        redoc_url=None,
        lifespan=lifespan,
    )
    env = template_env()
    templates = Jinja2Templates(env=env)
    app.state.eventwire = state
    app.state.templates = templates
    app.state.render_digest = lambda digest, base: render_digest_file(env, digest, base)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.add_api_route(  # the spelling of the write endpoint, same handler as POST /api/articles
        "/articles", api.store_article, methods=["POST"], status_code=201, tags=["api"],
        dependencies=[Depends(api.require_write)], summary="Code an article and store it (alias)",
    )  # fmt: skip
    app.include_router(pages.router)
    app.include_router(sources.router)
    app.add_middleware(BodyLimit, max_bytes=max_body)
    app.add_middleware(SecurityHeaders)  # outermost: the body limit's own 413 gets the headers too
    _install_error_handlers(app, templates)
    return app


def render_digest_file(env: jinja2.Environment, digest: Digest, base_url: str = "") -> str:
    """A self-contained HTML digest (stylesheet inlined) for saving or mailing."""
    return env.get_template("digest_file.html").render(d=digest, base=base_url.rstrip("/"), css=digest_css())


def _is_api(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/api" or (path == "/articles" and request.method == "POST")


def _install_error_handlers(app: FastAPI, templates: Jinja2Templates) -> None:
    def respond(request: Request, status: int, message: str) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": message}, status_code=status)
        return pages.render(request, "error.html", status_code=status, status=status, message=message)

    @app.exception_handler(FilterError)
    async def filter_error(request: Request, exc: FilterError) -> Response:
        return respond(request, 400, str(exc))

    @app.exception_handler(WriteDenied)
    async def write_denied(request: Request, exc: WriteDenied) -> Response:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        response = JSONResponse({"detail": exc.message}, status_code=exc.status, headers=headers)
        return response

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return respond(request, 503, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": _jsonable_errors(exc)}, status_code=422)
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("query", "body"))
        return respond(request, 400, f"{where}: {first.get('msg', 'invalid request')}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _is_api(request) or exc.status_code == 413:
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return respond(request, exc.status_code, str(exc.detail))


def _jsonable_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Validation errors without the submitted input echoed back."""
    return [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
        for e in exc.errors()
    ]
