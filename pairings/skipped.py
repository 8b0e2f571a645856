"""Rows a map does not draw (``--skip-invalid``): each with where it is and why."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from pairmap.geo.text import printable, quoted
from pairmap.pairings.issues import Issue, Report

__all__ = ["SkippedRow", "rows_not_drawn"]


@dataclass(frozen=True)
class SkippedRow:
    """A table row (or a whole table) left out of a map because of an error.

    Attributes
    ----------
    file, sheet, row
        Where it is; ``row`` is None when the whole table could not be read.
    reason
        The first error's column, cell and message.
    """

    file: str
    sheet: str | None
    row: int | None
    reason: str

    @property
    def where(self) -> str:
        """``data/a.csv row 5``, ``a.xlsx [2021] row 5``, or ``a.csv`` for a whole table."""
        return self._where(self.file)

    @property
    def where_in_map(self) -> str:
        """As :attr:`where` with the file's name only (a map may be shared; its folders not)."""
        return self._where(PurePath(self.file).name)

    def _where(self, file: str) -> str:
        sheet = f" [{self.sheet}]" if self.sheet else ""
        return f"{file}{sheet}" + (f" row {self.row}" if self.row is not None else "")


def _reason(issue: Issue) -> str:
    """``recipient '不存在县': is not the name of …`` (the cell shown escaped and cut)."""
    if issue.column is None:
        return issue.message
    cell = f" {printable(quoted(issue.value, limit=60))}" if issue.value else ""
    return f"{issue.column}{cell}: {issue.message}"


def rows_not_drawn(report: Report) -> list[SkippedRow]:
    """Every row (or table) with an error, once, in the report's order.

    Parameters
    ----------
    report
        The report of reading the map's tables.

    Returns
    -------
    list of SkippedRow
        One per row with errors, its first error as the reason.
    """
    seen: dict[tuple[str, str | None, int | None], SkippedRow] = {}
    for issue in report.errors:
        key = (issue.file, issue.sheet, issue.row)
        if key not in seen:
            seen[key] = SkippedRow(issue.file, issue.sheet, issue.row, _reason(issue))
    return list(seen.values())
