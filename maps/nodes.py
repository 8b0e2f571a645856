"""The flows' end points, decided once: node keys, roles, circle sizes and unit totals (pure).

A node is one distinct (unit, position) among the pairs' ends; its key is computed
once per pair end here, and the flows refer to nodes by index. A role (donor,
recipient, both) is named by :func:`role_of` for nodes and units alike, and each
unit's metric totals (what its popup lists) are summed here, not in the page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pairmap.maps.cells import column, number, text
from pairmap.maps.labels import node_labels
from pairmap.maps.payload import FlowsPart, MetricItem, NodesPart, Role, UnitTotal
from pairmap.maps.style import NODE_COLOURS, ROLE_LABELS

#: Label suffixes of a total when its unit both gives and receives.
SIDE_SUFFIX: dict[str, str] = {"in": "（受援）", "out": "（帮扶）"}

NodeKey = tuple[str, float, float]


def role_of(*, gives: bool, receives: bool) -> Role:
    """``both`` for a party that gives and receives, else ``donor`` or ``recipient``."""
    if gives and receives:
        return "both"
    return "donor" if gives else "recipient"


def node_key(adcode: Any, lon: Any, lat: Any) -> NodeKey:
    """Return the key of an endpoint: its unit and its position rounded to ~1 m."""
    return (text(adcode), round(float(lon), 5), round(float(lat), 5))


def unit_roles(pairs: pd.DataFrame) -> dict[str, Role]:
    """Each unit's (adcode's) role over all pairs, by adcode (sorted)."""
    donors = {text(a) for a in column(pairs, "donor_adcode")}
    recipients = {text(a) for a in column(pairs, "recipient_adcode")}
    return {
        adcode: role_of(gives=adcode in donors, receives=adcode in recipients)
        for adcode in sorted(donors | recipients)
    }


@dataclass(frozen=True)
class NodePlan:
    """The nodes of a flow layer and, per pair, the indices of its two nodes.

    Attributes
    ----------
    part
        The nodes' part of the payload (``totals`` filled by :func:`with_totals`).
    donor, recipient
        Index into the nodes of each pair's donor and recipient end.
    """

    part: NodesPart
    donor: list[int]
    recipient: list[int]


def _side_keys(pairs: pd.DataFrame, side: str) -> list[NodeKey]:
    return [
        node_key(a, x, y)
        for a, x, y in zip(
            column(pairs, f"{side}_adcode"),
            column(pairs, f"{side}_lon"),
            column(pairs, f"{side}_lat"),
            strict=True,
        )
    ]


def _tally(
    pairs: pd.DataFrame, keys: dict[str, list[NodeKey]], *, metric: str | None
) -> dict[NodeKey, dict[str, Any]]:
    """Each node's name, the names written for it, its pair counts and metric totals."""
    nodes: dict[NodeKey, dict[str, Any]] = {}
    values = column(pairs, metric) if metric else [None] * len(pairs)
    for side, count, total in (("donor", "n_out", "total_out"), ("recipient", "n_in", "total_in")):
        ends = zip(
            keys[side],
            column(pairs, f"{side}_unit"),
            column(pairs, side),
            column(pairs, f"{side}_level"),
            values,
            strict=True,
        )
        for key, unit, written, level, value in ends:
            node = nodes.setdefault(
                key,
                {
                    "name": text(unit) or text(written),
                    "level": text(level),
                    "aliases": set(),
                    "n_in": 0,
                    "n_out": 0,
                    "total_in": 0.0,
                    "total_out": 0.0,
                },
            )
            node["aliases"].add(text(written))
            node[count] += 1
            node[total] += number(value) or 0.0
    return nodes


def nodes_layer(pairs: pd.DataFrame, *, metric: str | None) -> NodePlan:
    """Build the endpoint nodes: every distinct (unit, position), its role and circle size.

    Parameters
    ----------
    pairs
        Resolved pairing frame.
    metric
        Metric whose totals size the circles, or ``None`` to size by pair counts.

    Returns
    -------
    NodePlan
        The nodes' columns (sorted by key) and each pair's two node indices.
    """
    keys = {side: _side_keys(pairs, side) for side in ("donor", "recipient")}
    nodes = _tally(pairs, keys, metric=metric)
    ordered = sorted(nodes)
    position = {key: i for i, key in enumerate(ordered)}
    found = [nodes[k] for k in ordered]
    sizes = [(n["total_in"] + n["total_out"]) if metric else n["n_in"] + n["n_out"] for n in found]
    largest = max(sizes, default=0) or 1
    part: NodesPart = {
        "adcode": [k[0] for k in ordered],
        "name": [n["name"] for n in found],
        "label": node_labels([n["name"] for n in found], [n["level"] for n in found]),
        "aliases": [sorted(a for a in n["aliases"] if a and a != n["name"]) for n in found],
        "lon": [k[1] for k in ordered],
        "lat": [k[2] for k in ordered],
        "role": [role_of(gives=n["n_out"] > 0, receives=n["n_in"] > 0) for n in found],
        "radius": [round(3.0 + 7.0 * math.sqrt(size / largest), 2) for size in sizes],
        "n_in": [n["n_in"] for n in found],
        "n_out": [n["n_out"] for n in found],
        "total_in": [round(n["total_in"], 2) for n in found],
        "total_out": [round(n["total_out"], 2) for n in found],
        "role_labels": dict(ROLE_LABELS),
        "role_colours": dict(NODE_COLOURS),
        "totals": {},
    }
    donor = [position[k] for k in keys["donor"]]
    recipient = [position[k] for k in keys["recipient"]]
    return NodePlan(part, donor, recipient)


def unit_totals(
    nodes: NodesPart, flows: FlowsPart, metrics: Sequence[MetricItem]
) -> dict[str, list[UnitTotal]]:
    """Each unit's metric totals over the flows it is an end of, by adcode.

    A unit that both gives and receives among its flows has each total split by side
    (label suffixes :data:`SIDE_SUFFIX`); a flow from a unit to itself counts as
    received. Totals are listed in order of first figure (flows in order, metrics in
    order), and ``approx`` is 1 when one of the figures summed was approximate.
    """
    adcodes = nodes["adcode"]
    touching: dict[str, list[int]] = {}
    for f, (d, r) in enumerate(zip(flows["d"], flows["r"], strict=True)):
        touching.setdefault(adcodes[d], []).append(f)
        if adcodes[r] != adcodes[d]:
            touching.setdefault(adcodes[r], []).append(f)
    result: dict[str, list[UnitTotal]] = {}
    for adcode in sorted(touching):
        totals = _totals_of(adcode, touching[adcode], adcodes, flows, metrics)
        if totals:
            result[adcode] = totals
    return result


def _totals_of(
    adcode: str,
    ids: list[int],
    adcodes: list[str],
    flows: FlowsPart,
    metrics: Sequence[MetricItem],
) -> list[UnitTotal]:
    sides = ["in" if adcodes[flows["r"][f]] == adcode else "out" for f in ids]
    split = len(set(sides)) == 2
    totals: dict[str, UnitTotal] = {}
    for f, side in zip(ids, sides, strict=True):
        for metric in metrics:
            value = flows["m"][metric["column"]][f]
            if value is None:
                continue
            label = metric["label"] + (SIDE_SUFFIX[side] if split else "")
            entry = totals.setdefault(
                label, {"label": label, "value": 0.0, "unit": metric["unit"], "approx": 0}
            )
            entry["value"] += value
            flags = flows["ma"].get(metric["column"])
            entry["approx"] = entry["approx"] or (flags[f] if flags else 0)
    return list(totals.values())


def with_totals(plan: NodePlan, flows: FlowsPart, metrics: Sequence[MetricItem]) -> NodesPart:
    """The nodes' part with every unit's totals (:func:`unit_totals`) filled in."""
    part = plan.part.copy()
    part["totals"] = unit_totals(plan.part, flows, metrics)
    return part
