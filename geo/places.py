"""Place names as a GeoDataFrame: every unit a name may mean, with its boundary."""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import pandas as pd

from pairmap.geo.boundaries import load_boundaries
from pairmap.geo.gazetteer import Gazetteer

#: Columns of :func:`places_frame` besides the geometry.
PLACE_COLUMNS: tuple[str, ...] = (
    "adcode",
    "name",
    "level",
    "province_adcode",
    "parent_adcode",
    "path",
    "note",
)


def places_frame(
    name: str,
    *,
    within: str | Sequence[str] = (),
    level: str | None = None,
    datum: str = "wgs84",
) -> gpd.GeoDataFrame:
    """Every administrative unit ``name`` may mean, with its regional-detail boundary.

    Parameters
    ----------
    name, within, level
        As for :meth:`geo.gazetteer.Gazetteer.candidates`.
    datum
        Datum of the boundaries.

    Returns
    -------
    geopandas.GeoDataFrame
        :data:`PLACE_COLUMNS` plus ``geometry`` (EPSG:4326), sorted by adcode; ``path``
        reads ``广东省 › 广州市 › 白云区``.

    Raises
    ------
    UnknownPlaceError, NotAdministrativeError
        When no unit matches (as :meth:`geo.gazetteer.Gazetteer.resolve` raises).
    """
    gazetteer = Gazetteer.default()
    found = gazetteer.candidates(name, within=within, level=level)
    if not found:
        gazetteer.resolve(name, within=within, level=level)  # raises the error that fits
    rows = pd.DataFrame(
        [
            (p.adcode, p.name, p.level, p.province_adcode, p.parent_adcode, p.full_path, p.note)
            for p in found
        ],
        columns=list(PLACE_COLUMNS),
    )
    shapes = []
    for unit_level, group in rows.groupby("level", sort=True):
        layer = load_boundaries(
            str(unit_level),
            provinces=sorted(set(group["province_adcode"])),
            datum=datum,
            detail="regional",
        )
        shapes.append(layer[["adcode", "geometry"]])
    geometry = pd.concat(shapes, ignore_index=True) if shapes else None
    frame = rows.merge(geometry, on="adcode", how="left") if geometry is not None else rows
    frame = frame.sort_values("adcode", kind="stable").reset_index(drop=True)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")
