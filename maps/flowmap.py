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
from pairmap.geo.levels import Level
from pairmap.maps.basemaps import TileLayer
from pairmap.maps.changes import MapChanges
from pairmap.maps.elements import (
    BoundaryLayer,
    Changes,
    Controls,
    FlowLayer,
    FlowMap,
    Legend,
    PairmapElement,
    SeededIds,
    SouthChinaSea,
    assemble,
)
from pairmap.maps.labels import DEFAULT_LABELS, LABEL_MODES, check_label_mode
from pairmap.maps.lang import check_lang, text_of
from pairmap.maps.options import ColourBy, Extent, Fill, map_choice
from pairmap.maps.page import (
    BOUNDARY_CREDIT,
    EMPTY_TOPOLOGY,
    PAGE_TOPOLOGY,
    check_metric,
    page_topology,
    pairs_on_datum,
)
from pairmap.maps.payload import Payload
from pairmap.maps.style import WidthScale

logger = logging.getLogger(__name__)

__all__ = [
    "BOUNDARY_CREDIT",
    "LABEL_MODES",
    "PAGE_TOPOLOGY",
    "REGIONAL_MAX_PROVINCES",
    "MapOptionError",
    "MapOptions",
    "TileLayer",
    "build_flow_map",
    "build_map_html",
    "build_payload",
    "check_metric",
    "flow_map_for",
    "involved_provinces",
    "map_html",
    "pairs_on_datum",
    "render_page",
    "resolve_extent",
    "topology_levels",
]

#: Largest number of provinces an ``auto`` extent still draws as a regional map.
REGIONAL_MAX_PROVINCES = 4


@dataclass(frozen=True)
class MapOptions:
    """What a flow map shows and how.

    Attributes
    ----------
    title, subtitle
        Shown top left; ``title`` is also the page title.
    level
        Polygon level drawn (:class:`~pairmap.geo.levels.Level`, or its value
        ``"province"``, ``"prefecture"``, ``"county"``).
    extent
        :class:`~pairmap.maps.options.Extent` or its value: ``"national"`` (all of
        China), ``"regional"`` (provinces the pairs touch) or ``"auto"`` (regional up
        to :data:`REGIONAL_MAX_PROVINCES` provinces, else national).
    detail
        Boundary detail for :func:`geo.boundaries.load_topology`; ``None`` picks
        ``"national"`` for national maps and ``"regional"`` otherwise.
    metric
        Metric column that sets line widths, or ``None`` (one width per pair).
    width_scale
        A fixed width scale shared with other maps; ``None`` derives one from ``metric``.
    color_by
        :class:`~pairmap.maps.options.ColourBy` or its value: ``"auto"``, ``"group"``,
        ``"donor_province"``, ``"donor_prefecture"`` or ``"program"``.
    fill
        Unit fill (:class:`~pairmap.maps.options.Fill` or its value): ``"role"``,
        ``"metric"`` (recipients by ``fill_metric``) or ``"none"``.

    String values are turned into members when the options are made, so the
    attributes always hold members.
    fill_metric
        Metric of the choropleth (defaults to ``metric``).
    sources, date
        Footer: data sources and the date of the data.
    tiles
        Optional background tiles (:func:`maps.basemaps.basemap_tiles`); ``None`` keeps
        the page offline.
    datum
        Datum of boundaries and endpoints; empty (the default) follows the tiles
        (``"gcj02"`` on Amap's, else ``"wgs84"``); the pairs' WGS84 end points are
        converted too. Another datum than the tiles' is an error.
    not_drawn
        Rows left out (``(where, why)``, e.g. by ``--skip-invalid``), listed in the footer.
    inset
        On maps of national extent, show 南海诸岛 in an inset (lower right) and fit the
        view to the mainland, Hainan and Taiwan; ``False`` shows every unit at its
        true position instead. Regional maps never have an inset.
    labels
        Place names: ``"ends"`` (donors and recipients, and the provinces of a national
        map), ``"all"`` (also every unit drawn, where room allows) or ``"none"``.
    lang
        Language of the page: ``"zh"`` or ``"en"`` (names, legend, popups; table text
        such as notes stays as written). An empty ``title`` takes the language's default.
    changes
        What changed since the map's previous build (:class:`maps.changes.MapChanges`):
        shown in a panel (top left) with a toggle highlighting the added and changed
        flows; ``None`` or no change shows no panel.
    """

    title: str = ""
    subtitle: str = ""
    level: Level | str = Level.COUNTY
    extent: Extent | str = Extent.AUTO
    detail: str | None = None
    metric: str | None = None
    width_scale: WidthScale | None = None
    color_by: ColourBy | str = ColourBy.AUTO
    fill: Fill | str = Fill.ROLE
    fill_metric: str | None = None
    sources: tuple[str, ...] = field(default_factory=tuple)
    date: str = ""
    tiles: TileLayer | None = None
    datum: str = ""
    not_drawn: tuple[tuple[str, str], ...] = ()
    inset: bool = True
    labels: str = DEFAULT_LABELS
    lang: str = "zh"
    changes: MapChanges | None = None

    def __post_init__(self) -> None:
        check_label_mode(self.labels)
        check_lang(self.lang)
        if not self.title:
            object.__setattr__(self, "title", text_of("title", self.lang))
        if not self.datum:
            object.__setattr__(self, "datum", self.tiles.datum if self.tiles else "wgs84")
        for name, choices, option in (
            ("level", Level, "Map level"),
            ("extent", Extent, "Map extent"),
            ("color_by", ColourBy, "color_by"),
            ("fill", Fill, "fill"),
        ):
            member = map_choice(choices, getattr(self, name), option=option)
            object.__setattr__(self, name, member)
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
            codes.update(pairs[column].dropna())
    return sorted(c for c in codes if c)


def resolve_extent(pairs: pd.DataFrame, extent: Extent | str) -> Extent:
    """Return national or regional: what ``extent`` (maybe ``auto``) means for ``pairs``.

    Raises
    ------
    pairmap.errors.MapOptionError
        For a value that is not an :class:`~pairmap.maps.options.Extent`.
    """
    extent = map_choice(Extent, extent, option="Map extent")
    if extent is not Extent.AUTO:
        return extent
    count = len(involved_provinces(pairs))
    return Extent.REGIONAL if 0 < count <= REGIONAL_MAX_PROVINCES else Extent.NATIONAL


def topology_levels(options: MapOptions) -> list[str]:
    """Topology objects a map needs: its polygon level plus province outlines."""
    if options.level is Level.PROVINCE:
        return [Level.PROVINCE]
    return [Level.PROVINCE, options.level]


def map_elements(
    pairs: pd.DataFrame,
    *,
    topology: str,
    options: MapOptions,
    units: pd.DataFrame | None = None,
    ids: SeededIds | None = None,
) -> list[PairmapElement]:
    """pairmap's elements of one map: boundaries, flows, legend, controls and, on national
    maps, the South China Sea (:class:`maps.elements.SouthChinaSea`).

    Parameters
    ----------
    pairs
        Resolved pairing frame, endpoints in WGS84.
    topology
        TopoJSON text with the objects :func:`topology_levels` names, in the page's
        form (:data:`maps.page.PAGE_TOPOLOGY`).
    options
        What to show.
    units
        Unit table naming donor prefectures (optional).
    ids
        Counter the elements' ids come from (default: a fresh one seeded ``"pairmap"``).
    """
    ids = ids or SeededIds()
    elements: list[PairmapElement] = [
        BoundaryLayer(
            topology,
            level=options.level,
            datum=options.datum,
            fill=options.fill,
            fill_metric=options.fill_metric,
            tiles=options.tiles,
            labels=options.labels,
            element_id=ids.next(),
        ),
        FlowLayer(
            pairs,
            metric=options.metric,
            colour_by=options.color_by,
            width_scale=options.width_scale,
            units=units,
            datum=options.datum,
            labels=options.labels,
            lang=options.lang,
            element_id=ids.next(),
        ),
        Legend(element_id=ids.next()),
        Controls(
            title=options.title,
            subtitle=options.subtitle,
            sources=options.sources,
            date=options.date,
            not_drawn=options.not_drawn,
            element_id=ids.next(),
        ),
    ]
    if resolve_extent(pairs, options.extent) == "national":
        elements.append(
            SouthChinaSea(
                inset=options.inset,
                datum=options.datum,
                lang=options.lang,
                element_id=ids.next(),
            )
        )
    if options.changes is not None and not options.changes.empty:
        elements.append(Changes(options.changes, element_id=ids.next()))
    return elements


def build_payload(
    pairs: pd.DataFrame, *, options: MapOptions, units: pd.DataFrame | None = None
) -> Payload:
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
    Payload
        The data ``maps/static/pairmap.js`` reads.
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

    if resolve_extent(pairs, options.extent) is Extent.NATIONAL:
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
        form=page_topology(options.lang),
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
