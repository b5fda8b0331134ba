"""Listings: feeds, sitemaps, news sitemaps, sitemap indexes and homepages (trafilatura's parsing)."""

from __future__ import annotations

import gzip

import pytest

from eventwire.follow.links import Kind, NotAListing, listing_text, parse_listing
from eventwire.follow.urls import canonical_url
from tests.follow.site import atom, news_sitemap, rss, sitemap_index

BASE = "http://127.0.0.1:8000"


def test_rss_items_are_pages_and_the_channel_link_is_not():
    listing = parse_listing(rss(BASE, ["/a.html", "/b.html"]), BASE + "/feed.xml")
    assert listing.kind is Kind.feed
    assert listing.pages == [BASE + "/a.html", BASE + "/b.html"]


def test_atom_entries_are_pages_and_the_self_link_is_not():
    listing = parse_listing(atom(BASE, ["/c.html"]), BASE + "/atom.xml")
    assert (listing.kind, listing.pages) == (Kind.feed, [BASE + "/c.html"])


def test_relative_links_are_made_absolute():
    feed = '<rss version="2.0"><channel><item><link>/news/d.html</link></item></channel></rss>'
    assert parse_listing(feed, BASE + "/feeds/all.rss").pages == [BASE + "/news/d.html"]


def test_a_news_sitemap_lists_pages_and_an_index_lists_sitemaps():
    listing = parse_listing(news_sitemap(BASE, ["/n1.html", "/n2.html"]), BASE + "/news-sitemap.xml")
    assert (listing.kind, listing.pages, listing.listings) == (
        Kind.sitemap,
        [BASE + "/n1.html", BASE + "/n2.html"],
        [],
    )
    index = parse_listing(sitemap_index(BASE, ["/news-sitemap.xml"]), BASE + "/sitemap.xml")
    assert (index.kind, index.pages, index.listings) == (Kind.sitemap, [], [BASE + "/news-sitemap.xml"])


def test_a_gzipped_sitemap_is_read():
    body = gzip.compress(news_sitemap(BASE, ["/z.html"]).encode())
    assert parse_listing(listing_text(body, "x.xml.gz"), BASE + "/s.xml.gz").pages == [BASE + "/z.html"]


def test_a_homepage_announces_its_feeds():
    html = ('<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
            "</head><body><p>Front page</p></body></html>")  # fmt: skip
    listing = parse_listing(html, BASE + "/", content_type="text/html")
    assert (listing.kind, listing.listings) == (Kind.homepage, [BASE + "/feed.xml"])


def test_something_else_is_not_a_listing():
    with pytest.raises(NotAListing):
        parse_listing("just some words, not a feed", BASE + "/x", content_type="text/plain")


def test_canonical_urls_drop_tracking_parameters_fragments_and_default_ports():
    assert canonical_url("HTTP://127.0.0.1:80/News/a.html?utm_source=rss&b=2&a=1&fbclid=x#top") == (
        "http://127.0.0.1/News/a.html?a=1&b=2"
    )
    assert canonical_url("https://example.org/story?id=7&gclid=abc") == "https://example.org/story?id=7"
    with pytest.raises(ValueError, match="not an http"):
        canonical_url("ftp://example.org/file")
