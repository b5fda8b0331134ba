"""Crash safety: SIGKILL a real ``eventwire ingest`` mid-run, run it again — nothing lost, nothing doubled."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.store import open_store
from tests.distributed.conftest import PROJECT, write_corpus
from tests.distributed.fakes import article_text, expected_events

N = 40


def _ingest(corpus: Path, db: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "eventwire", "ingest", str(corpus), "--db", str(db), "--workers", "2",
               "--batch-size", "4", "--pipeline", "tests.distributed.fakes:make",
               "--no-progress"]  # fmt: skip
    return subprocess.Popen(command, cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)  # fmt: skip


@pytest.mark.slow
def test_sigkill_mid_batch_then_rerun_loses_and_doubles_nothing(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", N)
    db = tmp_path / "events.duckdb"
    log = tmp_path / "coded"
    log.mkdir()
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "EVENTWIRE_FAKE_LOG": str(log),
           "EVENTWIRE_FAKE_DELAY": "0.1"}  # fmt: skip
    proc = _ingest(corpus, db, env)
    try:
        deadline = time.monotonic() + 60
        while len(list(log.iterdir())) < 14 and time.monotonic() < deadline:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            time.sleep(0.02)
        time.sleep(0.3)  # let the parent commit what it has received: a few batches, one in flight
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        _kill_group(proc)
    with open_store(str(db)) as store:
        partial = len(store.known_article_ids())
    assert 0 < partial < N, "the kill must land mid-run"

    env.pop("EVENTWIRE_FAKE_DELAY")
    again = _ingest(corpus, db, env)
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err.decode()
    assert f"{partial} already in the store" in err.decode()
    with open_store(str(db)) as store:
        assert len(store.known_article_ids()) == N
        assert store.count_articles(all_versions=True) == N
        events = store.events(limit=1000)
        assert len(events) == len({e.event.id for e in events})
        assert len(events) == sum(expected_events(article_text(i)) for i in range(N))


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Make sure no worker of the killed run outlives the test (they exit by themselves soon anyway)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)


@pytest.mark.slow
def test_a_dead_worker_stops_the_run_cleanly_and_a_rerun_resumes(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 12)
    with corpus.open("a", encoding="utf-8") as fh:
        fh.write('{"id": "v", "title": "Gone", "text": "' + article_text(50) + ' It will vanish."}\n')
    db = tmp_path / "events.duckdb"
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "EVENTWIRE_FAKE_DIE": "1"}
    proc = _ingest(corpus, db, env)
    _, err = proc.communicate(timeout=120)  # must not hang on the dead worker's queue
    assert proc.returncode == 2 and "worker process died" in err.decode()
    env.pop("EVENTWIRE_FAKE_DIE")
    again = _ingest(corpus, db, env)
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err.decode()
    with open_store(str(db)) as store:
        assert len(store.known_article_ids()) == 13


def _running(pid: int) -> bool:
    """The process exists and is not a zombie (an orphan's exit status may be left unread)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")
def test_workers_exit_by_themselves_when_the_parent_is_killed(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", N)
    log = tmp_path / "coded"
    log.mkdir()
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "EVENTWIRE_FAKE_LOG": str(log),
           "EVENTWIRE_FAKE_LOG_PID": "1", "EVENTWIRE_FAKE_DELAY": "0.1"}  # fmt: skip
    proc = _ingest(corpus, tmp_path / "events.duckdb", env)
    try:
        deadline = time.monotonic() + 60
        pids: set[int] = set()
        while len(pids) < 2 and time.monotonic() < deadline:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            pids = {int(p.name.split("-", 1)[0]) for p in log.iterdir()}
            time.sleep(0.02)
        assert len(pids) == 2, "both workers must be coding"
        os.kill(proc.pid, signal.SIGKILL)  # the parent only: its workers are left to notice
        proc.wait(timeout=10)
        deadline = time.monotonic() + 15
        while any(_running(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in pids if _running(pid)]
    finally:
        _kill_group(proc)
