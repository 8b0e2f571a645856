"""``pairmap build``: the default map book from the shipped tables, with an index gallery."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from pairmap.scripts._common import progress_bar, reported_errors
from pairmap.scripts._output import mkdir_option, output_target

if TYPE_CHECKING:
    from pairmap.maps.book import BuiltMap
    from pairmap.maps.sizes import ExportSize


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
    "--pptx",
    "with_pptx",
    is_flag=True,
    help="Also write the whole book as one slide deck, pairmap-book.pptx: a 16:9 slide per "
    "map with its picture, title, source line and a link to its page. Needs Chromium and "
    "python-pptx.",
)
@click.option(
    "--pdf",
    "with_pdf",
    is_flag=True,
    help="Also print each map as a one-page vector PDF beside it. Needs Chromium.",
)
@click.option(
    "--size",
    default="1920x1080",
    show_default=True,
    help="Slide picture and PDF page size for --pptx and --pdf: WxH in pixels or A4 / A3.",
)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of the maps: interface, legend, titles and place names.",
)
@mkdir_option
def command(
    out_dir: Path,
    open_index: bool,
    with_png: bool,
    with_pptx: bool,
    with_pdf: bool,
    size: str,
    lang: str,
    mkdir: bool,
) -> None:
    """Build every map of the shipped tables and an index.html gallery into OUT."""
    from tqdm import tqdm

    from pairmap.maps.sizes import ExportSizeError, parse_size

    try:
        export_size = parse_size(size)
    except ExportSizeError as error:
        raise click.BadParameter(str(error), param_hint="'--size'") from None

    with output_target(out_dir, overwrite=True, mkdir=mkdir, folder=True), reported_errors():
        from pairmap.geo.boundaries import load_anchors, load_boundaries
        from pairmap.maps.book import book_specs, build_book

        if with_png or with_pptx or with_pdf:
            from pairmap.maps.png import require_chromium

            require_chromium()  # before half a minute of preparing boundaries
        if with_pptx:
            from pairmap.maps.deck import require_pptx

            require_pptx()

        # The first run prepares the boundaries (half a minute); show that as its own bar.
        with progress_bar() as preparing:
            load_boundaries("county", progress=preparing)
            load_anchors(progress=preparing)
        with tqdm(total=len(book_specs()) + 1, unit="map", desc="pairmap build") as bar:

            def progress(slug: str) -> None:
                bar.set_postfix_str(slug)
                bar.update(1)

            built = build_book(out_dir, progress=progress, png=with_png, lang=lang)
        exported = _export(built, out_dir, pdf=with_pdf, pptx=with_pptx, size=export_size)
    index = out_dir / "index.html"
    written = sum(item.written for item in built)
    images = f", {len(built)} PNG images" if with_png else ""
    click.echo(
        f"{len(built)} maps ({written} written, {len(built) - written} unchanged){images}; "
        f"open {index}"
    )
    for path in exported:
        if path.suffix == ".pptx":
            click.echo(f"wrote {path} ({len(built)} slides, {export_size.describe()})")
    if with_pdf:
        click.echo(f"wrote {len(built)} PDFs beside the maps ({export_size.describe()})")
    if open_index:
        click.launch(str(index.resolve()))


def _export(
    built: list[BuiltMap], out_dir: Path, *, pdf: bool, pptx: bool, size: ExportSize
) -> list[Path]:
    """The book's PDFs and deck, with a progress bar; nothing when neither is asked for."""
    from tqdm import tqdm

    from pairmap.maps.book import export_book

    if not (pdf or pptx):
        return []
    total = len(built) * (int(pdf) + int(pptx))
    with tqdm(total=total, unit="page", desc="pairmap export") as bar:

        def progress(name: str) -> None:
            bar.set_postfix_str(name)
            bar.update(1)

        return export_book(built, out_dir, pdf=pdf, pptx=pptx, size=size, progress=progress)
