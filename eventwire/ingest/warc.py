"""WARC files (as Common Crawl News ships them): HTML response records → pending Articles."""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import IO

from eventwire.errors import InputError
from eventwire.ingest.article import with_metadata
from eventwire.ingest.dates import parse_date
from eventwire.ingest.html import NoArticleError, article_from_html
from eventwire.ingest.opening import NotRegularFile, open_regular
from eventwire.ingest.pending import Pending
from eventwire.ingest.sources import decode_html
from eventwire.models import Article

Result = Pending | InputError


def read_warc(stream: IO[bytes], name: str, max_bytes: int) -> Iterator[Result]:
    """Pending articles of the HTML response records of a WARC stream (gzipped or not).

    The record URL is the article URL; the published date comes from the page
    (htmldate), the WARC-Date only as a fallback, labelled ``date_source="crawl"``.
    A damaged archive ends with one error naming how many records were read.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    intact = gzip_intact(stream)
    count = 0
    try:
        for record in ArchiveIterator(stream):
            count += 1
            if record.rec_type != "response":
                continue
            yield _record_pending(record, name, count, max_bytes)
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
        yield InputError(name, f"damaged or truncated WARC after {count} records: {exc}")
        return  # one line per damaged input
    if not intact:
        yield InputError(name, f"truncated or corrupt gzip: the archive breaks off after {count} records")
    elif count == 0:
        yield InputError(name, "no WARC records found")


def gzip_intact(stream: IO[bytes], chunk: int = 1 << 20) -> bool:
    """True unless the stream is gzip data that breaks off or is corrupt (warcio stops quietly there).

    Reads the stream once (multi-member gzip, as WARCs are) and rewinds it.
    """
    start = stream.tell()
    if stream.read(2) != b"\x1f\x8b":
        stream.seek(start)
        return True
    stream.seek(start)
    decompressor = zlib.decompressobj(wbits=31)
    pending = False  # the current member has started but not ended
    try:
        while block := stream.read(chunk):
            while block:
                decompressor.decompress(block)
                pending = not decompressor.eof
                block = b""
                if decompressor.eof:  # next member, if any, starts in the unused tail
                    block = decompressor.unused_data
                    decompressor = zlib.decompressobj(wbits=31)
        return not pending
    except zlib.error:
        return False
    finally:
        stream.seek(start)


def _record_pending(record: object, name: str, number: int, max_bytes: int) -> Result:
    """One response record read and decoded; its HTML is cleaned when the ``Pending`` is resolved."""
    headers = record.rec_headers  # type: ignore[attr-defined]
    url = headers.get_header("WARC-Target-URI")
    record_id = headers.get_header("WARC-Record-ID") or f"record {number}"
    where = f"{name} {record_id}"
    label = f"{record_id} ({url})"
    http = record.http_headers  # type: ignore[attr-defined]
    content_type = (http.get_header("Content-Type") if http else None) or ""
    if "html" not in content_type.lower():
        kind = content_type or "no content type"
        return InputError(name, f"{label}: not HTML ({kind})", number)
    data = record.content_stream().read(max_bytes + 1)  # type: ignore[attr-defined]
    if len(data) > max_bytes:
        return InputError(name, f"{label}: page over {max_bytes} bytes", number)
    if getattr(record.raw_stream, "limit", 0):  # type: ignore[attr-defined]
        return InputError(name, f"{label}: record truncated (archive ends inside it)", number)
    declared = content_type.split("charset=", 1)[1].strip(" \"';") if "charset=" in content_type else None
    try:
        html = decode_html(data, where, declared)
    except InputError as exc:
        return InputError(name, f"{label}: {exc.reason}", number)
    clean = partial(_record_article, html, url=url, where=where, name=name, label=label, number=number,
                    crawled=headers.get_header("WARC-Date"))  # fmt: skip
    return Pending(name, clean, number)


def _record_article(
    html: str, *, url: str | None, where: str, name: str, label: str, number: int, crawled: str | None
) -> Article:
    """The article of a record's HTML; the crawl date (WARC-Date) only when the page gives none."""
    try:
        article = article_from_html(html, url=url, source=where)
    except NoArticleError as exc:
        raise InputError(name, f"{label}: {exc}", number) from exc
    if article.published is None and crawled:
        try:
            published = parse_date(crawled)
        except ValueError:
            return article
        return with_metadata(article, published=published, date_source="crawl")
    return article


def open_warc(path: Path, name: str) -> IO[bytes]:
    """The WARC file opened for streaming (``open_regular``: no FIFO or device); empty ones refused."""
    try:
        stream = open_regular(path)
    except NotRegularFile as exc:
        raise InputError(name, exc.reason) from exc
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc
    if os.fstat(stream.fileno()).st_size == 0:
        stream.close()
        raise InputError(name, "empty input")
    return stream
