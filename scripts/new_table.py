"""``pairmap new-table``: write an empty pairing table (CSV or XLSX) with every column."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import click

from pairmap.scripts._output import mkdir_option, output_target

#: Suffixes the command writes.
SUFFIXES = (".csv", ".xlsx")


def template_csv() -> bytes:
    """The CSV template: the canonical header row in UTF-8 with a BOM (so Excel reads it)."""
    from pairmap.pairings.schema import CANONICAL_COLUMNS

    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerow(CANONICAL_COLUMNS)
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    """The XLSX template: a ``pairings`` sheet with the headers and a 'columns' sheet
    explaining each column in Chinese and English (built in memory, so a full disk
    cannot leave openpyxl's zip file half-closed)."""
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.styles import Font

    from pairmap.pairings.schema import COLUMN_DOCS, REQUIRED_COLUMNS

    workbook = Workbook()
    fixed = dt.datetime(2021, 1, 1)
    workbook.properties.created = fixed
    workbook.properties.modified = fixed
    sheet = workbook.active
    sheet.title = "pairings"
    sheet.append([doc.name for doc in COLUMN_DOCS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, doc in enumerate(COLUMN_DOCS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(12, len(doc.name) + 2)

    guide = workbook.create_sheet("columns")
    guide.append(["column 列名", "中文表头", "required 必填", "说明", "meaning", "example 示例"])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for doc in COLUMN_DOCS:
        required = "yes 是" if doc.name in REQUIRED_COLUMNS else ""
        guide.append([doc.name, doc.zh, required, doc.zh_help, doc.en, doc.example])
    for letter, width in zip("ABCDEF", (22, 16, 12, 48, 60, 16), strict=True):
        guide.column_dimensions[letter].width = width
    guide.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@click.command(name="new-table")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--overwrite", is_flag=True, help="Replace FILE if it exists.")
@mkdir_option
def command(file: Path, overwrite: bool, mkdir: bool) -> None:
    """Write an empty pairing table FILE (.csv or .xlsx) with every column of the schema.

    The CSV is UTF-8 with a BOM so Excel opens it with Chinese text intact; the XLSX
    has a second sheet, 'columns', explaining each column in Chinese and English.
    See docs/pairing-tables.md for the schema.
    """
    from pairmap.geo.atomic import write_bytes_atomic

    suffix = file.suffix.lower()
    if suffix not in SUFFIXES:
        raise click.BadParameter(f"{file} must end in .csv or .xlsx.", param_hint="'FILE'")
    with output_target(file, overwrite=overwrite, mkdir=mkdir):
        write_bytes_atomic(file, template_csv() if suffix == ".csv" else template_xlsx())
    click.echo(f"wrote {file}: an empty pairing table; fill one row per donor → recipient pair.")
