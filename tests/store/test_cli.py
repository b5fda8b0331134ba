"""The store commands, run through the root CLI against a DuckDB file."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store import open_store
from tests.store.linking_cases import REPORTS, corpus


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "events.duckdb")
    items, _ = corpus()
    with open_store(path) as st:
        st.add_batch(items)
    return path


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_events_formats(db):
    filters = ["--actor", "USA", "--recipient", "RUS", "--type", "CONSULT", "--since", "2021-01-01"]
    res = run(
        "events",
        "--db",
        db,
        *filters,
        "--until",
        "2021-12",
        "--exclude-modality",
        "future",
        "--format",
        "jsonl",
    )
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in res.stdout.splitlines()]
    # Geneva, directed USA→RUS (the Russian outlet's RUS→USA report and the promised meeting are out)
    assert len(records) == 2 and {r["plover"]["type"] for r in records} == {"CONSULT"}
    assert all(not r["modality"]["future"] for r in records)
    assert len({r["linked_event_id"] for r in records}) == 1
    res = run("events", "--db", db, "--type", "assault", "--format", "csv", "--limit", "2")
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert res.exit_code == 0 and len(rows) == 2 and rows[0]["type"] == "ASSAULT"
    assert all(row["trigger"] and row["trigger"] in row["sentence"] for row in rows)
    res = run("events", "--db", db, "--text", "Mariupol")
    assert res.exit_code == 0 and "Mariupol" in res.stdout and "Kharkiv" not in res.stdout


def test_dyads_and_link(db):
    res = run("dyads", "--db", db, "--by", "month", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert res.exit_code == 0
    assert {"period": "2022-02", "source": "RUS", "target": "UKR", "type": "", "events": "2", "mentions": "6",
            "goldstein_sum": "-20"} in rows  # fmt: skip
    res = run("link", "--db", db)
    assert (
        res.exit_code == 0
        and "32 event mentions linked into 16 events (9 reported by 2+ articles)" in res.stdout
    )


def test_export_files(db, tmp_path):
    out = tmp_path / "events.tsv"
    res = run("export", "--db", db, "--format", "icews-tsv", "--output", str(out), "--type", "SANCTION")
    assert res.exit_code == 0, res.output
    assert len(out.read_text().splitlines()) == 1 + 6
    res = run("export", "--db", db, "--format", "polecat-jsonl", "--output", "-")
    assert res.exit_code == 0 and len(res.stdout.splitlines()) == len(REPORTS)
    res = run("export", "--db", db, "--format", "parquet", "--output", str(tmp_path / "e.parquet"))
    assert res.exit_code == 0 and (tmp_path / "e.parquet").stat().st_size > 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["events", "--type", "HUG"], "error: unknown PLOVER event type 'HUG'"),
        (["events", "--since", "2021-31-01"], "error: since: malformed date '2021-31-01'"),
        (["events", "--exclude-modality", "rumour"], "error: unknown modality 'rumour'"),
        (["events", "--format", "xml"], "error: unknown format 'xml'"),
        (["dyads", "--by", "decade"], "error: unknown period 'decade'"),
        (["export", "--format", "xml", "--output", "x.xml"], "error: unknown export format 'xml'"),
    ],
)
def test_bad_values_are_one_line_errors(db, args, message):
    res = run(*args, "--db", db)
    assert res.exit_code == 2
    assert res.stderr.strip() == res.stderr.strip().splitlines()[0]
    assert res.stderr.startswith(message)


def test_bad_databases(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("hello\n")
    res = run("events", "--db", str(notes))
    assert res.exit_code == 2 and res.stderr.strip() == f"error: {notes}: not a DuckDB database"
    assert notes.read_text() == "hello\n"
    missing = tmp_path / "missing.duckdb"
    res = run("dyads", "--db", str(missing))
    assert res.exit_code == 2 and "no such database" in res.stderr and not missing.exists()
