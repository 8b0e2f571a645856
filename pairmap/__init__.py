"""pairmap: maps of China's East–West cooperation and counterpart-assistance pairings.

The Python API::

    import pairmap

    pairings = pairmap.read_pairings(frame_or_path)   # resolved pairs + report
    report = pairmap.check("my_pairings.csv")         # every problem, printable
    east = pairmap.select(pairings, rounds=["2021"], donor_provinces=["广东"])
    m = pairmap.flow_map(pairings.pairs, level="county", metric="funds_cny")
    pairmap.save(m, "map.html")                       # one offline file (or .png)
    pairmap.places("白云区")                           # GeoDataFrame of candidates
    pairmap.boundaries(level="prefecture", provinces=["贵州"])

Options with a closed set of values are string enums (:class:`Level`,
:class:`ColourBy`, :class:`Fill`, :class:`Extent`, :class:`Datum`, :class:`Detail`);
each parameter takes a member or its plain value (``level="county"``).

``m`` is a ``folium.Map``; pairmap's parts are folium elements
(:class:`FlowLayer`, :class:`BoundaryLayer`, :class:`Legend`, :class:`Controls`) that
go on any ``folium.Map`` beside stock folium layers. Errors are in
:mod:`pairmap.errors`.

The subpackages live in the repository's top-level folders and install under this
one name: ``pairmap.geo`` (boundaries, gazetteer), ``pairmap.pairings`` (tables),
``pairmap.maps`` (folium maps, export) and ``pairmap.scripts`` (command line). The
names above load on first use, so ``import pairmap`` and the command line stay quick.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("pairmap")
except PackageNotFoundError:  # pragma: no cover - running from an uninstalled tree
    __version__ = "0+unknown"

if TYPE_CHECKING:
    from pairmap import errors
    from pairmap.api import (
        Pairings,
        boundaries,
        check,
        flow_map,
        places,
        read_pairings,
        save,
        select,
    )
    from pairmap.geo.levels import Level
    from pairmap.geo.options import Datum, Detail
    from pairmap.maps.elements import BoundaryLayer, Controls, FlowLayer, FlowMap, Legend
    from pairmap.maps.options import ColourBy, Extent, Fill
    from pairmap.pairings.select import Selection

#: Public name -> the module defining it (imported on first use).
_LAZY: dict[str, str] = {
    "Pairings": "pairmap.api",
    "boundaries": "pairmap.api",
    "check": "pairmap.api",
    "flow_map": "pairmap.api",
    "places": "pairmap.api",
    "read_pairings": "pairmap.api",
    "save": "pairmap.api",
    "select": "pairmap.api",
    "Selection": "pairmap.pairings.select",
    "BoundaryLayer": "pairmap.maps.elements",
    "Controls": "pairmap.maps.elements",
    "FlowLayer": "pairmap.maps.elements",
    "FlowMap": "pairmap.maps.elements",
    "Legend": "pairmap.maps.elements",
    "Level": "pairmap.geo.levels",
    "Datum": "pairmap.geo.options",
    "Detail": "pairmap.geo.options",
    "ColourBy": "pairmap.maps.options",
    "Extent": "pairmap.maps.options",
    "Fill": "pairmap.maps.options",
}

__all__ = [
    "BoundaryLayer",
    "ColourBy",
    "Controls",
    "Datum",
    "Detail",
    "Extent",
    "Fill",
    "FlowLayer",
    "FlowMap",
    "Legend",
    "Level",
    "Pairings",
    "Selection",
    "__version__",
    "boundaries",
    "check",
    "errors",
    "flow_map",
    "places",
    "read_pairings",
    "save",
    "select",
]


def __getattr__(name: str) -> Any:
    if name == "errors":
        return importlib.import_module("pairmap.errors")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pairmap' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
