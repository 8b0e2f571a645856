"""The only writer of map files: HTML pages (atomically), PNG, PDF and SVG, and PPTX decks."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from pairmap.geo.atomic import write_text_atomic

if TYPE_CHECKING:
    from pairmap.maps.sizes import ExportSize

logger = logging.getLogger(__name__)


def save_html(html: str, path: Path, *, skip_unchanged: bool = True) -> bool:
    """Write a map page atomically.

    Parameters
    ----------
    html
        The page.
    path
        Where to write it; folders are created.
    skip_unchanged
        Leave the file alone when it already holds exactly this page (keeps its
        modification time, so rebuilding an unchanged book rewrites nothing).

    Returns
    -------
    bool
        Whether the file was written.
    """
    path = Path(path)
    data = html.encode("utf-8")
    unchanged = (
        skip_unchanged
        and path.is_file()
        and path.stat().st_size == len(data)
        and path.read_bytes() == data
    )
    if unchanged:
        logger.debug("%s unchanged", path)
        return False
    write_text_atomic(path, html)
    logger.info("wrote %s (%d bytes)", path, len(data))
    return True


def save_png(html: str, path: Path, *, size: ExportSize | None = None) -> None:
    """Render a map page to a PNG image through Playwright and Debian's Chromium.

    Parameters
    ----------
    html
        The page.
    path
        The image; ``size.pixel_width`` × ``size.pixel_height`` pixels (default
        1920 × 1080).
    size
        From :func:`sizes.parse_size`.

    Raises
    ------
    geo.errors.PairmapError
        When Playwright or Chromium is missing (the message says what to install).
    """
    from pairmap.maps.png import render_png
    from pairmap.maps.sizes import default_size

    size = size or default_size()
    render_png(html, Path(path), width=size.css_width, height=size.css_height, scale=size.scale)


def save_pdf(html: str, path: Path, *, size: ExportSize | None = None) -> None:
    """Print a map page to a one-page vector PDF (:func:`pdf.render_pdf`)."""
    from pairmap.maps.pdf import render_pdf
    from pairmap.maps.png import working_dir

    with working_dir() as folder:
        page = folder / "map.html"
        page.write_text(html, encoding="utf-8")
        render_pdf(page, Path(path), size=size)


def save_svg(html: str, path: Path, *, size: ExportSize | None = None) -> None:
    """Write a map page as a standalone SVG (:func:`svg.render_svg`)."""
    from pairmap.maps.png import working_dir
    from pairmap.maps.svg import render_svg

    with working_dir() as folder:
        page = folder / "map.html"
        page.write_text(html, encoding="utf-8")
        render_svg(page, Path(path), size=size)


def deck_page_path(path: Path) -> Path:
    """Where a one-map deck's HTML page goes: beside it, same name, ``.html``."""
    return Path(path).with_suffix(".html")


def save_pptx(html: str, path: Path, *, size: ExportSize | None = None) -> Path:
    """Write a one-slide PPTX deck of a map page, and the page beside it for its link.

    The page is written first (:func:`deck_page_path`); if the deck then fails, a page
    that did not exist before is removed again, so nothing is left half-done.

    Returns
    -------
    Path
        The HTML page the slide links to.

    Raises
    ------
    geo.errors.PairmapError
        python-pptx, Playwright or Chromium is missing (checked before anything is
        written), or the page does not draw.
    """
    from pairmap.maps.deck import require_pptx
    from pairmap.maps.png import require_chromium
    from pairmap.maps.slides import save_deck

    require_pptx()
    require_chromium()
    page = deck_page_path(path)
    existed = page.exists()
    save_html(html, page)
    try:
        save_deck([page], Path(path), size=size)
    except BaseException:
        if not existed:
            page.unlink(missing_ok=True)
        raise
    return page
