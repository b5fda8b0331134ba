"""Fixed tune / check parts of every dev set: one stable hash of an id, the same on every machine.

Rules are tuned and models fitted on the *tune* part; figures are quoted on the *check* part. The part of an
item depends only on its key (a record id, a story id — never a sentence of a story on its own), so adding
records to a set never moves the old ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any, Literal, TypeVar

T = TypeVar("T")

Part = Literal["tune", "check"]

CHECK_SHARE = 0.3  # the share of keys that go to the check part


def in_part(items: Iterable[T], key: Callable[[T], str], part: Part | None) -> list[T]:
    """The items of one part (all of them when ``part`` is None), each keyed by ``key(item)``."""
    return [item for item in items if part is None or part_of(key(item)) == part]


def gold_key(gold: Any) -> str:
    """The key of a gold sentence of the PLOVER or quad sets: its text, so that a sentence found in both
    sets is in the same part of each."""
    return str(gold.text)


def part_of(key: str, check_share: float = CHECK_SHARE) -> Part:
    """``"check"`` for about ``check_share`` of all keys, ``"tune"`` for the rest; stable across runs."""
    digest = hashlib.sha1(key.encode("utf-8")).digest()
    bucket = int.from_bytes(digest[:4], "big") / 2**32
    return "check" if bucket < check_share else "tune"
