"""Fixed tune / check parts of every dev set: one stable hash of an id, the same on every machine.

Rules are tuned and models fitted on the *tune* part; figures are quoted on the *check* part. The part of an
item depends only on its key (a record id, a story id — never a sentence of a story on its own), so adding
records to a set never moves the old ones.
"""

from __future__ import annotations

import hashlib
from typing import Literal

Part = Literal["tune", "check"]

CHECK_SHARE = 0.3  # the share of keys that go to the check part


def part_of(key: str, check_share: float = CHECK_SHARE) -> Part:
    """``"check"`` for about ``check_share`` of all keys, ``"tune"`` for the rest; stable across runs."""
    digest = hashlib.sha1(key.encode("utf-8")).digest()
    bucket = int.from_bytes(digest[:4], "big") / 2**32
    return "check" if bucket < check_share else "tune"
