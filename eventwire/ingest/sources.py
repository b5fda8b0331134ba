"""Where inputs come from: paths, directories, globs, stdin; bytes read safely and decoded strictly."""

from __future__ import annotations

import glob
import gzip
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.errors import InputError, SkipLog
from eventwire.ingest.dates import is_sidecar
from eventwire.ingest.opening import NotRegularFile, open_regular, regular_file_problem

STDIN = "-"
STDIN_NAME = "<stdin>"
KINDS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".warc": "warc",
}
_GLOB_CHARS = re.compile(r"[*?\[]")
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
GZIP_MAGIC = b"\x1f\x8b"
_SURROGATE = re.compile("[\udc80-\udcff]")


@dataclass(frozen=True, slots=True)
class Source:
    """One input to read: a file path, or stdin."""

    name: str  # as shown in messages: the path, or "<stdin>"
    path: Path | None  # None for stdin
    kind: str | None  # text, html, jsonl, csv, warc; None: decide from the content

    @property
    def gzipped(self) -> bool:
        return self.path is not None and self.path.name.lower().endswith(".gz")


def kind_of(path: Path) -> str | None:
    """The input kind from the file name (``.gz`` looked through), None when unknown."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    suffix = "." + name.rsplit(".", 1)[1] if "." in name else ""
    return KINDS.get(suffix)


def expand_inputs(inputs: Iterable[str], skips: SkipLog) -> Iterator[Source]:
    """Every file named by the inputs: files, directories (recursive), globs and ``-`` for stdin.

    Inputs that name nothing readable are reported to ``skips``, and so is
    anything found that is not a regular file (a FIFO, device, symbolic link
    loop or dangling link): it is never opened. Sidecars (``*.meta.json``)
    found in directories and globs are metadata and not listed.
    """
    for item in inputs:
        if item == STDIN:
            yield Source(STDIN_NAME, None, None)
            continue
        path = Path(item)
        problem = None if path.is_dir() else regular_file_problem(path)
        if path.is_dir():
            yield from _directory(path, skips)
        elif problem is None:
            if is_sidecar(path):
                skips.add(item, "a metadata sidecar, not an article (it is read with the file it describes)")
            else:
                yield Source(item, path, kind_of(path))
        elif _GLOB_CHARS.search(item) and not path.is_symlink() and not os.path.lexists(path):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                skips.add(item, "no files match this pattern")
            for match in matches:
                match_path = Path(match)
                if match_path.is_dir():
                    yield from _directory(match_path, skips)
                elif not is_sidecar(match_path):
                    yield from _file(match_path, skips)
        else:
            skips.add(item, problem)


def _file(path: Path, skips: SkipLog, kind: str | None = None) -> Iterator[Source]:
    problem = regular_file_problem(path)
    if problem is None:
        yield Source(str(path), path, kind or kind_of(path))
    else:
        skips.add(str(path), problem)


def _directory(root: Path, skips: SkipLog) -> Iterator[Source]:
    """The files under ``root`` (symbolic links to directories are not followed, hidden entries skipped)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=False, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in dirs:
            if os.path.islink(os.path.join(folder, name)):
                skips.note(os.path.join(folder, name), "a symbolic link to a directory, not followed")
        found += [Path(folder, name) for name in files if not name.startswith(".")]
    for path in sorted(found):
        if is_sidecar(path):
            continue
        problem = regular_file_problem(path)
        if problem is not None:
            skips.add(str(path), problem)
            continue
        kind = kind_of(path)
        if kind is None:
            skips.add(str(path), f"unsupported file type {path.suffix or '(no extension)'!r} in a directory")
        else:
            yield Source(str(path), path, kind)


def read_source_bytes(source: Source, max_bytes: int) -> bytes:
    """The raw bytes of a source, gunzipped; ``InputError`` when missing, oversized, empty or bad gzip.

    Files are opened by ``open_regular``: a FIFO or device is refused, never waited on.
    """
    if source.path is None:
        stream = getattr(sys.stdin, "buffer", None)
        data = stream.read(max_bytes + 1) if stream is not None else sys.stdin.read().encode("utf-8")
        if len(data) > max_bytes:
            raise InputError(source.name, f"over the {_mb(max_bytes)} limit")
    else:
        try:
            with open_regular(source.path) as fh:
                size = os.fstat(fh.fileno()).st_size
                if size > max_bytes:
                    raise InputError(source.name, f"file is {_mb(size)}, over the {_mb(max_bytes)} limit")
                data = fh.read(max_bytes + 1)
        except NotRegularFile as exc:
            raise InputError(source.name, exc.reason) from exc
        except OSError as exc:
            raise InputError(source.name, f"cannot read: {exc.strerror or exc}") from exc
        if len(data) > max_bytes:
            raise InputError(source.name, f"grew over the {_mb(max_bytes)} limit while read")
    if data[:2] == GZIP_MAGIC:
        data = gunzip(data, source.name, max_bytes)
    elif source.gzipped:
        raise InputError(source.name, "named .gz but is not gzip data")
    if not data.strip():
        raise InputError(source.name, "empty input")
    return data


def gunzip(data: bytes, name: str, max_bytes: int) -> bytes:
    """Decompressed gzip data; a truncated or corrupt stream, or one too large, is an ``InputError``."""
    decompressor = zlib.decompressobj(wbits=31)
    try:
        out = decompressor.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise InputError(name, f"corrupt gzip data: {exc}") from exc
    if len(out) > max_bytes:
        raise InputError(name, f"decompresses to over the {_mb(max_bytes)} limit")
    if not decompressor.eof:
        raise InputError(name, "truncated gzip file (compressed stream ends early)")
    rest = decompressor.unused_data
    if rest.strip(b"\x00"):  # concatenated gzip members
        try:
            out += gzip.decompress(rest)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(name, f"corrupt or truncated gzip member: {exc}") from exc
    return out


def check_not_binary(data: bytes, name: str) -> None:
    """Text inputs must not contain NUL bytes (images, archives, executables do)."""
    if b"\x00" in data[:65536]:
        raise InputError(name, "binary content (NUL bytes), not text")


def decode_text(data: bytes, name: str) -> str:
    """Strict UTF-8 (a BOM is allowed); undecodable bytes are an ``InputError`` naming line and byte."""
    check_not_binary(data, name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.start + 1].hex()
        raise InputError(name, f"not valid UTF-8 (byte 0x{bad} at offset {exc.start})", line) from exc


def decode_lines(data: bytes, name: str) -> str:
    """A line-based corpus (JSONL, CSV) decoded so that one bad line spoils only itself.

    Undecodable bytes become lone surrogates and NUL bytes stay, for the reader to
    refuse that line alone (``line_problem``); a file in which no line is clean text
    (an image, an archive) is refused whole.
    """
    text = data.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    if any(line_problem(line) is None for line in text.splitlines() if line.strip()):
        return text
    check_not_binary(data, name)
    return decode_text(data, name)  # raises, naming the first undecodable byte


def line_problem(line: str) -> str | None:
    """Why one line of a decoded corpus (``decode_lines``) is not text, or None when it is."""
    if "\x00" in line:
        return "NUL byte in the line (binary data), not text"
    if _SURROGATE.search(line):
        return "not valid UTF-8"
    return None


def decode_html(data: bytes, name: str, declared: str | None = None) -> str:
    """HTML bytes decoded as UTF-8, else as the charset declared by HTTP or in the page."""
    check_not_binary(data, name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        match = _CHARSET.search(data[:4096])
        charset = declared or (match.group(1).decode("ascii") if match else None)
        if charset is None or charset.lower().replace("-", "") == "utf8":
            line = data.count(b"\n", 0, exc.start) + 1
            raise InputError(
                name, f"not valid UTF-8 and no other charset declared (offset {exc.start})", line
            ) from exc
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError) as exc2:
            raise InputError(name, f"cannot decode as declared charset {charset!r}: {exc2}") from exc2


def sniff_kind(data: bytes) -> str:
    """The kind of content without a telling file name (stdin, unknown extensions)."""
    head = data[:2048].lstrip().lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<p>" in head:
        return "html"
    if head.startswith((b"{", b"[")):
        return "jsonl"
    return "text"


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
