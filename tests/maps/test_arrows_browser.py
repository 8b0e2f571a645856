"""Arrowheads of every book map, measured in headless Chromium at 1920×1080.

The page lays arrowheads out itself (``maps/static/fanout.js``); these tests read the
triangles it draws through ``window.pairmap.arrowheads()`` (docs/design.md) and check
them with shapely, independently of the page's own overlap test: no two overlap at the
default view, nor after zooming in two levels on the busiest recipient, and they sit on
the edge of their recipient's circle, pointing at its centre.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import RecordingPage
from shapely.geometry import Polygon
from shapely.strtree import STRtree

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1920, "height": 1080}

#: Overlap area (px²) above which two drawn arrowheads count as overlapping.
OVERLAP_AREA = 0.01

#: Share of arrowheads that must touch their circle, within TOUCHING px (the rest moved
#: out to a ring because their node has more arrows than its edge holds, or a close
#: neighbour's arrows are in the way); the farthest ring of the busiest recipient, px.
#: Guangdong → Guangxi, the lowest: 34 of 46 (74%) since pairs repeated across tables are
#: drawn once; the same 12 arrowheads at its two busiest recipients move out as before.
TOUCHING_SHARE, TOUCHING, RING_MAX = 0.7, 1.6, 15.0
#: The same share, zoomed in on the busiest recipient, for the arrowheads of the others.
ZOOMED_SHARE = 0.6

ARROWHEADS_JS = "() => window.pairmap.arrowheads()"

#: Zoom in ``levels`` on a container point, then wait for two frames.
ZOOM_ON_JS = """async ([x, y, levels]) => {
  const map = window.pairmap.map;
  map.setView(map.containerPointToLatLng([x, y]), map.getZoom() + levels, {animate: false});
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  return map.getZoom();
}"""


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "slug" in metafunc.fixturenames:
        from pairmap.maps.book import book_specs

        metafunc.parametrize("slug", [spec.slug for spec in book_specs()])


@pytest.fixture
def slide_page(browser: Any) -> Iterator[RecordingPage]:
    """A 1920×1080 page that records errors and blocks the network."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        yield RecordingPage(context.new_page())
    finally:
        context.close()


def overlapping_pairs(heads: list[dict[str, Any]]) -> list[tuple[int, int, float]]:
    """Ids of every two arrowheads whose triangles share more than :data:`OVERLAP_AREA`."""
    polygons = [Polygon(head["points"]) for head in heads]
    tree = STRtree(polygons)
    found = []
    for i, polygon in enumerate(polygons):
        for j in tree.query(polygon):
            if j > i:
                area = polygon.intersection(polygons[j]).area
                if area > OVERLAP_AREA:
                    found.append((heads[i]["id"], heads[int(j)]["id"], round(area, 2)))
    return found


def tip_gap(head: dict[str, Any]) -> float:
    """How far the tip lies outside the recipient's circle, px (0: on its edge)."""
    (tx, ty), (cx, cy) = head["points"][0], head["centre"]
    return math.hypot(tx - cx, ty - cy) - float(head["radius"])


def points_at_centre(head: dict[str, Any]) -> bool:
    """Whether the arrowhead's axis (base middle -> tip) runs through the circle's centre.

    Within 37°: a small arrowhead's corners are drawn at whole pixels.
    """
    (tx, ty), (lx, ly), (rx, ry) = head["points"]
    bx, by = (lx + rx) / 2, (ly + ry) / 2
    cx, cy = head["centre"]
    axis, to_centre = math.atan2(ty - by, tx - bx), math.atan2(cy - ty, cx - tx)
    return math.cos(axis - to_centre) > 0.8 or math.hypot(cx - tx, cy - ty) < 2


def check_view(heads: list[dict[str, Any]], where: str) -> list[float]:
    """No overlaps, no tip inside its circle, every arrowhead aimed at it; the tip gaps."""
    assert heads, f"{where}: no arrowheads measured"
    assert overlapping_pairs(heads) == [], f"{where}: overlapping arrowheads (ids, area px²)"
    gaps = [tip_gap(head) for head in heads]
    assert min(gaps) > -1.2, f"{where}: a tip pokes into its circle by {-min(gaps):.1f} px"
    assert all(points_at_centre(head) for head in heads), f"{where}: an arrowhead points astray"
    return gaps


def test_no_arrowheads_overlap_on_a_book_map(
    slug: str, map_book: dict[str, Any], slide_page: RecordingPage
) -> None:
    built = map_book[slug]
    page = slide_page.open(built.path)
    heads = page.evaluate(ARROWHEADS_JS)
    assert len(heads) == built.n_flows
    gaps = check_view(heads, f"{slug} at the default view")
    touching = sum(gap < TOUCHING for gap in gaps) / len(gaps)
    assert touching >= TOUCHING_SHARE, f"only {touching:.0%} touch their circle"

    busiest, _ = Counter(head["recipient"] for head in heads).most_common(1)[0]
    centre = next(head["centre"] for head in heads if head["recipient"] == busiest)
    before = page.evaluate("() => window.pairmap.map.getZoom()")
    after = page.evaluate(ZOOM_ON_JS, [centre[0], centre[1], 2])
    assert after == pytest.approx(before + 2, abs=0.5)  # a national map opens at a fractional zoom
    size = page.evaluate("() => window.pairmap.map.getSize()")
    shown = [
        head
        for head in page.evaluate(ARROWHEADS_JS)
        if all(0 <= x <= size["x"] and 0 <= y <= size["y"] for x, y in head["points"])
    ]
    check_view(shown, f"{slug} zoomed in two levels on its busiest recipient")
    ring = [tip_gap(head) for head in shown if head["recipient"] == busiest]
    assert ring, "the busiest recipient's arrowheads are in view after zooming on it"
    # all on one ring around it: its edge, or (more arrows than its edge holds) the
    # nearest ring that holds them all; none left behind where the last zoom put it
    assert max(ring) - min(ring) < 3.5, ring
    assert max(ring) < RING_MAX, ring
    # the others touch their circles, but for a few next to the busiest one's ring
    # (广西壮族自治区 and 南宁市 sit 3 px apart: 南宁's three arrows move out past the ring)
    others = [tip_gap(head) for head in shown if head["recipient"] != busiest]
    assert sum(gap < TOUCHING for gap in others) >= ZOOMED_SHARE * len(others), others
    assert slide_page.console_errors == []
