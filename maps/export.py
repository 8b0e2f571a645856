"""The only writer of map files: HTML pages (atomically) and PNG images."""

from __future__ import annotations

import logging
from pathlib import Path

from pairmap.geo.atomic import write_text_atomic

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


def save_png(html: str, path: Path, *, width: int = 1600, height: int = 1000) -> None:
    """Render a map page to a PNG image through Playwright and Debian's Chromium.

    Raises
    ------
    geo.errors.PairmapError
        When Playwright or Chromium is missing (the message says what to install).
    """
    from pairmap.maps.png import render_png

    render_png(html, Path(path), width=width, height=height)
