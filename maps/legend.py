"""Pure builders of a map's legend and its title, subtitle and footer."""

from __future__ import annotations

from typing import Any

from pairmap.maps.assets import credits_line
from pairmap.maps.style import WidthScale, format_metric, metric_display

#: Readable names of the colour modes (legend section titles).
COLOUR_TITLES: dict[str, str] = {
    "group": "组团",
    "donor_province": "帮扶方省份",
    "donor_prefecture": "帮扶方城市",
    "program": "项目",
}


def legend_layer(
    *,
    colours: dict[str, Any],
    groups: dict[str, Any],
    width_scale: WidthScale,
    choropleth: dict[str, Any],
    n_flows: int,
    has_dashed: bool,
) -> dict[str, Any]:
    """Build the legend: flow colours, groups, line widths, unit fills and node circles.

    Parameters
    ----------
    colours, groups, choropleth
        Outputs of the layer builders in :mod:`maps.layers`.
    width_scale
        The line-width scale in use.
    n_flows
        Number of flows drawn (shown in the legend).
    has_dashed
        Whether some flows lack the width metric (drawn dashed).

    Returns
    -------
    dict
        ``sections``: a list of ``{"title", "kind", "items"}`` where ``kind`` is
        ``"line"`` (items ``label, colour`` and, for groups, ``members``),
        ``"group"`` (groups when flows are coloured otherwise: ``label, colours``
        (every colour its flows are drawn in), ``members``), ``"width"``
        (``label, width``), ``"fill"`` (``label, colour``) or ``"note"`` (``label``).
    """
    members = dict(zip(groups["names"], groups.get("members", []), strict=False))
    sections = [_colour_section(colours, members)]
    if groups["names"] and colours["mode"] != "group":
        sections.append(_group_section(groups, members))
    sections.append(_width_section(width_scale, n_flows=n_flows, has_dashed=has_dashed))
    if choropleth["legend"]:
        sections.append(
            {"title": choropleth["title"], "kind": "fill", "items": choropleth["legend"]}
        )
    sized_by = metric_display(width_scale.metric)[0] + "合计" if width_scale.metric else "结对数"
    sections.append(
        {
            "title": "圆点",
            "kind": "note",
            "items": [{"label": f"帮扶方与受援方；大小表示{sized_by}"}],
        }
    )
    return {"sections": sections}


def _colour_section(colours: dict[str, Any], members: dict[str, str]) -> dict[str, Any]:
    """The flow colours, with each group's members when flows are coloured by group, and
    the categories merged into 其他 named under it."""
    items = []
    for label, colour in zip(colours["labels"], colours["colours"], strict=True):
        item = {"label": label, "colour": colour}
        if colours["mode"] == "group" and label in members:
            item["members"] = members[label]
        items.append(item)
    merged = colours.get("merged", [])
    if merged:
        items[-1]["members"] = f"合并{len(merged)}类：" + "、".join(merged)
    return {"title": COLOUR_TITLES.get(colours["mode"], "颜色"), "kind": "line", "items": items}


def _group_section(groups: dict[str, Any], members: dict[str, str]) -> dict[str, Any]:
    """The groups, each with every colour its flows are drawn in, when flows are not."""
    items = [
        {"label": name, "colours": list(flow_colours), "members": members.get(name, "")}
        for name, flow_colours in zip(groups["names"], groups["flow_colours"], strict=True)
    ]
    return {"title": "组团", "kind": "group", "items": items}


def _width_section(width_scale: WidthScale, *, n_flows: int, has_dashed: bool) -> dict[str, Any]:
    """Line widths: one per pair, or sample values of the width metric (and dashes)."""
    if width_scale.metric is None:
        items = [{"label": f"每条线一对结对（共{n_flows}对）", "width": width_scale.pair_width}]
        return {"title": "线宽", "kind": "width", "items": items}
    label, unit = metric_display(width_scale.metric)
    items = [
        {"label": format_metric(value, unit), "width": width_scale.width(value)}
        for value in width_scale.samples()
    ]
    if has_dashed:
        items.append({"label": f"虚线：无{label}数据", "width": width_scale.pair_width, "dash": 1})
    return {"title": f"线宽：{label}", "kind": "width", "items": items}


def title_block(
    *,
    title: str,
    subtitle: str = "",
    sources: list[str] | None = None,
    date: str = "",
    boundaries: str = "",
) -> dict[str, Any]:
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
