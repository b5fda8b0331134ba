"""Batch runs: ``run_ingest`` (local worker processes), the Dask engine and Parquet partitions.

* ``run_ingest(inputs, db, workers=..., batch_size=...)``: read → code → store, resumable.
* ``eventwire.distributed.dask_engine.run_dask(inputs, out_dir, scheduler=...)``: code on a Dask
  cluster into Parquet partitions (imports dask, so it is not imported here).
* ``load_partitions(folder, store)``: bring partitions into a store, idempotently.
"""

from eventwire.distributed.config import PipelineConfig
from eventwire.distributed.load import LoadReport, load_partitions
from eventwire.distributed.runner import IngestReport, run_ingest

__all__ = ["IngestReport", "LoadReport", "PipelineConfig", "load_partitions", "run_ingest"]
