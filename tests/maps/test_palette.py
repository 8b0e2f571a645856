"""Categorical palettes: colour science, distances under colour blindness, merging into 其他."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from pairmap.maps._colour import (
    Deficiency,
    delta_e_2000,
    hex_to_rgb,
    pairwise_delta_e,
    rgb_to_hex,
    simulate,
    srgb_to_lab,
)
from pairmap.maps.palette import (
    GROUP_OTHER_COLOUR,
    MIN_DELTA_E,
    MIN_DELTA_E_CVD,
    OTHER,
    OTHER_COLOUR,
    PALETTE,
    categorical,
    categorical_with_groups,
    legend_distances,
)

VIEWS = (None, *(d.value for d in Deficiency))


def _threshold(view: str | None) -> float:
    return MIN_DELTA_E if view is None else MIN_DELTA_E_CVD


# Sharma, Wu & Dalal (2005), supplementary test data: (Lab 1, Lab 2, CIEDE2000).
SHARMA_PAIRS = [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, -1.3802, -84.2814), (50.0, 0.0, -82.7485), 1.0000),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.5, 0.0), (50.0, 0.0, -2.5), 4.3065),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((50.0, 2.5, 0.0), (61.0, -5.0, 29.0), 22.8977),
    ((50.0, 2.5, 0.0), (56.0, -27.0, -3.0), 31.9030),
    ((50.0, 2.5, 0.0), (58.0, 24.0, 15.0), 19.4535),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
]


@pytest.mark.parametrize(("lab1", "lab2", "expected"), SHARMA_PAIRS)
def test_ciede2000_matches_the_published_test_data(
    lab1: tuple[float, ...], lab2: tuple[float, ...], expected: float
) -> None:
    assert float(delta_e_2000(np.array(lab1), np.array(lab2))) == pytest.approx(expected, abs=1e-4)
    assert float(delta_e_2000(np.array(lab2), np.array(lab1))) == pytest.approx(expected, abs=1e-4)


def test_srgb_primaries_have_their_textbook_lab_values() -> None:
    lab = srgb_to_lab(hex_to_rgb(["#ffffff", "#000000", "#ff0000", "#00ff00", "#0000ff"]))
    expected = [
        (100.0, 0.0, 0.0),
        (0.0, 0.0, 0.0),
        (53.24, 80.09, 67.20),
        (87.73, -86.18, 83.18),
        (32.30, 79.19, -107.86),
    ]
    np.testing.assert_allclose(lab, expected, atol=0.02)


def test_hex_round_trips_and_bad_colours_are_refused() -> None:
    assert rgb_to_hex(hex_to_rgb(list(PALETTE))) == list(PALETTE)
    with pytest.raises(ValueError, match="#rrggbb"):
        hex_to_rgb(["red"])


@pytest.mark.parametrize("deficiency", list(Deficiency))
def test_simulation_keeps_greys_grey(deficiency: Deficiency) -> None:
    greys = hex_to_rgb(["#000000", "#555555", "#c4c4c4", "#ffffff"])
    np.testing.assert_allclose(simulate(greys, deficiency), greys, atol=2e-6)


@pytest.mark.parametrize("deficiency", [Deficiency.PROTANOPIA, Deficiency.DEUTERANOPIA])
def test_red_green_dichromats_confuse_a_classic_red_green_pair(deficiency: Deficiency) -> None:
    # a red and a green that normal vision tells apart by far fall close together
    pair = ["#b35806", "#4d9221"]
    normal = pairwise_delta_e(pair)[0, 1]
    seen = pairwise_delta_e(pair, deficiency=deficiency)[0, 1]
    assert normal > 30
    assert seen < normal / 3


def test_tritanopes_confuse_blue_and_green_but_not_red_and_green() -> None:
    assert pairwise_delta_e(["#2166ac", "#1b7837"], deficiency="tritanopia")[0, 1] < 10
    assert pairwise_delta_e(["#b35806", "#4d9221"], deficiency="tritanopia")[0, 1] > 20


@pytest.mark.parametrize("size", range(2, len(PALETTE) + 1))
@pytest.mark.parametrize("view", VIEWS)
def test_every_palette_prefix_and_its_greys_keep_the_distances(size: int, view: str | None) -> None:
    colours = [*PALETTE[:size], OTHER_COLOUR, GROUP_OTHER_COLOUR]
    matrix = pairwise_delta_e(colours, deficiency=view)
    pairs = itertools.combinations(range(len(colours)), 2)
    too_close = [
        (colours[i], colours[j], round(float(matrix[i, j]), 1))
        for i, j in pairs
        if matrix[i, j] < _threshold(view)
    ]
    assert too_close == []


def test_legend_distances_catch_colours_too_close() -> None:
    # two oranges and two greens of the old palette
    distances = legend_distances(["#d95f02", "#b15928", "#1b9e77", "#33a02c"])
    assert distances["normal"] < MIN_DELTA_E
    assert legend_distances(["#e69f00"])["normal"] == math.inf
    assert legend_distances(["#E69F00", "#e69f00"])["normal"] == math.inf


def _counts(number: int) -> dict[str, float]:
    return {f"k{index:02d}": float(index + 1) for index in range(number)}


@pytest.mark.parametrize("number", [1, 2, 5, len(PALETTE), len(PALETTE) + 1, 20, 40])
def test_categorical_legends_keep_the_distances(number: int) -> None:
    colouring = categorical(_counts(number))
    distances = legend_distances(list(colouring.colours.values()))
    assert len(set(colouring.colours.values())) == len(colouring.colours)
    for view, value in distances.items():
        assert value >= _threshold(None if view == "normal" else view)


def test_categorical_merges_the_smallest_keys_into_other_and_says_which() -> None:
    counts = {"a": 10, "b": 1, "c": 5, "d": 1, "e": 7}
    colouring = categorical(counts, max_colours=3)
    assert colouring.merged == ("b", "d")
    assert list(colouring.colours) == ["a", "c", "e", OTHER]
    assert colouring.colours[OTHER] == OTHER_COLOUR
    assert colouring.colour_of("b") == colouring.colour_of("d") == OTHER_COLOUR
    assert colouring.colour_of("a") == PALETTE[0]
    with pytest.raises(KeyError):
        colouring.colour_of("z")


def test_ties_at_the_cut_merge_the_later_key() -> None:
    colouring = categorical({"x": 1, "y": 1, "z": 1}, max_colours=2)
    assert colouring.merged == ("z",)


def test_no_other_entry_when_everything_fits() -> None:
    colouring = categorical(_counts(len(PALETTE)))
    assert colouring.merged == ()
    assert OTHER not in colouring.colours
    assert list(colouring.colours.values()) == list(PALETTE)


def test_colours_depend_on_keys_not_on_order_or_sizes() -> None:
    counts = {"广州市": 3.0, "深圳市": 1.0, "茂名市": 2.0}
    reordered = dict(reversed(list(counts.items())))
    resized = {key: 100 - value for key, value in counts.items()}
    assert categorical(counts) == categorical(reordered) == categorical(resized)


def test_preferred_colours_are_kept_and_the_rest_fill_free_colours() -> None:
    preferred = {"440000": PALETTE[5], "310000": PALETTE[0]}
    alone = categorical({"440000": 1}, preferred=preferred)
    crowded = categorical({"110000": 1, "310000": 1, "440000": 1, "650000": 1}, preferred=preferred)
    assert alone.colours["440000"] == crowded.colours["440000"] == PALETTE[5]
    assert crowded.colours["310000"] == PALETTE[0]
    assert crowded.colours["110000"] == PALETTE[1]
    assert len(set(crowded.colours.values())) == 4
    with pytest.raises(ValueError, match="from the palette"):
        categorical({"a": 1}, preferred={"a": "#123456"})


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ({"a": -1.0}, "not negative"),
        ({"a": math.nan}, "finite"),
        ({"a": "many"}, "finite"),
    ],
)
def test_bad_sizes_are_refused(counts: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        categorical(counts)  # type: ignore[arg-type]


def test_a_key_named_other_cannot_be_merged_into() -> None:
    assert categorical({OTHER: 1, "a": 2}).colours[OTHER] == PALETTE[1]
    with pytest.raises(ValueError, match="rename it"):
        categorical({OTHER: 1, "a": 2, "b": 3}, max_colours=2)


def test_max_colours_must_fit_the_palette() -> None:
    with pytest.raises(ValueError, match="max_colours"):
        categorical({"a": 1}, max_colours=0)
    with pytest.raises(ValueError, match="max_colours"):
        categorical({"a": 1}, max_colours=len(PALETTE) + 1)


@pytest.mark.parametrize(("categories", "groups"), [(1, 1), (3, 4), (8, 2), (2, 9), (20, 20)])
def test_groups_and_categories_are_distinct_on_a_combined_map(categories: int, groups: int) -> None:
    first, second = categorical_with_groups(
        {f"c{i:02d}": i + 1 for i in range(categories)},
        {f"g{i:02d}": i + 1 for i in range(groups)},
    )
    colours = [*first.colours.values(), *second.colours.values()]
    assert len(set(colours)) == len(colours)
    assert len(first.colours) - (OTHER in first.colours) + len(first.merged) == categories
    assert len(second.colours) - (OTHER in second.colours) + len(second.merged) == groups
    for view, value in legend_distances(colours).items():
        assert value >= _threshold(None if view == "normal" else view)
    if second.merged:
        assert second.colours[OTHER] == GROUP_OTHER_COLOUR


def test_the_palette_is_shared_fairly_between_categories_and_groups() -> None:
    first, second = categorical_with_groups(_counts(20), {f"g{i}": 1 for i in range(20)})
    assert len(first.colours) - 1 == math.ceil(len(PALETTE) / 2)
    assert len(second.colours) - 1 == len(PALETTE) - math.ceil(len(PALETTE) / 2)
    few_groups = categorical_with_groups(_counts(20), {"g": 1})
    assert few_groups[1].colours == {"g": PALETTE[len(PALETTE) - 1]}
    no_groups = categorical_with_groups(_counts(3), {})
    assert no_groups[1].colours == {}
