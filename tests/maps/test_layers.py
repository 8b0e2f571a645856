"""Layer builders: nodes, flows, colours, groups and fills from a resolved frame."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from synthetic import resolved_frame

import pairmap.maps
from pairmap.maps.flowmap import MapOptions, build_payload
from pairmap.maps.layers import choropleth_layer, colour_plan, groups_layer
from pairmap.maps.legend import legend_layer
from pairmap.maps.nodes import nodes_layer
from pairmap.maps.palette import (
    MIN_DELTA_E_CVD,
    OTHER,
    PALETTE,
    PROVINCE_COLOURS,
    legend_distances,
)
from pairmap.maps.style import NODE_COLOURS, ROLE_COLOURS, ROLE_LABELS, WidthScale

MAONAN, DIANBAI, XINYI, GAOZHOU, HUAZHOU = "440902", "440904", "440983", "440981", "440982"
JINXIU, XINCHENG = "451324", "451322"


@pytest.fixture(scope="module")
def pairs() -> pd.DataFrame:
    return resolved_frame(
        [
            {
                "donor_adcode": MAONAN,
                "recipient_adcode": JINXIU,
                "group": "茂名→金秀组团",
                "funds_cny": 2e6,
            },
            {"donor_adcode": DIANBAI, "recipient_adcode": JINXIU, "group": "茂名→金秀组团"},
            {
                "donor_adcode": XINYI,
                "recipient_adcode": XINCHENG,
                "group": "多对一",
                "funds_cny": 3e7,
            },
            {
                "donor_adcode": GAOZHOU,
                "recipient_adcode": XINCHENG,
                "group": "多对一",
                "funds_cny": 1e7,
                "program": "东西部扶贫协作",
                "round": "2016",
            },
            {"donor_adcode": XINCHENG, "recipient_adcode": HUAZHOU},
        ]
    )


def test_building_a_map_leaves_the_frame_untouched(pairs: pd.DataFrame) -> None:
    before = pairs.copy(deep=True)
    build_payload(pairs, options=MapOptions(metric="funds_cny", fill="metric"))
    pd.testing.assert_frame_equal(pairs, before)


def test_a_unit_that_gives_and_receives_is_both(pairs: pd.DataFrame) -> None:
    nodes = nodes_layer(pairs, metric=None).part
    role = dict(zip(nodes["adcode"], nodes["role"], strict=True))
    assert role[XINCHENG] == "both"
    assert role[MAONAN] == "donor"
    assert role[JINXIU] == "recipient"
    radius = dict(zip(nodes["adcode"], nodes["radius"], strict=True))
    assert radius[XINCHENG] > radius[JINXIU] > radius[MAONAN]  # 3 pairs > 2 > 1


def test_circles_grow_with_the_metric_total(pairs: pd.DataFrame) -> None:
    nodes = nodes_layer(pairs, metric="funds_cny").part
    radius = dict(zip(nodes["adcode"], nodes["radius"], strict=True))
    assert radius[XINYI] > radius[GAOZHOU] > radius[MAONAN]


def test_group_members_share_a_colour_and_the_group_is_named(pairs: pd.DataFrame) -> None:
    colours = colour_plan(pairs, color_by="auto")
    assert colours["mode"] == "group"
    per_flow = [colours["colours"][k] for k in colours["flow_keys"]]
    assert per_flow[0] == per_flow[1] != per_flow[2] == per_flow[3]
    groups = groups_layer(pairs, colours=colours)
    assert groups["names"] == ["多对一", "茂名→金秀组团"]
    assert groups["donors"][1] == sorted([MAONAN, DIANBAI])
    assert groups["colours"][1] == per_flow[0]


def test_colour_by_programme_splits_the_programmes(pairs: pd.DataFrame) -> None:
    colours = colour_plan(pairs.assign(group=None), color_by="program")
    assert colours["labels"] == ["东西部协作", "东西部扶贫协作"]
    assert colours["flow_keys"][3] != colours["flow_keys"][2]


def test_choropleth_sums_each_recipients_metric(pairs: pd.DataFrame) -> None:
    fill = choropleth_layer(pairs, fill="metric", metric="funds_cny")
    assert fill["mode"] == "metric"
    assert fill["values"] == {JINXIU: 2e6, XINCHENG: 4e7}
    assert fill["fills"][XINCHENG] != fill["fills"][JINXIU]
    assert [item["label"] for item in fill["legend"]] == ["≤ 200万元", "200万元 – 4000万元"]


def test_role_fill_marks_donors_recipients_and_both(pairs: pd.DataFrame) -> None:
    fill = choropleth_layer(pairs, fill="role")
    assert fill["fills"][MAONAN] == ROLE_COLOURS["donor"]
    assert fill["fills"][JINXIU] == ROLE_COLOURS["recipient"]
    assert fill["fills"][XINCHENG] == ROLE_COLOURS["both"]


def test_flows_carry_widths_filters_and_metrics_in_table_order(pairs: pd.DataFrame) -> None:
    scale = WidthScale(metric="funds_cny", max_value=4e7, max_width=12.0)
    payload = build_payload(pairs, options=MapOptions(metric="funds_cny", width_scale=scale))
    flows = payload["flows"]
    assert len(flows["d"]) == len(pairs)
    assert flows["w"][2] == 9.0  # 3e7 of 4e7 at 12 px
    assert flows["dash"] == [0, 1, 0, 0, 1]  # no figure: dashed
    assert flows["m"]["funds_cny"][1] is None
    assert [payload["filters"]["round"][i]["key"] for i in flows["ro"]] == [
        "2021",
        "2021",
        "2021",
        "2016",
        "2021",
    ]
    adcodes = payload["nodes"]["adcode"]
    assert [(adcodes[d], adcodes[r]) for d, r in zip(flows["d"], flows["r"], strict=True)] == list(
        zip(pairs["donor_adcode"], pairs["recipient_adcode"], strict=True)
    )
    assert all(isinstance(w, float) and math.isfinite(w) for w in flows["w"])


def _legend(pairs: pd.DataFrame, colours: dict[str, Any]) -> dict[str, Any]:
    """The legend of ``pairs`` with these colours, uniform widths and no fill."""
    return legend_layer(
        colours=colours,
        groups=groups_layer(pairs, colours=colours),
        width_scale=WidthScale(metric=None),
        choropleth=choropleth_layer(pairs, fill="none"),
        n_flows=len(pairs),
        has_dashed=False,
    )


def test_a_group_in_the_legend_shows_its_members_in_the_colour_of_its_lines(
    pairs: pd.DataFrame,
) -> None:
    colours = colour_plan(pairs, color_by="donor_prefecture")
    legend = _legend(pairs, colours)
    (section,) = [s for s in legend["sections"] if s["kind"] == "group"]
    item = next(i for i in section["items"] if i["label"] == "茂名→金秀组团")
    assert item["members"] == "茂南区、电白区 → 金秀瑶族自治县"
    drawn = {colours["drawn"][k] for k in colours["flow_keys"][:2]}
    assert drawn == {item["colour"]}


def test_colour_by_group_names_each_groups_members_beside_its_colour(
    pairs: pd.DataFrame,
) -> None:
    colours = colour_plan(pairs, color_by="group")
    legend = _legend(pairs, colours)
    first = legend["sections"][0]
    assert first["kind"] == "line" and first["title"] == "组团"
    members = {i["label"]: i.get("members") for i in first["items"]}
    donors, recipient = pairs["donor"].iloc[2:4].tolist(), pairs["recipient"].iloc[2]
    assert members["多对一"] == f"{donors[0]}、{donors[1]} → {recipient}"
    assert members["（未分组）"] is None
    assert not [s for s in legend["sections"] if s["kind"] == "group"]


def test_approximate_figures_and_the_totals_that_include_one_are_marked_for_the_popups(
    pairs: pd.DataFrame,
) -> None:
    marked = pairs.copy()
    marked["approximate"] = [("funds_cny", "jobs"), (), (), (), ()]
    payload = build_payload(marked, options=MapOptions(metric="funds_cny", fill="metric"))
    assert payload["approx_prefix"] == "约"
    # only metrics with values reach the page (jobs has none)
    assert payload["flows"]["ma"] == {"funds_cny": [1, 0, 0, 0, 0]}
    # 金秀's total includes the approximate 200万; 忻城's two figures are exact
    assert payload["fill"]["values"] == {JINXIU: 2e6, XINCHENG: 4e7}
    assert payload["fill"]["approx"] == {JINXIU: 1}
    exact = build_payload(pairs, options=MapOptions(metric="funds_cny", fill="metric"))
    assert exact["flows"]["ma"] == {} and exact["fill"]["approx"] == {}


def test_each_units_totals_are_decided_in_python_split_by_side_and_marked_approximate(
    pairs: pd.DataFrame,
) -> None:
    marked = pairs.copy()
    marked["approximate"] = [("funds_cny",), (), (), (), ()]
    payload = build_payload(marked, options=MapOptions(metric="funds_cny"))
    (funds,) = payload["metrics"]
    label, unit = funds["label"], funds["unit"]
    totals = payload["nodes"]["totals"]
    # 金秀: 200万 (approximate) and a pair without a figure
    assert totals[JINXIU] == [{"label": label, "value": 2e6, "unit": unit, "approx": 1}]
    assert totals[MAONAN] == [{"label": label, "value": 2e6, "unit": unit, "approx": 1}]
    # 忻城 gives (to 化州, no figure) and receives 3000万 + 1000万: the total names its side
    assert totals[XINCHENG] == [
        {"label": label + "（受援）", "value": 4e7, "unit": unit, "approx": 0}
    ]
    assert HUAZHOU not in totals  # no figure at all: no total


def test_a_unit_giving_and_receiving_figures_has_a_total_per_side(pairs: pd.DataFrame) -> None:
    both = pairs.copy()
    both.loc[4, "funds_cny"] = 5e5  # 忻城 → 化州
    totals = build_payload(both, options=MapOptions(metric="funds_cny"))["nodes"]["totals"]
    labels = [(t["label"][-4:], t["value"]) for t in totals[XINCHENG]]
    assert labels == [("（受援）", 4e7), ("（帮扶）", 5e5)]  # in order of first figure


def test_one_word_for_each_role_in_the_legend_the_circles_and_the_popups(
    pairs: pd.DataFrame,
) -> None:
    payload = build_payload(pairs, options=MapOptions(fill="role"))
    nodes = payload["nodes"]
    assert nodes["role_labels"] == ROLE_LABELS
    assert set(nodes["role_colours"]) == set(ROLE_LABELS)
    role = dict(zip(nodes["adcode"], nodes["role"], strict=True))
    assert role[XINCHENG] == "both"
    assert payload["legend"] is not None
    (fill,) = [s for s in payload["legend"]["sections"] if s["kind"] == "fill"]
    assert [i["label"] for i in fill["items"]] == [ROLE_LABELS[r] for r in ROLE_COLOURS]
    # the page names no role itself: the words and colours come in the data
    static = Path(pairmap.maps.__file__).parent / "static"
    for script in static.glob("*.js"):
        code = script.read_text(encoding="utf-8")
        assert not any(word in code for word in ROLE_LABELS.values()), script.name
        assert not any(colour in code for colour in NODE_COLOURS.values()), script.name


#: Fifteen eastern and central provinces, each a donor of its own number of flows.
MANY_DONORS = [
    "110000", "120000", "130000", "210000", "310000", "320000", "330000", "340000",
    "350000", "360000", "370000", "410000", "420000", "430000", "440000",
]  # fmt: skip


def test_beyond_the_palette_the_smallest_donors_merge_into_other_and_the_legend_says_which() -> (
    None
):
    rows = [
        {"donor_adcode": donor, "recipient_adcode": JINXIU}
        for rank, donor in enumerate(MANY_DONORS)
        for _ in range(rank + 1)
    ]
    pairs = resolved_frame(rows)
    colours = colour_plan(pairs, color_by="donor_province")
    assert len(colours["colours"]) == len(PALETTE) + 1
    assert colours["labels"][-1] == OTHER
    # the three smallest (one, two and three flows) merged, each named
    assert colours["merged"] == ["北京市", "天津市", "河北省"]
    drawn = [colours["labels"][k] for k in colours["flow_keys"]]
    assert drawn.count(OTHER) == 1 + 2 + 3
    assert len(drawn) == len(rows)
    assert min(legend_distances(colours["colours"]).values()) >= MIN_DELTA_E_CVD
    legend = _legend(pairs, colours)
    other = legend["sections"][0]["items"][-1]
    assert other["label"] == OTHER
    assert other["members"] == "合并3类：北京市、天津市、河北省"


def test_eastern_donor_provinces_keep_their_colour_on_every_map() -> None:
    alone = colour_plan(
        resolved_frame([{"donor_adcode": "440000", "recipient_adcode": JINXIU}]),
        color_by="donor_province",
    )
    crowded = colour_plan(
        resolved_frame([{"donor_adcode": d, "recipient_adcode": JINXIU} for d in MANY_DONORS[-6:]]),
        color_by="donor_province",
    )
    assert alone["colours"] == [PROVINCE_COLOURS["440000"]]
    by_label = dict(zip(crowded["labels"], crowded["colours"], strict=True))
    assert by_label["广东省"] == PROVINCE_COLOURS["440000"]
    assert by_label["山东省"] == PROVINCE_COLOURS["370000"]
    assert by_label["河南省"] not in PROVINCE_COLOURS.values()
