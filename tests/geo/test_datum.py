"""Tests of the GCJ-02 ⇄ WGS84 transform against published and independent values."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from pyproj import Geod

from pairmap.geo.datum import (
    Datum,
    convert_coords,
    convert_geometries,
    gcj02_to_wgs84,
    wgs84_to_gcj02,
)

GEOD = Geod(ellps="WGS84")


def _metres(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    _, _, distance = GEOD.inv(a[:, 0], a[:, 1], b[:, 0], b[:, 1])
    return np.asarray(distance)


def _scalar_gcj02(lon: float, lat: float) -> tuple[float, float]:
    """The published GCJ-02 forward formula, written out point by point with math."""
    a, ee = 6378245.0, 0.00669342162296594323
    x, y = lon - 105.0, lat - 35.0
    s = math.sin
    p = math.pi
    t_lat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y**2 + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    t_lat += (20.0 * s(6.0 * x * p) + 20.0 * s(2.0 * x * p)) * 2.0 / 3.0
    t_lat += (20.0 * s(y * p) + 40.0 * s(y / 3.0 * p)) * 2.0 / 3.0
    t_lat += (160.0 * s(y / 12.0 * p) + 320 * s(y * p / 30.0)) * 2.0 / 3.0
    t_lon = 300.0 + x + 2.0 * y + 0.1 * x**2 + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    t_lon += (20.0 * s(6.0 * x * p) + 20.0 * s(2.0 * x * p)) * 2.0 / 3.0
    t_lon += (20.0 * s(x * p) + 40.0 * s(x / 3.0 * p)) * 2.0 / 3.0
    t_lon += (150.0 * s(x / 12.0 * p) + 300.0 * s(x / 30.0 * p)) * 2.0 / 3.0
    rad = lat / 180.0 * p
    magic = 1 - ee * s(rad) ** 2
    d_lat = (t_lat * 180.0) / ((a * (1 - ee)) / (magic * math.sqrt(magic)) * p)
    d_lon = (t_lon * 180.0) / (a / math.sqrt(magic) * math.cos(rad) * p)
    return lon + d_lon, lat + d_lat


CITIES = {
    "Beijing Tiananmen": (116.3975, 39.9087),
    "Shanghai Bund": (121.4903, 31.2400),
    "Guangzhou": (113.2644, 23.1291),
    "Guiyang": (106.6302, 26.6477),
    "Urumqi": (87.6168, 43.8256),
    "Lhasa": (91.1409, 29.6456),
    "Harbin": (126.6424, 45.7567),
    "Hong Kong Central": (114.1589, 22.2819),
}


def test_published_control_values() -> None:
    # widely published outputs of the standard algorithm (coordtransform and its ports)
    gcj = wgs84_to_gcj02(np.array([[116.404, 39.915], [121.0917077, 30.6107779]]))
    np.testing.assert_allclose(gcj[0], [116.41024449916938, 39.91640428150164], atol=1e-9)
    np.testing.assert_allclose(gcj[1], [121.09626935575027, 30.608604331756705], atol=1e-9)


@pytest.mark.parametrize("city", sorted(CITIES))
def test_forward_matches_the_closed_form(city: str) -> None:
    lon, lat = CITIES[city]
    expected = _scalar_gcj02(lon, lat)
    got = wgs84_to_gcj02(np.array([[lon, lat]]))[0]
    np.testing.assert_allclose(got, expected, atol=1e-10)


def test_offsets_are_hundreds_of_metres_in_the_east() -> None:
    wgs = np.array([CITIES[c] for c in ("Beijing Tiananmen", "Shanghai Bund", "Guangzhou")])
    offsets = _metres(wgs, wgs84_to_gcj02(wgs))
    assert ((offsets > 300) & (offsets < 800)).all(), offsets


def test_round_trip_within_a_metre() -> None:
    rng = np.random.default_rng(7)
    wgs = np.column_stack([rng.uniform(74, 134, 5000), rng.uniform(18, 53, 5000)])
    back = gcj02_to_wgs84(wgs84_to_gcj02(wgs))
    assert _metres(wgs, back).max() < 0.01  # well inside the 1 m requirement
    gcj = wgs.copy()
    again = wgs84_to_gcj02(gcj02_to_wgs84(gcj))
    assert _metres(gcj, again).max() < 0.01


def test_points_outside_china_do_not_move() -> None:
    outside = np.array([[2.3522, 48.8566], [139.6917, 35.6895], [-74.006, 40.7128], [151.2, -33.9]])
    np.testing.assert_array_equal(wgs84_to_gcj02(outside), outside)
    np.testing.assert_array_equal(gcj02_to_wgs84(outside), outside)


def test_geometries_keep_shared_vertices_identical() -> None:
    left = shapely.box(116.0, 39.0, 116.5, 39.5)
    right = shapely.box(116.5, 39.0, 117.0, 39.5)
    moved = convert_geometries(np.array([left, right]), source="gcj02", target=Datum.WGS84)
    assert shapely.coverage_is_valid(moved)
    shared = shapely.intersection(moved[0], moved[1])
    assert shared.geom_type == "LineString"
    assert shared.length > 0.49
    # the shift is the GCJ-02 offset: west and south by a few hundred metres
    assert moved[0].bounds[0] < 116.0
    assert moved[0].bounds[1] < 39.0


def test_same_datum_is_a_copy() -> None:
    coords = np.array([[116.4, 39.9]])
    out = convert_coords(coords, source="wgs84", target="wgs84")
    out[0, 0] = 0.0
    assert coords[0, 0] == 116.4


def test_unknown_datum_is_refused() -> None:
    with pytest.raises(ValueError, match="bd09"):
        convert_coords(np.zeros((1, 2)), source="bd09", target="wgs84")


def test_many_geometries_convert_like_one_at_a_time() -> None:
    edges = 100 + np.arange(701) * 0.01
    boxes = np.array([shapely.box(edges[i], 30, edges[i + 1], 30.01) for i in range(700)])
    assert shapely.coverage_is_valid(boxes)
    together = convert_geometries(boxes, source="gcj02", target="wgs84")
    alone = [convert_geometries(b, source="gcj02", target="wgs84") for b in boxes[[0, 299, 699]]]
    assert len(together) == 700
    assert shapely.equals_exact(together[[0, 299, 699]], np.array(alone), 0).all()
    assert shapely.coverage_is_valid(together)
