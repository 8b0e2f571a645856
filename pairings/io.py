"""Reading pairing tables from CSV (UTF-8, GBK, GB18030) and Excel files, headers mapped."""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from pairmap.pairings._csv import check_csv_rows, parse_csv
from pairmap.pairings._encoding import decode_table_text
from pairmap.pairings._reading import (
    HEADER_SEARCH_ROWS,
    Cell,
    Rows,
    TableReadError,
    column_letter,
    find_header,
    shown,
)
from pairmap.pairings._source_file import (
    DEFAULT_MAX_SIZE,
    MB,
    STDIN_NAME,
    STDIN_PATH,
    TableSource,
    locate_table,
)
from pairmap.pairings._unit_row import unit_row_cells
from pairmap.pairings._xlsx import (
    SheetFacts,
    SheetRead,
    cell_text,
    not_zip_message,
    ole_message,
    read_xlsx,
    uncached_message,
)
from pairmap.pairings.issues import Issue
from pairmap.pairings.schema import (
    CANONICAL_COLUMNS,
    NON_METRIC_COLUMNS,
    PROVENANCE_COLUMNS,
    is_serial_header,
    match_header,
    normalise_header,
)

__all__ = [
    "DEFAULT_MAX_SIZE",
    "EXCEL_SUFFIXES",
    "FRAME_NAME",
    "HEADER_SEARCH_ROWS",
    "MB",
    "STDIN_NAME",
    "STDIN_PATH",
    "TABLE_SUFFIXES",
    "TEXT_SUFFIXES",
    "RawTable",
    "TableReadError",
    "check_column_map",
    "read_column_map",
    "read_frame",
    "read_table",
]

logger = logging.getLogger(__name__)

#: Suffixes of the files read as tables (CSV-like text, then Excel workbooks).
TEXT_SUFFIXES: tuple[str, ...] = (".csv", ".tsv", ".txt")
EXCEL_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm")
TABLE_SUFFIXES: tuple[str, ...] = TEXT_SUFFIXES + EXCEL_SUFFIXES


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
        The path as given (``<stdin>`` for standard input).
    sheet
        The worksheet read, or None for CSV.
    encoding
        The text encoding detected (``UTF-8``, ``UTF-8 with BOM``, ``GBK``, ``GB18030``,
        ``Big5``, ``Shift-JIS``, ``UTF-16``, ``UTF-16 without BOM``), or None for Excel.
    headers
        Every header as written, in order.
    columns
        Canonical column -> header as written, for the recognised columns.
    scales
        Canonical metric column -> multiplier written in its header (``资金（万元）`` → 1e4).
    issues
        Warnings raised while reading (cells beyond the header, columns without a header,
        a hidden first sheet, a row of units, an encoding that was a guess).
    ignored
        Headers that were not read (a second header for a column already mapped, a
        serial number).
    sheets
        Every worksheet of the workbook (chart sheets left out; empty for CSV).
    unit_row
        Column (as named in ``frame``) -> unit as written in a row of units right under
        the header (``（万元）`` gives ``"万元"``); that row is not in ``frame``. Empty when
        there is no such row.
    merged
        ``(source_row, column)`` -> ``source_row`` of the top cell of the merged range
        whose value the cell was given, for every cell filled from a merged range other
        than its top-left cell (a cell in the top row itself was filled from its left).
        Empty for CSV.
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
    max_size: int = DEFAULT_MAX_SIZE,
) -> RawTable:
    """Read a pairing table from a CSV or XLSX file, or from standard input.

    Parameters
    ----------
    path
        A ``.csv`` / ``.tsv`` / ``.txt`` file (UTF-8 with or without BOM, GBK, GB18030,
        Big5, Shift-JIS or UTF-16; comma, tab or semicolon separated), an ``.xlsx``
        workbook, or ``-`` for standard input (CSV or XLSX, told apart by its bytes;
        named ``<stdin>`` in messages).
    sheet
        Worksheet to read from a workbook (default: the first visible one); an error
        for CSV, which has no sheets.
    columns
        Canonical column -> header as written, for headers pairmap does not recognise
        (``{"donor": "帮扶单位名称"}``). Recognised Chinese and English headers need none.
    max_size
        Largest file read, in bytes; a path that is not a regular file (a pipe, a
        device) is refused without being opened.

    Returns
    -------
    RawTable
        The rows as text with their provenance; nothing is validated yet.

    Raises
    ------
    TableReadError
        When the file is missing, too large, not a regular file, empty, not a table in a
        known encoding, not a readable workbook, has no such sheet, or its headers clash;
        the message names the file (and the sheet, row and column when it can).
    """
    check_column_map(dict(columns or {}))
    source = locate_table(path, max_size=max_size)
    _check_suffix(source)
    content = source.content
    if content == "ole":
        raise TableReadError(ole_message(source.read_bytes(max_size=max_size), source.file))
    if source.suffix in EXCEL_SUFFIXES and content != "zip":
        raise TableReadError(not_zip_message(source.file))
    if content == "zip" and source.suffix in TEXT_SUFFIXES:
        raise TableReadError(
            f"{source.file}: is an Excel workbook, not CSV text; rename it to .xlsx and read it "
            "again."
        )
    wanted = dict(columns or {})
    if content == "zip":
        read = read_xlsx(source.open_binary, file=source.file, sheet=sheet)
        return _table_from_sheet(read, file=source.file, columns=wanted)
    if sheet is not None:
        raise TableReadError(
            f"{source.file}: is CSV text, which has no sheets; --sheet '{sheet}' is for .xlsx "
            "workbooks: leave it out for this file."
        )
    return _read_text(source, columns=wanted, max_size=max_size)


def _check_suffix(source: TableSource) -> None:
    if source.path is None:
        return
    if source.suffix == ".xls":
        raise TableReadError(
            f"{source.file}: old Excel .xls workbooks are not read; open it in Excel and save "
            "it as .xlsx (Excel Workbook) or as CSV UTF-8."
        )
    if source.suffix not in TABLE_SUFFIXES:
        raise TableReadError(
            f"{source.file}: not a table file; pairmap reads "
            + ", ".join(TABLE_SUFFIXES)
            + " (save the sheet from Excel as .xlsx or CSV UTF-8)."
        )


def _table_from_sheet(read: SheetRead, *, file: str, columns: dict[str, str]) -> RawTable:
    table = _build_table(
        read.rows, file=file, sheet=read.name, encoding=None, columns=columns, facts=read.facts
    )
    return replace(table, sheets=read.worksheets, issues=read.issues + table.issues)


def _read_text(source: TableSource, *, columns: dict[str, str], max_size: int) -> RawTable:
    file = source.file
    decoded = decode_table_text(source.read_bytes(max_size=max_size), file=file)
    if not decoded.text.strip():
        raise TableReadError(f"{file}: is empty; write a header row and one row per pair.")
    logger.info("%s: read as %s", file, decoded.label)
    parsed = parse_csv(decoded.text, file=file)
    try:
        header_index = find_header(parsed.rows, columns.values())
    except IndexError:
        raise TableReadError(
            f"{file}: is empty; write a header row and one row per pair."
        ) from None
    check_csv_rows(parsed, decoded, header_index=header_index, file=file)
    table = _build_table(
        parsed.rows,
        file=file,
        sheet=None,
        encoding=decoded.label,
        columns=columns,
        header_index=header_index,
    )
    if decoded.notice is None:
        return table
    notice = Issue("warning", "encoding_guess", file, decoded.notice)
    return replace(table, issues=(notice, *table.issues))


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


# -- headers and rows ------------------------------------------------------------------


def _build_table(
    rows: Rows,
    *,
    file: str,
    sheet: str | None,
    encoding: str | None,
    columns: dict[str, str],
    facts: SheetFacts | None = None,
    header_index: int | None = None,
) -> RawTable:
    check_column_map(columns)
    facts = facts or SheetFacts()
    where = file + (f" [{sheet}]" if sheet else "")
    try:
        if header_index is None:
            header_index = find_header(rows, columns.values())
    except IndexError:
        raise TableReadError(
            f"{where}: is empty; write a header row and one row per pair."
        ) from None
    header_row_number, header_cells = rows[header_index]
    headers = [cell or "" for cell in header_cells]
    below = [(n, cells) for n, cells in rows[header_index + 1 :] if any(cells)]
    data_rows = [(n, cells) for n, cells in below if any(cells[: len(headers)])]
    units = _take_unit_row(data_rows, header_row_number, facts)
    assigned, scales = _match_columns(headers, columns, header_row_number, where)
    names, ignored, issues = _name_columns(
        headers, assigned, data_rows, file=file, sheet=sheet, header_row=header_row_number
    )
    _check_formulas(facts, names, headers, file=file, sheet=sheet, header_row=header_row_number)
    issues += _beyond_header(below, len(headers), file=file, sheet=sheet)
    records = _records(data_rows, names)
    unit_row: dict[str, str] = {}
    if units is not None:
        number, read_units = units[0], {i: u for i, u in units[1].items() if i in names}
        unit_row = {names[i]: unit for i, unit in read_units.items()}
        listed = {headers[i]: unit for i, unit in read_units.items()}
        issues.insert(0, _unit_row_issue(number, listed, file=file, sheet=sheet))
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
        headers=tuple(headers),
        columns=mapped,
        scales=scales,
        issues=tuple(issues),
        ignored=tuple(ignored),
        unit_row=unit_row,
        merged=_merged_cells(facts, names, {n for n, _ in data_rows}),
    )


def _take_unit_row(
    data_rows: Rows, header_row: int, facts: SheetFacts
) -> tuple[int, dict[int, str]] | None:
    """Remove a row of units right under the header from ``data_rows``; its number and
    0-based column -> unit."""
    if not data_rows:
        return None
    number, cells = data_rows[0]
    merged_down = {
        c for (r, c), top in facts.merged_from.items() if r == number and top <= header_row
    }
    units = unit_row_cells(cells, skip=merged_down)
    if units is None:
        return None
    del data_rows[0]
    return number, units


def _unit_row_issue(
    number: int, units: Mapping[str, str], *, file: str, sheet: str | None
) -> Issue:
    listed = ", ".join(f"'{shown(header)}': {shown(unit)}" for header, unit in units.items())
    return Issue(
        "warning",
        "unit_row",
        file,
        f"was read as the units of the columns above it ({listed}), not as a pair.",
        sheet=sheet,
        row=number,
    )


def _match_columns(
    headers: list[str], columns: dict[str, str], header_row_number: int, where: str
) -> tuple[dict[int, str], dict[str, float]]:
    """Column index -> canonical column, and the scales written in metric headers.

    Raises
    ------
    TableReadError
        For a header written twice, a mapping to a missing header, or two headers that
        mean the same column.
    """
    problems: list[str] = []
    by_key: dict[str, list[int]] = {}
    for index, header in enumerate(headers):
        if header:
            by_key.setdefault(normalise_header(header), []).append(index)
    for indexes in by_key.values():
        if len(indexes) > 1:
            letters = ", ".join(column_letter(i) for i in indexes)
            problems.append(
                f"header '{headers[indexes[0]]}' appears in columns {letters}; "
                "rename or delete all but one"
            )

    assigned: dict[int, str] = {}
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

    first_of_key = {indexes[0] for indexes in by_key.values()}
    scales = _recognise_columns(headers, assigned, first_of_key, problems)
    if problems:
        raise TableReadError(f"{where}: " + "; ".join(problems) + ".")
    return assigned, scales


def _recognise_columns(
    headers: list[str], assigned: dict[int, str], first_of_key: set[int], problems: list[str]
) -> dict[str, float]:
    """Add the headers recognised as canonical columns to ``assigned`` (two that mean the same
    column are a problem); return the scales written in metric headers."""
    scales: dict[str, float] = {}
    taken = set(assigned.values())
    by_canonical: dict[str, list[int]] = {}
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
    return scales


def _name_columns(
    headers: list[str],
    assigned: dict[int, str],
    data_rows: Rows,
    *,
    file: str,
    sheet: str | None,
    header_row: int,
) -> tuple[dict[int, str], list[str], list[Issue]]:
    """Column index -> name in the frame; the headers ignored; warnings for columns with
    values but no header."""
    names: dict[int, str] = {}
    ignored: list[str] = []
    issues: list[Issue] = []
    reserved = set(CANONICAL_COLUMNS) | NON_METRIC_COLUMNS
    blank = [i for i, header in enumerate(headers) if not header and i not in assigned]
    filled = {i for _, cells in data_rows for i in blank if i < len(cells) and cells[i]}
    for index, header in enumerate(headers):
        if index in assigned:
            names[index] = assigned[index]
        elif header and header not in reserved and not is_serial_header(header):
            names[index] = header
        elif header:
            ignored.append(header)
        elif index in filled:
            issues.append(
                Issue(
                    "warning",
                    "unnamed_column",
                    file,
                    f"column {column_letter(index)} has values but no header in row "
                    f"{header_row}; they were ignored. Give it a header or delete it.",
                    sheet=sheet,
                )
            )
    return names, ignored, issues


def _records(data_rows: Rows, names: dict[int, str]) -> dict[str, list[object]]:
    """The frame's columns: name -> the cell text of every data row."""
    records: dict[str, list[object]] = {name: [] for name in names.values()}
    for _, cells in data_rows:
        for index, name in names.items():
            records[name].append(cells[index] if index < len(cells) else None)
    return records


def _beyond_header(rows: Rows, width: int, *, file: str, sheet: str | None) -> list[Issue]:
    """A warning for each row with cells right of the last header (in a workbook; a CSV row
    with more fields than the header is an error before this). A row with nothing else is
    not read."""
    issues = []
    for number, cells in rows:
        if len(cells) <= width:
            continue
        beyond = [(i, cell) for i, cell in enumerate(cells[width:], start=width) if cell]
        if not beyond:
            continue
        listed = ", ".join(f"{column_letter(i)}{number} '{shown(c)}'" for i, c in beyond[:3])
        plural = len(beyond) > 1
        issues.append(
            Issue(
                "warning",
                "cells_beyond_header",
                file,
                f"has {len(beyond)} filled cell{'s' if plural else ''} right of the last "
                f"header ({listed}{', …' if len(beyond) > 3 else ''}); "
                f"{'they were' if plural else 'it was'} ignored. Add a header for "
                f"{'them' if plural else 'it'} or delete {'them' if plural else 'it'}.",
                sheet=sheet,
                row=number,
            )
        )
    return issues


def _check_formulas(
    facts: SheetFacts,
    names: dict[int, str],
    headers: list[str],
    *,
    file: str,
    sheet: str | None,
    header_row: int,
) -> None:
    """Raise when a cell that is read holds a formula with no saved value."""
    cells = [(r, c, f) for r, c, f in facts.uncached if r > header_row and c in names]
    if not cells:
        return
    total = len(cells) + facts.uncached_total - len(facts.uncached)
    header_cells: list[Cell] = [h or None for h in headers]
    raise TableReadError(uncached_message(file, sheet or "", cells, header_cells, total))


def _merged_cells(
    facts: SheetFacts, names: dict[int, str], data_numbers: set[int]
) -> dict[tuple[int, str], int]:
    return {
        (row, names[column]): top
        for (row, column), top in facts.merged_from.items()
        if column in names and row in data_numbers
    }


# -- DataFrames ------------------------------------------------------------------------

#: The name a DataFrame's rows are reported under (in place of a file name).
FRAME_NAME = "DataFrame"


def read_frame(
    frame: pd.DataFrame,
    *,
    columns: Mapping[str, str] | None = None,
    name: str = FRAME_NAME,
) -> RawTable:
    """Read a pairing table held in a ``pandas.DataFrame``, exactly as a sheet is read.

    The frame's column labels are its headers (Chinese or English, mapped as in a file,
    with ``columns`` for the others) and each value becomes its cell text, so the frame
    then goes through the same validation as a file.

    Parameters
    ----------
    frame
        One row per pair; the frame is not changed.
    columns
        Canonical column -> column label, for labels pairmap does not recognise.
    name
        What reports call the table (in place of a file name).

    Returns
    -------
    RawTable
        ``source_file`` is ``name`` and ``source_row`` the frame's row label (its
        position from 0 when the index is not integers), so a report's ``row 3`` is
        ``frame.loc[3]``.

    Raises
    ------
    TableReadError
        When a label of ``columns`` is not a column of the frame, or two columns clash.
    """
    headers = ["" if _is_missing(label) else str(label).strip() for label in frame.columns]
    mapping = dict(columns or {})
    check_column_map(mapping)
    known = {normalise_header(header) for header in headers if header}
    unknown = [label for label in mapping.values() if normalise_header(label) not in known]
    if unknown:
        raise TableReadError(
            f"{name}: the column mapping names {', '.join(repr(u) for u in unknown)}, which "
            f"the frame does not have; its columns are {', '.join(repr(h) for h in headers)}."
        )
    labels = frame.index.tolist() if pd.api.types.is_integer_dtype(frame.index) else None
    rows: list[tuple[int, list[Cell]]] = [(-1, [h or None for h in headers])]
    for position, values in enumerate(frame.itertuples(index=False, name=None)):
        number = int(labels[position]) if labels is not None else position
        rows.append((number, [_frame_cell(value) for value in values]))
    return _build_table(rows, file=name, sheet=None, encoding=None, columns=mapping, header_index=0)


def _is_missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array in a cell is not "missing"
        return False


def _frame_cell(value: object) -> Cell:
    return None if _is_missing(value) else cell_text(value)
