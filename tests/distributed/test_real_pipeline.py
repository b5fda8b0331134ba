"""With the real pipeline: two worker processes store exactly the events one process stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.distributed.config import PipelineConfig
from eventwire.distributed.runner import run_ingest
from eventwire.errors import SkipLog
from eventwire.store import open_store


def _events(db: Path) -> list[tuple[str, str, str]]:
    with open_store(str(db)) as store:
        events = [stored.event for stored in store.events(limit=1000)]
    return sorted((e.id, e.plover.type, e.trigger.text) for e in events)


@pytest.mark.slow
def test_workers_2_gives_the_same_events_as_workers_1(samples_dir: Path, tmp_path: Path) -> None:
    config = PipelineConfig()
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    skips = SkipLog(stream=None)
    first = run_ingest([str(samples_dir)], str(one), config=config, workers=1, batch_size=1, skips=skips,
                       show_progress=False)  # fmt: skip
    second = run_ingest([str(samples_dir)], str(two), config=config, workers=2, batch_size=1, skips=skips,
                        show_progress=False)  # fmt: skip
    assert first.coded == second.coded == 2 and len(skips) == 0
    assert first.events > 0
    assert _events(one) == _events(two)
