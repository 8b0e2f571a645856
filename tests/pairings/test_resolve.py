"""The resolved pairing frame and the flows: the contract the maps consume."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import shapely

from pairmap.pairings.io import read_table
from pairmap.pairings.issues import PairingTableError
from pairmap.pairings.metrics import table_meta
from pairmap.pairings.resolve import RESOLVED_COLUMNS, build_flows, resolve_pairings, resolve_tables
from pairmap.pairings.shipped import shipped_tables

CORPUS = Path(__file__).resolve().parent / "corpus"


def pairs_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "donor": ["深圳市", "茂南区", "广东省统计局"],
            "recipient": ["百色市", "金秀", "廉江市"],
            "recipient_prefecture": [None, "来宾市", "湛江市"],
            "donor_seat": [None, None, "广州市"],
            "funds_cny": ["2亿元", None, 5],
            "towns": [3, None, 1],
            "start_year": [2021, 2021, None],
        }
    )


def test_a_frame_built_in_python_resolves_with_the_design_columns(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    frame, report = resolve_pairings(pairs_frame(), gazetteer=gazetteer, anchors=anchors)
    assert report.ok, report.format_text()
    assert list(frame.columns) == [*RESOLVED_COLUMNS, "towns"]
    assert frame["donor_adcode"].tolist() == ["440300", "440902", "440100"]
    assert frame["recipient_adcode"].tolist() == ["451000", "451324", "440881"]
    assert frame["recipient_level"].tolist() == ["prefecture", "county", "county"]
    assert frame["recipient_province_adcode"].tolist() == ["450000", "450000", "440000"]
    assert frame["donor_kind"].tolist() == ["government", "government", "agency"]
    assert frame["source_row"].tolist() == [2, 3, 4]
    assert frame["funds_cny"].tolist()[::2] == [200_000_000.0, 5.0]
    assert str(frame["start_year"].dtype) == "Int64"
    assert table_meta(frame).metric_columns[-1] == "towns"


def test_resolution_does_not_change_its_input(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    table = pairs_frame()
    before = table.copy()
    resolve_pairings(table, gazetteer=gazetteer, anchors=anchors)
    pd.testing.assert_frame_equal(table, before)


def test_endpoints_are_the_anchor_points_of_the_units(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    frame, _ = resolve_pairings(pairs_frame(), gazetteer=gazetteer, anchors=anchors)
    points = anchors.set_index("adcode")
    for side in ("donor", "recipient"):
        expected = points.loc[frame[f"{side}_adcode"], ["lon", "lat"]].to_numpy()
        assert (frame[[f"{side}_lon", f"{side}_lat"]].to_numpy() == expected).all()


def test_an_adcode_override_wins_over_the_name(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    table = pd.DataFrame(
        {"donor": ["茂名市"], "recipient": ["白云区"], "recipient_adcode": ["520113"]}
    )
    frame, report = resolve_pairings(table, gazetteer=gazetteer, anchors=anchors)
    assert report.ok and not report.warnings
    assert frame.at[0, "recipient_unit"] == "白云区"
    assert frame.at[0, "recipient_province_adcode"] == "520000"


def test_flows_run_from_donor_to_recipient_in_wgs84(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    frame, _ = resolve_pairings(pairs_frame(), gazetteer=gazetteer, anchors=anchors)
    flows = build_flows(frame)
    assert flows.crs.to_epsg() == 4326
    assert len(flows) == len(frame)
    coords = shapely.get_coordinates(flows.geometry).reshape(len(frame), 2, 2)
    assert (coords[:, 0] == frame[["donor_lon", "donor_lat"]].to_numpy()).all()
    assert (coords[:, 1] == frame[["recipient_lon", "recipient_lat"]].to_numpy()).all()
    assert "geometry" not in frame.columns


def test_shipped_tables_resolve_without_errors_and_deterministically(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    tables = [read_table(path) for path in shipped_tables()]
    first, report = resolve_tables(tables, gazetteer=gazetteer, anchors=anchors)
    assert report.errors == (), report.format_text()
    assert report.rows_read == report.rows_resolved == len(first) > 100
    again, _ = resolve_tables(
        [read_table(path) for path in shipped_tables()],
        gazetteer=gazetteer,
        anchors=anchors,
    )
    pd.testing.assert_frame_equal(first, again)
    assert first["donor_adcode"].str.fullmatch(r"\d{6}").all()
    assert first["recipient_adcode"].str.fullmatch(r"\d{6}").all()


def test_tables_keep_their_order_and_rows_their_sheet_order(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    tables = [read_table(CORPUS / "utf8.csv"), read_table(CORPUS / "gbk.csv")]
    frame, _ = resolve_tables(tables, gazetteer=gazetteer, anchors=anchors)
    keys = list(zip(frame["source_file"], frame["source_row"], strict=True))
    utf8, gbk = str(CORPUS / "utf8.csv"), str(CORPUS / "gbk.csv")
    assert keys == [(utf8, 2), (utf8, 3), (utf8, 4), (gbk, 2), (gbk, 3)]


def test_errors_stop_a_build_with_every_message(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    _, report = resolve_pairings(
        read_table(CORPUS / "many_problems.csv"), gazetteer=gazetteer, anchors=anchors
    )
    with pytest.raises(PairingTableError) as caught:
        report.raise_for_errors()
    text = str(caught.value)
    assert text.startswith("9 errors in the pairing tables")
    assert text.count("many_problems.csv row ") == 9


def test_the_summary_counts_rows_warnings_and_errors(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    _, report = resolve_pairings(
        read_table(CORPUS / "bad_adcode.csv"), gazetteer=gazetteer, anchors=anchors
    )
    assert report.summary_line() == "1 table: 5 rows read, 2 resolved, 1 warning, 3 errors"
    data = report.to_dict()
    assert data["summary"]["errors"] == 3
    assert data["issues"][0]["row"] == 3
    assert data["issues"][0]["column"] == "recipient_adcode"
    assert data["issues"][0]["value"] == "45132"
