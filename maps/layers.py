"""Pure builders of a map's layers: nodes, flows, colours, groups, fills and toggles.

Each builder takes the resolved pairing frame (docs/design.md) and returns plain
JSON-able data for the page; none of them reads or writes files or changes its
input. Flows are compact columnar records (node indices, width, colour, filter
indices, string-table indices): the page computes the curves and arrowheads.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import PurePath
from typing import Any

import pandas as pd

from pairmap.maps.cells import column as _column
from pairmap.maps.cells import number, text
from pairmap.maps.lang import ROLES_EN, format_amount, metric_text, text_of
from pairmap.maps.nodes import NodePlan, unit_roles
from pairmap.maps.options import ColourBy, Fill, map_choice
from pairmap.maps.palette import (
    OTHER,
    PROVINCE_COLOURS,
    Colouring,
    categorical_with_groups,
)
from pairmap.maps.payload import (
    ColoursPart,
    FillItem,
    FillPart,
    FilterItem,
    FiltersPart,
    FlowsPart,
    GroupsPart,
    MetricItem,
)
from pairmap.maps.style import (
    ROLE_COLOURS,
    ROLE_LABELS,
    SEQUENTIAL,
    WidthScale,
    level_label,
)
from pairmap.pairings.metrics import table_meta

_ADMIN_KINDS = frozenset({"", "government", "province", "prefecture", "county"})


class ColourPlan(ColoursPart):
    """The colours' part of the page, per flow the index of its colour in ``drawn``, and
    (combined maps) the groups merged into the groups' 其他."""

    flow_keys: list[int]
    groups_merged: list[str]


class FilterPlan(FiltersPart):
    """The toggles' part of the page and, per flow, the index of each of its toggles."""

    flow_program: list[int]
    flow_round: list[int]
    flow_level: list[int]


class Choropleth(FillPart):
    """The unit fill's part of the page and its legend items."""

    legend: list[FillItem]


def approximate_flags(pairs: pd.DataFrame, metric: str) -> list[int]:
    """1 for each pair whose ``metric`` was written as approximate (约, 余, 多), else 0.

    Reads the resolved frame's ``approximate`` column (a tuple of metric names per pair).
    """
    return [
        int(isinstance(names, tuple | list | set | frozenset) and metric in names)
        for names in pairs["approximate"].tolist()
    ]


def _texts(pairs: pd.DataFrame, name: str) -> list[str]:
    """A text column's cells, ``""`` where blank.

    The resolved frame's text columns already hold clean strings or None
    (:data:`pairings.metrics.TEXT_COLUMNS`), so cells are taken as they are.
    """
    values: list[str] = pairs[name].fillna("").tolist()
    return values


class StringTable:
    """Interns strings so each distinct text is stored once in the page."""

    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self.strings: list[str] = []

    def add(self, string: str) -> int:
        """Return the index of ``string``, ``-1`` when empty."""
        if not string:
            return -1
        if string not in self._index:
            self._index[string] = len(self.strings)
            self.strings.append(string)
        return self._index[string]


def _file_name(name: str) -> str:
    """The file name of a provenance path (pages never show a machine's folders)."""
    return PurePath(name.replace("\\", "/")).name if name else ""


def resolve_colour_mode(pairs: pd.DataFrame, color_by: ColourBy | str) -> ColourBy:
    """Pick the colour mode ``auto`` stands for: groups, else donor provinces, else prefectures.

    Raises
    ------
    pairmap.errors.MapOptionError
        For a value that is not a :class:`~pairmap.maps.options.ColourBy`.
    """
    mode = map_choice(ColourBy, color_by, option="color_by")
    if mode is not ColourBy.AUTO:
        return mode
    if any(text(g) for g in _column(pairs, "group")):
        return ColourBy.GROUP
    if len({text(p) for p in _column(pairs, "donor_province_adcode")}) > 1:
        return ColourBy.DONOR_PROVINCE
    return ColourBy.DONOR_PREFECTURE


def colour_plan(
    pairs: pd.DataFrame, *, color_by: ColourBy | str, units: pd.DataFrame | None = None
) -> ColourPlan:
    """Assign each flow a colour key and each key a colour and a readable label.

    On a combined map (coloured by donor or programme, with 组团 groups in the table) a
    group's lines take the group's own colour: the palette is split
    (:func:`maps.palette.categorical_with_groups`) so every group colour differs from
    every category colour, and the categories colour the lines outside any group.

    Parameters
    ----------
    pairs
        Resolved pairing frame.
    color_by
        A :class:`~pairmap.maps.options.ColourBy` or its value.
    units
        Unit table (``adcode, name, prefecture_adcode``) naming donor prefectures and
        provinces; without it keys are labelled by the names found in ``pairs``.

    Returns
    -------
    ColourPlan
        ``mode``, ``keys`` (the keys that keep a colour, sorted, then 其他 when some
        merged), ``colours``, ``labels`` (aligned with ``keys``), ``merged`` (labels of
        the keys drawn as 其他, the smallest by number of flows:
        :func:`maps.palette.categorical`), ``drawn`` (every colour a line is drawn in:
        ``colours``, then on a combined map the groups' colours), ``flow_keys`` (one
        index into ``drawn`` per flow) and ``groups_merged`` (on a combined map, the
        groups drawn in the groups' 其他 colour).
    """
    mode = resolve_colour_mode(pairs, color_by)
    flow_keys, labels, fixed = _colour_keys(pairs, mode, units)
    groups = _texts(pairs, "group") if mode != "group" else [""] * len(pairs)
    categories, by_group = categorical_with_groups(
        Counter(k for k, g in zip(flow_keys, groups, strict=True) if not g),
        Counter(g for g in groups if g),
        preferred=fixed,
    )
    keys = list(categories.colours)
    labels[OTHER] = OTHER
    position = _positions(categories, offset=0)
    group_position = _positions(by_group, offset=len(keys))
    return {
        "mode": mode,
        "keys": keys,
        "colours": [categories.colours[k] for k in keys],
        "labels": [labels[k] for k in keys],
        "merged": [labels[k] for k in categories.merged],
        "drawn": [*categories.colours.values(), *by_group.colours.values()],
        "flow_keys": [
            group_position[g] if g else position[k] for k, g in zip(flow_keys, groups, strict=True)
        ],
        "groups_merged": list(by_group.merged),
    }


def _positions(colouring: Colouring, *, offset: int) -> dict[str, int]:
    """Each key's index into a plan's ``drawn`` colours (merged keys: their 其他's)."""
    position = {k: offset + i for i, k in enumerate(colouring.colours)}
    position.update(dict.fromkeys(colouring.merged, position.get(OTHER, -1)))
    return position


def _colour_keys(
    pairs: pd.DataFrame, mode: ColourBy, units: pd.DataFrame | None
) -> tuple[list[str], dict[str, str], dict[str, str] | None]:
    """Each flow's colour key in ``mode``, each key's label and the keys' preferred colours."""
    names = {}
    prefecture_of: dict[str, str] = {}
    if units is not None:
        names = dict(zip(units["adcode"], units["name"], strict=True))
        prefecture_of = {
            a: p for a, p in zip(units["adcode"], units["prefecture_adcode"], strict=True) if p
        }
    for adcode, unit in zip(
        _texts(pairs, "donor_adcode"), _texts(pairs, "donor_unit"), strict=True
    ):
        names.setdefault(adcode, unit)
    if mode == "group":
        flow_keys = [g or "（未分组）" for g in _texts(pairs, "group")]
        return flow_keys, {k: k for k in flow_keys}, None
    if mode == "program":
        flow_keys = [
            k or p or "（未注明）"
            for k, p in zip(_texts(pairs, "program_key"), _texts(pairs, "program"), strict=True)
        ]
        labels: dict[str, str] = {}
        for key, program in zip(flow_keys, _texts(pairs, "program"), strict=True):
            labels.setdefault(key, program or key)
        return flow_keys, labels, None
    if mode == "donor_province":
        flow_keys = _texts(pairs, "donor_province_adcode")
        return flow_keys, {k: names.get(k, k) for k in flow_keys}, PROVINCE_COLOURS
    flow_keys = [
        prefecture_of.get(a, a) if lv == "county" else a
        for a, lv in zip(_texts(pairs, "donor_adcode"), _texts(pairs, "donor_level"), strict=True)
    ]
    return flow_keys, {k: names.get(k, k) for k in flow_keys}, None


def filters_layer(pairs: pd.DataFrame) -> FilterPlan:
    """Build the toggle groups: programmes, rounds and levels present, each sorted.

    Returns
    -------
    FilterPlan
        ``program``, ``round``, ``level``: lists of ``{"key", "label"}``; and per flow the
        index into each list (``flow_program``, ``flow_round``, ``flow_level``).
    """
    programs = [
        k or p or "-"
        for k, p in zip(_texts(pairs, "program_key"), _texts(pairs, "program"), strict=True)
    ]
    program_names: dict[str, str] = {}
    for key, program in zip(programs, _column(pairs, "program"), strict=True):
        program_names.setdefault(key, text(program) or "未注明项目")
    rounds = [text(r) or "-" for r in _column(pairs, "round")]
    levels = [text(lv) or "-" for lv in _column(pairs, "level")]
    items: dict[str, list[FilterItem]] = {}
    indices: dict[str, list[int]] = {}
    labellers: tuple[tuple[str, list[str], Callable[[str], str]], ...] = (
        ("program", programs, lambda k: program_names[k]),
        ("round", rounds, lambda k: "未注明轮次" if k == "-" else f"{k}年轮次"),
        ("level", levels, lambda k: "未注明层级" if k == "-" else level_label(k)),
    )
    for name, keys, label in labellers:
        ordered = sorted(set(keys))
        position = {k: i for i, k in enumerate(ordered)}
        items[name] = [{"key": k, "label": label(k)} for k in ordered]
        indices[name] = [position[k] for k in keys]
    return {
        "program": items["program"],
        "round": items["round"],
        "level": items["level"],
        "flow_program": indices["program"],
        "flow_round": indices["round"],
        "flow_level": indices["level"],
    }


def flows_layer(
    pairs: pd.DataFrame,
    *,
    nodes: NodePlan,
    width_scale: WidthScale,
    colours: ColourPlan,
    filters: FilterPlan,
    groups: GroupsPart,
    strings: StringTable,
) -> FlowsPart:
    """Build one compact record per flow, in the order of ``pairs``.

    Parameters
    ----------
    pairs
        Resolved pairing frame; one flow per row.
    nodes
        Output of :func:`maps.nodes.nodes_layer` for the same pairs (each pair's two
        node indices).
    width_scale
        The (possibly book-wide) line-width scale.
    colours, filters, groups
        Outputs of :func:`colour_plan`, :func:`filters_layer`, :func:`groups_layer`.
    strings
        String table that receives names, notes and sources.

    Returns
    -------
    FlowsPart
        Columnar lists: ``d``, ``r`` (node indices), ``w`` (width px), ``c`` (colour key
        index), ``p``, ``ro``, ``lv`` (filter indices), ``g`` (group index or -1),
        ``dn``, ``rn`` (names as written), ``y0``, ``y1`` (years or null), ``src``,
        ``date``, ``note``, ``file`` (string indices or -1), ``row``, ``dash`` (1 when
        the width metric is missing), ``m`` (metric -> values or null) and ``ma``
        (metric -> 1 for each approximate value, else 0; only metrics with one).
    """
    metric = width_scale.metric
    metrics = [c for c in table_meta(pairs).metric_columns if pairs[c].notna().any()]
    width_values = pairs[metric].tolist() if metric else [None] * len(pairs)
    group_index = {name: i for i, name in enumerate(groups["names"])}
    flows: FlowsPart = {
        "d": list(nodes.donor),
        "r": list(nodes.recipient),
        "w": [width_scale.width(number(v)) for v in width_values],
        "dash": [int(metric is not None and number(v) is None) for v in width_values],
        "c": list(colours["flow_keys"]),
        "p": list(filters["flow_program"]),
        "ro": list(filters["flow_round"]),
        "lv": list(filters["flow_level"]),
        "g": [group_index.get(g, -1) for g in _texts(pairs, "group")],
        "dn": [strings.add(v) for v in _texts(pairs, "donor")],
        "rn": [strings.add(v) for v in _texts(pairs, "recipient")],
        "y0": [int(v) if number(v) is not None else None for v in pairs["start_year"].tolist()],
        "y1": [int(v) if number(v) is not None else None for v in pairs["end_year"].tolist()],
        "src": [strings.add(v) for v in _texts(pairs, "source")],
        "date": [strings.add(v) for v in _texts(pairs, "source_date")],
        "note": [strings.add(v) for v in _texts(pairs, "note")],
        "file": [strings.add(_file_name(v)) for v in _texts(pairs, "source_file")],
        "sheet": [strings.add(v) for v in _texts(pairs, "source_sheet")],
        "row": [int(v) if number(v) is not None else None for v in pairs["source_row"].tolist()],
        "m": {c: [number(v) for v in pairs[c].tolist()] for c in metrics},
        "ma": {},
    }
    for column in metrics:
        flags = approximate_flags(pairs, column)
        if any(flags):
            flows["ma"][column] = flags
    return flows


def metrics_layer(pairs: pd.DataFrame) -> list[MetricItem]:
    """Describe the metric columns with values: ``{"column", "label", "unit"}`` in order.

    The labels and units are those validation decided (:func:`pairings.metrics.table_meta`);
    ``unit`` is ``"cny"`` for money (shown in 元/万元/亿元), else the unit word.
    """
    return [
        {"column": m.column, "label": m.label, "unit": m.display_unit}
        for m in table_meta(pairs).metrics
        if pairs[m.column].notna().any()
    ]


#: Members named in a group's legend entry before the rest are counted ("等N方").
GROUP_MEMBERS_SHOWN = 3


def _member_list(names: list[str]) -> str:
    """``A、B、C`` or, past :data:`GROUP_MEMBERS_SHOWN` names, ``A、B、C等5方``."""
    if len(names) <= GROUP_MEMBERS_SHOWN:
        return "、".join(names)
    return "、".join(names[:GROUP_MEMBERS_SHOWN]) + f"等{len(names)}方"


def groups_layer(pairs: pd.DataFrame, *, colours: ColourPlan) -> GroupsPart:
    """Build the 组团 / 多对一 groups: name, colours, members and their recipients.

    Returns
    -------
    GroupsPart
        ``names`` (sorted); ``colours`` (the one colour each group's lines are drawn
        in: its own, also on a combined map, see :func:`colour_plan`); ``merged``
        (groups drawn in the groups' 其他 colour on a combined map); ``members``
        (readable ``donors → recipients`` text, names as written); ``donors`` and
        ``recipients`` (adcode lists per group).
    """
    groups: dict[str, dict[str, Any]] = {}
    for index, (group, donor, recipient, donor_name, recipient_name) in enumerate(
        zip(
            _texts(pairs, "group"),
            _texts(pairs, "donor_adcode"),
            _texts(pairs, "recipient_adcode"),
            _texts(pairs, "donor"),
            _texts(pairs, "recipient"),
            strict=True,
        )
    ):
        name = group
        if not name:
            continue
        entry = groups.setdefault(
            name,
            {
                "donors": set(),
                "recipients": set(),
                "colours": {},
                "donor_names": {},
                "recipient_names": {},
            },
        )
        entry["donors"].add(donor)
        entry["recipients"].add(recipient)
        entry["colours"].setdefault(colours["drawn"][colours["flow_keys"][index]], None)
        entry["donor_names"].setdefault(donor_name or donor, None)
        entry["recipient_names"].setdefault(recipient_name or recipient, None)
    names = sorted(groups)
    return {
        "names": names,
        "colours": [_one_colour(n, groups[n]["colours"]) for n in names],
        "merged": list(colours["groups_merged"]),
        "members": [
            _member_list(list(groups[n]["donor_names"]))
            + " → "
            + _member_list(list(groups[n]["recipient_names"]))
            for n in names
        ],
        "donors": [sorted(groups[n]["donors"]) for n in names],
        "recipients": [sorted(groups[n]["recipients"]) for n in names],
    }


def _one_colour(group: str, colours: dict[str, None]) -> str:
    """The colour of a group's lines (all of them are drawn in it, see :func:`colour_plan`)."""
    if len(colours) != 1:
        raise ValueError(f"group {group!r} is drawn in {len(colours)} colours: {list(colours)}")
    return next(iter(colours))


def _breaks(values: Sequence[float], *, classes: int) -> list[float]:
    """Upper bounds of up to ``classes`` quantile classes of positive values."""
    ordered = sorted(values)
    bounds: list[float] = []
    for step in range(1, classes + 1):
        position = min(len(ordered) - 1, math.ceil(step * len(ordered) / classes) - 1)
        bound = ordered[position]
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    return bounds


def _approximate_totals(pairs: pd.DataFrame, metric: str, adcodes: pd.Index) -> dict[str, int]:
    """Recipients (of ``adcodes``) whose total of ``metric`` includes an approximate figure."""
    shown = set(map(str, adcodes))
    flagged = {
        str(adcode)
        for adcode, flag in zip(
            _texts(pairs, "recipient_adcode"), approximate_flags(pairs, metric), strict=True
        )
        if flag
    }
    return dict.fromkeys(sorted(flagged & shown), 1)


def choropleth_layer(
    pairs: pd.DataFrame, *, fill: Fill | str, metric: str | None = None, lang: str = "zh"
) -> Choropleth:
    """Fill units by role (donor / recipient / both) or recipients by a metric total.

    Parameters
    ----------
    pairs
        Resolved pairing frame.
    fill
        A :class:`~pairmap.maps.options.Fill` or its value (``"role"``, ``"metric"``,
        ``"none"``).
    metric
        Metric summed per recipient when ``fill == "metric"``.
    lang
        Language of the legend texts.

    Returns
    -------
    Choropleth
        ``mode``, ``title``, ``unit``, ``fills`` (adcode -> colour; a unit of a coarser
        level also tints the polygons inside it), ``values`` (adcode -> total, metric
        mode), ``approx`` (adcode -> 1 when the total includes an approximate figure),
        and ``legend`` items ``{"label", "colour"}``.
    """
    fill = map_choice(Fill, fill, option="fill")
    if fill is Fill.NONE or pairs.empty:
        return {
            "mode": "none",
            "title": None,
            "unit": None,
            "fills": {},
            "values": {},
            "approx": {},
            "legend": [],
        }
    drawable = metric is not None and metric in pairs.columns and pairs[metric].notna().any()
    if fill is Fill.METRIC and drawable:
        return _metric_fill(pairs, str(metric), lang=lang)
    return _role_fill(pairs, lang=lang)


def _metric_fill(pairs: pd.DataFrame, metric: str, *, lang: str) -> Choropleth:
    """Recipients filled by their total of ``metric``, in sequential classes."""
    totals = pairs.groupby("recipient_adcode", sort=True)[metric].sum(min_count=1).dropna()
    totals = totals[totals > 0]
    bounds = _breaks(totals.tolist(), classes=len(SEQUENTIAL))
    palette = SEQUENTIAL[-len(bounds) :] if bounds else SEQUENTIAL
    label, unit = metric_text(table_meta(pairs).metric(metric), lang=lang)
    fills = {
        str(adcode): palette[next(i for i, b in enumerate(bounds) if total <= b)]
        for adcode, total in totals.items()
    }
    legend: list[FillItem] = []
    low = None
    for bound, colour in zip(bounds, palette, strict=True):
        label_text = (
            f"≤ {format_amount(bound, unit, lang=lang)}"
            if low is None
            else f"{format_amount(low, unit, lang=lang)} – {format_amount(bound, unit, lang=lang)}"
        )
        legend.append({"label": label_text, "colour": colour})
        low = bound
    return {
        "mode": "metric",
        "title": text_of("recipient_metric", lang, label=label),
        "unit": unit,
        "fills": fills,
        "values": {str(a): round(float(v), 2) for a, v in totals.items()},
        "approx": _approximate_totals(pairs, metric, totals.index),
        "legend": legend,
    }


def _role_fill(pairs: pd.DataFrame, *, lang: str) -> Choropleth:
    """Units filled by their role: donor, recipient or both (:func:`maps.nodes.unit_roles`)."""
    role = unit_roles(pairs)
    fills = {adcode: ROLE_COLOURS[r] for adcode, r in role.items()}
    roles = sorted(set(role.values()), key=list(ROLE_COLOURS).index)
    return {
        "mode": "role",
        "title": text_of("role", lang),
        "unit": None,
        "fills": fills,
        "values": {},
        "approx": {},
        "legend": [
            {"label": ROLE_LABELS[r] if lang == "zh" else ROLES_EN[r], "colour": ROLE_COLOURS[r]}
            for r in roles
        ],
    }
