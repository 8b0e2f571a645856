"""Reading tables as users keep them: encodings, Excel, Chinese headers, odd layouts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from pairmap.pairings.io import TableReadError, read_column_map, read_table

CORPUS = Path(__file__).resolve().parent / "corpus"
ROWS = [["茂名市", "来宾市", "1.6775亿元"], ["茂南区", "金秀", "973万元"]]


def write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str) -> Path:
    lines = [",".join(header)] + [",".join(row) for row in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "label"),
    [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 with BOM"), ("gbk", "GBK"), ("utf-16", "UTF-16")],
)
def test_each_encoding_is_detected_and_reads_the_same(
    tmp_path: Path, encoding: str, label: str
) -> None:
    path = write_csv(tmp_path / "t.csv", ["帮扶方", "受援方", "资金"], ROWS, encoding)
    table = read_table(path)
    assert table.encoding == label
    assert table.frame["donor"].tolist() == ["茂名市", "茂南区"]
    assert table.frame["funds_cny"].tolist() == ["1.6775亿元", "973万元"]
    assert table.columns == {"donor": "帮扶方", "recipient": "受援方", "funds_cny": "资金"}


def test_gb18030_is_reported_when_gbk_cannot_read_the_file(tmp_path: Path) -> None:
    rows = [[*ROWS[0][:2], "王䶮"]]
    path = write_csv(tmp_path / "t.csv", ["donor", "recipient", "note"], rows, "gb18030")
    table = read_table(path)
    assert table.encoding == "GB18030"
    assert table.frame.at[0, "note"] == "王䶮"


def test_rows_keep_file_and_spreadsheet_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("donor,recipient\n茂名市,来宾市\n,\n\n茂南区,金秀\n", encoding="utf-8")
    frame = read_table(path).frame
    assert frame["source_row"].tolist() == [2, 5]
    assert frame["source_file"].tolist() == [str(path)] * 2
    assert frame["source_sheet"].tolist() == [None, None]


def test_xlsx_first_sheet_or_named_sheet_with_a_title_row(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "汇总"
    first.append(["帮扶方", "受援方"])
    first.append(["深圳市", "百色市"])
    sheet = workbook.create_sheet("明细")
    sheet.append(["2021年结对情况"])
    sheet.append(["帮扶方", "受援方", "年份", "受援方区划代码", "资金", "来源日期"])
    sheet.append(["茂南区", "金秀", 2021.0, 451324, 1.5, dt.datetime(2022, 3, 1)])
    path = tmp_path / "pairs.xlsx"
    workbook.save(path)

    default = read_table(path)
    assert default.sheet == "汇总"
    assert default.frame["donor"].tolist() == ["深圳市"]
    assert default.sheets == ("汇总", "明细")

    named = read_table(path, sheet="明细")
    row = named.frame.iloc[0]
    assert named.sheet == "明细"
    assert row["source_row"] == 3
    assert row["source_sheet"] == "明细"
    assert (row["start_year"], row["recipient_adcode"]) == ("2021", "451324")
    assert row["funds_cny"] == "1.5"
    assert row["source_date"] == "2022-03-01"


def test_merged_cells_give_their_value_to_every_row_they_span(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["帮扶方", "受援方", "组团"])
    for donor in ("茂南区", "电白区"):
        sheet.append([donor, "金秀", "金秀组团"])
    sheet.merge_cells("B2:B3")
    sheet.merge_cells("C2:C3")
    path = tmp_path / "merged.xlsx"
    workbook.save(path)
    frame = read_table(path).frame
    assert frame["recipient"].tolist() == ["金秀", "金秀"]
    assert frame["group"].tolist() == ["金秀组团", "金秀组团"]


def test_unknown_sheet_lists_the_sheets(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Sheet1"
    workbook.create_sheet("结对")
    path = tmp_path / "w.xlsx"
    workbook.save(path)
    expected = r"w\.xlsx: no sheet '明细'; the sheets are 'Sheet1', '结对'"
    with pytest.raises(TableReadError, match=expected):
        read_table(path, sheet="明细")


def test_a_column_mapping_reads_a_foreign_layout() -> None:
    table = read_table(
        CORPUS / "foreign_layout.csv",
        columns={"donor": "结对单位（东部）", "recipient": "结对县（西部）"},
    )
    assert table.frame["donor"].tolist() == ["茂名市", "佛山市"]
    assert table.frame["recipient"].tolist() == ["来宾市", "黔东南州"]
    assert "序号" in table.ignored


def test_a_mapping_file_in_toml() -> None:
    mapping = read_column_map(CORPUS / "foreign_layout.toml")
    assert mapping["donor"] == "结对单位（东部）"
    assert mapping["funds_cny"] == "金额"


def test_a_mapping_to_a_missing_header_names_the_headers_found() -> None:
    expected = r"donor=单位 names a header .* '序号', '结对单位（东部）'"
    with pytest.raises(TableReadError, match=expected):
        read_table(CORPUS / "foreign_layout.csv", columns={"donor": "单位"})


def test_a_mapping_to_an_unknown_column_lists_the_schema() -> None:
    with pytest.raises(TableReadError, match=r"unknown column 'donour'.*donor, recipient"):
        read_table(CORPUS / "utf8.csv", columns={"donour": "帮扶方"})


def test_a_bad_mapping_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "map.toml"
    path.write_text('donor = "a"\nbogus = "b"\n', encoding="utf-8")
    with pytest.raises(TableReadError, match=r"map\.toml: 'bogus' is not a column"):
        read_column_map(path)
    path.write_text("donor = ", encoding="utf-8")
    with pytest.raises(TableReadError, match=r"map\.toml: not a TOML column mapping"):
        read_column_map(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(TableReadError, match=r"nothing\.csv: no such file"):
        read_table(tmp_path / "nothing.csv")


def test_other_files_are_not_read_as_tables(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("donor,recipient\n", encoding="utf-8")
    with pytest.raises(TableReadError, match=r"README\.md: not a table file; pairmap reads \.csv"):
        read_table(path)


def test_semicolon_and_tab_separated_text(tmp_path: Path) -> None:
    for separator in (";", "\t"):
        path = tmp_path / "t.txt"
        path.write_text(f"donor{separator}recipient\n茂名市{separator}来宾市\n", encoding="utf-8")
        assert read_table(path).frame["recipient"].tolist() == ["来宾市"]
