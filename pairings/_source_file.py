"""Where a table's bytes come from: a regular file within a size limit, or standard input."""

from __future__ import annotations

import io
import math
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from pairmap.pairings._reading import TableReadError

#: Largest table read by default, in bytes (``--max-size`` raises it).
DEFAULT_MAX_SIZE = 50_000_000

#: Bytes in the megabyte of sizes shown and of ``--max-size``.
MB = 1_000_000

#: The path that stands for standard input, and its name in messages.
STDIN_PATH = "-"
STDIN_NAME = "<stdin>"

ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

Content = Literal["zip", "ole", "text"]


@dataclass(frozen=True)
class TableSource:
    """A table's bytes, or the file that holds them.

    Attributes
    ----------
    file
        The name shown in messages: the path as given, or ``<stdin>``.
    path
        The regular file, or None for standard input.
    suffix
        The file's suffix in lower case (empty for standard input).
    data
        The bytes, when already read (standard input).
    """

    file: str
    path: Path | None
    suffix: str
    data: bytes | None = None

    @property
    def content(self) -> Content:
        """What the first bytes say: a zip archive (.xlsx), an OLE2 file (.xls), or text."""
        head = self.data[:8] if self.data is not None else _head(self.path)
        if head.startswith(ZIP_SIGNATURE):
            return "zip"
        if head.startswith(OLE_SIGNATURE):
            return "ole"
        return "text"

    def read_bytes(self, *, max_size: int) -> bytes:
        """All the bytes, at most ``max_size`` of them."""
        if self.data is not None:
            return self.data
        assert self.path is not None
        try:
            with self.path.open("rb") as stream:
                data = stream.read(max_size + 1)
        except OSError as error:
            raise TableReadError(f"{self.file}: cannot be read ({_reason(error)}).") from None
        if len(data) > max_size:
            raise TableReadError(too_large(self.file, None, max_size))
        return data

    def open_binary(self) -> BinaryIO | Path:
        """Something openpyxl and zipfile can open: the path, or the bytes as a stream."""
        return io.BytesIO(self.data) if self.data is not None else _require(self.path)


def _require(path: Path | None) -> Path:
    assert path is not None
    return path


def _head(path: Path | None) -> bytes:
    assert path is not None
    try:
        with path.open("rb") as stream:
            return stream.read(8)
    except OSError:
        return b""


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def _megabytes(size: float) -> str:
    text = f"{size / MB:.1f}"
    return text.removesuffix(".0")


def too_large(file: str, size: int | None, max_size: int) -> str:
    """The message for a table over the size limit, with the ``--max-size`` that reads it."""
    limit = _megabytes(max_size)
    if size is None:
        return (
            f"{file}: is more than the {limit} MB limit for a table; raise the limit with "
            f"--max-size (in MB), or split the table."
        )
    needed = max(math.ceil(size / MB), math.floor(max_size / MB) + 1)
    return (
        f"{file}: is {_megabytes(size)} MB, more than the {limit} MB limit for a table; raise "
        f"the limit with --max-size {needed} (in MB), or split the table."
    )


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def locate_table(path: str | Path, *, max_size: int) -> TableSource:
    """The source of a table: checked to be a regular file within ``max_size`` bytes (never
    opened when it is not), or standard input for ``-`` (read, at most ``max_size`` bytes).

    Raises
    ------
    TableReadError
        For a missing path, a folder, a pipe, device or socket, or a file too large.
    """
    if str(path) == STDIN_PATH:
        return _read_stdin(max_size=max_size)
    path = Path(path)
    file = str(path)
    try:
        status = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise TableReadError(f"{file}: no such file; check the path and its spelling.") from None
    except OSError as error:
        raise TableReadError(f"{file}: cannot be read ({_reason(error)}).") from None
    if stat.S_ISDIR(status.st_mode):
        raise TableReadError(f"{file}: is a folder; give the table's file (.csv or .xlsx).")
    if not stat.S_ISREG(status.st_mode):
        raise TableReadError(
            f"{file}: is {_kind(status.st_mode)}, not a file, and was not opened; give the "
            "table's file, or pipe the table into standard input with - (pairmap check - < "
            "table.csv)."
        )
    if status.st_size > max_size:
        raise TableReadError(too_large(file, status.st_size, max_size))
    return TableSource(file, path, path.suffix.lower())


def _read_stdin(*, max_size: int) -> TableSource:
    stream = sys.stdin
    if stream is None or stream.closed:
        raise TableReadError(f"{STDIN_NAME}: there is no standard input to read the table from.")
    if stream.isatty():
        raise TableReadError(
            f"{STDIN_NAME}: standard input is a terminal; pipe the table into it "
            "(pairmap check - < table.csv) or give the table's file."
        )
    binary = getattr(stream, "buffer", None)
    try:
        data = binary.read(max_size + 1) if binary is not None else b""
    except OSError as error:
        raise TableReadError(f"{STDIN_NAME}: cannot be read ({_reason(error)}).") from None
    if binary is None:  # a text stream without bytes underneath
        data = stream.read(max_size + 1).encode("utf-8")
    if len(data) > max_size:
        raise TableReadError(too_large(STDIN_NAME, None, max_size))
    return TableSource(STDIN_NAME, None, "", data)
