"""Corpus partitions for distributed runs, and the Parquet files their coded events go to.

A partition is a slice of the corpus a worker can read on its own: a range of
lines of a JSONL file, a range of rows of a Parquet file, or one whole file of
any other kind (WARC, HTML, text, CSV). Each coded partition becomes one
Parquet file, one row per article (the article and its events as JSON), written
atomically (temporary file, then rename): a retried partition replaces its file
instead of adding to it, and a file that exists is complete.
"""

from __future__ import annotations

import gzip
import json
import os
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.errors import InputError, SkipLog
from eventwire.models import Article, Event, content_hash

if TYPE_CHECKING:
    from eventwire.ingest.pending import Pending

Coded = tuple[Article, list[Event]]
PARTITION_GLOB = "part-*.parquet"
COLUMNS = ("article_id", "source", "url", "published", "n_events", "article", "events")


@dataclass(frozen=True, slots=True)
class PartitionSpec:
    """``kind``: "lines" (JSONL lines ``start``..``stop``), "rows" (Parquet rows), "file" (the whole file)."""

    path: str
    kind: str
    start: int = 0
    stop: int | None = None

    @property
    def name(self) -> str:
        """A stable file name: the same slice of the same input always gets the same name."""
        stem = Path(self.path).name.split(".")[0][:40] or "input"
        key = content_hash(self.path, self.kind, str(self.start), str(self.stop), length=12)
        return f"part-{stem}-{self.start}-{key}.parquet"


def is_parquet(path: str | Path) -> bool:
    return str(path).lower().endswith(".parquet")


def _is_jsonl(path: Path) -> bool:
    name = path.name.lower().removesuffix(".gz")
    return name.endswith((".jsonl", ".ndjson"))


def _open_text(path: Path) -> Any:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return path.open(encoding="utf-8", errors="replace")


def plan_partitions(inputs: Iterable[str], skips: SkipLog, size: int = 500) -> list[PartitionSpec]:
    """Split the corpus into partitions of about ``size`` articles (whole files for other kinds)."""
    import pyarrow.parquet as pq

    from eventwire.ingest.sources import expand_inputs

    specs: list[PartitionSpec] = []
    plain: list[str] = []
    for item in inputs:
        if item == "-":
            skips.add("<stdin>", "the dask engine reads files; stdin can only go through --engine local")
        elif is_parquet(item) and Path(item).is_file():
            specs.extend(_ranges(item, "rows", pq.ParquetFile(item).metadata.num_rows, size))
        else:
            plain.append(item)
    for source in expand_inputs(plain, skips):
        path = source.path
        if path is not None and _is_jsonl(path):
            with _open_text(path) as fh:
                lines = sum(1 for _ in fh)
            specs.extend(_ranges(source.name, "lines", lines, size))
        elif path is not None and is_parquet(path):
            specs.extend(_ranges(source.name, "rows", pq.ParquetFile(path).metadata.num_rows, size))
        else:
            specs.append(PartitionSpec(source.name, "file"))
    return specs


def _ranges(path: str, kind: str, total: int, size: int) -> list[PartitionSpec]:
    size = max(1, size)
    return [PartitionSpec(path, kind, start, min(start + size, total)) for start in range(0, total, size)]


def read_partition(spec: PartitionSpec, *, date: Date | None, skips: SkipLog) -> Iterator[Article]:
    """The clean articles of one partition; bad records go to ``skips`` with their line or row."""
    for pending in pending_partition(spec, skips=skips):
        article = pending.resolve(date, skips)
        if article is not None:
            yield article


def pending_partition(spec: PartitionSpec, *, skips: SkipLog) -> Iterator[Pending]:
    """The articles of one partition, read but not yet cleaned; unreadable records go to ``skips``."""
    from eventwire.ingest import read_pending

    if spec.kind == "file":
        yield from read_pending([spec.path], skips=skips)
        return
    records = _lines(spec) if spec.kind == "lines" else _rows(spec)
    for number, record in records:
        try:
            yield _record_pending(record, spec.path, number)
        except InputError as exc:
            skips.add_error(exc)


def _lines(spec: PartitionSpec) -> Iterator[tuple[int, Any]]:
    with _open_text(Path(spec.path)) as fh:
        for number, line in enumerate(fh, start=1):
            if number <= spec.start:
                continue
            if spec.stop is not None and number > spec.stop:
                break
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, InputError(spec.path, f"malformed JSON line: {exc.msg}", number)


def _rows(spec: PartitionSpec) -> Iterator[tuple[int, Any]]:
    import pyarrow.parquet as pq

    table = pq.read_table(spec.path)
    stop = table.num_rows if spec.stop is None else spec.stop
    for offset, record in enumerate(table.slice(spec.start, stop - spec.start).to_pylist()):
        yield spec.start + offset + 1, record


def _record_pending(record: Any, name: str, number: int) -> Pending:
    from eventwire.ingest.corpus import pending_record

    if isinstance(record, InputError):
        raise record
    if not isinstance(record, dict):
        raise InputError(name, f"record is a {type(record).__name__}, not an object", number)
    record = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in record.items()}
    return pending_record(record, name=name, line=number)


def write_partition(coded: list[Coded], path: Path) -> Path:
    """Write ``coded`` to ``path`` atomically: a temporary file in the same folder, then a rename."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "article_id": pa.array([a.id for a, _ in coded], pa.string()),
            "source": pa.array([a.source for a, _ in coded], pa.string()),
            "url": pa.array([a.url for a, _ in coded], pa.string()),
            "published": pa.array([a.published for a, _ in coded], pa.timestamp("us")),
            "n_events": pa.array([len(e) for _, e in coded], pa.int32()),
            "article": pa.array([json.dumps(a.to_dict(), ensure_ascii=False) for a, _ in coded], pa.string()),
            "events": pa.array(
                [json.dumps([e.to_dict() for e in events], ensure_ascii=False) for _, events in coded],
                pa.string(),
            ),
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def read_partition_file(path: Path) -> list[Coded]:
    """The (article, events) pairs of one partition file; ``InputError`` when it is not one."""
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path, columns=["article", "events"])
    except Exception as exc:
        raise InputError(str(path), f"not an eventwire partition file: {exc}") from exc
    out: list[Coded] = []
    for row, record in enumerate(table.to_pylist(), start=1):
        try:
            article = Article.from_dict(json.loads(record["article"]))
            events = [Event.from_dict(e) for e in json.loads(record["events"])]
        except (TypeError, KeyError, ValueError) as exc:
            raise InputError(str(path), f"bad partition row: {exc}", row) from exc
        out.append((article, events))
    return out


def partition_files(folder: Path) -> list[Path]:
    """The complete partition files in ``folder`` (temporary files of unfinished writes are ignored)."""
    return sorted(folder.glob(PARTITION_GLOB))
