"""Store commands: ``events``, ``dyads``, ``export`` and ``link``.

(``ingest``/``load`` live with the batch runner; ``actors --top`` with the actors stage.)
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from eventwire.store import EventFilter

DB_HELP = "DuckDB file or postgresql:// URL (default: $EVENTWIRE_DB or events.duckdb)."
DB = typer.Option(None, "--db", help=DB_HELP)
ACTOR = typer.Option(None, "--actor", help="Actor country or code, e.g. ISR or ISRGOV.")
RECIPIENT = typer.Option(None, "--recipient", help="Recipient country or code, e.g. RUS.")
TYPE = typer.Option(None, "--type", help="PLOVER event type, e.g. CONSULT.")
SINCE = typer.Option(None, "--since", help="First event date: YYYY-MM-DD, YYYY-MM or YYYY.")
UNTIL = typer.Option(None, "--until", help="Last event date (inclusive): YYYY-MM-DD, YYYY-MM or YYYY.")
EXCLUDE = typer.Option(
    None, "--exclude-modality", help="Drop events with this modality (negated, future, hypothetical, "
    "alleged, historical); repeat or comma-separate."
)  # fmt: skip


def _filter(
    actor: str | None,
    recipient: str | None,
    type_: str | None,
    since: str | None,
    until: str | None,
    exclude: list[str] | None,
    **extra: Any,
) -> EventFilter:
    """A validated filter from command-line values (``--exclude-modality`` may be comma-separated)."""
    from eventwire.store import EventFilter

    mods = [m for item in exclude or [] for m in item.split(",")]
    return EventFilter(actor=actor, recipient=recipient, type=type_, since=since, until=until,
                       exclude_modality=mods, **extra).validated()  # fmt: skip


def _centre(near: str) -> tuple[float, float]:
    """``--near``: "lat,lon", or a place name looked up in the gazetteer (its best entry)."""
    from eventwire.store import FilterError

    parts = near.split(",")
    if len(parts) == 2:
        try:
            return float(parts[0]), float(parts[1])
        except ValueError:
            pass
    from eventwire.coding.places import Gazetteer

    found = [e for e in Gazetteer.load().candidates(near) if e.lat is not None]
    if not found:
        raise FilterError(f"near: {near!r} is not a place the gazetteer knows (or give 'lat,lon')")
    return found[0].lat, found[0].lon


def _fail(exc: Exception) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(2)


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the root app."""

    @app.command("events")
    def events_cmd(
        db: str | None = DB,
        actor: str | None = ACTOR,
        recipient: str | None = RECIPIENT,
        type_: str | None = TYPE,
        since: str | None = SINCE,
        until: str | None = UNTIL,
        exclude_modality: list[str] | None = EXCLUDE,
        text: str | None = typer.Option(None, "--text", help="Words in the sentence or headline."),
        article: str | None = typer.Option(None, "--article", help="Only events of this article id."),
        linked: str | None = typer.Option(None, "--linked", help="Only mentions of this linked event id."),
        country: str | None = typer.Option(
            None, "--country", help="Only events placed in this country (ISO3)."
        ),
        region: str | None = typer.Option(
            None,
            "--region",
            help="Only events placed in this region (ISO 3166-2 code like SY-ID, or its name).",
        ),
        near: str | None = typer.Option(
            None, "--near", help="Only events placed within --km of this place (a name or 'lat,lon')."
        ),
        km: float = typer.Option(50.0, "--km", help="Radius for --near, in kilometres."),
        fmt: str = typer.Option("table", "--format", help="table, jsonl or csv."),
        limit: int = typer.Option(100, "--limit", help="At most this many events (max 10000)."),
        offset: int = typer.Option(0, "--offset", help="Skip this many events first."),
    ) -> None:
        """List stored events matching the filters, newest first."""
        from eventwire.store import FilterError, StoreError, open_store
        from eventwire.store.output import OUTPUT_FORMATS, write_events

        try:
            if fmt not in OUTPUT_FORMATS:
                raise FilterError(f"unknown format {fmt!r} (expected one of: {', '.join(OUTPUT_FORMATS)})")
            centre = _centre(near) if near else None
            flt = _filter(actor, recipient, type_, since, until, exclude_modality, text=text,
                          article_id=article, linked_event_id=linked, country=country, region=region,
                          near=centre, km=km if centre else None)  # fmt: skip
            with open_store(db, create=False, read_only=True) as store:
                found = store.events(flt, limit=limit, offset=offset)
        except (StoreError, FilterError) as exc:
            raise _fail(exc) from None
        write_events(found, fmt, sys.stdout)

    @app.command("dyads")
    def dyads_cmd(
        db: str | None = DB,
        by: str = typer.Option("month", "--by", help="Period: day, week, month or year."),
        by_type: bool = typer.Option(False, "--by-type", help="One row per PLOVER type too."),
        actor: str | None = ACTOR,
        recipient: str | None = RECIPIENT,
        type_: str | None = TYPE,
        since: str | None = SINCE,
        until: str | None = UNTIL,
        exclude_modality: list[str] | None = EXCLUDE,
        fmt: str = typer.Option("table", "--format", help="table, jsonl or csv."),
    ) -> None:
        """Events (linked across articles) and Goldstein sums per directed dyad and period."""
        from eventwire.store import FilterError, StoreError, open_store
        from eventwire.store.output import OUTPUT_FORMATS, write_dyads

        try:
            if fmt not in OUTPUT_FORMATS:
                raise FilterError(f"unknown format {fmt!r} (expected one of: {', '.join(OUTPUT_FORMATS)})")
            flt = _filter(actor, recipient, type_, since, until, exclude_modality)
            with open_store(db, create=False, read_only=True) as store:
                rows = store.dyads(by, flt, by_type=by_type)  # type: ignore[arg-type]
        except (StoreError, FilterError) as exc:
            raise _fail(exc) from None
        write_dyads(rows, fmt, sys.stdout)

    @app.command("export")
    def export_cmd(
        fmt: str = typer.Option(..., "--format", help="polecat-jsonl, icews-tsv or parquet."),
        output: str = typer.Option(..., "--output", "-o", help="Output file ('-' for stdout, text formats)."),
        db: str | None = DB,
        actor: str | None = ACTOR,
        recipient: str | None = RECIPIENT,
        type_: str | None = TYPE,
        since: str | None = SINCE,
        until: str | None = UNTIL,
        exclude_modality: list[str] | None = EXCLUDE,
    ) -> None:
        """Export events: POLECAT-like JSON lines, ICEWS-like TSV (one row per dyad) or Parquet."""
        from eventwire.store import FilterError, StoreError, open_store
        from eventwire.store.export import export_store

        try:
            flt = _filter(actor, recipient, type_, since, until, exclude_modality)
            with open_store(db, create=False, read_only=True) as store:
                target = sys.stdout if output == "-" else Path(output)
                n = export_store(store, fmt, target, flt)
        except (StoreError, FilterError) as exc:
            raise _fail(exc) from None
        except BrokenPipeError:
            raise typer.Exit(0) from None
        except OSError as exc:
            raise _fail(Exception(f"{output}: {exc.strerror or exc}")) from None
        if output != "-":
            typer.echo(f"wrote {n} rows to {output}", err=True)

    @app.command("link")
    def link_cmd(
        db: str | None = DB,
        window_days: int = typer.Option(2, "--window-days", help="Event dates at most this far apart."),
        published_window_days: int = typer.Option(
            1, "--published-window-days", help="Window when an event date is unknown (publication dates)."
        ),
        max_place_km: float = typer.Option(75.0, "--max-place-km", help="Places at most this far apart."),
    ) -> None:
        """Re-link event mentions across articles into real-world events, from scratch."""
        from eventwire.store import FilterError, LinkConfig, StoreError, open_store

        config = LinkConfig(window_days=window_days, published_window_days=published_window_days,
                            max_place_km=max_place_km)  # fmt: skip
        try:
            with open_store(db, create=False) as store:
                n = store.link(config)
                multi = len(store.linked_events(min_articles=2, limit=10_000))
                mentions = store.count_events()
        except (StoreError, FilterError) as exc:
            raise _fail(exc) from None
        typer.echo(f"{mentions} event mentions linked into {n} events ({multi} reported by 2+ articles)")
