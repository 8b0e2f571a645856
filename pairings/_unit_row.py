"""Recognising a row of units under the header (（万元）, （人）, blank), which is not data."""

from __future__ import annotations

from collections.abc import Collection

from pairmap.pairings._reading import Cell
from pairmap.pairings.amounts import parse_unit
from pairmap.pairings.schema import normalise_text

#: Longest bracketed text read as a unit that pairmap does not know (亩, 万吨).
UNKNOWN_UNIT_CHARS = 6

_OPENING = "([【〔"
_CLOSING = ")]】〕"
_PREFIXES = ("单位:", "单位")


def unit_of(cell: str) -> tuple[str, bool] | None:
    """The unit a cell states, and whether pairmap knows it; None for any other text.

    ``（万元）``, ``万元``, ``单位：万元`` and ``(亩)`` state units; ``茂名市`` does not.
    """
    text = normalise_text(cell)
    bracketed = len(text) > 2 and text[0] in _OPENING and text[-1] in _CLOSING
    if bracketed:
        text = text[1:-1].strip()
    for prefix in _PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :].strip()
            break
    if parse_unit(text) is not None:
        return text, True
    short = 0 < len(text) <= UNKNOWN_UNIT_CHARS
    if bracketed and short and not any(char.isdigit() for char in text):
        return text, False
    return None


def unit_row_cells(cells: list[Cell], *, skip: Collection[int] = ()) -> dict[int, str] | None:
    """0-based column -> unit, when every filled cell of ``cells`` (except those in ``skip``,
    such as headers merged down into this row) states a unit and at least one is a unit
    pairmap knows; else None."""
    units: dict[int, str] = {}
    known = False
    for index, cell in enumerate(cells):
        if cell is None or index in skip:
            continue
        unit = unit_of(cell)
        if unit is None:
            return None
        units[index] = unit[0]
        known = known or unit[1]
    return units if known else None
