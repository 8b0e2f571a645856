"""A pair listed in two tables of one map: drawn once citing both, or both kept and warned."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pairmap.pairings.tables import read_tables

HEADER = "donor,recipient,program,round,start_year,funds_cny,jobs,note,source\n"


def _table(folder: Path, name: str, rows: str) -> Path:
    path = folder / name
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_agreeing_rows_are_drawn_once_with_both_sources_and_every_figure(tmp_path: Path) -> None:
    a = _table(tmp_path, "a.csv", "茂南区,金秀县,东西部协作,2021,2021,2000000,,甲注,报告甲\n")
    b = _table(tmp_path, "b.csv", "茂名市茂南区,金秀瑶族自治县,东西部协作,2021,,,120,乙注,报告乙\n")
    read = read_tables([a, b])
    assert len(read.pairs) == 1
    row = read.pairs.iloc[0]
    assert (row["funds_cny"], row["jobs"], row["start_year"]) == (2e6, 120, 2021)
    assert row["source"] == "报告甲；报告乙" and row["note"] == "甲注；乙注"
    [notice] = read.report.notices
    assert notice.code == "repeated_pair" and (notice.file, notice.row) == (str(b), 2)
    assert f"also in {a} row 2; drawn once, citing both sources" in notice.message
    assert f"jobs from this row; funds_cny, start_year from {a} row 2" in notice.message
    assert read.report.ok and not read.report.warnings


def test_disagreeing_figures_keep_both_rows_and_warn_with_both_values(tmp_path: Path) -> None:
    a = _table(tmp_path, "a.csv", "茂南区,金秀县,东西部协作,2021,,2000000,,,报告甲\n")
    b = _table(tmp_path, "b.csv", "茂南区,金秀县,东西部协作,2021,,3000000,,,报告乙\n")
    read = read_tables([a, b])
    assert list(read.pairs["funds_cny"]) == [2e6, 3e6]
    [warning] = read.report.warnings
    assert warning.code == "repeated_pair_differs"
    assert "funds_cny 2,000,000 vs 3,000,000" in warning.message
    assert "both rows are drawn" in warning.message


def test_other_rounds_and_repeats_within_one_table_are_left_alone(tmp_path: Path) -> None:
    a = _table(
        tmp_path,
        "a.csv",
        "茂南区,金秀县,东西部协作,2021,2021,100,,,报告甲\n茂南区,金秀县,东西部协作,2021,2022,200,,,报告甲\n",
    )
    b = _table(tmp_path, "b.csv", "茂南区,金秀县,东西部扶贫协作,2016,,300,,,报告乙\n")
    read = read_tables([a, b])
    assert len(read.pairs) == 3
    assert not [i for i in read.report.issues if i.code.startswith("repeated_pair")]


def test_the_shipped_tables_repeat_pairs_only_in_agreement() -> None:
    data = Path(__file__).resolve().parents[2] / "pairings" / "data"
    read = read_tables([data])
    repeats = [i for i in read.report.issues if i.code.startswith("repeated_pair")]
    assert repeats and all(i.severity == "info" for i in repeats)
    assert len(read.pairs) == read.report.rows_resolved - len(repeats)
    assert isinstance(read.pairs, pd.DataFrame)
