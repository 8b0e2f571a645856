"""Combined maps (lines coloured by donor or programme, with 组团 groups): each group's lines
take the group's own colour, distinct from every category colour, and the legend says so."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from synthetic import resolved_frame

from pairmap.geo.boundaries import load_units
from pairmap.maps.flowmap import MapOptions, build_payload
from pairmap.maps.palette import (
    GROUP_OTHER_COLOUR,
    MIN_DELTA_E,
    MIN_DELTA_E_CVD,
    OTHER,
    legend_distances,
)

JINXIU, XINCHENG = "451324", "451322"
#: Guangdong counties of several prefectures (Maoming, Guangzhou, Shenzhen, Foshan, Zhanjiang).
DONORS = ("440902", "440904", "440111", "440303", "440606", "440803")
PROGRAMMES = ("东西部协作", "对口帮扶", "横向帮扶", "驻镇帮镇扶村", "纵向帮扶")


def _row(donor: str, *, group: str | None = None, program: str = "东西部协作") -> dict[str, Any]:
    return {
        "donor_adcode": donor,
        "recipient_adcode": JINXIU,
        "group": group,
        "program": program,
    }


@pytest.fixture(scope="module")
def combined() -> pd.DataFrame:
    """Two groups and three ungrouped flows; 湛江's only flow is in a group."""
    return resolved_frame(
        [
            _row(DONORS[0], group="甲组团"),
            _row(DONORS[1], group="甲组团"),
            _row(DONORS[2], group="乙组团"),
            _row(DONORS[5], group="乙组团"),
            _row(DONORS[0]),
            _row(DONORS[2]),
            _row(DONORS[3]),
        ]
    )


def _sections(payload: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["kind"]: s for s in payload["legend"]["sections"] if s["kind"] in ("line", "group")}


def _drawn(payload: dict[str, Any]) -> list[str]:
    return [payload["colours"]["drawn"][c] for c in payload["flows"]["c"]]


def test_a_groups_lines_take_its_own_colour_distinct_from_every_donor_colour(
    combined: pd.DataFrame,
) -> None:
    payload = build_payload(
        combined, options=MapOptions(color_by="donor_prefecture"), units=load_units()
    )
    drawn, sections = _drawn(payload), _sections(payload)
    groups = {item["label"]: item["colour"] for item in sections["group"]["items"]}
    categories = {item["label"]: item["colour"] for item in sections["line"]["items"]}
    assert drawn[:4] == [groups["甲组团"]] * 2 + [groups["乙组团"]] * 2
    assert groups["甲组团"] != groups["乙组团"]
    assert not set(groups.values()) & set(categories.values())
    assert drawn[4:] == [categories["茂名市"], categories["广州市"], categories["深圳市"]]
    # 湛江's one flow is in a group: no line is drawn in a 湛江 colour, so none is shown
    assert "湛江市" not in categories
    assert (
        dict(zip(payload["groups"]["names"], payload["groups"]["colours"], strict=True)) == groups
    )


def test_the_legend_says_which_lines_the_category_colours_are_for(combined: pd.DataFrame) -> None:
    sections = _sections(build_payload(combined, options=MapOptions(color_by="program")))
    assert sections["line"]["title"] == "项目（组团以外的线）"
    assert sections["group"]["title"] == "组团（其线用组团的颜色）"
    english = build_payload(combined, options=MapOptions(color_by="program", lang="en"))
    assert _sections(english)["line"]["title"] == "Programme (lines outside groups)"
    plain = build_payload(combined.assign(group=None), options=MapOptions(color_by="program"))
    assert _sections(plain)["line"]["title"] == "项目"
    assert "group" not in _sections(plain)
    assert plain["colours"]["drawn"] == plain["colours"]["colours"]


def test_colouring_by_group_is_unchanged(combined: pd.DataFrame) -> None:
    payload = build_payload(combined, options=MapOptions(color_by="group"))
    assert payload["colours"]["drawn"] == payload["colours"]["colours"]
    assert payload["groups"]["merged"] == []
    assert "group" not in _sections(payload)
    line = _sections(payload)["line"]
    assert line["title"] == "组团"
    assert {item["label"] for item in line["items"]} == {"甲组团", "乙组团", "（未分组）"}


@pytest.fixture(scope="module")
def crowded() -> pd.DataFrame:
    """Fourteen groups (group k has k + 1 flows) and five programmes outside them."""
    rows = [
        _row(DONORS[k % len(DONORS)], group=f"组团{k:02d}") for k in range(14) for _ in range(k + 1)
    ]
    rows += [_row(DONORS[0], program=program) for program in PROGRAMMES]
    frame = resolved_frame(rows)
    return frame.assign(program_key=frame["program"])


def test_beyond_the_palette_the_smallest_groups_merge_into_a_dark_other_named_in_the_legend(
    crowded: pd.DataFrame,
) -> None:
    payload = build_payload(crowded, options=MapOptions(color_by="program"))
    sections = _sections(payload)
    items = sections["group"]["items"]
    other = items[-1]
    assert (other["label"], other["colour"]) == (OTHER, GROUP_OTHER_COLOUR)
    merged = payload["groups"]["merged"]
    assert merged == [f"组团{k:02d}" for k in range(len(merged))], "the smallest merge"
    assert other["members"] == f"合并{len(merged)}个组团：" + "、".join(merged)
    assert [payload["groups"]["names"][g] for g in other["groups"]] == merged
    assert [item["label"] for item in items[:-1]] == [
        f"组团{k:02d}" for k in range(len(merged), 14)
    ]
    assert len(sections["line"]["items"]) == len(PROGRAMMES)
    colours = [item["colour"] for s in sections.values() for item in s["items"]]
    assert len(set(colours)) == len(colours)
    distances = legend_distances(colours)
    assert distances.pop("normal") >= MIN_DELTA_E
    assert min(distances.values()) >= MIN_DELTA_E_CVD
    groups, flows = payload["groups"], payload["flows"]
    drawn = _drawn(payload)
    for i, g in enumerate(flows["g"]):
        if g >= 0 and groups["names"][g] in merged:
            assert drawn[i] == GROUP_OTHER_COLOUR


def test_an_english_map_names_the_merged_groups_in_english(crowded: pd.DataFrame) -> None:
    payload = build_payload(crowded, options=MapOptions(color_by="program", lang="en"))
    other = _sections(payload)["group"]["items"][-1]
    assert other["label"] == "Other"
    assert other["members"].startswith(f"{len(payload['groups']['merged'])} groups merged: ")
    assert "组团" not in other["members"]
