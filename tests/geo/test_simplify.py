"""Tests of coverage simplification and dissolving on real provinces."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from pairmap.geo import source
from pairmap.geo.crs import area_km2
from pairmap.geo.simplify import TOLERANCE_DEGREES, Detail, dissolve_coverage, simplify_coverage


@pytest.fixture(scope="module")
def guangxi() -> pd.DataFrame:
    return source.read_layer("county", provinces=["450000"])


def test_source_counties_form_a_clean_coverage(guangxi: pd.DataFrame) -> None:
    assert shapely.coverage_is_valid(guangxi["geometry"].to_numpy())


def test_coverage_simplify_keeps_neighbours_meeting(guangxi: pd.DataFrame) -> None:
    raw = guangxi["geometry"].to_numpy()
    simplified = simplify_coverage(raw, tolerance=TOLERANCE_DEGREES[Detail.NATIONAL])
    assert shapely.coverage_is_valid(simplified)
    assert shapely.is_valid(simplified).all()
    assert not shapely.is_empty(simplified).any()
    # far fewer vertices, same total area, and no overlaps: union area == sum of areas
    assert (
        shapely.get_num_coordinates(simplified).sum() < 0.1 * shapely.get_num_coordinates(raw).sum()
    )
    areas = area_km2(simplified)
    union = area_km2(np.array([shapely.coverage_union_all(simplified)]))[0]
    assert union == pytest.approx(areas.sum(), rel=1e-6)
    assert areas.sum() == pytest.approx(area_km2(raw).sum(), rel=0.005)


def test_per_polygon_simplify_would_tear_the_coverage(guangxi: pd.DataFrame) -> None:
    # the reason simplify_coverage exists: plain simplify breaks shared edges
    raw = guangxi["geometry"].to_numpy()
    torn = shapely.simplify(raw, TOLERANCE_DEGREES[Detail.NATIONAL])
    assert not shapely.coverage_is_valid(torn)


def test_regional_detail_keeps_more_than_national(guangxi: pd.DataFrame) -> None:
    raw = guangxi["geometry"].to_numpy()
    counts = {
        detail: shapely.get_num_coordinates(
            simplify_coverage(raw, tolerance=TOLERANCE_DEGREES[detail])
        ).sum()
        for detail in Detail
    }
    assert counts[Detail.REGIONAL] > 2 * counts[Detail.NATIONAL]


def test_zero_tolerance_returns_a_copy(guangxi: pd.DataFrame) -> None:
    raw = guangxi["geometry"].to_numpy()
    same = simplify_coverage(raw, tolerance=0)
    assert same is not raw
    assert shapely.equals_exact(same, raw, 0).all()


@pytest.mark.parametrize("province", ["450000", "640000", "460000"])
def test_province_equals_the_union_of_its_counties(province: str) -> None:
    counties = source.read_layer("county", provinces=[province])
    gdf = gpd.GeoDataFrame(counties[["adcode"]], geometry=counties["geometry"], crs=4326)
    union = dissolve_coverage(gdf, by=counties["province_adcode"])
    assert list(union.index) == [province]
    outline = source.read_geometries([province])[0]
    difference = shapely.symmetric_difference(union.iloc[0], outline)
    assert area_km2(np.array([difference]))[0] < 1e-4 * area_km2(np.array([outline]))[0]


def test_dissolve_groups_by_key_without_touching_input() -> None:
    boxes = [shapely.box(i, 0, i + 1, 1) for i in range(4)]
    gdf = gpd.GeoDataFrame({"adcode": list("abcd")}, geometry=boxes, crs=4326)
    keys = pd.Series(["y", "x", "x", "y"], index=gdf.index, name="group")
    before = gdf.copy()
    unions = dissolve_coverage(gdf, by=keys)
    assert list(unions.index) == ["x", "y"]
    assert unions["x"].equals(shapely.box(1, 0, 3, 1))
    assert unions["y"].area == pytest.approx(2.0)
    assert unions.crs == gdf.crs
    pd.testing.assert_frame_equal(gdf, before)
