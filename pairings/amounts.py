"""Amounts as people write them (``1.6775亿元``, ``约3000万``, ``3.45万人``) turned into numbers."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

#: What an amount counts: money (yuan), people or things, visits (人次), or any of them.
AmountKind = Literal["money", "count", "visits", "any"]

#: No amount, count or total may exceed this (1亿亿 yuan is a hundred times China's GDP).
MAX_AMOUNT = 1e16

#: Multipliers that may follow the number, longest first.
MULTIPLIERS: dict[str, int] = {
    "万亿": 10**12,
    "千万": 10**7,
    "百万": 10**6,
    "十万": 10**5,
    "亿": 10**8,
    "万": 10**4,
    "千": 10**3,
}

#: Units of money that may end an amount.
MONEY_UNITS: tuple[str, ...] = ("元", "元人民币", "人民币", "rmb", "cny", "yuan")

#: Units of visits (person-times): never a number of people.
VISIT_UNITS: tuple[str, ...] = ("人次", "次")

#: Units of counts of people or things that may end an amount.
COUNT_UNITS: tuple[str, ...] = (
    "人",
    "名",
    "个",
    "家",
    "所",
    "户",
    "项",
    "座",
    "间",
    "批",
    "位",
    "处",
)

#: The units each kind of column accepts (a visit count may be written 95.73万人).
ACCEPTED_UNITS: dict[str, tuple[str, ...]] = {
    "money": MONEY_UNITS,
    "count": COUNT_UNITS,
    "visits": (*VISIT_UNITS, "人"),
    "any": MONEY_UNITS + COUNT_UNITS + VISIT_UNITS,
}

#: Words before a number that are dropped: 累计 1.2 亿元 is 1.2 亿元 (longest first).
_DROPPED_BEFORE = ("累计", "合计", "共计", "总计", "多达", "共", "达", "计")
#: Words before a number that make it approximate (longest first).
_APPROX_BEFORE = ("大约", "将近", "接近", "超过", "约", "近", "逾", "超")
#: Words after a number, or after its multiplier, that make it approximate.
_APPROX_AFTER = ("余", "多")
#: Words that end an approximate amount (200万元左右, 2000人以上).
_APPROX_END = ("左右", "以上", "上下", "有余", "之多")

#: A plain decimal number, read without the full parser (the common case).
_PLAIN = re.compile(r"[+-]?\d{1,15}(?:\.\d{1,15})?")
_NUMBER = re.compile(r"^(?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)(?P<rest>.*)$")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")
#: A range: a digit (or the multiplier or unit after one), a dash or 至, then a digit.
_RANGE = re.compile(r"(?<=[\d万亿千百元人次])(?:[-–—~〜至到]|——)(?=[约近]?\d)")
_HINT = "write a number such as 1234.5, 973万元, 1.6775亿元, 约3000万 or 3.45万人"
#: The largest power of ten a written number may have before its multiplier is applied.
_MAX_EXPONENT = 30


class AmountRangeError(ValueError):
    """An amount that is a number but too large to be right (beyond :data:`MAX_AMOUNT`)."""


@dataclass(frozen=True)
class Unit:
    """A unit as written in a header, a unit row or a cell: ``万元``, ``人次``, ``万``.

    Attributes
    ----------
    text
        The unit as normalised (``万元``).
    scale
        What a plain number in this unit is multiplied by (``万元`` → 1e4).
    kind
        ``"money"``, ``"count"``, ``"visits"``, or ``"any"`` for a bare multiplier (``万``).
    base
        The unit without its multiplier (``元``, ``人次``), ``""`` for a bare multiplier.
    """

    text: str
    scale: float
    kind: AmountKind
    base: str


@dataclass(frozen=True)
class Amount:
    """An amount read from a cell.

    Attributes
    ----------
    value
        The number in yuan, people, things or visits (NaN for a blank cell).
    approximate
        True when written with 约, 近, 余, 多, 左右, 超过, 逾, 超 or 以上 (the number as
        written is kept: 3000余万元 is 30 000 000 with this flag).
    unit
        The unit the cell writes itself (``万元``, ``人``), or None for a plain number.
    """

    value: float
    approximate: bool = False
    unit: Unit | None = None


_SPECIAL_UNITS: dict[str, tuple[float, AmountKind, str]] = {
    "10kcny": (1e4, "money", "元"),
    "10kyuan": (1e4, "money", "元"),
    "10k": (1e4, "any", ""),
}


def unit_kind(base: str) -> AmountKind | None:
    """The kind of a unit without its multiplier (``元`` → money), or None when unknown."""
    if base == "":
        return "any"
    kinds: tuple[AmountKind, ...] = ("money", "visits", "count")
    for kind in kinds:
        if base in ACCEPTED_UNITS[kind] and not (kind == "visits" and base == "人"):
            return kind
    return None


def parse_unit(text: str) -> Unit | None:
    """Read a unit such as ``万元``, ``亿元``, ``人次``, ``万人``, ``家`` or ``万``.

    Returns None when ``text`` is not a unit (``说明``, ``东部``).

    Examples
    --------
    >>> parse_unit("万元")
    Unit(text='万元', scale=10000.0, kind='money', base='元')
    >>> parse_unit("东部") is None
    True
    """
    key = normalise_amount_text(text).strip("()[]【】〔〕").replace("单位:", "").replace("单位", "")
    if not key:
        return None
    if key in _SPECIAL_UNITS:
        scale, kind, base = _SPECIAL_UNITS[key]
        return Unit(key, scale, kind, base)
    factor = 1
    rest = key
    for word, multiplier in MULTIPLIERS.items():
        if rest.startswith(word):
            factor, rest = multiplier, rest[len(word) :]
            break
    found = unit_kind(rest)
    if found is None or (found == "any" and factor == 1):
        return None
    return Unit(key, float(factor), found, rest)


def normalise_amount_text(text: str) -> str:
    """NFKC-normalise (full-width digits, commas, points), drop spaces and thousands commas."""
    normalised = unicodedata.normalize("NFKC", text).replace("。", ".")
    normalised = "".join(normalised.split()).lower()
    return _THOUSANDS.sub("", normalised)


def _strip_words(text: str) -> tuple[str, bool]:
    """Drop the words around the number; True when one of them makes it approximate."""
    approximate = False
    start, end = 0, len(text)
    changed = True
    while changed and start < end:
        changed = False
        for word in _DROPPED_BEFORE + _APPROX_BEFORE:
            if text.startswith(word, start, end):
                start += len(word)
                approximate = approximate or word in _APPROX_BEFORE
                changed = True
        for word in _APPROX_END:
            if end - start > len(word) and text.endswith(word, start, end):
                end -= len(word)
                approximate = changed = True
    return text[start:end], approximate


def _approx_suffix(rest: str) -> tuple[str, bool]:
    for word in _APPROX_AFTER:
        if rest.startswith(word):
            return rest[len(word) :], True
    return rest, False


def read_amount(value: object, *, kind: AmountKind = "money", scale: float = 1.0) -> Amount:
    """Read an amount with its approximation and the unit the cell writes.

    Parameters
    ----------
    value
        A number, or text such as ``1.6775亿元``, ``3000余万元``, ``约2000人``,
        ``1.7万多人`` or ``95.73万人次``. Blank text and None give NaN.
    kind
        ``"money"`` accepts 元 units and returns yuan; ``"count"`` accepts 人, 个, 家,
        所 ... and returns people or things; ``"visits"`` accepts 人次 (and 人);
        ``"any"`` accepts them all.
    scale
        Multiplier for a plain number (from a header such as ``资金（万元）``); a number
        written with its own unit (``1.2亿元``, ``500人``) ignores it.

    Returns
    -------
    Amount

    Raises
    ------
    AmountRangeError
        When the amount is beyond :data:`MAX_AMOUNT` (``1e999999万``).
    ValueError
        When the value is not one amount: not a number, a range (``2000–3000万``), or
        a unit of the wrong kind (``3万人`` as money, ``95.73万人次`` as people).
    """
    if value is None:
        return Amount(math.nan)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"{value!r} is not an amount; {_HINT}")
    if isinstance(value, int | float):
        if isinstance(value, float) and math.isnan(value):
            return Amount(math.nan)
        if isinstance(value, int) and abs(value) > MAX_AMOUNT:
            raise _out_of_range(value)
        return Amount(_bounded(value, float(value) * scale))
    if _PLAIN.fullmatch(value):
        return Amount(_bounded(value, float(value) * scale))
    return _read_text(value, kind=kind, scale=scale)


def _read_text(value: str, *, kind: AmountKind, scale: float) -> Amount:
    """:func:`read_amount` of text that is not a plain number."""
    text = normalise_amount_text(value)
    if not text:
        return Amount(math.nan)
    if _RANGE.search(text):
        raise ValueError(
            f"{value!r} is a range, not one figure; write the one figure the source gives "
            "(约2500万 for an estimate, 2000余万 for “more than 2000万”), or split the row"
        )
    text, approximate = _strip_words(text)
    match = _NUMBER.match(text)
    if match is None:
        raise ValueError(f"{value!r} is not an amount; {_HINT}")
    number = _decimal(value, match["number"])
    rest, approx_after = _approx_suffix(match["rest"])
    multiplier = next((word for word in MULTIPLIERS if rest.startswith(word)), "")
    rest, approx_unit = _approx_suffix(rest[len(multiplier) :])
    _check_unit(value, rest, kind=kind)
    factor = MULTIPLIERS.get(multiplier, 1)
    own = Unit(multiplier + rest, float(factor), unit_kind(rest) or "any", rest)
    written = bool(multiplier or rest)
    result = float(number * factor) * (1.0 if written else scale)
    flagged = approximate or approx_after or approx_unit
    return Amount(_bounded(value, result), approximate=flagged, unit=own if written else None)


def parse_amount(value: object, *, kind: AmountKind = "money", scale: float = 1.0) -> float:
    """Read an amount written as a number or as Chinese text (see :func:`read_amount`).

    Approximate forms (``约3000万``, ``3000余万元``) give the number as written; use
    :func:`read_amount` to know that they are approximate.

    Examples
    --------
    >>> parse_amount("1.6775亿元")
    167750000.0
    >>> parse_amount("3.45万人", kind="count")
    34500.0
    >>> parse_amount("3000余万元")
    30000000.0
    """
    return read_amount(value, kind=kind, scale=scale).value


def _decimal(value: str, number: str) -> Decimal:
    try:
        parsed = Decimal(number)
    except InvalidOperation:  # pragma: no cover - the pattern only lets decimals through
        raise ValueError(f"{value!r} is not an amount; {_HINT}") from None
    if parsed and parsed.adjusted() > _MAX_EXPONENT:
        raise _out_of_range(value)
    return parsed


def _bounded(value: object, result: float) -> float:
    if not math.isfinite(result) or abs(result) > MAX_AMOUNT:
        raise _out_of_range(value)
    return result


def _out_of_range(value: object) -> AmountRangeError:
    return AmountRangeError(
        f"{value!r} is out of range: no amount or count can exceed {MAX_AMOUNT:.0e} "
        "(1亿亿); check the number and its unit"
    )


_KIND_WORDS = {
    "money": "money",
    "count": "a count of people or things",
    "visits": "a count of visits",
}
_EXPECTED = {"money": "money in yuan", "count": "a count", "visits": "visits (人次)"}


def _check_unit(value: str, unit: str, *, kind: AmountKind) -> None:
    if unit == "" or unit in ACCEPTED_UNITS[kind]:
        return
    found = unit_kind(unit)
    if found == "visits" and kind == "count":
        raise ValueError(
            f"{value!r} counts visits ('{unit}'), not people or things; put it in the "
            "visits column (游客人次), or write the number of people without 人次"
        )
    if found is not None:
        raise ValueError(
            f"{value!r} is {_KIND_WORDS[found]} ('{unit}') but this column holds "
            f"{_EXPECTED[kind]}; move it to the right column or write the amount without "
            "that unit"
        )
    if re.search(r"[\d.,]", unit):
        raise ValueError(f"{value!r} is not an amount; {_HINT}")
    raise ValueError(f"{value!r} has an unknown unit '{unit}'; {_HINT}")
