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

Nothing is handed to a queue unpickled. A ``multiprocessing`` queue pickles in a
background thread, and an object that does not pickle is printed as a
traceback there and dropped: its articles would vanish without a skip. So
both sides pickle first and hand the queue bytes (which it passes on as they
are): the parent pickles each chunk (on failure, item by item, and reports
each item that does not pickle as a skip naming its input and line); a worker
pickles each result (on failure, pair by pair, and reports each article that
does not pickle as failed). Each chunk travels with the names of its items,
so a chunk or result that does not unpickle is reported article by article.
The cost is small: the queue would pickle the same objects anyway, and
pickling bytes again is a copy (measured on the two seed articles, twice
each: a chunk of 4 JSONL records, 11 kB, packs in 19 µs; the result of 4
coded articles with 68 events, 62 kB, pickles in 0.7 ms, against 210 ms to
code them; the queue's own pickling of the bytes adds about 1 µs).

The feeder thread never blocks for good: every put to the bounded task queue
waits in slices and gives up once the run is stopped (a worker died, the
consumer stopped early), and ``run`` joins it on every way out (for a few
seconds: a feeder waiting inside a read, e.g. of stdin, ends after that read).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import queue
import re
import threading
from array import array
from bisect import bisect_left
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date as Date
from multiprocessing.context import BaseContext
from typing import TYPE_CHECKING, Any, TextIO

from eventwire.distributed.config import PipelineConfig
from eventwire.errors import SkipLog, Skipped
from eventwire.ingest.language import is_codable
from eventwire.ingest.pending import Pending
from eventwire.models import Article, Event

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

Coded = tuple[Article, list[Event]]
Item = Article | Pending
Name = tuple[str, int | None]  # (input, line) of an item, to report it without unpickling it
POLL_SECONDS = 0.5
FEEDER_JOIN_SECONDS = 5.0  # a feeder still inside a slow read (e.g. stdin) is left to end by itself
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
    # an article in another language is stored with its text, uncoded (said once, when it was cleaned)
    uncoded: list[Coded] = [(a, []) for a in chunk if not is_codable(a.language)]
    chunk = [a for a in chunk if is_codable(a.language)]
    try:
        result.coded = [*pipeline.code_articles(chunk), *uncoded]
        return result
    except Exception:  # isolate the failing article below
        pass
    for article in chunk:
        try:
            result.coded.append((article, pipeline.code_article(article)))
        except Exception as exc:
            reason = f"coding failed: {type(exc).__name__}: {exc}"
            result.failed.append((article.source or article.id, reason))
    result.coded += uncoded
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
        names, data = chunk
        results.put(("chunk", (names, _worked(pipeline, names, data, day, known, seen))))


def _worked(
    pipeline: Pipeline,
    names: list[Name],
    data: bytes,
    day: Date | None,
    known: Container[str],
    seen: set[str],
) -> bytes:
    """The pickled result of one pickled chunk; whatever cannot cross back is reported, never dropped."""
    try:
        items = pickle.loads(data)
    except Exception as exc:
        reason = f"cannot be read in the worker process: {type(exc).__name__}: {exc}"
        return pickle.dumps(ChunkResult(skipped=[Skipped(n, reason, line, "coding") for n, line in names]))
    log = CollectingLog()
    result = work_chunk(pipeline, items, day, known, seen, log)
    result.skipped, result.notes = log.skipped, log.notes
    try:
        return pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
    except Exception:  # find the pairs that do not pickle, below
        pass
    coded = []
    for article, events in result.coded:
        try:
            pickle.dumps((article, events), pickle.HIGHEST_PROTOCOL)
            coded.append((article, events))
        except Exception as exc:
            reason = f"result cannot be sent back from the worker process: {type(exc).__name__}: {exc}"
            result.failed.append((str(article.source or article.id), reason))
    result.coded = coded
    try:
        return pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # e.g. an odd skip or note: every article of the chunk is reported
        reason = f"result cannot be sent back from the worker process: {type(exc).__name__}: {exc}"
        return pickle.dumps(ChunkResult(skipped=[Skipped(n, reason, line, "coding") for n, line in names]))


def _name(item: Item) -> Name:
    if isinstance(item, Pending):
        return str(item.source), item.line
    return str(item.source or item.id), None


def pack_chunk(chunk: list[Item]) -> tuple[tuple[list[Name], bytes] | None, list[Skipped]]:
    """The chunk as (names, pickled items) for a worker, and a skip for each item that does not pickle."""
    try:
        return ([_name(item) for item in chunk], pickle.dumps(chunk, pickle.HIGHEST_PROTOCOL)), []
    except Exception:  # find the items that do not pickle, below
        pass
    kept: list[Item] = []
    skipped: list[Skipped] = []
    for item in chunk:
        try:
            pickle.dumps(item, pickle.HIGHEST_PROTOCOL)
            kept.append(item)
        except Exception as exc:
            source, line = _name(item)
            reason = f"cannot be sent to a worker process: {type(exc).__name__}: {exc}"
            skipped.append(Skipped(source, reason, line))
    if not kept:
        return None, skipped
    return ([_name(item) for item in kept], pickle.dumps(kept, pickle.HIGHEST_PROTOCOL)), skipped


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

    def run(self, chunks: Iterable[list[Item]]) -> Iterator[ChunkResult]:
        """Feed ``chunks`` from a thread and yield each worker result as it arrives.

        Items that cannot be sent to a worker come back as skips in a result of their own.
        """
        feed_error: list[BaseException] = []
        local: queue.SimpleQueue[ChunkResult] = queue.SimpleQueue()  # the feeder's own skips
        stop = threading.Event()

        def put(message: object) -> bool:
            """Put ``message`` on the task queue unless the run stops first; whether it was put."""
            while not stop.is_set():
                try:
                    self._tasks.put(message, timeout=POLL_SECONDS)
                    return True
                except queue.Full:
                    continue
            return False

        def feed() -> None:
            try:
                for chunk in chunks:
                    packed, skipped = pack_chunk(chunk)
                    if skipped:
                        local.put(ChunkResult(skipped=skipped))
                    if packed is not None and not put(packed):
                        return
            except BaseException as exc:  # re-raised in the consuming thread
                feed_error.append(exc)
            finally:
                for _ in self._procs:
                    if not put(None):
                        break

        feeder = threading.Thread(target=feed, name="eventwire-feeder", daemon=True)
        feeder.start()
        done = 0
        try:
            while done < len(self._procs):
                yield from _drain(local)
                try:
                    kind, payload = self._results.get(timeout=POLL_SECONDS)
                except queue.Empty:
                    self._check_alive(done)
                    continue
                if kind == "chunk":
                    yield _unpack_result(*payload)
                elif kind == "done":
                    done += 1
        finally:
            stop.set()
            feeder.join(timeout=FEEDER_JOIN_SECONDS)
        yield from _drain(local)
        if feed_error:
            raise feed_error[0]

    def _check_alive(self, done: int) -> None:
        dead = [p for p in self._procs if p.exitcode not in (None, 0)]
        if dead:
            codes = ", ".join(f"pid {p.pid} exit {p.exitcode}" for p in dead)
            raise WorkerDied(f"a worker process died ({codes}); committed batches are kept, re-run to resume")


def _drain(local: queue.SimpleQueue[ChunkResult]) -> Iterator[ChunkResult]:
    while True:
        try:
            yield local.get_nowait()
        except queue.Empty:
            return


def _unpack_result(names: list[Name], data: bytes) -> ChunkResult:
    """A worker's pickled result; one that does not unpickle is reported article by article."""
    try:
        result: ChunkResult = pickle.loads(data)
        return result
    except Exception as exc:
        reason = f"result cannot be read from the worker process: {type(exc).__name__}: {exc}"
        return ChunkResult(skipped=[Skipped(name, reason, line, "coding") for name, line in names])
