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


#: Whether the middle of the last layer toggle is the toggle itself (not something on top).
LAST_TOGGLE_ON_TOP_JS = """() => {
  const labels = document.querySelectorAll('.leaflet-control-layers-overlays label');
  const r = labels[labels.length - 1].getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return Boolean(hit && hit.closest('.leaflet-control-layers'));
}"""


def test_the_opened_layer_list_lies_over_the_legend_and_the_buttons_show(
    browser: Any, map_book: dict[str, Any]
) -> None:
    page = open_map(browser, map_book["guangdong-guangxi"].path, width=1400, height=900)
    try:
        page.hover(".leaflet-control-layers")
        page.wait_for_timeout(100)
        assert page.evaluate(LAST_TOGGLE_ON_TOP_JS), "the legend hides the layer toggles"
        button = page.locator(".pairmap-fullscreen").bounding_box()
        assert button is not None and button["width"] >= 24 and button["height"] >= 24
        assert page.locator(".pairmap-fullscreen svg path").count() == 1
        assert page.locator("input.pairmap-search").is_visible()
    finally:
        page.context.close()


#: Opacity of every flow drawn, by its group (``null`` outside groups).
FLOW_OPACITY_JS = """() => window.pairmap.flowLayers().map(
  layer => [layer.options.pairmap.group, layer.options.opacity])"""


def test_pointing_at_a_group_in_the_legend_shows_its_flows(
    browser: Any, map_book: dict[str, Any]
) -> None:
    page = open_map(browser, map_book["guangdong-guangxi"].path, width=1600, height=1000)
    try:
        row = page.locator(".pairmap-legend-item", has_text="茂名→金秀组团")
        assert "茂南区、电白区 → 金秀瑶族自治县" in row.inner_text()
        before = page.evaluate(FLOW_OPACITY_JS)
        row.hover()
        during = page.evaluate(FLOW_OPACITY_JS)
        inside = [o for g, o in during if g == "茂名→金秀组团"]
        outside = [o for g, o in during if g != "茂名→金秀组团"]
        assert len(inside) == 2 and min(inside) > 3 * max(outside)
        page.mouse.move(5, 500)
        assert page.evaluate(FLOW_OPACITY_JS) == before
    finally:
        page.context.close()
