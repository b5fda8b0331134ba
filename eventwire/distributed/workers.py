"""Worker processes for local batch runs: each loads the pipeline once, then cleans and codes chunks.

The parent reads the inputs and feeds chunks of ``Pending`` items (read, not
yet cleaned) or ready ``Article``s through a bounded queue. A worker cleans
each pending item (``Pending.resolve``: cleaner or trafilatura, empty text,
language, ``--date``), drops articles already stored, codes the rest, and
sends back a ``ChunkResult``: the coded ``(article, events)`` pairs and the
skips and notes met on the way, which the parent adds to its ``SkipLog``. So
the parent only reads, stores and reports; cleaning runs on every core.

Already stored articles: an article's id is the hash of its *cleaned* text,
so it is known only after cleaning, i.e. in the worker. Each worker receives
the stored ids once, at start (``KnownIds``, 8 bytes an id: 10 million stored
articles cost 80 MB per worker), and skips those articles without coding
them. That is one message per run instead of a round trip to the parent for
every article, and the parent never has to clean. A worker also remembers the
ids it has coded, so an article repeated in the input is coded once per
worker; when two workers both coded a repeat, the parent keeps the first
and counts the second as already stored, so nothing is stored or counted twice.

Start-up: workers are forked from a ``forkserver`` that has imported spaCy,
trafilatura and eventwire once (``PRELOAD``), so each worker only loads the
pipeline; the server is a fresh interpreter, never a fork of the parent with
its DB connection and threads. Workers get the parent's environment as it is
when the pool starts. Where there is no forkserver, workers are spawned.

A worker that fails on one article reports it as a skip and carries on; a
worker whose parent died (e.g. SIGKILL) exits by itself instead of lingering.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import re
import threading
from array import array
from bisect import bisect_left
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date as Date
from multiprocessing.context import BaseContext
from typing import TYPE_CHECKING, Any, TextIO

from eventwire.distributed.config import PipelineConfig
from eventwire.errors import SkipLog, Skipped
from eventwire.ingest.pending import Pending
from eventwire.models import Article, Event

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

Coded = tuple[Article, list[Event]]
Item = Article | Pending
POLL_SECONDS = 0.5
# Imported once in the forkserver; a name that does not import is skipped (by multiprocessing).
PRELOAD = (
    "__main__",  # the parent's main script, so that workers do not each run it again (as by default)
    "eventwire.distributed.workers",
    "eventwire.ingest",
    "eventwire.pipeline",
    "eventwire.coding.coder",
    "eventwire.actors.resolver",
    "eventwire.actors.kb",
    "spacy.lang.en",
    "spacy.pipeline.factories",
    "trafilatura",
    "htmldate",
)
_HASH_ID = re.compile(r"[0-9a-f]{16}")


@dataclass(slots=True)
class ChunkResult:
    """What a worker sends back for one chunk."""

    coded: list[Coded] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (article source, reason)
    skipped: list[Skipped] = field(default_factory=list)  # met while cleaning, for the parent's log
    notes: list[tuple[str, str]] = field(default_factory=list)  # (source, message), for the parent's log
    read: int = 0  # articles left after cleaning
    known: int = 0  # of those, already stored or already coded in this run: not coded again


class WorkerDied(RuntimeError):
    """A worker process ended without finishing its work."""


class KnownIds:
    """A compact, picklable set of article ids: content-hash ids (16 hex digits) as sorted 64-bit ints."""

    def __init__(self, ids: Iterable[str] = ()) -> None:
        numbers: list[int] = []
        others: set[str] = set()
        for article_id in ids:
            if _HASH_ID.fullmatch(article_id):
                numbers.append(int(article_id, 16))
            else:  # ids from elsewhere (e.g. loaded partitions of other tools) are kept as they are
                others.add(article_id)
        self._numbers = array("Q", sorted(numbers))
        self._others = frozenset(others)

    def __contains__(self, article_id: object) -> bool:
        if not isinstance(article_id, str):
            return False
        if not _HASH_ID.fullmatch(article_id):
            return article_id in self._others
        number = int(article_id, 16)
        at = bisect_left(self._numbers, number)
        return at < len(self._numbers) and self._numbers[at] == number

    def __len__(self) -> int:
        return len(self._numbers) + len(self._others)


@dataclass
class CollectingLog(SkipLog):
    """A silent ``SkipLog`` that keeps notes as well, so a worker can hand both to the parent."""

    stream: TextIO | None = None
    notes: list[tuple[str, str]] = field(default_factory=list)

    def note(self, source: str, message: str) -> None:
        self.notes.append((source, message))


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


def work_chunk(
    pipeline: Pipeline,
    items: list[Item],
    day: Date | None,
    known: Container[str],
    seen: set[str],
    skips: SkipLog,
) -> ChunkResult:
    """Clean the pending items (skips to ``skips``), drop articles in ``known`` or ``seen``, code the rest.

    ``seen`` (the ids this worker has taken so far) is updated.
    """
    fresh: list[Article] = []
    read = repeated = 0
    for item in items:
        article = item.resolve(day, skips) if isinstance(item, Pending) else item
        if article is None:
            continue
        read += 1
        if article.id in known or article.id in seen:
            repeated += 1
            continue
        seen.add(article.id)
        fresh.append(article)
    result = code_chunk(pipeline, fresh) if fresh else ChunkResult()
    result.read, result.known = read, repeated
    return result


def worker_context() -> BaseContext:
    """The ``forkserver`` context with ``PRELOAD`` imported in the server where available, else ``spawn``."""
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    context = mp.get_context("forkserver")
    context.set_forkserver_preload(list(PRELOAD))  # takes effect when this process starts its server
    return context


def _worker_main(
    config: PipelineConfig, day: Date | None, known: KnownIds, tasks: Any, results: Any, env: dict[str, str]
) -> None:
    """Entry point of a worker process: load once, then clean and code chunks until the ``None`` sentinel."""
    os.environ.clear()  # a forkserver's children would otherwise see the environment of its start
    os.environ.update(env)
    parent = mp.parent_process()
    pipeline = config.load()
    seen: set[str] = set()
    results.put(("ready", os.getpid()))
    while True:
        try:
            chunk = tasks.get(timeout=POLL_SECONDS)
        except queue.Empty:
            if parent is not None and not parent.is_alive():  # nobody will read our results
                results.cancel_join_thread()  # so unsent results cannot hold this process at exit
                return
            continue
        if chunk is None:
            results.put(("done", os.getpid()))
            return
        log = CollectingLog()
        result = work_chunk(pipeline, chunk, day, known, seen, log)
        result.skipped, result.notes = log.skipped, log.notes
        results.put(("chunk", result))


class WorkerPool:
    """``workers`` processes cleaning and coding chunks; iterate ``run(chunks)`` for their results.

    ``day``: the user's ``--date`` for the pending items; ``known``: ids of the articles already stored.
    """

    def __init__(
        self,
        config: PipelineConfig,
        workers: int,
        *,
        day: Date | None = None,
        known: KnownIds | None = None,
        queue_depth: int = 2,
    ) -> None:
        self.config = config
        self.workers = max(1, workers)
        self.day = day
        self.known = known if known is not None else KnownIds()
        self._ctx = worker_context()  # never a fork of this process (DB connections, threads)
        self._tasks = self._ctx.Queue(maxsize=self.workers * queue_depth)
        self._results = self._ctx.Queue()
        self._procs: list[Any] = []

    def __enter__(self) -> WorkerPool:
        for _ in range(self.workers):
            proc = self._ctx.Process(
                target=_worker_main,
                args=(self.config, self.day, self.known, self._tasks, self._results, dict(os.environ)),
                daemon=True,
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
        self, chunks: Iterable[list[Item]], on_error: Callable[[BaseException], None] | None = None
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
