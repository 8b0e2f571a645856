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
    """The colours lines are drawn in, as the legend shows them (lines and groups)."""
    colours: list[str] = []
    for section in payload["legend"]["sections"]:
        for item in section["items"]:
            if section["kind"] == "line":
                colours.append(item["colour"])
            elif section["kind"] == "group":
                colours.extend(item["colours"])
    return colours


def test_a_book_legend_keeps_its_colours_apart(slug: str, map_book: dict[str, Any]) -> None:
    payload = page_payload(map_book[slug].path.read_text(encoding="utf-8"))
    colours = legend_colours(payload)
    assert colours, "the legend shows the line colours"
    drawn = {payload["colours"]["colours"][k] for k in payload["flows"]["c"]}
    assert drawn <= set(colours), "every colour drawn is in the legend"
    distances = legend_distances(colours)
    assert distances.pop("normal") >= MIN_DELTA_E
    assert all(value >= MIN_DELTA_E_CVD for value in distances.values()), distances


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
