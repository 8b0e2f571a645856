"""Shared fixtures: headless Chromium through Playwright, a recording page, the map book."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from office import in_ci

from pairmap.geo.boundaries import clear_memory_cache
from pairmap.geo.cache import CACHE_DIR_VARIABLE
from pairmap.maps.png import (
    CHROMIUM_HINT,
    PLAYWRIGHT_HINT,
    chromium_browser,
    find_chromium,
    is_local_url,
)

REPO_ROOT = Path(__file__).resolve().parent.parent


#: Where browser tests leave screenshots for a person to look at (git-ignored).
ARTIFACTS_DIR = REPO_ROOT / "artifacts"

#: The in-page contract's readiness flag (docs/design.md, "In-page contract").
READY_JS = "() => Boolean(window.pairmap && window.pairmap.ready)"


def browser_unavailable() -> str | None:
    """Why browser tests cannot run here, or ``None`` when Playwright and Chromium exist."""
    if importlib.util.find_spec("playwright") is None:
        return f"Playwright not installed: {PLAYWRIGHT_HINT}; browser tests skipped"
    if find_chromium() is None:
        return f"Chromium not found: {CHROMIUM_HINT}; browser tests skipped"
    return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip ``browser`` tests without Chromium; in CI a missing browser fails them instead."""
    if item.get_closest_marker("browser") is None:
        return
    reason = browser_unavailable()
    if reason is None:
        return
    if in_ci():
        pytest.fail(f"{reason.removesuffix('; browser tests skipped')} (CI must run browser tests)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium for one test module (closed before the next module starts).

    Module scope, not session: Playwright's sync API cannot run twice at once in one
    thread, and some tests (PNG export) start their own browser.
    """
    with chromium_browser() as chromium:
        yield chromium


class RecordingPage:
    """A Playwright page that blocks and records every non-``file:``/``data:`` request
    and records console errors and uncaught page errors."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.console_errors: list[str] = []
        self.external_requests: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"pageerror: {error}"))
        page.route("**/*", self._route)

    def _on_console(self, message: Any) -> None:
        if message.type == "error":
            self.console_errors.append(f"console: {message.text}")

    def _route(self, route: Any) -> None:
        url = route.request.url
        if is_local_url(url):
            route.continue_()
        else:
            self.external_requests.append(url)
            route.abort()

    def open(self, path: Path, *, timeout_ms: float = 20_000) -> Any:
        """Load a map file and wait until ``window.pairmap.ready``; return the page."""
        self.page.goto(Path(path).resolve().as_uri(), wait_until="load")
        self.page.wait_for_function(READY_JS, timeout=timeout_ms)
        return self.page


@pytest.fixture
def recording_page(browser: Any) -> Iterator[RecordingPage]:
    """A fresh 1600×1000 page in its own context that records errors and blocks the network."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    try:
        yield RecordingPage(context.new_page())
    finally:
        context.close()


@pytest.fixture(scope="session")
def map_book(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The default map book built once into a temporary folder, by slug."""
    from pairmap.maps.book import build_book

    built = build_book(tmp_path_factory.mktemp("book"))
    return {item.slug: item for item in built}


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """The repo's git-ignored ``artifacts/`` folder for screenshots."""
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    return ARTIFACTS_DIR


@pytest.fixture(scope="session", autouse=True)
def boundary_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point the boundary cache at an empty folder for the whole run, never the user's.

    Every run therefore also exercises the cold preparation path once.
    """
    folder = tmp_path_factory.mktemp("pairmap-cache")
    previous = os.environ.get(CACHE_DIR_VARIABLE)
    os.environ[CACHE_DIR_VARIABLE] = str(folder)
    clear_memory_cache()
    yield folder
    clear_memory_cache()
    if previous is None:
        os.environ.pop(CACHE_DIR_VARIABLE, None)
    else:
        os.environ[CACHE_DIR_VARIABLE] = previous
