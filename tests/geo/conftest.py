"""Shared fixtures of the boundary tests: one fresh cache folder per test run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.boundaries import clear_memory_cache
from geo.cache import CACHE_DIR_VARIABLE


@pytest.fixture(scope="session", autouse=True)
def boundary_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point the boundary cache at an empty folder, so tests never use the user's."""
    folder = tmp_path_factory.mktemp("pairmap-cache")
    previous = os.environ.get(CACHE_DIR_VARIABLE)
    os.environ[CACHE_DIR_VARIABLE] = str(folder)
    clear_memory_cache()
    yield folder
    clear_memory_cache()
    if previous is None:
        os.environ.pop(CACHE_DIR_VARIABLE, None)
    else:
        os.environ[CACHE_DIR_VARIABLE] = previous
