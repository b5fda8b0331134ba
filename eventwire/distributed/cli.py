"""Batch commands: ``eventwire ingest`` (read → code → store) and ``eventwire load`` (partitions → store)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from eventwire.cli_options import DATE_ORDER_HELP, parse_date_order, parse_day


class Engine(StrEnum):
    local = "local"
    dask = "dask"


def _partitions_dir(db: str | None, given: Path | None) -> Path:
    from eventwire.store.dialect import resolve_db

    if given is not None:
        return given
    target = resolve_db(db)
    if "://" in target:
        raise typer.BadParameter("with a PostgreSQL --db, say where partitions go with --partitions DIR")
    return Path(target + ".partitions")


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the root app."""

    @app.command("ingest")
    def ingest(
        inputs: list[str] = typer.Argument(
            ...,
            help="Files, directories, globs or - (stdin): text, HTML, "
            "JSONL/CSV/Parquet corpora, WARC; .gz read through.",
        ),
        db: str | None = typer.Option(
            None, "--db", help="DuckDB file or postgresql:// URL (default: $EVENTWIRE_DB or events.duckdb)."
        ),
        day: str | None = typer.Option(None, "--date", help="Publication date (YYYY-MM-DD) of all articles."),
        workers: int | None = typer.Option(
            None, "--workers", min=1, help="Worker processes (default: the machine's cores)."
        ),
        batch_size: int = typer.Option(
            200, "--batch-size", min=1, help="Articles per store transaction (local engine)."
        ),
        engine: Engine = typer.Option(Engine.local, "--engine", help="local processes, or a Dask cluster."),
        scheduler: str | None = typer.Option(
            None,
            "--scheduler",
            help="Dask scheduler address (default: a local cluster of --workers processes).",
        ),
        partitions: Path | None = typer.Option(
            None,
            "--partitions",
            help="Dask engine: folder for the Parquet partitions (default: DB path + .partitions).",
        ),
        partition_size: int = typer.Option(
            500, "--partition-size", min=1, help="Dask engine: articles per partition of JSONL/Parquet."
        ),
        errors: Path | None = typer.Option(
            None, "--errors", help="Append every skipped input to this JSONL file."
        ),
        date_order: str | None = typer.Option(
            None, "--date-order", metavar="DMY|MDY|YMD", help=DATE_ORDER_HELP
        ),
        user: list[Path] | None = typer.Option(None, "--user", help="User actor dictionary (repeatable)."),
        verbs: list[Path] | None = typer.Option(None, "--verbs", help="Extra verb dictionary (repeatable)."),
        no_prefilter: bool = typer.Option(
            False,
            "--no-prefilter",
            help="Parse every sentence (slower; for checking that the prefilter loses nothing).",
        ),
        factory: str | None = typer.Option(
            None,
            "--pipeline",
            help="A custom pipeline: module:callable returning an object with code_articles().",
        ),
        progress: bool = typer.Option(
            True, "--progress/--no-progress", help="Show a progress bar (only on a terminal)."
        ),
    ) -> None:
        """Code articles and store their events; resumes where a previous run stopped.

        Articles already in the store are skipped; results are committed every --batch-size articles, so a
        killed run loses only its last uncommitted batch. Exits 1 when inputs were skipped, 2 on errors.
        """
        from eventwire.distributed.config import PipelineConfig
        from eventwire.distributed.runner import default_workers, run_ingest
        from eventwire.distributed.workers import WorkerDied
        from eventwire.errors import SkipLog
        from eventwire.store import StoreError

        order = parse_date_order(date_order)
        skips = SkipLog(path=errors)  # an unusable --errors FILE ends the run here, before any reading
        config = PipelineConfig(user_files=tuple(user or ()), verb_files=tuple(verbs or ()),
                                prefilter=not no_prefilter, factory=factory)  # fmt: skip
        when = parse_day(day)
        n_workers = workers or default_workers()
        show = None if progress else False
        try:
            if engine is Engine.local:
                report = run_ingest(inputs, db, date=when, config=config, workers=n_workers,
                                    batch_size=batch_size, skips=skips, show_progress=show,
                                    date_order=order)  # fmt: skip
                summary = report.summary()
            else:
                summary = _run_dask(inputs, db, when, config, scheduler, n_workers,
                                    _partitions_dir(db, partitions), partition_size, skips, show)  # fmt: skip
        except (StoreError, WorkerDied) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        typer.echo(summary, err=True)
        if len(skips):
            where = f" (listed in {errors})" if errors else ""
            typer.echo(f"{len(skips)} inputs skipped{where}", err=True)
            raise typer.Exit(1)

    @app.command("load")
    def load(
        folder: Path = typer.Argument(..., help="Folder of Parquet partitions written by --engine dask."),
        db: str | None = typer.Option(
            None, "--db", help="DuckDB file or postgresql:// URL (default: $EVENTWIRE_DB or events.duckdb)."
        ),
        batch_size: int = typer.Option(500, "--batch-size", min=1, help="Articles per store transaction."),
        errors: Path | None = typer.Option(None, "--errors", help="Append unreadable files to this JSONL."),
    ) -> None:
        """Bring Parquet partitions into the store; articles already stored are not added twice."""
        from eventwire.distributed.load import load_partitions
        from eventwire.errors import InputError, SkipLog
        from eventwire.store import StoreError, open_store

        skips = SkipLog(path=errors)
        try:
            with open_store(db) as store:
                report = load_partitions(folder, store, batch_size=batch_size, skips=skips)
        except (StoreError, InputError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        typer.echo(
            f"{report.files} partition files: {report.articles_added} articles added "
            f"({report.events_added} events), {report.articles_known} already stored",
            err=True,
        )
        if len(skips):
            raise typer.Exit(1)


def _run_dask(inputs, db, when, config, scheduler, workers, out_dir, partition_size, skips, show):  # type: ignore[no-untyped-def]
    """Code on Dask into ``out_dir`` (articles already stored are not coded), then load the partitions."""
    from eventwire.distributed.dask_engine import run_dask
    from eventwire.distributed.load import load_partitions
    from eventwire.store import open_store

    with open_store(db) as store:
        known = store.known_article_ids()
    report = run_dask(inputs, out_dir, config=config, date=when, scheduler=scheduler, workers=workers,
                      partition_size=partition_size, skips=skips, show_progress=show,
                      known=known)  # fmt: skip
    with open_store(db) as store:
        loaded = load_partitions(out_dir, store, skips=skips)
    return (
        f"{report.partitions} partitions ({report.reused} reused) in {out_dir}: {report.articles} articles "
        f"coded, {report.events} events, {report.already_stored} already in the store; "
        f"{loaded.articles_added} articles added to the store, "
        f"{loaded.articles_known} already there ({report.seconds:.1f} s)"
    )
