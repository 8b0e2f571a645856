"""``pairmap build``: the default map book from the shipped tables, with an index gallery."""

from __future__ import annotations

from pathlib import Path

import click

from pairmap.scripts._common import progress_bar, reported_errors
from pairmap.scripts._output import mkdir_option, output_target


@click.command(name="build")
@click.option(
    "-o",
    "--out",
    "out_dir",
    default=Path("out"),
    show_default=True,
    type=click.Path(path_type=Path),
    help="Folder to write the maps and index.html into; created if missing (its parent too "
    "with --mkdir). Unchanged maps are left alone.",
)
@click.option("--open", "open_index", is_flag=True, help="Open index.html in a browser after.")
@click.option(
    "--png",
    "with_png",
    is_flag=True,
    help="Also write each map as a 1600×1000 PNG beside it (for slides), shown as "
    "thumbnails in index.html. Needs Playwright and Chromium.",
)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of the maps: interface, legend, titles and place names.",
)
@mkdir_option
def command(out_dir: Path, open_index: bool, with_png: bool, lang: str, mkdir: bool) -> None:
    """Build every map of the shipped tables and an index.html gallery into OUT."""
    from tqdm import tqdm

    with output_target(out_dir, overwrite=True, mkdir=mkdir, folder=True), reported_errors():
        from pairmap.geo.boundaries import load_anchors, load_boundaries
        from pairmap.maps.book import book_specs, build_book

        if with_png:
            from pairmap.maps.png import require_chromium

            require_chromium()  # before half a minute of preparing boundaries

        # The first run prepares the boundaries (half a minute); show that as its own bar.
        with progress_bar() as preparing:
            load_boundaries("county", progress=preparing)
            load_anchors(progress=preparing)
        with tqdm(total=len(book_specs()) + 1, unit="map", desc="pairmap build") as bar:

            def progress(slug: str) -> None:
                bar.set_postfix_str(slug)
                bar.update(1)

            built = build_book(out_dir, progress=progress, png=with_png, lang=lang)
    index = out_dir / "index.html"
    written = sum(item.written for item in built)
    images = f", {len(built)} PNG images" if with_png else ""
    click.echo(
        f"{len(built)} maps ({written} written, {len(built) - written} unchanged){images}; "
        f"open {index}"
    )
    if open_index:
        click.launch(str(index.resolve()))
