"""Exceptions raised by the boundary layer and the gazetteer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pairmap.geo.text import printable

if TYPE_CHECKING:
    from pairmap.geo.gazetteer import Place


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
