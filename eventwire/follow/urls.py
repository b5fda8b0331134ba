"""Page URLs in canonical form: the key under which a page is seen once."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def canonical_url(url: str) -> str:
    """``url`` normalised (courlan): host lower-cased, default port dropped, query sorted, tracking
    parameters (utm_*, fbclid, gclid, ...) stripped; the fragment is dropped as well.

    Raises ``ValueError`` for a URL that is not http(s) with a host.
    """
    from courlan import normalize_url

    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    normal = normalize_url(urlunsplit(parts._replace(fragment="")))
    return urlunsplit(urlsplit(normal)._replace(fragment=""))


def host_of(url: str) -> str:
    """``host:port`` of a URL (the unit of politeness: rate limit, concurrency cap, robots.txt)."""
    parts = urlsplit(url)
    return parts.netloc.lower().rsplit("@", 1)[-1]


def is_site_root(url: str) -> bool:
    """The URL is a site's front page (``/`` or nothing), not an article."""
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query
