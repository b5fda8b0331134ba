"""``read_articles``: every input kind in, clean English ``Article``s out, every failure reported.

``read_pending`` is its first half: it reads the inputs and yields ``Pending``
articles whose cleaning is left to whoever resolves them (here, or a worker
process); ``read_articles`` is ``read_pending`` then ``Pending.resolve``.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from datetime import date as Date
from functools import partial

from eventwire.errors import InputError, SkipLog
from eventwire.ingest.corpus import read_csv, read_jsonl
from eventwire.ingest.dates import read_sidecar
from eventwire.ingest.flattened import clean_flattened
from eventwire.ingest.html import NoArticleError, article_from_html
from eventwire.ingest.pending import NO_DATE_NOTE, Pending, finish_article
from eventwire.ingest.sources import (
    Source,
    decode_html,
    decode_lines,
    decode_text,
    expand_inputs,
    read_source_bytes,
    sniff_kind,
)
from eventwire.ingest.warc import open_warc, read_warc
from eventwire.models import Article

__all__ = ["DEFAULT_MAX_BYTES", "NO_DATE_NOTE", "finish_article", "read_articles", "read_pending"]

DEFAULT_MAX_BYTES = 20_000_000
Result = Pending | InputError


def read_articles(
    inputs: Iterable[str],
    *,
    date: Date | None = None,
    skips: SkipLog,
    max_bytes: int = DEFAULT_MAX_BYTES,
    date_order: str | None = None,
) -> Iterator[Article]:
    """Clean articles from paths, directories (recursive), globs and ``-`` (stdin).

    Kinds by name: ``.txt`` flattened page text (with an optional
    ``NAME.meta.json`` sidecar), ``.html``/``.htm``, ``.jsonl``/``.json`` and
    ``.csv`` corpora, ``.warc``/``.warc.gz``; ``.gz`` is read through.
    ``date`` (the user's ``--date``) overrides every article's date. Each bad
    input, record or non-English article is reported to ``skips`` and the rest
    goes on. ``date_order`` (DMY, MDY, YMD) reads all-numeric metadata dates; without
    it an ambiguous one ("5/9/21") is refused.
    """
    for pending in read_pending(inputs, skips=skips, max_bytes=max_bytes, date_order=date_order):
        article = pending.resolve(date, skips)
        if article is not None:
            yield article


def read_pending(
    inputs: Iterable[str],
    *,
    skips: SkipLog,
    max_bytes: int = DEFAULT_MAX_BYTES,
    date_order: str | None = None,
) -> Iterator[Pending]:
    """The articles of the inputs (as ``read_articles`` takes them), read but not yet cleaned.

    Unreadable inputs and bad records are reported to ``skips`` here; what
    cleaning finds wrong is reported when each ``Pending`` is resolved.
    """
    for source in expand_inputs(inputs, skips):
        yield from pending_of(source, skips, max_bytes, date_order)


def pending_of(
    source: Source, skips: SkipLog, max_bytes: int, date_order: str | None = None
) -> Iterator[Pending]:
    """The pending articles of one source, streamed; its failures go to ``skips`` and never escape."""
    if source.kind == "warc":
        results = _warc_results(source, max_bytes)
    else:
        results = _read_source(source, max_bytes, date_order)
    try:
        for result in results:
            if isinstance(result, InputError):
                skips.add_error(result)
            else:
                yield result
    except InputError as exc:
        skips.add_error(exc)
    except Exception as exc:  # a reader failing on odd input must not end the batch
        skips.add(source.name, f"unexpected error: {type(exc).__name__}: {exc}")


def _warc_results(source: Source, max_bytes: int) -> Iterator[Result]:
    if source.path is None:  # stdin is read whole and sniffed in _read_source
        return
    try:
        stream = open_warc(source.path, source.name)
    except InputError as exc:
        yield exc
        return
    with stream:
        yield from read_warc(stream, source.name, max_bytes)


def _read_source(source: Source, max_bytes: int, date_order: str | None = None) -> Iterator[Result]:
    data = read_source_bytes(source, max_bytes)
    kind = source.kind or sniff_kind(data)
    name = source.name
    if kind == "warc":
        yield from read_warc(io.BytesIO(data), name, max_bytes)
    elif kind == "html":
        yield Pending(name, partial(clean_html_page, decode_html(data, name), name))
    elif kind == "jsonl":
        yield from read_jsonl(decode_lines(data, name), name, date_order)
    elif kind == "csv":
        yield from read_csv(decode_lines(data, name), name, max_bytes, date_order)
    else:
        yield _read_flattened(source, decode_text(data, name), date_order)


def clean_html_page(html: str, name: str) -> Article:
    """The article of a whole HTML page; ``InputError`` when it has none."""
    try:
        return article_from_html(html, source=name)
    except NoArticleError as exc:
        raise InputError(name, str(exc)) from exc


def _read_flattened(source: Source, text: str, date_order: str | None = None) -> Result:
    meta = {}
    if source.path is not None:
        try:
            meta = read_sidecar(source.path, date_order)
        except ValueError as exc:
            return InputError(source.name, str(exc))
    published = meta.get("published")
    clean = partial(clean_flattened, text, source=source.name, title=meta.get("title"), url=meta.get("url"),
                    publisher=meta.get("publisher"), published=published,
                    date_source="metadata" if published else None)  # fmt: skip
    return Pending(source.name, clean)
