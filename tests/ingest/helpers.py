"""Builders for ingest inputs that are made in tmp_path rather than committed."""

from __future__ import annotations

import io
from pathlib import Path


def write_warc(path: Path, records: list[tuple[str, str, bytes, str | None]], gzip: bool = True) -> Path:
    """A WARC of response records (url, content type, payload, WARC-Date) plus a request record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for url, content_type, payload, warc_date in records:
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(request)
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            headers = {"WARC-Date": warc_date} if warc_date else None
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=http, warc_headers_dict=headers
            )
            writer.write_record(record)
    return path
