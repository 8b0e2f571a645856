"""Colour modes, fills and extents: enums that map options and the API take as member or value."""

from __future__ import annotations

import pandas as pd
import pytest

import pairmap
from pairmap.errors import MapOptionError
from pairmap.geo.levels import Level
from pairmap.maps.flowmap import MapOptions, resolve_extent, topology_levels
from pairmap.maps.layers import choropleth_layer, resolve_colour_mode
from pairmap.maps.options import ColourBy, Extent, Fill


def test_the_choices_and_their_order() -> None:
    assert list(ColourBy) == ["auto", "group", "donor_province", "donor_prefecture", "program"]
    assert list(Fill) == ["role", "metric", "none"]
    assert list(Extent) == ["auto", "national", "regional"]


def test_options_given_as_strings_hold_members() -> None:
    options = MapOptions(level="prefecture", extent="national", color_by="group", fill="none")
    assert options.level is Level.PREFECTURE
    assert options.extent is Extent.NATIONAL
    assert options.color_by is ColourBy.GROUP
    assert options.fill is Fill.NONE
    assert options == MapOptions(
        level=Level.PREFECTURE, extent=Extent.NATIONAL, color_by=ColourBy.GROUP, fill=Fill.NONE
    )
    assert topology_levels(options) == ["province", "prefecture"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("level", "town", "Map level 'town' is not one of province, prefecture, county"),
        ("extent", "world", "Map extent 'world' is not one of auto, national, regional"),
        ("color_by", "colour", "color_by 'colour' is not one of auto, group, donor_province"),
        ("fill", "metrics", "fill 'metrics' is not one of role, metric, none"),
    ],
)
def test_a_bad_option_names_the_allowed_values(field: str, value: str, message: str) -> None:
    with pytest.raises(MapOptionError, match=f"^{message}"):
        MapOptions(**{field: value})  # type: ignore[arg-type]


def test_auto_resolves_to_a_member() -> None:
    pairs = pd.DataFrame(
        {"group": ["", ""], "donor_province_adcode": ["440000", "330000"]},
    )
    assert resolve_colour_mode(pairs, "auto") is ColourBy.DONOR_PROVINCE
    assert resolve_colour_mode(pairs, ColourBy.PROGRAM) is ColourBy.PROGRAM
    assert resolve_extent(pairs, "auto") is Extent.REGIONAL
    assert resolve_extent(pairs, Extent.NATIONAL) is Extent.NATIONAL
    with pytest.raises(MapOptionError, match="fill 'x'"):
        choropleth_layer(pairs, fill="x")


def test_the_package_exports_the_enums() -> None:
    assert pairmap.Level is Level
    assert pairmap.ColourBy is ColourBy
    assert pairmap.Fill is Fill
    assert pairmap.Extent is Extent
    for name in ("Level", "ColourBy", "Fill", "Extent", "Datum", "Detail", "Selection", "select"):
        assert name in pairmap.__all__
