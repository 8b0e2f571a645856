"""The built wheel installs one top-level name, ``pairmap``, with its data files."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

#: Folders of a working tree that are not the project's sources.
_NOT_SOURCES = (".git", ".venv", "out", "artifacts", "build", "dist", "__pycache__", "*.egg-info")


def build_wheel(target: Path) -> Path:
    """Build pairmap's wheel from a copy of the sources (the tree itself stays clean)."""
    sources = target / "src"
    shutil.copytree(REPO_ROOT, sources, ignore=shutil.ignore_patterns(*_NOT_SOURCES))
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(target), str(sources)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = target.glob("pairmap-*.whl")
    return wheel


def test_the_wheel_holds_only_pairmap(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    top_level = {name.split("/")[0] for name in names}
    dist_info = {name for name in top_level if name.endswith(".dist-info")}
    assert top_level - dist_info == {"pairmap"}
    assert len(dist_info) == 1
    (record,) = dist_info
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read(f"{record}/top_level.txt").decode().split() == ["pairmap"]
    for expected in (
        "pairmap/__init__.py",
        "pairmap/api.py",
        "pairmap/errors.py",
        "pairmap/geo/data/renames.csv",
        "pairmap/pairings/data/east_west_national.csv",
        "pairmap/maps/static/pairmap.css",
        "pairmap/maps/elements.py",
        "pairmap/scripts/cli.py",
    ):
        assert expected in names
