"""Amounts written as numbers or Chinese text become yuan or counts; junk is refused."""

from __future__ import annotations

import math
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pairmap.pairings.amounts import (
    MAX_AMOUNT,
    MULTIPLIERS,
    AmountRangeError,
    Unit,
    parse_amount,
    parse_unit,
    read_amount,
)

#: Full-width forms of the ASCII digits and the decimal point.
FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("1.6775亿元", "money", 167_750_000.0),
        ("973万元", "money", 9_730_000.0),
        ("24.74亿", "money", 2_474_000_000.0),
        ("1,234", "money", 1234.0),
        ("１２３４．５", "money", 1234.5),
        ("5.2 亿元", "money", 520_000_000.0),
        ("约2.5亿元", "money", 250_000_000.0),
        ("3.45万人", "count", 34_500.0),
        ("1.7万多人", "count", 17_000.0),
        ("21所", "count", 21.0),
        ("３９家", "count", 39.0),
        ("2000", "count", 2000.0),
    ],
)
def test_written_amounts_are_read_in_yuan_or_units(text: str, kind: str, expected: float) -> None:
    assert parse_amount(text, kind=kind) == expected


def test_blank_cells_are_missing_not_zero() -> None:
    assert math.isnan(parse_amount(""))
    assert math.isnan(parse_amount("   "))
    assert math.isnan(parse_amount(None))


def test_a_header_unit_scales_bare_numbers_but_not_numbers_with_their_own_unit() -> None:
    assert parse_amount("973", scale=1e4) == 9_730_000.0
    assert parse_amount("1.2亿元", scale=1e4) == 120_000_000.0
    assert parse_amount("500人", kind="count", scale=1e4) == 500.0


@pytest.mark.parametrize(
    ("text", "kind", "says"),
    [
        ("很多", "money", "is not an amount"),
        ("1.2.3亿", "money", "is not an amount"),
        ("1,2345", "money", "is not an amount"),
        ("十所", "count", "is not an amount"),
        ("3万人", "money", "this column holds money"),
        ("3万元", "count", "this column holds a count"),
        ("12 apples", "count", "unknown unit 'apples'"),
    ],
)
def test_junk_is_a_value_error_that_says_what_to_write(text: str, kind: str, says: str) -> None:
    with pytest.raises(ValueError, match=says) as caught:
        parse_amount(text, kind=kind)
    assert "973万元" in str(caught.value) or "column" in str(caught.value)


amounts = st.decimals(min_value=0, max_value=10**7, places=4, allow_nan=False)


@given(amounts)
def test_wan_and_yi_multiply_exactly(number) -> None:  # type: ignore[no-untyped-def]
    text = format(number, "f")
    assert parse_amount(f"{text}万元") == pytest.approx(float(number) * 1e4, rel=1e-12)
    assert parse_amount(f"{text}亿") == pytest.approx(float(number) * 1e8, rel=1e-12)


@given(amounts)
def test_full_width_digits_read_like_ascii(number) -> None:  # type: ignore[no-untyped-def]
    text = format(number, "f")
    assert parse_amount(text.translate(FULL_WIDTH)) == parse_amount(text)


@given(st.integers(min_value=0, max_value=10**15))
def test_thousands_separators_are_ignored(number: int) -> None:
    assert parse_amount(f"{number:,}") == float(number)
    assert parse_amount(f"{number:,}元") == float(number)


@given(st.text(alphabet=st.characters(categories=("L", "P", "S")), min_size=1, max_size=8))
def test_text_without_digits_is_refused_or_blank(text: str) -> None:
    if any(ch.isdigit() for ch in unicodedata.normalize("NFKC", text)):
        return
    try:
        value = parse_amount(text)
    except ValueError:
        return
    assert math.isnan(value)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_numbers_pass_through(number: float) -> None:
    assert parse_amount(number) == number
    assert parse_amount(repr(number)) == pytest.approx(number)


# -- approximate amounts ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # as the seed reports write them
        ("约3000万", "money", 30_000_000.0),
        ("近2亿元", "money", 200_000_000.0),
        ("3000余万元", "money", 30_000_000.0),
        ("1.7万多人", "count", 17_000.0),
        ("2100多", "count", 2100.0),
        # and the other words of approximation
        ("200万元左右", "money", 2_000_000.0),
        ("超过2000万元", "money", 20_000_000.0),
        ("逾10亿元", "money", 1_000_000_000.0),
        ("超500人", "count", 500.0),
        ("2000人以上", "count", 2000.0),
        ("大约1.5亿", "money", 150_000_000.0),
        ("约 ３０００ 余万元", "money", 30_000_000.0),
    ],
)
def test_approximate_amounts_are_the_number_written_with_a_flag(
    text: str, kind: str, expected: float
) -> None:
    amount = read_amount(text, kind=kind)  # type: ignore[arg-type]
    assert (amount.value, amount.approximate) == (expected, True)
    assert parse_amount(text, kind=kind) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["973万元", "累计1.2亿元", "合计2000人", "1234", "共计35家"])
def test_totals_and_plain_amounts_are_not_approximate(text: str) -> None:
    assert read_amount(text, kind="any").approximate is False


@pytest.mark.parametrize(
    "text", ["2000–3000万", "2000-3000万元", "2000至3000万", "2000万—3000万", "100~200人"]
)
def test_a_range_is_refused_with_what_to_write_instead(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        read_amount(text, kind="any")
    assert str(caught.value) == (
        f"{text!r} is a range, not one figure; write the one figure the source gives "
        "(约2500万 for an estimate, 2000余万 for “more than 2000万”), or split the row"
    )


# -- visits, units and bounds -------------------------------------------------------------


def test_visits_are_read_in_a_visits_column_and_refused_as_people() -> None:
    assert parse_amount("95.73万人次", kind="visits") == 957_300.0
    assert parse_amount("4929.12万人", kind="visits") == 49_291_200.0
    with pytest.raises(ValueError) as caught:
        parse_amount("95.73万人次", kind="count")
    assert str(caught.value) == (
        "'95.73万人次' counts visits ('人次'), not people or things; put it in the visits "
        "column (游客人次), or write the number of people without 人次"
    )
    with pytest.raises(
        ValueError, match=r"is a count of visits \('人次'\) but this column holds money"
    ):
        parse_amount("95.73万人次")


def test_a_cell_says_which_unit_it_wrote() -> None:
    assert read_amount("1.2亿元").unit == Unit("亿元", 1e8, "money", "元")
    assert read_amount("973万", kind="any").unit == Unit("万", 1e4, "any", "")
    assert read_amount("500人", kind="count", scale=1e4).unit == Unit("人", 1.0, "count", "人")
    assert read_amount("973", scale=1e4).unit is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("万元", Unit("万元", 1e4, "money", "元")),
        ("（亿元）", Unit("亿元", 1e8, "money", "元")),
        ("单位：千元", Unit("千元", 1e3, "money", "元")),
        ("万人次", Unit("万人次", 1e4, "visits", "人次")),
        ("万人", Unit("万人", 1e4, "count", "人")),
        ("家", Unit("家", 1.0, "count", "家")),
        ("万", Unit("万", 1e4, "any", "")),
        ("10k CNY", Unit("10kcny", 1e4, "money", "元")),
        ("东部", None),
        ("说明", None),
        ("", None),
    ],
)
def test_units_are_read_with_their_scale_and_kind(text: str, unit: Unit | None) -> None:
    assert parse_unit(text) == unit


@pytest.mark.parametrize("value", ["1e999999万", "1e17", "2e16元", "99999999万亿", 10**400, 1e300])
def test_amounts_beyond_any_real_figure_are_out_of_range(value: object) -> None:
    with pytest.raises(AmountRangeError) as caught:
        parse_amount(value, kind="any")
    assert str(caught.value).endswith(
        " is out of range: no amount or count can exceed 1e+16 (1亿亿); check the number and "
        "its unit"
    )


def test_huge_exponents_and_long_text_are_refused_quickly() -> None:
    assert parse_amount("1e-999999") == 0.0
    with pytest.raises(AmountRangeError):
        parse_amount("9" * 100_000)
    with pytest.raises(ValueError, match="is not an amount"):
        parse_amount("约" * 100_000)
    with pytest.raises(ValueError, match="is not an amount"):
        parse_amount("(" * 130_000)


# -- properties ---------------------------------------------------------------------------

#: Numbers that stay within range under any multiplier (up to 万亿).
small_amounts = st.decimals(min_value=0, max_value=9999, places=4, allow_nan=False)
_BEFORE = st.sampled_from(["", "约", "近", "超过", "逾", "超", "大约"])
_AFTER_NUMBER = st.sampled_from(["", "余", "多"])
_END = st.sampled_from(["", "左右", "以上"])
_MULTIPLIER = st.sampled_from(["", *MULTIPLIERS])
_UNIT = st.sampled_from(["", "元"])


@given(small_amounts, _BEFORE, _AFTER_NUMBER, _MULTIPLIER, _UNIT, _END)
def test_approximate_forms_keep_the_number_and_flag_it(  # type: ignore[no-untyped-def]
    number, before: str, after: str, multiplier: str, unit: str, end: str
) -> None:
    text = f"{before}{format(number, 'f')}{after}{multiplier}{unit}{end}"
    amount = read_amount(text, scale=1e4)
    factor = MULTIPLIERS.get(multiplier, 1)
    own_unit = bool(multiplier or unit)
    expected = float(number) * factor * (1.0 if own_unit else 1e4)
    assert amount.value == pytest.approx(expected, rel=1e-12)
    assert amount.approximate is bool(before or after or end)
    assert (amount.unit is not None) is own_unit


@given(amounts, st.sampled_from(["万元", "亿元", "千元", "元", "万", "百万元"]))
def test_a_header_unit_scales_plain_numbers_exactly_as_the_same_unit_in_the_cell(  # type: ignore[no-untyped-def]
    number, unit_text: str
) -> None:
    unit = parse_unit(unit_text)
    assert unit is not None
    text = format(number, "f")
    assert parse_amount(text, scale=unit.scale) == pytest.approx(
        parse_amount(text + unit_text), rel=1e-12
    )


@given(st.text(alphabet="0123456789.,约近余多万亿元人次-–至~ e+", max_size=24))
def test_any_text_is_an_amount_nan_or_a_value_error(text: str) -> None:
    try:
        amount = read_amount(text, kind="any")
    except ValueError:
        return
    assert math.isnan(amount.value) or abs(amount.value) <= MAX_AMOUNT
