"""Watch a book's folder and rebuild once per save of the book or one of its tables.

The watching is ``watchfiles``' (inotify, FSEvents or ReadDirectoryChangesW, with
polling where those are missing); this module turns its raw changes into one call of
``rebuild`` per save. Editors do not save a file in one write: they write a lock file,
a temporary file that is renamed over the original (so the original is deleted and
added again), or write the file twice. So a change must be followed by a quiet
spell before it counts, editor lock, swap and backup files never count, a table that
vanished is given a moment to come back, and a file whose bytes did not change since
the last rebuild is not rebuilt again.
"""

from __future__ import annotations

import glob
import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

import click
from watchfiles import Change, watch

from pairmap.errors import PairmapError
from pairmap.geo.text import printable
from pairmap.pairings.editor_files import is_editor_temp

__all__ = [
    "book_relevance",
    "live_book_relevance",
    "watch_and_rebuild",
]

_GRACE_S = 2.0  # how long a deleted table may take to come back (save by rename)

# -- which paths matter: pure matching --------------------------------------------------


def _parts(path: str | Path) -> tuple[str, ...]:
    """The components of an absolute path, normalised (``..`` folded, case per OS)."""
    return Path(os.path.normcase(os.path.normpath(path))).parts


def _located(path: Path) -> tuple[str, ...]:
    """The parts of ``path`` made absolute, its folder's symbolic links resolved.

    The file's own link is kept: a table that is a link into another folder is still
    the table the book names.
    """
    return _parts(path.parent.resolve() / path.name)


def _name_matches(name: str, pattern: str) -> bool:
    """One component, as :func:`glob.glob` has it: a wildcard matches no hidden name."""
    if name.startswith(".") and not pattern.startswith("."):
        return False
    return fnmatchcase(name, pattern)


def _match_parts(parts: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """:func:`glob.glob` matching: ``**`` is any number of (not hidden) folders."""
    if not pattern:
        return not parts
    head, rest = pattern[0], pattern[1:]
    if head != "**":
        return bool(parts) and _name_matches(parts[0], head) and _match_parts(parts[1:], rest)
    for start in range(len(parts) + 1):
        if _match_parts(parts[start:], rest):
            return True
        if start < len(parts) and parts[start].startswith("."):
            return False
    return False


def _compile(folder: Path, pattern: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A pattern as the literal folder it starts from and the glob components after it.

    The book's folder and the leading components without wildcards are taken as they
    are (a folder named ``[2024]`` is no character class).
    """
    components = Path(pattern).parts
    cut = next((i for i, c in enumerate(components) if glob.has_magic(c)), len(components))
    rest = tuple(os.path.normcase(c) for c in components[cut:] if c != ".")
    return _parts(folder.joinpath(*components[:cut])), rest


def _glob_matcher(folder: Path, patterns: Iterable[str]) -> Callable[[tuple[str, ...]], bool]:
    """Whether normalised path components match one of ``patterns`` (relative to ``folder``)."""
    compiled = [_compile(folder, pattern) for pattern in patterns]
    return lambda parts: any(
        parts[: len(prefix)] == prefix and _match_parts(parts[len(prefix) :], rest)
        for prefix, rest in compiled
    )


def book_relevance(folder: Path, patterns: Iterable[str], *, book: Path) -> Callable[[Path], bool]:
    """The predicate "is this file the book or one of its tables?".

    Parameters
    ----------
    folder
        The book's folder: relative patterns are relative to it.
    patterns
        Table paths and globs as the book writes them (``pairs.csv``, ``tables/*.csv``,
        ``**/*.xlsx``), with the meaning ``glob.glob(pattern, root_dir=folder,
        recursive=True)`` gives them: ``*``, ``?`` and ``[…]`` stay within one folder and
        match no hidden name (``.x``), ``**`` spans any number of folders (none too).
    book
        The book file itself.

    Returns
    -------
    Callable[[Path], bool]
        True for the book and for every path a pattern matches, whether or not the file
        exists (a deleted table matters too); never for editor temporary files.
        Paths are compared made absolute, their folders' symbolic links resolved.
    """
    tables = _glob_matcher(folder.resolve(), patterns)
    book_parts = _located(book)

    def relevant(path: Path) -> bool:
        if is_editor_temp(path):
            return False
        parts = _located(path)
        return parts == book_parts or tables(parts)

    return relevant


class _LiveBook:
    """The relevance of a book's tables, read again whenever the book file changes."""

    def __init__(self, book: Path) -> None:
        self.book = book.parent.resolve() / book.name
        self.stamp: tuple[int, int, int] | None = None
        self.tables: Callable[[tuple[str, ...]], bool] = lambda parts: False
        self.output: tuple[str, ...] | None = None

    def _refresh(self) -> None:
        from pairmap.maps.bookfile import read_book

        try:
            stat = self.book.stat()
        except OSError:
            return
        stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        if stamp == self.stamp:
            return
        self.stamp = stamp
        try:
            read = read_book(self.book)
        except PairmapError:
            return  # keep the last good tables; the rebuild reports the error
        self.tables = _glob_matcher(read.folder, [p for t in read.tables for p in t.paths])
        self.output = _parts(read.folder / read.output)

    def __call__(self, path: Path) -> bool:
        if is_editor_temp(path):
            return False
        self._refresh()
        parts = _located(path)
        if parts == _parts(self.book):
            return True
        return self.tables(parts) and not (self.output and _under(parts, [self.output]))


def live_book_relevance(book: Path) -> Callable[[Path], bool]:
    """:func:`book_relevance` for the tables a book names now, read again when it changes.

    A table added to the book counts from the save that adds it. While the book cannot
    be read (a typo being fixed), the tables of its last good version count; the book
    itself always does. Files under the book's output folder never count.
    """
    return _LiveBook(book)


# -- batching a save into one rebuild ---------------------------------------------------


def _fingerprint(path: Path) -> bytes | None:
    """The SHA-256 of a file's bytes, or None when it cannot be read (gone, a folder)."""
    try:
        with path.open("rb") as file:
            return hashlib.file_digest(file, "sha256").digest()
    except OSError:
        return None


@dataclass
class _Batch:
    """Changed paths waiting for a quiet spell, and what each held at the last rebuild."""

    quiet_s: float
    pending: set[Path] = field(default_factory=set)
    last_change: float = 0.0
    built: dict[Path, bytes | None] = field(default_factory=dict)

    def add(self, paths: set[Path]) -> None:
        """Note changed paths; each resets the quiet spell."""
        if paths:
            self.pending |= paths
            self.last_change = time.monotonic()

    def due(self) -> bool:
        """Quiet long enough, and every file back (or given up on after the grace time)."""
        if not self.pending:
            return False
        quiet = time.monotonic() - self.last_change
        return quiet >= self.quiet_s and (
            quiet >= max(_GRACE_S, self.quiet_s) or all(p.exists() for p in self.pending)
        )

    def take(self) -> set[Path]:
        """The pending paths whose bytes differ from the last rebuild's; clears pending."""
        changed = set()
        for path in self.pending:
            digest = _fingerprint(path)
            if path not in self.built or self.built[path] != digest:
                changed.add(path)
            self.built[path] = digest
        self.pending = set()
        return changed

    def forget(self, paths: set[Path]) -> None:
        """After a failed rebuild: the next save of these paths rebuilds even if unchanged."""
        for path in paths:
            self.built.pop(path, None)


def _under(parts: tuple[str, ...], folders: Sequence[tuple[str, ...]]) -> bool:
    """Whether the path of ``parts`` is one of ``folders`` or inside one."""
    return any(parts[: len(folder)] == folder for folder in folders)


def _describe(paths: set[Path], folder: Path) -> str:
    names = []
    for path in sorted(paths):
        try:
            names.append(path.relative_to(folder).as_posix())
        except ValueError:
            names.append(str(path))
    return printable(", ".join(names))


def _rebuild_once(
    rebuild: Callable[[set[Path]], None],
    paths: set[Path],
    *,
    folder: Path,
    echo: Callable[[str], None],
) -> bool:
    """Run one rebuild, reporting an error instead of raising it; True when it worked."""
    echo(f"changed: {_describe(paths, folder)}")
    try:
        rebuild(paths)
    except (PairmapError, OSError) as error:
        message = printable(str(error), keep="\n")
        echo(f"Error: {message}")
        echo("still watching: fix it and save again (Ctrl-C to stop)")
        return False
    return True


def watch_and_rebuild(
    folder: Path,
    rebuild: Callable[[set[Path]], None],
    *,
    relevant: Callable[[Path], bool],
    ignore: Sequence[Path] = (),
    stop: threading.Event | None = None,
    debounce_ms: int = 300,
    echo: Callable[[str], None] = click.echo,
) -> None:
    """Watch ``folder`` and call ``rebuild`` once for each save of a relevant file.

    Parameters
    ----------
    folder
        Watched with its subfolders.
    rebuild
        Called with the relevant paths changed in one save (absolute, under ``folder``
        with its symbolic links resolved; a deleted file that did not come back is
        among them). A
        :class:`~pairmap.errors.PairmapError` or :class:`OSError` it raises is printed
        and the watching goes on; any other exception ends it.
    relevant
        Whether a changed path matters (the book and its tables: see
        :func:`book_relevance` and :func:`live_book_relevance`). Editor lock, swap,
        backup and temporary files never matter.
    ignore
        Folders whose changes never count (the output folders).
    stop
        Set it to end the watching (within about ``debounce_ms``).
    debounce_ms
        A change counts once no other relevant change followed for this long.
    echo
        Prints the start line, what changed, errors and the closing line.

    Notes
    -----
    Ctrl-C (KeyboardInterrupt) ends the watching with a message and returns normally.
    A save made while ``rebuild`` runs triggers the next rebuild once it returns.
    """
    folder = folder.resolve()
    ignored = [_parts(path.resolve()) for path in ignore]
    changes = watch(
        folder,
        watch_filter=None,
        step=max(debounce_ms // 2, 50),
        debounce=max(debounce_ms * 10, 2000),
        rust_timeout=max(debounce_ms, 100),
        yield_on_timeout=True,
        stop_event=stop,
    )
    try:
        _rebuild_on_saves(
            changes,
            rebuild,
            folder=folder,
            accept=lambda path: not _under(_parts(path), ignored) and relevant(path),
            batch=_Batch(quiet_s=debounce_ms / 1000),
            echo=echo,
        )
    except KeyboardInterrupt:
        pass
    finally:
        changes.close()
    echo("stopped watching")


def _rebuild_on_saves(
    changes: Iterator[set[tuple[Change, str]]],
    rebuild: Callable[[set[Path]], None],
    *,
    folder: Path,
    accept: Callable[[Path], bool],
    batch: _Batch,
    echo: Callable[[str], None],
) -> None:
    """The watching loop: batch ``changes`` into saves, one rebuild per save."""
    started = False
    for raw in changes:
        if not started:  # the first yield comes once the watcher is in place
            started = True
            where = printable(str(folder))
            echo(f"watching {where} for changes to the book and its tables; Ctrl-C to stop")
        batch.add({p for p in map(Path, (name for _, name in raw)) if accept(p)})
        if not batch.due():
            continue
        paths = batch.take()
        if paths and not _rebuild_once(rebuild, paths, folder=folder, echo=echo):
            batch.forget(paths)
