"""The closed choices of a flow map: how flows are coloured, units filled, and how much is shown.

Each is a string enum: a member equals its plain value (``Fill.ROLE == "role"``), so
the API and :class:`pairmap.maps.flowmap.MapOptions` take either, and the command
line's choices are generated from these classes. :class:`pairmap.geo.levels.Level`
(the polygon level) is the fourth.
"""

from __future__ import annotations

import enum
from typing import TypeVar

from pairmap.errors import MapOptionError
from pairmap.geo.levels import Level
from pairmap.geo.options import as_member

__all__ = ["ColourBy", "Extent", "Fill", "Level", "map_choice"]

E = TypeVar("E", bound=enum.StrEnum)


class ColourBy(enum.StrEnum):
    """What the line colours of a map tell apart."""

    #: Groups when the table has any, else donor provinces, else donor prefectures.
    AUTO = "auto"
    #: 组团: one colour per group of donors sharing recipients.
    GROUP = "group"
    #: One colour per donor province.
    DONOR_PROVINCE = "donor_province"
    #: One colour per donor prefecture (a county donor takes its prefecture's colour).
    DONOR_PREFECTURE = "donor_prefecture"
    #: One colour per programme (东西部协作, 对口支援...).
    PROGRAM = "program"


class Fill(enum.StrEnum):
    """How the units under the flows are filled."""

    #: Donors, recipients and units that are both, in three colours.
    ROLE = "role"
    #: Recipients shaded by the total of a metric column.
    METRIC = "metric"
    #: No fill: outlines only.
    NONE = "none"


class Extent(enum.StrEnum):
    """How much of China a map shows."""

    #: Regional when the pairs touch a few provinces, else national.
    AUTO = "auto"
    #: All of China.
    NATIONAL = "national"
    #: Only the provinces the pairs touch.
    REGIONAL = "regional"


def map_choice(choices: type[E], value: E | str, *, option: str) -> E:
    """The member of ``choices`` that ``value`` is or names.

    Raises
    ------
    pairmap.errors.MapOptionError
        For any other value; the message names ``option`` and every allowed value.
    """
    return as_member(choices, value, option=option, error=MapOptionError)
