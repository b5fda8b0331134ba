"""The polite fetcher against the loopback site: robots.txt, retries, caps, conditional GET, pacing."""

from __future__ import annotations

import threading
from dataclasses import replace
from itertools import pairwise

import pytest

from eventwire.follow.fetch import Fetcher, FetchError
from tests.follow.conftest import QUICK


def test_sends_its_user_agent_and_honours_robots_txt(site):
    site.set("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.set("/private/a.html", "<p>secret</p>")
    site.set("/open.html", "<html><p>fine</p></html>")
    with Fetcher(QUICK) as fetcher:
        assert fetcher.get(site.url("/open.html")).status == 200
        with pytest.raises(FetchError, match=r"disallowed by robots\.txt") as caught:
            fetcher.get(site.url("/private/a.html"))
    assert not caught.value.transient
    assert site.hits_of("/private/a.html") == []
    assert len(site.hits_of("/robots.txt")) == 1  # fetched once, then cached
    assert all(h.headers.get("User-Agent") == QUICK.user_agent for h in site.hits)


def test_a_redirect_into_a_disallowed_path_is_refused(site):
    site.set("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.set("/short", status=302, headers={"Location": "/private/a.html"})
    site.set("/private/a.html", "<p>secret</p>")
    with Fetcher(QUICK) as fetcher, pytest.raises(FetchError, match=r"disallowed by robots\.txt") as caught:
        fetcher.get(site.url("/short"))
    assert "redirected to" in caught.value.reason and not caught.value.transient


def test_a_missing_robots_txt_allows_everything_and_a_5xx_one_nothing(site):
    site.set("/a.html", "<p>a</p>")
    with Fetcher(QUICK) as fetcher:
        assert fetcher.get(site.url("/a.html")).status == 200
    site.set("/robots.txt", "", fail_first=99)
    with (
        Fetcher(QUICK) as fetcher,
        pytest.raises(FetchError, match=r"robots\.txt could not be read") as caught,
    ):
        fetcher.get(site.url("/a.html"))
    assert caught.value.transient and len(site.hits_of("/a.html")) == 1  # the page itself was not asked for


def test_429_and_503_are_retried_with_backoff_then_succeed(site):
    site.set("/busy.html", "<p>ok at last</p>", fail_first=2)
    with Fetcher(QUICK) as fetcher:
        response = fetcher.get(site.url("/busy.html"))
    assert response.status == 200 and response.body == b"<p>ok at last</p>"
    assert len(site.hits_of("/busy.html")) == 3


def test_a_persistent_500_fails_for_now_after_the_retries(site):
    site.set("/broken.html", "oops", status=500)
    with Fetcher(QUICK) as fetcher, pytest.raises(FetchError, match=r"HTTP 500 \(3 attempts\)") as caught:
        fetcher.get(site.url("/broken.html"))
    assert caught.value.transient
    assert len(site.hits_of("/broken.html")) == 3


def test_a_retry_after_header_is_followed_but_capped(site):
    site.set("/slowdown.html", "<p>x</p>", status=429, headers={"Retry-After": "3600"})
    with Fetcher(replace(QUICK, retries=1)) as fetcher, pytest.raises(FetchError, match="HTTP 429"):
        fetcher.get(site.url("/slowdown.html"))
    first, second = site.hits_of("/slowdown.html")
    assert 0.04 <= second.at - first.at < 1.0  # waited max_backoff (0.05 s), not an hour


def test_a_slow_answer_times_out_and_is_retried(site):
    site.set("/slow.html", "<p>late</p>", delay=0.6)
    with (
        Fetcher(replace(QUICK, timeout=0.2, retries=1)) as fetcher,
        pytest.raises(FetchError, match=r"timed out after 0\.2 s") as caught,
    ):
        fetcher.get(site.url("/slow.html"))
    assert caught.value.transient and len(site.hits_of("/slow.html")) == 2


def test_404_is_final(site):
    with Fetcher(QUICK) as fetcher, pytest.raises(FetchError, match="HTTP 404") as caught:
        fetcher.get(site.url("/gone.html"))
    assert not caught.value.transient and len(site.hits_of("/gone.html")) == 1


def test_redirects_are_followed_up_to_the_cap(site):
    site.set("/old.html", status=301, headers={"Location": "/new.html"})
    site.set("/new.html", "<p>moved</p>")
    for n in range(6):
        site.set(f"/loop{n}", status=302, headers={"Location": f"/loop{n + 1}"})
    with Fetcher(QUICK) as fetcher:
        response = fetcher.get(site.url("/old.html"))
        assert response.final_url == site.url("/new.html") and response.body == b"<p>moved</p>"
        with pytest.raises(FetchError, match="more than 3 redirects"):
            fetcher.get(site.url("/loop0"))


@pytest.mark.parametrize("chunked", [False, True])
def test_a_page_over_the_size_cap_is_refused(site, chunked):
    site.set("/huge.html", "<p>" + "word " * 60_000 + "</p>", chunked=chunked)
    with Fetcher(QUICK) as fetcher, pytest.raises(FetchError, match="over the size cap") as caught:
        fetcher.get(site.url("/huge.html"))
    assert not caught.value.transient


def test_non_html_is_refused_for_pages_with_its_type(site):
    site.set("/report.pdf", b"%PDF-1.4 binary", content_type="application/pdf")
    with Fetcher(QUICK) as fetcher:
        with pytest.raises(FetchError, match=r"not HTML \(application/pdf\)"):
            fetcher.get(site.url("/report.pdf"), html_only=True)
        assert fetcher.get(site.url("/report.pdf")).body.startswith(b"%PDF")  # a listing may be anything


def test_conditional_get_gets_304_when_unchanged(site):
    site.feed("/feed.xml", ["/a.html"], etag='"v1"')
    with Fetcher(QUICK) as fetcher:
        first = fetcher.get(site.url("/feed.xml"))
        assert first.status == 200 and first.headers["etag"] == '"v1"'
        again = fetcher.get(site.url("/feed.xml"), etag='"v1"', last_modified=first.headers["last-modified"])
    assert again.not_modified and again.body == b""
    assert site.hits_of("/feed.xml")[-1].headers.get("If-None-Match") == '"v1"'


def test_requests_to_one_host_are_spaced_by_the_delay(site):
    for n in range(3):
        site.set(f"/p{n}.html", "<p>x</p>")
    with Fetcher(replace(QUICK, delay=0.15)) as fetcher:
        for n in range(3):
            fetcher.get(site.url(f"/p{n}.html"))
    starts = [h.at for h in site.hits if h.path.startswith("/p")]
    assert all(b - a >= 0.14 for a, b in pairwise(starts))


def test_at_most_per_host_requests_are_in_flight(site):
    for n in range(8):
        site.set(f"/s{n}.html", "<p>x</p>", delay=0.1)
    fetcher = Fetcher(replace(QUICK, per_host=2))
    fetcher.get(site.url("/s0.html"))  # robots.txt read first
    threads = [threading.Thread(target=fetcher.get, args=(site.url(f"/s{n}.html"),)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    fetcher.close()
    assert site.max_in_flight == 2
