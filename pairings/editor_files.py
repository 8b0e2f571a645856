"""Names of editors' lock, swap, backup and temporary files, which are never tables.

A glob such as ``*.xlsx`` also matches ``~$pairs.xlsx``, the owner file Excel keeps
beside a workbook while it is open; it is no workbook. Expanding a book's globs and
watching its folder both leave these files out.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from pathlib import PurePath

__all__ = ["EDITOR_TEMP_PATTERNS", "is_editor_temp"]

EDITOR_TEMP_PATTERNS = (
    ".~lock.*#",  # LibreOffice lock file
    "~$*",  # Excel and Word owner file, e.g. ~$pairs.xlsx
    "*.swp",  # vim swap files
    "*.swo",
    "*.swx",
    "*~",  # backups (vim, emacs, gedit)
    ".#*",  # emacs lock link
    "#*#",  # emacs auto-save
    "*.tmp",  # LibreOffice and others write a .tmp, then rename it
    ".goutputstream-*",  # GNOME's atomic save
    "*.crswap",  # browsers' file-system access
    "4913",  # vim's probe of whether the folder is writable
)
"""File names (``fnmatch`` patterns, case-sensitive) of editors' own files."""


def is_editor_temp(path: str | PurePath) -> bool:
    """Whether the last component of ``path`` names an editor's lock, swap or temp file.

    Parameters
    ----------
    path
        A file name or path; only its name is looked at.

    Returns
    -------
    bool
        True for names matching one of :data:`EDITOR_TEMP_PATTERNS`.
    """
    name = PurePath(path).name
    return any(fnmatchcase(name, pattern) for pattern in EDITOR_TEMP_PATTERNS)
