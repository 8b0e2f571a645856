"""Amounts written as numbers or Chinese text become yuan or counts; junk is refused."""

from __future__ import annotations

import math
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pairmap.pairings.amounts import parse_amount

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
