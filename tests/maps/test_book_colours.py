"""Every legend of the shipped map book keeps its line colours apart, also for colour-blind
readers: CIEDE2000 >= 20 with normal vision and >= 10 under simulated protanopia,
deuteranopia and tritanopia (Machado et al. 2009, full severity), read from each built
page's embedded payload."""

from __future__ import annotations

from typing import Any

import pytest
from synthetic import page_payload

from pairmap.maps.palette import MIN_DELTA_E, MIN_DELTA_E_CVD, OTHER, legend_distances


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "slug" in metafunc.fixturenames:
        from pairmap.maps.book import book_specs

        metafunc.parametrize("slug", [spec.slug for spec in book_specs()])


def legend_colours(payload: dict[str, Any]) -> list[str]:
    """The colours lines are drawn in, as the legend shows them (categories and groups)."""
    return [
        item["colour"]
        for section in payload["legend"]["sections"]
        if section["kind"] in ("line", "group")
        for item in section["items"]
    ]


def test_a_book_legend_keeps_its_colours_apart(slug: str, map_book: dict[str, Any]) -> None:
    payload = page_payload(map_book[slug].path.read_text(encoding="utf-8"))
    colours = legend_colours(payload)
    assert colours, "the legend shows the line colours"
    assert len(set(colours)) == len(colours), f"two legend entries share a colour: {colours}"
    drawn = {payload["colours"]["drawn"][k] for k in payload["flows"]["c"]}
    assert drawn <= set(colours), "every colour drawn is in the legend"
    distances = legend_distances(colours)
    assert distances.pop("normal") >= MIN_DELTA_E
    assert all(value >= MIN_DELTA_E_CVD for value in distances.values()), distances


#: The book's maps coloured by donor or programme that also hold 组团 groups.
COMBINED = {"all-pairings-county", "guangdong-guangxi", "guangdong-guizhou", "guangdong-intra"}


def test_each_group_on_a_combined_map_is_drawn_in_its_legend_colour(
    map_book: dict[str, Any],
) -> None:
    combined = set()
    for slug, built in map_book.items():
        payload = page_payload(built.path.read_text(encoding="utf-8"))
        sections = [s for s in payload["legend"]["sections"] if s["kind"] == "group"]
        if sections:
            combined.add(slug)
            _check_group_colours(payload, sections[0])
    assert combined == COMBINED


def _check_group_colours(payload: dict[str, Any], section: dict[str, Any]) -> None:
    """Each group's flows are drawn in its swatch's colour (merged ones in 其他's), the
    flows outside groups only in the category colours."""
    swatch = {item["label"]: item["colour"] for item in section["items"]}
    groups, flows, drawn = payload["groups"], payload["flows"], payload["colours"]["drawn"]
    for g, name in enumerate(groups["names"]):
        colours = {drawn[c] for c, fg in zip(flows["c"], flows["g"], strict=True) if fg == g}
        assert colours == {swatch[OTHER] if name in groups["merged"] else swatch[name]}, name
    outside = {drawn[c] for c, fg in zip(flows["c"], flows["g"], strict=True) if fg < 0}
    assert outside <= set(payload["colours"]["colours"])


def test_merged_categories_are_named_in_the_legend(map_book: dict[str, Any]) -> None:
    for built in map_book.values():
        payload = page_payload(built.path.read_text(encoding="utf-8"))
        merged = payload["colours"].get("merged", [])
        items = payload["legend"]["sections"][0]["items"]
        if merged:
            assert items[-1]["label"] == OTHER
            assert all(name in items[-1]["members"] for name in merged)
        else:
            assert OTHER not in [item["label"] for item in items]
