"""ingest stage: raw inputs → clean ``Article``s.

* ``read_articles(inputs, date=..., skips=...)``: files, directories, globs,
  ``.gz``, JSONL/CSV corpora, WARC, stdin; every bad input goes to ``skips``.
* ``clean_flattened(raw)``: our boilerplate cleaner for flattened page text.
* ``article_from_html(html, url=...)``: trafilatura + htmldate for HTML pages.
* ``finish_article(article, day, skips)``: the last checks every reader applies (text left, English).
"""

from eventwire.ingest.flattened import clean_flattened
from eventwire.ingest.html import NoArticleError, article_from_html
from eventwire.ingest.reader import DEFAULT_MAX_BYTES, finish_article, read_articles

__all__ = [
    "DEFAULT_MAX_BYTES",
    "NoArticleError",
    "article_from_html",
    "clean_flattened",
    "finish_article",
    "read_articles",
]
