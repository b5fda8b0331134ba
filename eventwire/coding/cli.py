"""Command-line commands of this stage: ``eventwire code``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from eventwire.cli_options import DATE_ORDER_HELP, parse_date_order, parse_day

if TYPE_CHECKING:
    from eventwire.errors import SkipLog
    from eventwire.models import Event


class EventFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


def read_sentences(path: Path, skips: SkipLog) -> Iterator[tuple[str, str, date | None]]:
    """(id, text, date) per line of a sentence JSONL file; bad lines go to ``skips``."""
    source = str(path)
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        skips.add(source, f"cannot read: {exc.strerror or exc}", stage="code")
        return
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")
                text = record.get("text")
                if not isinstance(text, str) or not text.strip():
                    raise ValueError("no 'text'")
                raw_date = record.get("date")
                when = date.fromisoformat(str(raw_date)[:10]) if raw_date else None
            except (ValueError, TypeError) as exc:
                skips.add(source, f"bad sentence record: {exc}", number, stage="code")
                continue
            yield str(record.get("id", number)), text, when


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the root app."""

    @app.command("train")
    def train_model(
        shared: Path = typer.Option(Path("../shared"), "--shared", help="The shared reference-data folder."),
        output: Path | None = typer.Option(
            None, "--output", help="Where to write the model (default: the one the package ships)."
        ),
    ) -> None:
        """Rebuild the learned event model from the tune parts of the trainable silver sets."""
        from eventwire.coding.learned.model import DEFAULT_PATH
        from eventwire.coding.learned.train import EVENTLOC, VOA, train

        missing = [p for p in (shared / VOA / "annotations.jsonl", shared / EVENTLOC) if not p.is_file()]
        if missing:
            typer.echo(f"error: {missing[0]}: training data not found (see ../shared/README.md)", err=True)
            raise typer.Exit(2)
        train(shared, output or DEFAULT_PATH, log=lambda line: typer.echo(line, err=True))

    @app.command("code")
    def code(
        files: list[str] = typer.Argument(
            None, help="Article files, directories, globs or - for stdin (any kind `eventwire clean` reads)."
        ),
        sentences: Path | None = typer.Option(
            None,
            "--sentences",
            metavar="FILE.jsonl",
            help='Code one sentence per line ({"id", "text", "date"}); each event echoes the id.',
        ),
        day: str | None = typer.Option(
            None,
            "--date",
            metavar="YYYY-MM-DD",
            help="Publication date for every article (overrides metadata).",
        ),
        output_format: EventFormat = typer.Option(
            EventFormat.jsonl, "--format", help="jsonl (one event per line), csv, or table."
        ),
        errors: Path | None = typer.Option(
            None, "--errors", metavar="FILE", help="Append every skipped input to FILE as JSON lines."
        ),
        verbs: list[Path] = typer.Option(
            [], "--verbs", metavar="FILE", help="Extra PETRARCH-format verb dictionary (repeatable)."
        ),
        actors: list[Path] = typer.Option(
            [], "--actors", metavar="FILE", help="Extra PETRARCH/TABARI actor dictionary (repeatable)."
        ),
        agents: list[Path] = typer.Option(
            [], "--agents", metavar="FILE", help="Extra PETRARCH/TABARI agent dictionary (repeatable)."
        ),
        cues: list[Path] = typer.Option(
            [], "--cues", metavar="FILE", help="Cue words over data/cues.yaml (same layout; repeatable)."
        ),
        date_order: str | None = typer.Option(
            None, "--date-order", metavar="DMY|MDY|YMD", help=DATE_ORDER_HELP
        ),
    ) -> None:
        """Code political events (PLOVER 2.0 + CAMEO) in articles or single sentences.

        Exits non-zero, with a count, when any input was skipped.
        """
        from eventwire.coding.cues import CuesError
        from eventwire.coding.output import csv_row, csv_text, jsonl_line, render_table
        from eventwire.errors import InputError, SkipLog
        from eventwire.pipeline import Pipeline

        if not files and sentences is None:
            raise typer.BadParameter("give article FILES or --sentences FILE.jsonl")
        user_day = parse_day(day)
        order = parse_date_order(date_order)
        skips = SkipLog(path=errors)
        try:
            pipeline = Pipeline.load(actor_files=actors, agent_files=agents, verb_files=verbs, cue_files=cues)
        except (InputError, CuesError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(code=2) from exc
        collected: list[tuple[Event, str | None]] = []
        first_csv = True
        count = 0

        def emit(events: list[Event], sentence_id: str | None) -> None:
            nonlocal first_csv
            if output_format is EventFormat.table:
                collected.extend((e, sentence_id) for e in events)
            elif output_format is EventFormat.csv:
                if events or first_csv:
                    rows = [csv_row(e, sentence_id) for e in events]
                    typer.echo(csv_text(rows, header=first_csv), nl=False)
                    first_csv = False
            else:
                for event in events:
                    typer.echo(jsonl_line(event, sentence_id))

        if sentences is not None:
            for sentence_id, text, when in read_sentences(sentences, skips):
                count += 1
                emit(pipeline.code_sentence(text, user_day or when, sentence_id=sentence_id), sentence_id)
        if files:
            from eventwire.ingest import read_articles

            articles = read_articles(files, date=user_day, skips=skips, date_order=order)
            for _article, events in pipeline.code_articles(articles):
                count += 1
                emit(events, None)
        if output_format is EventFormat.table:
            from rich.console import Console

            console = Console()
            if not console.is_terminal:
                console = Console(width=200)
            console.print(render_table(collected))
        noun = "sentences" if sentences is not None and not files else "inputs"
        typer.echo(f"{count} {noun} coded, {len(skips)} skipped", err=True)
        if len(skips):
            raise typer.Exit(code=1)
