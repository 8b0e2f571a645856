"""Reading CSV text into rows, and its row-level hazards: quotes, bad bytes, split numbers."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from pairmap.pairings._encoding import Decoded
from pairmap.pairings._reading import Cell, Rows, TableReadError, column_name, shown

#: How many faulty rows one message lists.
LISTED_ROWS = 3

_QUOTE_FIX = 'close the quote, or delete it (a quote inside a value is written twice: "")'
_DIGITS_HEAD = re.compile(r"[-+]?[¥￥$]?\d{1,3}")
_DIGITS_GROUP = re.compile(r"\d{3}")
_DIGITS_TAIL = re.compile(r"\d{3}(?:\.\d+)?\s*[^\d\s.,]{0,4}")


@dataclass(frozen=True)
class QuoteProblem:
    """A quoted cell that swallowed the lines after it."""

    row: int
    field: int
    first_line: int
    last_line: int
    closed: bool


@dataclass(frozen=True)
class ParsedText:
    """Rows of a CSV text, and the first quote that swallowed lines (if any)."""

    rows: Rows
    delimiter: str
    quote_problem: QuoteProblem | None = None


def clean_cell(cell: str | None) -> Cell:
    """The text of a cell without surrounding spaces or BOMs; None when blank."""
    if cell is None:
        return None
    text = cell.strip().strip("\ufeff")
    return text or None


def sniff_delimiter(text: str) -> str:
    """Comma, tab or semicolon: whichever the first non-blank line has most of."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first.count(delimiter) for delimiter in (",", "\t", ";")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


@contextmanager
def _field_size_limit(size: int) -> Iterator[None]:
    """Let one cell be as long as the whole text (a long note), then restore the limit."""
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, size + 1))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def parse_csv(text: str, *, file: str) -> ParsedText:
    """Split CSV text into rows of cleaned cells, numbered as a spreadsheet shows them.

    Raises
    ------
    TableReadError
        When the csv module rejects the text.
    """
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: Rows = []
    problem: QuoteProblem | None = None
    width = first_line = last_line = number = 0
    record: list[str] = []
    with _field_size_limit(len(text)):
        try:
            for number, record in enumerate(reader, start=1):
                first_line, last_line = last_line + 1, reader.line_num
                width = width or sum(1 for cell in record if cell.strip())
                if problem is None and last_line > first_line:
                    problem = _swallowed(record, number, (first_line, last_line), delimiter, width)
                rows.append((number, [clean_cell(cell) for cell in record]))
        except csv.Error as error:
            raise TableReadError(
                f"{file}: row {number + 1}: not valid CSV ({error}); check the quotes in it."
            ) from None
    if problem is not None and problem.row == number and not _ends_quoted(text):
        problem = QuoteProblem(problem.row, problem.field, problem.first_line, last_line, False)
    if problem is None and rows:
        problem = _unclosed_at_end(text, record, number, (first_line, last_line))
    return ParsedText(rows, delimiter, problem)


def _unclosed_at_end(
    text: str, record: list[str], number: int, lines: tuple[int, int]
) -> QuoteProblem | None:
    """A problem when the last cell of the file opened a quote that never closed and took in
    the lines after it."""
    if not record or _ends_quoted(text):
        return None
    cell = record[-1]
    _, newline, rest = cell.partition("\n")
    if not newline or not rest.strip():
        return None
    opens = lines[0] + sum(c.count("\n") for c in record[:-1])
    return QuoteProblem(number, len(record) - 1, opens, lines[1], False)


def _ends_quoted(text: str) -> bool:
    return text.rstrip("\r\n").endswith('"')


def _swallowed(
    record: list[str], number: int, lines: tuple[int, int], delimiter: str, width: int
) -> QuoteProblem | None:
    """A problem when a multi-line cell holds lines that look like rows of the table."""
    needed = max(1, width - 1)
    opens = lines[0]
    for index, cell in enumerate(record):
        inner = cell.split("\n")[1:]
        if any(line.count(delimiter) >= needed for line in inner):
            return QuoteProblem(number, index, opens, min(opens + len(inner), lines[1]), True)
        opens += len(inner)
    return None


def check_csv_rows(parsed: ParsedText, decoded: Decoded, *, header_index: int, file: str) -> None:
    """Raise the first row-level fault of a CSV table: a quote that swallowed rows, a byte
    that is not text, or rows with more fields than the header.

    Raises
    ------
    TableReadError
        Naming the row and column, and how to fix it.
    """
    headers = parsed.rows[header_index][1]
    if parsed.quote_problem is not None:
        raise TableReadError(_quote_message(parsed.quote_problem, headers, file))
    _check_text(parsed.rows, headers, decoded, file)
    _check_widths(parsed, header_index, file)


def _quote_message(problem: QuoteProblem, headers: list[Cell], file: str) -> str:
    where = f"{file}: row {problem.row}, {column_name(headers, problem.field)}"
    swallowed = f"lines {problem.first_line + 1}–{problem.last_line}"
    if problem.last_line == problem.first_line + 1:
        swallowed = f"line {problem.last_line}"
    if problem.closed:
        rows = "look like rows" if " " in swallowed[5:] else "looks like a row"
        return (
            f"{where}: a quote opens in this cell (line {problem.first_line}) and closes only "
            f"on line {problem.last_line}, so {swallowed}, which {rows} of the table, "
            f"{'were' if rows.startswith('look ') else 'was'} read as part of the cell; "
            f"{_QUOTE_FIX}."
        )
    return (
        f"{where}: a quote opens in this cell (line {problem.first_line}) and is never "
        f"closed, so {swallowed} to the end of the file were read as part of the cell; "
        f"{_QUOTE_FIX}."
    )


def _is_odd(char: str) -> bool:
    return char == "\x00" or "\udc80" <= char <= "\udcff"


def _check_text(rows: Rows, headers: list[Cell], decoded: Decoded, file: str) -> None:
    """Raise for the first cell holding a NUL or a byte that did not decode."""
    if not decoded.bad_bytes and "\x00" not in decoded.text:
        return
    faults = [
        (number, index, cell)
        for number, cells in rows
        for index, cell in enumerate(cells)
        if cell is not None and any(_is_odd(char) for char in cell)
    ]
    if not faults:
        return
    number, index, cell = faults[0]
    char = next(char for char in cell if _is_odd(char))
    where = f"{file}: row {number}, {column_name(headers, index)}"
    others = len(faults) - 1
    more = f" ({others} more cell{'s' if others > 1 else ''} like it)" if others else ""
    if char == "\x00":
        raise TableReadError(
            f"{where}: '{shown(cell)}' holds a NUL byte (0x00), which is not text{more}; "
            "delete it and save the file again."
        )
    raise TableReadError(
        f"{where}: byte 0x{ord(char) - 0xDC00:02X} in '{shown(cell)}' is not "
        f"{decoded.label}, the encoding of the rest of the file{more}; retype the character "
        f"(it was saved in another encoding, such as Latin-1), or save the file as CSV UTF-8."
    )


def _check_widths(parsed: ParsedText, header_index: int, file: str) -> None:
    """Raise when rows below the header have filled fields beyond its last column."""
    header_number, headers = parsed.rows[header_index]
    width = len(headers)
    while width and headers[width - 1] is None:
        width -= 1
    long_rows = [
        (number, cells)
        for number, cells in parsed.rows[header_index + 1 :]
        if len(cells) > width and any(cell is not None for cell in cells[width:])
    ]
    if not long_rows:
        return
    header = f" but the header (row {header_number}) has {width}"
    parts = [
        _long_row(number, cells, headers, width, header=header if i == 0 else "")
        for i, (number, cells) in enumerate(long_rows[:LISTED_ROWS])
    ]
    more = len(long_rows) - len(parts)
    if more:
        parts.append(
            f"and {more} more row{'s' if more > 1 else ''} like {'it' if more == 1 else 'them'}"
        )
    raise TableReadError(f"{file}: " + "; ".join(parts) + ".")


def _long_row(
    number: int, cells: list[Cell], headers: list[Cell], width: int, *, header: str
) -> str:
    """One row with more fields than the header: what split, or which fields are extra."""
    last = max(i for i, cell in enumerate(cells) if cell is not None)
    extra = last + 1 - width
    splits = _split_numbers(cells[: last + 1], extra)
    start = f"row {number} has {last + 1} fields{header}"
    if splits:
        described = []
        shift = 0  # fields added by the splits to the left of this one
        for a, b in splits:
            parts = cells[a:b]
            described.append(
                f"'{shown(','.join(c or '' for c in parts))}' in "
                f"{column_name(headers, a - shift)} was split at its commas into "
                + ", ".join(f"'{shown(c or '')}'" for c in parts)
            )
            shift += b - a - 1
        return (
            f"{start}: {'; '.join(described)} (an unquoted thousands separator); quote the "
            "number or "
            "remove the commas"
        )
    fields = ", ".join(f"'{shown(cell)}'" for cell in cells[width : last + 1] if cell is not None)
    return (
        f"{start}: {fields} beyond its last column; a comma inside a value needs quotes "
        '("a, b"), or add headers for the extra columns'
    )


def _split_numbers(cells: list[Cell], extra: int) -> list[tuple[int, int]]:
    """Spans ``(start, stop)`` of cells that are one number split at its thousands commas,
    together accounting for exactly ``extra`` surplus fields; empty when none do."""
    spans: list[tuple[int, int]] = []
    index = 0
    surplus = 0
    while index < len(cells) and surplus < extra:
        stop = _number_span(cells, index)
        if stop - index > 1:
            spans.append((index, stop))
            surplus += stop - index - 1
            index = stop
        else:
            index += 1
    return spans if surplus == extra else []


def _number_span(cells: list[Cell], start: int) -> int:
    """End of the run of cells from ``start`` that reads as ``1``, ``234``, ``567万元``."""
    head = cells[start]
    if head is None or not _DIGITS_HEAD.fullmatch(head):
        return start + 1
    stop = start + 1
    while stop < len(cells):
        cell = cells[stop]
        if cell is not None and _DIGITS_GROUP.fullmatch(cell):
            stop += 1
            continue
        if cell is not None and _DIGITS_TAIL.fullmatch(cell):
            stop += 1
        break
    return stop
