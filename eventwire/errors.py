"""Bad input never stops a batch and is never lost silently.

Every stage that reads many inputs reports each one it skips to a
``SkipLog``: a one-line message on stderr naming the input (and line), an
optional JSONL log (``--errors FILE``), and a summary count at the end.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TextIO


class InputError(Exception):
    """An input that cannot be used; the message says why, in one line."""

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


@dataclass(slots=True)
class Skipped:
    input: str
    reason: str
    line: int | None = None
    stage: str = "ingest"


@dataclass
class SkipLog:
    """Collects skipped inputs; echoes each to ``stream`` and appends it to ``path``."""

    path: Path | None = None
    stream: TextIO | None = field(default_factory=lambda: sys.stderr)
    skipped: list[Skipped] = field(default_factory=list)

    def add(self, source: str, reason: str, line: int | None = None, stage: str = "ingest") -> None:
        item = Skipped(source, reason, line, stage)
        self.skipped.append(item)
        if self.stream is not None:
            where = f"{source}:{line}" if line is not None else source
            print(f"skipped {where}: {reason}", file=self.stream)
        if self.path is not None:
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(asdict(item), ensure_ascii=False) + "\n")

    def note(self, source: str, message: str) -> None:
        """A one-line notice about an input that is still used (not a skip, not counted)."""
        if self.stream is not None:
            print(f"note {source}: {message}", file=self.stream)

    def add_error(self, error: InputError, stage: str = "ingest") -> None:
        self.add(error.source, error.reason, error.line, stage)

    def __len__(self) -> int:
        return len(self.skipped)

    def summary(self, done: int, noun: str = "inputs") -> str:
        return f"{done} {noun} processed, {len(self.skipped)} skipped"
