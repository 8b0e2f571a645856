"""The page's data (``pairmap-data``), defined once: every part as a ``TypedDict``.

``maps/static/pairmap.js`` and its modules read exactly these names. Python decides
every value (roles, node keys, colours, labels, totals); the page draws them. The
payload is serialised once, by :func:`serialise` (compact JSON safe inside
``<script>``).
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypedDict

from pairmap.maps.document import script_json

#: A unit's or an end point's part in the flows.
Role = Literal["donor", "recipient", "both"]

#: Payload format version (read by the page).
PAYLOAD_VERSION = 1


class TitlePart(TypedDict):
    """Title, subtitle and footer texts; ``credits`` is the attribution line."""

    title: str
    subtitle: str
    sources: list[str]
    date: str
    boundaries: str
    credits: str


class BasePart(TypedDict):
    """Topology objects filled (``"none"`` without boundaries) and outlined, and their datum."""

    fill: str
    outline: str | None
    datum: str


class TilesPart(TypedDict):
    """Background tiles drawn under the units (``note``: the footer's line about them)."""

    url: str
    attribution: str
    max_zoom: int
    subdomains: str
    overlays: list[str]
    note: str


class SouthChinaSeaPart(TypedDict):
    """The maritime line's dashes, and on national maps the inset and the mainland view."""

    line: Any
    inset: dict[str, Any] | None
    view: Any


class LabelsPart(TypedDict):
    """What the page names: node indices in order of priority, then unit names to place."""

    order: list[int]
    places: dict[str, Any]


class NotDrawnItem(TypedDict):
    """A table row left out of the map (``--skip-invalid``): where it is, and why."""

    where: str
    why: str


class UnitTotal(TypedDict):
    """One metric total over a unit's flows, as its popup shows it.

    ``label`` carries （受援） or （帮扶） when the unit both gives and receives;
    ``approx`` is 1 when the total includes an approximate figure.
    """

    label: str
    value: float
    unit: str
    approx: int


class NodesPart(TypedDict):
    """The flows' end points (one per distinct unit and position), as columns.

    ``role`` is each node's part, ``role_labels`` and ``role_colours`` its word and
    circle colour; ``totals`` holds each unit's (adcode's) metric totals over all its
    flows, in the order its popup lists them.
    """

    adcode: list[str]
    name: list[str]
    label: list[str]
    aliases: list[list[str]]
    lon: list[float]
    lat: list[float]
    role: list[Role]
    radius: list[float]
    n_in: list[int]
    n_out: list[int]
    total_in: list[float]
    total_out: list[float]
    role_labels: dict[str, str]
    role_colours: dict[str, str]
    totals: dict[str, list[UnitTotal]]


class FlowsPart(TypedDict):
    """One compact record per flow, as columns (see :func:`maps.layers.flows_layer`)."""

    d: list[int]
    r: list[int]
    w: list[float]
    dash: list[int]
    c: list[int]
    p: list[int]
    ro: list[int]
    lv: list[int]
    g: list[int]
    dn: list[int]
    rn: list[int]
    y0: list[int | None]
    y1: list[int | None]
    src: list[int]
    date: list[int]
    note: list[int]
    file: list[int]
    sheet: list[int]
    row: list[int | None]
    m: dict[str, list[float | None]]
    ma: dict[str, list[int]]


class ColoursPart(TypedDict):
    """The colour mode, its keys (sorted, then 其他) and each key's colour and label;
    ``merged`` names the categories drawn as 其他; ``drawn`` is every colour a line is
    drawn in (``colours``, then on a combined map the groups'), indexed by the flows' ``c``."""

    mode: str
    keys: list[str]
    colours: list[str]
    labels: list[str]
    merged: list[str]
    drawn: list[str]


class FilterItem(TypedDict):
    """One layer toggle: its key and readable label."""

    key: str
    label: str


class FiltersPart(TypedDict):
    """The toggles of programmes, rounds and levels present."""

    program: list[FilterItem]
    round: list[FilterItem]
    level: list[FilterItem]


class GroupsPart(TypedDict):
    """The 组团 / 多对一 groups (see :func:`maps.layers.groups_layer`)."""

    names: list[str]
    colours: list[str]
    merged: list[str]
    members: list[str]
    donors: list[list[str]]
    recipients: list[list[str]]


class FillPart(TypedDict):
    """The unit fill: mode, legend title and unit, colours and (metric mode) totals."""

    mode: Literal["role", "metric", "none"]
    title: str | None
    unit: str | None
    fills: dict[str, str]
    values: dict[str, float]
    approx: dict[str, int]


class MetricItem(TypedDict):
    """A metric column with values, its label and unit."""

    column: str
    label: str
    unit: str


class LineItem(TypedDict):
    """A flow colour of the legend; a group's members when flows are coloured by group."""

    label: str
    colour: str
    members: NotRequired[str]


class GroupItem(TypedDict):
    """A group of the legend in the colour its lines are drawn in (or the groups' 其他,
    whose ``members`` names the groups merged into it and ``groups`` gives their indices,
    whose flows pointing at it shows)."""

    label: str
    colour: str
    members: str
    groups: NotRequired[list[int]]


class WidthItem(TypedDict):
    """A line width of the legend; ``dash`` 1 for the dashed line of missing values."""

    label: str
    width: float
    dash: NotRequired[int]


class FillItem(TypedDict):
    """A unit fill of the legend."""

    label: str
    colour: str


class NoteItem(TypedDict):
    """A line of text in the legend."""

    label: str


class LineSection(TypedDict):
    """Flow colours."""

    title: str
    kind: Literal["line"]
    items: list[LineItem]


class GroupSection(TypedDict):
    """Groups, when flows are coloured otherwise."""

    title: str
    kind: Literal["group"]
    items: list[GroupItem]


class WidthSection(TypedDict):
    """Line widths."""

    title: str
    kind: Literal["width"]
    items: list[WidthItem]


class FillSection(TypedDict):
    """Unit fills."""

    title: str
    kind: Literal["fill"]
    items: list[FillItem]


class NoteSection(TypedDict):
    """Notes (what the circles mean)."""

    title: str
    kind: Literal["note"]
    items: list[NoteItem]


LegendSection = LineSection | GroupSection | WidthSection | FillSection | NoteSection


class LegendPart(TypedDict):
    """The legend's sections, top to bottom."""

    sections: list[LegendSection]


class ChangeItem(TypedDict):
    """A pair of the "changes since" panel: its name, the figures or fields that changed
    (``帮扶资金 1200万元 → 1500万元``), and its flow (``-1`` for a removed pair)."""

    pair: str
    details: list[str]
    flow: int


class ChangeCounts(TypedDict):
    """How many pairs were added, removed and changed."""

    added: int
    removed: int
    changed: int


class ChangesPart(TypedDict):
    """What changed since the previous build (``maps.changes``): its date as shown, the
    counts, the pairs of each kind, and the flows highlighted (added and changed)."""

    since: str
    counts: ChangeCounts
    added: list[ChangeItem]
    removed: list[ChangeItem]
    changed: list[ChangeItem]
    highlight: list[int]


class Payload(TypedDict):
    """The whole page data, in the order the page's JSON block lists it.

    ``legend`` is ``None`` and ``controls`` false when the map has no
    :class:`maps.elements.Legend` / :class:`maps.elements.Controls`: the page then
    draws none. ``changes`` is ``None`` unless the map shows what changed since its
    previous build (:class:`maps.elements.Changes`).
    """

    version: int
    lang: str
    title: TitlePart
    base: BasePart
    tiles: TilesPart | None
    n_flows: int
    nodes: NodesPart
    flows: FlowsPart
    colours: ColoursPart
    filters: FiltersPart
    groups: GroupsPart
    fill: FillPart
    approx_prefix: str
    metrics: list[MetricItem]
    width_metric: str | None
    legend: LegendPart | None
    controls: bool
    not_drawn: list[NotDrawnItem]
    south_china_sea: SouthChinaSeaPart | None
    labels: LabelsPart
    strings: list[str]
    changes: ChangesPart | None


def serialise(payload: Payload) -> str:
    """The payload as compact JSON safe inside ``<script>`` (its one serialisation)."""
    return script_json(payload)
