"""One follower against the loopback site: what is stored, once, and what is skipped and why."""

from __future__ import annotations

import io
import json
import threading
from dataclasses import replace

import pytest

from eventwire.errors import SkipLog
from eventwire.follow.follower import Follower, FollowOptions
from eventwire.follow.state import FollowState
from eventwire.store import open_store
from tests.distributed.fakes import FakePipeline, expected_events
from tests.follow.conftest import QUICK
from tests.follow.site import FRENCH, news_sitemap, rss, sitemap_index


class Run:
    """A store, a skip log writing to ``errors`` and a follower of ``sources`` (fake pipeline)."""

    def __init__(self, tmp_path, sources, *, pipeline=None, stop=None, **options):
        self.store = open_store(tmp_path / "follow.duckdb")
        self.errors = tmp_path / "errors.jsonl"
        self.stderr = io.StringIO()
        self.skips = SkipLog(path=self.errors, stream=self.stderr)
        self.state = FollowState(self.store)
        opts = FollowOptions(list(sources), options.pop("politeness", QUICK), once=True, **options)
        self.follower = Follower(
            self.store, lambda: pipeline or FakePipeline(), opts, skips=self.skips, stop=stop
        )

    def poll(self):
        (stats,) = self.follower.poll()  # one source in these tests
        return stats

    def articles(self):
        return self.store.conn.query("SELECT id, url, language FROM articles ORDER BY url")

    def rows(self):
        return {
            r[0]: r[1:]
            for r in self.store.conn.query("SELECT url, status, article_id, reason FROM follow_urls")
        }

    def logged(self):
        if not self.errors.exists():
            return []
        return [json.loads(line) for line in self.errors.read_text().splitlines()]

    def close(self):
        self.follower.close()
        self.store.close()


@pytest.fixture
def run_factory(tmp_path):
    runs = []

    def make(sources, **kw):
        run = Run(tmp_path, sources, **kw)
        runs.append(run)
        return run

    yield make
    for run in runs:
        run.close()


def test_each_new_article_is_stored_once_and_a_second_poll_adds_nothing(site, run_factory):
    for n in range(3):
        site.article(f"/news/{n}.html", n)
    site.feed("/feed.xml", [f"/news/{n}.html" for n in range(3)], etag='"v1"')
    run = run_factory([site.url("/feed.xml")])
    first = run.poll()
    assert (first.kind, first.listed, first.fetched, first.stored) == ("feed", 3, 3, 3)
    assert first.events == sum(expected_events(a) for a in [*map(_text, range(3))])
    assert [r[1] for r in run.articles()] == [site.url(f"/news/{n}.html") for n in range(3)]
    second = run.poll()
    assert (second.listed, second.fetched, second.stored) == (0, 0, 0)
    assert site.hits_of("/feed.xml")[-1].headers.get("If-None-Match") == '"v1"'  # answered 304
    assert all(len(site.hits_of(f"/news/{n}.html")) == 1 for n in range(3))
    assert len(run.articles()) == 3


def test_an_item_added_between_polls_is_fetched_next_time(site, run_factory):
    site.article("/news/0.html", 0)
    site.feed("/feed.xml", ["/news/0.html"], etag='"v1"')
    run = run_factory([site.url("/feed.xml")])
    assert run.poll().stored == 1
    site.article("/news/1.html", 1)
    site.feed("/feed.xml", ["/news/1.html", "/news/0.html"], etag='"v2"')
    stats = run.poll()
    assert (stats.listed, stats.stored) == (1, 1)
    assert len(site.hits_of("/news/0.html")) == 1


def test_the_same_story_under_two_urls_is_stored_once_with_both_urls_kept(site, run_factory):
    site.article("/news/a.html", 4)
    site.article("/partner/copy-of-a.html", 4)
    site.article("/news/b.html", 5)
    links = ["/news/a.html", "/partner/copy-of-a.html", "/news/b.html?utm_source=rss", "/news/b.html#top"]
    site.feed("/feed.xml", links)
    run = run_factory([site.url("/feed.xml")])
    stats = run.poll()
    assert (stats.stored, stats.duplicates) == (2, 1)
    assert len(site.hits_of("/news/b.html")) == 1  # tracking parameters and fragments do not make a new URL
    rows = run.rows()
    a_id = rows[site.url("/news/a.html")][1] or rows[site.url("/partner/copy-of-a.html")][1]
    assert {rows[site.url("/news/a.html")][1], rows[site.url("/partner/copy-of-a.html")][1]} == {a_id}
    assert sorted(run.state.urls_of(a_id)) == sorted(
        [site.url("/news/a.html"), site.url("/partner/copy-of-a.html")]
    )
    assert len(run.articles()) == 2
    assert "same text as" in run.stderr.getvalue()


def test_pages_refused_for_good_are_logged_once_and_never_fetched_again(site, run_factory):
    site.set("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.article("/private/secret.html", 1)
    site.set("/report.pdf", b"%PDF-1.4", content_type="application/pdf")
    site.set("/huge.html", "<p>" + "many words " * 30_000 + "</p>")
    site.set("/menu.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    site.article("/news/ok.html", 2)
    links = [
        "/private/secret.html",
        "/report.pdf",
        "/huge.html",
        "/missing.html",
        "/menu.html",
        "/news/ok.html",
    ]
    site.feed("/feed.xml", links)
    run = run_factory([site.url("/feed.xml")])
    stats = run.poll()
    assert (stats.stored, stats.skipped, stats.failed) == (1, 5, 0)
    reasons = {entry["input"].rsplit("/", 1)[1]: entry["reason"] for entry in run.logged()}
    assert reasons == {
        "secret.html": "disallowed by robots.txt",
        "report.pdf": "not HTML (application/pdf)",
        "huge.html": reasons["huge.html"],
        "missing.html": "HTTP 404",
        "menu.html": reasons["menu.html"],
    }
    assert reasons["huge.html"].startswith("over the size cap") and "no article text" in reasons["menu.html"]
    assert site.hits_of("/private/secret.html") == []
    assert all(entry["stage"] == "follow" for entry in run.logged())
    lines = run.stderr.getvalue().splitlines()
    assert sum(line.startswith("skipped ") for line in lines) == 5  # one line each
    run.poll()
    assert len(run.logged()) == 5 and len(site.hits_of("/huge.html")) == 1  # not fetched nor logged again


def test_a_link_to_an_unreachable_host_fails_for_now_and_the_poll_goes_on(site, run_factory):
    site.article("/news/ok.html", 1)
    site.set("/feed.xml", rss("", ["http://127.0.0.1:9/down.html", site.url("/news/ok.html")]),
             content_type="application/rss+xml")  # fmt: skip
    run = run_factory([site.url("/feed.xml")])
    stats = run.poll()
    assert (stats.stored, stats.skipped, stats.failed) == (1, 0, 1)
    (entry,) = run.logged()
    assert entry["input"] == "http://127.0.0.1:9/down.html"
    assert entry["reason"].startswith("robots.txt could not be read (connection failed")
    assert "http://127.0.0.1:9/down.html" not in run.rows()  # tried again next poll


def test_pages_failing_for_now_are_tried_again_on_the_next_poll(site, run_factory):
    site.article("/news/flaky.html", 3, status=500)
    site.article("/news/slow.html", 6, delay=0.5)
    site.feed("/feed.xml", ["/news/flaky.html", "/news/slow.html"], etag='"v1"')
    run = run_factory([site.url("/feed.xml")], politeness=replace(QUICK, timeout=0.2, retries=1))
    stats = run.poll()
    assert (stats.stored, stats.failed, stats.skipped) == (0, 2, 0)
    assert run.rows() == {}
    assert {e["reason"].split(" (")[0] for e in run.logged()} == {"HTTP 500", "timed out after 0.2 s"}
    site.article("/news/flaky.html", 3)
    site.article("/news/slow.html", 6)
    stats = run.poll()  # the feed answers 304: its links are taken from the store
    assert (stats.stored, stats.failed) == (2, 0)
    assert site.hits_of("/feed.xml")[-1].headers.get("If-None-Match") == '"v1"'


def test_a_redirected_page_is_stored_under_its_final_url_and_both_are_seen(site, run_factory):
    site.set("/s/abc", status=301, headers={"Location": "/news/long-title.html"})
    site.article("/news/long-title.html", 7)
    site.feed("/feed.xml", ["/s/abc", "/news/long-title.html"])
    run = run_factory([site.url("/feed.xml")])
    stats = run.poll()
    assert (stats.stored, len(run.articles())) == (1, 1)
    assert run.articles()[0][1] == site.url("/news/long-title.html")
    rows = {url.rsplit("/", 1)[1]: row for url, row in run.rows().items()}
    assert rows["long-title.html"][0] == "stored"  # whichever of the two arrived first
    assert rows["abc"][0] in ("redirected", "duplicate")
    assert rows["abc"][1] == rows["long-title.html"][1] == run.articles()[0][0]


def test_a_non_english_article_is_stored_uncoded_with_one_note(site, run_factory):
    site.article("/fr/article.html", 0, text=FRENCH + " Le gouvernement met en place un plan national.")
    site.feed("/feed.xml", ["/fr/article.html"])
    run = run_factory([site.url("/feed.xml")])
    stats = run.poll()
    assert (stats.stored, stats.events) == (1, 0)  # the fake coder would code " met " if it were asked
    assert run.articles()[0][2] == "fr"
    notes = [line for line in run.stderr.getvalue().splitlines() if "coding is English-only" in line]
    assert len(notes) == 1 and "no events coded" in notes[0]


def test_a_sitemap_index_leads_to_its_news_sitemap(site, run_factory):
    site.article("/n/1.html", 1)
    site.article("/n/2.html", 2)
    site.set(
        "/news-sitemap.xml",
        news_sitemap(site.base, ["/n/1.html", "/n/2.html"]),
        content_type="application/xml",
    )
    site.set("/sitemap.xml", sitemap_index(site.base, ["/news-sitemap.xml"]), content_type="application/xml")
    run = run_factory([site.url("/sitemap.xml")])
    stats = run.poll()
    assert (stats.kind, stats.stored) == ("sitemap", 2)


def test_a_homepage_is_followed_through_the_feed_it_announces(site, run_factory):
    site.set("/", '<html><head><link rel="alternate" type="application/atom+xml" href="/feed.xml"></head>'
             "<body><p>Front page</p></body></html>")  # fmt: skip
    site.article("/news/9.html", 9)
    site.feed("/feed.xml", ["/news/9.html"])
    run = run_factory([site.url("/")])
    stats = run.poll()
    assert (stats.kind, stats.stored) == ("homepage", 1)


def test_a_homepage_without_feeds_is_followed_through_the_sitemaps_of_robots_txt(site, run_factory):
    site.set("/", "<html><head><title>Front</title></head><body><p>Front page</p></body></html>")
    site.set("/robots.txt", f"User-agent: *\nDisallow: /private/\nSitemap: {site.base}/news-sitemap.xml\n",
             content_type="text/plain")  # fmt: skip
    site.article("/n/1.html", 1)
    site.set("/news-sitemap.xml", news_sitemap(site.base, ["/n/1.html"]), content_type="application/xml")
    run = run_factory([site.url("/")])
    stats = run.poll()
    assert (stats.kind, stats.stored) == ("homepage", 1)


def test_a_page_announcing_no_feed_nor_sitemap_is_a_failed_source(site, run_factory):
    site.set("/", "<html><head><title>Front</title></head><body><p>Front page</p></body></html>")
    run = run_factory([site.url("/")])
    stats = run.poll()
    assert stats.error == "an HTML page that announces no feed, and robots.txt lists no sitemap"


def test_a_source_that_cannot_be_read_is_a_failure_of_the_poll(site, run_factory):
    run = run_factory([site.url("/no-feed.xml")])
    stats = run.poll()
    assert stats.error == "HTTP 404" and stats.stored == 0
    (status,) = run.state.sources()
    assert (status.last_error, status.last_failures, status.last_ok) == ("HTTP 404", 1, None)
    assert run.logged()[0]["reason"] == "listing: HTTP 404"


def test_stop_lets_the_article_in_hand_finish_and_a_restart_stores_the_rest(site, run_factory, tmp_path):
    for n in range(4):
        site.article(f"/news/{n}.html", n)
    site.feed("/feed.xml", [f"/news/{n}.html" for n in range(4)])
    stop = threading.Event()

    class StopAfterOne(FakePipeline):
        def code_article(self, article):
            stop.set()  # as a SIGTERM arriving while this article is coded
            return super().code_article(article)

    run = run_factory([site.url("/feed.xml")], pipeline=StopAfterOne(), stop=stop)
    stats = run.poll()
    assert stats.stored == 1 and stats.status == "stopped" and len(run.articles()) == 1
    run.close()
    again = run_factory([site.url("/feed.xml")])
    assert again.poll().stored == 3
    assert len({r[0] for r in again.articles()}) == 4
    assert all(len(site.hits_of(f"/news/{n}.html")) <= 2 for n in range(4))


def test_archived_pages_are_recoded_by_ingest_to_the_same_articles(site, tmp_path):
    from eventwire.follow.archive import WarcArchive
    from eventwire.ingest import read_articles

    for n in range(2):
        site.article(f"/news/{n}.html", n)
    site.feed("/feed.xml", ["/news/0.html", "/news/1.html"])
    store = open_store(tmp_path / "a.duckdb")
    archive = WarcArchive(tmp_path / "warc")
    follower = Follower(store, FakePipeline, FollowOptions([site.url("/feed.xml")], QUICK, once=True),
                        skips=SkipLog(stream=None), archive=archive)  # fmt: skip
    follower.run()
    archive.close()
    stored = {r[0] for r in store.conn.query("SELECT id FROM articles")}
    follower.close()
    store.close()
    skips = SkipLog(stream=None)
    again = list(read_articles([str(archive.path)], skips=skips))
    assert len(skips) == 0 and {a.id for a in again} == stored and len(stored) == 2


def _text(n):
    from tests.distributed.fakes import article_text

    return article_text(n)
