"""A real ``eventwire follow`` process, killed: SIGKILL loses nothing stored and doubles nothing on
restart; SIGTERM finishes the article in hand and stops."""

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
from tests.distributed.conftest import PROJECT

N = 12


def _follow(url: str, db: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "eventwire", "follow", url, "--db", str(db), "--once", "--delay", "0",
               "--threads", "2", "--timeout", "2", "--backoff", "0.01", "--no-progress",
               "--pipeline", "tests.distributed.fakes:make"]  # fmt: skip
    return subprocess.Popen(command, cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)  # fmt: skip


def _serve_feed(site) -> str:
    for n in range(N):
        site.article(f"/news/{n}.html", n)
    site.feed("/feed.xml", [f"/news/{n}.html" for n in range(N)])
    return site.url("/feed.xml")


def _wait_for(log: Path, count: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while len(list(log.iterdir())) < count and time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        time.sleep(0.02)


def _stored(db: Path) -> tuple[int, int, int]:
    with open_store(str(db)) as store:
        articles = store.count_articles(all_versions=True)
        urls = store.conn.scalar("SELECT COUNT(DISTINCT url) FROM articles")
        rows = store.conn.scalar("SELECT COUNT(*) FROM follow_urls WHERE status = 'stored'")
    return articles, urls, rows


@pytest.mark.slow
def test_sigkill_then_restart_loses_nothing_and_duplicates_nothing(site, tmp_path):
    url = _serve_feed(site)
    db, log = tmp_path / "f.duckdb", tmp_path / "coded"
    log.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT),
        "EVENTWIRE_FAKE_LOG": str(log),
        "EVENTWIRE_FAKE_DELAY": "0.15",
    }
    proc = _follow(url, db, env)
    try:
        _wait_for(log, 4, proc)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    articles, urls, rows = _stored(db)
    assert 0 < articles < N and articles == urls == rows, "the kill must land mid-run, each page whole"
    env.pop("EVENTWIRE_FAKE_DELAY")
    again = _follow(url, db, env)
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err.decode()
    assert _stored(db) == (N, N, N)
    assert f"last poll stored {N - articles} new articles" in err.decode()


@pytest.mark.slow
def test_sigterm_finishes_the_article_in_hand_and_stops(site, tmp_path):
    url = _serve_feed(site)
    db, log = tmp_path / "f.duckdb", tmp_path / "coded"
    log.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT),
        "EVENTWIRE_FAKE_LOG": str(log),
        "EVENTWIRE_FAKE_DELAY": "0.3",
    }
    proc = _follow(url, db, env)
    try:
        _wait_for(log, 2, proc)
        time.sleep(0.1)  # the next article is being coded now
        os.kill(proc.pid, signal.SIGTERM)
        _, err = proc.communicate(timeout=20)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 0, err.decode()
    assert "stopped after 1 poll(s)" in err.decode()
    coded = len(list(log.iterdir()))
    articles, _, rows = _stored(db)
    assert articles == rows == coded and 2 <= coded < N  # each article coded (in hand) was stored
