"""What changed between two versions of a pairing table: pairs added, removed and changed.

Pairs are matched by their resolved units, not by their text: 金秀县 and 金秀瑶族自治县
are one recipient. A party that is not an administrative unit (an agency, a firm, a
zone) is drawn at its seat, so its own name joins the key, or two firms of one city
would be one pair. Within a key, rows are matched in table order.

The comparison works on *records* (plain, JSON-ready dicts, one per pair), so a build's
manifest and a freshly read table are compared the same way.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pairmap.pairings.metrics import table_meta

__all__ = [
    "COMPARED_TEXT",
    "FieldChange",
    "PairChange",
    "PairDiff",
    "diff_pairs",
    "diff_records",
    "format_diff",
    "pair_identities",
    "pair_keys",
    "pair_records",
]

#: Fields other than the metrics that a change is reported for.
COMPARED_TEXT: tuple[str, ...] = ("start_year", "end_year", "group", "level", "note", "source")

#: Fields that identify a pair (part of its key or shown with it), never compared.
_IDENTITY: tuple[str, ...] = ("key", "donor", "recipient", "program", "round")

Record = Mapping[str, Any]


def _party(pairs: pd.DataFrame, side: str) -> pd.Series:
    """The key part of one side: its unit's adcode, plus its own name when not a government."""
    adcode = pairs[f"{side}_adcode"].astype("string").fillna("")
    kind = pairs.get(f"{side}_kind", pd.Series("government", index=pairs.index))
    kind = kind.astype("string").fillna("government")
    own = pairs[side].astype("string").fillna("").str.strip()
    return adcode.where(kind == "government", adcode + ":" + kind + ":" + own)


def _programme(pairs: pd.DataFrame) -> pd.Series:
    key = pairs.get("program_key", pd.Series(pd.NA, index=pairs.index)).astype("string")
    written = pairs.get("program", pd.Series("", index=pairs.index)).astype("string")
    return key.fillna(written).fillna("")


def pair_identities(pairs: pd.DataFrame) -> pd.Series:
    """What makes a row the same pair as another: donor, recipient, programme and round,
    the parties by resolved unit (plus their own name when not a government)."""
    rounds = pairs.get("round", pd.Series("", index=pairs.index)).astype("string").fillna("")
    return (
        _party(pairs, "donor")
        + " → "
        + _party(pairs, "recipient")
        + " | "
        + _programme(pairs)
        + " | "
        + rounds
    )


def pair_keys(pairs: pd.DataFrame) -> pd.Series:
    """One key per row (:func:`pair_identities`); repeats numbered ``#2``, ``#3``."""
    base = pair_identities(pairs)
    occurrence = base.groupby(base).cumcount() + 1
    return base.where(occurrence == 1, base + " #" + occurrence.astype(str))


def _plain(value: Any) -> Any:
    """A cell as a JSON value: None for missing, int for whole floats, str otherwise."""
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return None
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)  # numpy's integers too: a year is 1996, not "1996"
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        value = float(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, (int, float, str)):
        return value
    return str(value)


def _labels(pairs: pd.DataFrame, side: str) -> list[str]:
    """Each row's party as written, with its unit when it differs (``金秀县（金秀瑶族自治县）``)."""
    written = [_plain(v) or "" for v in pairs[side].tolist()]
    units = pairs[f"{side}_unit"].tolist() if f"{side}_unit" in pairs else [None] * len(pairs)
    labels = []
    for name, unit in zip(written, map(_plain, units), strict=True):
        labels.append(str(name) if not unit or unit == name else f"{name}（{unit}）")
    return labels


def _column(pairs: pd.DataFrame, name: str) -> list[Any]:
    """A column's cells as JSON values (all ``None`` when the column is absent)."""
    if name not in pairs:
        return [None] * len(pairs)
    return [_plain(value) for value in pairs[name].tolist()]


def pair_records(pairs: pd.DataFrame) -> list[dict[str, Any]]:
    """The pairs of a resolved table as JSON-ready records, the unit of comparison.

    Parameters
    ----------
    pairs
        A resolved pairing frame (``pairmap.read_pairings(...).pairs``).

    Returns
    -------
    list of dict
        Per row: ``key``, ``donor`` and ``recipient`` (as written, with the unit when
        it differs), ``program``, ``round``, ``figures`` (metric → value, present ones
        only), ``approximate`` (metrics written as approximate) and the fields of
        :data:`COMPARED_TEXT`.
    """
    metrics = {m: _column(pairs, m) for m in table_meta(pairs).metric_columns}
    texts = {name: _column(pairs, name) for name in COMPARED_TEXT}
    approximate = pairs["approximate"].tolist() if "approximate" in pairs else [()] * len(pairs)
    columns = zip(
        pair_keys(pairs).tolist(),
        _labels(pairs, "donor"),
        _labels(pairs, "recipient"),
        _column(pairs, "program"),
        _column(pairs, "round"),
        approximate,
        strict=True,
    )
    records: list[dict[str, Any]] = []
    for i, (key, donor, recipient, program, round_, marks) in enumerate(columns):
        figures = {m: values[i] for m, values in metrics.items() if values[i] is not None}
        record: dict[str, Any] = {
            "key": key,
            "donor": donor,
            "recipient": recipient,
            "program": program,
            "round": round_,
            "figures": figures,
            "approximate": sorted(marks) if isinstance(marks, tuple) else [],
        }
        record.update({name: values[i] for name, values in texts.items()})
        records.append(record)
    return records


@dataclass(frozen=True)
class FieldChange:
    """One field of a pair that differs: a metric (with its approximate marks) or a text field.

    Attributes
    ----------
    field
        The column (``funds_cny``, ``end_year``, ``note``...).
    old, new
        The values (``None`` when absent).
    old_approximate, new_approximate
        Whether a metric's value was written as approximate (约, 余...) in each version.
    """

    field: str
    old: Any
    new: Any
    old_approximate: bool = False
    new_approximate: bool = False

    def to_dict(self) -> dict[str, Any]:
        """As JSON-ready data."""
        return {
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "old_approximate": self.old_approximate,
            "new_approximate": self.new_approximate,
        }


@dataclass(frozen=True)
class PairChange:
    """A pair present in both versions whose figures or details differ."""

    record: Record
    changes: tuple[FieldChange, ...]

    def to_dict(self) -> dict[str, Any]:
        """As JSON-ready data: the pair (new version) and its changed fields."""
        return {**_identity(self.record), "changes": [c.to_dict() for c in self.changes]}


def _identity(record: Mapping[str, Any]) -> dict[str, Any]:
    return {name: record.get(name) for name in _IDENTITY}


@dataclass(frozen=True)
class PairDiff:
    """Pairs added, removed and changed from an old version to a new one.

    Attributes
    ----------
    added, removed
        Records (see :func:`pair_records`) of pairs only in the new or the old version.
    changed
        Pairs in both versions with at least one differing field.
    unchanged
        How many pairs are the same in both.
    """

    added: tuple[Record, ...] = ()
    removed: tuple[Record, ...] = ()
    changed: tuple[PairChange, ...] = ()
    unchanged: int = 0

    @property
    def empty(self) -> bool:
        """True when nothing was added, removed or changed."""
        return not (self.added or self.removed or self.changed)

    def counts(self) -> dict[str, int]:
        """``{"added": n, "removed": n, "changed": n, "unchanged": n}``."""
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "changed": len(self.changed),
            "unchanged": self.unchanged,
        }

    def to_dict(self) -> dict[str, Any]:
        """As JSON-ready data (counts, then the pairs of each kind)."""
        return {
            "counts": self.counts(),
            "added": [_with_figures(r) for r in self.added],
            "removed": [_with_figures(r) for r in self.removed],
            "changed": [c.to_dict() for c in self.changed],
        }


def _with_figures(record: Record) -> dict[str, Any]:
    return {**_identity(record), "figures": dict(record.get("figures", {}))}


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        return math.isclose(old, new, rel_tol=1e-12, abs_tol=1e-9)
    return bool(old == new)


def _field_changes(old: Record, new: Record) -> tuple[FieldChange, ...]:
    changes: list[FieldChange] = []
    old_figures, new_figures = old.get("figures", {}), new.get("figures", {})
    old_approx, new_approx = set(old.get("approximate", ())), set(new.get("approximate", ()))
    for metric in dict.fromkeys([*old_figures, *new_figures]):
        before, after = old_figures.get(metric), new_figures.get(metric)
        marks = (metric in old_approx, metric in new_approx)
        if not _same(before, after) or marks[0] != marks[1]:
            changes.append(FieldChange(metric, before, after, *marks))
    for name in COMPARED_TEXT:
        if not _same(old.get(name), new.get(name)):
            changes.append(FieldChange(name, old.get(name), new.get(name)))
    return tuple(changes)


def diff_records(old: Iterable[Record], new: Iterable[Record]) -> PairDiff:
    """Compare two lists of pair records (from :func:`pair_records` or a build manifest).

    Parameters
    ----------
    old, new
        Records of the earlier and the later version.

    Returns
    -------
    PairDiff
        Added and removed pairs in the order of their version; changed ones in the
        order of the new version.
    """
    old_by_key = {record["key"]: record for record in old}
    new_list = list(new)
    new_keys = {record["key"] for record in new_list}
    added, changed, unchanged = [], [], 0
    for record in new_list:
        before = old_by_key.get(record["key"])
        if before is None:
            added.append(record)
            continue
        changes = _field_changes(before, record)
        if changes:
            changed.append(PairChange(record, changes))
        else:
            unchanged += 1
    removed = [r for key, r in old_by_key.items() if key not in new_keys]
    return PairDiff(tuple(added), tuple(removed), tuple(changed), unchanged)


def diff_pairs(old: pd.DataFrame, new: pd.DataFrame) -> PairDiff:
    """Compare two resolved pairing tables, matching pairs by their resolved units.

    Parameters
    ----------
    old, new
        Resolved pairing frames (``pairmap.read_pairings(...).pairs``).

    Returns
    -------
    PairDiff
        What was added, removed and changed (which figure, old → new).

    Examples
    --------
    >>> from pairmap import read_pairings
    >>> old, new = read_pairings("v1.csv"), read_pairings("v2.csv")  # doctest: +SKIP
    >>> print(format_diff(diff_pairs(old.pairs, new.pairs)))  # doctest: +SKIP
    """
    return diff_records(pair_records(old), pair_records(new))


def _value(value: Any, approximate: bool = False) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, float) and value.is_integer():
        text = f"{int(value):,}"
    elif isinstance(value, (int, float)):
        text = f"{value:,.12g}"
    else:
        from pairmap.geo.text import printable, quoted

        text = printable(quoted(str(value), limit=80))
    return f"约{text}" if approximate else text


def _shown(field: str, value: Any, approximate: bool) -> str:
    """A changed field's value for the terminal; a year as written (2021, not 2,021)."""
    if field in ("start_year", "end_year") and isinstance(value, int):
        return str(value)
    return _value(value, approximate)


def _pair_line(mark: str, record: Mapping[str, Any]) -> str:
    from pairmap.geo.text import printable

    where = " · ".join(str(record[n]) for n in ("program", "round") if record.get(n))
    line = f"{mark} {record['donor']} → {record['recipient']}" + (f" ({where})" if where else "")
    return printable(line)


def format_diff(diff: PairDiff) -> str:
    """The diff as lines of text: ``+`` added, ``-`` removed, ``~`` changed with old → new.

    Table text is shown through :func:`pairmap.geo.text.printable` (long text cut), so
    a control character in a cell cannot move the terminal's cursor.
    """
    counts = diff.counts()
    lines = [
        f"{counts['added']} added, {counts['removed']} removed, "
        f"{counts['changed']} changed, {counts['unchanged']} unchanged"
    ]
    lines += [_pair_line("+", r) for r in diff.added]
    lines += [_pair_line("-", r) for r in diff.removed]
    for change in diff.changed:
        lines.append(_pair_line("~", change.record))
        for c in change.changes:
            old = _shown(c.field, c.old, c.old_approximate)
            new = _shown(c.field, c.new, c.new_approximate)
            lines.append(f"    {c.field}: {old} → {new}")
    return "\n".join(lines)
