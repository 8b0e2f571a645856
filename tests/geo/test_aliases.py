"""Names users write: banner short forms, irregular aliases, the 兵团 divisions, renames."""

from __future__ import annotations

import pytest

from pairmap.geo.aliases import chinese_number, division_forms, read_aliases
from pairmap.geo.gazetteer import Gazetteer
from pairmap.geo.names import banner_abbreviations, short_forms


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


@pytest.mark.parametrize(
    ("written", "official"),
    [
        ("察右前旗", "察哈尔右翼前旗"),
        ("察右后旗", "察哈尔右翼后旗"),
        ("科右中旗", "科尔沁右翼中旗"),
        ("科左后旗", "科尔沁左翼后旗"),
        ("土右旗", "土默特右旗"),
        ("乌前旗", "乌拉特前旗"),
        ("鄂前旗", "鄂托克前旗"),
        ("新左旗", "新巴尔虎左旗"),
        ("阿左旗", "阿拉善左旗"),
        ("喀左县", "喀喇沁左翼蒙古族自治县"),
        ("达茂旗", "达尔罕茂明安联合旗"),
        ("前郭县", "前郭尔罗斯蒙古族自治县"),
        ("东乌旗", "东乌珠穆沁旗"),
        ("莫旗", "莫力达瓦达斡尔族自治旗"),
    ],
)
def test_short_forms_people_write_resolve(
    gazetteer: Gazetteer, written: str, official: str
) -> None:
    assert gazetteer.resolve(written).name == official


def test_banner_rule_leaves_other_names_alone() -> None:
    assert banner_abbreviations("金秀", "县") == ()
    assert banner_abbreviations("四子王", "旗") == ()
    assert banner_abbreviations("中", "旗") == ()
    assert "察右前旗" not in short_forms("察哈尔右翼中旗")


def test_banner_abbreviations_name_one_unit_each() -> None:
    from pairmap.geo.names import split_suffix, strip_ethnic
    from pairmap.geo.source import read_unit_table

    units = read_unit_table()
    made: dict[str, list[str]] = {}
    for adcode, name in zip(units["adcode"], units["name"], strict=True):
        stem, suffix = split_suffix(name)
        plain = "县" if suffix == "自治县" else "旗" if suffix == "自治旗" else suffix
        for form in banner_abbreviations(strip_ethnic(stem), plain) if stem else ():
            made.setdefault(form, []).append(adcode)
    assert len(made) >= 20
    assert {form: codes for form, codes in made.items() if len(codes) > 1} == {}


@pytest.mark.parametrize(
    ("written", "adcode"),
    [
        ("新疆生产建设兵团第一师", "659002"),
        ("兵团第三师", "659003"),
        ("三师", "659003"),
        ("农八师", "659001"),
        ("第8师", "659001"),
        ("第十四师", "659009"),
        ("第一师阿拉尔市", "659002"),
    ],
)
def test_divisions_resolve_to_their_cities(gazetteer: Gazetteer, written: str, adcode: str) -> None:
    place = gazetteer.resolve(written)
    assert place.adcode == adcode
    assert place.note is not None and "师市合一" in place.note


@pytest.mark.parametrize(
    ("written", "seat", "why"),
    [
        ("兵团第九师", "额敏县", "白杨市 is newer than the boundary data"),
        ("第十一师", "乌鲁木齐市", "has no city of its own"),
        ("兵团第十二师", "乌鲁木齐市", "has no city of its own"),
        ("第十三师", "伊州区", "新星市 is newer than the boundary data"),
    ],
)
def test_divisions_without_a_city_in_the_data_go_to_their_seat_with_a_note(
    gazetteer: Gazetteer, written: str, seat: str, why: str
) -> None:
    place = gazetteer.resolve(written)
    assert place.name == seat
    assert place.note is not None and why in place.note and "seat" in place.note


def test_division_forms_and_numerals() -> None:
    assert [chinese_number(n) for n in (1, 10, 11, 14)] == ["一", "十", "十一", "十四"]
    assert "兵团第十四师" in division_forms(14)
    assert len(set(division_forms(3))) == len(division_forms(3))


def test_every_alias_cites_a_source_and_matches_the_data(gazetteer: Gazetteer) -> None:
    aliases = read_aliases()
    assert len(aliases) > 100
    assert all(len(alias.source) > 40 for alias in aliases)
    assert gazetteer.skipped_aliases == []


@pytest.mark.parametrize(
    ("former", "current"),
    [
        ("宜州市", "宜州区"),
        ("柳江县", "柳江区"),
        ("临桂县", "临桂区"),
        ("清新县", "清新区"),
        ("云安县", "云安区"),
        ("揭东县", "揭东区"),
        ("三水市", "三水区"),
        ("高明市", "高明区"),
        ("潮安县", "潮安区"),
        ("澄海市", "澄海区"),
        ("潮阳市", "潮阳区"),
        ("平桂管理区", "平桂区"),
    ],
)
def test_former_names_resolve_with_a_note(gazetteer: Gazetteer, former: str, current: str) -> None:
    place = gazetteer.resolve(former)
    assert place.name == current
    assert place.note is not None and f"{former} was renamed {current}" in place.note


def test_a_table_naming_a_division_draws_it_at_its_city() -> None:
    import pandas as pd

    from pairmap.api import read_pairings

    frame = pd.DataFrame(
        {
            "donor": ["上海市", "天津市"],
            "recipient": ["兵团第三师", "第十二师"],
            "program": "对口支援",
        }
    )
    read = read_pairings(frame)
    assert read.report.ok, read.report
    assert list(read.pairs["recipient_adcode"]) == ["659003", "650100"]
