"""Every exception and warning pairmap raises for a user to catch, in one place.

Each class subclasses :class:`PairmapError` and a built-in, as OSMnx and rasterio do,
so ``except LookupError`` or ``except OSError`` catches them as readily as
``except pairmap.errors.PairmapError``:

===========================  ============================  ===================================
class                        built-in                      raised when
===========================  ============================  ===================================
``PlaceError``               ``LookupError``               a name is not exactly one unit
``UnknownPlaceError``        ``LookupError``               no unit has the name
``AmbiguousPlaceError``      ``LookupError``               several units share the name
``NotAdministrativeError``   ``LookupError``               the name is an agency, firm, zone…
``UnknownLevelError``        ``ValueError``                a level other than the three
``TableReadError``           ``OSError``                   a table cannot be read at all
``PairingTableError``        ``ValueError``                a table has errors (``.report``)
``MapOptionError``           ``ValueError``                a map option that cannot work
``SelectionError``           ``ValueError``                a selection of pairs names what
                                                           the pairs do not have
``ExportError``              ``ValueError``                a map asked for in a form not written
``BookFileError``            ``ValueError``                a book file (pairmap.toml) is wrong
===========================  ============================  ===================================

This module sits below every layer: it imports only :mod:`pairmap.geo.text`
(terminal-safe text, itself importing nothing of pairmap), so every layer
(``pairmap.geo`` at the bottom up to the command line) raises these classes without
importing a layer above it. The modules that raised them before (``geo.errors``,
``geo.boundaries``, ``pairings.io``, ``pairings.issues``, ``maps.flowmap``) re-export
them, so both spellings name the same class.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from pairmap.geo.text import printable

if TYPE_CHECKING:
    from pairmap.geo.gazetteer import Place

__all__ = [
    "AmbiguousPlaceError",
    "BookFileError",
    "ExportError",
    "MapOptionError",
    "NotAdministrativeError",
    "OfflineAssetWarning",
    "PairingTableError",
    "PairmapError",
    "PairmapWarning",
    "PlaceError",
    "SelectionError",
    "TableReadError",
    "UnknownLevelError",
    "UnknownPlaceError",
]


class PairmapError(Exception):
    """Base class of every error pairmap reports to a user (shown without a traceback).

    Its text is safe to print: terminal control characters that came in with a file
    name or table text are shown as escapes (:func:`geo.text.printable`); line breaks
    of a multi-line message stay.
    """

    def __str__(self) -> str:
        return printable(super().__str__(), keep="\n")


class PlaceError(PairmapError, LookupError):
    """A place name that does not resolve to exactly one administrative unit."""

    def __init__(self, message: str, *, name: str) -> None:
        super().__init__(message)
        self.name = name


class UnknownPlaceError(PlaceError):
    """No unit has this name; ``suggestions`` holds the closest ones."""

    def __init__(self, message: str, *, name: str, suggestions: Sequence[Place] = ()) -> None:
        super().__init__(message, name=name)
        self.suggestions = tuple(suggestions)


class AmbiguousPlaceError(PlaceError):
    """Several units share this name; ``candidates`` lists them all."""

    def __init__(self, message: str, *, name: str, candidates: Sequence[Place]) -> None:
        super().__init__(message, name=name)
        self.candidates = tuple(candidates)


class NotAdministrativeError(PlaceError):
    """The name is an agency, firm, zone, town or the like, not an administrative unit."""

    def __init__(self, message: str, *, name: str, kind: str) -> None:
        super().__init__(message, name=name)
        self.kind = kind


class UnknownLevelError(PairmapError, ValueError):
    """A level other than province, prefecture or county."""


class TableReadError(PairmapError, OSError):
    """A table that cannot be read at all: missing, empty, unreadable, or a bad header."""


class _Findings(Protocol):
    """What :class:`PairingTableError` needs of a report (``pairings.issues.Report``)."""

    @property
    def errors(self) -> Sequence[object]: ...


class PairingTableError(PairmapError, ValueError):
    """A pairing table has errors; the message lists every one, ``report`` holds them all.

    Parameters
    ----------
    report
        The :class:`pairmap.pairings.issues.Report` whose ``errors`` stop the build.
    lines
        The errors as lines of text (default: one per error); ``Report.raise_for_errors``
        passes them condensed (``pairings.issues.issue_lines``).
    """

    def __init__(self, report: _Findings, *, lines: Sequence[str] | None = None) -> None:
        count = len(report.errors)
        shown = [str(issue) for issue in report.errors] if lines is None else list(lines)
        super().__init__(
            f"{count:,} error{'' if count == 1 else 's'} in the pairing tables "
            "(run `pairmap check` for the full report):\n" + "\n".join(shown)
        )
        self.report = report


class MapOptionError(PairmapError, ValueError):
    """A map option that cannot work (unknown level or metric, tiles on the wrong datum)."""


class SelectionError(PairmapError, ValueError):
    """A selection of pairs (``pairmap.select``, ``pairmap map --program``...) that names a
    programme, round, province or table the pairs do not have, or years that are not
    years; the message lists what the pairs have."""


class ExportError(PairmapError, ValueError):
    """A map asked for in a form pairmap does not write (a file suffix other than the ones
    :func:`pairmap.save` knows)."""


class BookFileError(PairmapError, ValueError):
    """A book file (``pairmap.toml``) that cannot be built: its message names the file,
    the line and the key, and says how to fix it."""


class PairmapWarning(UserWarning):
    """Base class of the warnings pairmap issues."""


class OfflineAssetWarning(PairmapWarning):
    """A saved map still links scripts or stylesheets pairmap cannot inline (``urls``)."""

    def __init__(self, message: str, *, urls: Sequence[str]) -> None:
        super().__init__(message)
        self.urls = tuple(urls)
