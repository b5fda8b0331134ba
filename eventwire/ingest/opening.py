"""The one place that opens input files: only regular files are read, nothing can hang.

A FIFO opened for reading blocks until a writer comes (forever, in a batch);
a device may never end; a symbolic link may loop or point nowhere. Every
reader, sidecar, directory walk, glob, article estimate and ``--db`` check goes
through ``regular_file_problem`` or ``open_regular``: the file is opened
without blocking and checked with ``fstat`` on the open descriptor (no race
between the check and the read), and anything else is refused with a reason.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from eventwire.errors import shown

__all__ = ["NotRegularFile", "open_regular", "read_regular", "regular_file_problem", "shown"]

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a directory"),
)


class NotRegularFile(OSError):
    """A path that is not a readable regular file; ``reason`` says what it is instead."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _what(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return f"not a regular file: {name}"
    return "not a regular file"


def _stat_problem(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"a dangling symbolic link (to {shown(os.readlink(path))})"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    return f"cannot read: {exc.strerror or exc}"


def regular_file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as a regular file (FIFO, device, loop, dangling link...), or None."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return _stat_problem(path, exc)
    return None if stat.S_ISREG(mode) else _what(mode)


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for binary reading; ``NotRegularFile`` (never a hang) when it is not a regular file."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise NotRegularFile(_stat_problem(path, exc)) from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(_what(mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def read_regular(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file (at most ``max_bytes`` + 1 when given); ``NotRegularFile`` otherwise."""
    with open_regular(path) as fh:
        return fh.read() if max_bytes is None else fh.read(max_bytes + 1)
