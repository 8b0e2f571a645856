"""Pure builders of a map's legend and its title, subtitle and footer."""

from __future__ import annotations

from pairmap.maps.assets import credits_line
from pairmap.maps.lang import format_amount, metric_text, text_of
from pairmap.maps.layers import Choropleth
from pairmap.maps.payload import (
    ColoursPart,
    GroupItem,
    GroupSection,
    GroupsPart,
    LegendPart,
    LegendSection,
    LineItem,
    LineSection,
    TitlePart,
    WidthItem,
    WidthSection,
)
from pairmap.maps.style import WidthScale
from pairmap.pairings.metrics import Metric

#: The colour modes with a readable name (legend section titles, in maps.lang.TEXTS).
COLOUR_TITLES: tuple[str, ...] = ("group", "donor_province", "donor_prefecture", "program")


def legend_layer(
    *,
    colours: ColoursPart,
    groups: GroupsPart,
    width_scale: WidthScale,
    choropleth: Choropleth,
    n_flows: int,
    has_dashed: bool,
    width_metric: Metric | None = None,
    lang: str = "zh",
) -> LegendPart:
    """Build the legend: flow colours, groups, line widths, unit fills and node circles.

    Parameters
    ----------
    colours, groups, choropleth
        Outputs of the layer builders in :mod:`maps.layers`.
    width_scale
        The line-width scale in use.
    width_metric
        The metric of ``width_scale.metric`` (its label and unit); None when the scale
        has no metric.
    n_flows
        Number of flows drawn (shown in the legend).
    has_dashed
        Whether some flows lack the width metric (drawn dashed).
    lang
        Language of the texts (``"zh"`` or ``"en"``).

    Returns
    -------
    LegendPart
        ``sections``: a list of ``{"title", "kind", "items"}`` where ``kind`` is
        ``"line"`` (items ``label, colour`` and, for groups, ``members``),
        ``"group"`` (groups when flows are coloured otherwise: ``label, colour`` (the
        colour its lines are drawn in, distinct from every line colour), ``members``), ``"width"``
        (``label, width``), ``"fill"`` (``label, colour``) or ``"note"`` (``label``).
    """
    members = dict(zip(groups["names"], groups["members"], strict=True))
    sections: list[LegendSection] = [_colour_section(colours, members, lang=lang)]
    if groups["names"] and colours["mode"] != "group":
        sections.append(_group_section(groups, members, lang=lang))
    if width_scale.metric is None:
        width_metric = None
    elif width_metric is None or width_metric.column != width_scale.metric:
        raise ValueError(f"width_metric must describe {width_scale.metric!r}")
    sections.append(
        _width_section(width_scale, width_metric, n_flows=n_flows, has_dashed=has_dashed, lang=lang)
    )
    if choropleth["legend"]:
        sections.append(
            {"title": choropleth["title"] or "", "kind": "fill", "items": choropleth["legend"]}
        )
    sized_by = (
        text_of("total_of", lang, label=metric_text(width_metric, lang=lang)[0])
        if width_metric is not None
        else text_of("pair_count", lang)
    )
    sections.append(
        {
            "title": text_of("circles", lang),
            "kind": "note",
            "items": [{"label": text_of("circles_note", lang, sized_by=sized_by)}],
        }
    )
    return {"sections": sections}


def _colour_section(colours: ColoursPart, members: dict[str, str], *, lang: str) -> LineSection:
    """The flow colours, with each group's members when flows are coloured by group, and
    the categories merged into 其他 named under it; on a combined map the title says these
    colours are of the lines outside the groups."""
    items: list[LineItem] = []
    for label, colour in zip(colours["labels"], colours["colours"], strict=True):
        item: LineItem = {"label": label, "colour": colour}
        if colours["mode"] == "group" and label in members:
            item["members"] = members[label]
        items.append(item)
    merged = colours.get("merged", [])
    if merged:
        items[-1]["members"] = _merged_text("merged", merged, lang=lang)
    mode = colours["mode"]
    title = text_of(mode if mode in COLOUR_TITLES else "colour", lang)
    if mode != "group" and len(colours["drawn"]) > len(colours["colours"]):
        title = text_of("outside_groups", lang, title=title)
    return {"title": title, "kind": "line", "items": items}


def _merged_text(kind: str, names: list[str], *, lang: str) -> str:
    """``合并3类：A、B、C``: how many keys merged into 其他, and which."""
    return text_of(kind, lang, n=len(names)) + text_of("list", lang).join(names)


def _group_section(groups: GroupsPart, members: dict[str, str], *, lang: str) -> GroupSection:
    """The groups when flows are coloured otherwise, each in the colour its lines take;
    the groups merged into the groups' 其他 named under it."""
    merged = set(groups["merged"])
    items: list[GroupItem] = [
        {"label": name, "colour": colour, "members": members.get(name, "")}
        for name, colour in zip(groups["names"], groups["colours"], strict=True)
        if name not in merged
    ]
    if merged:
        other = {c for n, c in zip(groups["names"], groups["colours"], strict=True) if n in merged}
        items.append(
            {
                "label": text_of("other", lang),
                "colour": other.pop(),
                "members": _merged_text("merged_groups", groups["merged"], lang=lang),
                "groups": [i for i, n in enumerate(groups["names"]) if n in merged],
            }
        )
    return {"title": text_of("groups_own_colour", lang), "kind": "group", "items": items}


def _width_section(
    width_scale: WidthScale, metric: Metric | None, *, n_flows: int, has_dashed: bool, lang: str
) -> WidthSection:
    """Line widths: one per pair, or sample values of the width metric (and dashes)."""
    items: list[WidthItem]
    if metric is None:
        items = [{"label": text_of("one_line", lang, n=n_flows), "width": width_scale.pair_width}]
        return {"title": text_of("width", lang), "kind": "width", "items": items}
    label, unit = metric_text(metric, lang=lang)
    items = [
        {"label": format_amount(value, unit, lang=lang), "width": width_scale.width(value)}
        for value in width_scale.samples()
    ]
    if has_dashed:
        dashed = text_of("dashed", lang, label=label)
        items.append({"label": dashed, "width": width_scale.pair_width, "dash": 1})
    return {"title": text_of("width_of", lang, label=label), "kind": "width", "items": items}


def title_block(
    *,
    title: str,
    subtitle: str = "",
    sources: list[str] | None = None,
    date: str = "",
    boundaries: str = "",
) -> TitlePart:
    """Build the title, subtitle and footer texts.

    Parameters
    ----------
    title, subtitle
        Shown top left.
    sources
        Data sources (table files or citations) listed in the footer.
    date
        Date of the data, shown in the footer.
    boundaries
        Credit for the boundary data.
    """
    return {
        "title": title,
        "subtitle": subtitle,
        "sources": list(sources or []),
        "date": date,
        "boundaries": boundaries,
        "credits": credits_line(),
    }
