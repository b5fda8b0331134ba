"""The progress view and the polling loop."""

from __future__ import annotations

import io
import threading

from eventwire.errors import SkipLog
from eventwire.follow.follower import Follower, FollowOptions, SourceStats
from eventwire.follow.view import FollowView, poll_line
from eventwire.store import open_store
from tests.distributed.fakes import FakePipeline
from tests.follow.conftest import QUICK


def test_poll_line_and_live_table_show_each_source():
    feed = SourceStats(
        "http://127.0.0.1:1/feed.xml", "feed", listed=3, fetched=3, stored=2, events=4, duplicates=1
    )
    stats = [feed, SourceStats("http://127.0.0.1:1/s.xml", error="HTTP 404")]
    assert poll_line(stats[0]).endswith(
        "3 new links, 3 fetched, 2 stored, 4 events, 1 duplicates, 0 skipped, 0 failed"
    )
    assert poll_line(stats[1]) == "http://127.0.0.1:1/s.xml (unknown kind): failed: HTTP 404"
    out = io.StringIO()
    view = FollowView(out, live=True)
    view.start_poll(1)
    view.update(stats)
    view.end_poll(stats)
    text = out.getvalue()
    assert "stored" in text and "duplicates" in text  # the live table's header was drawn
    assert text.count("poll 1 at ") == 2  # one line per source when the poll ends


class StopAfter(FollowView):
    def __init__(self, polls: int, stop: threading.Event, on_poll) -> None:
        super().__init__(io.StringIO(), live=False)
        self.polls, self.stop, self.on_poll = polls, stop, on_poll

    def end_poll(self, stats):
        super().end_poll(stats)
        self.on_poll(self.poll)
        if self.poll >= self.polls:
            self.stop.set()


def test_without_once_it_polls_every_interval_until_stopped(site, tmp_path):
    site.article("/news/0.html", 0)
    site.feed("/feed.xml", ["/news/0.html"], etag='"1"')

    def between(poll):
        if poll == 1:  # a new story appears before the second poll
            site.article("/news/1.html", 1)
            site.feed("/feed.xml", ["/news/1.html", "/news/0.html"], etag='"2"')

    stop = threading.Event()
    store = open_store(tmp_path / "loop.duckdb")
    options = FollowOptions([site.url("/feed.xml")], QUICK, interval=0.05, once=False)
    follower = Follower(store, FakePipeline, options, skips=SkipLog(stream=None), stop=stop,
                        view=StopAfter(3, stop, between))  # fmt: skip
    last = follower.run()
    assert follower.polls == 3 and last[0].stored == 0
    assert store.count_articles() == 2 and len(site.hits_of("/feed.xml")) == 3
    follower.close()
    store.close()
