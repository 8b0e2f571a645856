"""``pairmap check``: read, validate and resolve pairing tables and report every problem."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import click

from scripts._common import progress_bar, reported_errors

if TYPE_CHECKING:
    from pairings.io import RawTable
    from pairings.issues import Issue


def parse_column_options(values: tuple[str, ...]) -> dict[str, str]:
    """``("donor=帮扶单位", ...)`` as ``{"donor": "帮扶单位"}``; a usage error when malformed."""
    from pairings.schema import CANONICAL_COLUMNS

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


def _table_paths(arguments: tuple[Path, ...]) -> tuple[list[Path], list[Path]]:
    """The tables to read, and the files skipped.

    A folder stands for the table files in it; a file named on the command line whose
    suffix is not a table's (a README beside the tables) is skipped, not an error.
    """
    from pairings.io import TABLE_SUFFIXES

    paths: list[Path] = []
    skipped: list[Path] = []
    for argument in arguments:
        if argument.is_dir():
            paths.extend(
                sorted(p for p in argument.iterdir() if p.suffix.lower() in TABLE_SUFFIXES)
            )
        elif argument.exists() and argument.suffix.lower() not in (*TABLE_SUFFIXES, ".xls"):
            skipped.append(argument)
        else:
            paths.append(argument)
    return paths, skipped


def _read_all(
    paths: list[Path], *, sheet: str | None, columns: Mapping[str, str]
) -> tuple[list[RawTable], list[Issue]]:
    """Read every table; a table that cannot be read becomes a table-level error."""
    from pairings.io import TableReadError, read_table
    from pairings.issues import Issue

    tables: list[RawTable] = []
    failures: list[Issue] = []
    for path in paths:
        try:
            tables.append(read_table(path, sheet=sheet, columns=columns))
        except TableReadError as error:
            message = str(error)
            prefix = f"{path}: "
            if message.startswith(prefix):
                message = message[len(prefix) :]
            failures.append(Issue("error", "unreadable", str(path), message))
    return tables, failures


@click.command(name="check")
@click.argument("tables", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--column",
    "column_options",
    multiple=True,
    metavar="CANONICAL=HEADER",
    help="Read the column headed HEADER as CANONICAL (repeatable), e.g. donor=帮扶单位.",
)
@click.option(
    "--columns-file",
    type=click.Path(path_type=Path, dir_okay=False),
    help='TOML file of column mappings, one per line: donor = "帮扶单位".',
)
@click.option(
    "--sheet", metavar="NAME", help="Worksheet to read from .xlsx tables (default: the first)."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report as lines of text or as one JSON document.",
)
def command(
    tables: tuple[Path, ...],
    column_options: tuple[str, ...],
    columns_file: Path | None,
    sheet: str | None,
    output_format: str,
) -> None:
    """Check pairing TABLES (CSV or XLSX files, or folders of them): read, validate and
    resolve every row.

    Prints the tables read, every error and warning with its file, sheet, row and
    column, and a summary line. Exits 0 when there are no errors, 1 otherwise.
    Writes nothing.
    """
    columns = parse_column_options(column_options)
    with reported_errors():
        from geo.boundaries import load_anchors
        from geo.errors import PairmapError
        from geo.gazetteer import Gazetteer
        from pairings.io import read_column_map
        from pairings.issues import Report
        from pairings.resolve import resolve_tables

        if columns_file is not None:
            columns = {**read_column_map(columns_file), **columns}
        paths, skipped = _table_paths(tables)
        if not paths:
            raise PairmapError(
                "no table to check: "
                + ", ".join(str(path) for path in tables)
                + " holds no .csv, .tsv, .txt or .xlsx file."
            )
        read, failures = _read_all(paths, sheet=sheet, columns=columns)
        report = Report(issues=tuple(failures))
        if read:
            with progress_bar() as progress:  # shown only while boundaries are prepared
                anchors = load_anchors(progress=progress)
            _, resolved = resolve_tables(read, gazetteer=Gazetteer.default(), anchors=anchors)
            report = report.merge(resolved)
        position = {str(path): number for number, path in enumerate(paths)}
        report = Report(
            issues=tuple(sorted(report.issues, key=lambda issue: position.get(issue.file, 0))),
            tables=report.tables,
            rows_read=report.rows_read,
            rows_resolved=report.rows_resolved,
        )
    if output_format == "json":
        data = {**report.to_dict(), "skipped": [str(path) for path in skipped]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for path in skipped:
            click.echo(f"skipped {path}: not a table file")
        click.echo(report.format_text())
    raise SystemExit(0 if report.ok else 1)
