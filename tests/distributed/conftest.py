"""Fixtures for the batch-run tests: a small JSONL corpus and a config using the fake pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.distributed.config import PipelineConfig
from tests.distributed.fakes import article_text

FAKE = PipelineConfig(factory="tests.distributed.fakes:make")
PROJECT = Path(__file__).resolve().parents[2]


def write_corpus(path: Path, n: int, bad_lines: tuple[int, ...] = ()) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            if i in bad_lines:
                fh.write("{not json\n")
                continue
            record = {"id": str(i), "title": f"Report {i}", "text": article_text(i)}
            record["published"] = "2021-03-04"
            fh.write(json.dumps(record) + "\n")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus.jsonl", 30)


@pytest.fixture
def fake_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes (spawned, or Dask's) must be able to import tests.distributed.fakes."""
    monkeypatch.setenv("PYTHONPATH", str(PROJECT))
