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


#: Where ``--max-size`` leaves its value in the click context (bytes).
MAX_SIZE_KEY = "pairmap.max_size"


def _store_max_size(context: click.Context, _: click.Parameter, value: float | None) -> None:
    if value is not None:
        from pairmap.pairings.io import MB

        context.meta[MAX_SIZE_KEY] = int(value * MB)


def table_options(function: F) -> F:
    """Add ``--column``, ``--columns-file``, ``--sheet`` and ``--max-size`` to a command.

    ``--max-size`` is not passed to the command: :func:`read_and_resolve` reads it from the
    click context.
    """
    function = click.option(
        "--max-size",
        type=click.FloatRange(min=0, min_open=True),
        metavar="MB",
        expose_value=False,
        callback=_store_max_size,
        help="Largest table file read, in megabytes (default: 50).",
    )(function)
    function = click.option(
        "--sheet",
        metavar="NAME",
        help="Worksheet to read from .xlsx tables (default: the first visible one).",
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


def refuse_repeats(arguments: tuple[Path, ...], paths: list[Path]) -> None:
    """A usage error (exit 2) naming the folder or table given twice (same file on disk).

    Each table read twice would draw every one of its pairs twice.
    """
    from pairmap.geo.text import printable
    from pairmap.pairings.io import STDIN_PATH

    folders = [argument for argument in arguments if argument.is_dir()]
    for kind, items in (("folder", folders), ("table", paths)):
        seen: dict[tuple[int, int], Path] = {}
        for item in items:
            if str(item) == STDIN_PATH:
                continue
            try:
                stat = item.stat()
            except (OSError, ValueError):
                continue  # missing or unreadable: reported when it is read
            first = seen.setdefault((stat.st_dev, stat.st_ino), item)
            if first is not item:
                also = "" if str(first) == str(item) else f" (as {first} and as {item})"
                raise click.UsageError(
                    printable(
                        f"the {kind} {item} is given twice{also}; its pairs would be drawn "
                        "twice. Name each table or folder once."
                    )
                )


def refuse_sheet_without_workbook(paths: list[Path], *, sheet: str | None) -> None:
    """A usage error (exit 2) when ``--sheet`` is given but every table is CSV text."""
    from pairmap.pairings.io import TEXT_SUFFIXES

    if sheet is not None and paths and all(p.suffix.lower() in TEXT_SUFFIXES for p in paths):
        raise click.BadParameter(
            "only .xlsx workbooks have sheets, and every table given is CSV or text; drop --sheet.",
            param_hint="'--sheet'",
        )


def _max_size(max_size: int | None) -> int:
    """The size limit given, else the one of ``--max-size``, else the default."""
    from pairmap.pairings.io import DEFAULT_MAX_SIZE

    if max_size is not None:
        return max_size
    context = click.get_current_context(silent=True)
    meta = context.meta if context is not None else {}
    return int(meta.get(MAX_SIZE_KEY, DEFAULT_MAX_SIZE))


def read_and_resolve(
    arguments: tuple[Path, ...],
    *,
    column_options: tuple[str, ...],
    columns_file: Path | None,
    sheet: str | None,
    max_size: int | None = None,
) -> ResolvedTables:
    """Read, validate and resolve the tables named on the command line
    (:func:`pairmap.pairings.tables.read_tables`, with a progress bar).

    Parameters
    ----------
    arguments
        Table files or folders of them (``-`` is standard input).
    column_options, columns_file, sheet
        The values of :func:`table_options`.
    max_size
        Largest table read, in bytes; None for ``--max-size`` (or the default).

    Raises
    ------
    click.UsageError
        When a table or folder is named twice, or ``--sheet`` is given for CSV only.
    """
    from pairmap.pairings.io import read_column_map
    from pairmap.pairings.tables import read_tables, table_paths

    columns = parse_column_options(column_options)
    if columns_file is not None:
        columns = {**read_column_map(columns_file), **columns}
    paths, _ = table_paths(arguments)
    refuse_repeats(arguments, paths)
    refuse_sheet_without_workbook(paths, sheet=sheet)
    with progress_bar() as progress:  # shown only while boundaries are prepared
        return read_tables(
            arguments,
            columns=columns,
            sheet=sheet,
            max_size=_max_size(max_size),
            progress=progress,
        )
