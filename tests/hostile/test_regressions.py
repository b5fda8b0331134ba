"""The hostile probe's reproductions (issue 17), each as a regression test.

Subprocesses where the real process's exit code, stderr and bounded time are the point
(FIFOs, an unusable ``--errors`` file, control characters in names); in-process runs
elsewhere. Ingest runs use the fake pipeline of tests/distributed (no spaCy).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from tests.hostile.conftest import DATE, article_text, record, write_good

PROJECT = Path(__file__).resolve().parents[2]
FAKE = ["--pipeline", "tests.distributed.fakes:make", "--workers", "1", "--no-progress"]
runner = CliRunner()


def run(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``python -m eventwire ARGS`` in ``cwd``; a hang fails the test (TimeoutExpired), it never blocks CI."""
    env = dict(os.environ, PYTHONPATH=str(PROJECT))
    return subprocess.run([sys.executable, "-m", "eventwire", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)  # fmt: skip


def skip_lines(stderr: str, name: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("skipped ") and name in line]


def test_fifos_are_never_waited_on(tmp_path):
    """Issue 17 #1: a FIFO in a globbed directory, a FIFO sidecar, a FIFO corpus and a FIFO --db."""
    write_good(tmp_path)
    d = tmp_path / "d"
    d.mkdir()
    (d / "a.txt").write_text(article_text(1))
    os.mkfifo(d / "p.txt")
    (tmp_path / "x.txt").write_text(article_text(20))
    os.mkfifo(tmp_path / "x.meta.json")
    os.mkfifo(tmp_path / "f.jsonl")
    os.mkfifo(tmp_path / "db.duckdb")
    started = time.monotonic()
    globbed = run("clean", "d/*", "good.txt", cwd=tmp_path)
    assert globbed.returncode == 1 and len(skip_lines(globbed.stderr, "d/p.txt")) == 1
    assert "FIFO" in skip_lines(globbed.stderr, "d/p.txt")[0]
    assert "2 articles, 1 skipped" in globbed.stderr
    sidecar = run("clean", "x.txt", "good.txt", cwd=tmp_path)
    assert sidecar.returncode == 1 and "x.meta.json" in skip_lines(sidecar.stderr, "x.txt")[0]
    ingest = run("ingest", "--db", "out.duckdb", *FAKE, "f.jsonl", "good.txt", cwd=tmp_path)
    assert ingest.returncode == 1 and len(skip_lines(ingest.stderr, "f.jsonl")) == 1
    assert "1 articles coded" in ingest.stderr
    db = run("events", "--db", "db.duckdb", cwd=tmp_path)
    assert (
        db.returncode == 2 and db.stderr.count("\n") == 1 and "db.duckdb" in db.stderr and "FIFO" in db.stderr
    )
    for done in (globbed, sidecar, ingest, db):
        assert "Traceback" not in done.stderr
    assert time.monotonic() - started < 50


def test_links_loops_and_dangling_links_in_directories_get_a_line(tmp_path):
    """Issue 17 #13: symlink loops and dangling links inside a directory are named, not dropped silently."""
    d = tmp_path / "d"
    d.mkdir()
    (d / "a.txt").write_text(article_text(3))
    os.symlink("loop2.txt", d / "loop1.txt")
    os.symlink("loop1.txt", d / "loop2.txt")
    os.symlink("nowhere.txt", d / "dangling.txt")
    result = runner.invoke(app, ["clean", "--format", "json", str(d)])
    assert result.exit_code == 1
    assert "symbolic link loop" in skip_lines(result.stderr, "loop1.txt")[0]
    assert "symbolic link loop" in skip_lines(result.stderr, "loop2.txt")[0]
    assert "dangling" in skip_lines(result.stderr, "dangling.txt")[0]
    assert len(result.stdout.splitlines()) == 1


def test_an_unusable_errors_file_stops_every_command_before_reading(tmp_path):
    """Issue 17 #11: --errors naming a directory is refused up front, with exit 2, for clean, code, ingest."""
    write_good(tmp_path)
    (tmp_path / "errs").mkdir()
    (tmp_path / "bad.jsonl").write_text("{broken\n")
    for args in (["clean"], ["code"], ["ingest", "--db", "o.duckdb", *FAKE]):
        result = run(*args, "--errors", "errs", "bad.jsonl", "good.txt", cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert result.stderr.splitlines() == [
            "error: --errors errs: not a regular file (a directory, FIFO or device)"
        ]
    assert not (tmp_path / "o.duckdb").exists()


def test_control_characters_in_file_names_are_escaped(tmp_path):
    """Issue 17 #13: a file name with an escape sequence and a newline prints as one harmless line."""
    (tmp_path / "a\x1b[31mred\nx.jsonl").write_text("{broken\n")
    result = run("clean", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert "\x1b" not in result.stderr
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert "a\\x1b[31mred\\nx.jsonl:1" in line


def test_relative_and_ambiguous_dates_are_refused_and_date_order_reads_them(tmp_path):
    """Issue 17 #6: 'yesterday' never becomes a publication date; '5/9/21' only with --date-order."""
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(record(article_text(1), "yesterday") + record(article_text(9), "5/9/21"))
    result = runner.invoke(app, ["clean", "--format", "json", str(corpus)])
    assert result.exit_code == 1 and result.stdout == ""
    assert "relative date 'yesterday'" in skip_lines(result.stderr, "c.jsonl:1")[0]
    assert "ambiguous date '5/9/21'" in skip_lines(result.stderr, "c.jsonl:2")[0]
    for order, expected in (("DMY", "2021-09-05"), ("mdy", "2021-05-09")):
        result = runner.invoke(app, ["clean", "--format", "json", "--date-order", order, str(corpus)])
        (article,) = [json.loads(line) for line in result.stdout.splitlines()]
        assert article["published"].startswith(expected) and article["date_source"] == "metadata"
    result = runner.invoke(app, ["clean", "--date-order", "DDMM", str(corpus)])
    assert result.exit_code == 2 and "unknown date order" in result.output


def _ingest(tmp_path: Path, db: Path, *inputs: str, batch: int = 1):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["ingest", "--db", str(db), "--batch-size", str(batch), *FAKE, *inputs])


def test_disk_full_is_one_line_exit_2_and_resuming_is_exact(tmp_path, monkeypatch):
    """Issue 17 #8: a write failing for want of room mid-run: one line, exit 2, committed data kept, and
    running again stores exactly what an undisturbed run stores."""
    from eventwire.store.dialect import Connection

    corpus = tmp_path / "c.jsonl"
    texts = [f"The minister {i} met the envoy {i} in the capital. " + article_text(i) for i in range(6)]
    corpus.write_bytes(b"".join(record(text) for text in texts))
    real = Connection._insert_arrow
    calls = {"articles": 0}

    def failing(self, table, columns, rows, ignore_conflicts):  # type: ignore[no-untyped-def]
        if table == "articles":
            calls["articles"] += 1
            if calls["articles"] == 3:
                raise duckdb.IOException(
                    f'IO Error: Could not write file "{self.name}": No space left on device'
                )
        return real(self, table, columns, rows, ignore_conflicts)

    db = tmp_path / "x.duckdb"
    monkeypatch.setattr(Connection, "_insert_arrow", failing)
    result = _ingest(tmp_path, db, str(corpus))
    assert result.exit_code == 2, result.output
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert str(db) in line and "no room to write" in line and "run the same command again" in line
    monkeypatch.setattr(Connection, "_insert_arrow", real)
    from eventwire.store import open_store

    with open_store(db, read_only=True) as store:
        assert store.count_articles() == 2  # the two committed batches survived
    assert _ingest(tmp_path, db, str(corpus)).exit_code == 0
    undisturbed = tmp_path / "y.duckdb"
    assert _ingest(tmp_path, undisturbed, str(corpus)).exit_code == 0
    with open_store(db, read_only=True) as a, open_store(undisturbed, read_only=True) as b:
        assert a.count_articles() == b.count_articles() == 6
        assert a.count_events() == b.count_events()
        assert {e.event.id for e in a.events(limit=100)} == {e.event.id for e in b.events(limit=100)}


def test_a_damaged_database_is_called_damaged_not_locked(tmp_path):
    """Issue 17 #9: checksum failures are reported as damage (exit 2, one line) by every command."""
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(
        b"".join(record(f"The minister {i} met the envoy. " + article_text(i)) for i in range(40))
    )
    db = tmp_path / "x.duckdb"
    assert _ingest(tmp_path, db, str(corpus), batch=200).exit_code == 0
    with db.open("r+b") as fh:  # damage the first data block after the headers
        fh.seek(8192 + 100)
        fh.write(os.urandom(4096))
    for args in (["events", "--db", str(db)], ["link", "--db", str(db)], ["dyads", "--db", str(db)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert "damaged" in result.stderr and "locked" not in result.stderr, result.stderr
    result = _ingest(tmp_path, db, str(corpus))
    assert result.exit_code == 2 and "damaged" in result.stderr and "locked" not in result.stderr


def test_read_only_commands_share_the_database_with_another_reader(tmp_path):
    """Issue 17 #10: events, dyads and export open the store read-only, so they run beside a reader
    (a dashboard) that holds the file open, instead of failing 'locked'."""
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(
        b"".join(record(f"The minister {i} met the envoy. " + article_text(i)) for i in range(4))
    )
    db = tmp_path / "x.duckdb"
    assert _ingest(tmp_path, db, str(corpus), batch=200).exit_code == 0
    hold = (
        "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=True); print('open', flush=True)"
    )
    command = [sys.executable, "-c", hold + "; time.sleep(60)", str(db)]
    holder = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        assert runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"]).exit_code == 0
        assert runner.invoke(app, ["dyads", "--db", str(db)]).exit_code == 0
        out = tmp_path / "e.jsonl"
        result = runner.invoke(app, ["export", "--db", str(db), "--format", "polecat-jsonl", "-o", str(out)])
        assert result.exit_code == 0 and out.read_text().count("\n") >= 4
        writer = runner.invoke(app, ["link", "--db", str(db)])  # writing still waits for the reader to go
        assert writer.exit_code == 2 and "locked" in writer.stderr
    finally:
        holder.kill()
        holder.wait()


def test_a_date_the_cli_refuses_is_refused_by_a_record_too():
    """Issue 17 #4: 9999-12-31 and 0001-01-01 are implausible wherever they come from."""
    from eventwire.ingest.dates import parse_date

    for bad in ("9999-12-31", "0001-01-01"):
        with pytest.raises(ValueError, match="implausible"):
            parse_date(bad)
    assert parse_date(DATE).isoformat().startswith(DATE)
