"""Layers of boundaries → one compact TopoJSON text whose objects share arcs."""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping, Sequence
from typing import Any

import geopandas as gpd
import topojson

logger = logging.getLogger(__name__)

#: Quantisation grid (cells per side of the bounding box). 1e4 loses Macau's
#: smallest parish; 1e5 keeps every unit.
QUANTIZATION = 100_000

#: Columns written as feature properties, when present.
PROPERTY_COLUMNS: tuple[str, ...] = ("adcode", "name", "level", "parent_adcode")


def build_topology(
    layers: Mapping[str, gpd.GeoDataFrame],
    *,
    quantization: int = QUANTIZATION,
    properties: Sequence[str] = PROPERTY_COLUMNS,
) -> str:
    """Encode layers as one TopoJSON text, one object per layer, sharing arcs.

    Parameters
    ----------
    layers
        Object name (e.g. ``"county"``) -> polygons in EPSG:4326. Layers dissolved
        from the same coverage share their arcs.
    quantization
        Grid size of the delta-encoded integer coordinates.
    properties
        Columns kept as feature properties (missing ones are skipped).

    Returns
    -------
    str
        Compact JSON (no spaces, Chinese unescaped); the same input gives the same
        text.
    """
    if not layers:
        raise ValueError("build_topology needs at least one layer")
    names = list(layers)
    frames = []
    for name in names:
        gdf = layers[name]
        keep = [c for c in properties if c in gdf.columns]
        frame = gpd.GeoDataFrame(
            gdf[keep].reset_index(drop=True), geometry=gdf.geometry.reset_index(drop=True)
        )
        frames.append(frame.set_crs(gdf.crs, allow_override=True))
    topology = topojson.Topology(  # type: ignore[attr-defined]
        frames,
        object_name=names,
        topology=True,
        prequantize=quantization,
        presimplify=False,
        toposimplify=False,
        ignore_index=True,
    )
    data = topology.to_dict()
    _drop_nulls(data)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    logger.debug("topology of %s: %d arcs, %d characters", names, len(data["arcs"]), len(text))
    return text


def _drop_nulls(data: dict[str, Any]) -> None:
    """Remove missing properties (e.g. a province's parent: None or NaN) in place."""
    for obj in data["objects"].values():
        for geometry in obj.get("geometries", []):
            props = geometry.get("properties")
            if props:
                geometry["properties"] = {k: v for k, v in props.items() if not _missing(v)}


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
