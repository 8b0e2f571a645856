"""The South China Sea inset and the mainland fit as a person sees them in Chromium."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

#: Boxes of the inset and the legend, the inset's dashes, and the map's view, in CSS pixels.
LAYOUT_JS = """() => {
  const box = el => { if (!el) return null; const r = el.getBoundingClientRect();
                      return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  const map = window.pairmap.map, sea = JSON.parse(
    document.getElementById('pairmap-data').textContent).south_china_sea;
  const view = sea && sea.view ? L.latLngBounds(sea.view) : null;
  const sw = view && map.latLngToContainerPoint(view.getSouthWest());
  const ne = view && map.latLngToContainerPoint(view.getNorthEast());
  const parts = (window.pairmapLib.svgParts || []).map(part => part()).join('');
  return {inset: box(document.querySelector('.pairmap-inset')),
          legend: box(document.querySelector('.pairmap-legend')),
          dashes: document.querySelectorAll('.pairmap-inset svg path.pairmap-inset-dash').length,
          label: (document.querySelector('.pairmap-inset svg') || {}).textContent || '',
          contains: view ? map.getBounds().contains(view) : null,
          mainland: view ? {width: ne.x - sw.x, height: sw.y - ne.y} : null,
          svgDashes: parts.split('pairmap-inset-dash').length - 1, svgParts: parts.slice(0, 120),
          width: window.innerWidth, height: window.innerHeight};
}"""


def open_map(browser: Any, path: Path, *, width: int = 1920, height: int = 1080) -> Any:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(path.resolve().as_uri(), wait_until="load")
    page.wait_for_function("() => Boolean(window.pairmap && window.pairmap.ready)")
    return page


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and (b["top"] < a["bottom"])
    )


def test_the_national_overview_has_the_inset_lower_right_and_china_fills_the_frame(
    browser: Any, map_book: dict[str, Any], artifacts_dir: Path
) -> None:
    page = open_map(browser, map_book["east-west-2021"].path)
    try:
        page.evaluate("() => document.fonts.ready")
        page.screenshot(path=str(artifacts_dir / "national_overview_1920x1080.png"))
        found = page.evaluate(LAYOUT_JS)
        inset, legend = found["inset"], found["legend"]
        assert inset is not None, "no South China Sea inset on the national overview"
        assert found["dashes"] == 10 and "南海诸岛" in found["label"]
        # in the lower-right quadrant, inside the window, clear of the legend
        assert inset["left"] >= found["width"] / 2 and inset["top"] >= found["height"] / 2
        assert inset["right"] <= found["width"] and inset["bottom"] <= found["height"]
        assert not overlap(inset, legend), (inset, legend)
        # the whole mainland is in view and fills the frame
        assert found["contains"] is True
        fill = max(
            found["mainland"]["width"] / found["width"],
            found["mainland"]["height"] / found["height"],
        )
        assert fill >= 0.85, f"the mainland fills {fill:.0%} of the frame"
        # the SVG export gets the inset at its place on the page
        assert found["svgDashes"] == 10
        placed = re.match(r'<svg x="([\d.]+)" y="([\d.]+)"', found["svgParts"])
        assert placed is not None, found["svgParts"]
        assert float(placed[1]) == pytest.approx(inset["left"], abs=1)
        assert float(placed[2]) == pytest.approx(inset["top"], abs=1)
    finally:
        page.context.close()


@pytest.mark.parametrize("size", [(1600, 1000), (1400, 900)])
def test_the_inset_and_the_legend_never_overlap(
    size: tuple[int, int], browser: Any, map_book: dict[str, Any]
) -> None:
    page = open_map(browser, map_book["all-pairings-county"].path, width=size[0], height=size[1])
    try:
        found = page.evaluate(LAYOUT_JS)
        assert found["inset"] is not None and found["dashes"] == 10
        assert not overlap(found["inset"], found["legend"]), found
        assert found["legend"]["top"] >= 0
    finally:
        page.context.close()


def test_regional_maps_have_no_inset(browser: Any, map_book: dict[str, Any]) -> None:
    page = open_map(browser, map_book["guangdong-guangxi"].path)
    try:
        found = page.evaluate(LAYOUT_JS)
        assert found["inset"] is None and found["dashes"] == 0
        assert found["svgDashes"] == 0
    finally:
        page.context.close()
