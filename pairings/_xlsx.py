"""Reading one worksheet of an .xlsx workbook as rows of text, in memory bounded by its data.

The worksheet is streamed (openpyxl's read-only mode, no padding to the sheet's stated
dimensions); a second streaming pass over its XML finds what read-only mode does not give:
merged ranges and formulas with no saved value.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import struct
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO
from xml.etree import ElementTree

from pairmap.pairings._reading import Cell, Rows, TableReadError, column_name, shown
from pairmap.pairings.issues import Issue

if TYPE_CHECKING:
    from collections.abc import Callable

#: How many formulas with no saved value are kept for the message.
KEPT_FORMULAS = 10_000

#: Exceptions that a damaged or truncated workbook raises inside openpyxl or zipfile.
DAMAGED: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    ElementTree.ParseError,
    EOFError,
    struct.error,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    NotImplementedError,
    RuntimeError,  # zipfile: an entry flagged as encrypted
    OSError,
)

_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


@dataclass(frozen=True)
class SheetFacts:
    """What a worksheet says beyond its cell values.

    Attributes
    ----------
    merged_from
        ``(row, 0-based column)`` -> row of the merged range's top-left cell, for every
        cell given the value of a merged range other than that top-left cell.
    uncached
        ``(row, 0-based column, formula)`` of formula cells with no saved value.
    uncached_total
        How many such cells there are (more than are kept when very many).
    """

    merged_from: dict[tuple[int, int], int] = field(default_factory=dict)
    uncached: tuple[tuple[int, int, str | None], ...] = ()
    uncached_total: int = 0


@dataclass(frozen=True)
class SheetRead:
    """One worksheet as read: its rows, its name, the workbook's worksheets, and facts."""

    rows: Rows
    name: str
    worksheets: tuple[str, ...]
    facts: SheetFacts
    issues: tuple[Issue, ...] = ()


def ole_message(data: bytes, file: str) -> str:
    """What an OLE2 compound file given as a table is, and how to make it readable."""
    if _has_stream(data, "EncryptionInfo") or _has_stream(data, "EncryptedPackage"):
        return (
            f"{file}: is a password-protected (encrypted) Excel workbook, which pairmap cannot "
            "read; open it in Excel, remove the password (File › Info › Protect Workbook › "
            "Encrypt with Password, then clear it) and save it again as .xlsx."
        )
    if _has_stream(data, "Workbook") or _has_stream(data, "Book"):
        return (
            f"{file}: is an old Excel .xls workbook (Excel 97–2003), not .xlsx; open it in "
            "Excel and save it as .xlsx (File › Save As › Excel Workbook) or as CSV UTF-8."
        )
    return (
        f"{file}: is an OLE2 compound file (such as an old Office document), not a table; "
        "save the table from Excel as .xlsx or as CSV UTF-8."
    )


def _has_stream(data: bytes, name: str) -> bool:
    return name.encode("utf-16-le") in data


def damaged_message(file: str, error: BaseException) -> str:
    """The message for a workbook that openpyxl or zipfile could not read."""
    name = type(error).__name__
    if name == "error":  # zlib.error
        name = f"{type(error).__module__}.{name}"
    reason = shown(f"{name}: {error}" if str(error) else name, limit=80)
    return (
        f"{file}: not a readable .xlsx workbook: it is damaged or incomplete ({reason}); "
        "open it in Excel and save it again as .xlsx, or export the sheet as CSV UTF-8."
    )


def not_zip_message(file: str) -> str:
    """The message for an .xlsx file that is not a zip archive."""
    return (
        f"{file}: not a readable .xlsx workbook: it is not a zip archive, as every .xlsx file "
        "is; if it is CSV text, rename it to .csv, else open it in Excel and save it again "
        "as .xlsx."
    )


def read_xlsx(
    open_source: Callable[[], BinaryIO | Path], *, file: str, sheet: str | None
) -> SheetRead:
    """Read one worksheet (``sheet``, or the first visible one) as rows of cell text.

    Parameters
    ----------
    open_source
        Gives the workbook (a path, or a fresh stream of its bytes) each time it is called.
    file
        The name shown in messages.
    sheet
        The worksheet to read; None for the first visible worksheet (chart sheets and
        hidden sheets are passed over, with a warning for hidden ones).

    Raises
    ------
    TableReadError
        For a damaged workbook, a missing sheet, a chart sheet, or an empty sheet.
    """
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's notes on styles and extensions
        try:
            workbook = openpyxl.load_workbook(open_source(), read_only=True, data_only=True)
        except TableReadError:
            raise
        except (*DAMAGED, InvalidFileException) as error:
            raise TableReadError(damaged_message(file, error)) from None
        try:
            worksheet, issues = _choose_sheet(workbook, file=file, sheet=sheet)
            worksheets = tuple(str(ws.title) for ws in workbook.worksheets)
            rows = list(_sheet_rows(worksheet))
            member = str(worksheet._worksheet_path)
        except TableReadError:
            raise
        except DAMAGED as error:
            raise TableReadError(damaged_message(file, error)) from None
        finally:
            workbook.close()
    name = str(worksheet.title)
    if not rows:
        raise TableReadError(
            f"{file} [{name}]: the sheet is empty; write a header row and one row per pair."
        )
    try:
        merges, uncached, total = _scan_sheet_xml(open_source(), member)
    except TableReadError:
        raise
    except DAMAGED as error:
        raise TableReadError(damaged_message(file, error)) from None
    facts = SheetFacts(_fill_merged(rows, merges), uncached, total)
    return SheetRead(rows, name, worksheets, facts, issues)


def _choose_sheet(workbook: Any, *, file: str, sheet: str | None) -> tuple[Any, tuple[Issue, ...]]:
    worksheets = list(workbook.worksheets)
    names = [str(ws.title) for ws in worksheets]
    listed = ", ".join(f"'{name}'" for name in names)
    if sheet is not None:
        if sheet in names:
            return workbook[sheet], ()
        if sheet in workbook.sheetnames:
            raise TableReadError(
                f"{file}: sheet '{sheet}' is a chart, not a table; the sheets with tables are "
                f"{listed}. Pass one of them with --sheet."
            )
        raise TableReadError(
            f"{file}: no sheet '{sheet}'; the sheets are {listed}. Pass one of them with --sheet."
        )
    if not worksheets:
        charts = ", ".join(f"'{name}'" for name in workbook.sheetnames)
        raise TableReadError(
            f"{file}: the workbook has no sheet with cells, only charts ({charts}); put the "
            "table on a worksheet."
        )
    visible = [ws for ws in worksheets if ws.sheet_state == "visible"]
    chosen = visible[0] if visible else worksheets[0]
    passed = names[: worksheets.index(chosen)]
    if not passed and visible:
        return chosen, ()
    hidden = ", ".join(f"'{ws.title}'" for ws in worksheets if ws.sheet_state != "visible")
    if not visible:
        message = (
            f"every worksheet of the workbook is hidden; pairmap read the first, "
            f"'{chosen.title}'. Choose another with --sheet."
        )
    else:
        first = ", ".join(f"'{name}'" for name in passed)
        verb = "is" if len(passed) == 1 else "are"
        message = (
            f"the workbook's first sheet{'s' if len(passed) > 1 else ''} ({first}) {verb} "
            f"hidden, so pairmap read '{chosen.title}', the first visible sheet (hidden "
            f"sheets: {hidden}). Choose another with --sheet."
        )
    return chosen, (Issue("warning", "hidden_sheet", file, message, sheet=str(chosen.title)),)


def _sheet_rows(worksheet: Any) -> Iterator[tuple[int, list[Cell]]]:
    """Rows with at least one value, numbered as in Excel, each cut after its last value."""
    worksheet.reset_dimensions()  # never pad to the stated dimensions (a stray XFD1048576)
    for number, cells in enumerate(worksheet.iter_rows(), start=1):
        if not cells:
            continue
        texts = [_cell_text(cell) for cell in cells]
        while texts and texts[-1] is None:
            texts.pop()
        if texts:
            yield number, texts


def _cell_text(cell: Any) -> Cell:
    value = cell.value
    if isinstance(value, dt.date | dt.datetime) and _year_only(cell.number_format):
        return str(value.year)  # a year typed as a date and shown as yyyy
    return cell_text(value)


def _year_only(number_format: str) -> bool:
    """Whether an Excel number format shows only the year (``yyyy``, ``yyyy"年"``)."""
    letters = {char for char in _LITERALS.sub("", number_format.lower()) if char.isalpha()}
    return letters == {"y"}


def cell_text(value: object) -> Cell:
    """The text of an Excel value: integers without ``.0``, dates in ISO form."""
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
    text = str(value).strip().strip("\ufeff")
    return text or None


def _scan_sheet_xml(
    source: BinaryIO | Path, member: str
) -> tuple[list[tuple[int, int, int, int]], tuple[tuple[int, int, str | None], ...], int]:
    """Merged ranges ``(min_col, min_row, max_col, max_row)`` and formulas with no saved value
    ``(row, 0-based column, formula)`` of a worksheet, streamed from its XML."""
    from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries

    merges: list[tuple[int, int, int, int]] = []
    uncached: list[tuple[int, int, str | None]] = []
    total = 0
    row = column = 0
    parent = None
    with zipfile.ZipFile(source) as archive, archive.open(member.lstrip("/")) as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            name = element.tag.rpartition("}")[2]
            if event == "start":
                if name == "sheetData":
                    parent = element
                elif name == "row":
                    row, column = int(element.get("r") or row + 1), 0
                continue
            if name == "c":
                reference = element.get("r")
                row, column = coordinate_to_tuple(reference) if reference else (row, column + 1)
                if _uncached(element):
                    formula = _children(element)[0]
                    total += 1
                    if len(uncached) < KEPT_FORMULAS:
                        uncached.append(
                            (row, column - 1, formula.text if formula is not None else None)
                        )
            elif name == "row" and parent is not None:
                parent.clear()
            elif name == "mergeCell" and element.get("ref"):
                merges.append(range_boundaries(element.get("ref")))
    return merges, tuple(uncached), total


def _uncached(cell: ElementTree.Element) -> bool:
    """Whether a ``<c>`` holds a formula with no saved value (no ``<v>``, or an empty one
    where the result is not text)."""
    formula, value = _children(cell)
    if formula is None:
        return False
    if value is None:
        return True
    return not value.text and cell.get("t") not in ("str", "s", "inlineStr")


def _children(element: ElementTree.Element) -> tuple[ElementTree.Element | None, ...]:
    formula = value = None
    for child in element:
        name = child.tag.rpartition("}")[2]
        if name == "f":
            formula = child
        elif name == "v":
            value = child
    return formula, value


def _fill_merged(rows: Rows, merges: list[tuple[int, int, int, int]]) -> dict[tuple[int, int], int]:
    """Give every cell of a merged range its top-left value, in the rows that have data; return
    ``(row, 0-based column)`` -> top row for the cells filled."""
    numbers = [number for number, _ in rows]
    position = {number: index for index, number in enumerate(numbers)}
    width = max(len(cells) for _, cells in rows)
    filled: dict[tuple[int, int], int] = {}
    for min_col, min_row, max_col, max_row in merges:
        top = position.get(min_row)
        top_cells = rows[top][1] if top is not None else []
        value = top_cells[min_col - 1] if min_col - 1 < len(top_cells) else None
        if value is None:
            continue
        columns = range(min_col - 1, min(max_col, width))
        for index in range(
            bisect.bisect_left(numbers, min_row), bisect.bisect_right(numbers, max_row)
        ):
            number, cells = rows[index]
            for column in columns:
                if (number, column) == (min_row, min_col - 1):
                    continue
                if column >= len(cells):
                    cells.extend([None] * (column + 1 - len(cells)))
                cells[column] = value
                filled[(number, column)] = min_row
    return filled


def uncached_message(
    file: str, sheet: str, cells: list[tuple[int, int, str | None]], headers: list[Cell], total: int
) -> str:
    """The message for formula cells with no saved value, naming the first and counting the rest."""
    from openpyxl.utils.cell import get_column_letter

    row, column, formula = cells[0]
    coordinate = f"{get_column_letter(column + 1)}{row}"
    written = f" (={shown(formula)})" if formula else ""
    others = [f"{get_column_letter(c + 1)}{r}" for r, c, _ in cells[1:4]]
    more = total - 1
    also = ""
    if more:
        listed = ", ".join(others) + (", …" if more > len(others) else "")
        cells_word = "other cell" if more == 1 else "other cells"
        also = f", as {'does' if more == 1 else 'do'} {more} {cells_word} ({listed})"
    return (
        f"{file} [{sheet}] row {row}, {column_name(headers, column)}: cell {coordinate} holds "
        f"a formula{written} with no saved value{also}. pairmap reads the values Excel saves "
        "with a workbook: open it in Excel or LibreOffice and save it, so the values are "
        "computed, or paste the values over the formulas."
    )
