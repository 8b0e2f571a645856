"""Number formats, colours and the shared width scale."""

from __future__ import annotations

import pytest

from pairmap.maps.style import (
    WidthScale,
    format_metric,
    level_label,
    width_scale_for,
)


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (167_750_000, "cny", "1.68亿元"),
        (2_000_000, "cny", "200万元"),
        (35_000, "cny", "3.5万元"),
        (800, "cny", "800元"),
        (2000, "人", "2000人"),
        (34_500, "人", "3.45万人"),
        (15, "所", "15所"),
    ],
)
def test_amounts_read_in_wan_and_yi(value: float, unit: str, expected: str) -> None:
    assert format_metric(value, unit) == expected


def test_level_words_are_translated_and_unknown_ones_kept() -> None:
    assert level_label("county→county") == "县→县"
    assert level_label("town->town") == "镇→镇"
    assert level_label("province→galaxy") == "省→galaxy"


def test_width_scale_is_fixed_by_its_largest_value_not_by_each_map() -> None:
    scale = width_scale_for("funds_cny", [1e6, 5e7, 2e8])
    assert scale.max_value == 2e8
    # the same value draws the same width whatever else a map holds
    assert scale.width(5e7) == pytest.approx(scale.max_width / 4)
    assert scale.width(2e8) == scale.max_width
    assert scale.width(1.0) == scale.min_width
    assert scale.width(float("nan")) == scale.pair_width
    assert scale.samples()[-1] <= scale.max_value


def test_no_values_means_one_width_per_pair() -> None:
    scale = width_scale_for("funds_cny", [float("nan")])
    assert scale.metric is None
    assert scale.width(1e9) == WidthScale().pair_width
