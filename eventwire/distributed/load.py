"""``eventwire load``: bring Parquet partitions (from the Dask engine) into the store, idempotently."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.distributed.partitions import partition_files, read_partition_file
from eventwire.errors import InputError, SkipLog

if TYPE_CHECKING:
    from eventwire.store import Store


@dataclass(slots=True)
class LoadReport:
    files: int = 0
    articles_added: int = 0
    articles_known: int = 0
    events_added: int = 0


def load_partitions(
    folder: Path, store: Store, *, batch_size: int = 500, skips: SkipLog | None = None
) -> LoadReport:
    """Add every partition file in ``folder`` to ``store``; articles already stored are not added again."""
    skips = skips if skips is not None else SkipLog()
    report = LoadReport()
    if not folder.is_dir():
        raise InputError(str(folder), "not a directory of partition files")
    for path in partition_files(folder):
        try:
            coded = read_partition_file(path)
        except InputError as exc:
            skips.add_error(exc, stage="load")
            continue
        report.files += 1
        for start in range(0, len(coded), batch_size):
            result = store.add_batch(coded[start : start + batch_size])
            report.articles_added += result.articles_added
            report.articles_known += result.articles_skipped
            report.events_added += result.events_added
    return report
