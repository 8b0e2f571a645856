"""``pairmap check``: read, validate and resolve pairing tables and report every problem."""

from __future__ import annotations

from pathlib import Path

import click

from pairmap.scripts._common import echo, echo_json, reported_errors
from pairmap.scripts._tables import read_and_resolve, table_options


@click.command(name="check")
@click.argument("tables", nargs=-1, required=True, type=click.Path(path_type=Path))
@table_options
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
    with reported_errors():
        read = read_and_resolve(
            tables, column_options=column_options, columns_file=columns_file, sheet=sheet
        )
    report, skipped = read.report, read.skipped
    if output_format == "json":
        echo_json({**report.to_dict(), "skipped": [str(path) for path in skipped]})
    else:
        for path in skipped:
            echo(f"skipped {path}: not a table file")
        echo(report.format_text())
    raise SystemExit(0 if report.ok else 1)
