"""The one-way layering scripts -> maps -> pairings -> geo, checked by import-linter."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from package_tree import link_package_tree

REPO_ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["pairmap.scripts", "pairmap.maps", "pairmap.pairings", "pairmap.geo"]


def venv_tool(name: str) -> str:
    """A console script installed beside this Python (the venv's bin), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail(f"{name} is not installed (pip install -e '.[test]')")
        pytest.skip(f"{name} is not installed: pip install -e '.[test]'")
    return found


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [venv_tool("lint-imports"), "--no-cache", "--no-logo"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_pyproject_declares_the_four_layers_in_order() -> None:
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layer_contracts = [c for c in contracts if c["type"] == "layers"]
    assert [c["layers"] for c in layer_contracts] == [LAYERS]


def test_no_module_imports_from_a_layer_to_its_left(tmp_path: Path) -> None:
    tree = link_package_tree(tmp_path)
    shutil.copy(REPO_ROOT / "pyproject.toml", tree / "pyproject.toml")
    result = lint_imports(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_the_contract_catches_an_upward_import(tmp_path: Path) -> None:
    """The same contract on a tiny tree where geo imports maps must fail."""
    root = tmp_path / "pairmap"
    root.mkdir()
    (root / "__init__.py").write_text('"""Stub."""\n', encoding="utf-8")
    for package in LAYERS:
        (root / package.split(".")[1]).mkdir()
        (root / package.split(".")[1] / "__init__.py").write_text('"""Stub."""\n', encoding="utf-8")
    (root / "geo" / "leak.py").write_text("import pairmap.maps\n", encoding="utf-8")
    shutil.copy(REPO_ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "pairmap.geo.leak -> pairmap.maps" in result.stdout
