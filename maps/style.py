"""Fill colours, line widths and number formats shared by every map (pure, no I/O).

Categorical line colours come from :mod:`pairmap.maps.palette`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

#: Fill colours of units by role.
ROLE_COLOURS: dict[str, str] = {
    "donor": "#f4a582",
    "recipient": "#92c5de",
    "both": "#c2a5cf",
}

#: Colours of the end-point circles by role (darker than the fills they sit on).
NODE_COLOURS: dict[str, str] = {
    "donor": "#b2182b",
    "recipient": "#2166ac",
    "both": "#762a83",
}

#: Readable role names: one word each, in the legend, tooltips and popups alike.
ROLE_LABELS: dict[str, str] = {"donor": "帮扶方", "recipient": "受援方", "both": "双向"}

#: Sequential fills for the choropleth, light to dark.
SEQUENTIAL: tuple[str, ...] = ("#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704")

#: Administrative level words of the ``level`` column -> Chinese.
LEVEL_WORDS: dict[str, str] = {
    "province": "省",
    "prefecture": "市",
    "county": "县",
    "town": "镇",
    "subdistrict": "街道",
    "devzone": "开发区",
    "specialzone": "合作区",
    "agency": "机关",
    "enterprise": "企业",
    "government": "政府",
    "organisation": "机构",
    "school": "学校",
    "hospital": "医院",
    "zone": "园区",
}


#: Prefix of an approximate figure, and of a total that includes one.
APPROXIMATE_PREFIX = "约"


def _trim(number: float, digits: int) -> str:
    text = f"{number:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_metric(value: float, unit: str) -> str:
    """Format a metric value for people: money in 元/万元/亿元, counts with their unit.

    Parameters
    ----------
    value
        The number (yuan for money).
    unit
        ``"cny"`` for money, else the unit word appended to the number (``人``, ``所``).

    Examples
    --------
    >>> format_metric(167750000, "cny")
    '1.68亿元'
    >>> format_metric(35000, "cny")
    '3.5万元'
    >>> format_metric(12, "所")
    '12所'
    """
    if unit == "cny":
        if abs(value) >= 1e8:
            return f"{_trim(value / 1e8, 2)}亿元"
        if abs(value) >= 1e4:
            return f"{_trim(value / 1e4, 2)}万元"
        return f"{_trim(value, 2)}元"
    if abs(value) >= 1e4:
        return f"{_trim(value / 1e4, 2)}万{unit}"
    return f"{_trim(value, 2)}{unit}"


def level_label(level: str) -> str:
    """Translate a ``level`` value such as ``county→county`` to ``县→县`` (unknown words kept)."""
    parts = [part.strip() for part in str(level).replace("->", "→").split("→")]
    return "→".join(LEVEL_WORDS.get(part, part) for part in parts)


@dataclass(frozen=True)
class WidthScale:
    """Line widths proportional to a metric, fixed so several maps share one scale.

    Attributes
    ----------
    metric
        Metric column the widths follow, or ``None`` for one line per pair.
    max_value
        Value drawn at ``max_width`` (the largest value over every map sharing the scale).
    max_width, min_width
        Widths in screen pixels; a positive value never draws thinner than ``min_width``.
    pair_width
        Width of every line when ``metric`` is ``None`` or a pair has no value.
    """

    metric: str | None = None
    max_value: float = 1.0
    max_width: float = 12.0
    min_width: float = 1.5
    pair_width: float = 2.0

    def width(self, value: float | None) -> float:
        """Return the line width of ``value`` (``pair_width`` when missing or no metric)."""
        if self.metric is None or value is None or not math.isfinite(value) or value <= 0:
            return self.pair_width
        share = min(value / self.max_value, 1.0) if self.max_value > 0 else 1.0
        return round(max(self.min_width, share * self.max_width), 2)

    def samples(self) -> list[float]:
        """Return three round values for the legend, the largest at most ``max_value``."""
        if self.metric is None or self.max_value <= 0:
            return []
        top = 10 ** math.floor(math.log10(self.max_value))
        top = max(step * top for step in (1, 2, 5, 10) if step * top <= self.max_value)
        return [top / 10, top / 2, top] if top / 10 > 0 else [top]


def width_scale_for(metric: str | None, values: Iterable[float], **options: float) -> WidthScale:
    """Build a :class:`WidthScale` whose top is the largest finite value of ``values``.

    Parameters
    ----------
    metric
        Metric column (``None``: one width for every pair).
    values
        Every value the scale must cover (all maps of a book).
    **options
        ``max_width``, ``min_width``, ``pair_width`` of :class:`WidthScale`.
    """
    finite = [float(v) for v in values if v is not None and math.isfinite(float(v)) and v > 0]
    if metric is None or not finite:
        return WidthScale(metric=None, **options)
    return WidthScale(metric=metric, max_value=max(finite), **options)
