"""Command-line commands of the actors stage: ``eventwire actors lookup`` and ``eventwire actors --top``."""

from __future__ import annotations

import json
from pathlib import Path

import typer

actors_app = typer.Typer(
    help="Who is who as of a date: look names up in the actor knowledge base, list the top actors.",
    add_completion=False,
    invoke_without_command=True,
)


@actors_app.callback(invoke_without_command=True)
def actors_main(
    ctx: typer.Context,
    top: int | None = typer.Option(None, "--top", min=1, help="Print the N actors with the most events."),
    db: str | None = typer.Option(
        None,
        "--db",
        help="Event store: DuckDB path or postgresql:// URL (default: $EVENTWIRE_DB or the store's).",
    ),
) -> None:
    """Actor knowledge base commands; with --top N, the most active actors in the event store."""
    if ctx.invoked_subcommand is not None:
        return
    if top is None:
        typer.echo(ctx.get_help())
        raise typer.Exit()
    from eventwire.store import StoreError, open_store

    try:
        rows = open_store(db, read_only=True, create=False).top_actors(top)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if not rows:
        typer.echo("no events in the store")
        return
    typer.echo(f"{'code':<12} {'country':<8} {'sector':<7} events")
    for row in rows:
        code, country, sector = (row.get(k) or "-" for k in ("code", "country", "sector"))
        typer.echo(f"{code:<12} {country:<8} {sector:<7} {row.get('events')}")


@actors_app.command("lookup")
def lookup(
    name: str = typer.Argument(..., help='A name as it appears in text, e.g. "Lapid" or "the Kremlin".'),
    on: str | None = typer.Option(None, "--date", help="Resolve as of this date (YYYY-MM-DD)."),
    fmt: str = typer.Option("text", "--format", help="Output format: text or json."),
    user: list[Path] = typer.Option([], "--user", help="Extra YAML/CSV actor file (repeatable)."),
    actors: list[Path] = typer.Option([], "--actors", help="PETRARCH/TABARI actor dictionary (repeatable)."),
    agents: list[Path] = typer.Option([], "--agents", help="PETRARCH/TABARI agent dictionary (repeatable)."),
) -> None:
    """Explain how NAME resolves on a date: every candidate, best first, with its code and reason."""
    from datetime import date

    from eventwire.actors import ActorResolver, KnowledgeBase
    from eventwire.errors import InputError

    if fmt not in ("text", "json"):
        raise typer.BadParameter("--format must be text or json")
    try:
        as_of = date.fromisoformat(on) if on else None
    except ValueError:
        raise typer.BadParameter(f"--date {on!r} is not YYYY-MM-DD") from None
    try:
        kb = KnowledgeBase.load(user_files=user, actor_dicts=actors, agent_dicts=agents)
    except InputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    res = ActorResolver(kb).resolve_name(name, as_of)
    found = res.candidates
    if fmt == "json":
        typer.echo(json.dumps([c.to_dict() for c in found], ensure_ascii=False, indent=2))
        return
    if not found:
        typer.echo(f"{name!r}: not in the knowledge base")
        raise typer.Exit(1)
    when = as_of.isoformat() if as_of else "no date"
    chosen = res.chosen
    if chosen is not None:
        typer.echo(f"{name!r} as of {when} → {chosen.name}: {chosen.country or '-'} {chosen.sector or '-'}")
    else:
        typer.echo(f"{name!r} as of {when}: not resolved")
    typer.echo(f"  why: {res.why}")
    typer.echo(f"{len(found)} candidate(s) competed, the chosen one first:")
    for n, c in enumerate(found, 1):
        held = f" [{c.start or '…'} – {c.end or '…'}]" if (c.start or c.end) else ""
        mark = "*" if c.chosen else " "
        org = f", organisation {c.org}" if c.org else ""
        line = (
            f"{n:>2}.{mark}{c.name} → {c.country or '-'} {c.sector or '-'} ({c.code or 'no code'}{org}){held}"
        )
        typer.echo(line)
        typer.echo(f"    {c.reason}; matched {c.matched!r}; {'; '.join(c.notes)}; from {c.source}")


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the root app."""
    app.add_typer(actors_app, name="actors")
