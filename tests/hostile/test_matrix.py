"""Every input kind × every flaw, through ``clean``, ``code`` and ``ingest``, beside a good article.

Each run must end with exit code 1 (inputs skipped), no traceback, exactly one line on
stderr naming each hostile input (saying why), every good record of the hostile files
processed, and the good article processed. The runs are in-process (the exit code and
stderr are observed through typer's runner); ``code`` uses one shared pipeline and
``ingest`` the fake one of tests/distributed, so the whole matrix takes seconds. A
watchdog ends the run if anything hangs (a FIFO waited on).
"""

from __future__ import annotations

import faulthandler
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from tests.hostile.conftest import FLAWS, build_cases, write_good

runner = CliRunner()
WATCHDOG_SECONDS = 120


@pytest.fixture(autouse=True)
def watchdog():  # type: ignore[no-untyped-def]
    """A hang (a FIFO read, a device) ends the test process with the stacks instead of waiting forever."""
    faulthandler.dump_traceback_later(WATCHDOG_SECONDS, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def _run(command: str, inputs: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
         pipeline: object) -> tuple[int, str, int]:  # fmt: skip
    """(exit code, stderr, articles processed) of one command over ``inputs``."""
    if command == "clean":
        result = runner.invoke(app, ["clean", "--format", "json", *inputs])
        processed = len([line for line in result.stdout.splitlines() if line.strip()])
        if processed:
            assert any(json.loads(line)["source"].endswith("good.txt") for line in result.stdout.splitlines())
    elif command == "code":
        from eventwire.pipeline import Pipeline

        monkeypatch.setattr(Pipeline, "load", classmethod(lambda cls, **kw: pipeline))
        result = runner.invoke(app, ["code", "--format", "jsonl", *inputs])
        found = re.search(r"^(\d+) inputs coded", result.stderr, re.MULTILINE)
        processed = int(found[1]) if found else -1
    else:
        db = tmp_path / "out.duckdb"
        args = ["ingest", "--db", str(db), "--workers", "1", "--no-progress",
                "--pipeline", "tests.distributed.fakes:make", *inputs]  # fmt: skip
        result = runner.invoke(app, args)
        found = re.search(r"^(\d+) articles coded", result.stderr, re.MULTILINE)
        processed = int(found[1]) if found else -1
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr, processed


@pytest.mark.parametrize("flaw", FLAWS)
@pytest.mark.parametrize("command", ["clean", "code", "ingest"])
def test_hostile_inputs_are_skipped_alone(command, flaw, tmp_path, monkeypatch, request):
    folder = tmp_path / "in"
    folder.mkdir()
    good = write_good(folder)
    cases = build_cases(folder, flaw, parquet=command == "ingest")
    pipeline = request.getfixturevalue("shared_pipeline") if command == "code" else None
    code, stderr, processed = _run(command, [str(good), *(c.name for c in cases)], tmp_path, monkeypatch,
                                   pipeline)  # fmt: skip
    assert code == 1, stderr
    lines = stderr.splitlines()
    maybe = 0
    for case in cases:
        naming = [line for line in lines if case.name + ":" in line or case.name + " " in line]
        if case.survivors < 0:  # may be usable after all: then it is processed, else skipped by name
            assert len(naming) <= 1, naming
            maybe += 0 if naming and naming[0].startswith("skipped") else 1
            continue
        assert len(naming) == 1, (case, naming, stderr)
        assert naming[0].startswith("skipped "), naming
        assert case.says.lower() in naming[0].lower(), (case, naming)
    expected = 1 + sum(c.survivors for c in cases if c.survivors > 0)
    assert expected <= processed <= expected + maybe, stderr
