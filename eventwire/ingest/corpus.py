"""Article corpora: JSON lines, JSON arrays and CSV with id, url, title, text/html, published, publisher.

Reading a corpus parses its records and checks their fields; the text or HTML
of each record is cleaned later, when its ``Pending`` is resolved.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime
from functools import partial
from typing import Any

from eventwire.errors import InputError
from eventwire.ingest.article import with_metadata
from eventwire.ingest.dates import parse_date
from eventwire.ingest.flattened import clean_flattened
from eventwire.ingest.html import NoArticleError, article_from_html
from eventwire.ingest.pending import Pending
from eventwire.ingest.sources import line_problem
from eventwire.models import Article

FIELDS = ("id", "url", "title", "text", "html", "published", "publisher")
Result = Pending | InputError


def pending_record(record: dict[str, Any], *, name: str, line: int, date_order: str | None = None) -> Pending:
    """One corpus record, checked, with its cleaning left pending; ``InputError`` (with the line) if bad.

    ``text`` goes through the flattened-text cleaner (already clean text passes
    through whole); ``html`` through trafilatura. The record's own metadata wins.
    """
    for key in FIELDS:
        value = record.get(key)
        if value is not None and key != "id" and not isinstance(value, str):
            raise InputError(name, f"field {key!r} must be a string, not {type(value).__name__}", line)
    record_id = record.get("id")
    where = f"{name}:{line}" + (f" id={record_id}" if record_id not in (None, "") else "")
    title = (record.get("title") or "").strip() or None
    url = (record.get("url") or "").strip() or None
    publisher = (record.get("publisher") or "").strip() or None
    published = None
    if record.get("published") not in (None, ""):
        try:
            published = parse_date(record["published"], date_order)
        except ValueError as exc:
            raise InputError(name, f"field 'published': {exc}", line) from exc
    text, html = record.get("text") or "", record.get("html") or ""
    date_source = "metadata" if published else None
    if html.strip():
        clean = partial(_html_record, html, name=name, line=line, where=where, title=title, url=url,
                        publisher=publisher, published=published)  # fmt: skip
        return Pending(name, clean, line)
    if text.strip():
        clean = partial(clean_flattened, text, source=where, title=title, url=url, publisher=publisher,
                        published=published, date_source=date_source)  # fmt: skip
        return Pending(name, clean, line)
    raise InputError(name, "record has neither 'text' nor 'html'", line)


def _html_record(
    html: str,
    *,
    name: str,
    line: int,
    where: str,
    title: str | None,
    url: str | None,
    publisher: str | None,
    published: datetime | None,
) -> Article:
    try:
        article = article_from_html(html, url=url, source=where)
    except NoArticleError as exc:
        raise InputError(name, f"field 'html': {exc}", line) from exc
    return with_metadata(
        article,
        title=title,
        publisher=publisher,
        published=published,
        date_source="metadata" if published else None,
    )


def read_jsonl(content: str, name: str, date_order: str | None = None) -> Iterator[Result]:
    """Pending articles of a JSON-lines corpus (or a JSON array, or one record); bad lines as errors.

    ``content`` comes from ``decode_lines``: a line holding a NUL byte or invalid UTF-8, nested
    too deeply or malformed is skipped alone, named by its line; the other lines go on.
    """
    stripped = content.lstrip()
    if stripped.startswith(("[", "{")):
        whole = _whole_json(content, name)
        if isinstance(whole, InputError) or (stripped.startswith("[") and whole is not None):
            yield from _json_array(whole, name, date_order)
            return
        if whole is not None:  # one pretty-printed record (a single JSON-lines line parses the same way)
            yield _from_record(whole, name, 1, date_order)
            return
    for number, raw in enumerate(content.splitlines(), start=1):
        if not raw.strip():
            continue
        problem = line_problem(raw)
        if problem is not None:
            yield InputError(name, problem, number)
            continue
        try:
            record = json.loads(raw)
        except ValueError as exc:
            yield InputError(name, f"malformed JSON line: {exc.args[0] if exc.args else exc}", number)
            continue
        except RecursionError:
            yield InputError(name, "JSON nested too deeply", number)
            continue
        yield _from_record(record, name, number, date_order)


def _whole_json(content: str, name: str) -> Any:
    """The whole content parsed as one JSON value; None when it is not one (JSON lines), an
    ``InputError`` when it is an array that cannot be read."""
    is_array = content.lstrip().startswith("[")
    for number, line in enumerate(content.splitlines(), start=1):
        problem = line_problem(line)
        if problem is not None:
            return InputError(name, problem, number) if is_array else None
    try:
        return json.loads(content)
    except json.JSONDecodeError as exc:
        return InputError(name, f"malformed JSON: {exc.msg}", exc.lineno) if is_array else None
    except RecursionError:
        return InputError(name, "JSON nested too deeply") if is_array else None


def _json_array(records: Any, name: str, date_order: str | None) -> Iterator[Result]:
    if isinstance(records, InputError):
        yield records
        return
    for number, record in enumerate(records, start=1):
        yield _from_record(record, f"{name} record", number, date_order)


def _from_record(record: Any, name: str, number: int, date_order: str | None = None) -> Result:
    if not isinstance(record, dict):
        return InputError(name, f"not a JSON object but {type(record).__name__}", number)
    try:
        return pending_record(record, name=name, line=number, date_order=date_order)
    except InputError as exc:
        return exc
    except Exception as exc:  # an odd field value must not end the file
        return InputError(name, f"unexpected error: {type(exc).__name__}: {exc}", number)


def read_csv(content: str, name: str, max_field: int, date_order: str | None = None) -> Iterator[Result]:
    """Pending articles of a CSV corpus with a header row; rows with a wrong field count as errors."""
    csv.field_size_limit(max(max_field, 131072))
    reader = csv.DictReader(io.StringIO(content, newline=""))
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        yield InputError(name, f"malformed CSV header: {exc}", 1)
        return
    if any(line_problem(h) for h in header):
        yield InputError(name, "CSV header is not text (NUL bytes or invalid UTF-8)", 1)
        return
    if not {"text", "html"} & {h.strip() for h in header}:
        yield InputError(name, "CSV header has neither a 'text' nor an 'html' column", 1)
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(name, f"malformed CSV: {exc}", reader.line_num)
            return
        line = reader.line_num
        extra = row.pop(None, None) or []  # type: ignore[call-overload]
        missing = sum(value is None for value in row.values())
        if extra or missing:
            count = len(header) + len(extra) - missing
            yield InputError(name, f"malformed CSV row: {count} fields, the header has {len(header)}", line)
            continue
        problem = next((p for v in row.values() if (p := line_problem(v or "")) is not None), None)
        if problem is not None:
            yield InputError(name, problem, line)
            continue
        record = {k.strip(): v for k, v in row.items() if k is not None}
        yield _from_record(record, name, line, date_order)
