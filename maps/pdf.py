"""Vector PDF of a saved map page, printed offline by Debian's Chromium through Playwright."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from pairmap.geo.atomic import write_bytes_atomic
from pairmap.geo.errors import PairmapError
from pairmap.maps.png import (
    INTERACTIVE_ONLY_CSS,
    SETTLE_JS,
    chromium_browser,
    open_map_page,
)
from pairmap.maps.sizes import ExportSize, default_size

if TYPE_CHECKING:
    from playwright.sync_api import Browser

logger = logging.getLogger(__name__)

#: Lowest device scale factor while printing: anything still drawn on a canvas (tiles, a
#: stock plugin's layer) is printed as a bitmap at this many pixels per CSS pixel.
MIN_PRINT_SCALE = 2.0

#: One page, no margins, nothing clipped onto a second sheet; box shadows (which Chromium
#: prints as soft bitmap masks) become a thin outline, so the page holds no image at all.
_PRINT_CSS = """
@page { margin: 0; }
html, body { overflow: hidden !important; }
*, *::before, *::after { box-shadow: none !important; }
.pairmap-title-box, .pairmap-legend { outline: 0.75px solid rgba(0, 0, 0, 0.3); }
"""


def render_pdf(
    html_path: Path,
    path: Path,
    *,
    size: ExportSize | None = None,
    timeout: float = 30.0,
    browser: Browser | None = None,
) -> None:
    """Print a saved map page to a one-page PDF through Chromium, every network request blocked.

    The page is laid out at ``size``'s CSS size (paper at 96 CSS px per inch, or the
    slide itself) and printed on a landscape page of that size, backgrounds on, no
    margins, with the interactive controls hidden. The page draws its units, flows and
    nodes with Leaflet's SVG renderer while printing, so they stay vector paths, and
    text stays text; only what a page still draws on a ``<canvas>`` (a stock plugin's
    layer) is printed as a bitmap at ``max(size.scale, MIN_PRINT_SCALE)`` pixels per
    CSS pixel.

    Parameters
    ----------
    html_path
        A map page written by pairmap (one that sets ``window.pairmap.ready``).
    path
        The PDF to write; written atomically, so it is absent if printing fails.
    size
        Page size (default: :func:`sizes.default_size`, a 1920 × 1080 slide).
    timeout
        Seconds to wait for the page to finish drawing.
    browser
        An open browser from :func:`png.chromium_browser` to reuse for many maps; by
        default one is started and stopped for this file.

    Raises
    ------
    PairmapError
        The HTML file is missing, Playwright or Chromium is missing, or the page did
        not become ready in time.
    """
    html_path = Path(html_path)
    if not html_path.is_file():
        raise PairmapError(f"{html_path}: no such map page; build it first with `pairmap map`.")
    size = size or default_size()
    with contextlib.ExitStack() as stack:
        if browser is None:
            browser = stack.enter_context(chromium_browser())
        data = _print(browser, html_path.resolve().as_uri(), size=size, timeout=timeout)
    write_bytes_atomic(Path(path), data)
    logger.info("wrote %s (%d bytes, %s)", path, len(data), size.describe())


def _print(browser: Browser, url: str, *, size: ExportSize, timeout: float) -> bytes:
    context = browser.new_context(
        viewport={"width": size.css_width, "height": size.css_height},
        device_scale_factor=max(size.scale, MIN_PRINT_SCALE),
    )
    try:
        page = context.new_page()
        open_map_page(page, url, timeout=timeout, doing="printing", vector=True)
        page.emulate_media(media="screen")
        page.add_style_tag(content=INTERACTIVE_ONLY_CSS + _PRINT_CSS)
        page.evaluate(SETTLE_JS)
        width, height = size.pdf_page
        # width > height already: Playwright's landscape=True would swap them back
        data: bytes = page.pdf(
            width=width,
            height=height,
            print_background=True,
            margin={"top": "0", "right": "0", "bottom": "0", "left": "0"},
            page_ranges="1",
            prefer_css_page_size=False,
        )
        return data
    finally:
        context.close()
