"""Tests of the gazetteer: names, short forms, renames and codes -> administrative units."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pairmap.geo.errors import (
    AmbiguousPlaceError,
    NotAdministrativeError,
    PairmapError,
    UnknownPlaceError,
)
from pairmap.geo.gazetteer import Gazetteer, Place, classify_form, classify_non_admin, read_renames
from pairmap.geo.source import read_unit_table


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


@pytest.fixture(scope="module")
def units() -> pd.DataFrame:
    return read_unit_table()


# -- the examples of issue 2 --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "adcode"),
    [
        ("金秀", "451324"),
        ("金秀县", "451324"),
        ("金秀瑶族自治县", "451324"),
        ("黔南州", "522700"),
        ("黔南布依族苗族自治州", "522700"),
        ("广西", "450000"),
        ("宁夏", "640000"),
        ("新疆", "650000"),
        ("内蒙古", "150000"),
        ("西藏", "540000"),
        ("香港", "810000"),
        ("六枝", "520203"),
        ("神农架", "429021"),
        ("深圳", "440300"),
        ("北京", "110000"),
        ("520204", "520204"),
    ],
)
def test_official_and_short_names_resolve(gazetteer: Gazetteer, name: str, adcode: str) -> None:
    assert gazetteer.resolve(name).adcode == adcode


def test_place_carries_its_path_and_is_frozen(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("金秀")
    assert place.name == "金秀瑶族自治县"
    assert place.level == "county"
    assert place.province_adcode == "450000"
    assert place.parent_adcode == "451300"
    assert place.path == ("广西壮族自治区", "来宾市", "金秀瑶族自治县")
    assert place.full_path == "广西壮族自治区 › 来宾市 › 金秀瑶族自治县"
    assert place.note is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.adcode = "000000"  # type: ignore[misc]


def test_ambiguous_name_lists_every_candidate_with_path_and_adcode(gazetteer: Gazetteer) -> None:
    with pytest.raises(AmbiguousPlaceError) as raised:
        gazetteer.resolve("白云区")
    error = raised.value
    assert isinstance(error, PairmapError)
    assert [p.adcode for p in error.candidates] == ["440111", "520113"]
    message = str(error)
    assert "440111 广东省 › 广州市 › 白云区" in message
    assert "520113 贵州省 › 贵阳市 › 白云区" in message
    assert "parent" in message and "adcode" in message


@pytest.mark.parametrize(
    ("within", "adcode"),
    [
        (("广州",), "440111"),
        (("广州市",), "440111"),
        (("440100",), "440111"),
        (("广东",), "440111"),
        (("广东省", "广州市"), "440111"),
        (("贵阳",), "520113"),
        (("贵州省",), "520113"),
        (("520000",), "520113"),
    ],
)
def test_within_picks_the_unit_under_the_parent(
    gazetteer: Gazetteer, within: tuple[str, ...], adcode: str
) -> None:
    assert gazetteer.resolve("白云区", within=within).adcode == adcode
    assert [p.adcode for p in gazetteer.candidates("白云区", within=within)] == [adcode]


def test_within_that_excludes_every_namesake_says_so(gazetteer: Gazetteer) -> None:
    with pytest.raises(UnknownPlaceError) as raised:
        gazetteer.resolve("白云区", within=("深圳",))
    assert {p.adcode for p in raised.value.suggestions} == {"440111", "520113"}
    assert "within 深圳" in str(raised.value)


def test_unknown_parent_is_an_error_naming_the_parent(gazetteer: Gazetteer) -> None:
    with pytest.raises(UnknownPlaceError, match="parent '广洲府'"):
        gazetteer.resolve("白云区", within=("广洲府",))


def test_level_filters_candidates(gazetteer: Gazetteer) -> None:
    with pytest.raises(AmbiguousPlaceError):
        gazetteer.resolve("吉林")
    assert gazetteer.resolve("吉林", level="province").adcode == "220000"
    assert gazetteer.resolve("吉林", level="prefecture").adcode == "220200"
    assert gazetteer.resolve("海南", level="province").adcode == "460000"
    assert gazetteer.resolve("海南州").adcode == "632500"
    with pytest.raises(ValueError, match="level"):
        gazetteer.resolve("吉林", level="city")


@pytest.mark.parametrize(
    "name",
    [
        "广东省广州市白云区",
        "广州白云区",
        "广州市白云区",
        "广东 › 广州 › 白云区",
        "广东省/广州市/白云区",
    ],
)
def test_path_like_names_resolve(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.resolve(name).adcode == "440111"


@pytest.mark.parametrize(
    "name", ["　金秀　", " 金 秀 县", "黔南\u3000州", "５２０２０４", "\u200b六枝"]
)
def test_full_width_and_stray_spaces_do_not_matter(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.resolve(name).adcode in {"451324", "522700", "520204", "520203"}


def test_every_unit_resolves_by_name_under_its_parent_and_by_its_path(
    gazetteer: Gazetteer, units: pd.DataFrame
) -> None:
    names = dict(zip(units["adcode"], units["name"], strict=True))
    failures = []
    for row in units.itertuples():
        if row.parent_adcode is not None:
            found = gazetteer.candidates(row.name, within=(names[row.parent_adcode],))
            if [p.adcode for p in found] != [row.adcode]:
                failures.append((row.adcode, row.name, [p.adcode for p in found]))
        place = gazetteer.get(row.adcode)
        if gazetteer.resolve("".join(place.path)).adcode != row.adcode:
            failures.append((row.adcode, "".join(place.path)))
    assert not failures
    assert len(gazetteer) == len(units)


# -- renames and lagging codes ------------------------------------------------


@pytest.mark.parametrize(
    ("old", "adcode", "year"),
    [
        ("水城县", "520204", 2020),
        ("盘县", "520281", 2017),
        ("靖西县", "451081", 2015),
        ("毕节地区", "520500", 2011),
        ("铜仁地区", "520600", 2011),
        ("黔西县", "520581", 2021),
        ("横县", "450127", 2021),
        ("会理县", "513425", 2021),
        ("沙湾县", "654223", 2021),
    ],
)
def test_former_names_resolve_to_the_new_unit_with_a_note(
    gazetteer: Gazetteer, old: str, adcode: str, year: int
) -> None:
    place = gazetteer.resolve(old)
    assert place.adcode == adcode
    assert place.note is not None
    assert old in place.note and str(year) in place.note


def test_rename_note_reads_as_a_sentence(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("水城县")
    assert place.note == "水城县 was renamed 水城区 (520204) in 2020"


def test_current_name_wins_over_a_former_name_of_another_unit(gazetteer: Gazetteer) -> None:
    # 毕节市 is today's prefecture; the county-level 毕节市 became 七星关区 in 2011
    assert gazetteer.resolve("毕节市").adcode == "520500"
    assert gazetteer.resolve("毕节市").note is None
    former = gazetteer.resolve("毕节市", level="county")
    assert former.adcode == "520502"
    assert "七星关区" in (former.note or "")


@pytest.mark.parametrize(
    ("official", "amap", "name"),
    [
        ("513402", "513425", "会理市"),
        ("450181", "450127", "横州市"),
        ("654203", "654223", "沙湾市"),
    ],
)
def test_lagging_codes_map_both_ways(
    gazetteer: Gazetteer, official: str, amap: str, name: str
) -> None:
    by_official = gazetteer.get(official)
    by_amap = gazetteer.get(amap)
    assert by_official.adcode == by_amap.adcode == amap
    assert by_official.name == name
    assert official in (by_official.note or "") and official in (by_amap.note or "")
    assert gazetteer.resolve(official).adcode == amap


def test_former_code_of_a_renamed_unit(gazetteer: Gazetteer) -> None:
    place = gazetteer.get("520221")
    assert place.adcode == "520204"
    assert "水城县" in (place.note or "")


def test_unknown_code_is_an_error(gazetteer: Gazetteer) -> None:
    with pytest.raises(UnknownPlaceError, match="999999"):
        gazetteer.get("999999")


def test_rename_table_rows_cite_sources_and_match_the_data(gazetteer: Gazetteer) -> None:
    rows = read_renames()
    assert len(rows) >= 12
    for row in rows:
        assert row.kind in {"rename", "abolished", "code_lag"}
        assert 1990 <= row.year <= 2030
        assert len(row.source) > 40, row
        assert row.old_adcode is None or len(row.old_adcode) == 6
        assert len(row.new_adcode) == 6
    assert gazetteer.skipped_renames == []


# -- non-administrative names -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("广东省统计局", "agency"),
        ("广铁集团", "enterprise"),
        ("省港航集团", "enterprise"),
        ("广东建工控股", "enterprise"),
        ("中国移动广东公司", "enterprise"),
        ("中国电器科学研究院", "organisation"),
        ("省委办公厅", "agency"),
        ("省检察院", "agency"),
        ("省社科联", "organisation"),
        ("广晟控股集团", "enterprise"),
        ("中山火炬开发区", "zone"),
        ("中山火炬高技术产业开发区", "zone"),
        ("惠州大亚湾经济技术开发区", "zone"),
        ("横琴粤澳深度合作区", "zone"),
        ("两江新区", "zone"),
        ("顺德区龙江镇", "town"),
        ("龙江镇", "town"),
        ("岗坪镇", "town"),
        ("小榄镇", "town"),
        ("东区街道", "town"),
        ("虎门镇", "town"),
        ("猴场镇", "town"),
        ("中山大学", "school"),
        ("怀集县人民医院", "hospital"),
        ("兴义村", "village"),
    ],
)
def test_non_administrative_names_are_reported_with_their_kind(
    gazetteer: Gazetteer, name: str, kind: str
) -> None:
    assert classify_non_admin(name) == kind
    assert gazetteer.candidates(name) == []
    with pytest.raises(NotAdministrativeError) as raised:
        gazetteer.resolve(name)
    assert raised.value.kind == kind
    assert f"kind {kind}" in str(raised.value)
    assert "seat" in str(raised.value)


@pytest.mark.parametrize(
    ("name", "adcode"),
    [
        ("滨海新区", "120116"),
        ("浦东新区", "310115"),
        ("沈北新区", "210113"),
        ("清新区", "441803"),
        ("梁园区", "411402"),
        ("下花园区", "130706"),
        ("景德镇", "360200"),
        ("宁乡", "430182"),
        ("六枝特区", "520203"),
        ("白云鄂博矿区", "150206"),
        ("凌云县人民政府", "451027"),
    ],
)
def test_units_whose_names_look_like_zones_or_towns_still_resolve(
    gazetteer: Gazetteer, name: str, adcode: str
) -> None:
    assert classify_non_admin(name) is None
    assert gazetteer.resolve(name).adcode == adcode


def test_no_unit_name_is_classified_as_non_administrative(units: pd.DataFrame) -> None:
    assert not [name for name in units["name"] if classify_non_admin(name) is not None]
    # by its ending alone, only the 新区 districts look like zones
    by_form = {name for name in units["name"] if classify_form(name) is not None}
    assert by_form == {"滨海新区", "浦东新区", "沈北新区", "清新区"}


# -- suggestions --------------------------------------------------------------


def test_unknown_name_suggests_the_closest_units(gazetteer: Gazetteer) -> None:
    with pytest.raises(UnknownPlaceError) as raised:
        gazetteer.resolve("黔南布衣族苗族自治州")
    suggestions = raised.value.suggestions
    assert suggestions[0].adcode == "522700"
    assert all(isinstance(place, Place) for place in suggestions)
    assert "522700 贵州省 › 黔南布依族苗族自治州" in str(raised.value)


def test_suggest_returns_at_most_n_distinct_units(gazetteer: Gazetteer) -> None:
    found = gazetteer.suggest("白云", n=3)
    assert len(found) == 3
    assert len({p.adcode for p in found}) == 3
    assert {"440111", "520113"} <= {p.adcode for p in found}


# -- construction ---------------------------------------------------------------


def test_building_does_not_modify_the_unit_table(units: pd.DataFrame) -> None:
    """Speed is measured by bench/bench_gazetteer.py, not here."""
    before = units.copy()
    gazetteer = Gazetteer(units, read_renames())
    pd.testing.assert_frame_equal(units, before)
    assert gazetteer.resolve("白云区", within=("广州",)).adcode == "440111"


def test_default_is_cached(gazetteer: Gazetteer) -> None:
    assert Gazetteer.default() is gazetteer


def test_a_unit_inside_the_parent_beats_the_parent_itself(gazetteer: Gazetteer) -> None:
    with pytest.raises(AmbiguousPlaceError):
        gazetteer.resolve("玉树")
    assert gazetteer.resolve("玉树", within=("青海", "玉树州")).adcode == "632701"
    assert gazetteer.resolve("吉林", within=("吉林省",)).adcode == "220200"
    # a province given as its own parent (province-level rows of a pairing table)
    assert gazetteer.resolve("重庆市", within=("重庆市",)).adcode == "500000"
    assert gazetteer.resolve("内蒙古自治区", within=("内蒙古自治区", "")).adcode == "150000"


@pytest.mark.parametrize(
    ("name", "adcode"),
    [
        ("白云区（广州）", "440111"),
        ("白云区(贵阳市)", "520113"),
        ("鼓楼区（南京）", "320106"),
        ("水城区（原水城县）", "520204"),
    ],
)
def test_brackets_after_a_name_give_its_parent_or_a_remark(
    gazetteer: Gazetteer, name: str, adcode: str
) -> None:
    assert gazetteer.resolve(name).adcode == adcode


def test_bracketed_remark_does_not_hide_a_non_administrative_name(gazetteer: Gazetteer) -> None:
    with pytest.raises(NotAdministrativeError) as raised:
        gazetteer.resolve("小榄镇（中山）")
    assert raised.value.kind == "town"


@pytest.mark.parametrize(
    ("name", "parent"),
    [("小榄", "中山"), ("虎门", "东莞市"), ("东区", "中山市")],
)
def test_names_under_a_city_without_counties_are_its_towns(
    gazetteer: Gazetteer, name: str, parent: str
) -> None:
    with pytest.raises(NotAdministrativeError) as raised:
        gazetteer.resolve(name, within=(parent,))
    assert raised.value.kind == "town"
    assert "no county-level units below it" in str(raised.value)


_UNITS = read_unit_table()
_NAMES = dict(zip(_UNITS["adcode"], _UNITS["name"], strict=True))
_CHILDREN = [
    (row.adcode, row.name, _NAMES[row.parent_adcode])
    for row in _UNITS.itertuples()
    if row.parent_adcode is not None
]


@settings(max_examples=200, deadline=None)
@given(
    unit=st.sampled_from(_CHILDREN),
    spaces=st.lists(st.sampled_from(["", " ", "\u3000", "\t"]), min_size=1, max_size=4),
)
def test_any_unit_resolves_under_its_parent_whatever_the_spacing(
    gazetteer: Gazetteer, unit: tuple[str, str, str], spaces: list[str]
) -> None:
    adcode, name, parent = unit
    spaced = "".join(char + spaces[i % len(spaces)] for i, char in enumerate(name))
    assert gazetteer.resolve(spaces[-1] + spaced, within=(f" {parent}\u3000",)).adcode == adcode


def test_a_homophone_typo_suggests_the_unit_first(gazetteer: Gazetteer) -> None:
    # 金绣 and 金秀 are both "jin xiu": the usual slip of a pinyin input method
    assert gazetteer.suggest("金绣县")[0].adcode == "451324"
    with pytest.raises(UnknownPlaceError) as raised:
        gazetteer.resolve("金绣县")
    assert "451324" in str(raised.value)
