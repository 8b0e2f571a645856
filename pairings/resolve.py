"""Resolving pairing tables to administrative units and anchor points, and building flows."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString

from pairmap.pairings._placing import Endpoint, PlaceLookup, PlaceMemo, SidePlacer
from pairmap.pairings.io import RawTable
from pairmap.pairings.issues import Report, sort_issues
from pairmap.pairings.metrics import (
    TEXT_COLUMNS,
    TableMeta,
    decide_metrics,
    merge_meta,
    table_meta,
    with_meta,
)
from pairmap.pairings.schema import METRIC_COLUMNS, PROVENANCE_COLUMNS, SIDES
from pairmap.pairings.validate import ValidatedTable, validate_table

__all__ = ["RESOLVED_COLUMNS", "PlaceLookup", "build_flows", "resolve_pairings", "resolve_tables"]


def _side_columns(side: str) -> list[str]:
    return [
        side,
        f"{side}_adcode",
        f"{side}_unit",
        f"{side}_level",
        f"{side}_province_adcode",
        f"{side}_kind",
        f"{side}_lon",
        f"{side}_lat",
    ]


#: Columns of the resolved pairing frame before the extra metrics (docs/design.md).
RESOLVED_COLUMNS: tuple[str, ...] = (
    *PROVENANCE_COLUMNS,
    *_side_columns("donor"),
    *_side_columns("recipient"),
    "program",
    "program_key",
    "round",
    "level",
    "group",
    "start_year",
    "end_year",
    *METRIC_COLUMNS,
    "approximate",
    "note",
    "source",
    "source_date",
)


def _anchor_table(anchors: pd.DataFrame) -> dict[str, tuple[float, float]]:
    return {
        str(code): (float(lon), float(lat))
        for code, lon, lat in zip(anchors["adcode"], anchors["lon"], anchors["lat"], strict=True)
    }


class _TableResolver(SidePlacer):
    """Places both sides of every row and assembles the resolved rows."""

    def run(self) -> pd.DataFrame:
        rows = []
        for index in self.frame.index:
            ends = {side: self.endpoint(index, side) for side in SIDES}
            donor, recipient = ends["donor"], ends["recipient"]
            if donor is None or recipient is None:
                continue
            if donor.adcode is not None and donor.adcode == recipient.adcode:
                self._same_unit(index, donor, recipient)
            rows.append((index, donor, recipient))
        bad = self.table.bad_rows | self.out.bad_rows
        records = []
        for index, donor, recipient in rows:
            if index in bad:
                continue
            record = dict(self.rows[index])
            for side, end in (("donor", donor), ("recipient", recipient)):
                record.update(
                    {
                        f"{side}_adcode": end.adcode,
                        f"{side}_unit": end.unit,
                        f"{side}_level": end.level,
                        f"{side}_province_adcode": end.province_adcode,
                        f"{side}_kind": end.kind,
                        f"{side}_lon": end.lon,
                        f"{side}_lat": end.lat,
                    }
                )
            records.append(record)
        return _resolved_frame(records, meta=table_meta(self.table.frame))

    def _same_unit(self, index: int, donor: Endpoint, recipient: Endpoint) -> None:
        name = self.value(index, "recipient")
        if not (donor.drawn_at_seat or recipient.drawn_at_seat):
            self.out.add(
                "error",
                "self_pair",
                f"is the same unit as the donor ({donor.adcode} {donor.unit}); a unit "
                "cannot be paired with itself. Correct the donor or the recipient.",
                index=index,
                column="recipient",
                value=name,
            )
        elif (donor.lon, donor.lat) == (recipient.lon, recipient.lat):
            moved = "recipient" if recipient.drawn_at_seat else "donor"
            self.out.add(
                "warning",
                "same_point",
                f"is drawn at the same place as the donor ({donor.adcode} {donor.unit}), so "
                f"the flow has no length. Give {moved}_lon and {moved}_lat for a visible line.",
                index=index,
                column="recipient",
                value=name,
            )


def _resolved_frame(records: list[dict[str, object]], *, meta: TableMeta) -> pd.DataFrame:
    """The resolved frame of a table's rows, carrying the table's metrics."""
    extras = [c for c in meta.metric_columns if c not in RESOLVED_COLUMNS]
    rows = pd.DataFrame.from_records(records, columns=[*RESOLVED_COLUMNS, *extras])
    typed = pd.DataFrame({c: _typed(rows[c], c) for c in RESOLVED_COLUMNS}, index=rows.index)
    frame = pd.concat([typed, rows[extras].astype("float64")], axis=1) if extras else typed
    order = pd.DataFrame(
        {
            "file": frame["source_file"],
            "sheet": frame["source_sheet"].map(lambda v: v or ""),
            "row": frame["source_row"],
        }
    )
    ranks = order.sort_values(["file", "sheet", "row"], kind="stable").index
    resolved = frame.loc[ranks].reset_index(drop=True)
    return with_meta(resolved, TableMeta(meta.metrics, TEXT_COLUMNS))


def _typed(values: pd.Series, column: str) -> Any:
    """One column of the resolved frame with its type (docs/design.md)."""
    if column in ("start_year", "end_year"):
        return pd.array(values, dtype="Int64")
    if column == "source_row":
        return values.astype("int64")
    if column.endswith(("_lon", "_lat")) or column in METRIC_COLUMNS:
        return values.astype("float64")
    if column == "approximate":
        return pd.Series(
            [tuple(v) if isinstance(v, tuple | list) else () for v in values],
            dtype=object,
            index=values.index,
        )
    return pd.Series(
        [None if _missing(v) else str(v) for v in values], dtype=object, index=values.index
    )


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def resolve_pairings(
    table: RawTable | ValidatedTable | pd.DataFrame,
    *,
    gazetteer: PlaceLookup,
    anchors: pd.DataFrame,
) -> tuple[pd.DataFrame, Report]:
    """Resolve every row of a pairing table to units and anchor points.

    Each side is resolved in this order: an adcode in ``*_adcode`` wins; a party with a
    non-government ``*_kind`` or a ``*_seat`` is drawn at its seat (resolved like a name,
    with the party's province and prefecture as context) or at its given coordinates;
    otherwise the name is resolved with ``*_province`` and ``*_prefecture`` as context
    (and the ``level`` column, such as ``prefecture→county``, to settle an ambiguity).
    Given ``*_lon`` / ``*_lat`` override the unit's anchor point.

    Parameters
    ----------
    table
        A table from :func:`pairings.io.read_table`, one already validated, or a frame
        with canonical columns.
    gazetteer
        Resolves names and adcodes (``geo.gazetteer.Gazetteer.default()``).
    anchors
        ``adcode, lon, lat`` of each unit (``geo.boundaries.load_anchors()``), WGS84.

    Returns
    -------
    tuple of (DataFrame, Report)
        The resolved pairing frame (docs/design.md; rows with errors left out, sorted by
        file, sheet and row) and every problem found, row-level checks included.
    """
    validated = table if isinstance(table, ValidatedTable) else validate_table(table)
    resolver = _TableResolver(validated, PlaceMemo(gazetteer), _anchor_table(anchors))
    frame = resolver.run()
    report = validated.report.merge(Report(issues=tuple(resolver.out.issues)))
    report = Report(
        issues=sort_issues(report.issues),
        tables=report.tables,
        rows_read=report.rows_read,
        rows_resolved=len(frame),
    )
    return frame, report


def resolve_tables(
    tables: Iterable[RawTable | ValidatedTable | pd.DataFrame],
    *,
    gazetteer: PlaceLookup,
    anchors: pd.DataFrame,
) -> tuple[pd.DataFrame, Report]:
    """Resolve several tables into one pairing frame and one report (see
    :func:`resolve_pairings`)."""
    memo = PlaceMemo(gazetteer)
    anchor_table = _anchor_table(anchors)
    frames, reports = [], []
    for table in tables:
        validated = table if isinstance(table, ValidatedTable) else validate_table(table)
        resolver = _TableResolver(validated, memo, anchor_table)
        frame = resolver.run()
        frames.append(frame)
        reports.append(
            Report(
                issues=sort_issues(validated.report.issues + tuple(resolver.out.issues)),
                tables=validated.report.tables,
                rows_read=validated.report.rows_read,
                rows_resolved=len(frame),
            )
        )
    report = Report().merge(*reports)
    meta = merge_meta(table_meta(f) for f in frames)
    if not frames:
        meta = decide_metrics(RESOLVED_COLUMNS, extras=(), units={})
    extras = [c for c in meta.metric_columns if c not in RESOLVED_COLUMNS]
    filled = [f.reindex(columns=[*RESOLVED_COLUMNS, *extras]) for f in frames if len(f)]
    if not filled:
        return _resolved_frame([], meta=meta), report
    combined = pd.concat(filled, ignore_index=True)
    if extras:
        numbers = combined[extras].astype("float64")
        combined = pd.concat([combined.drop(columns=extras), numbers], axis=1)
    return with_meta(combined, meta), report


def build_flows(resolved: pd.DataFrame) -> gpd.GeoDataFrame:
    """One straight LineString per pair, from the donor's endpoint to the recipient's.

    Parameters
    ----------
    resolved
        A resolved pairing frame from :func:`resolve_pairings`.

    Returns
    -------
    GeoDataFrame
        The same rows and columns plus ``geometry``, in EPSG:4326.
    """
    lines = [
        LineString([(dlon, dlat), (rlon, rlat)])
        for dlon, dlat, rlon, rlat in zip(
            resolved["donor_lon"],
            resolved["donor_lat"],
            resolved["recipient_lon"],
            resolved["recipient_lat"],
            strict=True,
        )
    ]
    return gpd.GeoDataFrame(resolved.copy(), geometry=lines, crs="EPSG:4326")
