"""Pairing-table input shared by ``check`` and ``map``: options, reading and resolving."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from pairmap.scripts._common import progress_bar

if TYPE_CHECKING:
    from pairmap.pairings.tables import ResolvedTables

F = TypeVar("F", bound=Callable[..., Any])


def table_options(function: F) -> F:
    """Add ``--column``, ``--columns-file`` and ``--sheet`` to a command."""
    function = click.option(
        "--sheet", metavar="NAME", help="Worksheet to read from .xlsx tables (default: the first)."
    )(function)
    function = click.option(
        "--columns-file",
        type=click.Path(path_type=Path, dir_okay=False),
        help='TOML file of column mappings, one per line: donor = "帮扶单位".',
    )(function)
    function = click.option(
        "--column",
        "column_options",
        multiple=True,
        metavar="CANONICAL=HEADER",
        help="Read the column headed HEADER as CANONICAL (repeatable), e.g. donor=帮扶单位.",
    )(function)
    return function


def parse_column_options(values: tuple[str, ...]) -> dict[str, str]:
    """``("donor=帮扶单位", ...)`` as ``{"donor": "帮扶单位"}``; a usage error when malformed."""
    from pairmap.pairings.schema import CANONICAL_COLUMNS

    mapping: dict[str, str] = {}
    for value in values:
        canonical, sep, header = value.partition("=")
        canonical, header = canonical.strip(), header.strip()
        if not sep or not canonical or not header:
            raise click.BadParameter(
                f"{value!r} is not CANONICAL=HEADER, such as donor=帮扶单位.",
                param_hint="'--column'",
            )
        if canonical not in CANONICAL_COLUMNS:
            raise click.BadParameter(
                f"{canonical!r} is not a column of the schema; use one of: "
                + ", ".join(CANONICAL_COLUMNS),
                param_hint="'--column'",
            )
        mapping[canonical] = header
    return mapping


def read_and_resolve(
    arguments: tuple[Path, ...],
    *,
    column_options: tuple[str, ...],
    columns_file: Path | None,
    sheet: str | None,
) -> ResolvedTables:
    """Read, validate and resolve the tables named on the command line
    (:func:`pairmap.pairings.tables.read_tables`, with a progress bar).

    Parameters
    ----------
    arguments
        Table files or folders of them.
    column_options, columns_file, sheet
        The values of :func:`table_options`.
    """
    from pairmap.pairings.io import read_column_map
    from pairmap.pairings.tables import read_tables

    columns = parse_column_options(column_options)
    if columns_file is not None:
        columns = {**read_column_map(columns_file), **columns}
    with progress_bar() as progress:  # shown only while boundaries are prepared
        return read_tables(arguments, columns=columns, sheet=sheet, progress=progress)
