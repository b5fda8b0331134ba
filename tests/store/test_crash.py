"""A writer killed with SIGKILL mid-run leaves whole batches only: nothing half-stored."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from eventwire.store import open_store

PROJECT = Path(__file__).resolve().parents[2]
WRITER = """
import sys
from eventwire.store import open_store
from tests.store.conftest import article, event

with open_store(sys.argv[1]) as st:
    for i in range(100000):
        batch = []
        for j in range(20):
            n = i * 20 + j
            a = article(f"Report {n}: the army shelled the town.", url=f"https://w.example/{n}",
                        publisher=f"Outlet {n % 7}", published=f"2022-03-{1 + n % 28:02d}")
            batch.append((a, [event(a, "ASSAULT", ["RUSMIL"], ["UKR"], trigger="shelled"),
                              event(a, "ACCUSE", ["UKRGOV"], ["RUS"], trigger="Report")]))
        st.add_batch(batch)
        print(i, flush=True)
"""


def test_sigkill_mid_run_leaves_whole_batches(tmp_path):
    db = str(tmp_path / "events.duckdb")
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, db], cwd=PROJECT, stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while int(proc.stdout.readline() or -1) < 3 and time.monotonic() < deadline:
        pass
    time.sleep(0.05)  # most likely inside the next batch now
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with open_store(db) as st:
        articles = st.count_articles()
        assert articles >= 80 and articles % 20 == 0
        assert st.count_events() == 2 * articles
        linked = st.linked_events(limit=10_000)
        assert sum(le.mentions for le in linked) == 2 * articles
        # and the store keeps working
        assert st.link() == len(st.linked_events(limit=10_000))
