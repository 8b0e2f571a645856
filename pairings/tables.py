"""From table files, folders or DataFrames to one resolved pairing frame and its report.

The one pipeline behind ``pairmap check``, ``pairmap map``, the map book and the Python
API: read every table, validate and resolve every row, report every problem in the
order the tables were given.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

import pandas as pd

from pairmap.errors import TableReadError
from pairmap.pairings.io import (
    DEFAULT_MAX_SIZE,
    FRAME_NAME,
    STDIN_NAME,
    STDIN_PATH,
    TABLE_SUFFIXES,
    RawTable,
    read_frame,
    read_table,
)
from pairmap.pairings.issues import Issue, Report

if TYPE_CHECKING:
    from pairmap.geo.boundaries import Progress

#: What a table may be given as: a file or folder path, or a DataFrame.
TableSource: TypeAlias = str | os.PathLike[str] | pd.DataFrame


@dataclass(frozen=True)
class ResolvedTables:
    """Tables read and resolved.

    Attributes
    ----------
    pairs
        The resolved pairing frame (docs/design.md) of every row without errors.
    report
        Every problem, ordered as the tables were given, and what was read.
    paths
        The table files read (folders stand for their tables); DataFrames are not listed.
    skipped
        Files given that are not tables (a README beside them), not read.
    """

    pairs: pd.DataFrame
    report: Report
    paths: tuple[Path, ...] = ()
    skipped: tuple[Path, ...] = ()


def table_paths(arguments: Sequence[str | os.PathLike[str]]) -> tuple[list[Path], list[Path]]:
    """The tables to read, and the files skipped.

    A folder stands for the table files in it; a file whose suffix is not a table's (a
    README beside the tables) is skipped, not an error; ``-`` is standard input. A path
    that does not exist is kept, so reading it reports it missing.
    """
    paths: list[Path] = []
    skipped: list[Path] = []
    for argument in map(Path, arguments):
        if str(argument) == STDIN_PATH:
            paths.append(argument)
        elif argument.is_dir():
            paths.extend(
                sorted(p for p in argument.iterdir() if p.suffix.lower() in TABLE_SUFFIXES)
            )
        elif argument.exists() and argument.suffix.lower() not in (*TABLE_SUFFIXES, ".xls"):
            skipped.append(argument)
        else:
            paths.append(argument)
    return paths, skipped


def _read_one(
    source: Path | pd.DataFrame, *, sheet: str | None, columns: Mapping[str, str], max_size: int
) -> RawTable:
    if isinstance(source, pd.DataFrame):
        return read_frame(source, columns=columns)
    return read_table(source, sheet=sheet, columns=columns, max_size=max_size)


def _name(source: Path | pd.DataFrame) -> str:
    """What reports call a table: its path as given, ``<stdin>`` or ``DataFrame``."""
    if isinstance(source, pd.DataFrame):
        return FRAME_NAME
    return STDIN_NAME if str(source) == STDIN_PATH else str(source)


def _read_all(
    sources: Sequence[Path | pd.DataFrame],
    *,
    sheet: str | None,
    columns: Mapping[str, str],
    max_size: int,
) -> tuple[list[RawTable], list[Issue]]:
    """Read every table; a table that cannot be read becomes a table-level error."""
    tables: list[RawTable] = []
    failures: list[Issue] = []
    for source in sources:
        try:
            tables.append(_read_one(source, sheet=sheet, columns=columns, max_size=max_size))
        except TableReadError as error:
            file = _name(source)
            message = str(error).removeprefix(f"{file}: ")
            failures.append(Issue("error", "unreadable", file, message))
    return tables, failures


def _sources(
    given: TableSource | Sequence[TableSource],
) -> tuple[list[Path | pd.DataFrame], list[Path], list[Path]]:
    """Expand the sources given: (to read, in order), (files read), (files skipped)."""
    items = [given] if isinstance(given, str | os.PathLike | pd.DataFrame) else list(given)
    sources: list[Path | pd.DataFrame] = []
    paths: list[Path] = []
    skipped: list[Path] = []
    for item in items:
        if isinstance(item, pd.DataFrame):
            sources.append(item)
            continue
        found, passed = table_paths([item])
        sources.extend(found)
        paths.extend(found)
        skipped.extend(passed)
    if not sources:
        raise TableReadError(
            "no table to read: "
            + ", ".join(str(item) for item in items)
            + " holds no .csv, .tsv, .txt or .xlsx file."
        )
    return sources, paths, skipped


def read_tables(
    tables: TableSource | Sequence[TableSource],
    *,
    columns: Mapping[str, str] | None = None,
    sheet: str | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    progress: Progress | None = None,
    seats: Mapping[str, str] | None = None,
) -> ResolvedTables:
    """Read, validate and resolve pairing tables.

    Parameters
    ----------
    tables
        A table file, a folder of them, a DataFrame, or a list of these.
    columns
        Canonical column -> header as written, for headers pairmap does not recognise.
    sheet
        Worksheet to read from ``.xlsx`` tables (default: the first).
    max_size
        Largest table file read, in bytes.
    progress
        Passed to :func:`geo.boundaries.load_anchors` (first-time preparation only).
    seats
        Party name -> seat for names written in many rows (a book's ``[seats]``); a
        seat written in the row wins (:func:`pairings.seats.apply_seats`).

    Returns
    -------
    ResolvedTables
        The pairs of every readable table and one report of every problem, ordered as
        the tables were given. Errors are reported, not raised.

    Raises
    ------
    TableReadError
        When the paths hold no table file at all.
    """
    from pairmap.geo.boundaries import load_anchors
    from pairmap.geo.gazetteer import Gazetteer
    from pairmap.pairings.repeats import merge_repeated_pairs
    from pairmap.pairings.resolve import resolve_tables
    from pairmap.pairings.seats import apply_seats

    sources, paths, skipped = _sources(tables)
    read, failures = _read_all(sources, sheet=sheet, columns=dict(columns or {}), max_size=max_size)
    seated = [apply_seats(table, seats or {}) for table in read]
    read = [table for table, _ in seated]
    notices = [notice for _, found in seated for notice in found]
    report = Report(issues=(*failures, *notices))
    pairs = pd.DataFrame()
    if read:
        anchors = load_anchors(progress=progress)
        pairs, resolved = resolve_tables(read, gazetteer=Gazetteer.default(), anchors=anchors)
        pairs, repeats = merge_repeated_pairs(pairs)
        report = report.merge(resolved, Report(issues=tuple(repeats)))
    position: dict[str, int] = {}
    for number, source in enumerate(sources):
        position.setdefault(_name(source), number)
    report = Report(
        issues=tuple(sorted(report.issues, key=lambda issue: position.get(issue.file, 0))),
        tables=report.tables,
        rows_read=report.rows_read,
        rows_resolved=report.rows_resolved,
    )
    return ResolvedTables(pairs, report, tuple(paths), tuple(skipped))
