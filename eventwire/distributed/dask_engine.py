"""Dask engine: code corpus partitions on a cluster, one Parquet file per partition.

Each worker loads the pipeline once, through ``PipelinePlugin`` (a Dask worker
plugin that holds it for the worker's lifetime). A task codes one partition and
writes its file atomically, so when a worker dies and Dask retries its tasks
elsewhere, the retried partition replaces a file rather than adding a second
one. Partitions whose file already exists are not recomputed (resume), and
articles already in the store (``known``, sent once to every worker) are
cleaned but not coded again, as in the local engine.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from distributed.diagnostics.plugin import WorkerPlugin

from eventwire.distributed.config import PipelineConfig
from eventwire.distributed.partitions import PartitionSpec, plan_partitions, read_partition, write_partition
from eventwire.distributed.workers import KnownIds, code_chunk
from eventwire.errors import SkipLog, Skipped

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

PLUGIN_NAME = "eventwire-pipeline"


class PipelinePlugin(WorkerPlugin):
    """A Dask worker plugin holding this worker's pipeline, loaded on first use."""

    name = PLUGIN_NAME

    def __init__(self, config: PipelineConfig) -> None:
        self.config = config
        self._pipeline: Pipeline | None = None

    def setup(self, worker: Any) -> None:
        self._pipeline = None

    def teardown(self, worker: Any) -> None:
        self._pipeline = None

    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = self.config.load()
        return self._pipeline


@dataclass(slots=True)
class PartitionOutcome:
    """What one partition task did (returned to the client)."""

    name: str
    articles: int = 0
    events: int = 0
    already_stored: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    reused: bool = False


def code_partition(
    spec: PartitionSpec, out_dir: str, day: Date | None, chunk_size: int = 16, known: KnownIds | None = None
) -> PartitionOutcome:
    """Dask task: read, code and write one partition with this worker's pipeline.

    Articles in ``known`` (and repeats within the partition) are not coded and not written.
    """
    from distributed import get_worker

    target = Path(out_dir) / spec.name
    outcome = PartitionOutcome(spec.name)
    if target.exists():
        outcome.reused = True
        return outcome
    plugin = get_worker().plugins[PLUGIN_NAME]
    pipeline = plugin.pipeline()
    skips = SkipLog(stream=None)
    coded = []
    chunk = []
    seen: set[str] = set()
    for article in read_partition(spec, date=day, skips=skips):
        if article.id in seen or (known is not None and article.id in known):
            outcome.already_stored += 1
            continue
        seen.add(article.id)
        chunk.append(article)
        if len(chunk) >= chunk_size:
            coded.extend(_code(pipeline, chunk, skips))
            chunk = []
    if chunk:
        coded.extend(_code(pipeline, chunk, skips))
    write_partition(coded, target)
    outcome.articles = len(coded)
    outcome.events = sum(len(events) for _, events in coded)
    outcome.skipped = list(skips.skipped)
    return outcome


def _code(pipeline: Pipeline, chunk: list, skips: SkipLog) -> list:
    result = code_chunk(pipeline, chunk)
    for source, reason in result.failed:
        skips.add(source, reason, stage="coding")
    return result.coded


@dataclass(slots=True)
class DaskReport:
    partitions: int = 0
    reused: int = 0
    articles: int = 0
    events: int = 0
    already_stored: int = 0
    seconds: float = 0.0


def run_dask(
    inputs: list[str],
    out_dir: Path,
    *,
    config: PipelineConfig | None = None,
    date: Date | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int = 500,
    skips: SkipLog | None = None,
    retries: int = 3,
    show_progress: bool | None = None,
    known: Iterable[str] = (),
) -> DaskReport:
    """Code ``inputs`` on a Dask cluster (a local one of ``workers`` processes when no ``scheduler``).

    ``known``: ids of articles already stored; they are not coded again.
    """
    from distributed import Client, LocalCluster, as_completed

    from eventwire.distributed.progress import make_progress

    skips = skips if skips is not None else SkipLog()
    config = config or PipelineConfig()
    started = time.perf_counter()
    specs = plan_partitions(inputs, skips, size=partition_size)
    report = DaskReport(partitions=len(specs))
    out_dir.mkdir(parents=True, exist_ok=True)
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
    client = Client(cluster if cluster is not None else scheduler)
    try:
        client.register_plugin(PipelinePlugin(config), name=PLUGIN_NAME)
        known_ids = KnownIds(known)
        # Sent once to every worker rather than once per task.
        shared = client.scatter(known_ids, broadcast=True) if len(known_ids) else None
        futures = [
            client.submit(
                code_partition,
                spec,
                str(out_dir),
                date,
                known=shared,
                key=f"eventwire-{spec.name}",
                retries=retries,
            )
            for spec in specs
        ]
        progress, task = make_progress(len(specs), show_progress, unit="partitions")
        with progress:
            for future in as_completed(futures):
                outcome: PartitionOutcome = future.result()
                report.reused += outcome.reused
                report.articles += outcome.articles
                report.events += outcome.events
                report.already_stored += outcome.already_stored
                for item in outcome.skipped:
                    skips.add(item.input, item.reason, item.line, item.stage)
                progress.update(task, advance=1, events=report.events)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    report.seconds = time.perf_counter() - started
    return report
