"""Worker processes for local batch runs: each loads the pipeline once, then codes chunks of articles.

The parent feeds chunks of ``Article`` through a bounded queue and reads back
``(article, events)`` pairs. A worker that fails on one article reports it as
a skip and carries on; a worker whose parent died (e.g. SIGKILL) exits by
itself instead of lingering.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eventwire.distributed.config import PipelineConfig
from eventwire.models import Article, Event

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

Coded = tuple[Article, list[Event]]
POLL_SECONDS = 0.5


@dataclass(slots=True)
class ChunkResult:
    """What a worker sends back for one chunk."""

    coded: list[Coded] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (article source, reason)


class WorkerDied(RuntimeError):
    """A worker process ended without finishing its work."""


def code_chunk(pipeline: Pipeline, chunk: list[Article]) -> ChunkResult:
    """Code a chunk; when the batch fails, code article by article so one bad article costs only itself."""
    result = ChunkResult()
    try:
        result.coded = list(pipeline.code_articles(chunk))
        return result
    except Exception:  # isolate the failing article below
        pass
    for article in chunk:
        try:
            result.coded.append((article, pipeline.code_article(article)))
        except Exception as exc:
            reason = f"coding failed: {type(exc).__name__}: {exc}"
            result.failed.append((article.source or article.id, reason))
    return result


def _worker_main(config: PipelineConfig, tasks: Any, results: Any, parent: int) -> None:
    """Entry point of a worker process: load once, then code chunks until the ``None`` sentinel."""
    pipeline = config.load()
    results.put(("ready", os.getpid()))
    while True:
        try:
            chunk = tasks.get(timeout=POLL_SECONDS)
        except queue.Empty:
            if os.getppid() != parent:  # the parent is gone: nobody will read our results
                return
            continue
        if chunk is None:
            results.put(("done", os.getpid()))
            return
        results.put(("chunk", code_chunk(pipeline, chunk)))


class WorkerPool:
    """``workers`` processes coding article chunks; iterate ``run(chunks)`` for their results."""

    def __init__(self, config: PipelineConfig, workers: int, queue_depth: int = 2) -> None:
        self.config = config
        self.workers = max(1, workers)
        self._ctx = mp.get_context("spawn")  # no fork of a parent holding DB connections and threads
        self._tasks = self._ctx.Queue(maxsize=self.workers * queue_depth)
        self._results = self._ctx.Queue()
        self._procs: list[Any] = []

    def __enter__(self) -> WorkerPool:
        for _ in range(self.workers):
            proc = self._ctx.Process(
                target=_worker_main, args=(self.config, self._tasks, self._results, os.getpid()), daemon=True
            )
            proc.start()
            self._procs.append(proc)
        return self

    def __exit__(self, *exc: object) -> None:
        for proc in self._procs:
            if proc.is_alive():
                proc.terminate()
        for proc in self._procs:
            proc.join(timeout=5)
        # Chunks still buffered for dead workers must not hold this process at exit.
        self._tasks.cancel_join_thread()
        self._tasks.close()

    def run(
        self, chunks: Iterable[list[Article]], on_error: Callable[[BaseException], None] | None = None
    ) -> Iterator[ChunkResult]:
        """Feed ``chunks`` from a thread and yield each worker result as it arrives."""
        feed_error: list[BaseException] = []
        stop = threading.Event()

        def feed() -> None:
            try:
                for chunk in chunks:
                    while not stop.is_set():
                        try:
                            self._tasks.put(chunk, timeout=POLL_SECONDS)
                            break
                        except queue.Full:
                            continue
                    if stop.is_set():
                        return
            except BaseException as exc:  # re-raised in the consuming thread
                feed_error.append(exc)
            finally:
                for _ in self._procs:
                    self._tasks.put(None)

        feeder = threading.Thread(target=feed, name="eventwire-feeder", daemon=True)
        feeder.start()
        done = 0
        try:
            while done < len(self._procs):
                try:
                    kind, payload = self._results.get(timeout=POLL_SECONDS)
                except queue.Empty:
                    self._check_alive(done)
                    continue
                if kind == "chunk":
                    yield payload
                elif kind == "done":
                    done += 1
        finally:
            stop.set()
        feeder.join()
        if feed_error:
            raise feed_error[0]

    def _check_alive(self, done: int) -> None:
        dead = [p for p in self._procs if p.exitcode not in (None, 0)]
        if dead:
            codes = ", ".join(f"pid {p.pid} exit {p.exitcode}" for p in dead)
            raise WorkerDied(f"a worker process died ({codes}); committed batches are kept, re-run to resume")
