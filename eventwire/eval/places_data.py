"""The event-location file (``data/eventloc/event_location_train.jsonl``): records and the tune/check split.

``split_of(text)`` is the one place the split is defined: a sentence is in the *check* part when the first
byte of the SHA-1 of its text is below ``CHECK_BYTES`` (51 of 256, about 20 %), else in *tune*. The split
depends only on the text, so it is stable across runs, machines and file orders; other stages that train
on silver sentences may reuse it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.errors import InputError

CHECK_BYTES = 51  # first SHA-1 bytes 0..50 of 256: about 20 % of sentences are held for checking
TUNE, CHECK = "tune", "check"
DEFAULT_FILE = Path("../shared/data/eventloc/event_location_train.jsonl")


def split_of(text: str) -> str:
    """``"check"`` or ``"tune"`` for a sentence, by the first byte of the SHA-1 of its UTF-8 text."""
    return CHECK if hashlib.sha1(text.encode("utf-8")).digest()[0] < CHECK_BYTES else TUNE


@dataclass(frozen=True)
class LocRecord:
    """One marked sentence: the event verb's span and the event's place spans (character offsets)."""

    line: int
    text: str
    verb: tuple[int, int] | None
    places: tuple[tuple[int, int], ...]


def read_records(path: Path, part: str | None = None) -> Iterator[LocRecord]:
    """Records of ``path`` (all, or only those of ``part``); a malformed line raises naming file and line."""
    if not path.is_file():
        raise InputError(str(path), "event-location file not found")
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text = row["text"]
                spans = row.get("spans") or []
                verbs = [(s["start"], s["end"]) for s in spans if s["label"] == "VERB"]
                places = tuple((s["start"], s["end"]) for s in spans if s["label"] == "LOCATION")
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(str(path), f"malformed event-location record ({exc})", line=number) from exc
            if part is not None and split_of(text) != part:
                continue
            yield LocRecord(number, text, verbs[0] if verbs else None, places)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two character ranges share at least one character."""
    return a[0] < b[1] and b[0] < a[1]
