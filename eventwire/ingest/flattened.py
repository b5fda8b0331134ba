"""Flattened page text (a crawler's text dump, like ``samples/*.txt``) → ``Article``."""

from __future__ import annotations

from datetime import datetime

from eventwire.ingest.article import make_article
from eventwire.ingest.boilerplate import clean_lines
from eventwire.models import Article


def clean_flattened(
    raw: str,
    *,
    source: str = "",
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    published: datetime | None = None,
    date_source: str | None = None,
) -> Article:
    """Clean flattened page text: headline as title, main body in order, furniture dropped.

    Metadata given here (for instance from a sidecar or a corpus record) is set
    on the article; ``title`` given stops the first line being taken as title.
    The dropped lines are kept in ``Article.dropped`` with the rule behind each.
    """
    cleaned = clean_lines(raw, title=title)
    return make_article(
        cleaned.paragraphs,
        title=cleaned.title,
        url=url,
        publisher=publisher,
        published=published,
        date_source=date_source,
        dropped=cleaned.dropped,
        source=source,
    )
