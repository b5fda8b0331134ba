"""follow stage: news sites → store, continuously and politely.

* ``Follower(store, load, options, skips=...)``: polls feeds (RSS, Atom, JSON Feed), sitemaps and news
  sitemaps, and homepages (their announced feeds); fetches each new page once (``Fetcher``: robots.txt,
  per-host rate limit and concurrency cap, conditional GET, retries with backoff, capped redirects and
  size, HTML only), cleans, codes and stores it, keeping its state in the store (``FollowState``).
* ``canonical_url(url)``: the form under which a page is seen once (tracking parameters stripped).
* Commands: ``eventwire follow`` and ``eventwire sources`` (``eventwire.follow.cli``).
"""

from eventwire.follow.fetch import Fetcher, FetchError, Politeness
from eventwire.follow.follower import Follower, FollowOptions, SourceStats
from eventwire.follow.state import FollowState, SourceStatus
from eventwire.follow.urls import canonical_url

__all__ = [
    "FetchError",
    "Fetcher",
    "FollowOptions",
    "FollowState",
    "Follower",
    "Politeness",
    "SourceStats",
    "SourceStatus",
    "canonical_url",
]
