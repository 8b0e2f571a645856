"""Problems found in pairing tables, each pinned to file, sheet, row and column; the report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from pairmap.geo.errors import PairmapError

Severity = Literal["error", "warning", "info"]


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
    def location(self) -> str:
        """``file [sheet] row N, column 'header' (canonical)``, as much as is known."""
        parts = [self.file + (f" [{self.sheet}]" if self.sheet else "")]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None or self.header is not None:
            header = self.header if self.header is not None else self.column
            shown = f"column '{header}'"
            if self.column is not None and header != self.column:
                shown += f" ({self.column})"
            parts.append(shown)
        return parts[0] + (" " + ", ".join(parts[1:]) if len(parts) > 1 else "")

    def __str__(self) -> str:
        value = f"'{self.value}' " if self.value is not None else ""
        return f"{self.location}: {value}{self.message}"

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
        plain numbers of a column, from its header or from the unit row under it.
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
            text += "; ignored columns: " + ", ".join(f"'{name}'" for name in self.ignored)
        return text

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


class PairingTableError(PairmapError):
    """A pairing table has errors; the message lists every one."""

    def __init__(self, report: Report) -> None:
        lines = [str(issue) for issue in report.errors]
        super().__init__(
            f"{len(lines)} error{'' if len(lines) == 1 else 's'} in the pairing tables "
            f"(run `pairmap check` for the full report):\n" + "\n".join(lines)
        )
        self.report = report


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
        """The tables read, every issue (``error:`` / ``warning:`` / ``info:``) and the summary."""
        lines = [f"read {table.describe()}" for table in self.tables]
        lines += [f"{issue.severity}: {issue}" for issue in self.issues]
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

    def raise_for_errors(self) -> None:
        """Raise :class:`PairingTableError` listing every error, if there is any."""
        if self.errors:
            raise PairingTableError(self)
