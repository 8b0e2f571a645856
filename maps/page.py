"""The data pairmap's page draws, decided once in Python from the resolved pairs (pure).

A flow layer's plan (:class:`FlowPlan`: nodes, colours, toggles, groups, flows and the
width scale) feeds the other parts: the unit fill, the legend and the title block.
:func:`page_payload` puts the parts in the one JSON document ``maps/static/pairmap.js``
reads (``pairmap-data``, typed in :mod:`maps.payload`). The topology the page reads is
loaded in :data:`PAGE_TOPOLOGY`'s form, written once with the property names the page
uses.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from pairmap.errors import MapOptionError
from pairmap.geo.topology import TopologyForm
from pairmap.maps.labels import NO_PLACES, label_order
from pairmap.maps.lang import check_lang, english_parts, metric_item, text_of
from pairmap.maps.layers import (
    Choropleth,
    ColourPlan,
    FilterPlan,
    StringTable,
    choropleth_layer,
    colour_plan,
    filters_layer,
    flows_layer,
    groups_layer,
    metrics_layer,
)
from pairmap.maps.legend import legend_layer, title_block
from pairmap.maps.nodes import nodes_layer, with_totals
from pairmap.maps.options import ColourBy
from pairmap.maps.payload import (
    PAYLOAD_VERSION,
    BasePart,
    ChangesPart,
    FlowsPart,
    GroupsPart,
    LabelsPart,
    LegendPart,
    MetricItem,
    NodesPart,
    NotDrawnItem,
    Payload,
    SouthChinaSeaPart,
    TilesPart,
    TitlePart,
)
from pairmap.maps.style import WidthScale, width_scale_for
from pairmap.pairings.metrics import table_meta

#: Credit for the boundaries drawn (Chinese; ``maps.lang.TEXTS`` has it in each language).
BOUNDARY_CREDIT = text_of("boundaries", "zh")

#: The topology's form the page reads: ``a`` (adcode), ``n`` (name) and ``p`` (parent
#: adcode, only when it is not the code's own prefecture ``xxxx00``), no bounding box.
PAGE_TOPOLOGY = TopologyForm(
    properties=(("adcode", "a"), ("name", "n"), ("parent_adcode", "p")),
    implied_parents=False,
    bbox=False,
)


def page_topology(lang: str = "zh") -> TopologyForm:
    """The page's topology form, unit names in ``lang`` (``"en"``: English names)."""
    return PAGE_TOPOLOGY if lang == "zh" else replace(PAGE_TOPOLOGY, lang=check_lang(lang))


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
    """Raise :class:`MapOptionError` when ``metric`` is not a metric column of ``pairs``."""
    if metric is None:
        return
    metrics = table_meta(pairs).metrics
    if metric not in (m.column for m in metrics):
        named = ", ".join(f"{m.column} ({m.label})" for m in metrics)
        raise MapOptionError(
            f"Metric {metric!r} is not a metric column of the table; "
            f"choose one of: {named or '(none)'}."
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
    nodes
        The end points, with every unit's metric totals (:mod:`maps.nodes`).
    colours, filters, groups, flows
        Outputs of the builders of :mod:`maps.layers`.
    metrics
        The metric columns with values, labelled.
    strings
        The string table the flows index into.
    lang
        Language of the texts and names (``"zh"`` or ``"en"``).
    """

    pairs: pd.DataFrame
    scale: WidthScale
    nodes: NodesPart
    colours: ColourPlan
    filters: FilterPlan
    groups: GroupsPart
    flows: FlowsPart
    metrics: list[MetricItem]
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
    colour_by: ColourBy | str = ColourBy.AUTO,
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
        What line colours tell apart (:class:`~pairmap.maps.options.ColourBy`).
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
    metrics = [metric_item(m, lang=lang) for m in metrics_layer(pairs)]
    nodes_part = with_totals(nodes, flows, metrics)
    if lang == "en":
        nodes_part, colours, filters, groups = english_parts(
            nodes=nodes_part, colours=colours, filters=filters, groups=groups
        )
    return FlowPlan(
        pairs, scale, nodes_part, colours, filters, groups, flows, metrics, strings.strings, lang
    )


def fill_part(plan: FlowPlan, *, fill: str, metric: str | None) -> Choropleth:
    """The unit fill of a plan's pairs: by role, by a metric (``metric``) or none."""
    return choropleth_layer(plan.pairs, fill=fill, metric=metric, lang=plan.lang)


def legend_part(plan: FlowPlan, *, choropleth: Choropleth) -> LegendPart:
    """The legend of a plan and the unit fill shown with it."""
    metric = plan.scale.metric
    return legend_layer(
        colours=plan.colours,
        groups=plan.groups,
        width_scale=plan.scale,
        choropleth=choropleth,
        n_flows=len(plan.pairs),
        has_dashed=any(plan.flows["dash"]),
        width_metric=table_meta(plan.pairs).metric(metric) if metric else None,
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
) -> TitlePart:
    """Title, subtitle and footer texts; ``boundaries`` credits the boundary data."""
    return title_block(
        title=title,
        subtitle=subtitle,
        sources=list(sources),
        date=date,
        boundaries=text_of("boundaries", lang) if boundaries else "",
    )


def labels_part(
    plan: FlowPlan, *, nodes: bool = True, places: dict[str, Any] | None = None
) -> LabelsPart:
    """The labels the page places: node indices in order of priority, then unit names.

    Parameters
    ----------
    plan
        The flow layer's plan (its nodes carry their ``label``).
    nodes
        Whether the nodes are labelled (``False`` for ``labels="none"``).
    places
        Unit names to place after the nodes' (:func:`maps.labels.places_part`).
    """
    order = label_order(plan.nodes, metric=plan.scale.metric) if nodes else []
    return {"order": order, "places": places if places is not None else dict(NO_PLACES)}


def page_payload(
    plan: FlowPlan,
    *,
    base: BasePart,
    tiles: TilesPart | None,
    choropleth: Choropleth,
    legend: LegendPart | None,
    title: TitlePart,
    controls: bool = True,
    not_drawn: list[NotDrawnItem] | None = None,
    south_china_sea: SouthChinaSeaPart | None = None,
    labels: LabelsPart | None = None,
    changes: ChangesPart | None = None,
) -> Payload:
    """The page's data (``pairmap-data``), every part in the order the page expects.

    Parameters
    ----------
    plan
        The flow layer's plan.
    base
        Which topology objects are filled and outlined, and their datum.
    tiles
        Background tiles, or ``None``.
    choropleth, legend, title
        From :func:`fill_part`, :func:`legend_part` (``None``: no legend) and
        :func:`title_part`.
    controls
        Whether the page draws its controls (title, search, toggles, scale, footer).
    not_drawn
        Rows left out of the map, listed in its footer.
    south_china_sea
        The maritime line and the inset of a national map (``None`` on regional ones).
    labels
        From :func:`labels_part` (default: the nodes, no unit names).
    changes
        What changed since the previous build (:func:`maps.changes.changes_part`), or
        ``None``: no panel.
    """
    colours, filters = plan.colours, plan.filters
    return {
        "version": PAYLOAD_VERSION,
        "lang": plan.lang,
        "title": title,
        "base": base,
        "tiles": tiles,
        "n_flows": len(plan.pairs),
        "nodes": plan.nodes,
        "flows": plan.flows,
        "colours": {
            "mode": colours["mode"],
            "keys": colours["keys"],
            "colours": colours["colours"],
            "labels": colours["labels"],
            "merged": colours["merged"],
            "drawn": colours["drawn"],
        },
        "filters": {
            "program": filters["program"],
            "round": filters["round"],
            "level": filters["level"],
        },
        "groups": plan.groups,
        "fill": {
            "mode": choropleth["mode"],
            "title": choropleth["title"],
            "unit": choropleth["unit"],
            "fills": choropleth["fills"],
            "values": choropleth["values"],
            "approx": choropleth["approx"],
        },
        "approx_prefix": text_of("approx", plan.lang),
        "metrics": plan.metrics,
        "width_metric": plan.scale.metric,
        "legend": legend,
        "controls": controls,
        "not_drawn": list(not_drawn or []),
        "south_china_sea": south_china_sea,
        "labels": labels if labels is not None else labels_part(plan),
        "strings": plan.strings,
        "changes": changes,
    }


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
NO_BASE: BasePart = {"fill": "none", "outline": None, "datum": "wgs84"}
