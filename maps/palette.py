"""Categorical colours people can tell apart, also with colour blindness; the rest merge into 其他.

Every two colours a legend can hold (:data:`PALETTE` plus the two greys for
merged categories) differ by at least :data:`MIN_DELTA_E` (CIEDE2000, 20) as
seen normally and by at least :data:`MIN_DELTA_E_CVD` (10) as seen with
protanopia, deuteranopia or tritanopia (simulated at full severity with the
matrices of Machado et al. 2009). The first six colours are Okabe & Ito's
colour-blind-safe set (its black and yellow left out: black reads as text and
yellow vanishes on light fills); the other six were searched on a fine sRGB
grid (L* 28–72) for the largest spread that keeps both thresholds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from pairmap.maps._colour import Deficiency, pairwise_delta_e

#: Categorical colours in the order they are handed out.
PALETTE: tuple[str, ...] = (
    "#e69f00",  # orange
    "#56b4e9",  # sky blue
    "#009e73",  # bluish green
    "#0072b2",  # blue
    "#d55e00",  # vermilion
    "#cc79a7",  # reddish purple
    "#8c000a",  # maroon
    "#3c05cd",  # violet
    "#195a32",  # dark green
    "#913778",  # plum
    "#8c6eff",  # lavender
    "#afaf6e",  # khaki
)

#: Palette colours the eastern donor provinces always get when they keep a colour, so a
#: province looks the same on every map (the preferred colours of :func:`categorical`).
PROVINCE_COLOURS: dict[str, str] = {
    "110000": "#d55e00",  # 北京, vermilion
    "120000": "#56b4e9",  # 天津, sky blue
    "310000": "#0072b2",  # 上海, blue
    "320000": "#009e73",  # 江苏, bluish green
    "330000": "#3c05cd",  # 浙江, violet
    "350000": "#cc79a7",  # 福建, reddish purple
    "370000": "#8c000a",  # 山东, maroon
    "440000": "#e69f00",  # 广东, orange (the most flows: stands out from blue and red circles)
}

#: The label of merged categories.
OTHER = "其他"

#: Colour of :data:`OTHER` for the categories, and for the groups on a combined map.
OTHER_COLOUR = "#c4c4c4"
GROUP_OTHER_COLOUR = "#555555"

#: Smallest CIEDE2000 difference between two legend colours, normal vision.
MIN_DELTA_E = 20.0
#: Smallest CIEDE2000 difference under each simulated dichromacy.
MIN_DELTA_E_CVD = 10.0


@dataclass(frozen=True)
class Colouring:
    """Colours of one legend.

    Attributes
    ----------
    colours
        Legend entries in order: the keys that keep a colour, sorted, then
        :data:`OTHER` when some keys were merged.
    merged
        Keys drawn as :data:`OTHER` (the smallest ones), sorted.
    """

    colours: dict[str, str] = field(default_factory=dict)
    merged: tuple[str, ...] = ()

    def colour_of(self, key: str) -> str:
        """The colour ``key`` is drawn in (the :data:`OTHER` colour for a merged key)."""
        if key in self.merged:
            return self.colours[OTHER]
        return self.colours[key]


def categorical(
    counts: Mapping[str, float],
    *,
    max_colours: int = len(PALETTE),
    palette: tuple[str, ...] = PALETTE,
    other_colour: str = OTHER_COLOUR,
    preferred: Mapping[str, str] | None = None,
) -> Colouring:
    """Give each category a palette colour; beyond ``max_colours`` the smallest merge into 其他.

    Parameters
    ----------
    counts
        Category key -> its size (number of flows, a total); sizes decide only
        which categories merge, never the colours.
    max_colours
        Most categories that keep their own colour (at most ``len(palette)``).
    palette
        Colours handed out, in order, to the kept keys sorted by key.
    other_colour
        Colour of :data:`OTHER`.
    preferred
        Key -> a palette colour the key always gets when it keeps a colour (a
        province that looks the same on every map); others take the free colours.

    Returns
    -------
    Colouring
        The same counts always give the same colours.

    Raises
    ------
    ValueError
        A size is negative or not finite, ``max_colours`` is out of range, a
        preferred colour is not in ``palette``, or a key named 其他 would collide
        with the merged entry.
    """
    _check_counts(counts)
    if not 1 <= max_colours <= len(palette):
        raise ValueError(f"max_colours must be between 1 and {len(palette)}, not {max_colours}")
    by_size = sorted(counts, key=lambda key: (-float(counts[key]), key))
    kept, merged = sorted(by_size[:max_colours]), tuple(sorted(by_size[max_colours:]))
    if merged and OTHER in counts:
        raise ValueError(
            f"a category is named {OTHER!r}, the name merged categories take; rename it"
        )
    colours = _assign(kept, palette, preferred or {})
    if merged:
        colours[OTHER] = other_colour
    return Colouring(colours=colours, merged=merged)


def _check_counts(counts: Mapping[str, float]) -> None:
    bad = {key: value for key, value in counts.items() if not _is_size(value)}
    if bad:
        raise ValueError(f"category sizes must be finite and not negative: {bad}")


def _is_size(value: object) -> bool:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return math.isfinite(number) and number >= 0


def _assign(
    keys: list[str], palette: tuple[str, ...], preferred: Mapping[str, str]
) -> dict[str, str]:
    """Palette colours for sorted ``keys``: preferred ones first, the rest in palette order
    (colours preferred by absent keys last, so a province keeps its look where it can)."""
    foreign = {key: colour for key, colour in preferred.items() if colour not in palette}
    if foreign:
        raise ValueError(f"preferred colours must come from the palette: {foreign}")
    chosen: dict[str, str] = {}
    for key in keys:
        colour = preferred.get(key)
        if colour is not None and colour not in chosen.values():
            chosen[key] = colour
    # free colours: first those no key prefers, then those preferred by keys not present
    spare = [colour for colour in palette if colour not in chosen.values()]
    free = iter(sorted(spare, key=lambda colour: colour in preferred.values()))
    return {key: chosen[key] if key in chosen else next(free) for key in keys}


def categorical_with_groups(
    categories: Mapping[str, float],
    groups: Mapping[str, float],
    *,
    max_colours: int = len(PALETTE),
    preferred: Mapping[str, str] | None = None,
) -> tuple[Colouring, Colouring]:
    """Colours for a combined map: categories and groups, every colour distinct from every other.

    The palette is split: the categories take their colours first, keeping at
    least half the slots when they need them, and the groups take from the rest.
    Each side merges its smallest keys into its own 其他 (light grey for the
    categories, dark grey for the groups).

    Parameters
    ----------
    categories, groups
        Key -> size, as for :func:`categorical`.
    max_colours
        Most colours the two legends hold together, 其他 entries apart.
    preferred
        Preferred palette colours of category keys (see :func:`categorical`).

    Returns
    -------
    tuple of Colouring
        ``(categories, groups)``.
    """
    if not 2 <= max_colours <= len(PALETTE):
        raise ValueError(f"max_colours must be between 2 and {len(PALETTE)}, not {max_colours}")
    half = math.ceil(max_colours / 2)
    slots_c = max(1, min(len(categories), max(max_colours - len(groups), half)))
    first = categorical(categories, max_colours=slots_c, preferred=preferred)
    if not groups:
        return first, Colouring()
    used = set(first.colours.values())
    rest = tuple(colour for colour in PALETTE if colour not in used)[: max_colours - slots_c]
    second = categorical(
        groups, max_colours=len(rest), palette=rest, other_colour=GROUP_OTHER_COLOUR
    )
    return first, second


def legend_distances(colours: list[str] | tuple[str, ...]) -> dict[str, float]:
    """The smallest CIEDE2000 difference between two colours of a legend, per way of seeing.

    Parameters
    ----------
    colours
        The legend's ``#rrggbb`` colours; repeats count as one colour.

    Returns
    -------
    dict
        ``"normal"`` and each :class:`~pairmap.maps._colour.Deficiency` value ->
        the smallest difference (``inf`` with fewer than two colours). Compare
        with :data:`MIN_DELTA_E` and :data:`MIN_DELTA_E_CVD`.
    """
    distinct = tuple(dict.fromkeys(colour.lower() for colour in colours))
    views: tuple[str | None, ...] = (None, *(d.value for d in Deficiency))
    result: dict[str, float] = {}
    for view in views:
        if len(distinct) < 2:
            result[view or "normal"] = math.inf
            continue
        matrix = pairwise_delta_e(distinct, deficiency=view)
        result[view or "normal"] = float(matrix[np.triu_indices(len(distinct), k=1)].min())
    return result
