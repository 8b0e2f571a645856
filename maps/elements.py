"""pairmap's map parts as folium elements a user adds to any ``folium.Map``.

``FlowLayer(pairs).add_to(m)`` draws the flows and their end points,
``BoundaryLayer(level="county").add_to(m)`` the units under them, ``Legend()`` and
``Controls(title=...)`` the legend, title, search, layer toggles and footer. Stock
folium layers (markers, GeoJSON, lines, tiles) sit beside them. :class:`FlowMap` is the
map pairmap draws its own pages on: no background tiles, no CDN links.

Each element renders like a folium plugin: its part of the page data goes into one
``pairmap-data`` JSON block, pairmap's scripts and styles into the header, and one
start call after the map's script. Element ids come from :class:`SeededIds`, not from
random numbers, so the same map renders to the same bytes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar

import folium
import pandas as pd
from branca.element import Element, Figure, MacroElement

from pairmap.errors import MapOptionError
from pairmap.geo.levels import Level
from pairmap.maps.changes import MapChanges, changes_part
from pairmap.maps.document import RawHtml, escape_json_text, html_text
from pairmap.maps.labels import (
    DEFAULT_LABELS,
    NO_PLACES,
    check_label_mode,
    is_national,
    places_part,
    topology_units,
)
from pairmap.maps.lang import check_lang, english_label
from pairmap.maps.options import ColourBy, Fill, map_choice
from pairmap.maps.page import (
    EMPTY_TOPOLOGY,
    NO_BASE,
    FlowPlan,
    check_metric,
    fill_part,
    labels_part,
    legend_part,
    page_payload,
    page_topology,
    pairs_on_datum,
    plan_flows,
    title_part,
)
from pairmap.maps.payload import (
    BasePart,
    LegendPart,
    Payload,
    SouthChinaSeaPart,
    TilesPart,
    serialise,
)
from pairmap.maps.style import WidthScale


class SeededIds:
    """Element ids from a counter: the same seed and order of requests give the same ids.

    The first id is the seed itself, then ``seed_1``, ``seed_2`` and so on.
    """

    def __init__(self, seed: str = "pairmap") -> None:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", seed):
            raise ValueError(f"an id seed is a JavaScript name, not {seed!r}")
        self.seed = seed
        self._count = itertools.count()

    def next(self) -> str:
        """The next id."""
        number = next(self._count)
        return self.seed if number == 0 else f"{self.seed}_{number}"


#: Ids of elements created without one (a user's own elements): deterministic per run.
_ELEMENT_IDS = SeededIds("pairmap_element")


class FlowMap(folium.Map):
    """A ``folium.Map`` for pairmap's pages: canvas drawing, no tiles, no CDN links.

    Leaflet and pairmap's code are inlined by the pairmap elements added to it, so the
    page works with no network; its id comes from ``ids``. It links folium's usual
    libraries only when it holds a stock ``folium.Icon``, which needs them.

    Parameters
    ----------
    title
        The page's ``<title>``.
    ids
        Counter of element ids (default: seeded with ``"pairmap"``, so the map is
        ``map_pairmap``).
    **options
        Passed to ``folium.Map`` (``location``, ``zoom_start``, ``tiles``...).
    """

    def __init__(self, *, title: str = "", ids: SeededIds | None = None, **options: Any) -> None:
        self.ids = ids or SeededIds()
        self.element_id = self.ids.next()
        self.default_js: list[tuple[str, str]] = []
        self.default_css: list[tuple[str, str]] = []
        defaults: dict[str, Any] = {
            "location": [35.0, 105.0],
            "zoom_start": 4,
            "tiles": None,
            "prefer_canvas": True,
            "zoom_snap": 0.25,
            "zoom_delta": 0.5,
            "zoom_control": False,
        }
        super().__init__(**{**defaults, **options})
        root = self.get_root()
        if isinstance(root, Figure) and title:
            root.title = html_text(title)

    def get_name(self) -> str:
        """The map's JavaScript name: ``map_`` and its seeded id."""
        return f"map_{self.element_id}"

    def render(self, **kwargs: Any) -> Any:
        """Render as folium does; a map holding stock ``folium.Icon`` markers links
        folium's usual libraries (Leaflet first, so ``pairmap.save`` inlines it)."""
        if not self.default_js and any(isinstance(e, folium.Icon) for e in _walk(self)):
            self.default_js = list(folium.Map.default_js)
            self.default_css = list(folium.Map.default_css)
        return super().render(**kwargs)  # type: ignore[no-untyped-call]


class PairmapElement(MacroElement):
    """One part of pairmap's page on a folium map (the base class of the elements).

    Parameters
    ----------
    element_id
        The element's id (default: the next of a seeded counter).
    """

    #: The part of the page data this element provides (one element per part and map).
    part: ClassVar[str] = ""

    def __init__(self, *, element_id: str | None = None) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = type(self).__name__
        self.element_id = element_id or _ELEMENT_IDS.next()

    def get_name(self) -> str:
        """``flow_layer_`` (the class in snake case) and the element's id."""
        snake = re.sub(r"(?<!^)(?=[A-Z])", "_", type(self).__name__).lower()
        return f"{snake}_{self.element_id}"

    def render(self, **kwargs: Any) -> Any:
        """Register this part with the page of its map, then render as folium does."""
        page_of(self).register(self)
        return super().render(**kwargs)  # type: ignore[no-untyped-call]


class FlowLayer(PairmapElement):
    """Flows from donors to recipients, with their end points as circles.

    Parameters
    ----------
    pairs
        Resolved pairing frame (``pairmap.read_pairings(...).pairs``); one flow per row.
    metric
        Metric column setting line widths and circle sizes, or ``None`` (one width).
    colour_by
        ``"auto"``, ``"group"``, ``"donor_province"``, ``"donor_prefecture"`` or
        ``"program"``.
    width_scale
        A fixed width scale shared with other maps (default: from ``metric``).
    units
        Unit table (``geo.boundaries.load_units()``) naming donor prefectures.
    datum
        Datum of the map: ``"gcj02"`` moves the WGS84 end points onto Amap-style tiles.
    labels
        ``"ends"`` or ``"all"`` name donors and recipients (larger totals first, where
        room allows); ``"none"`` names none.
    lang
        Language of the whole page, ``"zh"`` or ``"en"`` (:mod:`maps.lang`).
    element_id
        As in :class:`PairmapElement`.

    Raises
    ------
    MapOptionError
        When ``metric`` is not a numeric column of ``pairs``, or ``labels`` is unknown.
    """

    part = "flows"

    def __init__(
        self,
        pairs: pd.DataFrame,
        *,
        metric: str | None = None,
        colour_by: ColourBy | str = ColourBy.AUTO,
        width_scale: WidthScale | None = None,
        units: pd.DataFrame | None = None,
        datum: str = "wgs84",
        labels: str = DEFAULT_LABELS,
        lang: str = "zh",
        element_id: str | None = None,
    ) -> None:
        super().__init__(element_id=element_id)
        check_metric(pairs, metric)  # bad options fail here, not when the map is shown
        self.lang = check_lang(lang)
        colour_by = map_choice(ColourBy, colour_by, option="colour_by")
        self.pairs = pairs_on_datum(pairs, datum)
        self.metric = metric
        self.colour_by = colour_by
        self.width_scale = width_scale
        self.units = units
        self.labels = check_label_mode(labels)

    def plan(self) -> FlowPlan:
        """Decide every flow's node, width, colour and toggles."""
        return plan_flows(
            self.pairs,
            metric=self.metric,
            width_scale=self.width_scale,
            colour_by=self.colour_by,
            units=self.units,
            lang=self.lang,
        )


class BoundaryLayer(PairmapElement):
    """Administrative units of China, filled by their role in the flows or by a metric.

    Parameters
    ----------
    topology
        TopoJSON text holding ``level`` and ``"province"`` in the page's form
        (``geo.boundaries.load_topology(..., form=maps.page.PAGE_TOPOLOGY)``); ``None``
        loads it (cached on disk; the first use prepares it), its unit names in the
        language of the map's :class:`FlowLayer`.
    level
        Units drawn: ``"province"``, ``"prefecture"`` or ``"county"``; province outlines
        are drawn over finer levels.
    provinces
        Only these provinces (adcodes or names), when ``topology`` is loaded.
    datum
        ``"wgs84"``, or ``"gcj02"`` for Amap-style tiles.
    detail
        ``"national"`` (light) or ``"regional"`` (finer), when ``topology`` is loaded.
    fill
        ``"role"`` (donors, recipients), ``"metric"`` (recipients by ``fill_metric``) or
        ``"none"``; the flows on the same map decide the fills.
    fill_metric
        Metric of the ``"metric"`` fill (default: the flow layer's metric).
    tiles
        Background tiles drawn under the units (``maps.flowmap.TileLayer``), or ``None``.
    labels
        ``"ends"`` names the provinces of a map of all of China; ``"all"`` also every
        unit drawn, where room allows; ``"none"`` names none.
    element_id
        As in :class:`PairmapElement`.
    """

    part = "boundaries"

    def __init__(
        self,
        topology: str | None = None,
        *,
        level: Level | str = Level.COUNTY,
        provinces: Sequence[str] | None = None,
        datum: str = "wgs84",
        detail: str = "national",
        fill: Fill | str = Fill.ROLE,
        fill_metric: str | None = None,
        tiles: Any = None,
        labels: str = DEFAULT_LABELS,
        element_id: str | None = None,
    ) -> None:
        super().__init__(element_id=element_id)
        self.labels = check_label_mode(labels)
        level = map_choice(Level, level, option="Map level")
        fill = map_choice(Fill, fill, option="fill")
        self.levels = [Level.PROVINCE] if level is Level.PROVINCE else [Level.PROVINCE, level]
        self._load: dict[str, Any] | None = None
        if topology is None:
            self._load = {"provinces": provinces, "datum": datum, "detail": detail}
            topology = _page_topology(self.levels, self._load, lang="zh")
        elif '"properties":{"adcode"' in topology:
            raise MapOptionError(
                "This topology names its properties in full; load it in the page's form: "
                "load_topology(..., form=pairmap.maps.page.PAGE_TOPOLOGY)."
            )
        self.topology = topology
        self.level, self.datum, self.fill, self.fill_metric = level, datum, fill, fill_metric
        self.tiles = tiles

    def topology_for(self, lang: str) -> str:
        """The topology a page in ``lang`` carries: the one given, as it is; else the one
        loaded, its unit names in ``lang`` (the language of the map's :class:`FlowLayer`)."""
        if self._load is None or lang == "zh":
            return self.topology
        return _page_topology(self.levels, self._load, lang=check_lang(lang))

    def base(self) -> BasePart:
        """Which topology objects the page fills and outlines, and their datum."""
        return {
            "fill": self.level,
            "outline": None if self.level is Level.PROVINCE else Level.PROVINCE.value,
            "datum": self.datum,
        }

    def places(self) -> dict[str, Any]:
        """The unit names to place (:func:`maps.labels.places_part`); loads name points."""
        units = topology_units(self.topology)
        wanted: dict[str, set[str]] = {}
        if self.labels != "none" and is_national(self.topology):
            wanted["province"] = {a for a, _ in units.get("province", ())}
        if self.labels == "all":
            wanted.setdefault(self.level, set()).update(a for a, _ in units.get(self.level, ()))
        if not any(wanted.values()):
            return dict(NO_PLACES)
        from pairmap.geo.label_points import load_label_points

        frames = []
        for level, codes in wanted.items():
            points = load_label_points(level, datum=self.datum)
            points = points[points["adcode"].isin(codes)]
            kind = "province" if level == "province" else "unit"
            frames.append(points.assign(kind=kind))
        return places_part(pd.concat(frames, ignore_index=True))

    def tiles_part(self) -> TilesPart | None:
        """The background tiles for the page, or ``None``."""
        if self.tiles is None:
            return None
        return {
            "url": self.tiles.url,
            "attribution": self.tiles.attribution,
            "max_zoom": self.tiles.max_zoom,
            "subdomains": self.tiles.subdomains,
            "overlays": list(self.tiles.overlays),
            "note": f"底图：{self.tiles.name}（需联网加载；无网络时仍显示边界与结对）",
        }


def _page_topology(levels: list[Level], load: dict[str, Any], *, lang: str) -> str:
    """The boundaries of ``levels`` in the page's form, unit names in ``lang`` (cached)."""
    from pairmap.geo.boundaries import load_topology

    return load_topology(levels, **load, form=page_topology(lang))


class SouthChinaSea(PairmapElement):
    """The South China Sea on a map of all of China: the maritime line (断续线) and the inset.

    The line's dashes are drawn on the map where they fall. With ``inset`` (the
    default) 南海诸岛 are shown in a framed inset at the lower right, with the line and
    a scale bar, and the map opens fitted to the mainland, Hainan and Taiwan; without
    it, the map opens on every unit, the islands at their true position.

    Parameters
    ----------
    inset
        Draw the inset and fit the view to the mainland.
    datum
        Datum of the map: ``"gcj02"`` moves the line and the inset onto Amap-style tiles.
    lang
        Language of the inset's label and scale bar: ``"zh"`` (南海诸岛) or ``"en"``.
    element_id
        As in :class:`PairmapElement`.
    """

    part = "south_china_sea"

    def __init__(
        self,
        *,
        inset: bool = True,
        datum: str = "wgs84",
        lang: str = "zh",
        element_id: str | None = None,
    ) -> None:
        super().__init__(element_id=element_id)
        from pairmap.maps.inset import inset_part, mainland_view, maritime_dashes

        self.data: SouthChinaSeaPart = {
            "line": maritime_dashes(datum=datum),
            "inset": inset_part(datum=datum, lang=check_lang(lang)) if inset else None,
            "view": mainland_view(datum=datum) if inset else None,
        }


class Legend(PairmapElement):
    """The legend of the flows and fills on the map (bottom right).

    Parameters
    ----------
    element_id
        As in :class:`PairmapElement`.
    """

    part = "legend"


class Controls(PairmapElement):
    """Title, subtitle, search, layer toggles, fullscreen, zoom, scale bar and footer.

    Parameters
    ----------
    title, subtitle
        Shown top left.
    sources
        Data sources listed in the footer.
    date
        Date of the data, in the footer.
    not_drawn
        Rows left out of the map (``(where, why)``), counted in the footer and listed
        when the count is clicked.
    element_id
        As in :class:`PairmapElement`.
    """

    part = "controls"

    def __init__(
        self,
        *,
        title: str = "",
        subtitle: str = "",
        sources: Sequence[str] = (),
        date: str = "",
        not_drawn: Sequence[tuple[str, str]] = (),
        element_id: str | None = None,
    ) -> None:
        super().__init__(element_id=element_id)
        self.title, self.subtitle, self.sources, self.date = title, subtitle, tuple(sources), date
        self.not_drawn = tuple(not_drawn)


class Changes(PairmapElement):
    """A panel (top left) of the pairs added, removed and changed since the previous
    build, with a toggle that highlights the added and changed flows.

    Parameters
    ----------
    changes
        What changed (:class:`maps.changes.MapChanges`); the page shows no panel when
        nothing did.
    element_id
        As in :class:`PairmapElement`.
    """

    part = "changes"

    def __init__(self, changes: MapChanges, *, element_id: str | None = None) -> None:
        super().__init__(element_id=element_id)
        self.changes = changes


# -- the page --------------------------------------------------------------------------


class PageData(Element):
    """The page's two JSON blocks, assembled from the parts on one map when it renders.

    One per figure, kept in the figure's body under :attr:`NAME`; each pairmap element
    registers itself when it renders, and the data is written after all have.
    """

    NAME: ClassVar[str] = "pairmap_data"

    def __init__(self, folium_map: folium.Map) -> None:
        super().__init__()
        self._name = "PairmapData"
        self.map = folium_map
        self.parts: dict[str, PairmapElement] = {}

    def get_name(self) -> str:
        """The fixed name :attr:`NAME` (one page data per figure)."""
        return self.NAME

    def register(self, element: PairmapElement) -> None:
        """Hold ``element`` as the provider of its part.

        Raises
        ------
        MapOptionError
            When another element on the map already provides that part.
        """
        held = self.parts.get(element.part)
        if held is not None and held is not element and held._parent is self.map:
            raise MapOptionError(
                f"This map already has a pairmap {type(held).__name__}; a map holds one of "
                "each (concatenate the pairs to draw them together)."
            )
        self.parts[element.part] = element

    def payload(self) -> tuple[Payload, str]:
        """The page data and the compact topology of the parts registered."""
        return assemble(self.parts)

    def render(self, **kwargs: Any) -> str:
        """The ``pairmap-data`` and ``pairmap-topology`` blocks (escaped for ``<script>``)."""
        payload, topology = self.payload()
        return (
            '<script type="application/json" id="pairmap-data">'
            f"{serialise(payload)}</script>\n"
            '<script type="application/json" id="pairmap-topology">'
            f"{escape_json_text(topology)}</script>"
        )


def assemble(parts: Mapping[str, PairmapElement]) -> tuple[Payload, str]:
    """The page data and the topology of a map's parts, by :attr:`~PairmapElement.part`.

    Only a :class:`FlowLayer` is needed: without a :class:`BoundaryLayer` the page draws
    no units, without a :class:`Legend` no legend, without :class:`Controls` no
    controls.

    Raises
    ------
    MapOptionError
        When there is no :class:`FlowLayer` (the page is drawn around one).
    """
    flows = parts.get("flows")
    if not isinstance(flows, FlowLayer):
        raise MapOptionError(
            "pairmap's page is drawn around a FlowLayer: add one to the map "
            "(pairmap.FlowLayer(pairs).add_to(m))."
        )
    plan = flows.plan()
    boundaries = parts.get("boundaries")
    if isinstance(boundaries, BoundaryLayer):
        metric = boundaries.fill_metric or flows.metric
        choropleth = fill_part(plan, fill=boundaries.fill, metric=metric)
        base, tiles = boundaries.base(), boundaries.tiles_part()
        topology = boundaries.topology_for(plan.lang)
    else:
        choropleth = fill_part(plan, fill="none", metric=None)
        base, tiles, topology = NO_BASE, None, EMPTY_TOPOLOGY
    legend: LegendPart | None = None
    if isinstance(parts.get("legend"), Legend):
        legend = legend_part(plan, choropleth=choropleth)
    controls = parts.get("controls")
    texts = controls if isinstance(controls, Controls) else Controls(element_id="none")
    title = title_part(
        title=texts.title,
        subtitle=texts.subtitle,
        sources=texts.sources,
        date=texts.date,
        boundaries=isinstance(boundaries, BoundaryLayer),
        lang=plan.lang,
    )
    places = boundaries.places() if isinstance(boundaries, BoundaryLayer) else None
    if places is not None and plan.lang != "zh":
        names = zip(places["name"], places["adcode"], strict=True)
        places = {**places, "name": [english_label(n, a) for n, a in names]}
    labels = labels_part(plan, nodes=flows.labels != "none", places=places)
    changes = parts.get("changes")
    changed = (
        changes_part(changes.changes, plan.pairs, lang=plan.lang)
        if isinstance(changes, Changes) and not changes.changes.empty
        else None
    )
    payload = page_payload(
        plan,
        base=base,
        tiles=tiles,
        choropleth=choropleth,
        legend=legend,
        title=title,
        controls=isinstance(controls, Controls),
        not_drawn=[{"where": where, "why": why} for where, why in texts.not_drawn],
        south_china_sea=sea.data
        if isinstance(sea := parts.get("south_china_sea"), SouthChinaSea)
        else None,
        labels=labels,
        changes=changed,
    )
    return payload, topology


def _walk(element: Element) -> Iterator[Element]:
    for child in element._children.values():
        yield child
        yield from _walk(child)


def _place_before(parent: Element, child: Element, *, name: str, before: str) -> None:
    """Add ``child`` under ``name`` just before the entry ``before`` (else at the end)."""
    names = [key for key in parent._children if key != name]
    index = names.index(before) if before in names else len(names)
    parent.add_child(child, name=name, index=index)


def page_of(element: PairmapElement) -> PageData:
    """The page data of the figure ``element``'s map is in; sets the page up on first use.

    Puts pairmap's scripts and styles in the header before the map's own (after any
    library folium links), the data blocks in the body before the map's ``<div>``, and
    the start call after the map's script.

    Raises
    ------
    MapOptionError
        When ``element`` is not on a ``folium.Map``, or the figure already holds a
        pairmap page for another map.
    """
    from pairmap.maps.assets import page_assets_html

    folium_map = element._parent
    if not isinstance(folium_map, folium.Map):
        raise MapOptionError(
            f"Add pairmap's {type(element).__name__} to a folium.Map: "
            f"pairmap.{type(element).__name__}(...).add_to(m)."
        )
    figure = folium_map.get_root()
    if not isinstance(figure, Figure):
        raise MapOptionError("The folium.Map is not in a figure; create it with folium.Map().")
    page = figure.html._children.get(PageData.NAME)
    if not isinstance(page, PageData):
        page = PageData(folium_map)
    elif page.map is not folium_map:
        raise MapOptionError("pairmap draws on one map per page; this figure has another.")
    name = folium_map.get_name()
    _place_before(figure.html, page, name=PageData.NAME, before=name)
    assets = page_assets_html(
        leaflet="leaflet" not in figure.header._children,
        # stock layers (a Marker, a GeoJSON point) may draw Leaflet's default marker icon
        markers=any(not isinstance(e, PairmapElement) for e in _walk(folium_map)),
    )
    assets_element = RawHtml(assets, name="pairmap_assets")
    _place_before(figure.header, assets_element, name="pairmap_assets", before=name)
    start = RawHtml(f"pairmapStart({name});", name="pairmap_start")
    figure.script.add_child(start, name="pairmap_start")
    return page
