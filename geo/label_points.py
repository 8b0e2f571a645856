"""Where a unit's name goes on a map: a point well inside it, near its middle (pure)."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry


def _largest_part(geometry: BaseGeometry) -> BaseGeometry:
    """The polygon of largest area of a (multi)polygon."""
    parts = list(getattr(geometry, "geoms", [geometry]))
    return max(parts, key=lambda part: part.area)


def label_point(geometry: BaseGeometry) -> tuple[float, float]:
    """A point for the name of one unit: inside its largest part, near that part's middle.

    The largest inscribed circle alone puts the name where a unit is widest, which for
    a long province is one end of it (内蒙古's is in Hulunbuir). So the largest part is
    first cut to a disc of its own area around its centroid, and the centre of the
    largest circle inside the biggest piece of that is the point.

    Parameters
    ----------
    geometry
        A polygon or multipolygon in EPSG:4326.

    Returns
    -------
    tuple of float
        ``(lon, lat)``.
    """
    part = _largest_part(geometry)
    centre = part.centroid
    radius = math.sqrt(part.area / math.pi)
    piece = part.intersection(centre.buffer(radius, quad_segs=16))
    piece = part if piece.is_empty or piece.area <= 0 else _largest_part(piece)
    point = shapely.get_point(shapely.maximum_inscribed_circle(piece), 0)
    return float(point.x), float(point.y)


def label_points(gdf_units: gpd.GeoDataFrame) -> pd.DataFrame:
    """The name point (:func:`label_point`) of every unit of a boundary frame.

    Parameters
    ----------
    gdf_units
        Boundaries with ``adcode`` and ``geometry`` (``geo.boundaries.load_boundaries``).

    Returns
    -------
    pandas.DataFrame
        ``adcode, lon, lat`` in the frame's order; empty geometries are left out.
    """
    rows = [
        (str(adcode), *label_point(geometry))
        for adcode, geometry in zip(gdf_units["adcode"], gdf_units.geometry, strict=True)
        if geometry is not None and not geometry.is_empty
    ]
    frame = pd.DataFrame(rows, columns=["adcode", "lon", "lat"])
    frame["lon"] = frame["lon"].astype(np.float64)
    frame["lat"] = frame["lat"].astype(np.float64)
    return frame


def load_label_points(level: str, *, datum: str = "wgs84") -> pd.DataFrame:
    """The name point and area of every unit of one level of China.

    Provinces get :func:`label_point` on their national-detail boundaries (their
    anchors sit at their capitals); prefectures and counties keep their anchors, the
    centres of their largest inscribed circles (``geo.boundaries.load_anchors``).

    Parameters
    ----------
    level
        ``"province"``, ``"prefecture"`` or ``"county"``.
    datum
        Datum of ``lon``/``lat``.

    Returns
    -------
    pandas.DataFrame
        ``adcode, name, level, lon, lat, area_km2``, sorted by adcode.
    """
    from pairmap.geo.boundaries import load_anchors, load_boundaries, load_units

    units = load_units()
    units = units[units["level"] == level][["adcode", "name", "level"]]
    anchors = load_anchors(datum=datum)
    if level == "province":
        points = label_points(load_boundaries("province", datum=datum, detail="national"))
        anchors = anchors[["adcode", "area_km2"]].merge(points, on="adcode")
    frame = units.merge(anchors[["adcode", "lon", "lat", "area_km2"]], on="adcode")
    return frame.sort_values("adcode", kind="stable").reset_index(drop=True)
