"""``pairmap build``: the default map book from the shipped tables, with an index gallery."""

from __future__ import annotations

from pathlib import Path

import click

from scripts._common import reported_errors


@click.command(name="build")
@click.option(
    "-o",
    "--out",
    "out_dir",
    default=Path("out"),
    show_default=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to write the maps and index.html into (unchanged maps are left alone).",
)
@click.option("--open", "open_index", is_flag=True, help="Open index.html in a browser after.")
def command(out_dir: Path, open_index: bool) -> None:
    """Build every map of the shipped tables and an index.html gallery into OUT."""
    from tqdm import tqdm

    with reported_errors():
        from maps.book import book_specs, build_book

        with tqdm(total=len(book_specs()) + 1, unit="map", desc="pairmap build") as bar:

            def progress(slug: str) -> None:
                bar.set_postfix_str(slug)
                bar.update(1)

            built = build_book(out_dir, progress=progress)
    index = out_dir / "index.html"
    written = sum(item.written for item in built)
    click.echo(
        f"{len(built)} maps ({written} written, {len(built) - written} unchanged); open {index}"
    )
    if open_index:
        click.launch(str(index.resolve()))
