"""The installed layout of the ``pairmap`` package as a tree of links, for static tools.

pairmap's subpackages live in the repository's top-level folders and are mapped under
``pairmap`` by setuptools' ``package-dir``. Tools that read files rather than import
(mypy, import-linter) need the installed shape on disk: ``pairmap/geo`` and so on.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def package_dirs() -> dict[str, Path]:
    """Each package's import name and its folder, as ``pyproject.toml`` maps them."""
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mapping = config["tool"]["setuptools"]["package-dir"]
    return {name: REPO_ROOT / folder for name, folder in mapping.items()}


def link_package_tree(target: Path) -> Path:
    """Lay out ``target/pairmap`` as installed, with links to the repository's folders.

    Returns the folder to put on the search path (``target``).
    """
    root = target / "pairmap"
    root.mkdir(parents=True)
    for name, folder in package_dirs().items():
        parts = name.split(".")
        if len(parts) == 1:
            for entry in folder.iterdir():
                if entry.suffix == ".py" or (entry.is_dir() and entry.name != "__pycache__"):
                    (root / entry.name).symlink_to(entry)
        else:
            (root / parts[1]).symlink_to(folder, target_is_directory=True)
    return target
