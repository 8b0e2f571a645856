"""Atomic file output: a file appears complete or not at all, and a killed run's temp files go.

Every temporary file is named ``.NAME.pairmap-tmp-PID-RANDOM.SUFFIX`` beside its
target. The next write into the same folder removes those whose process is gone
or that are older than :data:`STALE_AFTER_SECONDS`; a live run's files are kept.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

logger = logging.getLogger(__name__)

#: What marks a temporary file of :func:`atomic_path` (between the name and the pid).
TEMP_MARKER = ".pairmap-tmp-"

#: A temp file or folder older than this is stale even if a process with its pid runs.
STALE_AFTER_SECONDS = 3600.0

#: ``.NAME.pairmap-tmp-PID-RANDOM[.SUFFIX]``, as :func:`atomic_path` names its files.
TEMP_NAME = re.compile(r"^\..*\.pairmap-tmp-(?P<pid>\d+)-[a-z0-9_]+(?:\.[^.]*)?$")

#: Characters of the target's name kept in a temp name (a long name must still fit).
_NAME_CHARS = 40


def pid_is_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (a zombie counts as gone).

    Where that cannot be told (Windows), the process is assumed alive, so only the
    age rule of :func:`remove_stale_temps` applies.
    """
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    stat = Path(f"/proc/{pid}/stat")
    with contextlib.suppress(OSError, IndexError):
        return stat.read_text().rpartition(")")[2].split()[0] != "Z"
    return True


def remove_stale_temps(
    folder: Path, *, pattern: re.Pattern[str] = TEMP_NAME, max_age: float = STALE_AFTER_SECONDS
) -> list[Path]:
    """Remove the temp files (or folders) in ``folder`` left behind by interrupted runs.

    Parameters
    ----------
    folder
        Where to look; a folder that cannot be listed is left alone.
    pattern
        Names of temp entries; a ``pid`` group, when it matched, names the owner.
    max_age
        Seconds after which an entry is stale whatever its pid.

    Returns
    -------
    list of Path
        What was removed. Entries of live processes younger than ``max_age`` stay.
    """
    removed: list[Path] = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = pattern.match(entry.name)
        if match is None:
            continue
        pid = match.groupdict().get("pid")
        try:
            age = now - entry.lstat().st_mtime
        except OSError:
            continue
        if age <= max_age and (pid is None or pid_is_alive(int(pid))):
            continue
        if _remove(entry):
            removed.append(entry)
    if removed:
        logger.info("removed %d temp files of interrupted runs from %s", len(removed), folder)
    return removed


def _remove(entry: Path) -> bool:
    try:
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    except FileNotFoundError:
        return False  # another run cleaned it first
    except OSError as error:
        logger.debug("could not remove %s (%s)", entry, error)
        return False
    return True


def temp_prefix(name: str) -> str:
    """The start of a temp name for ``name``: ``.NAME.pairmap-tmp-PID-``."""
    return f".{name[:_NAME_CHARS]}{TEMP_MARKER}{os.getpid()}-"


@contextlib.contextmanager
def atomic_path(path: Path, *, parents: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` and move it into place only on success.

    Parameters
    ----------
    path
        The file to create or replace.
    parents
        Create missing folders above ``path`` (else a missing folder raises
        ``FileNotFoundError``).

    Yields
    ------
    Path
        A path in the same folder to write to; it is removed if the block raises,
        and an existing ``path`` is untouched until the new file is complete.
    """
    path = Path(path)
    if parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path.parent)
    fd, tmp_name = tempfile.mkstemp(
        prefix=temp_prefix(path.name), suffix=path.suffix, dir=path.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        _flush_to_disk(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _flush_to_disk(path: Path) -> None:
    """Make the file's data durable before it is renamed into place."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_text_atomic(path: Path, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
