"""What a worker needs to build its own ``Pipeline``: plain paths and flags, picklable."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline


@dataclass(frozen=True)
class PipelineConfig:
    """How to load a ``Pipeline`` in another process (the model itself is never pickled)."""

    actor_files: tuple[Path, ...] = ()
    agent_files: tuple[Path, ...] = ()
    verb_files: tuple[Path, ...] = ()
    user_files: tuple[Path, ...] = ()
    prefilter: bool = True
    batch_size: int = 64
    factory: str | None = None  # "module:callable" building a custom pipeline instead

    def load(self) -> Pipeline:
        """Load the pipeline this config describes (spaCy model, knowledge base, coder)."""
        from eventwire.pipeline import Pipeline

        if self.factory:
            return _import(self.factory)(self)

        pipeline = Pipeline.load(
            actor_files=self.actor_files,
            agent_files=self.agent_files,
            verb_files=self.verb_files,
            user_files=self.user_files,
            prefilter=self.prefilter,
        )
        pipeline.batch_size = self.batch_size
        return pipeline


def _import(spec: str) -> Any:
    """``package.module:name`` → the object."""
    import importlib

    module, _, name = spec.partition(":")
    if not module or not name:
        raise ValueError(f"pipeline factory {spec!r} is not in the form module:callable")
    return getattr(importlib.import_module(module), name)
