"""Commands of this stage: ``eventwire follow`` (news sites → store) and ``eventwire sources``."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Any

import typer

DB_HELP = "DuckDB file or postgresql:// URL (default: $EVENTWIRE_DB or events.duckdb)."


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the root app."""

    @app.command("follow")
    def follow(
        sources: list[str] = typer.Argument(
            ...,
            help="Feed URLs (RSS, Atom, JSON Feed), sitemap or news-sitemap URLs (indexes followed), "
            "or homepages whose announced feeds are followed.",
        ),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
        once: bool = typer.Option(False, "--once", help="One pass over the sources, then exit (cron, CI)."),
        interval: float = typer.Option(15.0, "--interval", min=0.0, help="Minutes between polls."),
        user_agent: str | None = typer.Option(
            None, "--user-agent", help="User-Agent sent (default: eventwire/VERSION with a contact URL)."
        ),
        delay: float = typer.Option(1.0, "--delay", min=0.0, help="Seconds between requests to one host."),
        per_host: int = typer.Option(2, "--per-host", min=1, help="Requests in flight to one host at once."),
        threads: int = typer.Option(4, "--threads", min=1, help="Pages fetched at once over all hosts."),
        timeout: float = typer.Option(20.0, "--timeout", min=0.1, help="Seconds before a request times out."),
        retries: int = typer.Option(3, "--retries", min=0, help="Retries after a timeout, 429 or 5xx."),
        backoff: float = typer.Option(
            2.0, "--backoff", min=0.0, help="Seconds before the first retry (doubled each time)."
        ),
        max_redirects: int = typer.Option(5, "--max-redirects", min=0, help="Redirects followed at most."),
        max_bytes: int = typer.Option(
            5_000_000, "--max-bytes", min=1, help="Pages over this size are refused."
        ),
        max_new: int = typer.Option(500, "--max-new", min=1, help="New pages fetched per source and poll."),
        archive: Path | None = typer.Option(
            None, "--archive", metavar="DIR", help="Write every fetched page to a WARC file in DIR."
        ),
        errors: Path | None = typer.Option(
            None, "--errors", metavar="FILE", help="Append every skip and failure to FILE as JSON lines."
        ),
        user: list[Path] | None = typer.Option(None, "--user", help="User actor dictionary (repeatable)."),
        verbs: list[Path] | None = typer.Option(None, "--verbs", help="Extra verb dictionary (repeatable)."),
        factory: str | None = typer.Option(
            None,
            "--pipeline",
            help="A custom pipeline: module:callable returning an object with code_articles().",
        ),
        progress: bool = typer.Option(
            True, "--progress/--no-progress", help="A live table per source (only on a terminal)."
        ),
    ) -> None:
        """Follow news sites: fetch each new page once, politely, then clean, code and store it.

        State (pages seen, feed validators, source figures) lives in the store, so a restart resumes.
        SIGTERM or Ctrl-C finishes the page in hand and stops. Exits 1 when a source could not be read
        in the last poll, 2 on a store error; skipped pages are listed (and in --errors) but not an error.
        """
        from eventwire.distributed.config import PipelineConfig
        from eventwire.errors import SkipLog
        from eventwire.follow.fetch import DEFAULT_USER_AGENT, Politeness
        from eventwire.follow.follower import Follower, FollowOptions, open_archive
        from eventwire.follow.urls import canonical_url
        from eventwire.follow.view import FollowView
        from eventwire.store import StoreError, open_store

        for source in sources:
            try:
                canonical_url(source)
            except ValueError as exc:
                raise typer.BadParameter(str(exc), param_hint="SOURCES") from exc
        politeness = Politeness(
            user_agent=user_agent or DEFAULT_USER_AGENT, delay=delay, per_host=per_host, timeout=timeout,
            retries=retries, backoff=backoff, max_redirects=max_redirects, max_bytes=max_bytes,
        )  # fmt: skip
        options = FollowOptions(
            list(dict.fromkeys(sources)), politeness, interval * 60, once, threads, max_new
        )
        config = PipelineConfig(user_files=tuple(user or ()), verb_files=tuple(verbs or ()), factory=factory)
        skips = SkipLog(path=errors)
        stop = threading.Event()
        try:
            store = open_store(db)
        except StoreError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        view = FollowView(live=None if progress else False)
        saved = _on_stop(stop)
        follower = Follower(store, config.load, options, skips=skips, stop=stop,
                            archive=open_archive(archive), view=view)  # fmt: skip
        try:
            stats = follower.run()
        except StoreError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        finally:
            _restore(saved)
            follower.close()
            if follower.archive is not None:
                follower.archive.close()
            store.close()
        stored = sum(s.stored for s in stats)
        ended = "stopped" if stop.is_set() else "done"
        typer.echo(f"{ended} after {follower.polls} poll(s): last poll stored {stored} new articles, "
                   f"{len(skips)} pages skipped or failed in this run", err=True)  # fmt: skip
        if any(s.error for s in stats):
            raise typer.Exit(1)

    @app.command("sources")
    def sources_command(db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
        """The sources followed: last poll, new articles and failures (last poll and in total)."""
        from rich.console import Console

        from eventwire.follow.state import FollowState
        from eventwire.follow.view import sources_table
        from eventwire.store import StoreError, open_store

        try:
            with open_store(db, read_only=True, create=False) as store:
                rows = FollowState(store).sources()
        except StoreError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        if not rows:
            typer.echo("no sources followed yet (eventwire follow URL... --db ...)")
            return
        Console(width=200).print(sources_table(rows))


def _on_stop(stop: threading.Event) -> dict[int, Any]:
    """SIGTERM and SIGINT set ``stop`` (the page in hand finishes); a second one stops at once."""

    def handler(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    saved: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGINT):
            saved[signum] = signal.signal(signum, handler)
    return saved


def _restore(saved: dict[int, Any]) -> None:
    for signum, handler in saved.items():
        signal.signal(signum, handler)
