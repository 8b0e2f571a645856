"""Pure builders of a map's layers: nodes, flows, colours, groups, fills and toggles.

Each builder takes the resolved pairing frame (docs/design.md) and returns plain
JSON-able data for the page; none of them reads or writes files or changes its
input. Flows are compact columnar records (node indices, width, colour, filter
indices, string-table indices): the page computes the curves and arrowheads.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import PurePath
from typing import Any

import pandas as pd

from pairmap.maps.lang import ROLES_EN, format_amount, metric_text, text_of
from pairmap.maps.style import (
    DONOR_PROVINCE_COLOURS,
    ROLE_COLOURS,
    ROLE_LABELS,
    SEQUENTIAL,
    WidthScale,
    categorical_colours,
    level_label,
    metric_display,
)
from pairmap.pairings.schema import metric_columns

#: Ways to colour flows.
COLOUR_MODES: tuple[str, ...] = ("auto", "group", "donor_province", "donor_prefecture", "program")

#: Ways to fill units.
FILL_MODES: tuple[str, ...] = ("role", "metric", "none")

_ADMIN_KINDS = frozenset({"", "government", "province", "prefecture", "county"})


def text(value: Any) -> str:
    """Return a table value as display text: ``""`` for missing, integers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


def number(value: Any) -> float | None:
    """Return a finite float or ``None``."""
    try:
        result = float(value)
    except (TypeError, ValueError):
        return None
    return result if math.isfinite(result) else None


def approximate_flags(pairs: pd.DataFrame, metric: str) -> list[int]:
    """1 for each pair whose ``metric`` was written as approximate (约, 余, 多), else 0.

    Reads the resolved frame's ``approximate`` column (a tuple of metric names per
    pair); a frame without it has no approximate figures.
    """
    return [
        int(isinstance(names, tuple | list | set | frozenset) and metric in names)
        for names in _column(pairs, "approximate")
    ]


def _column(pairs: pd.DataFrame, name: str) -> list[Any]:
    if name in pairs.columns:
        values: list[Any] = pairs[name].tolist()
        return values
    return [None] * len(pairs)


class StringTable:
    """Interns strings so each distinct text is stored once in the page."""

    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self.strings: list[str] = []

    def add(self, value: Any) -> int:
        """Return the index of ``value``'s text, ``-1`` when empty."""
        string = text(value)
        if not string:
            return -1
        if string not in self._index:
            self._index[string] = len(self.strings)
            self.strings.append(string)
        return self._index[string]


def _file_name(value: Any) -> str:
    """The file name of a provenance path (pages never show a machine's folders)."""
    name = text(value)
    return PurePath(name.replace("\\", "/")).name if name else ""


def node_key(adcode: Any, lon: Any, lat: Any) -> tuple[str, float, float]:
    """Return the key of an endpoint: its unit and its position rounded to ~1 m."""
    return (text(adcode), round(float(lon), 5), round(float(lat), 5))


def _tally_nodes(
    pairs: pd.DataFrame, *, metric: str | None
) -> dict[tuple[str, float, float], dict[str, Any]]:
    """Each node's name, the names written for it, its pair counts and metric totals."""
    nodes: dict[tuple[str, float, float], dict[str, Any]] = {}
    values = _column(pairs, metric) if metric else [None] * len(pairs)
    for side, count, total in (("donor", "n_out", "total_out"), ("recipient", "n_in", "total_in")):
        columns = zip(
            _column(pairs, f"{side}_adcode"),
            _column(pairs, f"{side}_lon"),
            _column(pairs, f"{side}_lat"),
            _column(pairs, f"{side}_unit"),
            _column(pairs, side),
            values,
            strict=True,
        )
        for adcode, lon, lat, unit, written, value in columns:
            key = node_key(adcode, lon, lat)
            node = nodes.setdefault(
                key,
                {
                    "name": text(unit) or text(written),
                    "aliases": set(),
                    "n_in": 0,
                    "n_out": 0,
                    "total_in": 0.0,
                    "total_out": 0.0,
                },
            )
            node["aliases"].add(text(written))
            node[count] += 1
            node[total] += number(value) or 0.0
    return nodes


def nodes_layer(pairs: pd.DataFrame, *, metric: str | None) -> dict[str, Any]:
    """Build the endpoint nodes: every distinct (unit, position), its role and circle size.

    Parameters
    ----------
    pairs
        Resolved pairing frame.
    metric
        Metric whose totals size the circles, or ``None`` to size by pair counts.

    Returns
    -------
    dict
        Columnar ``adcode, name, aliases, lon, lat, role, radius, n_in, n_out,
        total_in, total_out`` lists plus ``keys`` (node keys, for :func:`flows_layer`).
    """
    nodes = _tally_nodes(pairs, metric=metric)
    keys = sorted(nodes)
    sizes = [
        (nodes[k]["total_in"] + nodes[k]["total_out"])
        if metric
        else nodes[k]["n_in"] + nodes[k]["n_out"]
        for k in keys
    ]
    largest = max(sizes, default=0) or 1
    roles = [_role(nodes[key]) for key in keys]
    return {
        "keys": [list(k) for k in keys],
        "adcode": [k[0] for k in keys],
        "name": [nodes[k]["name"] for k in keys],
        "aliases": [
            sorted(a for a in nodes[k]["aliases"] if a and a != nodes[k]["name"]) for k in keys
        ],
        "lon": [k[1] for k in keys],
        "lat": [k[2] for k in keys],
        "role": roles,
        "radius": [round(3.0 + 7.0 * math.sqrt(size / largest), 2) for size in sizes],
        "n_in": [nodes[k]["n_in"] for k in keys],
        "n_out": [nodes[k]["n_out"] for k in keys],
        "total_in": [round(nodes[k]["total_in"], 2) for k in keys],
        "total_out": [round(nodes[k]["total_out"], 2) for k in keys],
    }


def _role(node: dict[str, Any]) -> str:
    """``both`` for a node that gives and receives, else ``donor`` or ``recipient``."""
    if node["n_in"] and node["n_out"]:
        return "both"
    return "donor" if node["n_out"] else "recipient"


def resolve_colour_mode(pairs: pd.DataFrame, color_by: str) -> str:
    """Pick the colour mode ``auto`` stands for: groups, else donor provinces, else prefectures."""
    if color_by not in COLOUR_MODES:
        raise ValueError(f"color_by must be one of {COLOUR_MODES}, not {color_by!r}")
    if color_by != "auto":
        return color_by
    if any(text(g) for g in _column(pairs, "group")):
        return "group"
    if len({text(p) for p in _column(pairs, "donor_province_adcode")}) > 1:
        return "donor_province"
    return "donor_prefecture"


def colour_plan(
    pairs: pd.DataFrame, *, color_by: str, units: pd.DataFrame | None = None
) -> dict[str, Any]:
    """Assign each flow a colour key and each key a colour and a readable label.

    Parameters
    ----------
    pairs
        Resolved pairing frame.
    color_by
        One of :data:`COLOUR_MODES`.
    units
        Unit table (``adcode, name, prefecture_adcode``) naming donor prefectures and
        provinces; without it keys are labelled by the names found in ``pairs``.

    Returns
    -------
    dict
        ``mode``, ``keys`` (sorted), ``colours``, ``labels`` (aligned with ``keys``) and
        ``flow_keys`` (one index into ``keys`` per flow).
    """
    mode = resolve_colour_mode(pairs, color_by)
    names = {}
    prefecture_of: dict[str, str] = {}
    if units is not None:
        names = dict(zip(units["adcode"], units["name"], strict=True))
        prefecture_of = {
            a: p for a, p in zip(units["adcode"], units["prefecture_adcode"], strict=True) if p
        }
    for adcode, unit in zip(
        _column(pairs, "donor_adcode"), _column(pairs, "donor_unit"), strict=True
    ):
        names.setdefault(text(adcode), text(unit))
    fixed: dict[str, str] | None = None
    flow_keys: list[str]
    labels: dict[str, str] = {}
    if mode == "group":
        flow_keys = [text(g) or "（未分组）" for g in _column(pairs, "group")]
        labels = {k: k for k in flow_keys}
    elif mode == "program":
        flow_keys = [
            text(k) or text(p) or "（未注明）"
            for k, p in zip(_column(pairs, "program_key"), _column(pairs, "program"), strict=True)
        ]
        for key, program in zip(flow_keys, _column(pairs, "program"), strict=True):
            labels.setdefault(key, text(program) or key)
    elif mode == "donor_province":
        flow_keys = [text(p) for p in _column(pairs, "donor_province_adcode")]
        fixed = DONOR_PROVINCE_COLOURS
        labels = {k: names.get(k, k) for k in flow_keys}
    else:
        flow_keys = [
            prefecture_of.get(text(a), text(a)) if text(lv) == "county" else text(a)
            for a, lv in zip(
                _column(pairs, "donor_adcode"), _column(pairs, "donor_level"), strict=True
            )
        ]
        labels = {k: names.get(k, k) for k in flow_keys}
    keys = sorted(set(flow_keys))
    colours = categorical_colours(keys, fixed=fixed)
    position = {k: i for i, k in enumerate(keys)}
    return {
        "mode": mode,
        "keys": keys,
        "colours": [colours[k] for k in keys],
        "labels": [labels[k] for k in keys],
        "flow_keys": [position[k] for k in flow_keys],
    }


def filters_layer(pairs: pd.DataFrame) -> dict[str, Any]:
    """Build the toggle groups: programmes, rounds and levels present, each sorted.

    Returns
    -------
    dict
        ``program``, ``round``, ``level``: lists of ``{"key", "label"}``; and per flow the
        index into each list (``flow_program``, ``flow_round``, ``flow_level``).
    """
    programs = [
        text(k) or text(p) or "-"
        for k, p in zip(_column(pairs, "program_key"), _column(pairs, "program"), strict=True)
    ]
    program_names: dict[str, str] = {}
    for key, program in zip(programs, _column(pairs, "program"), strict=True):
        program_names.setdefault(key, text(program) or "未注明项目")
    rounds = [text(r) or "-" for r in _column(pairs, "round")]
    levels = [text(lv) or "-" for lv in _column(pairs, "level")]
    result: dict[str, Any] = {}
    labellers: tuple[tuple[str, list[str], Callable[[str], str]], ...] = (
        ("program", programs, lambda k: program_names[k]),
        ("round", rounds, lambda k: "未注明轮次" if k == "-" else f"{k}年轮次"),
        ("level", levels, lambda k: "未注明层级" if k == "-" else level_label(k)),
    )
    for name, keys, label in labellers:
        ordered = sorted(set(keys))
        position = {k: i for i, k in enumerate(ordered)}
        result[name] = [{"key": k, "label": label(k)} for k in ordered]
        result[f"flow_{name}"] = [position[k] for k in keys]
    return result


def flows_layer(
    pairs: pd.DataFrame,
    *,
    nodes: dict[str, Any],
    width_scale: WidthScale,
    colours: dict[str, Any],
    filters: dict[str, Any],
    groups: dict[str, Any],
    strings: StringTable,
) -> dict[str, Any]:
    """Build one compact record per flow, in the order of ``pairs``.

    Parameters
    ----------
    pairs
        Resolved pairing frame; one flow per row.
    nodes
        Output of :func:`nodes_layer` for the same pairs.
    width_scale
        The (possibly book-wide) line-width scale.
    colours, filters, groups
        Outputs of :func:`colour_plan`, :func:`filters_layer`, :func:`groups_layer`.
    strings
        String table that receives names, notes and sources.

    Returns
    -------
    dict
        Columnar lists: ``d``, ``r`` (node indices), ``w`` (width px), ``c`` (colour key
        index), ``p``, ``ro``, ``lv`` (filter indices), ``g`` (group index or -1),
        ``dn``, ``rn`` (names as written), ``y0``, ``y1`` (years or null), ``src``,
        ``date``, ``note``, ``file`` (string indices or -1), ``row``, ``dash`` (1 when
        the width metric is missing), ``m`` (metric -> values or null) and ``ma``
        (metric -> 1 for each approximate value, else 0; only metrics with one).
    """
    position = {tuple(k): i for i, k in enumerate(nodes["keys"])}
    metric = width_scale.metric
    metrics = [c for c in metric_columns(pairs) if pairs[c].notna().any()]
    width_values = _column(pairs, metric) if metric else [None] * len(pairs)
    group_index = {name: i for i, name in enumerate(groups["names"])}
    flows: dict[str, Any] = {
        "d": [
            position[node_key(a, x, y)]
            for a, x, y in zip(
                _column(pairs, "donor_adcode"),
                _column(pairs, "donor_lon"),
                _column(pairs, "donor_lat"),
                strict=True,
            )
        ],
        "r": [
            position[node_key(a, x, y)]
            for a, x, y in zip(
                _column(pairs, "recipient_adcode"),
                _column(pairs, "recipient_lon"),
                _column(pairs, "recipient_lat"),
                strict=True,
            )
        ],
        "w": [width_scale.width(number(v)) for v in width_values],
        "dash": [int(metric is not None and number(v) is None) for v in width_values],
        "c": list(colours["flow_keys"]),
        "p": list(filters["flow_program"]),
        "ro": list(filters["flow_round"]),
        "lv": list(filters["flow_level"]),
        "g": [group_index.get(text(g), -1) for g in _column(pairs, "group")],
        "dn": [strings.add(v) for v in _column(pairs, "donor")],
        "rn": [strings.add(v) for v in _column(pairs, "recipient")],
        "y0": [int(v) if number(v) is not None else None for v in _column(pairs, "start_year")],
        "y1": [int(v) if number(v) is not None else None for v in _column(pairs, "end_year")],
        "src": [strings.add(v) for v in _column(pairs, "source")],
        "date": [strings.add(v) for v in _column(pairs, "source_date")],
        "note": [strings.add(v) for v in _column(pairs, "note")],
        "file": [strings.add(_file_name(v)) for v in _column(pairs, "source_file")],
        "sheet": [strings.add(v) for v in _column(pairs, "source_sheet")],
        "row": [int(v) if number(v) is not None else None for v in _column(pairs, "source_row")],
        "m": {c: [number(v) for v in pairs[c].tolist()] for c in metrics},
        "ma": {},
    }
    for column in metrics:
        flags = approximate_flags(pairs, column)
        if any(flags):
            flows["ma"][column] = flags
    return flows


def metrics_layer(pairs: pd.DataFrame) -> list[dict[str, str]]:
    """Describe the metric columns with values: ``{"column", "label", "unit"}`` in order."""
    described = []
    for column in metric_columns(pairs):
        if pairs[column].notna().any():
            label, unit = metric_display(column)
            described.append({"column": column, "label": label, "unit": unit})
    return described


#: Members named in a group's legend entry before the rest are counted ("等N方").
GROUP_MEMBERS_SHOWN = 3


def _member_list(names: list[str]) -> str:
    """``A、B、C`` or, past :data:`GROUP_MEMBERS_SHOWN` names, ``A、B、C等5方``."""
    if len(names) <= GROUP_MEMBERS_SHOWN:
        return "、".join(names)
    return "、".join(names[:GROUP_MEMBERS_SHOWN]) + f"等{len(names)}方"


def groups_layer(pairs: pd.DataFrame, *, colours: dict[str, Any]) -> dict[str, Any]:
    """Build the 组团 / 多对一 groups: name, colours, members and their recipients.

    Returns
    -------
    dict
        ``names`` (sorted); ``colours`` (the group colour when flows are coloured by
        group, else the colour of the group's first flow); ``flow_colours`` (every
        colour the group's flows are drawn in, in order of first use); ``members``
        (readable ``donors → recipients`` text, names as written); ``donors`` and
        ``recipients`` (adcode lists per group).
    """
    groups: dict[str, dict[str, Any]] = {}
    for index, (group, donor, recipient, donor_name, recipient_name) in enumerate(
        zip(
            _column(pairs, "group"),
            _column(pairs, "donor_adcode"),
            _column(pairs, "recipient_adcode"),
            _column(pairs, "donor"),
            _column(pairs, "recipient"),
            strict=True,
        )
    ):
        name = text(group)
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
        entry["donors"].add(text(donor))
        entry["recipients"].add(text(recipient))
        entry["colours"].setdefault(colours["colours"][colours["flow_keys"][index]], None)
        entry["donor_names"].setdefault(text(donor_name) or text(donor), None)
        entry["recipient_names"].setdefault(text(recipient_name) or text(recipient), None)
    names = sorted(groups)
    return {
        "names": names,
        "colours": [next(iter(groups[n]["colours"])) for n in names],
        "flow_colours": [list(groups[n]["colours"]) for n in names],
        "members": [
            _member_list(list(groups[n]["donor_names"]))
            + " → "
            + _member_list(list(groups[n]["recipient_names"]))
            for n in names
        ],
        "donors": [sorted(groups[n]["donors"]) for n in names],
        "recipients": [sorted(groups[n]["recipients"]) for n in names],
    }


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
            _column(pairs, "recipient_adcode"), approximate_flags(pairs, metric), strict=True
        )
        if flag
    }
    return dict.fromkeys(sorted(flagged & shown), 1)


def choropleth_layer(
    pairs: pd.DataFrame, *, fill: str, metric: str | None = None, lang: str = "zh"
) -> dict[str, Any]:
    """Fill units by role (donor / recipient / both) or recipients by a metric total.

    Parameters
    ----------
    pairs
        Resolved pairing frame.
    fill
        ``"role"``, ``"metric"`` or ``"none"``.
    metric
        Metric summed per recipient when ``fill == "metric"``.
    lang
        Language of the legend texts.

    Returns
    -------
    dict
        ``mode``, ``fills`` (adcode -> colour; a unit of a coarser level also tints the
        polygons inside it), ``values`` (adcode -> total, metric mode), ``approx``
        (adcode -> 1 when the total includes an approximate figure), and ``legend``
        items ``{"label", "colour"}``.
    """
    if fill not in FILL_MODES:
        raise ValueError(f"fill must be one of {FILL_MODES}, not {fill!r}")
    if fill == "none" or pairs.empty:
        return {"mode": "none", "fills": {}, "values": {}, "approx": {}, "legend": []}
    drawable = metric is not None and metric in pairs.columns and pairs[metric].notna().any()
    if fill == "metric" and drawable:
        return _metric_fill(pairs, str(metric), lang=lang)
    return _role_fill(pairs, lang=lang)


def _metric_fill(pairs: pd.DataFrame, metric: str, *, lang: str) -> dict[str, Any]:
    """Recipients filled by their total of ``metric``, in sequential classes."""
    totals = pairs.groupby("recipient_adcode", sort=True)[metric].sum(min_count=1).dropna()
    totals = totals[totals > 0]
    bounds = _breaks(totals.tolist(), classes=len(SEQUENTIAL))
    palette = SEQUENTIAL[-len(bounds) :] if bounds else SEQUENTIAL
    label, unit = metric_text(metric, lang=lang)
    fills = {
        str(adcode): palette[next(i for i, b in enumerate(bounds) if total <= b)]
        for adcode, total in totals.items()
    }
    legend = []
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


def _role_fill(pairs: pd.DataFrame, *, lang: str) -> dict[str, Any]:
    """Units filled by their role: donor, recipient or both."""
    donors = {text(a) for a in _column(pairs, "donor_adcode")}
    recipients = {text(a) for a in _column(pairs, "recipient_adcode")}

    def role(adcode: str) -> str:
        if adcode in donors and adcode in recipients:
            return "both"
        return "donor" if adcode in donors else "recipient"

    fills = {adcode: ROLE_COLOURS[role(adcode)] for adcode in sorted(donors | recipients)}
    roles = sorted({role(a) for a in fills}, key=list(ROLE_COLOURS).index)
    return {
        "mode": "role",
        "title": text_of("role", lang),
        "fills": fills,
        "values": {},
        "approx": {},
        "legend": [
            {"label": ROLE_LABELS[r] if lang == "zh" else ROLES_EN[r], "colour": ROLE_COLOURS[r]}
            for r in roles
        ],
    }
