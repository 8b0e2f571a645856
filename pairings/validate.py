"""Row-level checks of a pairing table that need no gazetteer; every problem is collected."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from pairmap.pairings._figures import Figures, read_figures
from pairmap.pairings.io import RawTable
from pairmap.pairings.issues import Issue, Report, Severity, TableSummary, sort_issues
from pairmap.pairings.metrics import decide_metrics, with_meta
from pairmap.pairings.schema import (
    CANONICAL_COLUMNS,
    KINDS,
    PROVENANCE_COLUMNS,
    REQUIRED_COLUMNS,
    SIDES,
    YEAR_COLUMNS,
    is_placeholder,
    kind_key,
    normalise_text,
    program_key,
)

#: Years outside this range are taken for typing mistakes.
YEAR_RANGE = (1949, 2100)

#: Longitudes and latitudes of China and its seas (WGS84 degrees).
LON_RANGE = (73.0, 136.0)
LAT_RANGE = (3.0, 54.0)

_YEAR = re.compile(r"^(\d{4})(?:\.0+)?年?$")
#: A date (2016-01-01, 2016/1/1 0:00:00, 2016年1月1日, 2016-01): its year is the year.
_DATE = re.compile(
    r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.]\d{1,2})?|年\d{1,2}月(?:\d{1,2}日)?)"
    r"(?:[t ]?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$",
    re.IGNORECASE,
)
#: Two years joined by a dash, 至 or 到 (2016-2020, 2016—2020年).
_YEAR_SPAN = re.compile(r"^(\d{4})年?(?:[-–—~至到]|——)(\d{4})年?$")
_ADCODE = re.compile(r"^(\d{6})(?:\.0+)?$")

#: Text columns carried through as written.
TEXT_COLUMNS: tuple[str, ...] = (
    "donor",
    "recipient",
    "donor_province",
    "donor_prefecture",
    "recipient_province",
    "recipient_prefecture",
    "donor_seat",
    "recipient_seat",
    "program",
    "round",
    "level",
    "group",
    "note",
    "source",
    "source_date",
)


@dataclass(frozen=True)
class ValidatedTable:
    """A table after the row-level checks.

    Attributes
    ----------
    frame
        Every data row: text columns as written (None when blank), ``program_key``,
        ``donor_kind`` / ``recipient_kind`` as kinds, adcodes as 6-character strings,
        years as ``Int64``, metrics and coordinates as floats (NaN when blank or wrong),
        extra numeric columns as floats, and the provenance columns. Its metrics, with
        their labels and units, are in ``frame.attrs`` (:func:`pairings.metrics.table_meta`).
    report
        The issues found and the table's summary.
    bad_rows
        Index labels of the rows with at least one error.
    raw
        The table as read.
    """

    frame: pd.DataFrame
    report: Report
    bad_rows: frozenset[int]
    raw: RawTable


def raw_table_from_frame(frame: pd.DataFrame, *, file: str = "<table>") -> RawTable:
    """Wrap a frame with canonical column names (a table built in Python) as a RawTable.

    Values are turned into text; missing provenance columns are filled in
    (``source_row`` counts from 2, as if the frame were a sheet under a header row).
    """
    data = frame.reset_index(drop=True).copy()
    for column in data.columns:
        if column in PROVENANCE_COLUMNS:
            continue
        data[column] = pd.Series(
            [_as_text(value) for value in data[column]], dtype=object, index=data.index
        )
    if "source_file" not in data.columns:
        data["source_file"] = pd.Series([file] * len(data), dtype=object, index=data.index)
    if "source_sheet" not in data.columns:
        data["source_sheet"] = pd.Series([None] * len(data), dtype=object, index=data.index)
    if "source_row" not in data.columns:
        data["source_row"] = pd.Series(range(2, len(data) + 2), dtype="int64", index=data.index)
    headers = tuple(str(c) for c in data.columns if c not in PROVENANCE_COLUMNS)
    columns = {c: c for c in headers if c in CANONICAL_COLUMNS}
    return RawTable(
        frame=data, file=file, sheet=None, encoding=None, headers=headers, columns=columns
    )


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if value is pd.NA or value is pd.NaT:
        return None
    text = str(value).strip()
    return text or None


class _Collector:
    """Builds issues for one table."""

    def __init__(self, raw: RawTable) -> None:
        self.raw = raw
        self.issues: list[Issue] = list(raw.issues)
        self.bad_rows: set[int] = set()
        self._source_rows: dict[int, int] | None = None

    def source_row(self, index: int) -> int:
        """The spreadsheet row of a frame index (looked up in a dict: ``.at`` is slow)."""
        if self._source_rows is None:
            frame = self.raw.frame
            self._source_rows = dict(zip(frame.index, frame["source_row"].tolist(), strict=True))
        return int(self._source_rows[index])

    def add(
        self,
        severity: Severity,
        code: str,
        message: str,
        *,
        index: int | None = None,
        column: str | None = None,
        value: str | None = None,
    ) -> None:
        row = None if index is None else self.source_row(index)
        header = None if column is None else self.raw.header_of(column)
        self.issues.append(
            Issue(
                severity,
                code,
                self.raw.file,
                message,
                sheet=self.raw.sheet,
                row=row,
                column=column,
                header=header,
                value=value,
            )
        )
        if severity == "error" and index is not None:
            self.bad_rows.add(index)


def validate_table(table: RawTable | pd.DataFrame) -> ValidatedTable:
    """Check every row of a table for problems that need no gazetteer.

    Checks: required columns, blank or placeholder donor or recipient, kinds, adcode
    overrides, years (and ``end_year`` before ``start_year``), amounts (numbers or Chinese
    text, approximate or not, scaled by the unit in their header or unit row; not
    negative; bounded, and so are the totals of each pair and group), merged amount
    cells (stored once), coordinates (in range, both given), extra numeric columns, and
    exact duplicate rows. Every problem is collected; nothing is raised.

    Parameters
    ----------
    table
        A table from :func:`pairings.io.read_table`, or a frame with canonical columns.

    Returns
    -------
    ValidatedTable
        The typed rows, the report and the rows with errors.
    """
    raw = table if isinstance(table, RawTable) else raw_table_from_frame(table)
    source = raw.frame
    out = _Collector(raw)
    _check_required(raw, out)
    if len(source) == 0:
        out.add("warning", "no_rows", "has a header but no data rows; add one row per pair.")
    text = _texts(source)
    columns: dict[str, Any] = {column: source[column] for column in PROVENANCE_COLUMNS}
    for column in TEXT_COLUMNS:
        columns[column] = text(column)
    columns["program_key"] = pd.Series(
        [program_key(v) for v in columns["program"]], dtype=object, index=source.index
    )
    for side in SIDES:
        columns[side] = _parties(columns[side], side, out, present=side in source.columns)
    for side in SIDES:
        _blank_parties(columns, side, out, present=side in source.columns)
        for suffix, read in (("kind", _read_kind), ("adcode", _read_adcode)):
            column = f"{side}_{suffix}"
            columns[column] = pd.Series(
                _column(text(column), column, out, read), dtype=object, index=source.index
            )
    _years(columns, text, out)
    for side in SIDES:
        _coordinates(source, columns, out, side=side, text=text)
    figures = _add_figures(columns, raw, text, out)
    _duplicates(source, out, columns=[c for c in source.columns if c not in PROVENANCE_COLUMNS])
    ordered = [
        *PROVENANCE_COLUMNS,
        *[c for c in CANONICAL_COLUMNS if c in columns],
        "program_key",
        "approximate",
        *figures.extras,
    ]
    frame = pd.DataFrame({column: columns[column] for column in ordered}, index=source.index)
    units = {found.column: found.unit for found in figures.units}
    with_meta(frame, decide_metrics(frame.columns, extras=figures.extras, units=units))
    report = Report(
        issues=sort_issues(out.issues), tables=(_summary(raw, figures),), rows_read=len(source)
    )
    return ValidatedTable(frame=frame, report=report, bad_rows=frozenset(out.bad_rows), raw=raw)


def _add_figures(
    columns: dict[str, Any], raw: RawTable, text: Callable[[str], pd.Series], out: _Collector
) -> Figures:
    """Read the metric columns into ``columns``, with ``group`` and ``approximate``."""
    pairs = [f"{d} → {r}" for d, r in zip(text("donor"), text("recipient"), strict=True)]
    figures = read_figures(raw, out, group=columns["group"].tolist(), pairs=pairs)
    index = raw.frame.index
    for name, values in figures.values.items():
        columns[name] = np.asarray(values, dtype="float64")
    columns["group"] = pd.Series(figures.group, dtype=object, index=index)
    columns["approximate"] = pd.Series(figures.approximate, dtype=object, index=index)
    return figures


def _texts(source: pd.DataFrame) -> Callable[[str], pd.Series]:
    """A reader of a column's cells as text (None when blank or absent)."""

    def text(column: str) -> pd.Series:
        if column not in source.columns:
            return pd.Series([None] * len(source), dtype=object, index=source.index)
        return pd.Series(
            [None if v is None else str(v) for v in source[column]],
            dtype=object,
            index=source.index,
        )

    return text


def _summary(raw: RawTable, figures: Figures) -> TableSummary:
    mapped = tuple(raw.columns.items())
    return TableSummary(
        file=raw.file,
        sheet=raw.sheet,
        encoding=raw.encoding,
        rows=len(raw.frame),
        columns=tuple((header, canonical) for canonical, header in mapped)
        + tuple((column, "extra metric") for column in figures.extras),
        ignored=figures.ignored,
        units=tuple(
            (found.column, found.header, found.unit.text, found.unit.scale)
            for found in figures.units
        ),
    )


def _check_required(raw: RawTable, out: _Collector) -> None:
    missing = [column for column in REQUIRED_COLUMNS if column not in raw.frame.columns]
    if not missing:
        return
    found = ", ".join(f"'{h}'" for h in raw.headers if h) or "none"
    others = [name for name in raw.sheets if name != raw.sheet]
    sheets = (
        " The workbook's other sheets: "
        + ", ".join(f"'{name}'" for name in others)
        + "; choose one with --sheet."
        if others
        else ""
    )
    for column in missing:
        out.add(
            "error",
            "missing_column",
            f"the table has no {column} column; the headers found are: {found}. Name "
            f"the column '{column}' (or a Chinese header such as "
            f"{'帮扶方' if column == 'donor' else '受援方'}), or map it with "
            f"--column {column}=HEADER.{sheets}",
            column=column,
        )
    out.bad_rows.update(raw.frame.index)


def _parties(names: pd.Series, side: str, out: _Collector, *, present: bool) -> pd.Series:
    """The names of one side, with placeholders (N/A, -, 无) reported and made blank."""
    if not present:
        return names
    kept = names.copy()
    for index, name in names.items():
        if is_placeholder(name):
            out.add(
                "error",
                "placeholder_name",
                f"is a placeholder for “no value”, not a name; write the {side}'s name, or "
                "delete the row if it has none.",
                index=index,
                column=side,
                value=name,
            )
            kept[index] = None
    return kept


def _blank_parties(
    columns: Mapping[str, pd.Series], side: str, out: _Collector, *, present: bool
) -> None:
    if not present:
        return
    other = "recipient" if side == "donor" else "donor"
    reported = {issue.row for issue in out.issues if issue.code == "placeholder_name"}
    rows = out.raw.frame["source_row"]
    for index in columns[side].index[columns[side].isna()]:
        if int(rows[index]) in reported and out.raw.frame.at[index, side] is not None:
            continue
        out.add(
            "error",
            "blank_name",
            f"is blank; write the {side}'s name (the {other} is "
            f"'{columns[other][index] or ''}'), or delete the row.",
            index=index,
            column=side,
        )


def _years(columns: dict[str, Any], text: Callable[[str], pd.Series], out: _Collector) -> None:
    for column in YEAR_COLUMNS:
        values = [_year(value, column, index, out) for index, value in text(column).items()]
        columns[column] = pd.array(values, dtype="Int64")
    starts, ends = columns["start_year"], columns["end_year"]
    for position, index in enumerate(out.raw.frame.index):
        start, end = starts[position], ends[position]
        if start is not pd.NA and end is not pd.NA and end < start:
            out.add(
                "error",
                "end_before_start",
                f"is before start_year {start}; swap them or correct one.",
                index=index,
                column="end_year",
                value=str(out.raw.frame.at[index, "end_year"]),
            )


def _column(
    values: pd.Series,
    column: str,
    out: _Collector,
    read: Callable[[str, str], tuple[object, str | None]],
) -> list[object]:
    result: list[object] = []
    for index, value in values.items():
        if value is None:
            result.append(None)
            continue
        parsed, problem = read(value, column)
        if problem is not None:
            out.add(
                "error",
                f"bad_{column.split('_')[-1]}",
                problem,
                index=index,
                column=column,
                value=value,
            )
        result.append(parsed)
    return result


def _read_kind(value: str, column: str) -> tuple[object, str | None]:
    try:
        return kind_key(value), None
    except ValueError:
        return None, f"is not a kind; use one of {', '.join(KINDS)} (or leave it blank)."


def _read_adcode(value: str, column: str) -> tuple[object, str | None]:
    match = _ADCODE.match(normalise_text(value))
    if match is None:
        return None, (
            "is not an adcode; an adcode has six digits, such as 451324 (look it up with "
            "`pairmap places NAME`), or leave the cell blank to use the name."
        )
    return match[1], None


def _year(value: str | None, column: str, index: int, out: _Collector) -> int | None:
    """A year cell as a year; dates give their year (with a notice), spans a hint."""
    if value is None:
        return None
    year, problem, notice = _read_year(normalise_text(value).replace(" ", ""))
    low, high = YEAR_RANGE
    if year is not None and not low <= year <= high:
        year, notice = None, None
        problem = f"is not a plausible year (expected {low}–{high}); correct it."
    if notice is not None:
        out.add("info", notice[0], notice[1], index=index, column=column, value=value)
    if problem is not None:
        out.add("error", "bad_year", problem, index=index, column=column, value=value)
    return year


def _read_year(text: str) -> tuple[int | None, str | None, tuple[str, str] | None]:
    """``(year, problem, (code, notice))`` for a year cell's normalised text."""
    if is_placeholder(text):
        return None, None, ("placeholder", "is a placeholder for “no value”; read as blank.")
    if (match := _YEAR.match(text)) is not None:
        return int(match[1]), None, None
    if (match := _DATE.match(text)) is not None:
        year = int(match[1])
        notice = (
            f"is a date; read as its year, {year}. Write the year alone to silence this notice."
        )
        return year, None, ("date_as_year", notice)
    if (match := _YEAR_SPAN.match(text)) is not None:
        return (
            None,
            f"is a span of years; put {match[1]} in start_year and {match[2]} in end_year.",
            None,
        )
    return None, "is not a year; write four digits such as 2021, or leave it blank.", None


def _coordinates(
    source: pd.DataFrame,
    frame: MutableMapping[str, Any],
    out: _Collector,
    *,
    side: str,
    text: Callable[[str], pd.Series],
) -> None:
    lon_col, lat_col = f"{side}_lon", f"{side}_lat"
    lons, lats = text(lon_col).tolist(), text(lat_col).tolist()  # lists: Series[i] is slow
    lon_values, lat_values = [], []
    for index, lon_text, lat_text in zip(source.index, lons, lats, strict=True):
        lon = _coordinate(lon_text, lon_col, index, out)
        lat = _coordinate(lat_text, lat_col, index, out)
        for given, blank, written, missing in (
            (lon_text, lat_text, lon_col, lat_col),
            (lat_text, lon_text, lat_col, lon_col),
        ):
            if given is not None and blank is None:
                out.add(
                    "error",
                    "half_coordinates",
                    f"is blank but {written} is given; give both {lon_col} and {lat_col}, "
                    "or neither.",
                    index=index,
                    column=missing,
                )
        if not (math.isnan(lon) or math.isnan(lat)) and not _in_china(
            out, index, side=side, lon=(lon, lon_text), lat=(lat, lat_text)
        ):
            lon = lat = math.nan
        lon_values.append(lon)
        lat_values.append(lat)
    frame[lon_col] = pd.Series(lon_values, index=source.index, dtype="float64")
    frame[lat_col] = pd.Series(lat_values, index=source.index, dtype="float64")


def _in_china(
    out: _Collector,
    index: Any,
    *,
    side: str,
    lon: tuple[float, str | None],
    lat: tuple[float, str | None],
) -> bool:
    """Whether a point lies in China's box; each coordinate outside it is reported."""
    lon_col, lat_col = f"{side}_lon", f"{side}_lat"
    (x, x_text), (y, y_text) = lon, lat
    lon_ok = LON_RANGE[0] <= x <= LON_RANGE[1]
    lat_ok = LAT_RANGE[0] <= y <= LAT_RANGE[1]
    swapped = LON_RANGE[0] <= y <= LON_RANGE[1] and LAT_RANGE[0] <= x <= LAT_RANGE[1]
    hint = (
        f" It looks swapped with {lat_col}: put longitude (east, {LON_RANGE[0]:g}–"
        f"{LON_RANGE[1]:g}) in {lon_col}."
        if swapped
        else ""
    )
    if not lon_ok:
        out.add(
            "error",
            "coordinate_out_of_range",
            f"is outside China (longitude {LON_RANGE[0]:g}–{LON_RANGE[1]:g} east, "
            f"WGS84 degrees); correct it.{hint}",
            index=index,
            column=lon_col,
            value=x_text,
        )
    if not lat_ok:
        out.add(
            "error",
            "coordinate_out_of_range",
            f"is outside China (latitude {LAT_RANGE[0]:g}–{LAT_RANGE[1]:g} north, "
            "WGS84 degrees); correct it.",
            index=index,
            column=lat_col,
            value=y_text,
        )
    return lon_ok and lat_ok


def _coordinate(value: str | None, column: str, index: int, out: _Collector) -> float:
    if value is None:
        return math.nan
    text = normalise_text(value).replace(" ", "").rstrip("°")
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        out.add(
            "error",
            "bad_coordinate",
            "is not a coordinate; write decimal degrees (WGS84) such as 113.26.",
            index=index,
            column=column,
            value=value,
        )
        return math.nan
    return number


def _duplicates(source: pd.DataFrame, out: _Collector, *, columns: list[str]) -> None:
    if not len(source) or not columns:
        return
    first_seen: dict[tuple[object, ...], int] = {}
    values = source[columns].to_numpy(dtype=object)
    for index, row in zip(source.index, values, strict=True):
        key = tuple(None if v is None else normalise_text(str(v)) for v in row)
        if key in first_seen:
            first_row = int(source.at[first_seen[key], "source_row"])
            out.add(
                "error",
                "duplicate_row",
                f"repeats row {first_row} exactly; delete one, or tell them apart (round, "
                "start_year, note) if both are meant.",
                index=index,
            )
        else:
            first_seen[key] = index
