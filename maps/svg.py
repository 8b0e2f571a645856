"""Standalone SVG of a saved map page, composed in the page by Chromium through Playwright."""

from __future__ import annotations

import contextlib
import logging
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

from pairmap.geo.atomic import write_text_atomic
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

#: The page's own composer (``maps/static/svgexport.js``), part of the in-page contract.
_COMPOSE_JS = "() => (window.pairmap && window.pairmap.svg) ? window.pairmap.svg() : null"

_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def render_svg(
    html_path: Path,
    path: Path,
    *,
    size: ExportSize | None = None,
    timeout: float = 30.0,
    browser: Browser | None = None,
) -> None:
    """Write a saved map page as one standalone SVG file, every network request blocked.

    The page is laid out at ``size``'s CSS size and draws with Leaflet's SVG renderer;
    its own script (``window.pairmap.svg()``) then composes the document: each unit
    and node a ``<path>`` and each flow a ``<g>`` (line and arrowhead), each with its
    name in a ``<title>``; the parts other page modules register (labels, inset); the
    title, legend, scale bar and source line as ``<rect>`` and ``<text>``. Nothing is
    embedded as a bitmap.

    Parameters
    ----------
    html_path
        A map page written by this version of pairmap.
    path
        The ``.svg`` file to write; written atomically, so it is absent if anything fails.
    size
        Layout size (default: :func:`sizes.default_size`, a 1920 × 1080 slide); the SVG
        is ``css_width`` × ``css_height`` user units.
    timeout
        Seconds to wait for the page to finish drawing.
    browser
        An open browser from :func:`png.chromium_browser` to reuse; by default one is
        started and stopped for this file.

    Raises
    ------
    PairmapError
        The HTML file is missing, Playwright or Chromium is missing, the page did not
        become ready in time, or it cannot compose an SVG (an older page).
    """
    html_path = Path(html_path)
    if not html_path.is_file():
        raise PairmapError(f"{html_path}: no such map page; build it first with `pairmap map`.")
    size = size or default_size()
    with contextlib.ExitStack() as stack:
        if browser is None:
            browser = stack.enter_context(chromium_browser())
        text = _compose(browser, html_path, size=size, timeout=timeout)
    _check_xml(text, html_path)
    write_text_atomic(Path(path), _XML_DECLARATION + text)
    logger.info("wrote %s (%d characters, %s)", path, len(text), size.describe())


def _compose(browser: Browser, html_path: Path, *, size: ExportSize, timeout: float) -> str:
    context = browser.new_context(viewport={"width": size.css_width, "height": size.css_height})
    try:
        page = context.new_page()
        url = html_path.resolve().as_uri()
        open_map_page(page, url, timeout=timeout, doing="exporting SVG", vector=True)
        page.add_style_tag(content=INTERACTIVE_ONLY_CSS)
        page.evaluate(SETTLE_JS)
        text = page.evaluate(_COMPOSE_JS)
    finally:
        context.close()
    if not isinstance(text, str) or not text:
        raise PairmapError(
            f"{html_path}: this page cannot compose an SVG (window.pairmap.svg is missing); "
            "rebuild it with this version of pairmap."
        )
    return text


def _check_xml(text: str, html_path: Path) -> None:
    """Refuse to write an SVG that is not well-formed XML (a bug, said plainly)."""
    try:
        ET.fromstring(text)
    except ET.ParseError as error:
        raise PairmapError(
            f"{html_path}: the SVG composed by the page is not well-formed XML ({error}); "
            "please report this with the map's table."
        ) from error
