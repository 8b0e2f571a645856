"""On the book's combined maps (lines coloured by programme or donor, with 组团 groups) each
group is drawn in its own colour, and the legend's swatches are the colours on the map, as
Chromium shows them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from pairmap.maps.palette import MIN_DELTA_E, OTHER, legend_distances

pytestmark = pytest.mark.browser

#: Every swatch of the flow-colour and group sections: ``[{kind, label, colour}]``, the
#: colour as the browser computed the swatch's background.
SWATCHES_JS = """() => Array.from(document.querySelectorAll(
    '.pairmap-legend .pairmap-swatch-line, .pairmap-legend .pairmap-swatch-group')).map(s => ({
  kind: s.classList.contains('pairmap-swatch-group') ? 'group' : 'line',
  label: s.parentNode.querySelector('.pairmap-legend-label').firstChild.textContent,
  colour: getComputedStyle(s).backgroundColor}))"""

#: Each flow's group (or null) and the stroke of its line in the page's SVG (pairmap.svg()).
STROKES_JS = """() => {
  const group = {};
  window.pairmap.flowLayers().forEach(l => {
    group[l.options.pairmap.id] = l.options.pairmap.group;
  });
  const doc = new DOMParser().parseFromString(window.pairmap.svg(), 'image/svg+xml');
  return Array.from(doc.querySelectorAll('g.pairmap-flow')).map(g => ({
    group: group[g.getAttribute('data-flow')],
    stroke: g.querySelector('path.pairmap-flow-line').getAttribute('stroke')}));
}"""


def _hex(colour: str) -> str:
    """``rgb(0, 114, 178)`` or ``#0072B2`` as ``#0072b2``."""
    found = re.fullmatch(r"rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*1)?\)", colour.strip())
    if found:
        return "#" + "".join(f"{int(v):02x}" for v in found.groups())
    return colour.strip().lower()


def _open_vector(browser: Any, path: Path) -> Any:
    """The map at ``path`` on a 1920 × 1080 page drawing with Leaflet's SVG renderer."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    context.add_init_script("window.pairmapExport = {vector: true};")
    page = context.new_page()
    page.goto(path.resolve().as_uri(), wait_until="load")
    page.wait_for_function("() => Boolean(window.pairmap && window.pairmap.ready)")
    return page


@pytest.mark.parametrize("slug", ["guangdong-intra", "all-pairings-county"])
def test_each_group_is_drawn_in_its_own_legend_colour_apart_from_the_line_colours(
    slug: str, browser: Any, map_book: dict[str, Any], artifacts_dir: Path
) -> None:
    page = _open_vector(browser, map_book[slug].path)
    try:
        swatches = [{**s, "colour": _hex(s["colour"])} for s in page.evaluate(SWATCHES_JS)]
        flows = page.evaluate(STROKES_JS)
        page.screenshot(path=str(artifacts_dir / f"group-colours-{slug}.png"))
    finally:
        page.context.close()
    groups = {s["label"]: s["colour"] for s in swatches if s["kind"] == "group"}
    lines = {s["label"]: s["colour"] for s in swatches if s["kind"] == "line"}
    assert len(groups) >= 5, "the map shows its groups in the legend"
    colours = [s["colour"] for s in swatches]
    assert len(set(colours)) == len(colours), f"two legend entries share a colour: {swatches}"
    assert legend_distances(colours)["normal"] >= MIN_DELTA_E
    grouped = [f for f in flows if f["group"]]
    assert len(grouped) >= len(groups)
    for flow in grouped:
        expected = groups.get(flow["group"], groups.get(OTHER))
        assert _hex(flow["stroke"]) == expected, flow
    outside = {_hex(f["stroke"]) for f in flows if not f["group"]}
    assert outside and outside <= set(lines.values())


#: Each flow's group and opacity now.
FLOW_OPACITY_JS = """() => window.pairmap.flowLayers().map(
  layer => [layer.options.pairmap.group, layer.options.opacity])"""


def test_pointing_at_the_groups_other_shows_the_merged_groups_flows(
    browser: Any, map_book: dict[str, Any]
) -> None:
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        page.goto(map_book["all-pairings-county"].path.resolve().as_uri(), wait_until="load")
        page.wait_for_function("() => Boolean(window.pairmap && window.pairmap.ready)")
        merged = page.evaluate(
            "() => JSON.parse(document.getElementById('pairmap-data').textContent).groups.merged"
        )
        assert merged, "the county map merges some groups into the groups' 其他"
        row = page.locator(".pairmap-legend-item", has=page.locator(".pairmap-swatch-group"))
        row.filter(has_text="合并").hover()
        during = page.evaluate(FLOW_OPACITY_JS)
        inside = [o for g, o in during if g in merged]
        outside = [o for g, o in during if g not in merged]
        assert inside and outside and min(inside) > 3 * max(outside)
    finally:
        context.close()
