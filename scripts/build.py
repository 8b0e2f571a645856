"""``pairmap build``: every map of a book file (./pairmap.toml, or the shipped book) and a gallery.

Only maps whose inputs changed are drawn again; when nothing changed at all (the
book, every table file and pairmap's version as the last build recorded), the build
ends after hashing the files, without reading a table.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pairmap.scripts._common import progress_bar, reported_errors
from pairmap.scripts._output import mkdir_option, output_target
from pairmap.scripts.init import BOOK_NAME

if TYPE_CHECKING:
    from pairmap.maps.book import BuiltMap
    from pairmap.maps.bookbuild import BookBuild
    from pairmap.maps.bookfile import Book
    from pairmap.maps.bookinputs import BuildSettings
    from pairmap.maps.sizes import ExportSize


@click.command(name="build")
@click.option(
    "--book",
    "book_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help=f"The book file to build (default: ./{BOOK_NAME} if there is one, else the book of "
    "the shipped tables).",
)
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    help="Folder for the maps and index.html (default: the book's `output`, beside the book; "
    "`out` for the shipped book); created if missing (its parent too with --mkdir).",
)
@click.option("--force", is_flag=True, help="Draw every map again, changed or not.")
@click.option(
    "--watch",
    is_flag=True,
    help="After building, keep watching the book and its tables and rebuild what a save "
    "changes (Ctrl-C to stop).",
)
@click.option("--open", "open_index", is_flag=True, help="Open index.html in a browser after.")
@click.option(
    "--png",
    "with_png",
    is_flag=True,
    help="Also write each map as a PNG beside it (--size), shown as thumbnails in index.html. "
    "Needs Playwright and Chromium.",
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
    default=None,
    help="Picture and page size of the exports: WxH in pixels or A4 / A3 [default: 1920x1080; "
    "the shipped book's --png thumbnails 1600x1000 at scale 2].",
)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default=None,
    help="Language of the maps: interface, legend, titles and place names [default: the "
    "book's `lang`, zh].",
)
@mkdir_option
def command(book_path: Path | None, out_dir: Path | None, **options: Any) -> None:
    """Build every map of a book and an index.html gallery, drawing again only what changed."""
    with reported_errors():
        book, shipped = _find_book(book_path)
    out = out_dir or (Path("out") if shipped else book.folder / book.output)
    size = _size(options.pop("size"), shipped=shipped, png=options["with_png"])
    if options["watch"] and shipped:
        raise click.UsageError(
            f"--watch rebuilds a book of your own tables: run `pairmap init` first (it writes "
            f"{BOOK_NAME}), or pass --book."
        )
    try:
        target = output_target(out, overwrite=True, mkdir=options["mkdir"], folder=True)
        with target, reported_errors():
            _build(book, out, size=size, shipped=shipped, **options)
    except SystemExit as stop:
        if not options["watch"] or not stop.code:
            raise
        click.echo("still watching: fix it and save again (Ctrl-C to stop)", err=True)
    if options["watch"]:
        _watch(book, out, size=size, **options)
    elif options["open_index"]:
        click.launch(str((out / "index.html").resolve()))


def _find_book(book_path: Path | None) -> tuple[Book, bool]:
    """The book to build and whether it is the shipped one."""
    from pairmap.maps.bookfile import read_book

    if book_path is not None:
        return read_book(book_path), False
    if Path(BOOK_NAME).is_file():
        return read_book(Path(BOOK_NAME)), False
    from pairmap.maps.book import shipped_book

    return shipped_book(), True


def _size(text: str | None, *, shipped: bool, png: bool) -> ExportSize:
    from pairmap.maps.sizes import ExportSizeError, parse_size

    if text is None:
        if shipped and png:
            from pairmap.maps.book import thumbnail_size

            return thumbnail_size()
        text = "1920x1080"
    try:
        return parse_size(text)
    except ExportSizeError as error:
        raise click.BadParameter(str(error), param_hint="'--size'") from None


def _settings(book: Book, *, size: ExportSize, shipped: bool, **options: Any) -> BuildSettings:
    from pairmap.maps.bookinputs import BuildSettings

    exports = tuple(
        kind for kind, flag in (("png", "with_png"), ("pdf", "with_pdf")) if options[flag]
    )
    return BuildSettings(
        lang=options["lang"] or book.lang,
        exports=exports,
        size=size,
        force=options["force"],
        shipped=shipped,
    )


def _build(book: Book, out: Path, *, size: ExportSize, shipped: bool, **options: Any) -> None:
    """One build; it ends early, reading no table, when nothing changed since the last."""
    from dataclasses import replace

    from pairmap.maps.bookinputs import BOOK_DECK, book_files, input_digest
    from pairmap.maps.manifest import read_manifest

    settings = _settings(book, size=size, shipped=shipped, **options)
    files = book_files(book)
    digest = input_digest(book, files, _digest_options(settings, options))
    manifest = read_manifest(out)
    deck = [BOOK_DECK] if options["with_pptx"] else []
    if not settings.force and manifest.up_to_date(digest, out, ["index.html", *deck]):
        count = len(manifest.maps)
        click.echo(
            f"{count} maps (0 written, {count} unchanged): nothing changed since "
            f"{manifest.built}; open {out / 'index.html'}"
        )
        return
    _require_exporters(options)
    done = _draw(book, out, files, replace(settings, inputs=digest))
    _report(done, out, settings.lang)
    _export_deck(done.maps, out, pptx=options["with_pptx"], size=size)
    if options["with_pdf"]:
        click.echo(f"PDFs beside the maps ({size.describe()}): {len(done.rebuilt)} written")


def _digest_options(settings: Any, options: dict[str, Any]) -> dict[str, Any]:
    return {
        "lang": settings.lang,
        "exports": list(settings.exports),
        "size": settings.size.describe() if settings.size else "",
        "pptx": options["with_pptx"],
        "shipped": settings.shipped,
    }


def _require_exporters(options: dict[str, Any]) -> None:
    if options["with_png"] or options["with_pptx"] or options["with_pdf"]:
        from pairmap.maps.png import require_chromium

        require_chromium()  # before half a minute of preparing boundaries
    if options["with_pptx"]:
        from pairmap.maps.deck import require_pptx

        require_pptx()


def _draw(book: Book, out: Path, files: dict[str, list[Path]], settings: Any) -> BookBuild:
    from tqdm import tqdm

    from pairmap.geo.boundaries import load_anchors, load_boundaries
    from pairmap.maps.bookbuild import build_from_book

    # The first run prepares the boundaries (half a minute); show that as its own bar.
    with progress_bar() as preparing:
        load_boundaries("county", progress=preparing)
        load_anchors(progress=preparing)
    with tqdm(total=len(book.maps) + 1, unit="map", desc="pairmap build") as bar:

        def progress(slug: str, _: bool) -> None:
            bar.set_postfix_str(slug)
            bar.update(1)

        return build_from_book(book, out, files, settings=settings, progress=progress)


def _report(done: BookBuild, out: Path, lang: str) -> None:
    """What was drawn again, why, and what changed in it; then one summary line."""
    from pairmap.maps.changes import changes_lines

    for slug, lines in done.notes.items():
        for line in lines:
            click.echo(f"{slug}: {line}", err=True)
    for item in done.maps:
        why = done.rebuilt.get(item.slug)
        if why is None:
            continue
        click.echo(f"built {item.slug} ({item.n_flows} flows): {why}")
        if item.changes is not None and why not in ("new", "--force"):
            for line in changes_lines(item.slug, item.changes, lang):
                click.echo(f"    {line}")
    written = len(done.rebuilt)
    click.echo(
        f"{len(done.maps)} maps ({written} written, {len(done.maps) - written} unchanged); "
        f"open {out / 'index.html'}"
    )


def _export_deck(built: list[BuiltMap], out: Path, *, pptx: bool, size: ExportSize) -> None:
    """The whole book as one deck (``--pptx``), with a progress bar."""
    from tqdm import tqdm

    from pairmap.maps.book import export_book

    if not pptx:
        return
    with tqdm(total=len(built), unit="page", desc="pairmap export") as bar:

        def progress(name: str) -> None:
            bar.set_postfix_str(name)
            bar.update(1)

        (deck,) = export_book(built, out, pptx=True, size=size, progress=progress)
    click.echo(f"wrote {deck} ({len(built)} slides, {size.describe()})")


def _watch(book: Book, out: Path, *, size: ExportSize, **options: Any) -> None:
    """Rebuild on every save of the book or its tables, until Ctrl-C."""
    from pairmap.maps.bookfile import read_book
    from pairmap.scripts._watch import live_book_relevance, watch_and_rebuild

    if options["open_index"]:
        click.launch(str((out / "index.html").resolve()))

    def rebuild(changed: set[Path]) -> None:
        names = ", ".join(sorted(path.name for path in changed))
        click.echo(f"saved: {names}")
        _build(read_book(book.path), out, size=size, shipped=False, **options)

    watch_and_rebuild(book.folder, rebuild, relevant=live_book_relevance(book.path), ignore=[out])
