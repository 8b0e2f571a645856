"""pairmap: maps of China's East–West cooperation and counterpart-assistance pairings.

The subpackages live in the repository's top-level folders and install under this
one name: ``pairmap.geo`` (boundaries, gazetteer), ``pairmap.pairings`` (tables),
``pairmap.maps`` (folium maps, export) and ``pairmap.scripts`` (command line).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("pairmap")
except PackageNotFoundError:  # pragma: no cover - running from an uninstalled tree
    __version__ = "0+unknown"

__all__ = ["__version__"]
