"""Pairs listed in more than one table of a map: drawn once, citing every source.

A map drawn from several tables (last year's and this year's, the province's and the
city's) often lists one pair twice. When the rows do not contradict each other (every
figure and year given in both is equal), the pair is drawn once: its sources and notes
are joined, a figure given in only one of them is kept, and the report says so (a
notice naming the tables and the figures each gave). When a figure given in both
differs, both rows stay and a warning says which figures disagree, so no figure is
silently dropped or picked.
"""

from __future__ import annotations

import pandas as pd

from pairmap.pairings.diff import pair_identities
from pairmap.pairings.issues import Issue, Severity
from pairmap.pairings.metrics import table_meta

__all__ = ["merge_repeated_pairs"]

#: Joins the sources and notes of a pair listed in several tables.
JOIN = "；"

_YEARS = ("start_year", "end_year")

#: Text a merged pair takes from another table when its first row leaves it blank.
_FILLED_TEXT = ("group",)


def _figure_columns(pairs: pd.DataFrame) -> list[str]:
    return [*table_meta(pairs).metric_columns, *[c for c in _YEARS if c in pairs]]


def _differences(pairs: pd.DataFrame, first: object, other: object) -> list[str]:
    """``funds_cny 2,000,000 vs 3,000,000`` for every figure or year both rows give, unequal."""
    found = []
    for column in _figure_columns(pairs):
        a, b = pairs.at[first, column], pairs.at[other, column]
        if not pd.isna(a) and not pd.isna(b) and a != b:
            found.append(f"{column} {a:,.12g} vs {b:,.12g}")
    return found


def _blank(value: object) -> bool:
    return bool(pd.isna(value)) or not str(value).strip()


def _filled(pairs: pd.DataFrame, first: object, other: object) -> list[str]:
    """The figures, years and group only ``other`` gives."""
    columns = [*_figure_columns(pairs), *[c for c in _FILLED_TEXT if c in pairs]]
    return [
        column
        for column in columns
        if _blank(pairs.at[first, column]) and not _blank(pairs.at[other, column])
    ]


def _joined(values: pd.Series) -> object:
    texts = [str(v) for v in values if not pd.isna(v) and str(v).strip()]
    return JOIN.join(dict.fromkeys(texts)) if texts else values.iloc[0]


def _issue(pairs: pd.DataFrame, row: object, first: object) -> Issue:
    where = f"{pairs.at[first, 'source_file']} row {pairs.at[first, 'source_row']}"
    pair = f"{pairs.at[row, 'donor']} → {pairs.at[row, 'recipient']}"
    differences = _differences(pairs, first, row)
    severity: Severity
    if differences:
        severity, code = "warning", "repeated_pair_differs"
        message = (
            f"the pair {pair} is also in {where} with other figures "
            f"({'; '.join(differences)}); both rows are drawn. If they are one pair, "
            "keep the right figures in one table and delete the other row."
        )
    else:
        severity, code = "info", "repeated_pair"
        message = f"the pair {pair} is also in {where}; drawn once, citing both sources"
        own, theirs = _filled(pairs, first, row), _filled(pairs, row, first)
        if own:
            message += f"; {', '.join(own)} from this row"
        if theirs:
            message += f"; {', '.join(theirs)} from {where}"
        message += "."
    return Issue(
        severity,
        code,
        str(pairs.at[row, "source_file"]),
        message,
        sheet=None
        if pd.isna(pairs.at[row, "source_sheet"])
        else str(pairs.at[row, "source_sheet"]),
        row=int(pairs.at[row, "source_row"]),
    )


def _merge_into(merged: pd.DataFrame, pairs: pd.DataFrame, rows: list[object]) -> None:
    """Row ``rows[0]`` of ``merged`` takes every figure the others give and joins their texts."""
    first, marks = rows[0], set()
    for column in _figure_columns(pairs):
        given = pairs.loc[rows, column].dropna()
        if given.empty:
            continue
        merged.at[first, column] = given.iloc[0]
        if "approximate" in pairs and column in (pairs.at[given.index[0], "approximate"] or ()):
            marks.add(column)
    if "approximate" in pairs:
        merged.at[first, "approximate"] = tuple(c for c in pairs.columns if c in marks)
    for column in (c for c in _FILLED_TEXT if c in pairs):
        given = [v for v in pairs.loc[rows, column] if not _blank(v)]
        if given:
            merged.at[first, column] = given[0]
    for column in ("source", "note", "source_date"):
        if column in merged:
            merged.at[first, column] = _joined(pairs.loc[rows, column])


def merge_repeated_pairs(pairs: pd.DataFrame) -> tuple[pd.DataFrame, list[Issue]]:
    """Draw a pair listed alike in several tables once; report every repeat.

    Parameters
    ----------
    pairs
        A resolved pairing frame of one or more tables (``source_file`` tells them apart).

    Returns
    -------
    pairs, issues
        The frame without the repeats that agreed with an earlier table (that row now
        carries the figures either gave and joins both sources and notes), and one
        issue per repeat: a notice when merged, a warning when figures disagree.
    """
    if pairs.empty or pairs["source_file"].nunique() < 2:
        return pairs, []
    identities = pair_identities(pairs)
    issues: list[Issue] = []
    drop: list[object] = []
    merged = pairs.copy()
    for _, rows in identities.groupby(identities, sort=False):
        if len(rows) < 2 or pairs.loc[rows.index, "source_file"].nunique() < 2:
            continue
        first = rows.index[0]
        same = [first]
        for row in rows.index[1:]:
            if pairs.at[row, "source_file"] == pairs.at[first, "source_file"]:
                continue
            issues.append(_issue(pairs, row, first))
            if not _differences(pairs, first, row):
                same.append(row)
        if len(same) > 1:
            _merge_into(merged, pairs, same)
            drop.extend(same[1:])
    return merged.drop(index=drop), issues
