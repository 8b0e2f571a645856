"""What changed in a map since the build before (shown in its page and the gallery)."""

from __future__ import annotations

from dataclasses import dataclass

from pairmap.pairings.diff import PairDiff

__all__ = ["MapChanges"]


@dataclass(frozen=True)
class MapChanges:
    """A map's changes: ``since`` (ISO 8601, the build before) and the pairs' ``diff``."""

    since: str
    diff: PairDiff
