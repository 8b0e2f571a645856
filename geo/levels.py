"""China's three administrative levels, defined once for every layer of pairmap."""

from __future__ import annotations

import enum

from pairmap.errors import UnknownLevelError
from pairmap.geo.options import as_member


class Level(enum.StrEnum):
    """An administrative level; members equal their plain string value (``"county"``)."""

    #: 省级: provinces, autonomous regions, municipalities, SARs, Taiwan.
    PROVINCE = "province"
    #: 地级: prefecture-level cities, prefectures, leagues, autonomous prefectures.
    PREFECTURE = "prefecture"
    #: 县级: counties, county-level cities, districts, banners.
    COUNTY = "county"

    @property
    def rank(self) -> int:
        """0 for province, 1 for prefecture, 2 for county: larger is finer."""
        return list(Level).index(self)


def as_level(value: Level | str, *, option: str = "level") -> Level:
    """The :class:`Level` that ``value`` is or names.

    Raises
    ------
    pairmap.errors.UnknownLevelError
        For anything but ``province``, ``prefecture`` or ``county``; the message names
        the three.
    """
    return as_member(Level, value, option=option, error=UnknownLevelError)
