"""Command-line commands of this stage: ``eventwire clean``."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

from eventwire.cli_options import DATE_ORDER_HELP, parse_date_order, parse_day


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the root app."""

    @app.command("clean")
    def clean(
        files: list[str] = typer.Argument(
            ...,
            help="Files, directories (recursive), globs, or - for stdin. Kinds: .txt (flattened page "
            "text, optional NAME.meta.json sidecar), .html/.htm, .jsonl/.json and .csv corpora, "
            ".warc/.warc.gz; any of them .gz.",
        ),
        day: str | None = typer.Option(
            None,
            "--date",
            metavar="YYYY-MM-DD",
            help="Publication date to use for every article (overrides "
            "metadata; recorded as date source 'user').",
        ),
        show_dropped: bool = typer.Option(
            False, "--show-dropped", help="Also show the dropped blocks and the rule that dropped each."
        ),
        output_format: OutputFormat = typer.Option(
            OutputFormat.text, "--format", help="text for reading, json for one JSON article per line."
        ),
        errors: Path | None = typer.Option(
            None, "--errors", metavar="FILE", help="Append every skipped input to FILE as JSON lines."
        ),
        date_order: str | None = typer.Option(
            None, "--date-order", metavar="DMY|MDY|YMD", help=DATE_ORDER_HELP
        ),
    ) -> None:
        """Clean articles: title, metadata and body text, with site furniture removed.

        Exits non-zero, with a count, when any input was skipped.
        """
        from eventwire.errors import SkipLog
        from eventwire.ingest import read_articles

        user_day = parse_day(day)
        order = parse_date_order(date_order)
        skips = SkipLog(path=errors)  # an unusable --errors FILE ends the run here, before any reading
        count = 0
        for article in read_articles(files, date=user_day, skips=skips, date_order=order):
            count += 1
            if output_format is OutputFormat.json:
                data = article.to_dict()
                if not show_dropped:
                    data.pop("dropped", None)
                typer.echo(json.dumps(data, ensure_ascii=False))
            else:
                typer.echo(format_article(article, show_dropped=show_dropped))
        summary = f"{count} articles, {len(skips)} skipped"
        typer.echo(summary, err=True)
        if len(skips):
            raise typer.Exit(code=1)


def format_article(article: object, *, show_dropped: bool) -> str:
    """A readable rendering of one article (and optionally its dropped blocks)."""
    from eventwire.models import Article

    assert isinstance(article, Article)
    published = (
        f"{article.published.date().isoformat()} ({article.date_source})" if article.published else "unknown"
    )
    lines = [
        f"=== {article.title or '(no title)'}",
        f"source: {article.source}",
        f"id: {article.id}   language: {article.language or 'unknown'}   published: {published}",
    ]
    if article.url:
        lines.append(f"url: {article.url}")
    if article.publisher:
        lines.append(f"publisher: {article.publisher}")
    lines += ["", article.text, ""]
    if show_dropped:
        lines.append(f"--- dropped ({len(article.dropped)} blocks)")
        lines += [f"  line {b.line:>4} [{b.reason}] {b.text}" for b in article.dropped]
        lines.append("")
    return "\n".join(lines)
