"""English names of units: pinyin, translated generic words, conventional names, readings."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

import pytest
from pypinyin import Style, lazy_pinyin

from pairmap.geo.english import (
    ENGLISH_NAMES_CSV,
    ETHNIC_ENGLISH,
    PINYIN_READINGS_CSV,
    common_english_name,
    english_name,
    has_han,
    romanise,
    short_english_name,
)
from pairmap.geo.gazetteer import Gazetteer, Place
from pairmap.geo.names import ETHNIC_NAMES
from pairmap.geo.source import read_unit_table
from pairmap.pairings.shipped import shipped_tables

#: What an English name may be written with.
_ENGLISH = re.compile(r"[A-Za-zü' .,()]+")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


# (official name, parents for the gazetteer, full, common, short)
EXPECTED: list[tuple[str, tuple[str, ...], str, str, str]] = [
    ("金秀瑶族自治县", (), "Jinxiu Yao Autonomous County", "Jinxiu County", "Jinxiu"),
    (
        "黔南布依族苗族自治州",
        (),
        "Qiannan Buyei and Miao Autonomous Prefecture",
        "Qiannan Prefecture",
        "Qiannan",
    ),
    ("六盘水市", (), "Liupanshui", "Liupanshui", "Liupanshui"),
    ("茂南区", (), "Maonan District", "Maonan District", "Maonan"),
    ("忻城县", (), "Xincheng County", "Xincheng County", "Xincheng"),
    ("百色市", (), "Baise", "Baise", "Baise"),
    ("英德市", (), "Yingde", "Yingde", "Yingde"),
    ("广东省", (), "Guangdong Province", "Guangdong", "Guangdong"),
    ("广西壮族自治区", (), "Guangxi Zhuang Autonomous Region", "Guangxi", "Guangxi"),
    ("内蒙古自治区", (), "Inner Mongolia Autonomous Region", "Inner Mongolia", "Inner Mongolia"),
    ("西藏自治区", (), "Xizang Autonomous Region", "Xizang", "Xizang"),
    ("新疆维吾尔自治区", (), "Xinjiang Uygur Autonomous Region", "Xinjiang", "Xinjiang"),
    ("宁夏回族自治区", (), "Ningxia Hui Autonomous Region", "Ningxia", "Ningxia"),
    ("香港特别行政区", (), "Hong Kong Special Administrative Region", "Hong Kong", "Hong Kong"),
    ("澳门特别行政区", (), "Macao Special Administrative Region", "Macao", "Macao"),
    ("陕西省", (), "Shaanxi Province", "Shaanxi", "Shaanxi"),
    ("山西省", (), "Shanxi Province", "Shanxi", "Shanxi"),
    ("北京市", (), "Beijing", "Beijing", "Beijing"),
    ("重庆市", (), "Chongqing", "Chongqing", "Chongqing"),
    ("蚌埠市", (), "Bengbu", "Bengbu", "Bengbu"),
    ("厦门市", (), "Xiamen", "Xiamen", "Xiamen"),
    ("长沙市", (), "Changsha", "Changsha", "Changsha"),
    ("长治市", (), "Changzhi", "Changzhi", "Changzhi"),
    ("长子县", (), "Zhangzi County", "Zhangzi County", "Zhangzi"),
    ("六安市", (), "Lu'an", "Lu'an", "Lu'an"),
    ("西安市", (), "Xi'an", "Xi'an", "Xi'an"),
    ("都匀市", (), "Duyun", "Duyun", "Duyun"),
    ("丰都县", (), "Fengdu County", "Fengdu County", "Fengdu"),
    ("漯河市", (), "Luohe", "Luohe", "Luohe"),
    ("六合区", (), "Luhe District", "Luhe District", "Luhe"),
    ("洪洞县", (), "Hongtong County", "Hongtong County", "Hongtong"),
    ("闵行区", (), "Minhang District", "Minhang District", "Minhang"),
    ("番禺区", (), "Panyu District", "Panyu District", "Panyu"),
    ("乐清市", (), "Yueqing", "Yueqing", "Yueqing"),
    ("铅山县", (), "Yanshan County", "Yanshan County", "Yanshan"),
    ("吕梁市", (), "Lüliang", "Lüliang", "Lüliang"),
    ("台儿庄区", (), "Tai'erzhuang District", "Tai'erzhuang District", "Tai'erzhuang"),
    ("东阿县", (), "Dong'e County", "Dong'e County", "Dong'e"),
    ("哈尔滨市", (), "Harbin", "Harbin", "Harbin"),
    ("呼和浩特市", (), "Hohhot", "Hohhot", "Hohhot"),
    ("乌鲁木齐市", (), "Urumqi", "Urumqi", "Urumqi"),
    ("拉萨市", (), "Lhasa", "Lhasa", "Lhasa"),
    (
        "积石山保安族东乡族撒拉族自治县",
        (),
        "Jishishan Bonan, Dongxiang and Salar Autonomous County",
        "Jishishan County",
        "Jishishan",
    ),
    ("东乡族自治县", (), "Dongxiang Autonomous County", "Dongxiang County", "Dongxiang"),
    ("鄂伦春自治旗", (), "Oroqen Autonomous Banner", "Oroqen Banner", "Oroqen"),
    ("伊犁哈萨克自治州", (), "Ili Kazak Autonomous Prefecture", "Ili Prefecture", "Ili"),
    (
        "延边朝鲜族自治州",
        (),
        "Yanbian Korean Autonomous Prefecture",
        "Yanbian Prefecture",
        "Yanbian",
    ),
    ("甘孜藏族自治州", (), "Garze Tibetan Autonomous Prefecture", "Garze Prefecture", "Garze"),
    ("甘孜县", (), "Garze County", "Garze County", "Garze"),
    ("三都水族自治县", (), "Sandu Shui Autonomous County", "Sandu County", "Sandu"),
    (
        "龙胜各族自治县",
        (),
        "Longsheng Various Nationalities Autonomous County",
        "Longsheng County",
        "Longsheng",
    ),
    ("管城回族区", (), "Guancheng Hui District", "Guancheng District", "Guancheng"),
    (
        "神农架林区",
        (),
        "Shennongjia Forestry District",
        "Shennongjia Forestry District",
        "Shennongjia",
    ),
    ("碑林区", (), "Beilin District", "Beilin District", "Beilin"),
    ("六枝特区", (), "Liuzhi Special District", "Liuzhi Special District", "Liuzhi"),
    ("芒市", (), "Mangshi", "Mangshi", "Mangshi"),
    ("赵县", (), "Zhao County", "Zhao County", "Zhao County"),
    ("锡林郭勒盟", (), "Xilingol League", "Xilingol League", "Xilingol"),
    ("阿里地区", (), "Ngari Prefecture", "Ngari Prefecture", "Ngari"),
    (
        "察哈尔右翼前旗",
        (),
        "Qahar Right Front Banner",
        "Qahar Right Front Banner",
        "Qahar Right Front",
    ),
    (
        "科尔沁左翼中旗",
        (),
        "Ke'erqin Left Middle Banner",
        "Ke'erqin Left Middle Banner",
        "Ke'erqin Left Middle",
    ),
    ("阿拉善左旗", (), "Alxa Left Banner", "Alxa Left Banner", "Alxa Left"),
    ("兴安县", (), "Xing'an County", "Xing'an County", "Xing'an"),
    ("和田县", (), "Hotan County", "Hotan County", "Hotan"),
    ("东区", ("香港",), "Eastern District", "Eastern District", "Eastern"),
    ("东区", ("攀枝花",), "Dong District", "Dong District", "Dong District"),
    (
        "花地玛堂区",
        (),
        "Our Lady of Fatima Parish",
        "Our Lady of Fatima Parish",
        "Our Lady of Fatima",
    ),
    (
        "海西蒙古族藏族自治州直辖",
        (),
        "Haixi Mongol and Tibetan Autonomous Prefecture (directly administered area)",
        "Haixi Prefecture (directly administered area)",
        "Haixi (directly administered)",
    ),
]


@pytest.mark.parametrize(
    ("name", "within", "full", "common", "short"),
    EXPECTED,
    ids=[f"{row[0]}{''.join(row[1])}" for row in EXPECTED],
)
def test_english_names_of_units(
    gazetteer: Gazetteer, name: str, within: tuple[str, ...], full: str, common: str, short: str
) -> None:
    place = gazetteer.resolve(name, within=within)
    assert place.name == name
    assert (english_name(place), common_english_name(place), short_english_name(place)) == (
        full,
        common,
        short,
    )


@pytest.mark.parametrize(
    ("name", "level", "expected"),
    [
        ("金秀瑶族自治县", None, "Jinxiu Yao Autonomous County"),
        ("黔南州", None, "Qiannan Prefecture"),
        ("陕西省", "province", "Shaanxi Province"),
        # a county name never takes the conventional name of one unit it may mean
        ("东区", None, "Dong District"),
        # the level filters conventional names found by name
        ("哈尔滨市", "county", "Ha'erbin"),
        ("中山火炬开发区", None, "Zhongshanhuoju Development Zone"),
        ("小榄镇", None, "Xiaolan Town"),
    ],
)
def test_names_given_as_text(name: str, level: str | None, expected: str) -> None:
    assert english_name(name, level=level) == expected


def test_an_unknown_level_is_refused() -> None:
    with pytest.raises(ValueError, match="level"):
        english_name("广东省", level="town")


def _shipped_places(gazetteer: Gazetteer) -> Iterator[Place]:
    """Every unit the shipped tables name: parties, seats, their provinces and prefectures."""
    for path in shipped_tables():
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for side in ("donor", "recipient"):
                    province, prefecture = row[f"{side}_province"], row[f"{side}_prefecture"]
                    within = tuple(p for p in (province, prefecture) if p)
                    if row[f"{side}_kind"] == "government":
                        yield gazetteer.resolve(row[side], within=within)
                    if row[f"{side}_seat"]:
                        yield gazetteer.resolve(row[f"{side}_seat"], within=within)
                    if province:
                        yield gazetteer.resolve(province)
                    if prefecture:
                        yield gazetteer.resolve(prefecture, within=(province,))


def _check_english(place: Place) -> list[str]:
    problems = []
    for form in (english_name, common_english_name, short_english_name):
        text = form(place)
        if not text or has_han(text) or not _ENGLISH.fullmatch(text):
            problems.append(f"{place.describe()}: {form.__name__} gives {text!r}")
    return problems


def test_every_unit_of_the_shipped_tables_has_an_english_name(gazetteer: Gazetteer) -> None:
    places = {place.adcode: place for place in _shipped_places(gazetteer)}
    assert len(places) >= 100
    problems = [problem for place in places.values() for problem in _check_english(place)]
    assert problems == []
    levels = {place.level for place in places.values()}
    assert levels == {"province", "prefecture", "county"}


def test_every_unit_of_china_has_an_english_name_without_han_characters(
    gazetteer: Gazetteer,
) -> None:
    problems = [problem for place in gazetteer for problem in _check_english(place)]
    assert problems == []
    assert len(gazetteer) > 3000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("西安", "Xi'an"),
        ("延安", "Yan'an"),
        ("建瓯", "Jian'ou"),
        ("吕梁", "Lüliang"),
        ("成都", "Chengdu"),
        ("长子", "Zhangzi"),
        ("天长", "Tianchang"),
        ("A区", "Aqu"),
        ("", ""),
    ],
)
def test_romanisation(text: str, expected: str) -> None:
    assert romanise(text) == expected


def _rows(path: object) -> list[dict[str, str]]:
    with open(str(path), encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_each_reading_is_needed_and_names_real_units() -> None:
    names = set(read_unit_table()["name"])
    rows = _rows(PINYIN_READINGS_CSV)
    single = {row["text"]: row["pinyin"] for row in rows if len(row["text"]) == 1}
    for row in rows:
        units = row["units"].split()
        assert units, row
        assert set(units) <= names, row
        syllables = row["pinyin"].split()
        assert len(syllables) == len(row["text"]), row
        # pypinyin alone reads the text differently in at least one of the units, or
        # the phrase undoes a one-character reading (长子 against 长 chang)
        differs = [u for u in units if _plain_reading(u, row["text"]) != syllables]
        undoes = [c for c, p in zip(row["text"], syllables, strict=True) if single.get(c, p) != p]
        assert differs or undoes, f"{row['text']}: pypinyin already reads it {syllables}"
        for unit in units:
            assert "".join(syllables) in english_name(unit).lower().replace("'", ""), unit


def _plain_reading(unit: str, text: str) -> list[str]:
    """pypinyin's reading of ``text`` inside the unit name."""
    syllables = lazy_pinyin(unit, style=Style.NORMAL)
    start = unit.index(text)
    return syllables[start : start + len(text)]


def test_conventional_names_table_matches_the_boundary_data() -> None:
    units = read_unit_table()
    by_code = dict(zip(units["adcode"], units["name"], strict=True))
    rows = _rows(ENGLISH_NAMES_CSV)
    conventions = {
        "pinyin",
        "special spelling",
        "conventional English",
        "minority-language transcription",
        "SAR government",
    }
    assert len({row["adcode"] for row in rows}) == len(rows)
    for row in rows:
        assert by_code.get(row["adcode"]) == row["name"], row
        assert row["convention"] in conventions, row
        assert not has_han(row["short_english"] + row["english"]), row
    # every province has a row
    provinces = units.loc[units["level"] == "province", "adcode"]
    assert set(provinces) <= {row["adcode"] for row in rows}


def test_conventional_names_are_found_by_name_only_where_the_name_is_unique(
    gazetteer: Gazetteer,
) -> None:
    units = read_unit_table()
    counts = units["name"].value_counts()
    for row in _rows(ENGLISH_NAMES_CSV):
        place = gazetteer.get(row["adcode"])
        if place.level == "county":
            continue
        assert counts[row["name"]] == 1, row
        assert english_name(row["name"], level=place.level) == english_name(place), row


def test_every_ethnic_name_in_unit_names_is_translated() -> None:
    for ethnic in ETHNIC_NAMES:
        stem = ethnic.removesuffix("族")
        assert stem in ETHNIC_ENGLISH, ethnic
        english = english_name(f"某地{ethnic}自治县")
        assert english.endswith(f" {ETHNIC_ENGLISH[stem]} Autonomous County"), english
