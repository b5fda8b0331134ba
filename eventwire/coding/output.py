"""Event output for the command line: JSON lines, CSV rows and a rich table."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from eventwire.models import MODALITY_FLAGS, Event, Mention

CSV_COLUMNS = [
    "id",
    "sentence_id",
    "article_id",
    "sentence_index",
    "trigger",
    "plover_type",
    "plover_mode",
    "plover_context",
    "cameo_code",
    "cameo_root",
    "goldstein",
    "quad_class",
    "actor",
    "actor_countries",
    "recipient",
    "recipient_countries",
    *MODALITY_FLAGS,
    "attributed_to",
    "date",
    "date_precision",
    "location",
    "location_country",
    "confidence",
    "explanation",
    "sentence",
]


def event_record(event: Event, sentence_id: str | None = None) -> dict[str, Any]:
    """The event as a JSON-ready dict, with ``id`` of the input sentence echoed when given."""
    data = event.to_dict()
    if sentence_id is not None:
        data = {"sentence_id": sentence_id, **data}
    return data


def jsonl_line(event: Event, sentence_id: str | None = None) -> str:
    return json.dumps(event_record(event, sentence_id), ensure_ascii=False)


def _names(mentions: Iterable[Mention]) -> str:
    return "; ".join(m.name or m.text for m in mentions)


def _countries(mentions: Iterable[Mention]) -> str:
    return ";".join(m.code or m.country or "" for m in mentions)


def csv_row(event: Event, sentence_id: str | None = None) -> list[Any]:
    """One CSV row in ``CSV_COLUMNS`` order."""
    m = event.modality
    return [
        event.id,
        sentence_id or "",
        event.article_id,
        event.sentence_index,
        event.trigger.text,
        event.plover.type,
        event.plover.mode or "",
        ";".join(event.plover.context),
        event.cameo.code,
        event.cameo.root,
        event.cameo.goldstein,
        event.cameo.quad_class,
        _names(event.actor),
        _countries(event.actor),
        _names(event.recipient),
        _countries(event.recipient),
        *(getattr(m, flag) for flag in MODALITY_FLAGS),
        m.attributed_to or "",
        event.date.value if event.date else "",
        event.date.precision if event.date else "",
        event.location.text if event.location else "",
        event.location.country if event.location else "",
        event.confidence,
        event.explanation,
        event.sentence,
    ]


def csv_text(rows: Iterable[list[Any]], header: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()


def flags(event: Event) -> str:
    """Short modality flags: "future, alleged (the Russian army)"."""
    m = event.modality
    text = ", ".join(m.flags())
    if m.attributed_to:
        text += f" ({m.attributed_to})"
    return text


def render_table(events: list[tuple[Event, str | None]]) -> Any:
    """A ``rich`` table of events (import of rich happens here)."""
    from rich.table import Table

    table = Table(show_lines=False)
    for column in ("sent", "trigger", "PLOVER", "CAMEO", "actor", "recipient", "modality", "date", "place"):
        table.add_column(column, overflow="fold")
    for event, sentence_id in events:
        plover = event.plover.type + (f" ({event.plover.mode})" if event.plover.mode else "")
        table.add_row(
            sentence_id or str(event.sentence_index),
            event.trigger.text,
            plover,
            f"{event.cameo.code} ({event.cameo.goldstein})",
            _countries(event.actor) + (f" [{_names(event.actor)}]" if event.actor else ""),
            _countries(event.recipient) + (f" [{_names(event.recipient)}]" if event.recipient else ""),
            flags(event),
            event.date.value if event.date else "",
            event.location.text if event.location else "",
        )
    return table
