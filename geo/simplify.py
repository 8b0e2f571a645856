"""Gap-free coverage simplification and dissolving counties into coarser layers."""

from __future__ import annotations

import logging

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from pairmap.geo.options import Detail as Detail  # defined with the other choices

logger = logging.getLogger(__name__)


#: Coverage-simplification tolerance in degrees per detail. 0.012° (~1.1 km)
#: keeps ~5 % of the county vertices, no gaps, every island part; 0.002°
#: (~200 m) stays faithful at province zoom.
TOLERANCE_DEGREES: dict[Detail, float] = {Detail.NATIONAL: 0.012, Detail.REGIONAL: 0.002}


def simplify_coverage(geometries: np.ndarray, *, tolerance: float) -> np.ndarray:
    """Simplify polygons that tile an area together, keeping shared edges shared.

    Parameters
    ----------
    geometries
        Shapely polygons forming a valid coverage (edges shared exactly, no overlaps).
    tolerance
        Douglas–Peucker style tolerance, in the units of the coordinates.

    Returns
    -------
    numpy.ndarray
        New geometries; neighbours still meet along identical edges, so the result
        has neither gaps nor overlaps. Never per-polygon ``simplify``, which tears
        the coverage apart.
    """
    geometries = np.asarray(geometries, dtype=object)
    if len(geometries) == 0 or tolerance <= 0:
        return geometries.copy()
    simplified = shapely.coverage_simplify(geometries, tolerance)
    logger.debug(
        "coverage-simplified %d polygons at %g: %d -> %d vertices",
        len(geometries),
        tolerance,
        shapely.get_num_coordinates(geometries).sum(),
        shapely.get_num_coordinates(simplified).sum(),
    )
    return np.asarray(simplified, dtype=object)


def dissolve_coverage(gdf: gpd.GeoDataFrame, *, by: pd.Series) -> gpd.GeoSeries:
    """Union a coverage's polygons by group, fast and exactly along shared edges.

    Parameters
    ----------
    gdf
        Polygons forming a valid coverage.
    by
        Group key per row of ``gdf`` (same index).

    Returns
    -------
    geopandas.GeoSeries
        One geometry per group, indexed by the sorted group keys, same CRS.
    """
    keys = np.asarray(by.loc[gdf.index])
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    geometries = np.asarray(gdf.geometry.array, dtype=object)[order]
    uniques, starts = np.unique(sorted_keys, return_index=True)
    bounds = [*starts[1:], len(sorted_keys)]
    unions = [
        shapely.coverage_union_all(geometries[start:end])
        for start, end in zip(starts, bounds, strict=True)
    ]
    return gpd.GeoSeries(unions, index=pd.Index(uniques, name=by.name), crs=gdf.crs)
