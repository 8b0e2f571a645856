"""Headers, programmes and kinds as people write them map onto the schema."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pairmap.pairings.schema import (
    CANONICAL_COLUMNS,
    COLUMN_DOCS,
    kind_key,
    match_header,
    program_key,
)


@pytest.mark.parametrize(
    ("header", "canonical"),
    [
        ("帮扶方", "donor"),
        ("帮扶单位", "donor"),
        ("支援方", "donor"),
        ("受援方", "recipient"),
        ("被帮扶方", "recipient"),
        ("受援地", "recipient"),
        ("协作类型", "program"),
        ("帮扶类型", "program"),
        ("项目类型", "program"),
        ("年份", "start_year"),
        ("开始年份", "start_year"),
        ("结束年份", "end_year"),
        ("财政援助资金", "funds_cny"),
        ("帮扶资金", "funds_cny"),
        ("资金", "funds_cny"),
        ("备注", "note"),
        ("来源", "source"),
        ("组团", "group"),
        (" Donor ", "donor"),
        ("RECIPIENT_ADCODE", "recipient_adcode"),
        ("ｄｏｎｏｒ", "donor"),
    ],
)
def test_chinese_and_english_headers_are_recognised(header: str, canonical: str) -> None:
    match = match_header(header)
    assert match is not None and match.canonical == canonical


def test_every_canonical_column_and_its_chinese_label_are_headers() -> None:
    assert [doc.name for doc in COLUMN_DOCS] == list(CANONICAL_COLUMNS)
    for doc in COLUMN_DOCS:
        assert match_header(doc.name).canonical == doc.name  # type: ignore[union-attr]
        assert match_header(doc.zh).canonical == doc.name  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("header", "canonical", "scale"),
    [("帮扶资金（万元）", "funds_cny", 1e4), ("资金(亿元)", "funds_cny", 1e8),
     ("就业人数（万人）", "jobs", 1e4), ("备注（说明）", "note", 1.0)],
)  # fmt: skip
def test_a_unit_in_brackets_after_a_header_scales_the_column(
    header: str, canonical: str, scale: float
) -> None:
    assert match_header(header) == type(match_header(header))(canonical, scale)


def test_unknown_headers_are_not_guessed() -> None:
    assert match_header("结对单位（东部）") is None
    assert match_header("联系人") is None


@pytest.mark.parametrize(
    ("program", "key"),
    [
        ("东西部协作", "east_west"),
        ("东西部扶贫协作", "east_west_poverty"),
        ("对口支援", "counterpart_support"),
        ("省内对口帮扶", "intra_provincial"),
        ("纵向帮扶", "vertical"),
        ("横向帮扶", "horizontal"),
        ("驻镇帮镇扶村", "town_village"),
        ("携手奔小康", "hand_in_hand"),
        (" 东西部 协作 ", "east_west"),
        ("east_west", "east_west"),
        ("闽宁协作", "闽宁协作"),
    ],
)
def test_programmes_get_stable_keys_and_others_stay_as_written(program: str, key: str) -> None:
    assert program_key(program) == key


def test_blank_programme_has_no_key() -> None:
    assert program_key("") is None
    assert program_key(None) is None


@given(st.sampled_from(["东西部协作", "纵向帮扶", "对口支援"]), st.text(" \u3000", max_size=3))
def test_programme_keys_ignore_surrounding_spaces(program: str, spaces: str) -> None:
    assert program_key(spaces + program + spaces) == program_key(program)


def test_kinds_in_chinese_or_english() -> None:
    assert kind_key("企业") == "enterprise"
    assert kind_key("Agency") == "agency"
    assert kind_key("街道") == "town"
    assert kind_key("") is None
    with pytest.raises(ValueError, match="bureau"):
        kind_key("bureau")


def test_the_table_guide_documents_every_column_and_programme_key() -> None:
    from pathlib import Path

    from pairmap.pairings.schema import PROGRAMME_KEYS

    guide = (Path(__file__).resolve().parents[2] / "docs" / "pairing-tables.md").read_text(
        encoding="utf-8"
    )
    assert [c for c in CANONICAL_COLUMNS if f"| `{c}`" not in guide] == []
    assert [k for k in PROGRAMME_KEYS if f"`{k}`" not in guide] == []


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@given(
    st.sampled_from(CANONICAL_COLUMNS),
    st.lists(st.booleans(), min_size=40, max_size=40),
    st.booleans(),
    st.text(" \u3000\t", max_size=2),
)
def test_headers_match_whatever_their_case_width_and_padding(
    column: str, upper: list[bool], wide: bool, pad: str
) -> None:
    text = "".join(c.upper() if u else c for c, u in zip(column, upper, strict=False))
    if wide:
        text = full_width(text)
    match = match_header(pad + text + pad)
    assert match is not None and match.canonical == column


def test_the_table_guide_lists_every_accepted_header() -> None:
    from pathlib import Path

    from pairmap.pairings.schema import HEADER_ALIASES, normalise_header

    guide = (Path(__file__).resolve().parents[2] / "docs" / "pairing-tables.md").read_text(
        encoding="utf-8"
    )
    rows = {
        line.split("`")[1]: {normalise_header(h) for cell in line.split("|")[2:4]
                             for h in cell.split(",")}
        for line in guide.splitlines()
        if line.startswith("| `") and line.split("`")[1] in CANONICAL_COLUMNS
    }  # fmt: skip
    missing = [
        (alias, canonical)
        for alias, canonical in HEADER_ALIASES.items()
        if alias != canonical and alias not in rows.get(canonical, set())
    ]
    assert missing == []
