"""Geodetic datums of the boundaries and the vectorised GCJ-02 ⇄ WGS84 transform."""

from __future__ import annotations

from typing import TypeVar

import numpy as np
import shapely

from pairmap.geo.options import Datum as Datum  # defined with the other choices

#: Krasovsky 1940 semi-major axis (m) and squared eccentricity used by GCJ-02.
_A = 6378245.0
_EE = 0.00669342162296594323

#: The box GCJ-02 applies inside (lon min, lon max, lat min, lat max); outside it
#: GCJ-02 equals WGS84.
_CHINA_BOX = (72.004, 137.8347, 0.8293, 55.8271)

#: Fixed-point rounds of the inverse: the first leaves ~2 m, each next one cuts the
#: error ~300-fold, so three reach well under a millimetre.
_INVERSE_ROUNDS = 3

#: Geometries converted per slice (bounds the memory of the numpy temporaries).
_CHUNK = 256

GeometryT = TypeVar("GeometryT")


def _offset(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """GCJ-02 minus WGS84 (degrees) at WGS84 points, zero outside the China box."""
    x = lon - 105.0
    y = lat - 35.0
    pi = np.pi
    common = (20.0 * np.sin(6.0 * x * pi) + 20.0 * np.sin(2.0 * x * pi)) * 2.0 / 3.0
    sqrt_abs_x = np.sqrt(np.abs(x))
    d_lat = (
        -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * sqrt_abs_x
        + common
        + (20.0 * np.sin(y * pi) + 40.0 * np.sin(y / 3.0 * pi)) * 2.0 / 3.0
        + (160.0 * np.sin(y / 12.0 * pi) + 320.0 * np.sin(y * pi / 30.0)) * 2.0 / 3.0
    )
    d_lon = (
        300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * sqrt_abs_x
        + common
        + (20.0 * np.sin(x * pi) + 40.0 * np.sin(x / 3.0 * pi)) * 2.0 / 3.0
        + (150.0 * np.sin(x / 12.0 * pi) + 300.0 * np.sin(x / 30.0 * pi)) * 2.0 / 3.0
    )
    rad_lat = np.radians(lat)
    magic = 1.0 - _EE * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    d_lat = d_lat * 180.0 / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * pi)
    d_lon = d_lon * 180.0 / (_A / sqrt_magic * np.cos(rad_lat) * pi)
    inside = in_china_box(lon, lat)
    return np.where(inside, d_lon, 0.0), np.where(inside, d_lat, 0.0)


def in_china_box(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Whether points lie in the box where GCJ-02 differs from WGS84."""
    lon_min, lon_max, lat_min, lat_max = _CHINA_BOX
    return (lon >= lon_min) & (lon <= lon_max) & (lat >= lat_min) & (lat <= lat_max)


def wgs84_to_gcj02(coords: np.ndarray) -> np.ndarray:
    """Convert an ``(n, 2)`` array of WGS84 lon/lat to GCJ-02 (a new array)."""
    coords = np.asarray(coords, dtype=float)
    lon, lat = coords[:, 0], coords[:, 1]
    d_lon, d_lat = _offset(lon, lat)
    return np.column_stack([lon + d_lon, lat + d_lat])


def gcj02_to_wgs84(coords: np.ndarray) -> np.ndarray:
    """Convert an ``(n, 2)`` array of GCJ-02 lon/lat to WGS84 (a new array).

    The inverse has no closed form; a few fixed-point rounds of
    ``wgs = gcj - offset(wgs)`` converge to well under a millimetre.
    """
    coords = np.asarray(coords, dtype=float)
    gcj_lon, gcj_lat = coords[:, 0], coords[:, 1]
    lon, lat = gcj_lon.copy(), gcj_lat.copy()
    for _ in range(_INVERSE_ROUNDS):
        d_lon, d_lat = _offset(lon, lat)
        lon = gcj_lon - d_lon
        lat = gcj_lat - d_lat
    return np.column_stack([lon, lat])


def convert_coords(coords: np.ndarray, *, source: Datum | str, target: Datum | str) -> np.ndarray:
    """Convert an ``(n, 2)`` lon/lat array between datums (a copy when they match)."""
    source, target = Datum(source), Datum(target)
    if source == target:
        return np.array(coords, dtype=float)
    if source == Datum.GCJ02:
        return gcj02_to_wgs84(coords)
    return wgs84_to_gcj02(coords)


def convert_geometries(
    geometries: GeometryT, *, source: Datum | str, target: Datum | str
) -> GeometryT:
    """Convert shapely geometries (one, or an array of them) between datums.

    Every vertex moves by the same function of its position, so vertices shared by
    neighbouring polygons stay identical and a clean coverage stays clean.
    """
    source, target = Datum(source), Datum(target)
    if source == target:
        return geometries

    def convert(coords: np.ndarray) -> np.ndarray:
        return convert_coords(coords, source=source, target=target)

    if isinstance(geometries, np.ndarray) and len(geometries) > _CHUNK:
        # in slices: the transform's temporaries stay small for millions of vertices
        parts = [
            shapely.transform(geometries[start : start + _CHUNK], convert)
            for start in range(0, len(geometries), _CHUNK)
        ]
        return np.concatenate(parts)  # type: ignore[return-value]
    result: GeometryT = shapely.transform(geometries, convert)
    return result
