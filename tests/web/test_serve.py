"""``create_app`` over a database path (read-only without a token); ``eventwire serve`` as a process."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from eventwire.store import StoreError, open_store
from tests.web.conftest import TOKEN
from tests.web.factories import corpus


@pytest.fixture
def filled(db: str) -> str:
    """``db`` (DuckDB path or PostgreSQL URL) holding the test corpus."""
    with open_store(db) as st:
        st.add_batch(corpus())
    return db


def test_app_over_a_path_is_read_only_without_a_token(filled: str) -> None:
    from fastapi.testclient import TestClient

    from eventwire.web import create_app

    with TestClient(create_app(filled)) as c:
        assert c.get("/api/events").json()["total"] == 4
        assert c.post("/api/watches", json={"name": "w", "actor": "ISR"}).status_code == 403
    with TestClient(create_app(filled, token=TOKEN)) as c:
        watch = {"name": "w", "actor": "ISR"}
        saved = c.post("/api/watches", json=watch, headers={"X-Eventwire-Token": TOKEN})
        assert saved.status_code == 201
    with open_store(filled) as st:  # the app closed its connection on shutdown
        assert [w.name for w in st.watches()] == ["w"]


def test_app_refuses_a_missing_database_without_a_token(tmp_path: Path) -> None:
    from eventwire.web import create_app

    with pytest.raises(StoreError, match="no such database"):
        create_app(tmp_path / "missing.duckdb")


def test_serve_command_runs_a_read_only_server(filled: str) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    env = {k: v for k, v in os.environ.items() if k != "EVENTWIRE_TOKEN"}
    cmd = [sys.executable, "-m", "eventwire", "serve", "--db", filled, "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True)
    try:
        body, headers = None, {}
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/events?actor=ISR", timeout=2) as r:
                    body, headers = json.load(r), dict(r.headers)
                break
            except OSError:
                time.sleep(0.2)
        assert body is not None, "server did not answer"
        assert body["total"] == 3
        assert "script-src 'self'" in headers["content-security-policy"]
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/watches", method="POST",
                                         data=b'{"name": "w", "actor": "ISR"}',
                                         headers={"Content-Type": "application/json"})  # fmt: skip
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=5)
        assert refused.value.code == 403
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert "read-only" in err


def test_serve_reports_a_bad_database_in_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from eventwire.cli import app

    bad = tmp_path / "notes.duckdb"
    bad.write_text("not a database")
    result = CliRunner().invoke(app, ["serve", "--db", str(bad)])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "not a DuckDB database" in result.output
