"""The South China Sea inset: its SVG, its scale, its datum, and which maps carry it."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
import pyproj
import pytest
import shapely

from pairmap.geo import source
from pairmap.geo.south_china_sea import inset_extent, mainland_extent, maritime_line
from pairmap.maps.book import book_specs, resolve_shipped, select_from_tables
from pairmap.maps.flowmap import MapOptions, build_payload, resolve_extent
from pairmap.maps.inset import (
    CAPTION_HEIGHT,
    INSET_LABEL,
    INSET_WIDTH,
    InsetFrame,
    inset_part,
    mainland_view,
    maritime_dashes,
    scale_bar,
)

SVG = "{http://www.w3.org/2000/svg}"

#: 永兴岛 (西沙) and 曾母暗沙, lon/lat.
YONGXING, ZENGMU = (112.33, 16.83), (112.28, 3.97)


def parse(part: dict[str, Any]) -> ET.Element:
    """The inset as the page builds it: the body inside an ``<svg>`` of its size."""
    return ET.fromstring(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {part["width"]} '
        f'{part["height"]}">{part["body"]}</svg>'
    )


def path_points(d: str) -> np.ndarray:
    return np.array([float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]).reshape(-1, 2)


@pytest.fixture(scope="module")
def part() -> dict[str, Any]:
    return inset_part()


def test_the_inset_has_the_ten_dashes_where_the_line_is(part: dict[str, Any]) -> None:
    svg = parse(part)
    dashes = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "pairmap-inset-dash"]
    assert len(dashes) == len(maritime_line().geoms) == 10
    frame = InsetFrame(inset_extent())
    for path, dash in zip(dashes, maritime_line().geoms, strict=True):
        drawn = path_points(path.get("d", ""))
        expected = frame.to_pixels(np.asarray(dash.coords))
        assert len(drawn) >= 2
        # every drawn vertex is a vertex of the source dash, to 0.1 pixel
        gaps = np.min(np.hypot(*(drawn[:, None, :] - expected[None, :, :]).T), axis=0)
        assert gaps.max() <= 0.08
        assert np.all((drawn >= 0) & (drawn <= [part["width"], part["height"]]))


def test_the_inset_is_framed_labelled_and_draws_islands_and_neighbours(
    part: dict[str, Any],
) -> None:
    svg = parse(part)
    assert part["width"] == INSET_WIDTH
    assert part["label"] == INSET_LABEL == "南海诸岛"
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert INSET_LABEL in texts
    assert f"{part['scale']['km']:g} km" in texts
    classes = [p.get("class") for p in svg.iter(f"{SVG}path")]
    for kind in ("neighbour", "province", "islands"):
        assert f"pairmap-inset-{kind}" in classes
    # the islands reach down to 曾母暗沙, inside the map area (above the caption band)
    frame = InsetFrame(inset_extent())
    zengmu = frame.to_pixels(np.array([ZENGMU]))[0]
    assert 0 < zengmu[1] < part["height"] - CAPTION_HEIGHT
    # the frame: the last element is an outline of the whole inset
    outline = list(svg.iter(f"{SVG}rect"))[-1]
    assert outline.get("fill") == "none" and outline.get("stroke")
    assert float(outline.get("height", 0)) == part["height"] - 1
    assert "<script" not in part["body"] and "javascript:" not in part["body"]


def test_the_scale_bar_is_true_at_the_latitude_it_names(part: dict[str, Any]) -> None:
    frame = InsetFrame(inset_extent())
    bar = scale_bar(frame)
    assert bar == part["scale"]
    assert re.fullmatch(r"[125]0*", f"{bar['km']:g}")
    assert inset_extent().south < bar["latitude"] < inset_extent().north
    # independently: Web Mercator metres across the inset, and pyproj's scale factor
    mercator = pyproj.Transformer.from_crs(4326, 3857, always_xy=True)
    west, _ = mercator.transform(inset_extent().west, 0)
    east, _ = mercator.transform(inset_extent().east, 0)
    pixels_per_metre = INSET_WIDTH / (east - west)
    factor = pyproj.Proj("EPSG:3857").get_factors(110, bar["latitude"]).parallel_scale
    assert bar["px"] == pytest.approx(bar["km"] * 1000 * pixels_per_metre * factor, abs=0.06)
    assert 20 < bar["px"] <= 64


def test_the_inset_keeps_its_aspect(part: dict[str, Any]) -> None:
    mercator = pyproj.Transformer.from_crs(4326, 3857, always_xy=True)
    extent = inset_extent()
    x0, y0 = mercator.transform(extent.west, extent.south)
    x1, y1 = mercator.transform(extent.east, extent.north)
    map_height = part["height"] - CAPTION_HEIGHT
    assert map_height == pytest.approx(INSET_WIDTH * (y1 - y0) / (x1 - x0), abs=0.5)


def test_on_gcj02_the_line_and_inset_follow_the_datum(part: dict[str, Any]) -> None:
    raw = shapely.get_coordinates(source.read_maritime_line())
    on_gcj02 = np.concatenate([np.asarray(d) for d in maritime_dashes(datum="gcj02")])
    on_wgs84 = np.concatenate([np.asarray(d) for d in maritime_dashes()])
    # back on Amap's own datum, within a metre or so of the file's vertices
    np.testing.assert_allclose(on_gcj02, raw, atol=2e-5)
    assert np.hypot(*(on_gcj02 - on_wgs84).T).min() > 0.001  # > 100 m apart
    assert inset_part(datum="gcj02")["body"] != part["body"]
    gcj_view, view = mainland_view(datum="gcj02"), mainland_view()
    assert gcj_view != view and np.allclose(gcj_view, view, atol=0.02)


def test_the_main_view_is_the_mainland_box() -> None:
    west, south, east, north = mainland_extent()
    assert mainland_view() == [
        [pytest.approx(south, abs=1e-5), pytest.approx(west, abs=1e-5)],
        [pytest.approx(north, abs=1e-5), pytest.approx(east, abs=1e-5)],
    ]
    assert not (south < YONGXING[1] < north)  # 西沙 lies south of the view


# -- which maps carry it -----------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> dict[str, pd.DataFrame]:
    return resolve_shipped()


def test_national_book_maps_have_the_inset_and_regional_ones_none(
    shipped: dict[str, pd.DataFrame],
) -> None:
    national, regional = [], []
    for spec in book_specs():
        pairs = select_from_tables(shipped, spec.selection)
        payload = build_payload(pairs, options=spec.options)
        sea = payload["south_china_sea"]
        if resolve_extent(pairs, spec.options.extent) == "national":
            national.append(spec.slug)
            assert sea["inset"] is not None, spec.slug
            dashes = parse(sea["inset"]).iter(f"{SVG}path")
            assert sum(p.get("class") == "pairmap-inset-dash" for p in dashes) == 10
            assert sea["view"] == mainland_view()
            assert len(sea["line"]) == 10
        else:
            regional.append(spec.slug)
            assert sea is None, spec.slug
    assert {"east-west-2016", "east-west-2021", "all-pairings-county"} <= set(national)
    assert "guangdong-guangxi" in regional and len(regional) >= 4


def test_without_the_inset_a_national_map_keeps_the_line_and_every_unit(
    shipped: dict[str, pd.DataFrame],
) -> None:
    pairs = shipped["east_west_national.csv"]
    options = MapOptions(level="province", extent="national", inset=False)
    sea = build_payload(pairs, options=options)["south_china_sea"]
    assert sea["inset"] is None and sea["view"] is None
    assert len(sea["line"]) == 10
    on = build_payload(pairs, options=replace(options, inset=True))["south_china_sea"]
    assert on["line"] == sea["line"]
    regional = build_payload(pairs.head(1), options=replace(options, extent="regional"))
    assert regional["south_china_sea"] is None


def test_the_payload_carries_the_inset_as_json(shipped: dict[str, pd.DataFrame]) -> None:
    pairs = shipped["east_west_national.csv"]
    payload = build_payload(pairs, options=MapOptions(level="province", extent="national"))
    text = json.dumps(payload["south_china_sea"], ensure_ascii=False, allow_nan=False)
    assert 20_000 < len(text) < 120_000  # a small picture, not the whole sea at full detail


def test_an_english_map_labels_the_inset_in_english() -> None:
    english, chinese = inset_part(lang="en"), inset_part()
    assert english["label"] == "South China Sea Islands" and chinese["label"] == "南海诸岛"
    assert "南海诸岛" not in english["body"] and "South China Sea Islands" in english["body"]
    assert "Scale: " in english["body"] and "比例尺" not in english["body"]
    # the same picture: only the caption's words differ
    assert english["scale"] == chinese["scale"] and english["width"] == chinese["width"]
