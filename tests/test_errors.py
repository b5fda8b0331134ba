"""SkipLog: one whole line per skip on the stream and in the --errors file, also from two threads."""

from __future__ import annotations

import json
import pickle
import threading
import time
from pathlib import Path

from eventwire.errors import SkipLog


class SlowStream:
    """A stream that lets other threads run between (and inside) writes, as a slow terminal or pipe does."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        for at in range(0, len(text), 7):
            self.parts.append(text[at : at + 7])
            time.sleep(0)  # releases the GIL
        return len(text)

    def flush(self) -> None:
        pass


def test_two_threads_writing_one_log_never_interleave_lines(tmp_path: Path) -> None:
    stream, errors = SlowStream(), tmp_path / "errors.jsonl"
    log = SkipLog(path=errors, stream=stream)
    n = 200

    def hammer(name: str) -> None:
        for i in range(n):
            log.add(f"{name}.jsonl", f"reason number {i} of {name}", line=i)
            log.note(f"{name}.jsonl:{i}", f"note number {i} of {name}")

    threads = [threading.Thread(target=hammer, args=(name,)) for name in ("left", "right")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    lines = "".join(stream.parts).splitlines()
    expected = {
        *(f"skipped {w}.jsonl:{i}: reason number {i} of {w}" for w in ("left", "right") for i in range(n)),
        *(f"note {w}.jsonl:{i}: note number {i} of {w}" for w in ("left", "right") for i in range(n)),
    }
    assert len(lines) == len(expected) and set(lines) == expected
    records = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(log) == 2 * n
    assert {(r["input"], r["line"], r["reason"]) for r in records} == {
        (s.input, s.line, s.reason) for s in log.skipped
    }


def test_a_silent_log_pickles_with_its_skips_and_a_working_lock() -> None:
    log = SkipLog(stream=None)
    log.add("c.jsonl", "malformed JSON line", line=3)
    again = pickle.loads(pickle.dumps(log))
    again.add("d.jsonl", "empty", line=1)
    assert [(s.input, s.line) for s in again.skipped] == [("c.jsonl", 3), ("d.jsonl", 1)]
    assert len(log) == 1
