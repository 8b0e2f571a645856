"""From a checked book file to each map's pairs: tables read once, then per map selected.

Every table entry of the book is read and resolved once (with its columns, sheet and
the book's ``[seats]``). Each map then joins its tables, draws a pair repeated across
them once (:func:`pairings.repeats.merge_repeated_pairs`), applies its filters and,
with ``skip_invalid``, leaves out the rows with errors and says which. A problem is an
error naming the book's file, line and key, raised before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pairmap.errors import PairingTableError, SelectionError
from pairmap.maps.bookfile import Book, MapSection
from pairmap.pairings.diff import pair_identities
from pairmap.pairings.issues import Report, issue_lines
from pairmap.pairings.metrics import concat_pairs
from pairmap.pairings.repeats import merge_repeated_pairs
from pairmap.pairings.select import Selection
from pairmap.pairings.skipped import rows_not_drawn
from pairmap.pairings.tables import ResolvedTables, read_tables

__all__ = ["PlannedMap", "plan_maps", "read_book_tables", "section_selection"]


@dataclass(frozen=True)
class PlannedMap:
    """One map of a book, its pairs chosen, ready to draw.

    Attributes
    ----------
    section
        The map's section of the book.
    pairs
        The pairs it draws.
    not_drawn
        ``(where, why)`` of each row of its tables left out by ``skip_invalid``.
    notes
        Lines for the terminal: its tables' warnings and notices, repeats merged, rows
        without a year left out.
    sources
        The table files the map reads.
    drawn_from
        File names of the tables its drawn pairs come from, a table whose row was
        merged into a pair of another included (for the footer).
    """

    section: MapSection
    pairs: pd.DataFrame
    not_drawn: tuple[tuple[str, str], ...]
    notes: tuple[str, ...]
    sources: tuple[Path, ...]
    drawn_from: tuple[str, ...] = ()


def read_book_tables(book: Book, files: Mapping[str, list[Path]]) -> dict[str, ResolvedTables]:
    """Read and resolve every table entry of ``book`` once, by table name.

    Parameters
    ----------
    book
        The checked book.
    files
        Each entry's files (:func:`maps.bookinputs.book_files`).
    """
    return {
        spec.name: read_tables(
            files[spec.name], columns=spec.columns, sheet=spec.sheet, seats=book.seats
        )
        for spec in book.tables
    }


def section_selection(book: Book, section: MapSection) -> Selection:
    """The :class:`~pairmap.pairings.select.Selection` of a map's filters."""
    filters = dict(section.filters)
    level = filters.pop("pair_level", None)
    try:
        return Selection.from_dict({**filters, "level": level})
    except SelectionError as error:
        raise _map_error(book, section, str(error), key=_named(section, str(error))) from None


def _named(section: MapSection, message: str) -> str | None:
    """The filter a selection error is about (the first named in it), for its line."""
    words = {
        "programme": "programmes",
        "round": "rounds",
        "year": "years",
        "donor": "donor_provinces",
        "recipient": "recipient_provinces",
        "level": "pair_level",
    }
    lowered = message.lower()
    for word, key in words.items():
        if word in lowered and key in section.filters:
            return key
    return next(iter(section.filters), None)


def _map_error(book: Book, section: MapSection, message: str, *, key: str | None) -> Exception:
    return book.error(message, section="map", key=key, index=section.index)


def _report(tables: Mapping[str, ResolvedTables], names: tuple[str, ...]) -> Report:
    return Report().merge(*(tables[name].report for name in names))


def _check_errors(book: Book, section: MapSection, report: Report) -> None:
    """Stop the build when the map's tables have errors and it does not skip them."""
    if report.ok or section.settings["skip_invalid"]:
        return
    hint = book.error(
        "its tables have the errors above; fix those rows, or set skip_invalid = true "
        "to draw the rows that resolve and list the others in the map.",
        section="map",
        key="slug",
        index=section.index,
    )
    lines = [*issue_lines(report.errors, severity=False), str(hint)]
    raise PairingTableError(report, lines=lines)


def _selected(book: Book, section: MapSection, pairs: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    selection = section_selection(book, section)
    try:
        selected = selection.apply(pairs) if len(pairs) else pairs
    except SelectionError as error:
        raise _map_error(book, section, str(error), key=_named(section, str(error))) from None
    undated = selection.undated(pairs) if len(pairs) else 0
    note = f"{undated} pairs without a start year left out by years" if undated else ""
    if selected.empty:
        what = f" after its filters ({selection.describe()})" if section.filters else ""
        raise _map_error(
            book,
            section,
            f"draws no pairs{what}; check the filters and the tables it names.",
            key="slug",
        )
    return selected.reset_index(drop=True), note


def plan_map(book: Book, section: MapSection, tables: Mapping[str, ResolvedTables]) -> PlannedMap:
    """One map's pairs (see the module's description)."""
    report = _report(tables, section.tables)
    _check_errors(book, section, report)
    frames = [tables[name].pairs for name in section.tables if len(tables[name].pairs)]
    joined = concat_pairs(frames) if frames else pd.DataFrame()
    pairs, repeats = merge_repeated_pairs(joined) if len(joined) else (joined, [])
    selected, undated = _selected(book, section, pairs)
    skipped = rows_not_drawn(report)
    # the tables' own warnings and notices (a pair repeated across the files of one
    # entry, merged), as `pairmap map` prints them, then repeats across its tables
    notes = [
        *issue_lines((*report.warnings, *report.notices)),
        *issue_lines(list(repeats)),
        *([undated] if undated else []),
    ]
    if skipped:
        notes.append(f"{len(skipped)} rows not drawn (skip_invalid):")
        notes.extend(f"  not drawn: {row.where}: {row.reason}" for row in skipped)
    sources = tuple(path for name in section.tables for path in tables[name].paths)
    return PlannedMap(
        section=section,
        pairs=selected,
        not_drawn=tuple((row.where_in_map, row.reason) for row in skipped),
        notes=tuple(notes),
        sources=sources,
        drawn_from=_drawn_from(joined, selected),
    )


def _drawn_from(joined: pd.DataFrame, selected: pd.DataFrame) -> tuple[str, ...]:
    """File names of every row of ``joined`` that is one of the ``selected`` pairs."""
    if joined.empty or selected.empty:
        return ()
    drawn = set(pair_identities(selected))
    rows = pair_identities(joined).isin(drawn)
    return tuple(sorted({Path(str(f)).name for f in joined.loc[rows, "source_file"]}))


def plan_maps(book: Book, tables: Mapping[str, ResolvedTables]) -> list[PlannedMap]:
    """Every map of the book (see :func:`plan_map`), in the book's order."""
    return [plan_map(book, section, tables) for section in book.maps]
