"""Batch ingest on one machine: read → clean and code (worker processes) → store, resumable, crash-safe.

The parent process reads the inputs (``Corpus.pending``: cheap, no cleaning),
stores the results and reports; with ``workers`` > 1 the worker processes
clean and code (see ``eventwire.distributed.workers``), with 1 this process
does it all. Articles already in the store are skipped before coding (after
cleaning, as their id is the hash of the cleaned text), so a re-run after a
crash resumes where the last committed transaction ended. Results are written
in transactions of ``batch_size`` articles (``Store.add_batch`` is one
transaction and idempotent), so a kill mid-batch loses only uncommitted work,
which the next run codes again.
"""

from __future__ import annotations

import gzip
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.distributed.config import PipelineConfig
from eventwire.distributed.workers import ChunkResult, Coded, Item, KnownIds, WorkerPool, work_chunk
from eventwire.errors import SkipLog
from eventwire.ingest.pending import Pending
from eventwire.models import Article

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline
    from eventwire.store import Store

LINE_FORMATS = (".jsonl", ".ndjson", ".csv", ".tsv")


@dataclass(slots=True)
class IngestReport:
    """What a run did; ``skipped`` counts unusable inputs and failed articles."""

    read: int = 0
    already_stored: int = 0
    coded: int = 0
    events: int = 0
    skipped: int = 0
    seconds: float = 0.0
    warm_seconds: float = 0.0  # from the first coded chunk to the end: throughput without start-up
    warm_articles: int = 0

    def summary(self) -> str:
        rate = self.coded / self.seconds if self.seconds else 0.0
        return (
            f"{self.coded} articles coded, {self.events} events stored, "
            f"{self.already_stored} already in the store, {self.skipped} skipped "
            f"({self.seconds:.1f} s, {rate:.1f} articles/s)"
        )


def default_workers() -> int:
    """The machine's usable cores."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def estimate_total(inputs: Iterable[str | Path]) -> int | None:
    """A cheap article count for the ETA: lines of line-based corpora, one per other file; None if unknown.

    Only an estimate: files are opened as the readers open them (``open_regular``: a FIFO
    or device is never waited on), and a file that cannot be counted (damaged gzip or
    Parquet, unreadable) counts as one; its reader reports it.
    """
    from eventwire.ingest.opening import regular_file_problem

    total = 0
    for item in inputs:
        path = Path(item)
        if str(item) == "-" or not path.exists():
            return None
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if not p.is_symlink() and regular_file_problem(p) is None
            )
        else:
            files = [path] if regular_file_problem(path) is None else []
        for file in files:
            name = file.name.lower().removesuffix(".gz")
            if name.endswith((".warc", ".arc")):
                return None
            if name.endswith(".json") and not name.endswith(
                ".meta.json"
            ):  # an array: unknown without parsing
                return None
            if not name.endswith(".meta.json"):
                total += _count(file, name)
    return total


def _count(file: Path, name: str) -> int:
    from eventwire.ingest.opening import open_regular

    try:
        if name.endswith(".parquet"):
            import pyarrow.parquet as pq

            with open_regular(file) as fh:
                return int(pq.ParquetFile(fh).metadata.num_rows)
        if name.endswith(LINE_FORMATS):
            with open_regular(file) as raw:
                fh = gzip.GzipFile(fileobj=raw) if file.name.lower().endswith(".gz") else raw
                lines = sum(1 for line in fh if line.strip())
            return max(lines - 1, 0) if name.endswith((".csv", ".tsv")) else lines  # the header
    except Exception:  # damaged: the reader reports it, by name, when it gets there
        return 1
    return 1


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Lists of up to ``size`` items."""
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass
class Corpus:
    """The articles of ``inputs``: what ``read_articles`` reads, plus Parquet corpora; read lazily.

    Iterating gives clean articles (cleaned in this process); ``pending()``
    gives them read but not cleaned, for worker processes to clean.
    """

    inputs: list[str]
    date: Date | None
    skips: SkipLog
    date_order: str | None = None

    def pending(self) -> Iterator[Pending]:
        """Every article read but not yet cleaned; unreadable inputs and records go to ``skips``."""
        from eventwire.distributed.partitions import PartitionSpec, is_parquet, pending_partition
        from eventwire.ingest import read_pending
        from eventwire.ingest.opening import regular_file_problem

        parquet = [
            item for item in self.inputs if is_parquet(item) and regular_file_problem(Path(item)) is None
        ]
        others = [item for item in self.inputs if item not in parquet]
        if others:
            yield from read_pending(others, skips=self.skips, date_order=self.date_order)
        for path in parquet:
            try:  # a damaged Parquet file is one skipped input, not the end of the batch
                yield from pending_partition(PartitionSpec(path, "rows"), skips=self.skips)
            except Exception as exc:
                reason = " ".join(str(exc).split())[:200] or type(exc).__name__
                self.skips.add(path, f"unreadable Parquet file: {reason}")

    def __iter__(self) -> Iterator[Article]:
        for pending in self.pending():
            article = pending.resolve(self.date, self.skips)
            if article is not None:
                yield article


def corpus_articles(
    inputs: list[str], *, date: Date | None, skips: SkipLog, date_order: str | None = None
) -> Corpus:
    """``read_articles`` over ``inputs``, plus Parquet corpora (rows with text/html, title, url, ...).

    Iterate it for clean articles; ``run_local`` takes it as it is and lets its workers clean.
    """
    return Corpus(list(inputs), date, skips, date_order)


def run_local(
    articles: Iterable[Article] | Corpus,
    store: Store,
    config: PipelineConfig,
    *,
    skips: SkipLog,
    workers: int = 1,
    batch_size: int = 200,
    chunk_size: int | None = None,
    progress_total: int | None = None,
    show_progress: bool | None = None,
    pipeline: Pipeline | None = None,
) -> IngestReport:
    """Clean and code ``articles`` with ``workers`` processes (1: in this process), store them in batches.

    A ``Corpus`` is read here and cleaned where it is coded; other iterables
    hold ready articles. ``pipeline``: an already loaded pipeline to use in
    this process when ``workers`` is 1.
    """
    from eventwire.distributed.progress import make_progress

    report = IngestReport()
    started = time.perf_counter()
    items, day = (articles.pending(), articles.date) if isinstance(articles, Corpus) else (articles, None)
    # Small chunks for small batches, so every worker has work and commits are not held back; smaller
    # ones for workers, so one worker still coding its last chunk leaves the others idle for less time.
    size = chunk_size or max(1, min(8 if workers <= 1 else 4, batch_size // max(workers, 1)))
    chunks = chunked(items, size)
    known = store.known_article_ids()
    stored: set[str] = set()  # coded in this run: a repeat two workers both coded is kept once
    buffer: list[Coded] = []

    def flush() -> None:
        if buffer:
            store.add_batch(buffer)
            buffer.clear()

    progress, task = make_progress(progress_total, show_progress)
    first: float | None = None
    with progress:
        for result in _results(chunks, config, workers, known, day, skips, pipeline):
            _log(result, skips)
            fresh = []
            for article, events in result.coded:
                if article.id not in stored:
                    stored.add(article.id)
                    fresh.append((article, events))
            if first is None:
                first = time.perf_counter()
                report.warm_articles = -len(fresh)
            report.read += result.read
            report.already_stored += result.known + len(result.coded) - len(fresh)
            buffer.extend(fresh)
            report.coded += len(fresh)
            report.events += sum(len(events) for _, events in fresh)
            if len(buffer) >= batch_size:
                flush()
            progress.update(
                task,
                completed=report.read - report.already_stored,
                total=None if progress_total is None else max(progress_total - report.already_stored, 0),
                events=report.events,
            )
        flush()
    ended = time.perf_counter()
    report.skipped = len(skips)
    report.seconds = ended - started
    report.warm_seconds = ended - first if first is not None else 0.0
    report.warm_articles += report.coded
    return report


def _log(result: ChunkResult, skips: SkipLog) -> None:
    """What a worker met while cleaning and coding one chunk, into the parent's log."""
    for item in result.skipped:
        skips.add(item.input, item.reason, item.line, item.stage)
    for source, message in result.notes:
        skips.note(source, message)
    for source, reason in result.failed:
        skips.add(source, reason, stage="coding")


def _results(
    chunks: Iterable[list[Item]],
    config: PipelineConfig,
    workers: int,
    known: set[str],
    day: Date | None,
    skips: SkipLog,
    pipeline: Pipeline | None = None,
) -> Iterator[ChunkResult]:
    if workers <= 1:
        pipeline = pipeline or config.load()
        seen: set[str] = set()
        for chunk in chunks:
            yield work_chunk(pipeline, chunk, day, known, seen, skips)
        return
    with WorkerPool(config, workers, day=day, known=KnownIds(known)) as pool:
        yield from pool.run(chunks)


def run_ingest(
    inputs: list[str],
    db: str,
    *,
    date: Date | None = None,
    config: PipelineConfig | None = None,
    workers: int | None = None,
    batch_size: int = 200,
    skips: SkipLog | None = None,
    show_progress: bool | None = None,
    date_order: str | None = None,
) -> IngestReport:
    """Read ``inputs``, code every article not yet in ``db`` and store it; the local engine."""
    from eventwire.store import open_store

    skips = skips if skips is not None else SkipLog()
    config = config or PipelineConfig()
    store = open_store(db)
    try:
        articles = corpus_articles(inputs, date=date, skips=skips, date_order=date_order)
        return run_local(
            articles,
            store,
            config,
            skips=skips,
            workers=workers or default_workers(),
            batch_size=batch_size,
            progress_total=estimate_total(inputs),
            show_progress=show_progress,
        )
    finally:
        store.close()
