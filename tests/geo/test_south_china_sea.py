"""The South China Sea inset: the maritime line, the inset's box and the mainland's."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pytest
import shapely

from pairmap.geo import source
from pairmap.geo.boundaries import load_boundaries
from pairmap.geo.datum import gcj02_to_wgs84
from pairmap.geo.south_china_sea import (
    DONGSHA_BOX,
    INSET_KINDS,
    ISLANDS_NORTH_LIMIT,
    inset_extent,
    inset_geometries,
    mainland_extent,
    maritime_line,
    split_islands,
)

#: Provinces that reach into the inset's box.
_SOUTH_COAST = ["广东", "广西", "海南", "福建", "台湾", "香港", "澳门", "江西", "湖南"]

#: Points people know: 三亚 (Hainan's south), 台北, 鹅銮鼻 (Taiwan's southern tip),
#: 永兴岛 (西沙), 永暑礁 (南沙), 曾母暗沙, 东沙岛.
SANYA, TAIPEI, ELUANBI = (109.51, 18.25), (121.56, 25.04), (120.85, 21.90)
YONGXING, YONGSHU, ZENGMU = (112.33, 16.83), (112.88, 9.55), (112.28, 3.97)
DONGSHA = (116.72, 20.70)  # 东沙岛


@pytest.fixture(scope="module")
def south_coast() -> gpd.GeoDataFrame:
    return load_boundaries("province", provinces=_SOUTH_COAST)


def test_the_line_has_every_dash_of_the_source() -> None:
    # counted straight from the GeoJSON file, independently of the reader
    path = source.geometry_file("460000").parent.parent / "maritime" / "100000.geojson"
    dashes = json.loads(path.read_text(encoding="utf-8"))["geometry"]["coordinates"]
    line = maritime_line()
    assert isinstance(line, shapely.MultiLineString)
    assert len(line.geoms) == len(dashes) == 10
    assert all(dash.length > 0.5 for dash in line.geoms)


def test_the_line_is_wgs84() -> None:
    raw = shapely.get_coordinates(source.read_maritime_line())
    converted = shapely.get_coordinates(maritime_line())
    assert converted.shape == raw.shape
    np.testing.assert_allclose(converted, gcj02_to_wgs84(raw), atol=1e-9)
    # the datum moved every vertex by the GCJ-02 offset (hundreds of metres)
    shift_m = np.hypot(*(converted - raw).T) * 111_000
    assert shift_m.min() > 100
    assert shift_m.max() < 1_000


def test_the_inset_box_holds_the_line_and_every_island(south_coast: gpd.GeoDataFrame) -> None:
    box = inset_extent().box()
    assert box.contains(maritime_line())
    _, islands = split_islands(south_coast)
    assert box.contains(shapely.union_all(islands.geometry.to_numpy()))
    for lon, lat in (YONGXING, YONGSHU, ZENGMU, DONGSHA, SANYA):
        assert box.contains(shapely.Point(lon, lat))
    assert inset_extent().south < ZENGMU[1] - 0.5


def test_islands_are_the_parts_south_of_hainan_and_dongsha(south_coast: gpd.GeoDataFrame) -> None:
    mainland, islands = split_islands(south_coast)
    assert list(islands["adcode"]) == ["440000", "460000"]
    hainan_islands = islands.loc[islands["adcode"] == "460000"].geometry.iloc[0]
    assert hainan_islands.bounds[3] < ISLANDS_NORTH_LIMIT
    dongsha = islands.loc[islands["adcode"] == "440000"].geometry.iloc[0]
    assert (
        dongsha.contains(shapely.Point(DONGSHA)) or dongsha.distance(shapely.Point(DONGSHA)) < 0.1
    )
    assert not mainland.geometry.intersects(shapely.box(*DONGSHA_BOX)).any()
    hainan_island = mainland.loc[mainland["adcode"] == "460000"].geometry.iloc[0]
    assert hainan_island.bounds[1] > ISLANDS_NORTH_LIMIT
    # nothing lost: the two halves make up the province
    before = south_coast.loc[south_coast["adcode"] == "460000"].geometry.iloc[0].area
    after = hainan_island.area + hainan_islands.area
    assert after == pytest.approx(before, rel=1e-9)
    assert list(mainland["adcode"]) == sorted(south_coast["adcode"])


def test_the_mainland_extent_leaves_the_south_china_sea_islands_out(
    south_coast: gpd.GeoDataFrame,
) -> None:
    extent = mainland_extent(south_coast)
    box = extent.box()
    for lon, lat in (SANYA, TAIPEI, ELUANBI):
        assert box.contains(shapely.Point(lon, lat))
    for lon, lat in (YONGXING, YONGSHU, ZENGMU):
        assert not box.contains(shapely.Point(lon, lat))
    assert 18.0 < extent.south < 18.3  # Hainan Island's southern coast


def test_the_national_mainland_extent_reaches_every_border() -> None:
    west, south, east, north = mainland_extent()
    assert 73.0 < west < 74.0  # 新疆 (Pamirs)
    assert 134.5 < east < 135.5  # 黑龙江 (Heixiazi Island)
    assert 53.0 < north < 54.0  # 漠河
    assert 18.0 < south < 18.3


def test_inset_geometries_are_clipped_simplified_and_in_drawing_order(
    south_coast: gpd.GeoDataFrame,
) -> None:
    inset = inset_geometries(south_coast)
    kinds = list(inset["kind"])
    assert kinds == sorted(kinds, key=INSET_KINDS.index)
    assert set(kinds) == set(INSET_KINDS)
    assert inset.crs is not None and inset.crs.to_epsg() == 4326
    assert inset.geometry.is_valid.all()
    box = inset_extent().box().buffer(1e-9)
    assert all(box.contains(geometry) for geometry in inset.geometry)
    provinces = inset[inset["kind"] == "province"]
    assert {"440000", "450000", "460000", "710000", "810000"} <= set(provinces["key"])
    assert shapely.coverage_is_valid(provinces.geometry.to_numpy())
    assert list(inset.loc[inset["kind"] == "islands", "key"]) == ["440000", "460000"]
    assert inset.loc[inset["kind"] == "line"].geometry.iloc[0].equals(maritime_line())
    neighbours = set(inset.loc[inset["kind"] == "neighbour", "key"])
    assert {"VNM", "PHL", "MYS"} <= neighbours
    # small enough for an inset frame
    assert int(shapely.get_num_coordinates(inset.geometry.to_numpy()).sum()) < 15_000
    coarser = inset_geometries(south_coast, tolerance=0.1)
    assert _province_vertices(coarser) < _province_vertices(inset) / 2


def _province_vertices(inset: gpd.GeoDataFrame) -> int:
    provinces = inset.loc[inset["kind"] == "province"].geometry.to_numpy()
    return int(shapely.get_num_coordinates(provinces).sum())


def test_the_inset_without_neighbours_or_provinces_still_has_the_line(
    south_coast: gpd.GeoDataFrame,
) -> None:
    inland = load_boundaries("province", provinces=["贵州"])
    inset = inset_geometries(inland, neighbours=False)
    assert list(inset["kind"]) == ["line"]
    assert "neighbour" not in set(inset_geometries(south_coast, neighbours=False)["kind"])


def test_other_countries_carry_their_datum() -> None:
    countries = source.read_countries(["VNM", "PHL", "XXX"])
    assert list(countries["iso3"]) == ["PHL", "VNM"]
    assert dict(zip(countries["iso3"], countries["datum"], strict=True)) == {
        "PHL": "wgs84",
        "VNM": "gcj02",
    }
    assert all(geometry.area > 1 for geometry in countries["geometry"])
