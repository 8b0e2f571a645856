"""``pairmap new-table``: empty templates Excel opens, that ``check`` reads, never clobbering."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from pairmap.pairings.schema import CANONICAL_COLUMNS
from pairmap.scripts.cli import cli


def new_table(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["new-table", *args])


def test_csv_template_has_the_canonical_header_with_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    result = new_table(str(path))
    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows == [list(CANONICAL_COLUMNS)]


def test_xlsx_template_has_the_headers_and_a_sheet_explaining_each_column(tmp_path: Path) -> None:
    path = tmp_path / "pairs.xlsx"
    assert new_table(str(path)).exit_code == 0
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["pairings", "columns"]
    header = [cell.value for cell in workbook["pairings"][1]]
    assert header == list(CANONICAL_COLUMNS)
    guide = list(workbook["columns"].iter_rows(values_only=True))
    assert [row[0] for row in guide[1:]] == list(CANONICAL_COLUMNS)
    by_name = {row[0]: row for row in guide[1:]}
    assert by_name["donor"][1] == "帮扶方"
    assert by_name["donor"][2] == "yes 是"
    assert "1.6775亿元" in by_name["funds_cny"][3]
    assert by_name["funds_cny"][1] == "帮扶资金"  # the label maps show for it
    assert by_name["funds_cny"][4].startswith("Aid funds in yuan")


@pytest.mark.parametrize("name", ["pairs.csv", "pairs.xlsx"])
def test_a_filled_template_passes_check(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    new_table(str(path))
    if name.endswith(".csv"):
        with path.open("a", encoding="utf-8", newline="") as handle:
            row = dict.fromkeys(CANONICAL_COLUMNS, "")
            row.update(donor="茂名市", recipient="来宾市", program="东西部协作", funds_cny="1亿元")
            csv.writer(handle, lineterminator="\r\n").writerow(row.values())
    else:
        workbook = openpyxl.load_workbook(path)
        sheet = workbook["pairings"]
        sheet.append(["茂名市", "来宾市"])
        workbook.save(path)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("1 row read, 1 resolved, 0 warnings, 0 errors")


def test_an_existing_file_is_kept_without_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text("mine", encoding="utf-8")
    result = new_table(str(path))
    assert result.exit_code == 2
    assert "--overwrite" in result.output
    assert path.read_text(encoding="utf-8") == "mine"
    assert new_table(str(path), "--overwrite").exit_code == 0
    assert path.read_bytes().startswith(b"\xef\xbb\xbfdonor,recipient,")


def test_other_suffixes_are_a_usage_error(tmp_path: Path) -> None:
    result = new_table(str(tmp_path / "pairs.ods"))
    assert result.exit_code == 2
    assert "must end in .csv or .xlsx" in result.output
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_place_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = new_table(str(blocker / "pairs.csv"))
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert (
        f"cannot write {blocker / 'pairs.csv'}: {blocker} is a file, not a folder" in result.output
    )
