"""Place-name labels: their text and their order of priority, decided once for the page.

The page (``maps/static/labels.js``, ``placenames.js``) only places what this module
decides: each node's label (:func:`node_labels`), the order nodes are labelled in
(:func:`label_order`, larger totals first) and the names of the boundary layer's
units (:func:`places_part`: provinces on national maps, every unit with ``"all"``).
The label text comes from one function, :func:`node_label`.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from pairmap.errors import MapOptionError
from pairmap.geo.names import normalize_name, split_suffix, strip_ethnic

#: What gets a name: every unit of the boundary layer too, the ends of the flows, nothing.
LABEL_MODES: tuple[str, ...] = ("all", "ends", "none")

#: The default: donors and recipients (and province names on national maps).
DEFAULT_LABELS = "ends"

#: A topology holding at least this many provinces is a map of all of China.
NATIONAL_PROVINCES = 31

#: Banner stems that keep 旗: 正镶白旗, 鄂托克前旗 (not 正镶白, 鄂托克前).
_BANNER_KEEPS = ("前", "中", "后", "左", "右", "白", "黄", "蓝", "红", "联合")

#: 察哈尔右翼前旗 → 察右前旗, 科尔沁左翼中旗 → 科左中旗, the usual short forms.
_WING = re.compile(r"(.+?)([左右])翼([前中后]?)")

#: Autonomous suffix -> the plain generic word of the long form (黔南州, 金秀县).
_PLAIN = {"自治州": "州", "自治县": "县", "自治旗": "旗", "自治区": "", "特别行政区": ""}


def check_label_mode(labels: str) -> str:
    """Return ``labels`` if it is one of :data:`LABEL_MODES`; else raise MapOptionError."""
    if labels not in LABEL_MODES:
        raise MapOptionError(f"labels {labels!r} is not one of {', '.join(LABEL_MODES)}.")
    return labels


def _banner(stem: str) -> str:
    """A banner's short name from its stem (the name without 旗)."""
    wing = _WING.fullmatch(stem)
    if wing:
        return f"{wing[1][0]}{wing[2]}{wing[3]}旗"
    return f"{stem}旗" if stem.endswith(_BANNER_KEEPS) else stem


def node_label(place_name: str, level: str, *, generic: bool = False) -> str:
    """The label of a place on a map: its short name (金秀, 茂南, 广西, 黔南).

    The generic word (自治县, 县, 区, 市, 州, 盟, 旗, 省, 自治区 …) and ethnic names
    go (金秀瑶族自治县 → 金秀, 广西壮族自治区 → 广西); a name too short to shorten
    stays (芒市, 东区); banners named by a direction or a colour keep 旗 (正镶白旗,
    察哈尔右翼前旗 → 察右前旗). This is the one function the label text comes from.

    Parameters
    ----------
    place_name
        The unit's official name.
    level
        ``"province"``, ``"prefecture"`` or ``"county"`` (the Chinese short form does
        not depend on it; names in other languages may).
    generic
        The longer form that tells apart two places of one short name: the stem with
        its plain generic word (临夏州 and 临夏县, 吉林省 and 吉林市).

    Returns
    -------
    str
        The label text.
    """
    name = normalize_name(place_name)
    stem, suffix = split_suffix(name)
    if not suffix:
        return name
    if suffix in ("旗", "自治旗") and not generic:
        return _banner(strip_ethnic(stem))
    core = strip_ethnic(stem)
    if not generic:
        return core
    return core + _PLAIN.get(suffix, suffix)


def node_labels(names: Sequence[str], levels: Sequence[str]) -> list[str]:
    """The labels of one map's nodes: short names, the longer form where two would be equal.

    ``临夏回族自治州`` and ``临夏县`` on one map are labelled 临夏州 and 临夏县, not
    临夏 twice.
    """
    short = [node_label(n, lv) for n, lv in zip(names, levels, strict=True)]
    distinct = {(label, name) for label, name in zip(short, names, strict=True)}
    counts = Counter(label for label, _ in distinct)
    return [
        node_label(name, lv, generic=True) if counts[label] > 1 else label
        for label, name, lv in zip(short, names, levels, strict=True)
    ]


def label_order(nodes: Mapping[str, Any], *, metric: str | None) -> list[int]:
    """Node indices in the order the page labels them: larger totals first.

    The total is the node's sum of the width metric over its flows (given and
    received), or its number of flows without a metric; ties go to more flows, then
    to the node's order.
    """
    counts = [a + b for a, b in zip(nodes["n_in"], nodes["n_out"], strict=True)]
    totals = [a + b for a, b in zip(nodes["total_in"], nodes["total_out"], strict=True)]
    sizes = totals if metric else counts
    return sorted(range(len(counts)), key=lambda k: (-sizes[k], -counts[k], k))


@functools.lru_cache(maxsize=8)
def topology_units(topology: str) -> dict[str, tuple[tuple[str, str], ...]]:
    """``{object: ((adcode, name), ...)}`` of a TopoJSON text's features."""
    data = json.loads(topology)
    units: dict[str, tuple[tuple[str, str], ...]] = {}
    for key, obj in data.get("objects", {}).items():
        found = []
        for geometry in obj.get("geometries", []):
            props = geometry.get("properties") or {}
            adcode = str(props.get("adcode", props.get("a", "")))
            found.append((adcode, str(props.get("name", props.get("n", adcode)))))
        units[key] = tuple(found)
    return units


def is_national(topology: str) -> bool:
    """Whether a topology draws all of China (all mainland provinces)."""
    return len(topology_units(topology).get("province", ())) >= NATIONAL_PROVINCES


def places_part(points: pd.DataFrame) -> dict[str, Any]:
    """The unit names the page places after the nodes', in order of priority.

    The page leaves out the name of a unit whose node it has labelled.

    Parameters
    ----------
    points
        ``adcode, name, level, kind, lon, lat, area_km2`` (``kind``: ``"province"`` or
        ``"unit"``); provinces come first, then larger units first.

    Returns
    -------
    dict
        Columnar ``adcode, name, kind, lon, lat`` lists.
    """
    shown = points.assign(_first=(points["kind"] != "province").astype(int))
    shown = shown.sort_values(["_first", "area_km2", "adcode"], ascending=[True, False, True])
    return {
        "adcode": shown["adcode"].astype(str).tolist(),
        "name": [node_label(n, lv) for n, lv in zip(shown["name"], shown["level"], strict=True)],
        "kind": shown["kind"].astype(str).tolist(),
        "lon": [round(float(v), 4) for v in shown["lon"]],
        "lat": [round(float(v), 4) for v in shown["lat"]],
    }


#: The places part of a map that names no unit.
NO_PLACES: dict[str, Any] = {"adcode": [], "name": [], "kind": [], "lon": [], "lat": []}
