"""The legend and controls of the book's maps as a person sees them in Chromium."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

#: Maps with the longest legends (many groups, colours and widths).
CROWDED = ("all-pairings-county", "guangdong-guangxi")

#: The legend's box, its content height and the viewport, in CSS pixels.
LEGEND_BOX_JS = """() => {
  const box = document.querySelector('.pairmap-legend'), r = box.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
          content: box.scrollHeight, shown: box.clientHeight,
          width: window.innerWidth, height: window.innerHeight};
}"""


def open_map(browser: Any, path: Any, *, width: int, height: int) -> Any:
    """A page of ``width`` × ``height`` with the map at ``path`` drawn."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(path.resolve().as_uri(), wait_until="load")
    page.wait_for_function("() => Boolean(window.pairmap && window.pairmap.ready)")
    return page


@pytest.mark.parametrize("slug", CROWDED)
@pytest.mark.parametrize("size", [(1600, 1000), (1400, 900)])
def test_the_whole_legend_is_shown_on_a_slide_sized_page(
    slug: str, size: tuple[int, int], browser: Any, map_book: dict[str, Any]
) -> None:
    page = open_map(browser, map_book[slug].path, width=size[0], height=size[1])
    try:
        box = page.evaluate(LEGEND_BOX_JS)
        assert box["top"] >= 0 and box["bottom"] <= box["height"], box
        assert box["left"] >= 0 and box["right"] <= box["width"], box
        assert box["content"] <= box["shown"] + 1, f"{slug}: the legend's bottom is cut off"
    finally:
        page.context.close()


def test_a_short_page_keeps_the_legend_inside_and_scrollable(
    browser: Any, map_book: dict[str, Any]
) -> None:
    page = open_map(browser, map_book["all-pairings-county"].path, width=1000, height=480)
    try:
        box = page.evaluate(LEGEND_BOX_JS)
        assert box["top"] >= 0 and box["bottom"] <= box["height"], box
        legend = page.locator(".pairmap-legend")
        assert "pairmap-legend-compact" in (legend.get_attribute("class") or "")
        if box["content"] > box["shown"]:
            legend.evaluate("box => { box.scrollTop = box.scrollHeight; }")
            assert legend.evaluate("box => box.scrollTop") > 0, "the legend cannot scroll"
    finally:
        page.context.close()
