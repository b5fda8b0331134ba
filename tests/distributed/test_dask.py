"""The Dask engine on a real LocalCluster of 2 worker processes (fake pipeline: no model to load)."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventwire.distributed.dask_engine import run_dask
from eventwire.distributed.load import load_partitions
from eventwire.distributed.partitions import partition_files
from eventwire.errors import SkipLog
from eventwire.store import open_store
from tests.distributed.conftest import FAKE, write_corpus
from tests.distributed.fakes import article_text, expected_events

pytestmark = pytest.mark.slow


def _kill_one_worker_when(log: Path, count: int, killed: list[int]) -> None:
    """SIGKILL one Dask worker process once ``count`` articles are coded (mid-partition)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done = list(log.iterdir())
        if len(done) >= count:
            pids = {int(p.name.split("-", 1)[0]) for p in done}  # written by the fake: "<pid>-<article id>"
            victim = min(pids)
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)
            return
        time.sleep(0.02)


def test_killed_worker_partitions_are_retried_and_nothing_doubles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_env: None
) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 36)
    log = tmp_path / "coded"
    log.mkdir()
    monkeypatch.setenv("EVENTWIRE_FAKE_DELAY", "0.08")
    monkeypatch.setenv("EVENTWIRE_FAKE_LOG", str(log))
    monkeypatch.setenv("EVENTWIRE_FAKE_LOG_PID", "1")
    killed: list[int] = []
    killer = threading.Thread(target=_kill_one_worker_when, args=(log, 5, killed), daemon=True)
    killer.start()
    out = tmp_path / "parts"
    skips = SkipLog(stream=None)
    report = run_dask([str(corpus)], out, config=FAKE, workers=2, partition_size=6, skips=skips,
                      show_progress=False)  # fmt: skip
    killer.join(timeout=5)
    assert killed, "a worker must have been killed during the run"
    assert report.partitions == 6 and len(skips) == 0
    assert len(partition_files(out)) == 6
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    with open_store(str(tmp_path / "db.duckdb")) as store:
        first = load_partitions(out, store)
        second = load_partitions(out, store)  # loading twice adds nothing
        assert (first.articles_added, second.articles_added, second.articles_known) == (36, 0, 36)
        assert len(store.known_article_ids()) == 36
        events = store.events(limit=1000)
        assert len(events) == sum(expected_events(article_text(i)) for i in range(36))
        assert len({e.event.id for e in events}) == len(events)


def test_parquet_corpus_and_resume_reuses_finished_partitions(tmp_path: Path, fake_env: None) -> None:
    rows = [{"id": str(i), "title": f"Report {i}", "text": article_text(i), "published": "2021-03-04"}
            for i in range(10)]  # fmt: skip
    rows[4]["text"] = ""
    corpus = tmp_path / "corpus.parquet"
    pq.write_table(pa.Table.from_pylist(rows), corpus)
    out = tmp_path / "parts"
    skips = SkipLog(stream=None)
    report = run_dask([str(corpus)], out, config=FAKE, workers=2, partition_size=4, skips=skips,
                      show_progress=False)  # fmt: skip
    assert (report.partitions, report.articles) == (3, 9)
    assert [(s.line, "neither" in s.reason) for s in skips.skipped] == [(5, True)]
    again = run_dask([str(corpus)], out, config=FAKE, workers=1, partition_size=4, show_progress=False,
                     skips=SkipLog(stream=None))  # fmt: skip
    assert (again.reused, again.articles) == (3, 0)


def test_articles_already_in_the_store_are_not_coded_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_env: None
) -> None:
    from eventwire.distributed.runner import corpus_articles, run_ingest

    db = str(tmp_path / "db.duckdb")
    first = write_corpus(tmp_path / "first.jsonl", 5)
    run_ingest([str(first)], db, config=FAKE, workers=1, show_progress=False)
    with open_store(db) as store:
        known = store.known_article_ids()
    log = tmp_path / "coded"
    log.mkdir()
    monkeypatch.setenv("EVENTWIRE_FAKE_LOG", str(log))
    corpus = write_corpus(tmp_path / "corpus.jsonl", 12)  # the same 5 records, then 7 new ones
    out = tmp_path / "parts"
    report = run_dask([str(corpus)], out, config=FAKE, workers=2, partition_size=4, known=known,
                      skips=SkipLog(stream=None), show_progress=False)  # fmt: skip
    assert (report.articles, report.already_stored) == (7, 5)
    ids = {a.id for a in corpus_articles([str(corpus)], date=None, skips=SkipLog(stream=None))}
    assert sorted(p.name for p in log.iterdir()) == sorted(ids - known)
    with open_store(db) as store:
        loaded = load_partitions(out, store)
        assert (loaded.articles_added, loaded.articles_known) == (7, 0)
        assert len(store.known_article_ids()) == 12
