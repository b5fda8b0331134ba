"""HTML pages → ``Article``: main content and metadata with trafilatura, the date with htmldate."""

from __future__ import annotations

from datetime import datetime

from eventwire.ingest.article import make_article
from eventwire.ingest.boilerplate import PROSE, label_unit
from eventwire.ingest.features import line_features
from eventwire.ingest.flatten import flatten_html
from eventwire.models import Article, Block


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


def unextracted_blocks(html: str, paragraphs: list[str], title: str | None) -> list[Block]:
    """The visible lines trafilatura left out (numbered as lines of the flattened page), for inspection."""
    kept = " ".join(" ".join(p.split()) for p in [*paragraphs, title or ""])
    return [
        Block(line, number, "not main content (trafilatura)")
        for number, line in enumerate(flatten_html(html).split("\n"), start=1)
        if line and line not in kept
    ]


def has_prose(paragraphs: list[str]) -> bool:
    """At least one paragraph reads like sentences (the cleaner's own prose test)."""
    units = line_features(paragraphs)
    return any(label_unit(unit)[0] == PROSE for unit in units)


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
    title = getattr(document, "title", None) or None
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if title and paragraphs and paragraphs[0].lower() == title.strip().lower():
        paragraphs = paragraphs[1:]  # the headline is the title, not body
    if not has_prose(paragraphs):
        raise NoArticleError("no article text found in the HTML (only navigation or short fragments)")
    published = find_published(html, url)
    dropped = unextracted_blocks(html, paragraphs, title)
    return make_article(
        paragraphs,
        title=title,
        url=url or getattr(document, "url", None) or None,
        publisher=getattr(document, "sitename", None) or None,
        published=published,
        date_source="html" if published else None,
        dropped=dropped,
        source=source,
    )
