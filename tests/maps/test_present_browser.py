"""Presentation mode, narrow frames and English pages in a real headless Chromium, and the
1920×1080 screenshots of three book maps in Chinese and English for a person to check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pairmap.maps.book import GUANGDONG_GUANGXI, build_book

pytestmark = pytest.mark.browser

READY_JS = "() => Boolean(window.pairmap && window.pairmap.ready)"

#: Controls #present hides.
CONTROLS = (
    ".pairmap-search",
    ".leaflet-control-zoom",
    ".leaflet-control-layers",
    ".pairmap-fullscreen",
)

#: Which of the selectors have a visible box on the page: {selector: bool}.
VISIBLE_JS = """(selectors) => Object.fromEntries(selectors.map(s => {
  const node = document.querySelector(s);
  if (!node) return [s, false];
  const box = node.getBoundingClientRect(), style = getComputedStyle(node);
  return [s, box.width > 0 && box.height > 0 && style.visibility !== 'hidden'];
}))"""

FONT_SIZE_JS = "(s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)"

#: The text pairmap writes where an audience reads it: title block, legend, labels.
READ_TEXT_JS = """() => [...document.querySelectorAll(
  '.pairmap-title, .pairmap-subtitle, .pairmap-legend, .pairmap-label, .leaflet-control-layers')]
  .map(node => node.textContent).join('\\n')"""

#: The maps of the screenshots: the 2021 national overview, Guangdong → Guangxi, Maoming → Laibin.
SCREENSHOT_MAPS = ("east-west-2021", GUANGDONG_GUANGXI, "seed-2022-maoming-laibin")


@pytest.fixture(scope="module")
def english_book(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The map book in English, built once, by slug."""
    return {item.slug: item for item in build_book(tmp_path_factory.mktemp("book-en"), lang="en")}


def _page(browser: Any, width: int, height: int) -> Any:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort()
        ),
    )
    return page


def _open(page: Any, path: Path, hash_: str = "") -> Any:
    page.goto(path.resolve().as_uri() + hash_, wait_until="load")
    page.wait_for_function(READY_JS, timeout=20_000)
    return page


def test_present_hides_the_controls_enlarges_text_and_comes_back(
    browser: Any, map_book: dict[str, Any]
) -> None:
    path = map_book[GUANGDONG_GUANGXI].path
    page = _open(_page(browser, 1600, 1000), path)
    assert all(page.evaluate(VISIBLE_JS, list(CONTROLS)).values())
    normal_title = page.evaluate(FONT_SIZE_JS, ".pairmap-title")
    normal_legend = page.evaluate(FONT_SIZE_JS, ".pairmap-legend")
    normal_zoom = page.evaluate("() => window.pairmap.map.getZoom()")

    page.evaluate("() => { window.location.hash = 'present'; }")
    page.wait_for_function(
        "() => !document.querySelector('.pairmap-search').getClientRects().length"
    )
    assert not any(page.evaluate(VISIBLE_JS, list(CONTROLS)).values())
    assert page.evaluate(VISIBLE_JS, [".pairmap-title", ".pairmap-legend"]) == {
        ".pairmap-title": True,
        ".pairmap-legend": True,
    }
    assert page.evaluate(FONT_SIZE_JS, ".pairmap-title") >= 1.5 * normal_title
    assert page.evaluate(FONT_SIZE_JS, ".pairmap-legend") >= 1.3 * normal_legend

    # fits the window: a smaller window refits to a smaller zoom, the pairs still in view
    page.set_viewport_size({"width": 800, "height": 500})
    page.wait_for_function(f"() => window.pairmap.map.getZoom() < {normal_zoom}")

    page.evaluate("() => { window.location.hash = ''; }")
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.wait_for_function(
        "() => document.querySelector('.pairmap-search').getClientRects().length > 0"
    )
    assert all(page.evaluate(VISIBLE_JS, list(CONTROLS)).values())
    assert page.evaluate(FONT_SIZE_JS, ".pairmap-title") == normal_title
    page.context.close()


def test_opening_with_present_starts_in_presentation(
    browser: Any, map_book: dict[str, Any]
) -> None:
    page = _open(_page(browser, 1280, 720), map_book[GUANGDONG_GUANGXI].path, "#present")
    assert not any(page.evaluate(VISIBLE_JS, list(CONTROLS)).values())
    page.context.close()


def test_the_legend_folds_into_a_button_in_a_600_px_frame(
    browser: Any, map_book: dict[str, Any], tmp_path: Path
) -> None:
    path = map_book[GUANGDONG_GUANGXI].path
    host = tmp_path / "host.html"
    host.write_text(
        "<!doctype html><meta charset=utf-8><title>host</title>"
        f'<iframe src="{path.resolve().as_uri()}" width="600" height="400" '
        'style="border:0"></iframe>',
        encoding="utf-8",
    )
    page = _page(browser, 1200, 800)
    page.goto(host.as_uri(), wait_until="load")
    frame = page.frames[1]
    frame.wait_for_function(READY_JS, timeout=20_000)
    shown = frame.evaluate(VISIBLE_JS, [".pairmap-legend", ".pairmap-legend-button"])
    assert shown == {".pairmap-legend": False, ".pairmap-legend-button": True}
    frame.click(".pairmap-legend-button")
    assert frame.evaluate(VISIBLE_JS, [".pairmap-legend"]) == {".pairmap-legend": True}
    frame.click(".pairmap-legend-button")
    assert frame.evaluate(VISIBLE_JS, [".pairmap-legend"]) == {".pairmap-legend": False}

    # the same map in a wide window keeps its legend open and shows no button
    wide = _open(_page(browser, 1200, 800), path)
    shown = wide.evaluate(VISIBLE_JS, [".pairmap-legend", ".pairmap-legend-button"])
    assert shown == {".pairmap-legend": True, ".pairmap-legend-button": False}
    wide.context.close()
    page.context.close()


@pytest.mark.parametrize("slug", SCREENSHOT_MAPS)
def test_an_english_map_reads_without_han_characters(
    slug: str, browser: Any, english_book: dict[str, Any]
) -> None:
    page = _open(_page(browser, 1600, 1000), english_book[slug].path)
    text = page.evaluate(READ_TEXT_JS)
    assert len(text) > 100
    han = sorted({c for c in text if "\u3400" <= c <= "\u9fff"})
    assert han == [], f"Han characters in the English page's title, legend or labels: {han}"
    page.context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("slug", SCREENSHOT_MAPS)
def test_slide_screenshots_for_a_person_to_check(
    slug: str,
    lang: str,
    browser: Any,
    map_book: dict[str, Any],
    english_book: dict[str, Any],
    artifacts_dir: Path,
) -> None:
    built = (english_book if lang == "en" else map_book)[slug]
    page = _open(_page(browser, 1920, 1080), built.path)
    page.evaluate("() => document.fonts.ready")
    out = artifacts_dir / f"slide-{slug}-{lang}.png"
    page.screenshot(path=str(out))
    assert out.read_bytes()[16:24] == (1920).to_bytes(4, "big") + (1080).to_bytes(4, "big")
    assert out.stat().st_size > 20_000, "a drawn map is not a near-empty image"
    page.context.close()
