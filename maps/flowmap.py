"""One flow map from a resolved pairing table: options, the folium map, and its HTML page.

:func:`flow_map_for` is the pipeline behind ``pairmap map``, the map book and
:func:`pairmap.flow_map`: it loads the boundaries a map's options ask for and
assembles a :class:`maps.elements.FlowMap` from pairmap's elements.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from pairmap.errors import MapOptionError
from pairmap.maps.elements import (
    BASE_LEVELS,
    BoundaryLayer,
    Controls,
    FlowLayer,
    FlowMap,
    Legend,
    PairmapElement,
    SeededIds,
    assemble,
)
from pairmap.maps.lang import check_lang, text_of
from pairmap.maps.layers import text
from pairmap.maps.page import (
    BOUNDARY_CREDIT,
    EMPTY_TOPOLOGY,
    check_metric,
    compact_topology,
    pairs_on_datum,
)
from pairmap.maps.style import WidthScale

logger = logging.getLogger(__name__)

__all__ = [
    "BASE_LEVELS",
    "BOUNDARY_CREDIT",
    "EXTENTS",
    "REGIONAL_MAX_PROVINCES",
    "MapOptionError",
    "MapOptions",
    "TileLayer",
    "build_flow_map",
    "build_map_html",
    "build_payload",
    "check_metric",
    "compact_topology",
    "flow_map_for",
    "involved_provinces",
    "map_html",
    "pairs_on_datum",
    "render_page",
    "resolve_extent",
    "topology_levels",
]

#: How much of China a map shows: all of it, the provinces its pairs touch, or
#: ``auto`` (regional up to :data:`REGIONAL_MAX_PROVINCES` provinces, else national).
EXTENTS: tuple[str, ...] = ("auto", "national", "regional")

#: Largest number of provinces an ``auto`` extent still draws as a regional map.
REGIONAL_MAX_PROVINCES = 4


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
    lang
        Language of the page: ``"zh"`` or ``"en"`` (names, legend, popups; table text
        such as notes stays as written). An empty ``title`` takes the language's default.
    """

    title: str = ""
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
    lang: str = "zh"

    def __post_init__(self) -> None:
        check_lang(self.lang)
        if not self.title:
            object.__setattr__(self, "title", text_of("title", self.lang))
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


def involved_provinces(pairs: pd.DataFrame) -> list[str]:
    """Province adcodes of every donor and recipient, sorted."""
    codes: set[str] = set()
    for column in ("donor_province_adcode", "recipient_province_adcode"):
        if column in pairs.columns:
            codes.update(text(v) for v in pairs[column])
    return sorted(c for c in codes if c)


def resolve_extent(pairs: pd.DataFrame, extent: str) -> str:
    """Return ``"national"`` or ``"regional"``: what ``extent`` (maybe ``"auto"``) means here."""
    if extent != "auto":
        return extent
    count = len(involved_provinces(pairs))
    return "regional" if 0 < count <= REGIONAL_MAX_PROVINCES else "national"


def topology_levels(options: MapOptions) -> list[str]:
    """Topology objects a map needs: its polygon level plus province outlines."""
    return ["province"] if options.level == "province" else ["province", options.level]


def map_elements(
    pairs: pd.DataFrame,
    *,
    topology: str,
    options: MapOptions,
    units: pd.DataFrame | None = None,
    ids: SeededIds | None = None,
) -> list[PairmapElement]:
    """pairmap's elements of one map: boundaries, flows, legend and controls (pure).

    Parameters
    ----------
    pairs
        Resolved pairing frame, endpoints in WGS84.
    topology
        TopoJSON text with the objects :func:`topology_levels` names.
    options
        What to show.
    units
        Unit table naming donor prefectures (optional).
    ids
        Counter the elements' ids come from (default: a fresh one seeded ``"pairmap"``).
    """
    ids = ids or SeededIds()
    return [
        BoundaryLayer(
            topology,
            level=options.level,
            datum=options.datum,
            fill=options.fill,
            fill_metric=options.fill_metric,
            tiles=options.tiles,
            element_id=ids.next(),
        ),
        FlowLayer(
            pairs,
            metric=options.metric,
            colour_by=options.color_by,
            width_scale=options.width_scale,
            units=units,
            datum=options.datum,
            lang=options.lang,
            element_id=ids.next(),
        ),
        Legend(element_id=ids.next()),
        Controls(
            title=options.title,
            subtitle=options.subtitle,
            sources=options.sources,
            date=options.date,
            element_id=ids.next(),
        ),
    ]


def build_payload(
    pairs: pd.DataFrame, *, options: MapOptions, units: pd.DataFrame | None = None
) -> dict[str, Any]:
    """The page data of one map from a resolved pairing frame (pure).

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
    elements = map_elements(pairs, topology=EMPTY_TOPOLOGY, options=options, units=units)
    payload, _ = assemble({element.part: element for element in elements})
    return payload


def build_flow_map(
    pairs: pd.DataFrame,
    *,
    topology: str,
    options: MapOptions,
    units: pd.DataFrame | None = None,
) -> FlowMap:
    """One map as a folium map of pairmap's elements, from pairs and a ready topology (pure).

    Parameters are those of :func:`map_elements`.
    """
    folium_map = FlowMap(title=options.title)
    elements = map_elements(
        pairs, topology=topology, options=options, units=units, ids=folium_map.ids
    )
    for element in elements:
        element.add_to(folium_map)
    return folium_map


def render_page(folium_map: Any) -> str:
    """The single-file HTML page of a folium map (its figure rendered)."""
    html: str = folium_map.get_root().render()
    return html


def build_map_html(
    pairs: pd.DataFrame,
    *,
    topology: str,
    options: MapOptions,
    units: pd.DataFrame | None = None,
) -> str:
    """Render the single-file HTML page of one map from pairs and a ready topology (pure).

    Parameters are those of :func:`map_elements`.
    """
    return render_page(build_flow_map(pairs, topology=topology, options=options, units=units))


def flow_map_for(
    pairs: pd.DataFrame,
    *,
    options: MapOptions,
    progress: Callable[..., Any] | None = None,
) -> FlowMap:
    """One map, its boundaries loaded from :mod:`geo.boundaries` (cached on disk).

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
    return build_flow_map(pairs, topology=topology, options=options, units=load_units())


def map_html(
    pairs: pd.DataFrame,
    *,
    options: MapOptions,
    progress: Callable[..., Any] | None = None,
) -> str:
    """Render one map's page, its boundaries loaded as by :func:`flow_map_for`."""
    return render_page(flow_map_for(pairs, options=options, progress=progress))
