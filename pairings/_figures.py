"""Reading the figures of a table: units, approximate amounts, merged cells and totals."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pairmap.pairings.amounts import (
    ACCEPTED_UNITS,
    MAX_AMOUNT,
    AmountKind,
    AmountRangeError,
    Unit,
    parse_unit,
    read_amount,
)
from pairmap.pairings.schema import METRIC_COLUMNS, is_placeholder, metric_kind, split_header_unit

if TYPE_CHECKING:
    from pairmap.pairings.io import RawTable
    from pairmap.pairings.validate import _Collector

#: A unitless money column whose plain numbers all stay below this, beside a column in
#: 万元 or 亿元, is probably in that unit too.
SMALL_PLAIN_NUMBER = 100_000

_KIND_NAMES = {"money": "money", "count": "a count of people or things", "visits": "visits"}


@dataclass(frozen=True)
class ColumnUnit:
    """The unit applied to the plain numbers of a column, and where it was written."""

    column: str
    header: str
    unit: Unit


@dataclass
class _Column:
    """One metric column being read."""

    name: str
    kind: AmountKind
    unit: Unit | None
    negative: bool
    values: list[float] = field(default_factory=list)
    approximate: list[bool] = field(default_factory=list)
    largest_plain: float | None = None


@dataclass(frozen=True)
class Figures:
    """The metric columns of a table, read.

    Every per-row list follows the rows of the table in order.

    Attributes
    ----------
    values
        Every named metric column (NaN where blank or wrong), then the extra numeric
        columns, in that order.
    extras
        The extra columns read as numbers.
    ignored
        Extra columns that are not numbers (kept out of the pairing frame).
    approximate
        Per row, the tuple of metric columns whose value is approximate (约, 余, 多 ...).
    units
        The unit applied to each column that has one.
    group
        The ``group`` column, with the rows of a merged figure tied into one group.
    """

    values: dict[str, list[float]]
    extras: tuple[str, ...]
    ignored: tuple[str, ...]
    approximate: list[tuple[str, ...]]
    units: tuple[ColumnUnit, ...]
    group: list[str | None]


def read_figures(
    raw: RawTable,
    out: _Collector,
    *,
    group: list[str | None],
    pairs: list[str],
) -> Figures:
    """Read every metric column of ``raw``, reporting what was scaled, merged or refused.

    Parameters
    ----------
    raw
        The table as read.
    out
        Collects the issues.
    group
        The ``group`` column as written (None when blank), one value per row.
    pairs
        A key per row naming its pair (donor and recipient as written), for totals.
    """
    cells_of = _Cells(raw)
    extras, ignored = _numeric_extras(raw, cells_of)
    copies = _merged_copies(raw, [*METRIC_COLUMNS, *extras])
    columns: list[_Column] = []
    units: list[ColumnUnit] = []
    for name in (*METRIC_COLUMNS, *extras):
        kind = metric_kind(name)
        found = _column_unit(raw, name, kind, out) if name in raw.frame.columns else None
        if found is not None:
            units.append(found)
        unit = found.unit if found is not None else None
        column = _Column(
            name=name,
            kind=kind or (unit.kind if unit is not None else "any"),
            unit=unit,
            negative=kind is None,
        )
        cells = cells_of(name)
        for position in copies.get(name, {}):
            cells[position] = None
        _read_cells(column, cells, out)
        columns.append(column)
    _small_plain_numbers(columns, raw, out)
    group = _tie_merged_rows(raw, cells_of, copies, group, out)
    _check_totals(columns, group=group, pairs=pairs, out=out)
    approximate = [
        tuple(c.name for c in columns if c.approximate[position])
        for position in range(len(raw.frame))
    ]
    values = {c.name: c.values for c in columns}
    return Figures(values, tuple(extras), tuple(ignored), approximate, tuple(units), group)


class _Cells:
    """The cells of a table's columns as text, by position (None when blank or absent)."""

    def __init__(self, raw: RawTable) -> None:
        self.values = raw.frame.to_numpy(dtype=object)
        self.position = {column: i for i, column in enumerate(raw.frame.columns)}
        self.rows = len(raw.frame)

    def __call__(self, column: str) -> list[str | None]:
        if column not in self.position:
            return [None] * self.rows
        return [None if v is None else str(v) for v in self.values[:, self.position[column]]]


def _label(raw: RawTable, position: int) -> int:
    return int(raw.frame.index[position])


def _numeric_extras(raw: RawTable, cells_of: _Cells) -> tuple[list[str], list[str]]:
    """The extra columns most of whose filled cells are amounts, and the others."""
    extras: list[str] = []
    ignored: list[str] = list(raw.ignored)
    for column in raw.extra_columns:
        filled = [v for v in cells_of(column) if v is not None and not is_placeholder(v)]
        if not filled:
            continue
        _, unit = split_header_unit(raw.header_of(column))
        scale = unit.scale if unit is not None else 1.0
        amounts = sum(_looks_like_amount(value, scale) for value in filled)
        (extras if amounts * 2 > len(filled) else ignored).append(column)
    return extras, ignored


def _looks_like_amount(value: str, scale: float) -> bool:
    try:
        read_amount(value, kind="any", scale=scale)
    except AmountRangeError:
        return True
    except ValueError:
        return False
    return True


def _column_unit(
    raw: RawTable, column: str, kind: AmountKind | None, out: _Collector
) -> ColumnUnit | None:
    """The unit of a column from its header or its unit-row cell; conflicts are errors."""
    header = raw.header_of(column)
    _, from_header = split_header_unit(header)
    written = raw.unit_row.get(column) or raw.unit_row.get(header)
    from_row = parse_unit(written) if written else None
    if written and from_row is None:
        out.add(
            "warning",
            "unknown_unit",
            f"the unit row under the header gives '{written}', which is not a unit such as "
            "元, 万元, 亿元, 人, 万人 or 人次; plain numbers are read as they are. Correct it.",
            column=column,
        )
    if from_header is not None and from_row is not None and from_header.text != from_row.text:
        out.add(
            "error",
            "unit_conflict",
            f"the header gives the unit {from_header.text} but the unit row under it gives "
            f"{from_row.text}; keep the one that is right and delete the other.",
            column=column,
        )
        return None
    unit = from_header or from_row
    if unit is None:
        return None
    if kind is not None and unit.base not in ("", *ACCEPTED_UNITS[kind]):
        out.add("error", "unit_kind", _wrong_unit_kind(column, unit, kind), column=column)
        return None
    where = header if from_header is not None else f"{header}, unit row {unit.text}"
    return ColumnUnit(column, where, unit)


def _wrong_unit_kind(column: str, unit: Unit, kind: AmountKind) -> str:
    if unit.kind == "visits":
        return (
            f"the unit {unit.text} counts visits (人次), not people or things; a count of "
            f"visits belongs in the visits column (--column visits=HEADER), not in {column}."
        )
    return (
        f"the unit {unit.text} is {_KIND_NAMES[unit.kind]} but {column} holds "
        f"{_KIND_NAMES[kind]}; map the column to the right metric or correct the unit."
    )


def _read_cells(column: _Column, cells: list[str | None], out: _Collector) -> None:
    scale = column.unit.scale if column.unit is not None else 1.0
    for position, value in enumerate(cells):
        amount, approximate = math.nan, False
        if value is not None and is_placeholder(value):
            out.add(
                "info",
                "placeholder",
                "is a placeholder for “no value”; read as blank.",
                index=_label(out.raw, position),
                column=column.name,
                value=value,
            )
        elif value is not None:
            amount, approximate = _read_cell(column, value, _label(out.raw, position), scale, out)
        column.values.append(amount)
        column.approximate.append(approximate and not math.isnan(amount))


def _read_cell(
    column: _Column, value: str, index: int, scale: float, out: _Collector
) -> tuple[float, bool]:
    try:
        read = read_amount(value, kind=column.kind, scale=scale)
    except ValueError as error:
        code = "amount_out_of_range" if isinstance(error, AmountRangeError) else "bad_amount"
        message = _after_value(str(error), value) + "."
        out.add("error", code, message, index=index, column=column.name, value=value)
        return math.nan, False
    if read.value < 0 and not column.negative:
        out.add(
            "error",
            "negative_amount",
            "is negative; amounts and counts cannot be below zero. Remove the minus "
            "sign or leave the cell blank.",
            index=index,
            column=column.name,
            value=value,
        )
        return math.nan, False
    if read.unit is None:
        largest = column.largest_plain or 0.0
        column.largest_plain = max(largest, abs(read.value / scale))
    elif column.unit is not None and column.unit.scale != 1 != read.unit.scale / column.unit.scale:
        out.add(
            "warning",
            "own_unit",
            f"writes its own unit ({read.unit.text}) in a column whose header gives "
            f"{column.unit.text}; the cell's unit wins: read as {_number(read.value)}"
            f"{_base(column)}. Write a plain number in {column.unit.text} to match the header.",
            index=index,
            column=column.name,
            value=value,
        )
    return read.value, read.approximate


def _after_value(message: str, value: str) -> str:
    """Drop the ``'value' `` that starts a parser message (the issue shows the value)."""
    prefix = f"{value!r} "
    return message[len(prefix) :] if message.startswith(prefix) else message


def _number(value: float) -> str:
    return f"{int(value):,}" if value.is_integer() else f"{value:,}"


def _base(column: _Column) -> str:
    base = column.unit.base if column.unit is not None else ""
    return f" {base}" if base else ""


def _small_plain_numbers(columns: list[_Column], raw: RawTable, out: _Collector) -> None:
    """Warn about a unitless money column of small numbers beside one in 万元 or 亿元."""
    large = [c for c in columns if c.unit is not None and c.kind == "money" and c.unit.scale >= 1e4]
    if not large:
        return
    beside = large[0]
    unit = beside.unit.text if beside.unit is not None else ""
    for column in columns:
        if column.kind != "money" or column.unit is not None or column.largest_plain is None:
            continue
        if column.largest_plain >= SMALL_PLAIN_NUMBER:
            continue
        header = raw.header_of(column.name)
        out.add(
            "warning",
            "unitless_small_amounts",
            f"has no unit in its header and every plain number in it is below "
            f"{SMALL_PLAIN_NUMBER:,}, while '{raw.header_of(beside.name)}' is in {unit}; "
            f"they are read as yuan. If they are in {unit} too, write the unit in the header "
            f"({split_header_unit(header)[0]}（{unit}）).",
            column=column.name,
        )


def _merged_copies(raw: RawTable, columns: Iterable[str]) -> dict[str, dict[int, int]]:
    """Metric column -> {position of a filled-down copy of a merged cell: its top's}."""
    if not raw.merged:
        return {}
    wanted = set(columns)
    by_header = {header: canonical for canonical, header in raw.columns.items()}
    position_of = {int(row): i for i, row in enumerate(raw.frame["source_row"].tolist())}
    copies: dict[str, dict[int, int]] = {}
    for (row, column), top in raw.merged.items():
        name = column if column in raw.frame.columns else by_header.get(column, column)
        if name not in wanted or row == top or row not in position_of or top not in position_of:
            continue
        copies.setdefault(name, {})[position_of[row]] = position_of[top]
    return copies


def _tie_merged_rows(
    raw: RawTable,
    cells_of: _Cells,
    copies: Mapping[str, Mapping[int, int]],
    group: list[str | None],
    out: _Collector,
) -> list[str | None]:
    """Report each merged figure and tie the rows it covers into one group."""
    rows = [int(row) for row in raw.frame["source_row"].tolist()]
    members: dict[int, set[int]] = {}
    for column, cells in sorted(copies.items()):
        spans: dict[int, list[int]] = {}
        for position, top in cells.items():
            spans.setdefault(top, [top]).append(position)
        written = cells_of(column)
        for top, span in sorted(spans.items()):
            if written[top] is None:
                continue
            out.add(
                "info",
                "merged_figure",
                f"merged over rows {rows[min(span)]}–{rows[max(span)]}: stored once, on row "
                f"{rows[top]}, as the group's total (the other rows of the merged cell are "
                "left blank).",
                index=_label(raw, top),
                column=column,
                value=written[top],
            )
            _join(members, span)
    return _grouped(members, group, rows, out)


def _join(members: dict[int, set[int]], span: list[int]) -> None:
    joined = set(span)
    for index in span:
        joined |= members.get(index, set())
    for index in joined:
        members[index] = joined


def _grouped(
    members: dict[int, set[int]], group: list[str | None], rows: list[int], out: _Collector
) -> list[str | None]:
    group = list(group)
    seen: set[int] = set()
    for position in sorted(members):
        if position in seen:
            continue
        component = sorted(members[position])
        seen.update(component)
        first, last = rows[component[0]], rows[component[-1]]
        named = sorted({name for i in component if (name := group[i]) is not None})
        at = _label(out.raw, component[0])
        if len(named) > 1:
            out.add(
                "warning",
                "merged_across_groups",
                f"rows {first}–{last} share a merged figure but belong to the groups "
                f"{', '.join(named)}; the figure is kept once, on row {first}. Give the rows "
                "one group id if the figure is their total.",
                index=at,
                column="group",
            )
            continue
        blank = [i for i in component if group[i] is None]
        if not blank:
            continue
        name = named[0] if named else f"合并第{first}–{last}行"
        for i in blank:
            group[i] = name
        out.add(
            "info",
            "merged_group",
            f"rows {first}–{last} share a merged figure, so they form one group: '{name}' "
            "is written in their group column. Give them a group id (组团) of your own to "
            "name it.",
            index=at,
            column="group",
        )
    return group


def _check_totals(
    columns: list[_Column], *, group: list[str | None], pairs: list[str], out: _Collector
) -> None:
    """An error for each pair or group whose figures add up beyond :data:`MAX_AMOUNT`."""
    keys = [
        f"group {g}" if g is not None else f"pair {p}" for g, p in zip(group, pairs, strict=True)
    ]
    rows = out.raw.frame["source_row"].tolist()
    for column in columns:
        filled = [abs(v) for v in column.values if not math.isnan(v)]
        if not filled or max(filled) * len(filled) <= MAX_AMOUNT:
            continue
        totals: dict[str, float] = {}
        for key, value in zip(keys, column.values, strict=True):
            if not math.isnan(value):
                totals[key] = totals.get(key, 0.0) + abs(value)
        for key, total in sorted(totals.items()):
            if total <= MAX_AMOUNT:
                continue
            positions = [
                i for i, k in enumerate(keys) if k == key and not math.isnan(column.values[i])
            ]
            listed = ", ".join(str(int(rows[i])) for i in positions)
            out.add(
                "error",
                "total_out_of_range",
                f"the {column.name} figures of rows {listed} ({key}) add up to {total:.3g}, "
                f"beyond {MAX_AMOUNT:.0e} (1亿亿), which no total can reach; check their "
                "numbers and units.",
                index=_label(out.raw, positions[0]),
                column=column.name,
            )
            out.bad_rows.update(_label(out.raw, i) for i in positions)
