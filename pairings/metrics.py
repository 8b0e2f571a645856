"""What a pairing table's metric columns hold, decided once and carried with the table.

Validation decides which columns are metrics (the named ones, then the extra columns
whose cells read as amounts), with each one's label, unit and kind. The description
travels in the frame's ``attrs`` (``frame.attrs["pairmap"]``, a :class:`TableMeta`) through
resolution and selection; :func:`table_meta` reads it back. A frame that lost its
``attrs`` (built by hand, or through a pandas operation that drops them) is described
again by the same rule, and gets the same answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from pairmap.pairings.amounts import Unit
from pairmap.pairings.schema import (
    METRIC_COLUMNS,
    METRIC_LABELS,
    MONEY_COLUMNS,
    NON_METRIC_COLUMNS,
    VISIT_COLUMNS,
    split_header_unit,
)

#: What a metric counts: yuan, people, things, visits (人次), or plain numbers.
MetricKind = Literal["money", "persons", "count", "visits", "number"]

#: Key of a pairing frame's :class:`TableMeta` in ``DataFrame.attrs``.
ATTRS_KEY = "pairmap"

#: Columns of a resolved frame that hold clean text (``str``) or ``None``, nothing else.
TEXT_COLUMNS: tuple[str, ...] = (
    "source_file",
    "source_sheet",
    *(
        f"{side}{suffix}"
        for side in ("donor", "recipient")
        for suffix in ("", "_adcode", "_unit", "_level", "_province_adcode", "_kind")
    ),
    "program",
    "program_key",
    "round",
    "level",
    "group",
    "note",
    "source",
    "source_date",
)

#: Units that count people, not things.
_PERSON_UNITS = frozenset({"人", "名", "位"})


@dataclass(frozen=True)
class Metric:
    """A metric column: what it is called and what its numbers count.

    Attributes
    ----------
    column
        The column of the pairing frame.
    label
        Its Chinese label, the same in the template, legend, popups and help.
    kind
        ``"money"`` (yuan), ``"persons"``, ``"count"`` (things), ``"visits"`` (人次) or
        ``"number"`` (an extra column with no unit).
    unit
        The unit of the numbers in the frame: ``元``, ``人``, ``所``, ``人次``; ``""`` for
        none. Numbers written in 万元 or 万人 were scaled to it during validation (the
        report lists each scaled column).
    """

    column: str
    label: str
    kind: MetricKind
    unit: str

    @property
    def display_unit(self) -> str:
        """``"cny"`` for money (shown in 元/万元/亿元), else the unit word."""
        return "cny" if self.kind == "money" else self.unit


@dataclass(frozen=True)
class TableMeta:
    """What validation decided about a pairing frame's columns.

    Attributes
    ----------
    metrics
        The metric columns, named ones in schema order, then extra ones in table order.
    text_columns
        Columns holding clean text or ``None`` (no NaN, no surrounding spaces).
    """

    metrics: tuple[Metric, ...] = ()
    text_columns: tuple[str, ...] = ()

    def __deepcopy__(self, memo: dict[int, object]) -> TableMeta:
        """Itself: it cannot change, and pandas deep-copies ``attrs`` on every operation."""
        return self

    @property
    def metric_columns(self) -> tuple[str, ...]:
        """The metric columns' names, in order."""
        return tuple(metric.column for metric in self.metrics)

    def metric(self, column: str) -> Metric:
        """The metric of ``column``; a column not listed is described by its name."""
        for metric in self.metrics:
            if metric.column == column:
                return metric
        return describe_metric(column)


def _kind(unit: Unit | None, base: str) -> MetricKind:
    if unit is not None and unit.kind in ("money", "visits"):
        return unit.kind
    if base in _PERSON_UNITS:
        return "persons"
    return "count" if base else "number"


def describe_metric(column: str, unit: Unit | None = None) -> Metric:
    """Describe a metric column: a named or shipped one by its label, an extra one by its
    header, whose unit (``游客（万人次）``, or ``unit`` from a unit row) sets its kind.

    Examples
    --------
    >>> describe_metric("funds_cny")
    Metric(column='funds_cny', label='帮扶资金', kind='money', unit='元')
    >>> describe_metric("培训（万人次）")
    Metric(column='培训（万人次）', label='培训', kind='visits', unit='人次')
    """
    if column in METRIC_LABELS:
        label, base = METRIC_LABELS[column]
        if column in MONEY_COLUMNS:
            return Metric(column, label, "money", base)
        if column in VISIT_COLUMNS:
            return Metric(column, label, "visits", base)
        return Metric(column, label, "persons" if base in _PERSON_UNITS else "count", base)
    label, from_header = split_header_unit(column)
    found = from_header or unit
    if from_header is None:
        label = column
    base = "" if found is None else ("元" if found.kind == "money" else found.base)
    return Metric(column, label, _kind(found, base), base)


def decide_metrics(
    columns: Iterable[str], *, extras: Sequence[str], units: Mapping[str, Unit]
) -> TableMeta:
    """The metrics of a validated table: the named metric columns among ``columns``, then
    ``extras``; ``units`` are the units read for columns (from headers or a unit row)."""
    present = set(columns)
    named = [c for c in METRIC_COLUMNS if c in present]
    metrics = tuple(describe_metric(c, units.get(c)) for c in (*named, *extras))
    return TableMeta(metrics, tuple(c for c in TEXT_COLUMNS if c in present))


def _guess(frame: pd.DataFrame) -> TableMeta:
    """The rule validation follows, applied to a frame's columns and types."""
    extras = [
        column
        for column in frame.columns
        if column not in METRIC_COLUMNS
        and column not in NON_METRIC_COLUMNS
        and pd.api.types.is_numeric_dtype(frame[column])
        and not pd.api.types.is_bool_dtype(frame[column])
    ]
    return decide_metrics(frame.columns, extras=extras, units={})


def with_meta(frame: pd.DataFrame, meta: TableMeta) -> pd.DataFrame:
    """Attach ``meta`` to ``frame`` (a frame the caller has just built) and return it."""
    frame.attrs[ATTRS_KEY] = meta
    return frame


def table_meta(frame: pd.DataFrame) -> TableMeta:
    """What validation decided about ``frame``'s columns, limited to the columns it has.

    A frame without pairmap's ``attrs`` is described by the same rule validation uses:
    the named metric columns present, then every other numeric column that is not an
    identifier, year, coordinate or provenance column, each with the unit its name
    gives. (Only an extra column whose unit was written in a unit row under the header,
    not in the header, cannot be told again: it is described without a unit.)
    """
    meta = frame.attrs.get(ATTRS_KEY)
    if not isinstance(meta, TableMeta):
        return _guess(frame)
    present = set(frame.columns)
    return TableMeta(
        tuple(m for m in meta.metrics if m.column in present),
        tuple(c for c in meta.text_columns if c in present),
    )


def table_metrics(frame: pd.DataFrame) -> tuple[Metric, ...]:
    """The metrics of a pairing frame (see :func:`table_meta`)."""
    return table_meta(frame).metrics


def merge_meta(metas: Iterable[TableMeta]) -> TableMeta:
    """One description of tables put together: each column once, first description first."""
    metrics: dict[str, Metric] = {}
    text: dict[str, None] = {}
    for meta in metas:
        for metric in meta.metrics:
            metrics.setdefault(metric.column, metric)
        text.update(dict.fromkeys(meta.text_columns))
    named = [metrics.pop(c) for c in METRIC_COLUMNS if c in metrics]
    return TableMeta((*named, *metrics.values()), tuple(c for c in TEXT_COLUMNS if c in text))


def concat_pairs(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Pairing frames one after another, indexed from 0, their descriptions merged."""
    if not frames:
        return pd.DataFrame()
    combined = pd.concat(list(frames), ignore_index=True)
    return with_meta(combined, merge_meta(table_meta(frame) for frame in frames))
