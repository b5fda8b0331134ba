"""The dashboard's sources page and API: what ``eventwire follow`` recorded per source."""

from __future__ import annotations

from eventwire.follow.state import FollowState


def test_sources_page_lists_each_followed_source(store, client):
    state = FollowState(store)
    state.polled("http://127.0.0.1:9/feed.xml", "feed", new=3, failures=0, error=None)
    state.polled("http://127.0.0.1:9/feed.xml", "feed", new=2, failures=1, error=None)
    state.polled("http://127.0.0.1:9/sitemap.xml", None, new=0, failures=1, error="HTTP 404")
    page = client.get("/sources")
    assert page.status_code == 200
    assert "http://127.0.0.1:9/feed.xml" in page.text and "HTTP 404" in page.text
    rows = {r["url"]: r for r in client.get("/api/sources").json()}
    feed, sitemap = rows["http://127.0.0.1:9/feed.xml"], rows["http://127.0.0.1:9/sitemap.xml"]
    counts = (feed["last_new"], feed["total_new"], feed["last_failures"], feed["total_failures"])
    assert counts == (2, 5, 1, 1)
    assert feed["last_ok"] is not None and sitemap["last_ok"] is None and sitemap["last_error"] == "HTTP 404"


def test_sources_page_without_sources_says_so(client):
    page = client.get("/sources")
    assert page.status_code == 200 and "No sources followed yet" in page.text
