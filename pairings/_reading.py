"""What every table reader shares: the read error, rows of cell text, the header row, cell names."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pairmap.errors import TableReadError as TableReadError  # defined with the others
from pairmap.pairings.schema import REQUIRED_COLUMNS, match_header, normalise_header

#: How many rows from the top are searched for the header row (title rows may come first).
HEADER_SEARCH_ROWS = 10

#: How many characters of a cell a message quotes.
SHOWN_CHARS = 40

Cell = str | None
#: Rows as read: (spreadsheet row number, cells as text) for every row that has a cell.
Rows = list[tuple[int, list[Cell]]]


def column_letter(index: int) -> str:
    """The spreadsheet letters of a 0-based column index (0 -> ``A``, 26 -> ``AA``)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def shown(text: str, *, limit: int = SHOWN_CHARS) -> str:
    """``text`` for a message: control characters and undecodable bytes written as escapes
    (``\\x00``, ``\\xe9``), cut to ``limit`` characters."""
    out = []
    for char in text[:limit]:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that did not decode (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif code < 0x20 or 0x7F <= code < 0xA0:
            out.append(f"\\x{code:02x}")
        else:
            out.append(char)
    return "".join(out) + ("…" if len(text) > limit else "")


def column_name(headers: Sequence[Cell], index: int) -> str:
    """``column 'header' (C)``, or ``column C`` when the column has no header."""
    header = headers[index] if index < len(headers) else None
    letter = column_letter(index)
    return f"column '{shown(header)}' ({letter})" if header else f"column {letter}"


def find_header(rows: Rows, explicit_headers: Iterable[str] = ()) -> int:
    """Index in ``rows`` of the header row: the first naming donor or recipient, else the first
    non-blank row.

    Raises
    ------
    IndexError
        When every row is blank.
    """
    wanted = {normalise_header(header) for header in explicit_headers}
    non_blank = [i for i, (_, cells) in enumerate(rows) if any(c is not None for c in cells)]
    for index in non_blank[:HEADER_SEARCH_ROWS]:
        for cell in rows[index][1]:
            if cell is None:
                continue
            match = match_header(cell)
            if normalise_header(cell) in wanted or (
                match is not None and match.canonical in REQUIRED_COLUMNS
            ):
                return index
    if not non_blank:
        raise IndexError("no non-blank rows")
    return non_blank[0]
