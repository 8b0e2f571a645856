"""The data pairmap's page draws, decided once in Python from the resolved pairs (pure).

A flow layer's plan (:class:`FlowPlan`: nodes, colours, toggles, groups, flows and the
width scale) feeds the other parts: the unit fill, the legend and the title block.
:func:`page_payload` puts the parts in the one JSON document ``maps/static/pairmap.js``
reads (``pairmap-data``).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from pairmap.errors import MapOptionError
from pairmap.maps.lang import check_lang, english_parts, metric_text, place_name, text_of
from pairmap.maps.layers import (
    StringTable,
    choropleth_layer,
    colour_plan,
    filters_layer,
    flows_layer,
    groups_layer,
    metrics_layer,
    nodes_layer,
)
from pairmap.maps.legend import legend_layer, title_block
from pairmap.maps.style import WidthScale, width_scale_for

#: Credit for the boundaries drawn (Chinese; ``maps.lang.TEXTS`` has it in each language).
BOUNDARY_CREDIT = text_of("boundaries", "zh")

#: Payload format version (read by the page).
PAYLOAD_VERSION = 1


def pairs_on_datum(pairs: pd.DataFrame, datum: str) -> pd.DataFrame:
    """Return ``pairs`` with endpoints moved from WGS84 to ``datum`` (a new frame)."""
    if datum == "wgs84":
        return pairs
    import numpy as np

    from pairmap.geo.datum import convert_coords

    moved = pairs.copy()
    for side in ("donor", "recipient"):
        coords = np.column_stack(
            [pairs[f"{side}_lon"].astype(float), pairs[f"{side}_lat"].astype(float)]
        )
        converted = convert_coords(coords, source="wgs84", target=datum)
        moved[f"{side}_lon"] = converted[:, 0]
        moved[f"{side}_lat"] = converted[:, 1]
    return moved


def check_metric(pairs: pd.DataFrame, metric: str | None) -> None:
    """Raise :class:`MapOptionError` when ``metric`` is not a numeric column of ``pairs``."""
    from pairmap.pairings.schema import metric_columns

    if metric is None:
        return
    known = metric_columns(pairs)
    if metric not in known:
        raise MapOptionError(
            f"Metric {metric!r} is not a numeric column of the table; "
            f"choose one of: {', '.join(known) or '(none)'}."
        )


@dataclass(frozen=True)
class FlowPlan:
    """What a flow layer draws, decided once.

    Attributes
    ----------
    pairs
        The resolved pairs, one flow per row, indexed from 0.
    scale
        The line-width scale in use.
    nodes, colours, filters, groups, flows
        Outputs of the builders of :mod:`maps.layers`.
    strings
        The string table the flows index into.
    lang
        Language of the texts and names (``"zh"`` or ``"en"``).
    """

    pairs: pd.DataFrame
    scale: WidthScale
    nodes: dict[str, Any]
    colours: dict[str, Any]
    filters: dict[str, Any]
    groups: dict[str, Any]
    flows: dict[str, Any]
    strings: list[str]
    lang: str = "zh"


def _scale(pairs: pd.DataFrame, metric: str | None, fixed: WidthScale | None) -> WidthScale:
    if fixed is None:
        return width_scale_for(metric, pairs[metric].tolist() if metric else [])
    if fixed.metric is not None and (
        fixed.metric not in pairs.columns or not pairs[fixed.metric].notna().any()
    ):
        # no pair of this map has the metric: one line per pair, not all dashed
        return replace(fixed, metric=None)
    return fixed


def plan_flows(
    pairs: pd.DataFrame,
    *,
    metric: str | None = None,
    width_scale: WidthScale | None = None,
    colour_by: str = "auto",
    units: pd.DataFrame | None = None,
    lang: str = "zh",
) -> FlowPlan:
    """Decide every flow's node, width, colour and toggles (see :class:`FlowPlan`).

    Parameters
    ----------
    pairs
        Resolved pairing frame (docs/design.md); one flow per row, in this order.
    metric
        Metric column that sets line widths, or ``None`` (one width per pair).
    width_scale
        A fixed scale shared with other maps; ``None`` derives one from ``metric``.
    colour_by
        What line colours tell apart (:data:`maps.layers.COLOUR_MODES`).
    units
        Unit table (``geo.boundaries.load_units()``) naming donor prefectures.
    lang
        Language of names and labels: ``"en"`` translates them (:mod:`maps.lang`).

    Raises
    ------
    MapOptionError
        When ``metric`` is not a numeric column of ``pairs``.
    """
    check_metric(pairs, metric)
    check_lang(lang)
    pairs = pairs.reset_index(drop=True)
    scale = _scale(pairs, metric, width_scale)
    strings = StringTable()
    nodes = nodes_layer(pairs, metric=scale.metric)
    colours = colour_plan(pairs, color_by=colour_by, units=units)
    filters = filters_layer(pairs)
    groups = groups_layer(pairs, colours=colours)
    flows = flows_layer(
        pairs,
        nodes=nodes,
        width_scale=scale,
        colours=colours,
        filters=filters,
        groups=groups,
        strings=strings,
    )
    if lang == "en":
        nodes, colours, filters, groups = english_parts(
            nodes=nodes, colours=colours, filters=filters, groups=groups
        )
    return FlowPlan(pairs, scale, nodes, colours, filters, groups, flows, strings.strings, lang)


def fill_part(plan: FlowPlan, *, fill: str, metric: str | None) -> dict[str, Any]:
    """The unit fill of a plan's pairs: by role, by a metric (``metric``) or none."""
    return choropleth_layer(plan.pairs, fill=fill, metric=metric, lang=plan.lang)


def legend_part(plan: FlowPlan, *, choropleth: dict[str, Any]) -> dict[str, Any]:
    """The legend of a plan and the unit fill shown with it."""
    return legend_layer(
        colours=plan.colours,
        groups=plan.groups,
        width_scale=plan.scale,
        choropleth=choropleth,
        n_flows=len(plan.pairs),
        has_dashed=any(plan.flows["dash"]),
        lang=plan.lang,
    )


def title_part(
    *,
    title: str = "",
    subtitle: str = "",
    sources: tuple[str, ...] = (),
    date: str = "",
    boundaries: bool = True,
    lang: str = "zh",
) -> dict[str, Any]:
    """Title, subtitle and footer texts; ``boundaries`` credits the boundary data."""
    return title_block(
        title=title,
        subtitle=subtitle,
        sources=list(sources),
        date=date,
        boundaries=text_of("boundaries", lang) if boundaries else "",
    )


def page_payload(
    plan: FlowPlan,
    *,
    base: dict[str, Any],
    tiles: dict[str, Any] | None,
    choropleth: dict[str, Any],
    legend: dict[str, Any],
    title: dict[str, Any],
) -> dict[str, Any]:
    """The page's data (``pairmap-data``), every part in the order the page expects.

    Parameters
    ----------
    plan
        The flow layer's plan.
    base
        ``{"fill": level, "outline": level or None, "datum": ...}`` of the boundaries.
    tiles
        ``{"url", "attribution", "max_zoom"}`` of background tiles, or ``None``.
    choropleth, legend, title
        From :func:`fill_part`, :func:`legend_part` and :func:`title_part`.
    """
    nodes = {k: v for k, v in plan.nodes.items() if k != "keys"}
    return {
        "version": PAYLOAD_VERSION,
        "lang": plan.lang,
        "title": title,
        "base": base,
        "tiles": tiles,
        "n_flows": len(plan.pairs),
        "nodes": nodes,
        "flows": plan.flows,
        "colours": {k: plan.colours[k] for k in ("mode", "keys", "colours", "labels")},
        "filters": {k: plan.filters[k] for k in ("program", "round", "level")},
        "groups": plan.groups,
        "fill": {
            k: choropleth.get(k) for k in ("mode", "title", "unit", "fills", "values", "approx")
        },
        "approx_prefix": text_of("approx", plan.lang),
        "metrics": [
            {
                **m,
                **dict(
                    zip(("label", "unit"), metric_text(m["column"], lang=plan.lang), strict=True)
                ),
            }
            for m in metrics_layer(plan.pairs)
        ],
        "width_metric": plan.scale.metric,
        "legend": legend,
        "strings": plan.strings,
    }


@functools.lru_cache(maxsize=8)
def compact_topology(topology: str, *, lang: str = "zh") -> str:
    """Shrink a topology for the page: feature properties become ``a`` (adcode), ``n``
    (name, in English for ``lang="en"``) and ``p`` (parent adcode, only when it is not the
    code's own prefecture ``xxxx00``); the geometry is unchanged."""
    data = json.loads(topology)
    for level, obj in data["objects"].items():
        for geometry in obj.get("geometries", []):
            props = geometry.get("properties") or {}
            adcode = str(props.get("adcode", ""))
            name = str(props.get("name", adcode))
            if lang == "en":
                name = place_name(name, level=props.get("level", level), lang=lang)
            short = {"a": adcode, "n": name}
            parent = props.get("parent_adcode")
            if parent and parent != adcode[:4] + "00":
                short["p"] = parent
            geometry["properties"] = short
    data.pop("bbox", None)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


#: The topology of a page without boundaries: one empty object the page draws nothing of.
EMPTY_TOPOLOGY = json.dumps(
    {
        "type": "Topology",
        "arcs": [],
        "objects": {"none": {"type": "GeometryCollection", "geometries": []}},
    },
    separators=(",", ":"),
)

#: The base of a page without boundaries.
NO_BASE: dict[str, Any] = {"fill": "none", "outline": None, "datum": "wgs84"}
