"""What a source lists: links of RSS/Atom/JSON feeds, (news) sitemaps and sitemap indexes, and the
feeds a homepage announces. Parsing is trafilatura's (feeds, sitemaps, feed discovery); its URL
filters, which need a public domain name, are replaced by a plain http(s) check here.
"""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urljoin, urlsplit

from eventwire.follow.urls import is_site_root

MAX_GUNZIP = 50_000_000


class Kind(StrEnum):
    feed = "feed"
    sitemap = "sitemap"
    homepage = "homepage"


@dataclass(slots=True)
class Listing:
    """What one listing gave: page links, and further listings (nested sitemaps, discovered feeds)."""

    kind: Kind
    pages: list[str] = field(default_factory=list)
    listings: list[str] = field(default_factory=list)


class NotAListing(ValueError):
    """The body is neither a feed, nor a sitemap, nor an HTML page announcing feeds."""


def listing_text(body: bytes, url: str) -> str:
    """The text of a listing body; ``.gz`` sitemaps are gunzipped (with a size cap)."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = zlib.decompressobj(wbits=31).decompress(body, MAX_GUNZIP)
        except (zlib.error, gzip.BadGzipFile) as exc:
            raise NotAListing(f"corrupt gzip data: {exc}") from exc
    return body.decode("utf-8", errors="replace").lstrip("\ufeff")


def parse_listing(text: str, url: str, *, content_type: str = "") -> Listing:
    """The links of a feed, sitemap or homepage at ``url``; ``NotAListing`` when it is none of them."""
    from trafilatura.feeds import FeedParameters, determine_feed, find_links, is_potential_feed
    from trafilatura.sitemaps import SITEMAP_FORMAT

    stripped = text.strip()
    host = urlsplit(url).netloc
    params = FeedParameters(url, host, url)
    if SITEMAP_FORMAT.match(stripped) and (
        "<urlset" in stripped[:2000] or "<sitemapindex" in stripped[:2000]
    ):
        return _sitemap(stripped, url)
    if is_potential_feed(stripped) or stripped.startswith("{"):
        return Listing(Kind.feed, pages=_pages(find_links(stripped, params), url))
    if "html" in content_type.lower() or "<html" in stripped[:1000].lower():
        feeds = determine_feed(stripped, params)
        return Listing(Kind.homepage, listings=_http(feeds, url))
    lines = stripped.split()
    if lines and all(line.startswith(("http://", "https://")) for line in lines):
        return Listing(Kind.sitemap, pages=_pages(lines, url))  # a plain-text sitemap
    raise NotAListing("not a feed, a sitemap or an HTML homepage")


def _sitemap(text: str, url: str) -> Listing:
    from trafilatura.sitemaps import SitemapObject

    class Locations(SitemapObject):
        """trafilatura's sitemap parsing, keeping every location (filtered by ``_http`` below)."""

        __slots__ = ()

        def handle_link(self, link: str) -> None:
            self.urls.append(link)

    sitemap = Locations(url, urlsplit(url).netloc, [])
    sitemap.current_url, sitemap.content = url, text
    sitemap.extract_sitemap_links()
    found = sitemap.urls
    if "<sitemapindex" in text:  # an index: every location is a sitemap
        return Listing(Kind.sitemap, listings=_http(found, url))
    return Listing(Kind.sitemap, pages=_pages(found, url))


def _http(links: list[str], base: str) -> list[str]:
    """Absolute http(s) links, in order, once each."""
    out: dict[str, None] = {}
    for link in links:
        absolute = urljoin(base, link.strip())
        if urlsplit(absolute).scheme in ("http", "https") and absolute != base:
            out[absolute] = None
    return list(out)


def _pages(links: list[str], base: str) -> list[str]:
    """Article links: absolute http(s), not the site's front page (an RSS channel's own link)."""
    return [link for link in _http(links, base) if not is_site_root(link)]
