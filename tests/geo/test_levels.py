"""The administrative levels and the reading of any choice given as member or string."""

from __future__ import annotations

import enum

import pytest

from pairmap.errors import MapOptionError, UnknownLevelError
from pairmap.geo.levels import Level, as_level
from pairmap.geo.options import Datum, Detail, allowed_values, as_member


def test_levels_run_from_the_top_and_equal_their_values() -> None:
    assert list(Level) == ["province", "prefecture", "county"]
    assert [level.rank for level in Level] == [0, 1, 2]
    assert Level.COUNTY == "county"
    assert f"{Level.COUNTY}" == str(Level.COUNTY) == "county"
    assert {"county": 1}[Level.COUNTY] == 1


@pytest.mark.parametrize("value", ["prefecture", Level.PREFECTURE])
def test_as_level_takes_a_member_or_its_value(value: str) -> None:
    assert as_level(value) is Level.PREFECTURE


@pytest.mark.parametrize("value", ["town", "County", "", 3, None])
def test_a_bad_level_names_the_allowed_ones(value: object) -> None:
    with pytest.raises(UnknownLevelError) as caught:
        as_level(value)  # type: ignore[arg-type]
    assert str(caught.value) == (
        f"level {value!r} is not one of province, prefecture, county; pick one of them."
    )
    assert isinstance(caught.value, ValueError)


def test_as_member_raises_the_class_it_is_given() -> None:
    with pytest.raises(MapOptionError, match=r"^datum 'utm' is not one of wgs84, gcj02;"):
        as_member(Datum, "utm", option="datum", error=MapOptionError)
    assert as_member(Detail, "regional", option="detail", error=MapOptionError) is Detail.REGIONAL


def test_a_member_of_another_enum_is_read_by_its_value() -> None:
    class Other(enum.StrEnum):
        COUNTY = "county"
        TOWN = "town"

    assert as_level(Other.COUNTY) is Level.COUNTY
    with pytest.raises(UnknownLevelError):
        as_level(Other.TOWN)


def test_allowed_values_keep_definition_order() -> None:
    assert allowed_values(Level) == "province, prefecture, county"
    assert allowed_values(Datum) == "wgs84, gcj02"


def test_the_geo_modules_use_the_one_definition() -> None:
    from pairmap.geo import datum, simplify

    assert datum.Datum is Datum
    assert simplify.Detail is Detail
