"""``--archive DIR``: every page fetched, as a WARC response record (warcio), for audit and re-coding
with ``eventwire ingest DIR/*.warc.gz``. One file per run; each record is its own gzip member, flushed
when written, so a run that is killed leaves every record written before intact.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import IO

from eventwire.follow.fetch import Response, response_headers


class WarcArchive:
    """Appends fetched pages to ``DIR/eventwire-follow-<time>-<pid>.warc.gz``."""

    def __init__(self, folder: Path) -> None:
        from warcio.warcwriter import WARCWriter

        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        self.path = folder / f"eventwire-follow-{stamp}-{os.getpid()}.warc.gz"
        self._file: IO[bytes] = self.path.open("ab")
        self._writer = WARCWriter(self._file, gzip=True)
        self.records = 0

    def write(self, response: Response) -> None:
        from warcio.statusandheaders import StatusAndHeaders

        http = StatusAndHeaders(f"{response.status} OK", response_headers(response), protocol="HTTP/1.1")
        record = self._writer.create_warc_record(
            response.final_url, "response", payload=BytesIO(response.body), http_headers=http
        )
        self._writer.write_record(record)
        self._file.flush()
        self.records += 1

    def close(self) -> None:
        self._file.close()
