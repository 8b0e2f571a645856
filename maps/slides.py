"""Slide decks of saved map pages: each page's picture, title, subtitle and source line."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from pairmap.geo.atomic import write_bytes_atomic
from pairmap.geo.errors import PairmapError
from pairmap.maps.deck import Slide, require_pptx, write_deck
from pairmap.maps.png import chromium_browser, static_page, working_dir
from pairmap.maps.sizes import ExportSize, default_size

if TYPE_CHECKING:
    from playwright.sync_api import Browser

logger = logging.getLogger(__name__)

#: The page's title, subtitle and footer (sources, date, boundaries, number of pairs)
#: as the reader sees them, so a slide says what its map says.
_FACTS_JS = """() => {
  const text = (selector) => {
    const found = document.querySelector(selector);
    return found ? found.textContent.trim() : "";
  };
  return {title: text(".pairmap-title") || document.title.trim(),
          subtitle: text(".pairmap-subtitle"), source: text(".pairmap-footer")};
}"""


def relative_link(html_path: Path, deck_folder: Path) -> str:
    """``html_path`` relative to the deck's folder, with ``/`` separators.

    Raises
    ------
    PairmapError
        When no relative path exists (another drive on Windows).
    """
    try:
        link = os.path.relpath(Path(html_path).resolve(), Path(deck_folder).resolve())
    except ValueError as error:
        raise PairmapError(
            f"{html_path}: the deck links its maps by relative paths, and this page is on "
            f"another drive than {deck_folder}; write the deck beside its maps."
        ) from error
    return PurePath(link).as_posix()


def map_slide(
    html_path: Path,
    picture: Path,
    *,
    link: str,
    size: ExportSize,
    browser: Browser,
    timeout: float = 30.0,
) -> Slide:
    """Render one map page as a slide picture (PNG, written atomically) and read its texts.

    Returns
    -------
    Slide
        Title, subtitle and source line as the page shows them; ``picture``; ``link``.
    """
    url = Path(html_path).resolve().as_uri()
    with static_page(
        browser,
        url,
        width=size.css_width,
        height=size.css_height,
        scale=size.scale,
        timeout=timeout,
    ) as page:
        facts = page.evaluate(_FACTS_JS)
        image: bytes = page.screenshot(type="png", full_page=False, animations="disabled")
    write_bytes_atomic(Path(picture), image)
    return Slide(
        title=str(facts["title"]),
        picture=Path(picture),
        source=str(facts["source"]),
        link=link,
        subtitle=str(facts["subtitle"]),
    )


def save_deck(
    html_paths: Sequence[Path],
    path: Path,
    *,
    size: ExportSize | None = None,
    title: str = "",
    browser: Browser | None = None,
    progress: Callable[[str], None] | None = None,
) -> None:
    """Write one PPTX deck with a 16:9 slide per saved map page.

    Each slide holds the map's picture at ``size`` (default 1920 × 1080), its title and
    subtitle, its source line, and a link to the page relative to the deck.

    Parameters
    ----------
    html_paths
        Saved map pages, in slide order.
    path
        The ``.pptx`` file; written atomically.
    size
        Picture size (:func:`sizes.parse_size`).
    title
        The deck's document title (default: the first map's).
    browser
        An open browser to reuse (:func:`png.chromium_browser`).
    progress
        Called with each page's file name once its slide picture is drawn.

    Raises
    ------
    PairmapError
        python-pptx, Playwright or Chromium is missing (checked before any page is
        drawn), a page is missing or never finishes drawing.
    """
    require_pptx()
    size = size or default_size()
    path = Path(path)
    for html_path in html_paths:
        if not Path(html_path).is_file():
            raise PairmapError(f"{html_path}: no such map page; build it first.")
    with working_dir() as folder, contextlib.ExitStack() as stack:
        if browser is None:
            browser = stack.enter_context(chromium_browser())
        slides = []
        for number, html_path in enumerate(html_paths):
            link = relative_link(html_path, path.parent)
            picture = folder / f"slide-{number:03d}.png"
            slides.append(map_slide(html_path, picture, link=link, size=size, browser=browser))
            if progress is not None:
                progress(Path(html_path).name)
        write_deck(slides, path, title=title)
    logger.info("wrote %s (%d slides, pictures %s)", path, len(slides), size.describe())
