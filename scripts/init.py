"""``pairmap init``: write a commented book file (pairmap.toml) next to your tables."""

from __future__ import annotations

from pathlib import Path

import click

from pairmap.scripts._common import reported_errors
from pairmap.scripts._output import output_target

#: The book file's name; ``pairmap build`` looks for it in the current folder.
BOOK_NAME = "pairmap.toml"


@click.command(name="init")
@click.argument(
    "folder", default=Path("."), type=click.Path(path_type=Path, file_okay=False, exists=True)
)
@click.option("--overwrite", is_flag=True, help=f"Replace an existing {BOOK_NAME}.")
def command(folder: Path, overwrite: bool) -> None:
    """Write FOLDER/pairmap.toml: one table entry and one map per table found there.

    Edit it (titles, filters, levels, exports), then run ``pairmap build`` in FOLDER.
    """
    from pairmap.geo.atomic import write_text_atomic
    from pairmap.maps.book_template import book_template
    from pairmap.maps.bookfile import parse_book
    from pairmap.pairings.tables import table_paths

    book = folder / BOOK_NAME
    with output_target(book, overwrite=overwrite, mkdir=False), reported_errors():
        tables, _ = table_paths([folder])
        if not tables:
            raise click.UsageError(
                f"{folder} holds no .csv, .tsv, .txt or .xlsx table; put your tables there "
                "first (or run `pairmap new-table` for an empty one)."
            )
        text = book_template(folder, tables)
        parse_book(text, path=book)  # what init writes, build must accept
        write_text_atomic(book, text)
    maps = len(tables) + 1
    click.echo(f"wrote {book}: {len(tables)} tables, {maps} maps (checked); edit it to your maps")
