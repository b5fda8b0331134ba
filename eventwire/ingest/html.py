"""HTML pages → ``Article``: main content and metadata with trafilatura, the date with htmldate."""

from __future__ import annotations

from datetime import datetime

from eventwire.ingest.article import make_article
from eventwire.models import Article


class NoArticleError(ValueError):
    """The HTML holds no article text that trafilatura can find."""


def find_published(html: str, url: str | None = None) -> datetime | None:
    """The page's own publication date (htmldate: markup, metadata and URL; no guess from the crawl)."""
    from htmldate import find_date

    try:
        found = find_date(html, url=url, original_date=True, extensive_search=False)
    except (ValueError, TypeError):
        return None
    return datetime.fromisoformat(found) if found else None


def article_from_html(html: str, *, url: str | None = None, source: str = "") -> Article:
    """Main text, title, publisher, url and publication date of an HTML page.

    Raises ``NoArticleError`` (a ``ValueError``) when the page has no article text.
    """
    import trafilatura

    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise NoArticleError("no article text found in the HTML")
    published = find_published(html, url)
    paragraphs = [p for p in text.split("\n") if p.strip()]
    return make_article(
        paragraphs,
        title=getattr(document, "title", None) or None,
        url=url or getattr(document, "url", None) or None,
        publisher=getattr(document, "sitename", None) or None,
        published=published,
        date_source="html" if published else None,
        source=source,
    )
