"""Place-name labels decided in Python: their text, their order and the unit names."""

from __future__ import annotations

import pandas as pd
import pytest
from synthetic import resolved_frame

from pairmap.errors import MapOptionError
from pairmap.maps.elements import BoundaryLayer, FlowLayer
from pairmap.maps.flowmap import MapOptions, build_payload
from pairmap.maps.labels import (
    LABEL_MODES,
    is_national,
    label_order,
    node_label,
    node_labels,
    places_part,
)

#: Official names of units in the shipped tables and the labels a map shows for them.
SHIPPED_CASES = [
    ("金秀瑶族自治县", "county", "金秀"),
    ("忻城县", "county", "忻城"),
    ("茂南区", "county", "茂南"),
    ("信宜市", "county", "信宜"),
    ("六枝特区", "county", "六枝"),
    ("水城区", "county", "水城"),
    ("紫云苗族布依族自治县", "county", "紫云"),
    ("三江侗族自治县", "county", "三江"),
    ("融水苗族自治县", "county", "融水"),
    ("黔南布依族苗族自治州", "prefecture", "黔南"),
    ("黔东南苗族侗族自治州", "prefecture", "黔东南"),
    ("湘西土家族苗族自治州", "prefecture", "湘西"),
    ("延边朝鲜族自治州", "prefecture", "延边"),
    ("怒江傈僳族自治州", "prefecture", "怒江"),
    ("六盘水市", "prefecture", "六盘水"),
    ("茂名市", "prefecture", "茂名"),
    ("广东省", "province", "广东"),
    ("广西壮族自治区", "province", "广西"),
    ("内蒙古自治区", "province", "内蒙古"),
    ("宁夏回族自治区", "province", "宁夏"),
    ("北京市", "province", "北京"),
    ("正镶白旗", "county", "正镶白旗"),
    ("察哈尔右翼前旗", "county", "察右前旗"),
]

#: Units elsewhere in China whose short forms need care.
OTHER_CASES = [
    ("新疆维吾尔自治区", "province", "新疆"),
    ("香港特别行政区", "province", "香港"),
    ("芒市", "county", "芒市"),
    ("东区", "county", "东区"),
    ("神农架林区", "county", "神农架"),
    ("兴安盟", "prefecture", "兴安"),
    ("杭锦旗", "county", "杭锦"),
    ("鄂伦春自治旗", "county", "鄂伦春"),
    ("莫力达瓦达斡尔族自治旗", "county", "莫力达瓦"),
    ("科尔沁左翼中旗", "county", "科左中旗"),
    ("积石山保安族东乡族撒拉族自治县", "county", "积石山"),
    ("阿里地区", "prefecture", "阿里"),
]


@pytest.mark.parametrize(("name", "level", "label"), SHIPPED_CASES + OTHER_CASES)
def test_a_place_is_labelled_by_its_short_name(name: str, level: str, label: str) -> None:
    assert node_label(name, level) == label


def test_two_places_of_one_short_name_get_their_generic_words() -> None:
    names = ["临夏回族自治州", "临夏县", "茂南区", "吉林省", "吉林市"]
    levels = ["prefecture", "county", "county", "province", "prefecture"]
    assert node_labels(names, levels) == ["临夏州", "临夏县", "茂南", "吉林省", "吉林市"]


def test_the_same_place_twice_keeps_its_short_name() -> None:
    assert node_labels(["金秀瑶族自治县"] * 2, ["county"] * 2) == ["金秀", "金秀"]


def test_every_shipped_unit_has_a_short_distinct_label(map_pairs: dict[str, pd.DataFrame]) -> None:
    for slug, pairs in map_pairs.items():
        payload = build_payload(pairs, options=MapOptions())
        nodes = payload["nodes"]
        for name, label in zip(nodes["name"], nodes["label"], strict=True):
            assert 1 <= len(label) <= len(name), (slug, name, label)
            assert "自治" not in label and "族" not in label, (slug, name, label)
            assert set(label) <= set(name), (slug, name, label)
        by_label: dict[str, set[str]] = {}
        for name, label in zip(nodes["name"], nodes["label"], strict=True):
            by_label.setdefault(label, set()).add(name)
        assert all(len(v) == 1 for v in by_label.values()), (slug, by_label)


@pytest.fixture(scope="module")
def map_pairs() -> dict[str, pd.DataFrame]:
    from pairmap.maps.book import book_specs, resolve_shipped, select_from_tables

    tables = resolve_shipped()
    return {
        spec.slug: select_from_tables(tables, spec.selection) for spec in book_specs()
    }


def test_larger_totals_are_labelled_first() -> None:
    nodes = {"n_in": [1, 0, 3, 0], "n_out": [0, 2, 0, 1], "total_in": [5.0, 0, 1.0, 0]}
    nodes["total_out"] = [0, 9.0, 0, 0]
    assert label_order(nodes, metric="funds_cny") == [1, 0, 2, 3]
    assert label_order(nodes, metric=None) == [2, 1, 0, 3]


def test_the_maoming_laibin_payload_orders_its_labels_by_funds(
    map_pairs: dict[str, pd.DataFrame],
) -> None:
    pairs = map_pairs["seed-2022-maoming-laibin"]
    payload = build_payload(pairs, options=MapOptions(metric="funds_cny"))
    nodes, order = payload["nodes"], payload["labels"]["order"]
    assert sorted(order) == list(range(len(nodes["label"])))
    totals = [nodes["total_in"][k] + nodes["total_out"][k] for k in order]
    assert totals == sorted(totals, reverse=True)
    assert {nodes["label"][k] for k in order} >= {"金秀", "忻城", "茂南", "电白", "信宜"}
    assert payload["labels"]["places"]["name"] == []  # a regional map names no province


def test_labels_none_leaves_the_order_empty_but_the_names_in_the_nodes() -> None:
    pairs = resolved_frame([{"donor_adcode": "440902", "recipient_adcode": "451324"}])
    payload = build_payload(pairs, options=MapOptions(labels="none"))
    assert payload["labels"]["order"] == []
    assert payload["nodes"]["label"] == ["茂南", "金秀"]


def test_an_unknown_labels_mode_is_refused_naming_the_modes() -> None:
    assert LABEL_MODES == ("all", "ends", "none")
    pairs = resolved_frame([{"donor_adcode": "440902", "recipient_adcode": "451324"}])
    for make in (
        lambda: MapOptions(labels="some"),
        lambda: FlowLayer(pairs, labels="some"),
        lambda: BoundaryLayer("{}", labels="some"),
    ):
        with pytest.raises(MapOptionError, match="all, ends, none"):
            make()


def test_unit_names_come_provinces_first_then_larger_units() -> None:
    points = pd.DataFrame(
        {
            "adcode": ["451324", "450000", "451322", "440000"],
            "name": ["金秀瑶族自治县", "广西壮族自治区", "象州县", "广东省"],
            "level": ["county", "province", "county", "province"],
            "kind": ["unit", "province", "unit", "province"],
            "lon": [110.1, 108.8, 109.7, 113.1],
            "lat": [24.1, 23.5, 23.9, 23.7],
            "area_km2": [2500.0, 237000.0, 1900.0, 179000.0],
        }
    )
    part = places_part(points)
    assert part["name"] == ["广西", "广东", "金秀", "象州"]
    assert part["adcode"] == ["450000", "440000", "451324", "451322"]
    assert part["kind"] == ["province", "province", "unit", "unit"]


def test_a_national_map_names_its_provinces_and_all_names_every_unit() -> None:
    pairs = resolved_frame([{"donor_adcode": "440902", "recipient_adcode": "451324"}])
    national = build_flow_page(pairs, MapOptions(extent="national", level="province"))
    places = national["labels"]["places"]
    assert places["kind"] == ["province"] * 34
    assert {"广东", "广西", "内蒙古", "新疆", "台湾", "香港"} <= set(places["name"])
    regional = build_flow_page(pairs, MapOptions(extent="regional", level="county", labels="all"))
    places = regional["labels"]["places"]
    assert set(places["kind"]) == {"unit"} and len(places["name"]) > 150
    assert "金秀" in places["name"]  # the page leaves out a unit its node names
    none = build_flow_page(pairs, MapOptions(extent="national", level="province", labels="none"))
    assert none["labels"] == {"order": [], "places": none["labels"]["places"]}
    assert none["labels"]["places"]["name"] == []


def build_flow_page(pairs: pd.DataFrame, options: MapOptions) -> dict:
    """The payload of a page with its boundaries loaded (as ``pairmap map`` draws it)."""
    from pairmap.maps.elements import assemble
    from pairmap.maps.flowmap import flow_map_for

    folium_map = flow_map_for(pairs, options=options)
    parts = {child.part: child for child in folium_map._children.values() if hasattr(child, "part")}
    payload, _ = assemble(parts)
    return payload


def test_a_topology_of_all_provinces_is_national() -> None:
    def topology(n: int) -> str:
        geometries = ",".join(f'{{"properties":{{"adcode":"{i:02d}0000"}}}}' for i in range(n))
        return f'{{"type":"Topology","objects":{{"province":{{"geometries":[{geometries}]}}}}}}'

    assert is_national(topology(34)) and not is_national(topology(2))
