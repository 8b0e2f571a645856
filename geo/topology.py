"""Layers of boundaries → one compact TopoJSON text whose objects share arcs."""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd
import topojson

from pairmap.geo.levels import Level

logger = logging.getLogger(__name__)

#: Quantisation grid (cells per side of the bounding box). 1e4 loses Macau's
#: smallest parish; 1e5 keeps every unit.
QUANTIZATION = 100_000

#: Columns written as feature properties, when present.
PROPERTY_COLUMNS: tuple[str, ...] = ("adcode", "name", "level", "parent_adcode")


@dataclass(frozen=True)
class TopologyForm:
    """Which columns become feature properties, under which names, and what is left out.

    Attributes
    ----------
    properties
        ``(column, property name)`` pairs, in the order written; missing columns and
        missing values are skipped.
    implied_parents
        ``True`` writes every ``parent_adcode``; ``False`` leaves it out where it is the
        unit's own prefecture code (the first four digits and ``00``), which a reader
        derives from the adcode.
    bbox
        Whether the topology carries its bounding box.
    lang
        ``"en"`` writes each unit's ``name`` in English (:func:`geo.english.english_name`:
        金秀瑶族自治县 → Jinxiu Yao Autonomous County); ``"zh"`` as in the data.
    """

    properties: tuple[tuple[str, str], ...] = tuple((c, c) for c in PROPERTY_COLUMNS)
    implied_parents: bool = True
    bbox: bool = True
    lang: str = "zh"

    def params(self) -> dict[str, object]:
        """The form as JSON-able values (part of a cache key)."""
        return {
            "properties": [list(pair) for pair in self.properties],
            "implied_parents": self.implied_parents,
            "bbox": self.bbox,
            "lang": self.lang,
        }


#: Every column under its own name, with the bounding box (GIS files).
FULL_FORM = TopologyForm()


def build_topology(
    layers: Mapping[str, gpd.GeoDataFrame],
    *,
    quantization: int = QUANTIZATION,
    form: TopologyForm = FULL_FORM,
) -> str:
    """Encode layers as one TopoJSON text, one object per layer, sharing arcs.

    Parameters
    ----------
    layers
        Object name (e.g. ``"county"``) -> polygons in EPSG:4326. Layers dissolved
        from the same coverage share their arcs.
    quantization
        Grid size of the delta-encoded integer coordinates.
    form
        The feature properties written and their names, and whether the bounding
        box is kept (default: every column of :data:`PROPERTY_COLUMNS`, with it).

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
        frames.append(_properties_frame(layers[name], form))
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
    if not form.bbox:
        data.pop("bbox", None)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    logger.debug("topology of %s: %d arcs, %d characters", names, len(data["arcs"]), len(text))
    return text


def _properties_frame(gdf: gpd.GeoDataFrame, form: TopologyForm) -> gpd.GeoDataFrame:
    """The columns ``form`` writes, renamed, beside the geometry (a new frame)."""
    columns = {column: name for column, name in form.properties if column in gdf.columns}
    table = gdf[list(columns)].reset_index(drop=True)
    if not form.implied_parents and "parent_adcode" in columns and "adcode" in gdf.columns:
        parents = table["parent_adcode"].astype(object)
        implied = parents == table["adcode"].astype(str).str[:4] + "00"
        table["parent_adcode"] = parents.where(~implied, None)
    if form.lang == "en" and "name" in columns:
        table["name"] = _english_names(table["name"], gdf.get("level"))
    table = table.rename(columns=columns)
    frame = gpd.GeoDataFrame(table, geometry=gdf.geometry.reset_index(drop=True))
    return frame.set_crs(gdf.crs, allow_override=True)


def _english_names(names: pd.Series, levels: pd.Series | None) -> list[str]:
    """Each unit's English name; a name the rules cannot read is romanised."""
    from pairmap.geo.english import english_name, romanise

    found = []
    for position, name in enumerate(names.astype(str)):
        level = None if levels is None else str(levels.iloc[position])
        try:
            found.append(english_name(name, level=level if level in tuple(Level) else None))
        except (LookupError, ValueError):
            found.append(romanise(name))
    return found


def _drop_nulls(data: dict[str, Any]) -> None:
    """Remove missing properties (e.g. a province's parent: None or NaN) in place."""
    for obj in data["objects"].values():
        for geometry in obj.get("geometries", []):
            props = geometry.get("properties")
            if props:
                geometry["properties"] = {k: v for k, v in props.items() if not _missing(v)}


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
