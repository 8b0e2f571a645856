"""Exceptions of the boundary layer and the gazetteer (defined in :mod:`pairmap.errors`).

Kept so ``from pairmap.geo.errors import PairmapError`` goes on working; both names
are the same classes.
"""

from __future__ import annotations

from pairmap.errors import (
    AmbiguousPlaceError,
    NotAdministrativeError,
    PairmapError,
    PlaceError,
    UnknownLevelError,
    UnknownPlaceError,
)

__all__ = [
    "AmbiguousPlaceError",
    "NotAdministrativeError",
    "PairmapError",
    "PlaceError",
    "UnknownLevelError",
    "UnknownPlaceError",
]
