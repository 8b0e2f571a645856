"""Flow geometry drawn by the page, checked in headless Chromium: bend side and fan-out."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from synthetic import resolved_frame

from pairmap.maps.flowmap import MapOptions, map_html

pytestmark = pytest.mark.browser

MAONAN, DIANBAI, XINYI, JINXIU = "440902", "440904", "440983", "451324"

#: Container pixels of every flow's points, and of every node circle by adcode.
GEOMETRY_JS = """() => {
  const pm = window.pairmap, map = pm.map;
  const flows = pm.flowLayers().map(layer => ({
    info: layer.options.pairmap,
    points: layer.getLatLngs().map(ll => map.latLngToContainerPoint(ll)),
  }));
  const nodes = {};
  map.eachLayer(layer => {
    const info = layer.options && layer.options.pairmap;
    if (info && info.kind === 'node') {
      const at = map.latLngToContainerPoint(layer.getLatLng());
      nodes[info.adcode] = {x: at.x, y: at.y, radius: layer.options.radius};
    }
  });
  return {flows, nodes};
}"""


def _geometry(tmp_path: Path, recording_page: Any, rows: list[dict]) -> dict:
    out = tmp_path / "map.html"
    out.write_text(
        map_html(resolved_frame(rows), options=MapOptions(extent="regional")), encoding="utf-8"
    )
    page = recording_page.open(out)
    geometry = page.evaluate(GEOMETRY_JS)
    assert recording_page.console_errors == []
    return geometry


def _distance(a: dict, b: dict) -> float:
    return math.hypot(a["x"] - b["x"], a["y"] - b["y"])


def _left_offset(points: list[dict]) -> float:
    """How far the curve's middle lies to the left of its chord (pixels; y grows down)."""
    start, end, middle = points[0], points[-1], points[len(points) // 2]
    dx, dy = end["x"] - start["x"], end["y"] - start["y"]
    length = (dx * dx + dy * dy) ** 0.5
    mx, my = middle["x"] - (start["x"] + end["x"]) / 2, middle["y"] - (start["y"] + end["y"]) / 2
    return (mx * dy - my * dx) / length


def test_a_to_b_and_b_to_a_bend_to_opposite_sides(tmp_path: Path, recording_page: Any) -> None:
    geometry = _geometry(
        tmp_path,
        recording_page,
        [
            {"donor_adcode": MAONAN, "recipient_adcode": JINXIU},
            {"donor_adcode": JINXIU, "recipient_adcode": MAONAN},
        ],
    )
    there, back = geometry["flows"]
    assert there["info"]["donor_adcode"] == MAONAN
    # both bend to their own left, so they bow apart instead of drawing over each other
    assert _left_offset(there["points"]) > 10
    assert _left_offset(back["points"]) > 10
    middle_there = there["points"][len(there["points"]) // 2]
    middle_back = back["points"][len(back["points"]) // 2]
    assert _distance(middle_there, middle_back) > 20


def test_donors_meeting_one_recipient_end_apart_around_it(
    tmp_path: Path, recording_page: Any
) -> None:
    geometry = _geometry(
        tmp_path,
        recording_page,
        [
            {"donor_adcode": MAONAN, "recipient_adcode": JINXIU},
            {"donor_adcode": DIANBAI, "recipient_adcode": JINXIU},
            {"donor_adcode": XINYI, "recipient_adcode": JINXIU},
        ],
    )
    centre = geometry["nodes"][JINXIU]
    ends = [flow["points"][-1] for flow in geometry["flows"]]
    for end in ends:
        # on the recipient's edge, not on top of it
        assert abs(_distance(end, centre) - (centre["radius"] + 0.5)) < 1.2
    for i, a in enumerate(ends):
        for b in ends[i + 1 :]:
            assert _distance(a, b) > 3


def test_a_lone_flow_ends_on_the_edge_of_its_recipient(tmp_path: Path, recording_page: Any) -> None:
    geometry = _geometry(
        tmp_path, recording_page, [{"donor_adcode": MAONAN, "recipient_adcode": JINXIU}]
    )
    end, centre = geometry["flows"][0]["points"][-1], geometry["nodes"][JINXIU]
    # the arrowhead's tip touches the circle's white outline (half a pixel outside it)
    assert abs(_distance(end, centre) - (centre["radius"] + 0.5)) < 1.2
