"""Where a unit's name goes: inside the unit, near its middle."""

from __future__ import annotations

import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from pairmap.geo.label_points import label_point, load_label_points


def test_a_long_shape_is_named_near_its_middle_not_at_its_widest_end() -> None:
    # a thin bar with a big square at its east end: the widest place is the square
    shape = box(0, 0, 20, 1).union(box(20, -3, 26, 4))
    lon, lat = label_point(shape)
    assert shape.contains(shapely.Point(lon, lat))
    inscribed = shapely.get_point(shapely.maximum_inscribed_circle(shape), 0)
    assert inscribed.x > 20  # what a pole of inaccessibility alone would pick
    assert lon < inscribed.x


def test_the_name_goes_on_the_largest_part() -> None:
    shape = MultiPolygon([box(0, 0, 1, 1), box(10, 10, 14, 14)])
    lon, lat = label_point(shape)
    assert 10 < lon < 14 and 10 < lat < 14


def test_a_ring_is_named_on_the_ring_itself() -> None:
    ring = Polygon(box(0, 0, 10, 10).exterior.coords, [box(2, 2, 8, 8).exterior.coords])
    lon, lat = label_point(ring)
    assert ring.contains(shapely.Point(lon, lat))


def test_every_province_is_named_inside_itself() -> None:
    from pairmap.geo.boundaries import load_boundaries

    provinces = load_boundaries("province", detail="national")
    points = load_label_points("province")
    assert len(points) == 34 and points["area_km2"].gt(0).all()
    where = dict(zip(points["adcode"], zip(points["lon"], points["lat"], strict=True), strict=True))
    for adcode, name, geometry in zip(
        provinces["adcode"], provinces["name"], provinces.geometry, strict=True
    ):
        assert geometry.contains(shapely.Point(*where[adcode])), name
    assert where["150000"][1] < 47  # 内蒙古 is named in its middle, not in Hulunbuir
    assert where["620000"][0] > 98  # 甘肃 not at its far western end


def test_counties_keep_their_anchors() -> None:
    points = load_label_points("county")
    jinxiu = points.set_index("adcode").loc["451324"]
    assert jinxiu["name"] == "金秀瑶族自治县" and 109.8 < jinxiu["lon"] < 110.5
