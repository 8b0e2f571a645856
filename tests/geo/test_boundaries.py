"""Tests of the public boundary API: layers, topology, anchors and the disk cache."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from pairmap.geo import boundaries, cache, source
from pairmap.geo.crs import area_km2
from pairmap.geo.datum import Datum, convert_geometries
from pairmap.geo.errors import PairmapError, UnknownPlaceError
from pairmap.geo.topology import FULL_FORM, TopologyForm, build_topology


@pytest.fixture(scope="session")
def counties() -> gpd.GeoDataFrame:
    return boundaries.load_boundaries("county")


@pytest.fixture(scope="session")
def provinces() -> gpd.GeoDataFrame:
    return boundaries.load_boundaries("province")


@pytest.fixture(scope="session")
def prefectures() -> gpd.GeoDataFrame:
    return boundaries.load_boundaries("prefecture")


@pytest.fixture(scope="session")
def raw_province_areas() -> pd.Series:
    """Areas of the unsimplified province outlines in the source, after the datum shift."""
    codes = source.layer_members("province")["adcode"]
    raw = convert_geometries(source.read_geometries(codes), source="gcj02", target="wgs84")
    return pd.Series(area_km2(raw), index=codes.to_numpy())


@pytest.fixture(scope="session")
def topology_text(counties: gpd.GeoDataFrame) -> str:
    return boundaries.load_topology(["county", "province"])


@pytest.fixture(scope="session")
def anchors() -> pd.DataFrame:
    return boundaries.load_anchors()


def test_layers_have_the_documented_columns(
    counties: gpd.GeoDataFrame, prefectures: gpd.GeoDataFrame, provinces: gpd.GeoDataFrame
) -> None:
    columns = ["adcode", "name", "level", "province_adcode", "parent_adcode", "geometry"]
    for layer in (counties, prefectures, provinces):
        assert list(layer.columns) == columns
        assert layer.crs.to_epsg() == 4326
        assert layer["adcode"].is_monotonic_increasing
        assert layer["adcode"].is_unique
    assert (len(counties), len(prefectures), len(provinces)) == (2875, 370, 34)


def test_national_counties_have_no_gaps_or_overlaps(
    counties: gpd.GeoDataFrame, raw_province_areas: pd.Series
) -> None:
    geometries = counties.geometry.to_numpy()
    assert shapely.coverage_is_valid(geometries)
    assert shapely.is_valid(geometries).all()
    assert not shapely.is_empty(geometries).any()
    areas = area_km2(geometries)
    union = area_km2(np.array([shapely.coverage_union_all(geometries)]))[0]
    assert union == pytest.approx(areas.sum(), rel=1e-6)  # no overlaps
    assert areas.sum() == pytest.approx(raw_province_areas.sum(), rel=0.003)  # no gaps


def test_national_counties_are_web_sized(counties: gpd.GeoDataFrame) -> None:
    vertices = shapely.get_num_coordinates(counties.geometry.to_numpy()).sum()
    assert vertices < 0.07 * 4_182_257  # the source has 4.18 M county vertices
    # every island part of the source survives (舟山 and 三沙 are many small islands)
    for province in ("330000", "460000"):
        raw = source.read_geometries(source.select_units("county", provinces=[province])["adcode"])
        simplified = counties.loc[counties["province_adcode"] == province, "geometry"]
        assert shapely.get_num_geometries(simplified.to_numpy()).sum() == (
            shapely.get_num_geometries(raw).sum()
        )


def test_each_province_is_the_union_of_its_counties(
    counties: gpd.GeoDataFrame, provinces: gpd.GeoDataFrame, raw_province_areas: pd.Series
) -> None:
    county_area = pd.Series(area_km2(counties.geometry.to_numpy())).groupby(
        counties["province_adcode"].to_numpy()
    )
    province_area = pd.Series(area_km2(provinces.geometry.to_numpy()), index=provinces["adcode"])
    pd.testing.assert_series_equal(
        county_area.sum().sort_index(),
        province_area.sort_index(),
        check_names=False,
        check_index_type=False,
        rtol=1e-6,
    )
    # each simplified province stays close to its unsimplified outline; at national
    # detail the tiniest (澳门, 53 km²) lose up to a tenth of their area
    raw = raw_province_areas.loc[province_area.index]
    relative = (province_area / raw - 1).abs()
    assert relative[raw > 10_000].max() < 0.02, relative.sort_values().tail(3)
    assert relative.max() < 0.15


def test_prefecture_layer_covers_the_odd_units(prefectures: gpd.GeoDataFrame) -> None:
    levels = prefectures.set_index("adcode")["level"]
    assert levels["110000"] == "province"  # Beijing whole
    assert levels["810000"] == "province"  # Hong Kong whole
    assert levels["419001"] == "county"  # 济源 stands for itself
    assert levels["441900"] == "prefecture"  # 东莞
    assert shapely.coverage_is_valid(prefectures.geometry.to_numpy())


def test_one_province_reads_only_its_own_files() -> None:
    calls: list[tuple[int, int, str]] = []
    layer = boundaries.load_boundaries(
        "county", provinces=["贵州"], detail="regional", progress=lambda *a: calls.append(a)
    )
    guizhou = source.select_units("county", provinces=["520000"])
    assert list(layer["adcode"]) == list(guizhou["adcode"])
    assert calls, "a first-time preparation reports progress"
    reading = [done for done, _, stage in calls if stage == "reading boundaries"]
    assert reading[-1] == len(guizhou) == 88
    assert calls[-1][0] == calls[-1][1]  # finishes at 100 %


def test_provinces_by_code_full_or_short_name() -> None:
    assert boundaries.resolve_provinces(["贵州", "广西壮族自治区", "110000"]) == (
        "110000",
        "450000",
        "520000",
    )
    assert boundaries.resolve_provinces(["内蒙古", "香港"]) == ("150000", "810000")
    assert boundaries.resolve_provinces(None) is None


@pytest.mark.parametrize("bad", ["贵阳", "西", "Guizhou"])
def test_unknown_province_is_a_user_error(bad: str) -> None:
    with pytest.raises(UnknownPlaceError, match="not a province"):
        boundaries.resolve_provinces([bad])


def test_unknown_level_is_a_user_error() -> None:
    with pytest.raises(PairmapError, match="township"):
        boundaries.load_boundaries("township")


def test_gcj02_layer_is_the_source_offset() -> None:
    wgs = boundaries.load_boundaries("province", provinces=["北京"], detail="regional")
    gcj = boundaries.load_boundaries("province", provinces=["北京"], datum=Datum.GCJ02)
    shift = np.array(gcj.geometry.iloc[0].centroid.coords[0]) - np.array(
        wgs.geometry.iloc[0].centroid.coords[0]
    )
    # GCJ-02 sits ~0.006° east and ~0.001° north of WGS84 around Beijing
    assert 0.004 < shift[0] < 0.008
    assert 0.0 < shift[1] < 0.003


def test_topology_shares_arcs_between_layers(topology_text: str) -> None:
    topology = json.loads(topology_text)
    assert topology["type"] == "Topology"
    assert list(topology["objects"]) == ["county", "province"]
    county = topology["objects"]["county"]["geometries"]
    province = topology["objects"]["province"]["geometries"]
    assert len(county) == 2875
    assert len(province) == 34
    assert all(g["arcs"] for g in county)  # Macau's smallest parish survives quantisation

    def arcs_of(geometries: list[dict]) -> set[int]:
        found: set[int] = set()
        stack: list[object] = [g["arcs"] for g in geometries]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            else:
                assert isinstance(item, int)
                found.add(item if item >= 0 else ~item)
        return found

    # every province arc is a county arc: borders are stored once
    assert arcs_of(province) <= arcs_of(county)
    beijing = next(g for g in province if g["properties"]["adcode"] == "110000")
    assert beijing["properties"] == {"adcode": "110000", "name": "北京市", "level": "province"}
    dongcheng = next(g for g in county if g["properties"]["adcode"] == "110101")
    assert dongcheng["properties"]["parent_adcode"] == "110000"


def test_topology_is_compact(topology_text: str) -> None:
    assert "北京市" in topology_text  # Chinese unescaped
    assert ": " not in topology_text
    assert ", " not in topology_text
    assert len(topology_text.encode("utf-8")) < 2_000_000


def test_topology_bytes_are_deterministic(counties: gpd.GeoDataFrame) -> None:
    layers = {"county": counties.iloc[:400]}
    assert build_topology(layers) == build_topology({"county": counties.iloc[:400].copy()})


def test_a_topology_is_written_once_in_the_form_its_reader_asks_for(
    counties: gpd.GeoDataFrame,
) -> None:
    short = TopologyForm(
        properties=(("adcode", "a"), ("name", "n"), ("parent_adcode", "p")),
        implied_parents=False,
        bbox=False,
    )
    # 省直辖 counties of 河南 (parent 410000) keep their parent; the others drop it
    layer = counties[counties["adcode"].str.startswith(("4101", "4190"))]
    data = json.loads(build_topology({"county": layer}, form=short))
    assert "bbox" not in data
    props = {g["properties"]["a"]: g["properties"] for g in data["objects"]["county"]["geometries"]}
    assert props["410102"] == {"a": "410102", "n": "中原区"}  # parent 410100 is implied
    assert props["419001"] == {"a": "419001", "n": "济源市", "p": "410000"}
    full = json.loads(build_topology({"county": layer}))
    assert "bbox" in full and FULL_FORM.properties[0] == ("adcode", "adcode")
    assert data["arcs"] == full["arcs"]  # the same geometry, only the properties differ


def test_anchors_cover_every_unit_inside_it(anchors: pd.DataFrame) -> None:
    units = boundaries.load_units()
    assert list(anchors.columns) == ["adcode", "lon", "lat", "area_km2"]
    assert list(anchors["adcode"]) == sorted(units["adcode"])
    layer = boundaries.load_boundaries("county", detail="regional")
    merged = layer.merge(anchors, on="adcode")
    points = shapely.points(merged["lon"].to_numpy(), merged["lat"].to_numpy())
    assert shapely.contains(merged.geometry.to_numpy(), points).all()


def test_province_anchors_sit_at_their_capitals_inside_the_province(anchors: pd.DataFrame) -> None:
    points = anchors.set_index("adcode")
    provinces = boundaries.load_boundaries("province", detail="regional").set_index("adcode")
    prefectures = boundaries.load_boundaries("prefecture", detail="regional").set_index("adcode")
    for province, capital in [("150000", "150100"), ("440000", "440100"), ("650000", "650100")]:
        point = shapely.Point(points.loc[province, "lon"], points.loc[province, "lat"])
        assert provinces.geometry[province].contains(point)
        assert prefectures.geometry[capital].contains(point)  # 内蒙古 ends at 呼和浩特
    # a municipality keeps its own inscribed point
    assert points.loc["110000", "lon"] != points.loc["110101", "lon"]


def test_anchor_areas_add_up(anchors: pd.DataFrame) -> None:
    area = anchors.set_index("adcode")["area_km2"]
    # 北京 is about 16,410 km²; 贵州 about 176,200 km²
    assert area["110000"] == pytest.approx(16_410, rel=0.01)
    assert area["520000"] == pytest.approx(176_200, rel=0.01)
    units = boundaries.load_units()
    guizhou = units[(units["level"] == "prefecture") & (units["parent_adcode"] == "520000")]
    assert area[guizhou["adcode"]].sum() == pytest.approx(area["520000"], rel=1e-9)


def test_gcj02_anchors_move_by_the_offset(anchors: pd.DataFrame) -> None:
    gcj = boundaries.load_anchors(datum="gcj02")
    pd.testing.assert_series_equal(gcj["area_km2"], anchors["area_km2"])
    beijing = (gcj["adcode"] == "110000").to_numpy()
    assert 0.004 < (gcj["lon"] - anchors["lon"])[beijing].iloc[0] < 0.008


def test_warm_load_reads_the_cache_and_matches(counties: gpd.GeoDataFrame) -> None:
    boundaries.load_boundaries("county")  # the session fixture already prepared it
    boundaries.clear_memory_cache()
    start = time.perf_counter()
    again = boundaries.load_boundaries("county")
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0
    assert list(again["adcode"]) == list(counties["adcode"])
    assert shapely.equals_exact(again.geometry.to_numpy(), counties.geometry.to_numpy(), 0).all()


def test_changed_key_rebuilds_and_stale_entries_go(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(cache.CACHE_DIR_VARIABLE, str(tmp_path))
    builds: list[str] = []

    def build(text: str) -> Callable[[], str]:
        def make() -> str:
            builds.append(text)
            return text

        return make

    assert cache.cached_text("topology", {"a": 1}, build("one")) == "one"
    assert cache.cached_text("topology", {"a": 1}, build("two")) == "one"  # cached
    assert cache.cached_text("topology", {"a": 2}, build("three")) == "three"  # new key
    assert builds == ["one", "three"]
    old_entries = sorted(tmp_path.iterdir())
    monkeypatch.setattr(cache, "SCHEMA_VERSION", cache.SCHEMA_VERSION + 1)
    assert cache.cached_text("topology", {"a": 1}, build("four")) == "four"  # schema bump
    assert not any(path.exists() for path in old_entries)  # stale ones pruned


def test_corrupt_cache_entry_is_rebuilt(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(cache.CACHE_DIR_VARIABLE, str(tmp_path))
    frame = pd.DataFrame(
        {"adcode": ["520000", "710000"], "x": [1.5, 2.0], "geometry": [shapely.box(0, 0, 1, 1)] * 2}
    )
    first = cache.cached_frame("counties", {"k": 1}, lambda: frame)
    read = cache.cached_frame("counties", {"k": 1}, lambda: pytest.fail("should be cached"))
    pd.testing.assert_frame_equal(read.drop(columns="geometry"), first.drop(columns="geometry"))
    assert shapely.equals_exact(read["geometry"].to_numpy(), frame["geometry"].to_numpy(), 0).all()
    path = cache.entry_path("counties", {"k": 1}, suffix=".npz")
    path.write_bytes(b"not an archive")
    rebuilt = cache.cached_frame("counties", {"k": 1}, lambda: frame.assign(x=[9.0, 9.0]))
    assert list(rebuilt["x"]) == [9.0, 9.0]


def test_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(cache.CACHE_DIR_VARIABLE, str(tmp_path / "here"))
    assert cache.cache_dir() == tmp_path / "here"
    monkeypatch.delenv(cache.CACHE_DIR_VARIABLE)
    assert cache.cache_dir().name == "pairmap"
