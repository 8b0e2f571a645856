"""Reading pairing tables from CSV (UTF-8, GBK, GB18030) and Excel files, headers mapped."""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from pairmap.geo.errors import PairmapError
from pairmap.pairings.issues import Issue
from pairmap.pairings.schema import (
    CANONICAL_COLUMNS,
    NON_METRIC_COLUMNS,
    PROVENANCE_COLUMNS,
    REQUIRED_COLUMNS,
    is_serial_header,
    match_header,
    normalise_header,
)

logger = logging.getLogger(__name__)

#: Suffixes of the files read as tables (CSV-like text, then Excel workbooks).
TEXT_SUFFIXES: tuple[str, ...] = (".csv", ".tsv", ".txt")
EXCEL_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm")
TABLE_SUFFIXES: tuple[str, ...] = TEXT_SUFFIXES + EXCEL_SUFFIXES

#: How many rows from the top are searched for the header row (title rows may come first).
HEADER_SEARCH_ROWS = 10

Cell = str | None


class TableReadError(PairmapError):
    """A table that cannot be read at all: missing, empty, unreadable, or a bad header."""


@dataclass(frozen=True)
class RawTable:
    """A table as read, before validation.

    Attributes
    ----------
    frame
        One row per non-blank data row: the recognised columns under their canonical
        names, other columns under their header, every value the cell's text (or None),
        and ``source_file``, ``source_sheet``, ``source_row`` (the header is row 1 of a
        plain table, so its first data row is 2).
    file
        The path as given.
    sheet
        The worksheet read, or None for CSV.
    encoding
        The text encoding detected (``UTF-8``, ``UTF-8 with BOM``, ``GBK``, ``GB18030``,
        ``UTF-16``), or None for Excel.
    headers
        Every header as written, in order.
    columns
        Canonical column -> header as written, for the recognised columns.
    scales
        Canonical metric column -> multiplier written in its header (``资金（万元）`` → 1e4).
    issues
        Warnings raised while reading (cells beyond the header, columns without a header).
    ignored
        Headers that were not read (a second header for a column already mapped, a
        serial number).
    sheets
        Every sheet of the workbook (empty for CSV).
    unit_row
        Column -> unit text written in a unit row under the header (``万元``).
    merged
        ``(source_row, column)`` -> source row of the top cell, for the cells of a merged
        range below its top cell (their value is the top cell's, filled down).
    """

    frame: pd.DataFrame
    file: str
    sheet: str | None
    encoding: str | None
    headers: tuple[str, ...]
    columns: Mapping[str, str]
    scales: Mapping[str, float] = field(default_factory=dict)
    issues: tuple[Issue, ...] = ()
    ignored: tuple[str, ...] = ()
    sheets: tuple[str, ...] = ()
    unit_row: Mapping[str, str] = field(default_factory=dict)
    merged: Mapping[tuple[int, str], int] = field(default_factory=dict)

    @property
    def extra_columns(self) -> tuple[str, ...]:
        """Columns kept under their own header (not canonical, not provenance)."""
        known = set(CANONICAL_COLUMNS) | set(PROVENANCE_COLUMNS)
        return tuple(column for column in self.frame.columns if column not in known)

    def header_of(self, column: str) -> str:
        """The header as written for a canonical or extra column."""
        return self.columns.get(column, column)


def read_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> RawTable:
    """Read a pairing table from a CSV or XLSX file.

    Parameters
    ----------
    path
        A ``.csv`` / ``.tsv`` / ``.txt`` file (UTF-8 with or without BOM, GBK, GB18030 or
        UTF-16; comma, tab or semicolon separated) or an ``.xlsx`` workbook.
    sheet
        Worksheet to read from a workbook (default: the first); ignored for CSV.
    columns
        Canonical column -> header as written, for headers pairmap does not recognise
        (``{"donor": "帮扶单位名称"}``). Recognised Chinese and English headers need none.

    Returns
    -------
    RawTable
        The rows as text with their provenance; nothing is validated yet.

    Raises
    ------
    TableReadError
        When the file is missing, empty, not a table in a known encoding, not a readable
        workbook, has no such sheet, or its headers clash; the message names the file.
    """
    path = Path(path)
    file = str(path)
    if not path.exists():
        raise TableReadError(f"{file}: no such file; check the path and its spelling.")
    if path.is_dir():
        raise TableReadError(f"{file}: is a folder; give the table's file (.csv or .xlsx).")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise TableReadError(
            f"{file}: old Excel .xls workbooks are not read; open it in Excel and save it "
            "as .xlsx (Excel Workbook) or as CSV UTF-8."
        )
    sheets: tuple[str, ...] = ()
    if suffix not in TABLE_SUFFIXES:
        raise TableReadError(
            f"{file}: not a table file; pairmap reads "
            + ", ".join(TABLE_SUFFIXES)
            + " (save the sheet from Excel as .xlsx or CSV UTF-8)."
        )
    if suffix in EXCEL_SUFFIXES:
        rows, sheet_name, sheets = _read_xlsx(path, sheet=sheet)
        encoding = None
    else:
        rows, encoding = _read_csv(path)
        sheet_name = None
    table = _build_table(
        rows, file=file, sheet=sheet_name, encoding=encoding, columns=dict(columns or {})
    )
    return replace(table, sheets=sheets)


def read_column_map(path: str | Path) -> dict[str, str]:
    """Read a column mapping file: TOML lines ``canonical = "header as written"``.

    The pairs may sit at the top level or under a ``[columns]`` table::

        [columns]
        donor = "帮扶单位名称"
        recipient = "结对县"

    Raises
    ------
    TableReadError
        When the file is missing, not TOML, or names an unknown canonical column.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise TableReadError(f"{path}: no such column mapping file; check the path.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise TableReadError(
            f"{path}: not a TOML column mapping ({error}); write one line per column, "
            'such as donor = "帮扶单位"'
        ) from None
    table = data.get("columns", data)
    problems = []
    mapping: dict[str, str] = {}
    for key, value in table.items():
        if key not in CANONICAL_COLUMNS:
            problems.append(f"'{key}' is not a column of the schema")
        elif not isinstance(value, str):
            problems.append(f"'{key}' must be a header in quotes, got {value!r}")
        else:
            mapping[key] = value
    if problems:
        raise TableReadError(
            f"{path}: " + "; ".join(problems) + ". Columns: " + ", ".join(CANONICAL_COLUMNS)
        )
    return mapping


def check_column_map(columns: Mapping[str, str]) -> None:
    """Raise TableReadError unless every key of ``columns`` is a canonical column."""
    unknown = [key for key in columns if key not in CANONICAL_COLUMNS]
    if unknown:
        raise TableReadError(
            "unknown column "
            + ", ".join(f"'{key}'" for key in unknown)
            + " in the column mapping; use one of: "
            + ", ".join(CANONICAL_COLUMNS)
        )


# -- CSV ---------------------------------------------------------------------------------


def _decode(data: bytes, file: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = [("utf-8-sig", "UTF-8 with BOM")]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = [("utf-16", "UTF-16")]
    else:
        encodings = [("utf-8", "UTF-8"), ("gbk", "GBK"), ("gb18030", "GB18030")]
    first_error: UnicodeDecodeError | None = None
    for codec, label in encodings:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as error:
            first_error = first_error or error
            continue
        if "\x00" not in text:
            return text, label
    offset = f" (byte {first_error.start + 1})" if first_error is not None else ""
    raise TableReadError(
        f"{file}: not text in UTF-8, GBK or GB18030{offset}; save it from Excel as "
        "'CSV UTF-8' or as .xlsx."
    )


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first.count(delimiter) for delimiter in (",", "\t", ";")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _read_csv(path: Path) -> tuple[list[tuple[int, list[Cell]]], str]:
    file = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise TableReadError(f"{file}: cannot be read ({error.strerror or error}).") from None
    if data.startswith(b"PK\x03\x04"):
        raise TableReadError(
            f"{file}: is an Excel workbook, not CSV text; rename it to .xlsx and read it again."
        )
    text, encoding = _decode(data, file)
    if not text.strip():
        raise TableReadError(f"{file}: is empty; write a header row and one row per pair.")
    logger.info("%s: read as %s", file, encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        rows = [(number, [_clean(cell) for cell in record]) for number, record in
                enumerate(reader, start=1)]  # fmt: skip
    except csv.Error as error:
        raise TableReadError(
            f"{file}: row {reader.line_num}: not valid CSV ({error}); check its quotes."
        ) from None
    return rows, encoding


def _clean(cell: str | None) -> Cell:
    if cell is None:
        return None
    text = cell.strip().strip("\ufeff")
    return text or None


# -- XLSX --------------------------------------------------------------------------------


def _read_xlsx(
    path: Path, *, sheet: str | None
) -> tuple[list[tuple[int, list[Cell]]], str, tuple[str, ...]]:
    import zipfile

    try:
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise TableReadError(
            f"{path}: reading .xlsx needs openpyxl; install it with `pip install openpyxl`."
        ) from None
    file = str(path)
    try:
        workbook = openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise TableReadError(
            f"{file}: not a readable .xlsx workbook ({type(error).__name__}: {error}); open it "
            "in Excel and save it again as .xlsx, or export the sheet as CSV UTF-8."
        ) from None
    try:
        names = list(workbook.sheetnames)
        if sheet is None:
            if not names:
                raise TableReadError(f"{file}: the workbook has no sheets.")
            sheet = names[0]
        elif sheet not in names:
            raise TableReadError(
                f"{file}: no sheet '{sheet}'; the sheets are "
                + ", ".join(f"'{name}'" for name in names)
                + ". Pass one of them with --sheet."
            )
        worksheet = workbook[sheet]
        grid = [list(values) for values in worksheet.iter_rows(values_only=True)]
        for merged in worksheet.merged_cells.ranges:  # a merged cell means its value in each
            value = worksheet.cell(row=merged.min_row, column=merged.min_col).value
            for row in range(merged.min_row, min(merged.max_row, len(grid)) + 1):
                cells = grid[row - 1]
                for column in range(merged.min_col, min(merged.max_col, len(cells)) + 1):
                    cells[column - 1] = value
        rows = [
            (number, [_cell_text(value) for value in values])
            for number, values in enumerate(grid, start=1)
        ]
    finally:
        workbook.close()
    if not any(any(cell is not None for cell in cells) for _, cells in rows):
        raise TableReadError(
            f"{file} [{sheet}]: the sheet is empty; write a header row and one row per pair."
        )
    return rows, sheet, tuple(names)


def _cell_text(value: object) -> Cell:
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return _clean(str(value))


# -- headers and rows ------------------------------------------------------------------


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _find_header(rows: Sequence[tuple[int, list[Cell]]], explicit_headers: Iterable[str]) -> int:
    """Index in ``rows`` of the header row: the first naming donor or recipient, else the first
    non-blank row."""
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


def _build_table(
    rows: list[tuple[int, list[Cell]]],
    *,
    file: str,
    sheet: str | None,
    encoding: str | None,
    columns: dict[str, str],
) -> RawTable:
    check_column_map(columns)
    where = file + (f" [{sheet}]" if sheet else "")
    try:
        header_index = _find_header(rows, columns.values())
    except IndexError:
        raise TableReadError(
            f"{where}: is empty; write a header row and one row per pair."
        ) from None
    header_row_number, header_cells = rows[header_index]
    headers = [cell or "" for cell in header_cells]
    data_rows = [(n, cells) for n, cells in rows[header_index + 1 :] if any(cells)]
    width = len(headers)

    problems: list[str] = []
    issues: list[Issue] = []
    by_key: dict[str, list[int]] = {}
    for index, header in enumerate(headers):
        if header:
            by_key.setdefault(normalise_header(header), []).append(index)
    for indexes in by_key.values():
        if len(indexes) > 1:
            letters = ", ".join(_column_letter(i) for i in indexes)
            problems.append(
                f"header '{headers[indexes[0]]}' appears in columns {letters}; "
                "rename or delete all but one"
            )

    assigned: dict[int, str] = {}
    scales: dict[str, float] = {}
    for canonical, header in columns.items():
        matching = by_key.get(normalise_header(header), [])
        if not matching:
            problems.append(
                f"the column mapping {canonical}={header} names a header that is not in "
                f"row {header_row_number}; the headers are "
                + ", ".join(f"'{h}'" for h in headers if h)
            )
            continue
        assigned[matching[0]] = canonical

    taken = set(assigned.values())
    by_canonical: dict[str, list[int]] = {}
    first_of_key = {indexes[0] for indexes in by_key.values()}
    for index, header in enumerate(headers):
        if not header or index in assigned or index not in first_of_key:
            continue
        match = match_header(header)
        if match is None or match.canonical in taken:
            continue
        by_canonical.setdefault(match.canonical, []).append(index)
        if match.scale != 1.0:
            scales[match.canonical] = match.scale
    for canonical, indexes in by_canonical.items():
        if len(indexes) > 1:
            listed = " and ".join(f"'{headers[i]}'" for i in indexes)
            problems.append(
                f"columns {listed} both mean {canonical}; rename one, or choose with "
                f"--column {canonical}={headers[indexes[0]]}"
            )
        else:
            assigned[indexes[0]] = canonical
    if problems:
        raise TableReadError(f"{where}: " + "; ".join(problems) + ".")

    names: dict[int, str] = {}
    ignored: list[str] = []
    reserved = set(CANONICAL_COLUMNS) | NON_METRIC_COLUMNS
    for index, header in enumerate(headers):
        if index in assigned:
            names[index] = assigned[index]
        elif header and header not in reserved and not is_serial_header(header):
            names[index] = header
        elif header:
            ignored.append(header)
        elif any(index < len(cells) and cells[index] is not None for _, cells in data_rows):
            issues.append(
                Issue(
                    "warning",
                    "unnamed_column",
                    file,
                    f"column {_column_letter(index)} has values but no header in row "
                    f"{header_row_number}; they were ignored. Give it a header or delete it.",
                    sheet=sheet,
                )
            )

    records: dict[str, list[object]] = {name: [] for name in names.values()}
    for number, cells in data_rows:
        for index, name in names.items():
            records[name].append(cells[index] if index < len(cells) else None)
        beyond = [cell for cell in cells[width:] if cell is not None]
        if beyond:
            issues.append(
                Issue(
                    "warning",
                    "cells_beyond_header",
                    file,
                    f"has {len(beyond)} filled cell{'s' if len(beyond) > 1 else ''} right of "
                    f"the last header ({', '.join(repr(c) for c in beyond[:3])}); they were "
                    "ignored. Add headers for them or delete them (a comma inside a value "
                    "needs quotes in CSV).",
                    sheet=sheet,
                    row=number,
                )
            )
    frame = pd.DataFrame(records, dtype=object, index=pd.RangeIndex(len(data_rows)))
    frame["source_file"] = pd.Series([file] * len(data_rows), dtype=object)
    frame["source_sheet"] = pd.Series([sheet] * len(data_rows), dtype=object)
    frame["source_row"] = pd.Series([n for n, _ in data_rows], dtype="int64")
    mapped = {canonical: headers[index] for index, canonical in assigned.items()}
    logger.info("%s: %d rows, columns %s", where, len(frame), mapped)
    return RawTable(
        frame=frame,
        file=file,
        sheet=sheet,
        encoding=encoding,
        headers=tuple(h for h in headers),
        columns=mapped,
        scales=scales,
        issues=tuple(issues),
        ignored=tuple(ignored),
    )
