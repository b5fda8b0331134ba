"""Hostile inputs, made by the tests themselves: every input kind with each flaw.

``build_cases(folder, flaw)`` writes one damaged input per kind that can carry the
flaw and returns what each must give: how many of its records are still good
(``survivors``: a bad line spoils only itself) and the text the skip line must hold.
``GOOD`` is an ordinary article (with a sidecar date) that must come through beside them.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

import pytest

FLAWS = ("empty", "binary", "truncated", "fifo", "huge", "nested", "nul", "invalid_utf8", "relative_date")
DATE = "2021-09-05"
HUGE = 1_050_000  # characters: over the 1,000,000-character limit of one article
DEEP = 100_000  # nesting levels (the JSON parser's recursion limit is about 1,000)


@dataclass(frozen=True)
class Case:
    kind: str
    name: str  # the file name the skip line must name
    survivors: int  # good records of this file that must still be processed
    says: str  # a word the skip line must contain (case-insensitive)


def sentence(i: int) -> str:
    """A distinct plain English sentence (no two alike, so no cleaner drops them as repeated)."""
    rng = random.Random(i)
    who = rng.choice(["The minister", "An envoy", "The mayor", "A spokesman", "The ambassador"])
    what = rng.choice(["met the delegation", "visited the port", "spoke to reporters", "signed the accord"])
    return f"{who} number {i} {what} on day {i * 7 % 365} of the talks in district {i % 97}."


def article_text(first: int, count: int = 4) -> str:
    return " ".join(sentence(i) for i in range(first, first + count))


def huge_text() -> str:
    lines, size, i = [], 0, 0
    while size < HUGE:
        line = article_text(i * 60, 60)  # long paragraphs: the cleaner scans only a line's start
        lines.append(line)
        size += len(line) + 2
        i += 1
    return "\n\n".join(lines)


def record(text: str, published: str = DATE) -> bytes:
    return json.dumps({"title": "A report", "text": text, "published": published}).encode() + b"\n"


def csv_row(text: str, published: str = DATE) -> bytes:
    return f'x,"{text}",{published}\n'.encode()


CSV_HEADER = b"id,text,published\n"


def binary() -> bytes:
    return bytes(random.Random(7).randrange(256) for _ in range(3000)) + b"\x00\x00"


def truncated_gzip(data: bytes) -> bytes:
    packed = gzip.compress(data)
    return packed[: len(packed) // 2]


def warc_bytes() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    page = f"<html><head><title>A report</title></head><body><p>{article_text(500, 8)}</p></body></html>"
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    rec = writer.create_warc_record("https://news.example/a", "response", payload=io.BytesIO(page.encode()),
                                    http_headers=headers)  # fmt: skip
    writer.write_record(rec)
    return out.getvalue()


def parquet_bytes() -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = io.BytesIO()
    pq.write_table(pa.table({"text": [article_text(600)], "published": [DATE]}), out)
    return out.getvalue()


def _write(folder: Path, name: str, data: bytes | None) -> Path:
    path = folder / name
    if data is None:
        os.mkfifo(path)
    else:
        path.write_bytes(data)
    return path


def build_cases(folder: Path, flaw: str, *, parquet: bool = False) -> list[Case]:
    """The hostile inputs of ``flaw`` written into ``folder`` (one per kind that can carry it)."""
    counter = iter(range(1000, 100_000, 10))

    def fresh() -> str:  # a new article each time: runs that store them must not find two alike
        return article_text(next(counter))

    specs: list[tuple[str, str, bytes | None, int, str, dict[str, bytes] | None]] = []
    add = specs.append
    html = f"<html><body><p>{fresh()}</p></body></html>".encode()
    if flaw == "empty":
        for kind, name in (("text", "e.txt"), ("html", "e.html"), ("jsonl", "e.jsonl"), ("csv", "e.csv"),
                           ("warc", "e.warc"), ("gzip", "e.jsonl.gz")):  # fmt: skip
            add((kind, name, b"" if kind != "gzip" else gzip.compress(b""), 0, "empty", None))
    elif flaw == "binary":
        for kind, name in (("text", "b.txt"), ("html", "b.html"), ("jsonl", "b.jsonl"), ("csv", "b.csv"),
                           ("warc", "b.warc"), ("gzip", "b.jsonl.gz")):  # fmt: skip
            add((kind, name, binary(), 0, "gzip" if kind == "gzip" else "", None))
    elif flaw == "truncated":
        add(("text", "t.txt.gz", truncated_gzip(fresh().encode()), 0, "truncated", None))
        add(("html", "t.html.gz", truncated_gzip(html), 0, "truncated", None))
        add(("jsonl", "t.jsonl", record(fresh()) + record(fresh())[:30], 1, "malformed", None))
        add(("csv", "t.csv", CSV_HEADER + csv_row(fresh()) + b'y,"The envoy said', 1, "malformed", None))
        add(("warc", "t.warc.gz", warc_bytes()[:200], 0, "", None))
        add(("gzip", "t.jsonl.gz", truncated_gzip(record(fresh()) * 50), 0, "truncated", None))
    elif flaw == "fifo":
        for kind, name in (("text", "f.txt"), ("html", "f.html"), ("jsonl", "f.jsonl"), ("csv", "f.csv"),
                           ("warc", "f.warc"), ("gzip", "f.jsonl.gz")):  # fmt: skip
            add((kind, name, None, 0, "fifo", None))
        add(("sidecar", "s.txt", fresh().encode(), 0, "fifo", {"s.meta.json": b""}))
    elif flaw == "huge":
        big = huge_text()
        add(("text", "h.txt", big.encode(), 0, "1,000,000", None))
        add(("jsonl", "h.jsonl", record(fresh()) + record(big), 1, "1,000,000", None))
        add(("csv", "h.csv", CSV_HEADER + csv_row(fresh()) + csv_row(big), 1, "1,000,000", None))
    elif flaw == "nested":
        deep = b"[" * DEEP + b"]" * DEEP
        add(("jsonl", "n.jsonl", record(fresh()) + b'{"text": ' + deep + b"}\n", 1, "nested", None))
        add(("json", "n.json", deep, 0, "nested", None))
        add(("sidecar", "n.txt", fresh().encode(), 0, "sidecar", {"n.meta.json": deep}))
        nested_html = (
            b"<html><body>" + b"<div>" * DEEP + fresh().encode() + b"</div>" * DEEP + b"</body></html>"
        )
        add(("html", "n.html", nested_html, -1, "", None))  # -1: either processed or skipped by name
    elif flaw == "nul":
        add(("text", "z.txt", fresh().encode() + b"\x00" + fresh().encode(), 0, "nul", None))
        add(("html", "z.html", html.replace(b"<p>", b"<p>\x00"), 0, "nul", None))
        add(
            (
                "jsonl",
                "z.jsonl",
                record(fresh()) + record(fresh()).replace(b"The", b"T\x00he", 1),
                1,
                "nul",
                None,
            )
        )
        rows = CSV_HEADER + csv_row(fresh()) + csv_row(fresh()).replace(b"The", b"T\x00he", 1)
        add(("csv", "z.csv", rows, 1, "nul", None))
    elif flaw == "invalid_utf8":
        add(("text", "u.txt", fresh().encode() + b" \xff\xfe " + fresh().encode(), 0, "utf-8", None))
        add(("html", "u.html", html.replace(b"<p>", b"<p>\xff\xfe"), 0, "utf-8", None))
        add(
            (
                "jsonl",
                "u.jsonl",
                record(fresh()) + record(fresh()).replace(b"The", b"\xffThe", 1),
                1,
                "utf-8",
                None,
            )
        )
        rows = CSV_HEADER + csv_row(fresh()) + csv_row(fresh()).replace(b"The", b"\xffThe", 1)
        add(("csv", "u.csv", rows, 1, "utf-8", None))
    elif flaw == "relative_date":
        for when in ("yesterday", "3 days ago", "now", "tomorrow"):
            slug = when.replace(" ", "_")
            add(("jsonl", f"r_{slug}.jsonl", record(fresh()) + record(fresh(), when), 1, "relative", None))
        add(
            (
                "csv",
                "r.csv",
                CSV_HEADER + csv_row(fresh()) + csv_row(fresh(), "yesterday"),
                1,
                "relative",
                None,
            )
        )
        add(("jsonl", "r_ambiguous.jsonl", record(fresh()) + record(fresh(), "5/9/21"), 1, "ambiguous", None))
        sidecar = json.dumps({"published": "3 days ago"}).encode()
        add(("sidecar", "r.txt", fresh().encode(), 0, "relative", {"r.meta.json": sidecar}))
    else:
        raise ValueError(flaw)
    if parquet and flaw in ("empty", "binary", "truncated", "fifo"):
        data = {"empty": b"", "binary": binary(), "truncated": parquet_bytes()[:-40], "fifo": None}[flaw]
        add(("parquet", f"p_{flaw}.parquet", data, 0, "", None))
    cases = []
    for kind, name, data, survivors, says, extra in specs:
        for extra_name, extra_data in (extra or {}).items():
            _write(folder, extra_name, None if flaw == "fifo" else extra_data)
        _write(folder, name, data)
        cases.append(Case(kind, str(folder / name), survivors, says))
    return cases


def write_good(folder: Path) -> Path:
    """An ordinary article with its sidecar: it must be processed whatever sits beside it."""
    path = folder / "good.txt"
    text = (
        "Israeli Foreign Minister Yair Lapid met Russian Foreign Minister Sergei Lavrov in Moscow on "
        "Thursday to discuss Syria.\n\nThe two ministers also spoke about trade between their countries."
    )
    path.write_text(text, encoding="utf-8")
    (folder / "good.meta.json").write_text(json.dumps({"published": DATE, "publisher": "Test Wire"}))
    return path


@pytest.fixture(scope="session")
def shared_pipeline():  # type: ignore[no-untyped-def]
    """The real coding pipeline, loaded once for every ``code`` run of this suite."""
    from eventwire.pipeline import Pipeline

    return Pipeline.load()
