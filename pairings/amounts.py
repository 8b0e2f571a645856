"""Amounts as people write them (``1.6775亿元``, ``973万元``, ``3.45万人``) turned into numbers."""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Literal

#: What an amount counts: money (yuan), a number of people or things, or either.
AmountKind = Literal["money", "count", "any"]

#: Multipliers that may follow the number, longest first.
MULTIPLIERS: dict[str, int] = {
    "万亿": 10**12,
    "千万": 10**7,
    "百万": 10**6,
    "亿": 10**8,
    "万": 10**4,
    "千": 10**3,
}

#: Units of money that may end an amount.
MONEY_UNITS: tuple[str, ...] = ("元", "元人民币", "人民币", "rmb", "cny", "yuan")

#: Units of counts that may end an amount.
COUNT_UNITS: tuple[str, ...] = (
    "人次",
    "人",
    "名",
    "个",
    "家",
    "所",
    "户",
    "项",
    "座",
    "间",
    "次",
    "批",
    "位",
    "处",
)

#: Words of approximation that are dropped: 约 1.2 亿元 is read as 1.2 亿元.
_QUALIFIERS_BEFORE = ("超过", "累计", "合计", "共计", "约", "近", "超", "逾", "共", "达", "计")
_QUALIFIERS_AFTER = ("余", "多")

_NUMBER = re.compile(r"^(?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)(?P<rest>.*)$")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")
_HINT = "write a number such as 1234.5, 973万元, 1.6775亿元 or 3.45万人"


def normalise_amount_text(text: str) -> str:
    """NFKC-normalise (full-width digits, commas, points), drop spaces and thousands commas."""
    normalised = unicodedata.normalize("NFKC", text).replace("。", ".")
    normalised = "".join(normalised.split()).lower()
    return _THOUSANDS.sub("", normalised)


def _strip_qualifiers(text: str) -> str:
    changed = True
    while changed:
        changed = False
        for word in _QUALIFIERS_BEFORE:
            if text.startswith(word):
                text = text[len(word) :]
                changed = True
    return text


def parse_amount(value: object, *, kind: AmountKind = "money", scale: float = 1.0) -> float:
    """Read an amount written as a number or as Chinese text.

    Parameters
    ----------
    value
        A number, or text such as ``1.6775亿元``, ``973万元``, ``24.74亿``, ``1,234``,
        ``３．４５万人`` or ``约2000人``. Blank text and None give NaN.
    kind
        ``"money"`` accepts 元 units and returns yuan; ``"count"`` accepts 人, 个, 家,
        所 ... and returns the number of people or things; ``"any"`` accepts both.
    scale
        Multiplier for a bare number (from a header such as ``资金（万元）``); a number
        written with its own unit (``1.2亿元``, ``500人``) ignores it.

    Returns
    -------
    float
        The amount (may be negative; callers decide whether that is allowed).

    Raises
    ------
    ValueError
        When the value is not an amount, or has a unit of the wrong kind
        (``3万人`` as money).

    Examples
    --------
    >>> parse_amount("1.6775亿元")
    167750000.0
    >>> parse_amount("3.45万人", kind="count")
    34500.0
    """
    if value is None:
        return math.nan
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not an amount; {_HINT}")
    if isinstance(value, int | float):
        return float(value) * scale if not math.isnan(value) else math.nan
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not an amount; {_HINT}")
    text = normalise_amount_text(value)
    if not text:
        return math.nan
    text = _strip_qualifiers(text)
    match = _NUMBER.match(text)
    if match is None:
        raise ValueError(f"{value!r} is not an amount; {_HINT}")
    try:
        number = Decimal(match["number"])
    except InvalidOperation:  # pragma: no cover - the pattern only lets decimals through
        raise ValueError(f"{value!r} is not an amount; {_HINT}") from None
    rest = match["rest"]
    multiplier: int | None = None
    for word, factor in MULTIPLIERS.items():
        if rest.startswith(word):
            multiplier = factor
            rest = rest[len(word) :]
            break
    for word in _QUALIFIERS_AFTER:
        if rest.startswith(word):
            rest = rest[len(word) :]
    _check_unit(value, rest, kind=kind)
    if multiplier is not None:
        result = float(number * multiplier)
    elif rest:  # a unit of its own (元, 人): the header's unit does not apply
        result = float(number)
    else:
        result = float(number) * scale
    if not math.isfinite(result):
        raise ValueError(f"{value!r} is too large to be an amount; {_HINT}")
    return result


def _check_unit(value: str, unit: str, *, kind: AmountKind) -> None:
    if unit == "" or (kind == "any" and unit in MONEY_UNITS + COUNT_UNITS):
        return
    own, other = (MONEY_UNITS, COUNT_UNITS) if kind == "money" else (COUNT_UNITS, MONEY_UNITS)
    if unit in own:
        return
    if unit in other:
        what = "a count of people or things" if kind == "money" else "money"
        expected = "money in yuan" if kind == "money" else "a count"
        raise ValueError(
            f"{value!r} is {what} ('{unit}') but this column holds {expected}; "
            "move it to the right column or write the amount without that unit"
        )
    if re.search(r"[\d.,]", unit):
        raise ValueError(f"{value!r} is not an amount; {_HINT}")
    raise ValueError(f"{value!r} has an unknown unit '{unit}'; {_HINT}")
