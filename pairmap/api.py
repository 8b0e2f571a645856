"""pairmap's Python API: read and check pairing tables, draw flow maps, save them.

Everything here calls the same library functions as the ``pairmap`` command line
(:mod:`pairmap.pairings.tables`, :mod:`pairmap.maps.flowmap`,
:mod:`pairmap.maps.offline`), so a notebook and the command line draw the same maps.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from pairmap.geo.levels import Level
from pairmap.geo.options import Datum, Detail
from pairmap.maps.options import ColourBy, Extent, Fill

if TYPE_CHECKING:
    import folium
    import geopandas as gpd

    from pairmap.maps.changes import MapChanges
    from pairmap.pairings.issues import Report
    from pairmap.pairings.metrics import Metric
    from pairmap.pairings.tables import TableSource

__all__ = [
    "Pairings",
    "boundaries",
    "check",
    "flow_map",
    "places",
    "read_pairings",
    "save",
    "select",
]


@dataclass(frozen=True)
class Pairings:
    """A resolved pairing table and the report of reading it.

    Attributes
    ----------
    pairs
        One row per donor → recipient pair, each side placed at an administrative unit
        with its adcode and WGS84 point (the columns are listed in ``docs/design.md``).
    report
        What was read and every warning (``print(report)``, ``report.to_json()``).
    """

    pairs: pd.DataFrame
    report: Report

    def __len__(self) -> int:
        return len(self.pairs)

    def select(
        self,
        *,
        programmes: Iterable[str] = (),
        rounds: Iterable[str] = (),
        years: int | str | tuple[int, int] | None = None,
        donor_provinces: Iterable[str] = (),
        recipient_provinces: Iterable[str] = (),
        level: Level | str | None = None,
    ) -> Pairings:
        """These pairings with only the selected pairs (the report is kept as is).

        Parameters and errors are those of :func:`select`.
        """
        pairs = select(
            self.pairs,
            programmes=programmes,
            rounds=rounds,
            years=years,
            donor_provinces=donor_provinces,
            recipient_provinces=recipient_provinces,
            level=level,
        )
        return Pairings(pairs, self.report)

    @property
    def metrics(self) -> tuple[Metric, ...]:
        """The metric columns of :attr:`pairs`, each with its label, unit and kind,
        as validation decided them (``funds_cny`` 帮扶资金 in 元, extra columns too)."""
        from pairmap.pairings.metrics import table_metrics

        return table_metrics(self.pairs)


def read_pairings(
    source: TableSource | Sequence[TableSource],
    *,
    columns: Mapping[str, str] | None = None,
    sheet: str | None = None,
) -> Pairings:
    """Read, validate and resolve pairing tables.

    Parameters
    ----------
    source
        A ``.csv`` / ``.xlsx`` file, a folder of them, a ``pandas.DataFrame`` (read
        like a sheet: its column labels are the headers), or a list of these.
    columns
        Canonical column -> header as written, for headers pairmap does not recognise
        (``{"donor": "帮扶单位"}``).
    sheet
        Worksheet to read from ``.xlsx`` files (default: the first).

    Returns
    -------
    Pairings
        The resolved pairs and the report (warnings only).

    Raises
    ------
    pairmap.errors.PairingTableError
        When a table has errors; its ``report`` lists every problem with file (or
        ``DataFrame``), row and column. A DataFrame's row is its index label.
    pairmap.errors.TableReadError
        When the paths hold no table file.
    """
    from pairmap.pairings.tables import read_tables

    read = read_tables(source, columns=columns, sheet=sheet)
    read.report.raise_for_errors()
    return Pairings(read.pairs, read.report)


def select(
    pairs: pd.DataFrame | Pairings,
    *,
    programmes: Iterable[str] = (),
    rounds: Iterable[str] = (),
    years: int | str | tuple[int, int] | None = None,
    donor_provinces: Iterable[str] = (),
    recipient_provinces: Iterable[str] = (),
    level: Level | str | None = None,
) -> pd.DataFrame:
    """Keep the pairs of some programmes, rounds, years, provinces or levels.

    Every argument left empty keeps every pair; given ones all apply. This is the
    selection behind ``pairmap map --program/--round/--years/--donor-province`` and
    the map book (:class:`pairmap.Selection` holds the same fields as data).

    Parameters
    ----------
    pairs
        Resolved pairs (:attr:`Pairings.pairs`, or the :class:`Pairings` itself).
    programmes
        Programmes as written (``"东西部协作"``) or by key (``"east_west"``).
    rounds
        Rounds as written (``"2021"``).
    years
        A year or a range (``2021``, ``"2021-2023"``, ``(2021, 2023)``): pairs that
        started by the last year and had not ended before the first. Pairs without a
        start year are left out (:meth:`Selection.undated` counts them).
    donor_provinces, recipient_provinces
        Provinces by name (``"广东"``, ``"广东省"``) or adcode, matched by unit.
    level
        The finest level kept (:class:`~pairmap.Level` or its value): pairs whose two
        ends are both at this level or coarser.

    Returns
    -------
    pandas.DataFrame
        The rows kept, in order, indexed from 0.

    Raises
    ------
    pairmap.errors.SelectionError
        For a programme, round or province the pairs do not have (the message lists
        those they have), or years that are not years.
    pairmap.errors.UnknownLevelError
        For a level other than province, prefecture or county.
    """
    from pairmap.pairings.select import select_pairs

    frame = pairs.pairs if isinstance(pairs, Pairings) else pairs
    return select_pairs(
        frame,
        programmes=programmes,
        rounds=rounds,
        years=years,
        donor_provinces=donor_provinces,
        recipient_provinces=recipient_provinces,
        level=level,
    )


def check(
    source: TableSource | Sequence[TableSource],
    *,
    columns: Mapping[str, str] | None = None,
    sheet: str | None = None,
) -> Report:
    """Check pairing tables: the report of every problem, without raising for them.

    Parameters are those of :func:`read_pairings`.

    Returns
    -------
    pairmap.pairings.issues.Report
        Printable (``print(report)``); ``report.errors``, ``report.warnings``,
        ``report.ok`` and ``report.to_json()``.
    """
    from pairmap.pairings.tables import read_tables

    return read_tables(source, columns=columns, sheet=sheet).report


def flow_map(
    pairs: pd.DataFrame | Pairings,
    *,
    level: Level | str = Level.COUNTY,
    metric: str | None = None,
    colour_by: ColourBy | str = ColourBy.AUTO,
    title: str = "",
    subtitle: str = "",
    extent: Extent | str = Extent.AUTO,
    fill: Fill | str = Fill.ROLE,
    sources: Sequence[str] = (),
    basemap: str = "none",
    tianditu_key: str | None = None,
    report: Report | None = None,
    inset: bool = True,
    labels: str = "ends",
    lang: str = "zh",
    changes: MapChanges | None = None,
) -> folium.Map:
    """Draw resolved pairs as a flow map: a ``folium.Map`` of pairmap's elements.

    The map shows inline in Jupyter; :func:`save` writes it as one offline HTML file
    or a PNG image. Stock folium layers (``folium.Marker``, ``folium.GeoJson``...) can
    be added to it.

    Parameters
    ----------
    pairs
        Resolved pairs (:attr:`Pairings.pairs`, or the :class:`Pairings` itself).
    level
        Units drawn under the flows: a :class:`~pairmap.Level` or its value,
        ``"province"``, ``"prefecture"`` or ``"county"``.
    metric
        Metric column setting line widths and the ``"metric"`` fill (``"funds_cny"``).
    colour_by
        A :class:`~pairmap.ColourBy` or its value: ``"auto"``, ``"group"``,
        ``"donor_province"``, ``"donor_prefecture"`` or ``"program"``.
    title, subtitle
        Shown top left; ``title`` is also the page's title (default: 结对帮扶地图, or
        its English for ``lang="en"``).
    extent
        An :class:`~pairmap.Extent` or its value: ``"national"``, ``"regional"`` (the
        provinces the pairs touch) or ``"auto"``.
    fill
        A :class:`~pairmap.Fill` or its value: ``"role"`` (donors and recipients),
        ``"metric"`` (recipients by ``metric``) or ``"none"``.
    sources
        Data sources listed in the footer.
    basemap
        Background tiles: ``"none"`` (offline), ``"osm"``, ``"carto"``, ``"amap"``
        (GCJ-02: boundaries and end points follow) or ``"tianditu"``.
    tianditu_key
        Tianditu's API key (default: the ``PAIRMAP_TIANDITU_KEY`` environment variable).
    report
        The report of reading ``pairs``; rows with errors in it (left out of ``pairs``)
        are counted in the map's footer and listed, with why, when the count is clicked.
    inset
        On a map of national extent, show 南海诸岛 in a framed inset at the lower right
        and open the map fitted to the mainland, Hainan and Taiwan; ``False`` shows the
        islands at their true position instead. Regional maps have no inset.
    labels
        Place names on the map: ``"ends"`` (donors and recipients, larger totals first
        where room allows, and province names on national maps), ``"all"`` (also every
        unit drawn, where room allows) or ``"none"``.
    lang
        ``"zh"`` or ``"en"``: the language of the interface, legend, popups and place
        names (table text such as notes stays as written).
    changes
        What changed since the map's previous build (``MapChanges(since, diff)`` from
        :mod:`pairmap.maps.changes`, ``diff`` from
        :func:`pairmap.pairings.diff.diff_records`): a panel lists the pairs added,
        removed and changed (each changed figure old → new) and can highlight the added
        and changed flows. ``None`` or an empty diff shows no panel.

    Raises
    ------
    pairmap.errors.MapOptionError
        For an unknown level, extent, fill, colour mode, labels or basemap (the message
        lists the allowed values), a metric the pairs lack, or Tianditu without a key.
    """
    from pairmap.maps.basemaps import basemap_tiles
    from pairmap.maps.flowmap import MapOptions, flow_map_for
    from pairmap.pairings.skipped import rows_not_drawn

    frame = pairs.pairs if isinstance(pairs, Pairings) else pairs
    options = MapOptions(
        title=title,
        subtitle=subtitle,
        level=level,
        extent=extent,
        metric=metric,
        color_by=colour_by,
        fill=fill,
        fill_metric=metric,
        sources=tuple(sources),
        tiles=basemap_tiles(basemap, key=tianditu_key),
        not_drawn=tuple((row.where_in_map, row.reason) for row in rows_not_drawn(report))
        if report is not None
        else (),
        inset=inset,
        labels=labels,
        lang=lang,
        changes=changes,
    )
    return flow_map_for(frame, options=options)


def save(
    folium_map: folium.Map,
    path: str | os.PathLike[str],
    *,
    size: str = "1920x1080",
    scale: float = 1.0,
) -> Path:
    """Save a folium map as one offline ``.html`` file, or as an image, print or deck.

    Every asset pairmap knows (Leaflet, pairmap's scripts and styles) is inlined; a
    stock plugin's CDN file it cannot inline is named in an
    :class:`~pairmap.errors.OfflineAssetWarning` and the file is written all the same.
    The exports are drawn by Chromium with no network and need Playwright
    (``pip install 'pairmap[png]'``); a deck also needs python-pptx
    (``pip install 'pairmap[pptx]'``).

    Parameters
    ----------
    folium_map
        A map from :func:`flow_map`, or any ``folium.Map``.
    path
        Where to write; the suffix picks the format: ``.html`` / ``.htm``; ``.png``;
        ``.pdf`` and ``.svg`` (vector: paths and text); ``.pptx`` (one 16:9 slide with
        the picture, title, source line and a link to the page, which is written beside
        it as ``.html``).
    size
        ``"1920x1080"`` (a 16:9 slide, the default), ``"3840x2160"``, ``"1600x1200"``,
        any ``WxH`` in pixels, or ``"A4"`` / ``"A3"`` (landscape paper).
    scale
        Device scale factor: ``WxH`` stays the picture's pixel size, laid out at
        ``W/scale × H/scale``; on paper, ``96 × scale`` dpi.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    pairmap.errors.ExportError
        For a suffix pairmap does not write.
    pairmap.errors.PairmapError
        For a size or scale it cannot export at, or a missing browser or package.
    """
    from pairmap.maps.offline import save_map
    from pairmap.maps.sizes import parse_size

    return save_map(folium_map, Path(path), size=parse_size(size, scale=scale))


def places(
    name: str,
    *,
    within: str | Sequence[str] = (),
    level: Level | str | None = None,
    datum: Datum | str = Datum.WGS84,
) -> gpd.GeoDataFrame:
    """Every administrative unit a name may mean, with its boundary.

    Parameters
    ----------
    name
        An adcode, a full or short name (``"金秀"``), a former name (``"水城县"``) or a
        path (``"广州白云区"``).
    within
        Province and/or prefecture the place lies in (names or adcodes).
    level
        Only units of this level (a :class:`~pairmap.Level` or its value).
    datum
        ``"wgs84"`` or ``"gcj02"``.

    Returns
    -------
    geopandas.GeoDataFrame
        ``adcode, name, level, province_adcode, parent_adcode, path, note, geometry``,
        one row per unit (several when the name is ambiguous), sorted by adcode.

    Raises
    ------
    pairmap.errors.UnknownPlaceError
        When no unit matches (``suggestions`` holds the closest).
    pairmap.errors.NotAdministrativeError
        When the name is an agency, firm, zone, town or the like.
    """
    from pairmap.geo.places import places_frame

    return places_frame(name, within=within, level=level, datum=datum)


def boundaries(
    level: Level | str = Level.COUNTY,
    *,
    provinces: Sequence[str] | None = None,
    datum: Datum | str = Datum.WGS84,
    detail: Detail | str = Detail.NATIONAL,
) -> gpd.GeoDataFrame:
    """Gap-free boundaries of China's administrative units.

    Parameters
    ----------
    level
        A :class:`~pairmap.Level` or its value: ``"province"``, ``"prefecture"`` or
        ``"county"``.
    provinces
        Only these provinces (adcodes or names such as ``"贵州"``); all of China when
        ``None``.
    datum
        ``"wgs84"`` (OSM-style tiles) or ``"gcj02"`` (Amap-style tiles).
    detail
        ``"national"`` (light) or ``"regional"`` (finer).

    Returns
    -------
    geopandas.GeoDataFrame
        ``adcode, name, level, province_adcode, parent_adcode, geometry`` in EPSG:4326.

    Raises
    ------
    pairmap.errors.UnknownLevelError
        For a level other than the three (the message names them).
    """
    from pairmap.geo.boundaries import load_boundaries

    frame: Any = load_boundaries(level, provinces=provinces, datum=datum, detail=detail)
    return frame
