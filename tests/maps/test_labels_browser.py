"""Place-name labels on every map of the book, measured in Chromium at a slide's size."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 1920, 1080

#: The shown labels' boxes and every control's box, in page pixels.
BOXES_JS = """() => {
  const rect = node => { const r = node.getBoundingClientRect();
    return {x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}; };
  const labels = [...document.querySelectorAll('.pairmap-label')]
    .filter(node => node.style.display !== 'none')
    .map(node => ({text: node.textContent, kind: node.className, ...rect(node)}));
  const controls = [...document.querySelectorAll('.leaflet-control')]
    .filter(node => node.offsetWidth > 0 && node.offsetHeight > 0)
    .map(node => ({name: node.className, ...rect(node)}));
  return {labels, controls, shown: window.pairmap.labels()};
}"""

#: Labels shown for nodes inside the geographic bounds ``b`` (south, west, north, east).
SHOWN_IN_JS = """(b) => {
  const pm = window.pairmap, bounds = L.latLngBounds([b[0], b[1]], [b[2], b[3]]);
  const inside = new Set();
  pm.map.eachLayer(l => {
    const info = l.options && l.options.pairmap;
    if (info && info.kind === 'node' && bounds.contains(l.getLatLng())) inside.add(info.index);
  });
  const shown = pm.labels().filter(label => label.node >= 0 && inside.has(label.node));
  return {shown: shown.map(label => label.node), nodes: inside.size};
}"""

#: Nodes whose point lies under a control (legend, inset, ...): they cannot be named.
COVERED_JS = """() => {
  const pm = window.pairmap, frame = pm.map.getContainer().getBoundingClientRect();
  const controls = [...document.querySelectorAll('.leaflet-control')]
    .filter(node => node.offsetWidth > 0 && node.offsetHeight > 0)
    .map(node => node.getBoundingClientRect());
  const covered = [];
  pm.map.eachLayer(l => {
    const info = l.options && l.options.pairmap;
    if (!info || info.kind !== 'node') return;
    const p = pm.map.latLngToContainerPoint(l.getLatLng());
    const x = p.x + frame.left, y = p.y + frame.top;
    if (controls.some(r => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom)) {
      covered.push(info.index);
    }
  });
  return covered;
}"""

#: Zoom in one level around the middle of the map; the new view's bounds.
ZOOM_IN_JS = """() => {
  const map = window.pairmap.map;
  map.setView(map.getCenter(), map.getZoom() + 1, {animate: false});
  const b = map.getBounds();
  return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()];
}"""


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x0"] < b["x1"] - 0.5
        and b["x0"] < a["x1"] - 0.5
        and (a["y0"] < b["y1"] - 0.5 and b["y0"] < a["y1"] - 0.5)
    )


def open_slide(browser: Any, path: Path) -> Any:
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    page.goto(path.resolve().as_uri(), wait_until="load")
    page.wait_for_function("() => Boolean(window.pairmap && window.pairmap.ready)")
    return page


def book_slugs() -> list[str]:
    from pairmap.maps.book import book_specs

    return [spec.slug for spec in book_specs()]


@pytest.mark.parametrize("slug", book_slugs())
def test_labels_overlap_neither_each_other_nor_the_controls(
    slug: str, browser: Any, map_book: dict[str, Any]
) -> None:
    page = open_slide(browser, map_book[slug].path)
    try:
        found = page.evaluate(BOXES_JS)
    finally:
        page.context.close()
    labels, controls = found["labels"], found["controls"]
    assert len(labels) == len(found["shown"]) >= 2, slug
    assert any("pairmap-legend" in c["name"] for c in controls)
    assert any("pairmap-title-box" in c["name"] for c in controls)
    for i, a in enumerate(labels):
        assert a["x0"] >= 0 and a["x1"] <= WIDTH and a["y0"] >= 0 and a["y1"] <= HEIGHT, a
        assert a["x1"] - a["x0"] > 8 and a["y1"] - a["y0"] > 8, a
        for b in labels[i + 1 :]:
            assert not overlap(a, b), (slug, a, b)
        for control in controls:
            assert not overlap(a, control), (slug, a, control)


def test_both_ends_of_every_flow_are_named_on_maoming_laibin(
    browser: Any, map_book: dict[str, Any]
) -> None:
    page = open_slide(browser, map_book["seed-2022-maoming-laibin"].path)
    try:
        shown = page.evaluate("() => window.pairmap.labels()")
        flows = page.evaluate("() => window.pairmap.flowLayers().map(l => l.options.pairmap)")
    finally:
        page.context.close()
    named = {label["adcode"]: label["text"] for label in shown if label["kind"] == "node"}
    assert flows
    for flow in flows:
        assert flow["donor_adcode"] in named and flow["recipient_adcode"] in named, flow
    assert {"金秀", "忻城", "茂南", "电白", "信宜", "高州", "化州"} <= set(named.values())


def test_a_national_map_names_provinces_lightly(browser: Any, map_book: dict[str, Any]) -> None:
    page = open_slide(browser, map_book["east-west-2021"].path)
    try:
        shown = page.evaluate("() => window.pairmap.labels()")
        colours = page.evaluate(
            """() => ['node', 'province'].map(kind => {
                const node = document.querySelector('.pairmap-label-' + kind);
                return getComputedStyle(node).color; })"""
        )
    finally:
        page.context.close()
    provinces = {label["text"] for label in shown if label["kind"] == "province"}
    assert len(provinces) >= 8 and {"新疆", "西藏", "黑龙江"} <= provinces
    nodes = {label["text"] for label in shown if label["kind"] == "node"}
    assert not provinces & nodes  # a province its node names is not named twice
    assert colours[0] != colours[1]


@pytest.mark.parametrize("slug", ["east-west-2021", "guangdong-guizhou", "all-pairings-county"])
def test_zooming_in_shows_more_labels(slug: str, browser: Any, map_book: dict[str, Any]) -> None:
    page = open_slide(browser, map_book[slug].path)
    try:
        before_total = len(page.evaluate("() => window.pairmap.labels()"))
        zoom = page.evaluate("() => window.pairmap.map.getZoom()")
        bounds = page.evaluate(
            """() => { const b = window.pairmap.map.getBounds();
                const c = b.getCenter(), h = (b.getNorth() - b.getSouth()) / 6,
                      w = (b.getEast() - b.getWest()) / 6;
                return [c.lat - h, c.lng - w, c.lat + h, c.lng + w]; }"""
        )
        before = page.evaluate(SHOWN_IN_JS, bounds)
        # the middle third of the view: after zooming in it stays clear of the window's
        # edges, but a large legend can cover part of it (the county map's covers nodes
        # 2, 5, 19 and 20): a node under a control cannot keep its label
        page.evaluate(ZOOM_IN_JS)
        after = page.evaluate(SHOWN_IN_JS, bounds)
        covered = set(page.evaluate(COVERED_JS))
        boxes = page.evaluate(BOXES_JS)
    finally:
        page.context.close()
    assert before_total > 0 and zoom >= 3
    kept = set(before["shown"]) - covered
    assert len(kept) >= 3 * len(set(before["shown"]) & covered), (slug, before, covered)
    lost = kept - set(after["shown"])
    assert not lost, f"{slug}: labels in the middle lost by zooming in: {sorted(lost)}"
    if len(before["shown"]) < before["nodes"]:  # room for more: more are shown
        assert len(after["shown"]) > len(kept), (slug, before, after, covered)
    labels = boxes["labels"]
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not overlap(a, b), (slug, a, b)


@pytest.mark.parametrize(
    "slug", ["east-west-2021", "guangdong-guangxi", "seed-2022-maoming-laibin"]
)
def test_slide_screenshots_with_labels(
    slug: str, browser: Any, map_book: dict[str, Any], artifacts_dir: Path
) -> None:
    page = open_slide(browser, map_book[slug].path)
    try:
        out = artifacts_dir / f"labels-{slug}-{WIDTH}x{HEIGHT}.png"
        page.screenshot(path=str(out))
        svg = page.evaluate("() => (window.pairmapLib.svgParts || []).map(part => part()).join('')")
    finally:
        page.context.close()
    assert out.stat().st_size > 50_000
    assert svg.count("<text ") >= 2 and 'paint-order="stroke"' in svg
