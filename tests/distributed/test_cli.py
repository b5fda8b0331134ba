"""``eventwire ingest`` and ``eventwire load`` from the command line (fake pipeline, one process)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.distributed.partitions import write_partition
from eventwire.models import Article
from tests.distributed.conftest import write_corpus

FAKE = ["--pipeline", "tests.distributed.fakes:make", "--workers", "1", "--no-progress"]


def test_ingest_exits_1_with_a_summary_when_inputs_are_skipped(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 6, bad_lines=(2,))
    errors = tmp_path / "errors.jsonl"
    db = str(tmp_path / "e.duckdb")
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", db, "--errors", str(errors), *FAKE])
    assert result.exit_code == 1, result.output
    assert "5 articles coded" in result.output and "1 inputs skipped" in result.output
    assert '"line": 3' in errors.read_text()
    again = CliRunner().invoke(app, ["ingest", str(tmp_path / "c.jsonl"), "--db", db, *FAKE])
    assert "0 articles coded" in again.output and "5 already in the store" in again.output


def test_ingest_clean_run_exits_0(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 3)
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "e.duckdb"), *FAKE])
    assert result.exit_code == 0, result.output


def test_load_is_idempotent_and_reports_bad_folders(tmp_path: Path) -> None:
    parts = tmp_path / "parts"
    article = Article(id="a1", text="Officials met in Oslo.", source="x")
    write_partition([(article, [])], parts / "part-x-0-abc.parquet")
    (parts / "part-broken-0-def.parquet").write_text("not parquet")
    db = str(tmp_path / "e.duckdb")
    first = CliRunner().invoke(app, ["load", str(parts), "--db", db])
    assert first.exit_code == 1 and "1 articles added" in first.output  # the broken file is skipped
    second = CliRunner().invoke(app, ["load", str(parts), "--db", db])
    assert "0 articles added" in second.output and "1 already stored" in second.output
    missing = CliRunner().invoke(app, ["load", str(tmp_path / "nope"), "--db", db])
    assert missing.exit_code == 2 and "not a directory" in missing.output
