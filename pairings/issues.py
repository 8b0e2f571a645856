"""Problems found in pairing tables, each pinned to file, sheet, row and column; the report."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pairmap.errors import PairingTableError
from pairmap.geo.text import printable, quoted

Severity = Literal["error", "warning", "info"]

#: A kind of issue (severity and code) found more often than this is printed as one
#: line with its count and its first places; ``to_dict`` keeps every issue.
REPEATS_SHOWN = 5
#: Cell values are shown up to this many characters in an issue's text ...
VALUE_SHOWN = 200
#: ... and up to this many in the one-line listing of a repeated kind.
VALUE_LISTED = 30
#: Ignored columns named in a table's line of the report.
IGNORED_SHOWN = 5


@dataclass(frozen=True)
class Issue:
    """One problem in a table.

    Attributes
    ----------
    severity
        ``"error"`` stops a build; ``"warning"`` is shown and the row is kept; ``"info"``
        says what pairmap did to a figure (a unit applied, a merged cell stored once).
    code
        A stable machine-readable name (``unknown_name``, ``ambiguous_name``, ...).
    file
        The table's path as given.
    sheet
        The worksheet (None for CSV).
    row
        Spreadsheet row number (the header is row 1), or None for the whole table.
    column
        The canonical column (``recipient``), or None.
    header
        The column's header as written in the table (``受援方``), or None.
    value
        The cell's text as written, or None.
    message
        What is wrong and how to fix it.
    """

    severity: Severity
    code: str
    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    header: str | None = None
    value: str | None = None

    @property
    def where(self) -> str:
        """``file [sheet]``, control characters escaped."""
        return printable(self.file + (f" [{self.sheet}]" if self.sheet else ""))

    @property
    def column_shown(self) -> str | None:
        """``column 'header' (canonical)``, or None when the issue has no column."""
        if self.column is None and self.header is None:
            return None
        header = self.header if self.header is not None else self.column
        shown = f"column '{header}'"
        if self.column is not None and header != self.column:
            shown += f" ({self.column})"
        return printable(shown)

    @property
    def location(self) -> str:
        """``file [sheet] row N, column 'header' (canonical)``, as much as is known."""
        parts = [f"row {self.row}"] if self.row is not None else []
        if self.column_shown is not None:
            parts.append(self.column_shown)
        return self.where + (" " + ", ".join(parts) if parts else "")

    def __str__(self) -> str:
        """The location, the value (long ones cut) and the message, safe for a terminal."""
        value = f"{quoted(self.value, limit=VALUE_SHOWN)} " if self.value is not None else ""
        return printable(f"{self.location}: {value}{self.message}")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field plus the rendered ``text``."""
        return {
            "severity": self.severity,
            "code": self.code,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "value": self.value,
            "message": self.message,
            "text": str(self),
        }


def _issue_order(issue: Issue) -> tuple[str, str, int, int]:
    return (issue.file, issue.sheet or "", issue.row or 0, 0 if issue.severity == "error" else 1)


def sort_issues(issues: Iterable[Issue]) -> tuple[Issue, ...]:
    """Issues by file, sheet and row (table-wide ones first); ties keep their order."""
    return tuple(sorted(issues, key=_issue_order))


@dataclass(frozen=True)
class TableSummary:
    """How one table was read: encoding, rows, and which headers meant which columns."""

    file: str
    sheet: str | None
    encoding: str | None
    rows: int
    columns: tuple[tuple[str, str], ...] = ()
    ignored: tuple[str, ...] = ()
    units: tuple[tuple[str, str, str, float], ...] = ()

    def describe(self) -> str:
        """One line: ``file [sheet]: N rows (encoding GBK); units: ...; ignored columns: ...``.

        ``units`` lists ``(column, header, unit, scale)``: the unit pairmap applied to the
        plain numbers of a column, from its header or from the unit row under it. At most
        :data:`IGNORED_SHOWN` ignored columns are named, then their number.
        """
        where = self.file + (f" [{self.sheet}]" if self.sheet else "")
        text = f"{where}: {self.rows} row{'' if self.rows == 1 else 's'}"
        if self.encoding:
            text += f" (encoding {self.encoding})"
        if self.units:
            text += "; units: " + ", ".join(
                f"{column} in {unit} (plain numbers ×{scale:g}, from '{header}')"
                for column, header, unit, scale in self.units
            )
        if self.ignored:
            named = ", ".join(f"'{name}'" for name in self.ignored[:IGNORED_SHOWN])
            more = len(self.ignored) - IGNORED_SHOWN
            text += f"; ignored columns: {named}"
            text += f", … ({len(self.ignored):,} in all)" if more > 0 else ""
        return printable(text)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "file": self.file,
            "sheet": self.sheet,
            "encoding": self.encoding,
            "rows": self.rows,
            "columns": {header: canonical for header, canonical in self.columns},
            "ignored": list(self.ignored),
            "units": [
                {"column": column, "header": header, "unit": unit, "scale": scale}
                for column, header, unit, scale in self.units
            ],
        }


@dataclass(frozen=True)
class Report:
    """Everything found while reading, validating and resolving pairing tables."""

    issues: tuple[Issue, ...] = ()
    tables: tuple[TableSummary, ...] = ()
    rows_read: int = 0
    rows_resolved: int = 0

    @property
    def errors(self) -> tuple[Issue, ...]:
        """The issues that stop a build."""
        return tuple(issue for issue in self.issues if issue.severity == "error")

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """The issues that are shown but do not stop a build."""
        return tuple(issue for issue in self.issues if issue.severity == "warning")

    @property
    def notices(self) -> tuple[Issue, ...]:
        """The ``info`` issues: what pairmap did to a figure, for the record."""
        return tuple(issue for issue in self.issues if issue.severity == "info")

    @property
    def ok(self) -> bool:
        """True when there are no errors."""
        return not self.errors

    def merge(self, *others: Report) -> Report:
        """This report followed by ``others``: issues and tables in order, counts added up."""
        reports = (self, *others)
        return Report(
            issues=tuple(issue for report in reports for issue in report.issues),
            tables=tuple(table for report in reports for table in report.tables),
            rows_read=sum(report.rows_read for report in reports),
            rows_resolved=sum(report.rows_resolved for report in reports),
        )

    def summary_line(self) -> str:
        """``3 tables: 120 rows read, 118 resolved, 2 warnings, 1 error`` (notices, if any,
        counted before the warnings)."""

        def count(number: int, word: str) -> str:
            return f"{number} {word}{'' if number == 1 else 's'}"

        tables = f"{count(len(self.tables), 'table')}: " if self.tables else ""
        notices = f"{count(len(self.notices), 'notice')}, " if self.notices else ""
        return (
            f"{tables}{count(self.rows_read, 'row')} read, {self.rows_resolved} resolved, "
            f"{notices}{count(len(self.warnings), 'warning')}, {count(len(self.errors), 'error')}"
        )

    def format_text(self) -> str:
        """The tables read, the issues (``error:`` / ``warning:`` / ``info:``), the summary.

        A kind of issue found more than :data:`REPEATS_SHOWN` times is one line with
        its count and first places (:func:`issue_lines`); :meth:`to_dict` has them all.
        """
        lines = [f"read {table.describe()}" for table in self.tables]
        lines += issue_lines(self.issues)
        lines.append(self.summary_line())
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``summary``, ``tables`` and ``issues``."""
        return {
            "summary": {
                "tables": len(self.tables),
                "rows_read": self.rows_read,
                "rows_resolved": self.rows_resolved,
                "warnings": len(self.warnings),
                "errors": len(self.errors),
                "notices": len(self.notices),
                "text": self.summary_line(),
            },
            "tables": [table.to_dict() for table in self.tables],
            "issues": [issue.to_dict() for issue in self.issues],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text (Chinese kept as it is)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def __str__(self) -> str:
        return self.format_text()

    def raise_for_errors(self) -> None:
        """Raise :class:`PairingTableError` listing every error, if there is any."""
        if self.errors:
            raise PairingTableError(self, lines=issue_lines(self.errors, severity=False))


def issue_lines(
    issues: Sequence[Issue], *, severity: bool = True, shown: int = REPEATS_SHOWN
) -> list[str]:
    """The issues as lines of text, a kind that repeats more than ``shown`` times as one.

    Each issue is ``error: <issue>`` (without the ``error:`` when ``severity`` is
    false), in order.  The issues of a kind (severity and code) found more than
    ``shown`` times are replaced, where the first of them was, by two lines: the kind
    with its count and first ``shown`` places, and the first of them in full::

        error unknown_name ×10,000 in t.csv, column 'recipient': row 2 '甲乙', …
          first: t.csv row 2, column 'recipient': '甲乙' is not the name of ...

    Parameters
    ----------
    issues
        The issues, in the order to print them.
    severity
        Start each single issue's line with its severity.
    shown
        How many issues of one kind are printed one per line.

    Returns
    -------
    list of str
        Lines safe to print to a terminal.
    """
    kinds: dict[tuple[str, str], list[Issue]] = {}
    for issue in issues:
        kinds.setdefault((issue.severity, issue.code), []).append(issue)
    lines: list[str] = []
    listed: set[tuple[str, str]] = set()
    for issue in issues:
        key = (issue.severity, issue.code)
        if len(kinds[key]) <= shown:
            lines.append(f"{issue.severity}: {issue}" if severity else str(issue))
        elif key not in listed:
            listed.add(key)
            lines += _repeated_kind(kinds[key], shown=shown)
    return lines


def _repeated_kind(kind: Sequence[Issue], *, shown: int) -> list[str]:
    """Two lines for the issues of one kind: count and first places, then the first in full."""
    first = kind[0]
    same_file = all(issue.where == first.where for issue in kind)
    same_column = all(issue.column_shown == first.column_shown for issue in kind)
    common = [first.where] if same_file else []
    if same_column and first.column_shown is not None:
        common.append(first.column_shown)
    places = [_place(issue, file=not same_file, column=not same_column) for issue in kind[:shown]]
    head = f"{first.severity} {first.code} ×{len(kind):,}"
    head += f" in {', '.join(common)}" if common else ""
    listing = ", ".join(places) + f", … (first {shown} shown; `pairmap check --format json` "
    listing += "lists every one)"
    return [printable(f"{head}: {listing}"), f"  first: {first}"]


def _place(issue: Issue, *, file: bool, column: bool) -> str:
    """Where one issue of a repeated kind is, and its value, in a few words."""
    parts = [issue.where] if file else []
    if issue.row is not None:
        parts.append(f"row {issue.row}")
    if column and issue.column_shown is not None:
        parts.append(issue.column_shown)
    if issue.value is not None:
        parts.append(printable(quoted(issue.value, limit=VALUE_LISTED)))
    return " ".join(parts) or printable(issue.message)
