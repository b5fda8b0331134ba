"""Rendering query results for the command line: table, JSON lines or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import IO

from eventwire.store.records import DyadRow, StoredEvent

OUTPUT_FORMATS = ("table", "jsonl", "csv")
EVENT_COLUMNS = (
    "event_id", "day", "trigger", "type", "mode", "cameo", "goldstein", "quad", "actor", "recipient",
    "modality", "place", "linked_event_id", "publisher", "article_id", "sentence",
)  # fmt: skip


def event_cells(se: StoredEvent) -> list[str]:
    ev = se.event
    mods = ev.modality.flags()
    return [
        ev.id,
        se.day.isoformat() if se.day else "",
        ev.trigger.text,
        ev.plover.type,
        ev.plover.mode or "",
        ev.cameo.code,
        "" if ev.cameo.goldstein is None else f"{ev.cameo.goldstein:g}",
        "" if ev.cameo.quad_class is None else str(ev.cameo.quad_class),
        ";".join(m.code or m.country or m.text for m in ev.actor),
        ";".join(m.code or m.country or m.text for m in ev.recipient),
        ";".join(mods),
        ev.location.text if ev.location else "",
        se.linked_event_id or "",
        se.article_publisher or "",
        ev.article_id,
        " ".join(ev.sentence.split()),
    ]


def write_events(events: Sequence[StoredEvent], fmt: str, out: IO[str]) -> None:
    if fmt == "jsonl":
        for se in events:
            out.write(json.dumps(se.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(EVENT_COLUMNS)
        writer.writerows(event_cells(se) for se in events)
    else:
        shown = ("day", "trigger", "type", "mode", "cameo", "actor", "recipient", "modality", "place")
        shown += ("sentence",)
        idx = [EVENT_COLUMNS.index(c) for c in shown]
        rows = [[cells[i] for i in idx] for cells in map(event_cells, events)]
        _table(shown, rows, out, wrap="sentence")


def write_dyads(rows: Sequence[DyadRow], fmt: str, out: IO[str]) -> None:
    header = ("period", "source", "target", "type", "events", "mentions", "goldstein_sum")
    cells = [[r.period, r.source, r.target, r.plover_type or "", str(r.events), str(r.mentions),
              f"{r.goldstein_sum:g}"] for r in rows]  # fmt: skip
    if fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(cells)
    else:
        _table(header, cells, out)


def _table(header: Sequence[str], rows: list[list[str]], out: IO[str], wrap: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for name in header:
        table.add_column(name, overflow="fold", ratio=3 if name == wrap else None)
    for row in rows:
        table.add_row(*row)
    Console(file=out, width=160, highlight=False).print(table)
