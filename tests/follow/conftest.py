"""Fixtures for the follow tests: the loopback site, quick politeness settings, the fake pipeline."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventwire.follow.fetch import Politeness
from tests.follow.site import Site, serve

# Fast and still polite in kind: short timeouts, tiny backoff, no delay between requests.
QUICK = Politeness(user_agent="eventwire-tests/1.0 (+loopback)", delay=0.0, per_host=2, timeout=1.0,
                   retries=2, backoff=0.01, max_backoff=0.05, max_redirects=3, max_bytes=200_000)  # fmt: skip


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as served:
        yield served
