"""The one metric CRS of the project (an Albers equal-area for China) and area helpers."""

from __future__ import annotations

import functools

import numpy as np
import shapely
from pyproj import CRS, Transformer

#: Geographic CRS used between modules.
GEOGRAPHIC_CRS = CRS.from_epsg(4326)

#: Albers equal-area conic for China (standard parallels 25°N and 47°N, central
#: meridian 105°E), the usual choice for national maps of China. Areas,
#: distances and metric tolerances are computed here.
EQUAL_AREA_CRS = CRS.from_proj4(
    "+proj=aea +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +x_0=0 +y_0=0 "
    "+ellps=WGS84 +units=m +no_defs +type=crs"
)


@functools.cache
def _to_equal_area() -> Transformer:
    return Transformer.from_crs(GEOGRAPHIC_CRS, EQUAL_AREA_CRS, always_xy=True)


def to_equal_area(geometries: np.ndarray) -> np.ndarray:
    """Project lon/lat shapely geometries (EPSG:4326) into :data:`EQUAL_AREA_CRS`."""
    transformer = _to_equal_area()
    projected: np.ndarray = shapely.transform(
        geometries, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))
    )
    return projected


def area_km2(geometries: np.ndarray) -> np.ndarray:
    """Areas in km² of lon/lat shapely geometries (EPSG:4326), one per geometry."""
    return np.asarray(shapely.area(to_equal_area(np.asarray(geometries))), dtype=float) / 1e6
