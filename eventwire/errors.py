"""Bad input never stops a batch and is never lost silently.

Every stage that reads many inputs reports each one it skips to a
``SkipLog``: a one-line message on stderr naming the input (and line), an
optional JSONL log (``--errors FILE``), and a summary count at the end.
A ``SkipLog`` may be written from two threads (the local engine's input
feeder reports unreadable inputs while the main thread reports what the
workers met): each skip or note is written whole, under a lock.
"""

from __future__ import annotations

import json
import sys
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO


def shown(name: str) -> str:
    """A file name safe to print on one line: control characters (newline, escape, ...) escaped."""
    if name.isprintable():
        return name
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in name)


class InputError(Exception):
    """An input that cannot be used; the message says why, in one line."""

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{shown(source)}:{line}" if line is not None else shown(source)
        super().__init__(f"{where}: {reason}")


class UnusableErrorsFile(ValueError):
    """The ``--errors FILE`` cannot be appended to; found before any input is read."""


def check_errors_file(path: Path) -> None:
    """``UnusableErrorsFile`` (one line naming it) unless ``path`` is, or can become, a file to append to."""
    import os
    import stat

    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise UnusableErrorsFile(f"--errors {shown(str(path))}: {exc.strerror or exc}") from None
    if mode is not None and not stat.S_ISREG(mode):
        raise UnusableErrorsFile(
            f"--errors {shown(str(path))}: not a regular file (a directory, FIFO or device)"
        )
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0), 0o644)
    except OSError as exc:
        raise UnusableErrorsFile(
            f"--errors {shown(str(path))}: cannot write: {exc.strerror or exc}"
        ) from None
    os.close(fd)


@dataclass(slots=True)
class Skipped:
    input: str
    reason: str
    line: int | None = None
    stage: str = "ingest"


@dataclass
class SkipLog:
    """Collects skipped inputs; echoes each to ``stream`` and appends it to ``path``; thread-safe."""

    path: Path | None = None
    stream: TextIO | None = field(default_factory=lambda: sys.stderr)
    skipped: list[Skipped] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.path is not None:
            check_errors_file(self.path)

    def add(self, source: str, reason: str, line: int | None = None, stage: str = "ingest") -> None:
        item = Skipped(source, reason, line, stage)
        where = f"{shown(source)}:{line}" if line is not None else shown(source)
        with self._lock:
            self.skipped.append(item)
            if self.stream is not None:
                self.stream.write(f"skipped {where}: {shown(reason)}\n")
            if self.path is not None:
                with self.path.open("a", encoding="utf-8", errors="backslashreplace") as fh:
                    fh.write(json.dumps(asdict(item), ensure_ascii=False) + "\n")

    def note(self, source: str, message: str) -> None:
        """A one-line notice about an input that is still used (not a skip, not counted)."""
        if self.stream is not None:
            with self._lock:
                self.stream.write(f"note {shown(source)}: {shown(message)}\n")

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        del state["_lock"]  # a lock does not pickle; the copy gets its own
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def add_error(self, error: InputError, stage: str = "ingest") -> None:
        self.add(error.source, error.reason, error.line, stage)

    def __len__(self) -> int:
        return len(self.skipped)

    def summary(self, done: int, noun: str = "inputs") -> str:
        return f"{done} {noun} processed, {len(self.skipped)} skipped"
