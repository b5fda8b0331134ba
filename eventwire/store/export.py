"""Exports: POLECAT-like JSON lines, ICEWS-like TSV, and Parquet.

polecat-jsonl / parquet — one record per event mention, columns named after
POLECAT's (snake_case):
  event_id, linked_event_id, event_date (ISO, precision as given), date_precision,
  event_type (PLOVER), event_mode, contexts (list), quad_code (1 verbal coop,
  2 material coop, 3 verbal conflict, 4 material conflict), intensity (Goldstein),
  cameo_code, actor_name / actor_country / actor_sector / actor_code / actor_text
  (lists, one item per actor mention), the same five for recipient_*,
  negated, future, hypothetical, alleged, historical, attributed_to,
  place_name, place_country, latitude, longitude, geonames_id,
  story_id (article id), sentence_number (0-based), event_text (the sentence),
  trigger, headline, url, publisher, publication_date, confidence, explanation.

icews-tsv — one row per source–target pair, tab-separated, header row:
  Event ID (event id, suffixed -N when an event has several pairs), Event Date,
  Source Name, Source Sectors, Source Country (country name), Source Code,
  Event Text (the sentence), CAMEO Code, Intensity (Goldstein), Quad Class,
  PLOVER Type, Target Name, Target Sectors, Target Country, Target Code,
  Story ID, Sentence Number, Publisher, Place, Place Country, Latitude,
  Longitude, Linked Event ID. Events without a recipient give rows with an
  empty target.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from eventwire.models import MODALITY_FLAGS, Mention
from eventwire.store.errors import FilterError
from eventwire.store.filters import EventFilter
from eventwire.store.records import StoredEvent

FORMATS = ("polecat-jsonl", "icews-tsv", "parquet")
ICEWS_COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Source Code", "Event Text",
    "CAMEO Code", "Intensity", "Quad Class", "PLOVER Type", "Target Name", "Target Sectors", "Target Country",
    "Target Code", "Story ID", "Sentence Number", "Publisher", "Place", "Place Country", "Latitude",
    "Longitude", "Linked Event ID",
)  # fmt: skip


def polecat_record(se: StoredEvent) -> dict[str, Any]:
    """One event mention as a flat POLECAT-like record."""
    ev, loc, mod = se.event, se.event.location, se.event.modality
    record: dict[str, Any] = {
        "event_id": ev.id,
        "linked_event_id": se.linked_event_id,
        "event_date": ev.date.value if ev.date else (se.day.isoformat() if se.day else None),
        "date_precision": ev.date.precision if ev.date else ("publication" if se.day else None),
        "event_type": ev.plover.type,
        "event_mode": ev.plover.mode,
        "contexts": list(ev.plover.context),
        "quad_code": ev.cameo.quad_class,
        "intensity": ev.cameo.goldstein,
        "cameo_code": ev.cameo.code,
    }
    for role, mentions in (("actor", ev.actor), ("recipient", ev.recipient)):
        record[f"{role}_name"] = [m.name or m.text for m in mentions]
        record[f"{role}_country"] = [m.country for m in mentions]
        record[f"{role}_sector"] = [m.sector for m in mentions]
        record[f"{role}_code"] = [m.code for m in mentions]
        record[f"{role}_text"] = [m.text for m in mentions]
    record.update(
        **{flag: getattr(mod, flag) for flag in MODALITY_FLAGS}, attributed_to=mod.attributed_to,
        place_name=loc.text if loc else None, place_country=loc.country if loc else None,
        latitude=loc.lat if loc else None, longitude=loc.lon if loc else None,
        geonames_id=loc.geonameid if loc else None,
        story_id=ev.article_id, sentence_number=ev.sentence_index, event_text=ev.sentence,
        trigger=ev.trigger.text, headline=se.article_title, url=se.article_url,
        publisher=se.article_publisher,
        publication_date=se.article_published.isoformat() if se.article_published else None,
        confidence=ev.confidence, explanation=ev.explanation,
    )  # fmt: skip
    return record


@lru_cache(maxsize=512)
def country_name(code: str | None) -> str:
    """ICEWS uses country names; unknown codes (IGOs, regions) stay as they are."""
    if not code:
        return ""
    import pycountry

    found = pycountry.countries.get(alpha_3=code)
    return found.name if found else code


def icews_rows(se: StoredEvent) -> Iterator[list[Any]]:
    """One ICEWS-like row per source–target pair of an event."""
    ev, loc = se.event, se.event.location
    sources: list[Mention | None] = list(ev.actor) or [None]
    targets: list[Mention | None] = list(ev.recipient) or [None]
    pairs = [(s, t) for s in sources for t in targets]
    for n, (src, tgt) in enumerate(pairs, start=1):
        yield [
            ev.id if len(pairs) == 1 else f"{ev.id}-{n}",
            ev.date.value if ev.date else (se.day.isoformat() if se.day else ""),
            *_side(src), _clean(ev.sentence), ev.cameo.code, _num(ev.cameo.goldstein),
            _num(ev.cameo.quad_class), ev.plover.type, *_side(tgt), ev.article_id, ev.sentence_index,
            se.article_publisher or "",
            loc.text if loc else "", loc.country if loc else "", _num(loc.lat if loc else None),
            _num(loc.lon if loc else None), se.linked_event_id or "",
        ]  # fmt: skip


def _side(m: Mention | None) -> list[str]:
    if m is None:
        return ["", "", "", ""]
    return [_clean(m.name or m.text), m.sector or "", country_name(m.country), m.code or ""]


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _num(value: float | int | None) -> str:
    return "" if value is None else str(value)


def write_polecat_jsonl(events: Iterable[StoredEvent], out: IO[str]) -> int:
    n = 0
    for se in events:
        out.write(json.dumps(polecat_record(se), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_icews_tsv(events: Iterable[StoredEvent], out: IO[str]) -> int:
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(ICEWS_COLUMNS)
    n = 0
    for se in events:
        for row in icews_rows(se):
            writer.writerow(row)
            n += 1
    return n


def write_parquet(events: Iterable[StoredEvent], path: Path, batch_size: int = 5000) -> int:
    """POLECAT-like records as Parquet, written in row groups."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema(pa)
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[dict[str, Any]] = []
        for se in events:
            batch.append(polecat_record(se))
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def _parquet_schema(pa: Any) -> Any:
    s, f, i, b, ls = pa.string(), pa.float64(), pa.int64(), pa.bool_(), pa.list_(pa.string())
    cols = [
        ("event_id", s), ("linked_event_id", s), ("event_date", s), ("date_precision", s), ("event_type", s),
        ("event_mode", s), ("contexts", ls), ("quad_code", i), ("intensity", f), ("cameo_code", s),
    ]  # fmt: skip
    for role in ("actor", "recipient"):
        cols += [(f"{role}_{k}", ls) for k in ("name", "country", "sector", "code", "text")]
    cols += [
        *((flag, b) for flag in MODALITY_FLAGS),
        ("attributed_to", s), ("place_name", s), ("place_country", s), ("latitude", f), ("longitude", f),
        ("geonames_id", i), ("story_id", s), ("sentence_number", i), ("event_text", s), ("trigger", s),
        ("headline", s), ("url", s), ("publisher", s), ("publication_date", s), ("confidence", f),
        ("explanation", s),
    ]  # fmt: skip
    return pa.schema(cols)


def export(events: Iterable[StoredEvent], fmt: str, output: Path | IO[str]) -> int:
    """Write ``events`` in ``fmt`` to a path (or, for text formats, an open stream); returns rows written."""
    if fmt not in FORMATS:
        raise FilterError(f"unknown export format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    if fmt == "parquet":
        if not isinstance(output, Path):
            raise FilterError("parquet needs an output file (--output FILE)")
        return write_parquet(events, output)
    writer = write_polecat_jsonl if fmt == "polecat-jsonl" else write_icews_tsv
    if isinstance(output, Path):
        with output.open("w", encoding="utf-8", newline="") as fh:
            return writer(events, fh)
    return writer(events, output)


def export_store(store: Any, fmt: str, output: Path | IO[str], flt: EventFilter | None = None) -> int:
    """Export every event of ``store`` matching ``flt``."""
    return export(store.iter_events(flt), fmt, output)
