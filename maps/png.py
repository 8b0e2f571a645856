"""Static PNG images of a map page, rendered offline by Debian's Chromium through Playwright."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pairmap.geo.atomic import remove_stale_temps, write_bytes_atomic
from pairmap.geo.errors import PairmapError

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright, Route

logger = logging.getLogger(__name__)

#: Environment variable naming the Chromium binary to use instead of the one on ``PATH``.
CHROMIUM_ENV = "PAIRMAP_CHROMIUM"

#: Flags for a headless Chromium that runs as root and never talks to the network itself.
CHROMIUM_ARGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

#: What to install when Chromium is missing (Debian's package plus fonts for Chinese text).
CHROMIUM_HINT = "apt-get install chromium fonts-noto-cjk"

#: What to install when the Python side of PNG export is missing.
PLAYWRIGHT_HINT = "pip install 'pairmap[png]'"

#: JavaScript that is true once the page has drawn everything (the in-page contract).
READY_JS = "() => Boolean(window.pairmap && window.pairmap.ready)"

#: Run before a page's own scripts: asks it to draw with Leaflet's SVG renderer, so that
#: print and SVG export keep units and flows as vector paths (see ``maps/static/pairmap.js``).
VECTOR_INIT_JS = "window.pairmapExport = Object.assign(window.pairmapExport || {}, {vector: true});"

#: Resolves once the page's fonts are loaded and two more frames are drawn.
SETTLE_JS = (
    "() => document.fonts.ready.then(() => new Promise("
    "r => requestAnimationFrame(() => requestAnimationFrame(r))))"
)

#: Controls that only make sense with a mouse, and the "changes since" panel (a note for
#: whoever rebuilt the book, not for a slide); hidden on a static image.
INTERACTIVE_ONLY_CSS = """
.pairmap-search, .pairmap-search-results, .pairmap-fullscreen,
.leaflet-control:has(.pairmap-search), .leaflet-control:has(.pairmap-fullscreen),
.pairmap-changes, .leaflet-control:has(.pairmap-changes),
.leaflet-control-zoom, .leaflet-control-layers { display: none !important; }
"""

_LOCAL_SCHEMES = ("file:", "data:")

#: Working folders of :func:`render_png` in the temp dir: ``pairmap-png-PID-RANDOM``
#: (``pairmap-png-RANDOM`` from older versions, removed by age only).
WORKING_DIR_PREFIX = "pairmap-png-"
_WORKING_DIR = re.compile(r"^pairmap-png-(?:(?P<pid>\d+)-)?[a-z0-9_]+$")


@contextlib.contextmanager
def working_dir() -> Iterator[Path]:
    """A fresh folder in the temp dir for one render, removed afterwards.

    Folders left by killed runs (their process gone, or older than an hour) are
    removed first.
    """
    parent = Path(tempfile.gettempdir())
    remove_stale_temps(parent, pattern=_WORKING_DIR)
    prefix = f"{WORKING_DIR_PREFIX}{os.getpid()}-"
    with tempfile.TemporaryDirectory(prefix=prefix, dir=parent) as folder:
        yield Path(folder)


def find_chromium() -> str | None:
    """Locate the Chromium binary PNG export and the browser tests use.

    Returns
    -------
    str or None
        ``$PAIRMAP_CHROMIUM`` when set (``None`` if it is not an executable file),
        else ``chromium`` or ``chromium-browser`` on ``PATH``, else ``None``.
    """
    override = os.environ.get(CHROMIUM_ENV)
    if override:
        path = Path(override)
        return str(path) if path.is_file() and os.access(path, os.X_OK) else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    """Return :func:`find_chromium`'s binary or raise a :class:`PairmapError` naming the fix."""
    executable = find_chromium()
    if executable is None:
        override = os.environ.get(CHROMIUM_ENV)
        where = (
            f"{CHROMIUM_ENV}={override!r} is not an executable file"
            if override
            else "no 'chromium' on PATH"
        )
        raise PairmapError(
            f"PNG export needs Chromium, but {where}. Install it with "
            f"`{CHROMIUM_HINT}` (or set {CHROMIUM_ENV} to a Chromium binary). "
            "pairmap never downloads a browser."
        )
    return executable


def launch_chromium(playwright: Playwright) -> Browser:
    """Launch headless Chromium from :func:`require_chromium` with :data:`CHROMIUM_ARGS`."""
    executable = require_chromium()
    try:
        return playwright.chromium.launch(
            executable_path=executable, args=list(CHROMIUM_ARGS), headless=True
        )
    except Exception as error:  # playwright raises its own Error for a broken binary
        raise PairmapError(
            f"Chromium at {executable} did not start ({error}). Reinstall it with "
            f"`{CHROMIUM_HINT}`."
        ) from error


def is_local_url(url: str) -> bool:
    """Whether a request stays on disk or inline (``file:`` or ``data:``)."""
    return url.startswith(_LOCAL_SCHEMES)


def _sync_playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise PairmapError(
            f"PNG export needs the Playwright package: `{PLAYWRIGHT_HINT}` "
            f"(and Chromium: `{CHROMIUM_HINT}`)."
        ) from error
    return sync_playwright


@contextlib.contextmanager
def chromium_browser() -> Iterator[Browser]:
    """Start Playwright and headless Chromium for several renders; both stop on exit.

    Yields
    ------
    Browser
        A Playwright ``Browser`` to pass to :func:`render_png` as ``browser=``.

    Raises
    ------
    PairmapError
        Playwright or Chromium is missing or does not start.
    """
    sync_playwright = _sync_playwright()
    require_chromium()
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


def render_png(
    html: str,
    path: Path,
    *,
    width: int = 1600,
    height: int = 1000,
    scale: float = 2,
    timeout: float = 30.0,
    browser: Browser | None = None,
) -> None:
    """Render a map page to a PNG image, with every network request blocked.

    Parameters
    ----------
    html
        A complete single-file map page (one that sets ``window.pairmap.ready``).
    path
        The PNG file to write; written atomically, so it is absent if rendering fails.
    width, height
        Viewport size in CSS pixels.
    scale
        Device pixel ratio: the image is ``round(width * scale)`` by
        ``round(height * scale)`` pixels.
    timeout
        Seconds to wait for the page to finish drawing.
    browser
        An open browser from :func:`chromium_browser` to reuse when rendering many
        maps; by default one is started and stopped for this image.

    Raises
    ------
    PairmapError
        Playwright or Chromium is missing, or the page did not become ready in time.
    """
    if width <= 0 or height <= 0 or scale <= 0:
        raise PairmapError(
            f"PNG size must be positive, got width={width}, height={height}, scale={scale}."
        )
    with working_dir() as folder:
        page_file = folder / "map.html"
        page_file.write_text(html, encoding="utf-8")
        with contextlib.ExitStack() as stack:
            if browser is None:
                browser = stack.enter_context(chromium_browser())
            image = _screenshot(
                browser,
                page_file.as_uri(),
                width=width,
                height=height,
                scale=scale,
                timeout=timeout,
            )
    write_bytes_atomic(Path(path), image)
    logger.info("wrote %s (%d bytes)", path, len(image))


def _screenshot(
    browser: Browser, url: str, *, width: int, height: int, scale: float, timeout: float
) -> bytes:
    with static_page(
        browser, url, width=width, height=height, scale=scale, timeout=timeout
    ) as page:
        image: bytes = page.screenshot(type="png", full_page=False, animations="disabled")
    return image


@contextlib.contextmanager
def static_page(
    browser: Browser, url: str, *, width: int, height: int, scale: float, timeout: float
) -> Iterator[Page]:
    """A map page drawn in a fresh browser context, as a static picture shows it.

    The page is laid out at ``width`` × ``height`` CSS pixels at device scale
    ``scale``, every network request blocked, the interactive controls hidden, fonts
    loaded and two frames drawn; the context closes on exit.
    """
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=scale
    )
    try:
        page = context.new_page()
        open_map_page(page, url, timeout=timeout, doing="rendering")
        page.add_style_tag(content=INTERACTIVE_ONLY_CSS)
        page.evaluate(SETTLE_JS)
        yield page
    finally:
        context.close()


def open_map_page(
    page: Page, url: str, *, timeout: float, doing: str, vector: bool = False
) -> None:
    """Load a saved map with every non-local request blocked; wait until it has drawn.

    Blocked requests are logged as warnings (``doing`` says what for, e.g. "printing").
    With ``vector``, the page draws its units and flows with Leaflet's SVG renderer
    instead of one canvas (:data:`VECTOR_INIT_JS`), for PDF and SVG export.

    Raises
    ------
    PairmapError
        When ``window.pairmap.ready`` does not become true within ``timeout`` seconds.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    errors: list[str] = []
    blocked: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    def block_remote(route: Route) -> None:
        if is_local_url(route.request.url):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", block_remote)
    if vector:
        page.add_init_script(VECTOR_INIT_JS)
    page.goto(url, wait_until="load", timeout=timeout * 1000)
    try:
        page.wait_for_function(READY_JS, timeout=timeout * 1000)
    except PlaywrightTimeoutError:
        detail = f" Errors in the page: {'; '.join(errors[:3])}." if errors else ""
        raise PairmapError(
            f"The map page did not finish drawing in Chromium within {timeout:g} s "
            f"(window.pairmap.ready never became true).{detail} Rebuild the HTML "
            "with this version of pairmap, or pass a longer timeout."
        ) from None
    for url_blocked in blocked:
        logger.warning("blocked a network request while %s: %s", doing, url_blocked)
