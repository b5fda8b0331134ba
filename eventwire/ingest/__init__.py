"""ingest stage: raw inputs → clean ``Article``s.

* ``read_articles(inputs, date=..., skips=...)``: files, directories, globs,
  ``.gz``, JSONL/CSV corpora, WARC, stdin; every bad input goes to ``skips``.
* ``clean_flattened(raw)``: our boilerplate cleaner for flattened page text.
* ``article_from_html(html, url=...)``: trafilatura + htmldate for HTML pages.
* ``finish_article(article, day, skips)``: the last checks every reader applies (text left, English).
* ``read_pending(inputs, skips=...)``: the inputs read but not yet cleaned, as picklable ``Pending``
  items; ``Pending.resolve(day, skips)`` cleans and finishes one (``read_articles`` does both).
"""

from eventwire.ingest.flattened import clean_flattened
from eventwire.ingest.html import NoArticleError, article_from_html
from eventwire.ingest.pending import Pending, finish_article
from eventwire.ingest.reader import DEFAULT_MAX_BYTES, read_articles, read_pending

__all__ = [
    "DEFAULT_MAX_BYTES",
    "NoArticleError",
    "Pending",
    "article_from_html",
    "clean_flattened",
    "finish_article",
    "read_articles",
    "read_pending",
]
