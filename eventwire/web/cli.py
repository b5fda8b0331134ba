"""Web commands: ``serve`` (dashboard and API), ``watch add|list|remove`` and ``digest``."""

from __future__ import annotations

import os
from pathlib import Path

import typer

DB = typer.Option(
    None, "--db", help="DuckDB file or postgresql:// URL (default: $EVENTWIRE_DB or events.duckdb)."
)
TOKEN_ENV = "EVENTWIRE_TOKEN"


def _fail(exc: Exception) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(2)


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the root app."""

    @app.command("serve")
    def serve_cmd(
        db: str | None = DB,
        host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (loopback by default)."),
        port: int = typer.Option(8000, "--port", help="TCP port."),
    ) -> None:
        """Serve the dashboard and the HTTP API (OpenAPI schema at /openapi.json).

        Read-only unless the environment variable EVENTWIRE_TOKEN is set: then POST /api/articles and
        POST /api/watches accept requests with "Authorization: Bearer <token>".
        """
        import uvicorn

        from eventwire.store import StoreError
        from eventwire.web import create_app

        token = os.environ.get(TOKEN_ENV) or None
        try:
            web_app = create_app(db, token=token)
        except StoreError as exc:
            raise _fail(exc) from None
        mode = "read/write (token required)" if token else "read-only (set EVENTWIRE_TOKEN to allow writes)"
        typer.echo(f"eventwire dashboard on http://{host}:{port}/ — {mode}", err=True)
        uvicorn.run(web_app, host=host, port=port, log_level="warning")

    watch = typer.Typer(help="Saved filters (watches) for weekly digests.", no_args_is_help=True)
    app.add_typer(watch, name="watch")

    @watch.command("add")
    def watch_add(
        name: str = typer.Argument(..., help="Name of the watch, e.g. isr-rus."),
        db: str | None = DB,
        actor: str | None = typer.Option(None, "--actor", help="Actor country or code, e.g. ISR or ISRGOV."),
        recipient: str | None = typer.Option(None, "--recipient", help="Recipient country or code."),
        type_: str | None = typer.Option(None, "--type", help="PLOVER event type, e.g. CONSULT."),
        since: str | None = typer.Option(
            None, "--since", help="First event date: YYYY-MM-DD, YYYY-MM or YYYY."
        ),
        until: str | None = typer.Option(None, "--until", help="Last event date, inclusive."),
        exclude_modality: list[str] | None = typer.Option(
            None, "--exclude-modality", help="Drop events with this modality; repeat or comma-separate."
        ),
        text: str | None = typer.Option(None, "--text", help="Words in the sentence or headline."),
    ) -> None:
        """Save (or replace) a watch: an actor, a dyad, an event type, or any mix of filters."""
        from eventwire.store import EventFilter, FilterError, StoreError, open_store

        mods = [m for item in exclude_modality or [] for m in item.split(",") if m.strip()]
        try:
            flt = EventFilter(actor=actor, recipient=recipient, type=type_, since=since, until=until,  # type: ignore[arg-type]
                              exclude_modality=mods, text=text).validated()  # fmt: skip
            if not flt.to_dict():
                raise FilterError("a watch needs at least one filter (--actor, --recipient, --type, ...)")
            with open_store(db) as store:
                saved = store.save_watch(name, flt)
        except (StoreError, FilterError) as exc:
            raise _fail(exc) from None
        typer.echo(f"saved watch {saved.name!r}: {_summary(saved)}")

    @watch.command("list")
    def watch_list(db: str | None = DB) -> None:
        """List saved watches."""
        from eventwire.store import StoreError, open_store

        try:
            with open_store(db, read_only=True) as store:
                watches = store.watches()
        except StoreError as exc:
            raise _fail(exc) from None
        if not watches:
            typer.echo("no watches (add one with: eventwire watch add NAME --actor ISR)", err=True)
        for w in watches:
            typer.echo(f"{w.name}\t{_summary(w)}")

    @watch.command("remove")
    def watch_remove(name: str = typer.Argument(..., help="Name of the watch."), db: str | None = DB) -> None:
        """Delete a watch."""
        from eventwire.store import StoreError, open_store

        try:
            with open_store(db) as store:
                found = store.delete_watch(name)
        except StoreError as exc:
            raise _fail(exc) from None
        if not found:
            raise _fail(LookupError(f"no watch named {name!r}"))
        typer.echo(f"removed watch {name!r}")

    @app.command("digest")
    def digest_cmd(
        watch_name: str = typer.Option(..., "--watch", help="Name of a saved watch."),
        week: str | None = typer.Option(None, "--week", help="ISO week, e.g. 2021-W36 (default: this week)."),
        db: str | None = DB,
        fmt: str = typer.Option("md", "--format", help="md (Markdown) or html (a self-contained page)."),
        output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
        base_url: str = typer.Option(
            "http://127.0.0.1:8000", "--base-url", help="Dashboard address the article links point to."
        ),
    ) -> None:
        """Render a weekly recap of a watch's events, with links to their articles."""
        from datetime import date

        from eventwire.store import FilterError, StoreError, open_store
        from eventwire.web.app import render_digest_file, template_env
        from eventwire.web.digest import build_digest, render_markdown, week_label

        try:
            if fmt not in ("md", "html"):
                raise FilterError(f"unknown format {fmt!r} (expected md or html)")
            with open_store(db, read_only=True) as store:
                found = store.watch(watch_name)
                if found is None:
                    raise FilterError(f"no watch named {watch_name!r} (see: eventwire watch list)")
                digest = build_digest(store, found, week or week_label(date.today()))
        except (StoreError, FilterError) as exc:
            raise _fail(exc) from None
        if fmt == "md":
            text = render_markdown(digest, base_url)
        else:
            text = render_digest_file(template_env(), digest, base_url)
        if output is None:
            typer.echo(text)
        else:
            output.write_text(text, encoding="utf-8")
            typer.echo(f"wrote {output} ({len(digest.items)} events, {digest.week})", err=True)


def _summary(watch: object) -> str:
    from eventwire.web.digest import filter_summary

    return filter_summary(watch)  # type: ignore[arg-type]
