"""What validation and resolution do to figures: units from any header or unit row,
approximate flags, merged amounts stored once, bounded totals, and wide tables."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pairmap.pairings.io import read_table
from pairmap.pairings.resolve import resolve_pairings, resolve_tables
from pairmap.pairings.validate import validate_table

CORPUS = Path(__file__).resolve().parent / "corpus"
#: The installed ``pairmap`` command beside this Python.
PAIRMAP = str(Path(sys.executable).with_name("pairmap"))


def issues(report) -> list[tuple[str, str, int | None, str | None, str]]:  # type: ignore[no-untyped-def]
    return [(i.severity, i.code, i.row, i.column, i.message) for i in report.issues]


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- units ---------------------------------------------------------------------------------


def test_a_frame_from_python_scales_an_extra_column_by_the_unit_in_its_name(
    gazetteer, anchors
) -> None:  # type: ignore[no-untyped-def]
    table = pd.DataFrame(
        {
            "donor": ["茂南区"],
            "recipient": ["金秀瑶族自治县"],
            "funds_cny": [2_000_000],
            "游客（万人次）": [95.73],
        }
    )
    frame, report = resolve_pairings(table, gazetteer=gazetteer, anchors=anchors)
    assert report.ok and report.issues == ()
    assert frame["游客（万人次）"].tolist() == [957_300.0]
    assert report.tables[0].units == (("游客（万人次）", "游客（万人次）", "万人次", 1e4),)


def test_a_unit_row_that_disagrees_with_the_header_is_an_error(tmp_path: Path) -> None:
    raw = read_table(
        write_csv(tmp_path / "t.csv", "帮扶方,受援方,帮扶资金（万元）\n茂名市,来宾市,973\n")
    )
    checked = validate_table(dataclasses.replace(raw, unit_row={"funds_cny": "亿元"}))
    assert issues(checked.report) == [
        (
            "error",
            "unit_conflict",
            None,
            "funds_cny",
            "the header gives the unit 万元 but the unit row under it gives 亿元; keep the "
            "one that is right and delete the other.",
        )
    ]
    assert (
        np.isnan(checked.frame["funds_cny"].iloc[0]) or checked.frame["funds_cny"].iloc[0] == 973.0
    )
    agreeing = validate_table(dataclasses.replace(raw, unit_row={"funds_cny": "（万元）"}))
    assert agreeing.report.issues == ()
    assert agreeing.frame["funds_cny"].tolist() == [9_730_000.0]


def test_a_unit_row_cell_that_is_not_a_unit_is_ignored_with_a_warning(tmp_path: Path) -> None:
    raw = read_table(write_csv(tmp_path / "t.csv", "帮扶方,受援方,帮扶资金\n茂名市,来宾市,973\n"))
    checked = validate_table(dataclasses.replace(raw, unit_row={"funds_cny": "说明"}))
    assert issues(checked.report) == [
        (
            "warning",
            "unknown_unit",
            None,
            "funds_cny",
            "the unit row under the header gives '说明', which is not a unit such as 元, 万元, "
            "亿元, 人, 万人 or 人次; plain numbers are read as they are. Correct it.",
        )
    ]
    assert checked.frame["funds_cny"].tolist() == [973.0]


def test_a_unit_row_may_name_its_column_by_header_or_by_column(tmp_path: Path) -> None:
    raw = read_table(
        write_csv(tmp_path / "t.csv", "帮扶方,受援方,帮扶资金,引进企业\n茂名市,来宾市,973,3\n")
    )
    for unit_row in ({"帮扶资金": "万元", "引进企业": "家"}, {"funds_cny": "万元"}):
        checked = validate_table(dataclasses.replace(raw, unit_row=unit_row))
        assert checked.report.issues == ()
        assert checked.frame["funds_cny"].tolist() == [9_730_000.0]
        assert checked.report.tables[0].units[0] == (
            "funds_cny",
            "帮扶资金, unit row 万元",
            "万元",
            1e4,
        )


def test_the_check_command_says_which_unit_it_applied_to_a_column_mapped_by_hand() -> None:
    result = subprocess.run(
        [PAIRMAP, "check",
         str(CORPUS / "unit_in_mapped_header.csv"), "--column", "donor=帮扶单位",
         "--column", "recipient=结对县", "--column", "funds_cny=援助金额（万元）"],
        capture_output=True, text=True, timeout=300, env=os.environ.copy(), check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.endswith(
        "2 rows (encoding UTF-8); units: funds_cny in 万元 (plain numbers ×10000, from "
        "'援助金额（万元）')"
    )


# -- approximate flags and visits through resolution ------------------------------------


def test_several_tables_keep_their_approximate_flags_and_visits(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    names = ("approximate_amounts.csv", "visits_header_units.csv")
    tables = [read_table(CORPUS / name) for name in names]
    frame, report = resolve_tables(tables, gazetteer=gazetteer, anchors=anchors)
    assert report.rows_resolved == 5
    assert frame["approximate"].tolist()[3:] == [(), ()]
    assert frame["approximate"].tolist()[0] == ("funds_cny", "investment_cny", "jobs")
    assert frame["visits"].tolist()[3:] == [957_300.0, 120_000.0]
    assert frame["visits"].isna().tolist()[:3] == [True, True, True]


# -- merged amount cells ----------------------------------------------------------------


def merged_table(tmp_path: Path, groups: tuple[str, str, str]) -> object:
    """Three rows sharing a merged 973万元 (rows 2–4), as pairings.io reports a merged cell."""
    rows = "".join(
        f"{donor},忻城县,973万元,{group}\n"
        for donor, group in zip(("信宜市", "高州市", "化州市"), groups, strict=True)
    )
    raw = read_table(write_csv(tmp_path / "m.csv", "帮扶方,受援方,帮扶资金,组团\n" + rows))
    merged = {(row, column): 2 for row in (3, 4) for column in ("帮扶资金", "recipient")}
    return dataclasses.replace(raw, merged=merged)


def test_a_merged_figure_fills_the_blank_groups_of_its_rows(tmp_path: Path) -> None:
    checked = validate_table(merged_table(tmp_path, ("忻城组团", "", "")))  # type: ignore[arg-type]
    assert checked.frame["funds_cny"].tolist()[0] == 9_730_000.0
    assert checked.frame["funds_cny"].isna().tolist() == [False, True, True]
    assert checked.frame["group"].tolist() == ["忻城组团"] * 3
    assert [i[:4] for i in issues(checked.report)] == [
        ("info", "merged_figure", 2, "funds_cny"),
        ("info", "merged_group", 2, "group"),
    ]
    assert issues(checked.report)[1][4] == (
        "rows 2–4 share a merged figure, so they form one group: '忻城组团' is written in "
        "their group column. Give them a group id (组团) of your own to name it."
    )


def test_a_merged_figure_over_rows_of_different_groups_is_kept_once_with_a_warning(
    tmp_path: Path,
) -> None:
    checked = validate_table(merged_table(tmp_path, ("甲组", "乙组", "甲组")))  # type: ignore[arg-type]
    assert checked.frame["funds_cny"].isna().tolist() == [False, True, True]
    assert checked.frame["group"].tolist() == ["甲组", "乙组", "甲组"]
    assert issues(checked.report)[1] == (
        "warning",
        "merged_across_groups",
        2,
        "group",
        "rows 2–4 share a merged figure but belong to the groups 乙组, 甲组; the figure is "
        "kept once, on row 2. Give the rows one group id if the figure is their total.",
    )


def test_rows_already_in_one_group_need_no_notice_of_it(tmp_path: Path) -> None:
    checked = validate_table(merged_table(tmp_path, ("忻城组团",) * 3))  # type: ignore[arg-type]
    assert [i[1] for i in issues(checked.report)] == ["merged_figure"]


# -- bounded amounts ----------------------------------------------------------------------


def test_a_float_from_python_beyond_any_real_figure_is_an_error(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    table = pd.DataFrame({"donor": ["茂名市"], "recipient": ["来宾市"], "funds_cny": [1e300]})
    frame, report = resolve_pairings(table, gazetteer=gazetteer, anchors=anchors)
    assert [(i.code, i.value) for i in report.errors] == [("amount_out_of_range", "1e+300")]
    assert frame.empty


@pytest.mark.parametrize(
    ("name", "errors", "says"),
    [
        ("total_out_of_range.csv", 2, "which no total can reach; check their numbers and units."),
        ("amount_out_of_range.csv", 3, "is out of range: no amount or count can exceed 1e+16"),
    ],
)
def test_map_refuses_figures_out_of_range_without_a_traceback(
    name: str, errors: int, says: str, tmp_path: Path
) -> None:
    out = tmp_path / "map.html"
    result = subprocess.run(
        [PAIRMAP, "map", str(CORPUS / name), "-o", str(out)],
        capture_output=True, text=True, timeout=300, env=os.environ.copy(), check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "JSON" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(lines) == errors and all(says in line for line in lines)
    assert list(tmp_path.iterdir()) == []


# -- wide tables --------------------------------------------------------------------------


def test_ten_thousand_extra_numeric_columns_build_without_warnings(
    tmp_path: Path, gazetteer, anchors
) -> None:  # type: ignore[no-untyped-def]
    """pytest turns every warning into an error here, pandas' PerformanceWarning included."""
    numbers = np.arange(20_000).reshape(2, 10_000)
    table = pd.DataFrame({f"指标{i}": numbers[:, i] for i in range(10_000)})
    table.insert(0, "recipient", ["来宾市", "黔南布依族苗族自治州"])
    table.insert(0, "donor", ["茂名市", "广州市"])
    path = tmp_path / "wide.csv"
    table.to_csv(path, index=False)
    frame, report = resolve_pairings(read_table(path), gazetteer=gazetteer, anchors=anchors)
    assert report.ok and report.issues == ()
    assert len(report.tables[0].columns) == 10_002
    assert frame["指标9999"].tolist() == [9999.0, 19999.0]
    assert frame.shape[1] > 10_000
