"""Output paths of every command: checked before the work, errors as one line with exit 2."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from pairmap.geo.atomic import temp_prefix
from pairmap.geo.text import printable

F = TypeVar("F", bound=Callable[..., Any])

#: Longest file name when the file system cannot tell (most allow 255 bytes).
_DEFAULT_NAME_MAX = 255

#: errno -> (what is wrong, how to fix it); ``{folder}`` is the folder written into.
_REASONS: dict[int, tuple[str, str]] = {
    errno.EROFS: ("{folder} is on a read-only file system", "choose a folder on a writable disk"),
    errno.EACCES: (
        "no permission to write in {folder}",
        "choose another folder or change its permissions",
    ),
    errno.ENOSPC: (
        "no space left on the disk holding {folder}",
        "free some space or choose another folder",
    ),
    errno.EDQUOT: ("the disk quota for {folder} is used up", "free some space or choose another"),
    errno.ENAMETOOLONG: ("the name is too long", "choose a shorter file name"),
    errno.ENOTDIR: ("a part of the path is a file, not a folder", "choose another path"),
    errno.EISDIR: ("it is a folder", "give a file name"),
    errno.ENOENT: ("{folder} does not take new files", "choose another folder"),
}
_REASONS[errno.EPERM] = _REASONS[errno.EACCES]


#: The fix when the errno names no known cause.
_GENERIC_FIX = "check that the disk has room and the folder can be written, or choose another path"


class OutputError(click.ClickException):
    """An output pairmap cannot write: ``Error: ...`` on one line of stderr, exit status 2.

    Control characters in the message (a path may hold any) are shown as escapes, so
    the message stays one line and cannot drive the terminal.
    """

    exit_code = 2

    def format_message(self) -> str:
        return printable(self.message)


def mkdir_option(function: F) -> F:
    """Add ``--mkdir`` (create the output's missing folders) to a command."""
    return click.option(
        "--mkdir", is_flag=True, help="Create the output's folder (and its parents) if missing."
    )(function)


def write_error(path: Path, error: OSError) -> OutputError:
    """One line naming the path, what is wrong and the fix, for an ``OSError`` while writing.

    Parameters
    ----------
    path
        The output being written.
    error
        The error; its ``filename`` (a temp file beside ``path``, a folder) says where.
    """
    target = Path(error.filename) if isinstance(error.filename, str | Path) else path
    if not _related(target, path):  # an input, or a working file elsewhere
        return OutputError(f"{target}: {' '.join((error.strerror or str(error)).split())}.")
    folder = target if os.path.isdir(target) else target.parent
    if error.errno == errno.ENOENT and not os.path.exists(folder):
        reason, fix = f"folder {folder} does not exist", "create it or pass --mkdir"
    elif error.errno in _REASONS:
        template, fix = _REASONS[error.errno]
        reason = template.format(folder=folder)
    else:
        reason, fix = error.strerror or str(error), _GENERIC_FIX
    reason = " ".join(reason.split())  # one line, whatever GDAL says
    return OutputError(f"cannot write {path}: {reason}; {fix}.")


def _related(target: Path, path: Path) -> bool:
    """Whether ``target`` is ``path``, a temp file of it, a file inside it or a folder above."""
    target, path = Path(os.path.abspath(target)), Path(os.path.abspath(path))
    own_temp = target.parent == path.parent and target.name.startswith(temp_prefix(path.name))
    return target == path or own_temp or path in target.parents or target in path.parents


@contextlib.contextmanager
def output_target(
    path: Path, *, overwrite: bool, mkdir: bool, folder: bool = False
) -> Iterator[None]:
    """Check an output path before the work, and report any ``OSError`` in the block.

    Parameters
    ----------
    path
        The file (or, with ``folder``, the folder of files) a command writes.
    overwrite
        Whether an existing file may be replaced (``--overwrite``).
    mkdir
        Whether missing folders above ``path`` may be created (``--mkdir``). The
        output folder itself (``folder=True``) is always created when missing.
    folder
        ``path`` is a folder the command writes files into.

    Raises
    ------
    OutputError
        Before the block runs when ``path`` cannot be written (a parent that is a
        file, a missing or read-only folder, a full disk, a name too long, a
        system folder), or when the block raises ``OSError``. Folders created
        here are removed again if the block fails and they are still empty.
    """
    missing = check_output(path, overwrite=overwrite, mkdir=mkdir, folder=folder)
    created: list[Path] = []
    try:
        for part in missing:
            part.mkdir()
            created.append(part)
        yield
    except OSError as error:
        failure = write_error(path, error)  # before the folders it may name are removed
        _remove_empty(created)
        raise failure from None
    except BaseException:
        _remove_empty(created)
        raise


def check_output(path: Path, *, overwrite: bool, mkdir: bool, folder: bool = False) -> list[Path]:
    """Raise :class:`OutputError` if ``path`` cannot be written; return folders to create.

    Parameters are those of :func:`output_target`; the returned folders are
    ordered from the outermost down.
    """
    path = Path(path)
    missing = []
    parent = path if folder else path.parent
    while not os.path.lexists(parent):
        missing.append(parent)
        parent = parent.parent
    _check_names(path, parent)
    _check_existing(path, overwrite=overwrite, folder=folder)
    if not parent.is_dir():
        raise OutputError(
            f"cannot write {path}: {parent} is a file, not a folder; choose another path."
        )
    needed = [part for part in missing if part != path]
    if needed and not mkdir:
        raise OutputError(f"folder {needed[0]} does not exist; create it or pass --mkdir.")
    _probe(path, parent)
    return missing[::-1]


def _check_existing(path: Path, *, overwrite: bool, folder: bool) -> None:
    if not os.path.lexists(path):
        return
    if folder:
        if not path.is_dir():
            raise OutputError(f"{path} is a file, not a folder; give a folder for the maps.")
        return
    if path.is_dir():
        raise OutputError(f"{path} is a folder; give a file name inside it or elsewhere.")
    if os.path.exists(path) and not os.path.isfile(path):
        raise OutputError(
            f"{path} is not a regular file (a device, pipe or socket); choose a file path."
        )
    if not overwrite:
        raise OutputError(f"{path} exists; pass --overwrite to replace it or choose another path.")


def _check_names(path: Path, existing: Path) -> None:
    """Every name in ``path`` fits the file system's limit (checked in ``existing``)."""
    try:
        limit = os.pathconf(existing, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        limit = _DEFAULT_NAME_MAX
    for name in path.parts:
        size = len(os.fsencode(name))
        if size > limit:
            raise OutputError(
                f"cannot write {path}: the name {name[:20]}… is {size} bytes long, more than "
                f"the {limit} allowed; choose a shorter name."
            )


def _probe(path: Path, folder: Path) -> None:
    """Create and remove a temp file in ``folder``; check its disk is not full."""
    try:
        fd, name = tempfile.mkstemp(prefix=temp_prefix("probe"), dir=folder)
        os.close(fd)
        os.unlink(name)
        stats = os.statvfs(folder) if hasattr(os, "statvfs") else None
    except OSError as error:
        error.filename = str(folder)
        raise write_error(path, error) from None
    if stats is not None:
        free = stats.f_bfree if os.geteuid() == 0 else stats.f_bavail
        if free == 0:
            raise write_error(path, OSError(errno.ENOSPC, "no space", str(folder)))


def _remove_empty(folders: list[Path]) -> None:
    for part in reversed(folders):
        with contextlib.suppress(OSError):
            part.rmdir()
