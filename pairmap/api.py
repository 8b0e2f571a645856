"""pairmap's Python API: read and check pairing tables, draw flow maps, save them.

Everything here calls the same library functions as the ``pairmap`` command line
(:mod:`pairmap.pairings.tables`, :mod:`pairmap.maps.flowmap`,
:mod:`pairmap.maps.offline`), so a notebook and the command line draw the same maps.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    import folium
    import geopandas as gpd

    from pairmap.pairings.issues import Report
    from pairmap.pairings.tables import TableSource

__all__ = ["Pairings", "boundaries", "check", "flow_map", "places", "read_pairings", "save"]


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
    level: str = "county",
    metric: str | None = None,
    colour_by: str = "auto",
    title: str = "",
    subtitle: str = "",
    extent: str = "auto",
    fill: str = "role",
    sources: Sequence[str] = (),
    lang: str = "zh",
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
        Units drawn under the flows: ``"province"``, ``"prefecture"`` or ``"county"``.
    metric
        Metric column setting line widths and the ``"metric"`` fill (``"funds_cny"``).
    colour_by
        ``"auto"``, ``"group"``, ``"donor_province"``, ``"donor_prefecture"`` or
        ``"program"``.
    title, subtitle
        Shown top left; ``title`` is also the page's title (default: 结对帮扶地图, or
        its English for ``lang="en"``).
    extent
        ``"national"``, ``"regional"`` (the provinces the pairs touch) or ``"auto"``.
    fill
        ``"role"`` (donors and recipients), ``"metric"`` (recipients by ``metric``) or
        ``"none"``.
    sources
        Data sources listed in the footer.
    lang
        ``"zh"`` or ``"en"``: the language of the interface, legend, popups and place
        names (table text such as notes stays as written).

    Raises
    ------
    pairmap.errors.MapOptionError
        For an unknown level, extent, fill or colour mode, or a metric the pairs lack.
    """
    from pairmap.maps.flowmap import MapOptions, flow_map_for

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
        lang=lang,
    )
    return flow_map_for(frame, options=options)


def save(folium_map: folium.Map, path: str | os.PathLike[str]) -> Path:
    """Save a folium map as one offline ``.html`` file or a ``.png`` image.

    Every asset pairmap knows (Leaflet, pairmap's scripts and styles) is inlined; a
    stock plugin's CDN file it cannot inline is named in an
    :class:`~pairmap.errors.OfflineAssetWarning` and the file is written all the same.
    A PNG needs Playwright and Chromium (``pip install 'pairmap[png]'``).

    Parameters
    ----------
    folium_map
        A map from :func:`flow_map`, or any ``folium.Map``.
    path
        Where to write; the suffix (``.html``, ``.htm`` or ``.png``) picks the format.

    Returns
    -------
    Path
        The file written.
    """
    from pairmap.maps.offline import save_map

    return save_map(folium_map, Path(path))


def places(
    name: str,
    *,
    within: str | Sequence[str] = (),
    level: str | None = None,
    datum: str = "wgs84",
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
        Only units of this level.
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
    level: str = "county",
    *,
    provinces: Sequence[str] | None = None,
    datum: str = "wgs84",
    detail: str = "national",
) -> gpd.GeoDataFrame:
    """Gap-free boundaries of China's administrative units.

    Parameters
    ----------
    level
        ``"province"``, ``"prefecture"`` or ``"county"``.
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
    """
    from pairmap.geo.boundaries import load_boundaries

    frame: Any = load_boundaries(level, provinces=provinces, datum=datum, detail=detail)
    return frame
