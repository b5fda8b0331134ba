"""Cleaning in workers: skips reach the parent's log, stored articles are not recoded, repeats stored once."""

from __future__ import annotations

import io
import itertools
import json
import pickle
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.distributed.runner import corpus_articles, run_ingest
from eventwire.distributed.workers import (
    CollectingLog,
    KnownIds,
    WorkerDied,
    WorkerPool,
    _unpack_result,
    _worked,
    pack_chunk,
    work_chunk,
)
from eventwire.errors import SkipLog
from eventwire.ingest import Pending, read_pending
from eventwire.models import Article
from eventwire.store import open_store
from tests.distributed.conftest import FAKE, write_corpus
from tests.distributed.fakes import FakePipeline, article_text, expected_events

FRENCH = (
    "Le ministre des affaires étrangères a rencontré lundi l'ambassadeur dans la capitale, et les deux "
    "gouvernements ont annoncé que les discussions sur le commerce reprendraient le mois prochain."
)
FURNITURE = "Home\nNews\nSport\nSubscribe to our newsletter\nCookie policy\n"


def _write(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def _record(i: int, **extra: str) -> dict[str, str]:
    return {"id": str(i), "title": f"Report {i}", "text": article_text(i), "published": "2021-03-04", **extra}


def test_known_ids_hold_exactly_their_ids_and_pickle_small() -> None:
    ids = [Article.make_id(article_text(i)) for i in range(200)]
    known = KnownIds([*ids, "a1", "custom-id"])
    again = pickle.loads(pickle.dumps(known))
    assert all(i in again for i in [*ids, "a1", "custom-id"]) and len(again) == 202
    near = ids[0][:-1] + ("0" if ids[0][-1] != "0" else "1")
    outside = [Article.make_id(article_text(i)) for i in range(200, 400)]
    assert not any(i in again for i in [near, "a2", ids[0].upper(), *outside])
    assert len(pickle.dumps(known)) < 200 * 9 + 200  # 8 bytes an id (a set of str pickles at ~20)


def test_work_chunk_cleans_skips_known_and_repeated_articles(tmp_path: Path) -> None:
    corpus = _write(tmp_path / "c.jsonl", [_record(0), _record(1), {"id": "fr", "text": FRENCH}, _record(2),
                                           _record(1), {"id": "x", "text": article_text(3)}])  # fmt: skip
    items = list(read_pending([str(corpus)], skips=SkipLog(stream=None)))
    stored = items[1].resolve(None, SkipLog(stream=None))
    assert stored is not None
    log = CollectingLog()
    result = work_chunk(FakePipeline(), items, None, {stored.id}, set(), log)
    assert [a.source.split(" ")[-1] for a, _ in result.coded] == ["id=0", "id=2", "id=x", "id=fr"]
    assert result.coded[-1][1] == []  # French: stored uncoded (the fake coder is never asked)
    assert (result.read, result.known) == (6, 2)  # record 1 is stored, and comes twice
    assert log.skipped == []
    assert [(n[0].split(" ")[-1], n[1].split(":")[0]) for n in log.notes] == [
        ("id=fr", "language fr"),
        ("id=fr", "no publication date (give --date or a NAME.meta.json)"),
        ("id=x", "no publication date (give --date or a NAME.meta.json)"),
    ]


@pytest.mark.parametrize("workers", [1, 2])
def test_skips_and_notes_met_in_workers_reach_the_parent_log(
    tmp_path: Path, fake_env: None, workers: int
) -> None:
    records = [_record(0), {"id": "fr", "text": FRENCH}, {"id": "nav", "text": FURNITURE},
               {"id": "html", "html": "<html><body><p>Home</p></body></html>"}, _record(1),
               {"id": "u1", "text": article_text(5)}, {"id": "u2", "text": article_text(6)}]  # fmt: skip
    corpus = _write(tmp_path / "c.jsonl", records)
    with corpus.open("a", encoding="utf-8") as fh:
        fh.write("{broken\n")
    stream = io.StringIO()
    skips = SkipLog(stream=stream)
    db = str(tmp_path / "db.duckdb")
    report = run_ingest([str(corpus)], db, config=FAKE, workers=workers, batch_size=2, skips=skips,
                        show_progress=False)  # fmt: skip
    assert (report.coded, report.read, report.skipped) == (5, 5, 3)  # French is stored uncoded
    got = sorted((Path(s.input).name, s.line or 0, s.stage, s.reason.split(":")[0]) for s in skips.skipped)
    assert got == [
        ("c.jsonl", 3, "ingest", "no article text left after removing boilerplate"),
        ("c.jsonl", 4, "ingest", "field 'html'"),
        ("c.jsonl", 8, "ingest", "malformed JSON line"),
    ]
    assert {s.input for s in skips.skipped} == {str(corpus)}  # one name for the input, whoever skipped
    notes = [line for line in stream.getvalue().splitlines() if line.startswith("note ")]
    assert sorted(n.split(" ")[2] for n in notes) == ["id=fr:", "id=fr:", "id=u1:", "id=u2:"]
    assert sum(line.startswith("skipped ") for line in stream.getvalue().splitlines()) == 3


@pytest.mark.parametrize("workers", [1, 2])
def test_stored_articles_are_not_coded_again(
    tmp_path: Path, fake_env: None, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    db = str(tmp_path / "db.duckdb")
    first = write_corpus(tmp_path / "first.jsonl", 6)
    run_ingest([str(first)], db, config=FAKE, workers=workers, batch_size=3, show_progress=False)
    log = tmp_path / "coded"
    log.mkdir()
    monkeypatch.setenv("EVENTWIRE_FAKE_LOG", str(log))
    monkeypatch.setenv("EVENTWIRE_FAKE_LOG_PID", "1")
    more = write_corpus(tmp_path / "more.jsonl", 10)  # the same 6 records, then 4 new ones
    report = run_ingest([str(more)], db, config=FAKE, workers=workers, batch_size=3, show_progress=False)
    assert (report.coded, report.already_stored, report.read) == (4, 6, 10)
    new_ids = {a.id for a in corpus_articles([str(more)], date=None, skips=SkipLog(stream=None))} - {
        a.id for a in corpus_articles([str(first)], date=None, skips=SkipLog(stream=None))
    }
    assert sorted(p.name.split("-", 1)[1] for p in log.iterdir()) == sorted(new_ids)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_repeated_in_a_run_is_stored_and_counted_once(
    tmp_path: Path, fake_env: None, workers: int
) -> None:
    records = [_record(i % 3) | {"id": f"r{i}"} for i in range(12)]  # 3 articles, each 4 times
    corpus = _write(tmp_path / "c.jsonl", records)
    db = tmp_path / "db.duckdb"
    report = run_ingest(
        [str(corpus)], str(db), config=FAKE, workers=workers, batch_size=2, show_progress=False
    )
    assert (report.read, report.coded, report.already_stored) == (12, 3, 9)
    assert report.events == sum(expected_events(article_text(i)) for i in range(3))
    with open_store(str(db)) as store:
        assert store.count_articles(all_versions=True) == 3
        assert store.count_events() == report.events


def _articles(n: int, *, marker: str = "", at: int = 0) -> list[Article]:
    texts = [article_text(i) + (f" It was {marker}." if marker and i == at else "") for i in range(n)]
    return [Article(id=Article.make_id(t), text=t, source=f"a{i}.txt") for i, t in enumerate(texts)]


def _feeders() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "eventwire-feeder" and t.is_alive()]


def _wait_for_no_feeder(seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while _feeders() and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _feeders()


def test_an_item_that_cannot_be_sent_to_a_worker_is_skipped_by_name(tmp_path: Path, fake_env: None) -> None:
    corpus = _write(tmp_path / "c.jsonl", [_record(0), _record(1), _record(2)])
    items = list(read_pending([str(corpus)], skips=SkipLog(stream=None)))
    bad = items[1]
    items[1] = Pending(bad.source, lambda: bad.clean(), bad.line)  # a lambda does not pickle
    with WorkerPool(FAKE, 1) as pool:
        results = list(pool.run([items]))
    coded = [a.source for r in results for a, _ in r.coded]
    skipped = [s for r in results for s in r.skipped]
    assert [c.split(" ")[-1] for c in coded] == ["id=0", "id=2"]
    assert [(s.input, s.line) for s in skipped] == [(str(corpus), 2)]
    assert skipped[0].reason.startswith("cannot be sent to a worker process: ")


def test_a_result_that_cannot_be_sent_back_fails_its_article_by_name(fake_env: None) -> None:
    chunk = _articles(3, marker="unpicklable", at=1)
    with WorkerPool(FAKE, 1) as pool:
        results = list(pool.run([chunk]))
    assert sorted(a.source for r in results for a, _ in r.coded) == ["a0.txt", "a2.txt"]
    failed = [f for r in results for f in r.failed]
    assert [source for source, _ in failed] == ["a1.txt"]
    assert failed[0][1].startswith("result cannot be sent back from the worker process: ")


def test_the_feeder_ends_when_a_worker_dies(fake_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_FAKE_DIE", "1")
    thread_errors = _catch_thread_errors(monkeypatch)
    endless = itertools.repeat(_articles(2, marker="vanish"))
    with WorkerPool(FAKE, 1, queue_depth=1) as pool:  # a long-lived process keeps its pool open
        with pytest.raises(WorkerDied):
            for _ in pool.run(endless):
                pass
        assert _wait_for_no_feeder(), "the feeder thread is left blocked on the full task queue"
    assert thread_errors == []


def test_the_feeder_ends_when_the_consumer_stops_early(
    fake_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENTWIRE_FAKE_DELAY", "0.3")
    thread_errors = _catch_thread_errors(monkeypatch)
    endless = itertools.repeat(_articles(1))
    with WorkerPool(FAKE, 1, queue_depth=1) as pool:
        results = pool.run(endless)
        assert len(next(results).coded) == 1
        started = time.monotonic()
        results.close()
        assert not _feeders() and time.monotonic() - started < 3
    assert thread_errors == []


def test_a_worker_death_is_raised_while_the_feeder_waits_for_input(
    fake_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENTWIRE_FAKE_DIE", "1")
    release = threading.Event()

    def slow_input() -> Iterator[list[Article]]:
        yield _articles(1, marker="vanish")
        release.wait(60)  # as a read of stdin that gets nothing

    started = time.monotonic()
    try:
        with WorkerPool(FAKE, 1) as pool, pytest.raises(WorkerDied):
            for _ in pool.run(slow_input()):
                pass
        assert time.monotonic() - started < 30
    finally:
        release.set()
    assert _wait_for_no_feeder()


def _catch_thread_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    errors: list[str] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: errors.append(repr(args.exc_value)))
    return errors


def test_a_chunk_or_result_that_does_not_unpickle_is_reported_per_article() -> None:
    names = [("c.jsonl", 3), ("c.jsonl", 4)]
    in_parent = _unpack_result(names, b"not a pickle")
    in_worker = pickle.loads(_worked(FakePipeline(), names, b"not a pickle", None, set(), set()))
    for result in (in_parent, in_worker):
        got = [(s.input, s.line, s.stage) for s in result.skipped]
        assert got == [("c.jsonl", 3, "coding"), ("c.jsonl", 4, "coding")]
        assert not result.coded and "UnpicklingError" in result.skipped[0].reason


def test_a_chunk_of_only_unpicklable_items_sends_nothing_and_skips_each() -> None:
    items = [Pending("a.txt", lambda: None), Pending("b.jsonl", lambda: None, 7)]  # type: ignore[arg-type,return-value]
    packed, skipped = pack_chunk(items)
    assert packed is None and [(s.input, s.line) for s in skipped] == [("a.txt", None), ("b.jsonl", 7)]
