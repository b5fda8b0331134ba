"""Assemble an ``Article`` from cleaned paragraphs and metadata."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from eventwire.models import Article, Block

PARAGRAPH_SEPARATOR = "\n\n"


def join_paragraphs(paragraphs: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The text of the paragraphs separated by blank lines, and each paragraph's char span."""
    spans: list[tuple[int, int]] = []
    parts: list[str] = []
    offset = 0
    for paragraph in (p.strip() for p in paragraphs):
        if not paragraph:
            continue
        if parts:
            offset += len(PARAGRAPH_SEPARATOR)
        spans.append((offset, offset + len(paragraph)))
        parts.append(paragraph)
        offset += len(paragraph)
    return PARAGRAPH_SEPARATOR.join(parts), spans


def make_article(
    paragraphs: list[str],
    *,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    published: datetime | None = None,
    date_source: str | None = None,
    language: str | None = None,
    dropped: list[Block] | None = None,
    source: str = "",
) -> Article:
    """An ``Article`` with its content-hash id and paragraph spans."""
    text, spans = join_paragraphs(paragraphs)
    return Article(
        id=Article.make_id(text, title, url),
        text=text,
        title=title,
        url=url,
        publisher=publisher,
        published=published,
        date_source=date_source if published else None,
        language=language,
        paragraphs=spans,
        dropped=list(dropped or []),
        source=source,
    )


def with_metadata(article: Article, **metadata: Any) -> Article:
    """A copy of ``article`` with the given non-None metadata set and its id recomputed."""
    updated = replace(article, **{k: v for k, v in metadata.items() if v is not None})
    if updated.published is None:
        updated.date_source = None
    updated.id = Article.make_id(updated.text, updated.title, updated.url)
    return updated
