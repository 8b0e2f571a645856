"""Paths of the pairing tables shipped with pairmap (``pairings/data/*.csv``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def shipped_tables() -> list[Path]:
    """The shipped pairing tables, sorted by file name.

    Returns
    -------
    list of Path
        Every ``*.csv`` in the installed ``pairings/data`` folder.
    """
    folder = Path(str(resources.files("pairmap.pairings") / "data"))
    return sorted(path for path in folder.glob("*.csv") if path.is_file())


def shipped_book_path() -> Path:
    """The shipped map book, ``pairings/data/book.toml``, beside the tables it names."""
    return Path(str(resources.files("pairmap.pairings") / "data" / "book.toml"))
