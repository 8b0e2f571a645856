"""What changed in a map since its previous build, as the page, gallery and terminal show it.

A build compares the pair records a map drew last time with this time's
(:func:`pairmap.pairings.diff.diff_records`); :class:`MapChanges` carries that comparison
and the previous build's date. The texts are decided here once (pair names, each
changed figure as ``帮扶资金 1200万元 → 1500万元`` in the legend's units, 约 marks kept)
and rendered three ways: the page's panel (:func:`changes_part`, inserted as text), the
gallery's badge (:mod:`maps.book`, HTML-escaped) and the terminal
(:func:`changes_lines`, through :func:`pairmap.geo.text.printable`).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd

from pairmap.geo.text import printable
from pairmap.maps.lang import check_lang, format_amount, metric_text, text_of
from pairmap.maps.payload import ChangeItem, ChangesPart
from pairmap.pairings.diff import COMPARED_TEXT, FieldChange, PairDiff, pair_keys
from pairmap.pairings.metrics import TableMeta, describe_metric, table_meta

__all__ = [
    "CHANGE_KINDS",
    "TEXT_LIMIT",
    "ChangeEntries",
    "MapChanges",
    "change_entries",
    "changes_html",
    "changes_lines",
    "changes_part",
    "count_badge",
    "since_date",
]

#: The kinds of change, in the order they are listed, with their terminal marks.
CHANGE_KINDS: tuple[tuple[str, str], ...] = (("added", "+"), ("removed", "-"), ("changed", "~"))

#: Characters of a text field (a note, a source) shown before it is cut with ``…``.
TEXT_LIMIT = 60

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class MapChanges:
    """What changed in one map since the build before.

    Attributes
    ----------
    since
        When the previous build was made, ISO 8601 (``"2026-11-30T14:02:11+00:00"``).
    diff
        The previous build's pair records compared with this build's.
    """

    since: str
    diff: PairDiff

    @property
    def empty(self) -> bool:
        """True when no pair was added, removed or changed."""
        return self.diff.empty


@dataclass(frozen=True)
class ChangeEntries:
    """The changes as texts: per kind, ``(pair, details)`` in the diff's order.

    ``details`` are the changed fields of a changed pair (``帮扶资金 1200万元 → 1500万元``),
    or the figures of an added or removed one. Texts are table text: escape them for
    where they go.
    """

    since: str
    added: tuple[tuple[str, tuple[str, ...]], ...]
    removed: tuple[tuple[str, tuple[str, ...]], ...]
    changed: tuple[tuple[str, tuple[str, ...]], ...]

    def counts(self) -> dict[str, int]:
        """``{"added": n, "removed": n, "changed": n}``."""
        return {kind: len(getattr(self, kind)) for kind, _ in CHANGE_KINDS}


def since_date(since: str, *, lang: str = "zh") -> str:
    """The date of an ISO 8601 time as a page shows it: ``2026-11-30`` / ``30 Nov 2026``.

    Text that is not an ISO 8601 time is shown as written (cut to its first 40 characters).
    """
    try:
        when = datetime.fromisoformat(since.strip())
    except ValueError:
        return since.strip()[:40]
    if check_lang(lang) == "en":
        return f"{when.day} {_MONTHS[when.month - 1]} {when.year}"
    return when.date().isoformat()


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TEXT_LIMIT else text[:TEXT_LIMIT] + "…"


def _pair(record: Mapping[str, Any], lang: str) -> str:
    """``深圳市 → 百色市（东西部协作 · 2021）``: the pair as its record names it."""
    pair = f"{record.get('donor') or ''} → {record.get('recipient') or ''}"
    where = " · ".join(str(record[n]) for n in ("program", "round") if record.get(n))
    if not where:
        return _cut(pair) if len(pair) > 2 * TEXT_LIMIT else pair
    return f"{pair}（{where}）" if lang == "zh" else f"{pair} ({where})"


def _figure(value: Any, approximate: bool, unit: str, lang: str) -> str:
    if value is None:
        return text_of("no_value", lang)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return _cut(str(value))
    text = format_amount(float(value), unit, lang=lang)
    return text_of("approx", lang) + text if approximate else text


def _text_value(value: Any, lang: str) -> str:
    """A text field's value in quotes (a year as is), so old and new read apart."""
    if value is None or value == "":
        return text_of("no_value", lang)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = _cut(str(value))
    return f"“{text}”" if lang == "zh" else f'"{text}"'


def _change(change: FieldChange, meta: TableMeta | None, lang: str) -> str:
    """``帮扶资金 1200万元 → 1500万元`` or ``备注 旧 → 新``."""
    if change.field in COMPARED_TEXT:
        label = text_of(f"field_{change.field}", lang)
        old, new = _text_value(change.old, lang), _text_value(change.new, lang)
        return f"{label} {old} → {new}"
    metric = meta.metric(change.field) if meta is not None else describe_metric(change.field)
    label, unit = metric_text(metric, lang=lang)
    old = _figure(change.old, change.old_approximate, unit, lang)
    new = _figure(change.new, change.new_approximate, unit, lang)
    return f"{label} {old} → {new}"


def _figures(record: Mapping[str, Any], meta: TableMeta | None, lang: str) -> tuple[str, ...]:
    """``帮扶资金 1200万元`` for each figure of a record, in its order."""
    approximate = set(record.get("approximate", ()))
    lines = []
    for column, value in dict(record.get("figures", {})).items():
        metric = meta.metric(column) if meta is not None else describe_metric(column)
        label, unit = metric_text(metric, lang=lang)
        lines.append(f"{label} {_figure(value, column in approximate, unit, lang)}")
    return tuple(lines)


def change_entries(
    changes: MapChanges, *, lang: str = "zh", meta: TableMeta | None = None
) -> ChangeEntries:
    """The changes of one map as texts (see :class:`ChangeEntries`).

    Parameters
    ----------
    changes
        The map's changes.
    lang
        ``"zh"`` or ``"en"``: labels, units and the date (table text stays as written).
    meta
        The drawn table's metric descriptions (default: each column described by its name).
    """
    check_lang(lang)
    diff = changes.diff
    return ChangeEntries(
        since=since_date(changes.since, lang=lang),
        added=tuple((_pair(r, lang), _figures(r, meta, lang)) for r in diff.added),
        removed=tuple((_pair(r, lang), _figures(r, meta, lang)) for r in diff.removed),
        changed=tuple(
            (_pair(c.record, lang), tuple(_change(f, meta, lang) for f in c.changes))
            for c in diff.changed
        ),
    )


def changes_part(changes: MapChanges, pairs: pd.DataFrame, *, lang: str = "zh") -> ChangesPart:
    """The page's ``changes`` part: the panel's texts and the flows to highlight.

    Parameters
    ----------
    changes
        What changed since the previous build.
    pairs
        The pairs the map draws, one flow per row in drawing order; flows are matched to
        the changes by :func:`pairmap.pairings.diff.pair_keys`, so an added or changed
        pair's flow is the one drawn for it. Removed pairs are listed, not drawn.
    lang
        Language of the labels, units and date.
    """
    entries = change_entries(changes, lang=lang, meta=table_meta(pairs))
    flow_of: dict[str, int] = {}
    for index, key in enumerate(pair_keys(pairs.reset_index(drop=True)).tolist()):
        flow_of.setdefault(key, index)
    keys: dict[str, list[str]] = {
        "added": [str(r["key"]) for r in changes.diff.added],
        "removed": ["" for _ in changes.diff.removed],
        "changed": [str(c.record["key"]) for c in changes.diff.changed],
    }

    def items(kind: str) -> list[ChangeItem]:
        found = zip(getattr(entries, kind), keys[kind], strict=True)
        return [
            {"pair": pair, "details": list(details), "flow": flow_of.get(key, -1)}
            for (pair, details), key in found
        ]

    added, removed, changed = items("added"), items("removed"), items("changed")
    highlight = sorted({i["flow"] for i in added + changed if i["flow"] >= 0})
    counts = entries.counts()
    return {
        "since": entries.since,
        "counts": {
            "added": counts["added"],
            "removed": counts["removed"],
            "changed": counts["changed"],
        },
        "added": added,
        "removed": removed,
        "changed": changed,
        "highlight": highlight,
    }


def count_badge(counts: Mapping[str, int]) -> str:
    """``+1 −0 ~1``: pairs added, removed and changed."""
    return f"+{counts['added']} −{counts['removed']} ~{counts['changed']}"


def changes_lines(slug: str, changes: MapChanges, lang: str = "zh") -> list[str]:
    """The terminal's report of one map's changes, one line per pair and changed figure.

    The first line names the map, the previous build's date and the counts; then ``+``
    added, ``-`` removed and ``~`` changed pairs, each changed figure indented under
    its pair. Every line passes through :func:`pairmap.geo.text.printable`, so a control
    character in a table cell cannot move the terminal's cursor.

    Parameters
    ----------
    slug
        The map's name in the report.
    changes
        What changed since the previous build.
    lang
        ``"zh"`` or ``"en"``.
    """
    entries = change_entries(changes, lang=lang)
    counts = entries.counts()
    if changes.empty:
        head = text_of("changes_none", lang, since=entries.since)
    else:
        head = text_of("changes_head", lang, since=entries.since, **counts)
    lines = [f"{slug}: {head}"]
    for kind, mark in CHANGE_KINDS:
        for pair, details in getattr(entries, kind):
            lines.append(f"  {mark} {pair}")
            lines.extend(f"      {detail}" for detail in details if kind == "changed")
    return [printable(line) for line in lines]


def changes_html(changes: MapChanges | None, *, lang: str = "zh") -> str:
    """A gallery card's badge: ``+1 −0 ~1`` that opens (``<details>``, no script) on the
    pairs added, removed and changed; ``""`` for a map with no previous build or no change.

    Every text is escaped with :func:`html.escape`.
    """
    if changes is None or changes.empty:
        return ""
    entries = change_entries(changes, lang=lang)
    counts = entries.counts()
    esc = html.escape
    head = text_of("changes_head", lang, since=entries.since, **counts)
    items = []
    for kind, mark in CHANGE_KINDS:
        for pair, details in getattr(entries, kind):
            shown = details if kind == "changed" else ()
            more = "".join(f"<li>{esc(d)}</li>" for d in shown)
            items.append(
                f'<li class="{kind}"><b>{esc(mark)}</b> {esc(pair)}'
                + (f"<ul>{more}</ul>" if more else "")
                + "</li>"
            )
    return (
        f'<details class="changes"><summary title="{esc(head)}">{esc(count_badge(counts))}'
        f'</summary><p class="since">{esc(head)}</p><ul>{"".join(items)}</ul></details>'
    )
