"""Tests of place-name normalisation and short forms."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pairmap.geo.names import (
    ETHNIC_NAMES,
    core_name,
    normalize_name,
    short_forms,
    sound_of,
    split_bracketed,
    split_suffix,
)
from pairmap.geo.source import read_unit_table

#: Place-like text: Chinese characters, ASCII letters and digits, spaces of all widths.
_names = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.sampled_from("abcXYZ019-()·"),
        st.sampled_from([" ", "\u3000", "\t", "\n", "\u200b", "\xa0"]),
    ),
    max_size=20,
)


def _full_width(text: str) -> str:
    """ASCII printable characters -> their full-width forms; spaces -> ideographic space."""
    out = []
    for char in text:
        if char == " ":
            out.append("\u3000")
        elif "!" <= char <= "~":
            out.append(chr(ord(char) + 0xFEE0))
        else:
            out.append(char)
    return "".join(out)


@given(_names)
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize_name(text)
    assert normalize_name(once) == once


@given(_names)
def test_full_width_characters_do_not_change_the_normalised_name(text: str) -> None:
    assert normalize_name(_full_width(text)) == normalize_name(text)


@given(_names, st.lists(st.sampled_from([" ", "\u3000", "\t", "  "]), min_size=1, max_size=3))
def test_spaces_around_chinese_characters_do_not_matter(text: str, spaces: list[str]) -> None:
    chinese = "".join(c for c in text if "\u4e00" <= c <= "\u9fff")
    spaced = "".join(c + spaces[i % len(spaces)] for i, c in enumerate(chinese))
    assert normalize_name(spaces[0] + spaced) == normalize_name(chinese) == chinese


@given(_names)
def test_normalised_names_have_no_outer_or_double_spaces(text: str) -> None:
    normal = normalize_name(text)
    assert normal == normal.strip()
    assert "  " not in normal
    assert unicodedata.normalize("NFKC", normal) == normal


def test_latin_words_keep_one_space() -> None:
    assert normalize_name("Ｈｏｎｇ\u3000\u3000Ｋｏｎｇ") == "Hong Kong"


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("黔南布依族苗族自治州", "黔南"),
        ("广西壮族自治区", "广西"),
        ("内蒙古自治区", "内蒙古"),
        ("宁夏回族自治区", "宁夏"),
        ("新疆维吾尔自治区", "新疆"),
        ("西藏自治区", "西藏"),
        ("香港特别行政区", "香港"),
        ("金秀瑶族自治县", "金秀"),
        ("六枝特区", "六枝"),
        ("神农架林区", "神农架"),
        ("碑林区", "碑林"),
        ("锡林郭勒盟", "锡林郭勒"),
        ("塔城地区", "塔城"),
        ("博尔塔拉蒙古自治州", "博尔塔拉"),
        ("双江拉祜族佤族布朗族傣族自治县", "双江"),
        ("积石山保安族东乡族撒拉族自治县", "积石山"),
        ("察布查尔锡伯自治县", "察布查尔"),
        ("龙胜各族自治县", "龙胜"),
        ("东乡族自治县", "东乡"),
        ("管城回族区", "管城"),
        ("滨海新区", "滨海"),
        ("清新区", "清新"),
        ("东区", "东区"),
        ("矿区", "矿区"),
    ],
)
def test_core_name_strips_suffix_and_ethnic_names(name: str, core: str) -> None:
    assert core_name(name) == core


def test_short_forms_of_autonomous_units_keep_the_plain_generic_word() -> None:
    assert short_forms("黔南布依族苗族自治州") == ("黔南州", "黔南")
    assert short_forms("金秀瑶族自治县") == ("金秀县", "金秀")
    assert short_forms("莫力达瓦达斡尔族自治旗") == ("莫力达瓦旗", "莫力达瓦")
    assert short_forms("白云区") == ("白云",)
    assert short_forms("东区") == ()


def test_split_suffix_leaves_names_too_short_to_split() -> None:
    assert split_suffix("六枝特区") == ("六枝", "特区")
    assert split_suffix("矿区") == ("矿区", "")


def test_every_autonomous_unit_in_the_data_loses_all_its_ethnic_names() -> None:
    names = read_unit_table()["name"]
    autonomous = [n for n in names if "自治" in n and not n.endswith("直辖")]
    assert len(autonomous) > 150
    left = {n: core_name(n) for n in autonomous if "族" in core_name(n)}
    left |= {n: core_name(n) for n in autonomous for e in ETHNIC_NAMES if core_name(n).endswith(e)}
    # names that are nothing but the ethnic name (or one character more) keep it
    assert left == {"内蒙古自治区": "内蒙古", "鄂伦春自治旗": "鄂伦春"}
    assert all(len(core_name(n)) >= 2 for n in names)


# -- brackets and sounds ----------------------------------------------------------

#: What ``split_bracketed`` replaces: this pattern takes minutes on a cell of ``(``.
_FORMER_BRACKETED = re.compile(r"(.+?)\((.+)\)")


@given(st.text(alphabet="ab()（）白云 ", max_size=12))
def test_split_bracketed_agrees_with_the_former_pattern(text: str) -> None:
    text = normalize_name(text)
    match = _FORMER_BRACKETED.fullmatch(text)
    assert split_bracketed(text) == (None if match is None else (match[1], match[2]))


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("白云区(广州)", ("白云区", "广州")),
        ("白云区(广州)(2016)", ("白云区", "广州)(2016")),
        ("(白云区)", None),
        ("白云区()", None),
        ("(" * 130_000, None),
        ("a(" * 65_000 + ")", ("a", "a(" * 64_999)),
    ],
    ids=["parent", "two", "all", "empty", "open", "chain"],
)
def test_split_bracketed(text: str, parts: tuple[str, str] | None) -> None:
    assert split_bracketed(text) == parts


def test_sounds_are_pypinyins_first_reading_of_every_character_in_the_data() -> None:
    from pypinyin import lazy_pinyin

    characters = sorted({char for name in read_unit_table()["name"] for char in name})
    assert [sound_of(char)[0] for char in characters] == [
        lazy_pinyin(char)[0] for char in characters
    ]
    assert sound_of("绿水ab") == ("lv", "shui", "a", "b")
