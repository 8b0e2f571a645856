"""Every file-level hazard of reading a table gives a one-line error naming file, sheet, row and
column and the fix, or a correct result with a warning: damaged workbooks, chart and hidden
sheets, formulas with no saved value, sparse sheets, dates shown as years, rows of units,
merged ranges, size limits, pipes and devices, standard input, CSV quoting and encodings."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference

from pairmap.pairings.io import TableReadError, read_table

CORPUS = Path(__file__).resolve().parent / "corpus"
HEADER = ["帮扶方", "受援方", "帮扶资金"]
DAMAGED_FIX = "open it in Excel and save it again as .xlsx, or export the sheet as CSV UTF-8."


def workbook(*rows: list[object], title: str = "结对") -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    return book


def save(book: openpyxl.Workbook, path: Path) -> Path:
    book.save(path)
    return path


def error_of(path: Path | str, **options: object) -> str:
    with pytest.raises(TableReadError) as caught:
        read_table(path, **options)  # type: ignore[arg-type]
    return str(caught.value)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# -- damaged and foreign workbooks ------------------------------------------------------


def test_a_truncated_workbook_is_damaged_not_a_traceback(tmp_path: Path) -> None:
    whole = save(workbook(HEADER, ["茂名市", "来宾市", "973万元"]), tmp_path / "whole.xlsx")
    path = tmp_path / "cut.xlsx"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert error_of(path) == (
        f"{path}: not a readable .xlsx workbook: it is damaged or incomplete (BadZipFile: "
        f"File is not a zip file); {DAMAGED_FIX}"
    )


def test_a_worksheet_with_cut_xml_is_damaged(tmp_path: Path) -> None:
    whole = save(workbook(HEADER, ["茂名市", "来宾市", "973万元"]), tmp_path / "whole.xlsx")
    path = tmp_path / "cut_xml.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    message = error_of(path)
    assert message.startswith(
        f"{path}: not a readable .xlsx workbook: it is damaged or incomplete (ParseError: "
    )
    assert message.endswith(f"); {DAMAGED_FIX}")


def test_every_cut_and_changed_byte_of_a_workbook_gives_an_error(tmp_path: Path) -> None:
    rows = [["茂名市", "来宾市", n] for n in range(50)]
    data = save(workbook(HEADER, *rows), tmp_path / "whole.xlsx").read_bytes()
    path = tmp_path / "broken.xlsx"
    variants = [data[:cut] for cut in range(0, len(data), 211)]
    rng = random.Random(7)
    for _ in range(60):
        changed = bytearray(data)
        for _ in range(3):
            changed[rng.randrange(len(changed))] = rng.randrange(256)
        variants.append(bytes(changed))
    for variant in variants:
        path.write_bytes(variant)
        try:
            read_table(path)
        except TableReadError as error:
            assert str(error).startswith(f"{path}: ")
            assert "\n" not in str(error)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_old_xls_workbook_under_another_name_says_what_it_is(
    tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"old{suffix}"
    path.write_bytes((CORPUS / "old_excel_named_xlsx.xlsx").read_bytes())
    assert error_of(path) == (
        f"{path}: is an old Excel .xls workbook (Excel 97–2003), not .xlsx; open it in Excel "
        "and save it as .xlsx (File › Save As › Excel Workbook) or as CSV UTF-8."
    )


def test_a_password_protected_workbook_says_so() -> None:
    path = CORPUS / "password_protected.xlsx"
    assert error_of(path) == (
        f"{path}: is a password-protected (encrypted) Excel workbook, which pairmap cannot "
        "read; open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt "
        "with Password, then clear it) and save it again as .xlsx."
    )


def test_text_named_xlsx_is_not_a_zip_archive(tmp_path: Path) -> None:
    path = write(tmp_path / "text.xlsx", "帮扶方,受援方\n茂名市,来宾市\n")
    assert error_of(path) == (
        f"{path}: not a readable .xlsx workbook: it is not a zip archive, as every .xlsx file "
        "is; if it is CSV text, rename it to .csv, else open it in Excel and save it again as "
        ".xlsx."
    )


# -- which sheet ------------------------------------------------------------------------


def chart_first(path: Path) -> Path:
    book = workbook(HEADER, ["茂名市", "来宾市", 973])
    chart = BarChart()
    chart.add_data(Reference(book["结对"], min_col=3, min_row=1, max_row=2))
    book.create_chartsheet("图表", 0).add_chart(chart)
    return save(book, path)


def test_a_chart_sheet_first_is_passed_over(tmp_path: Path) -> None:
    table = read_table(chart_first(tmp_path / "chart.xlsx"))
    assert (table.sheet, table.sheets, table.issues) == ("结对", ("结对",), ())
    assert table.frame["donor"].tolist() == ["茂名市"]


def test_a_chart_sheet_asked_for_is_an_error(tmp_path: Path) -> None:
    path = chart_first(tmp_path / "chart.xlsx")
    assert error_of(path, sheet="图表") == (
        f"{path}: sheet '图表' is a chart, not a table; the sheets with tables are '结对'. "
        "Pass one of them with --sheet."
    )


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_first_sheet_is_passed_over_with_a_warning(tmp_path: Path, state: str) -> None:
    book = workbook(HEADER, ["旧甲", "旧乙", 1], title="旧表")
    book["旧表"].sheet_state = state
    notes = book.create_sheet("备注")
    notes.append(["说明"])
    notes.sheet_state = "hidden"
    book.create_sheet("结对", 1).append(HEADER)
    book["结对"].append(["茂名市", "来宾市", 973])
    path = save(book, tmp_path / "hidden.xlsx")
    table = read_table(path)
    assert (table.sheet, table.frame["donor"].tolist()) == ("结对", ["茂名市"])
    assert [str(issue) for issue in table.issues] == [
        f"{path} [结对]: the workbook's first sheet ('旧表') is hidden, so pairmap read '结对', "
        "the first visible sheet (hidden sheets: '旧表', '备注'). Choose another with --sheet."
    ]
    assert table.issues[0].code == "hidden_sheet"
    assert read_table(path, sheet="旧表").issues == ()


def test_a_workbook_whose_worksheets_are_all_hidden_reads_the_first(tmp_path: Path) -> None:
    book = workbook(HEADER, ["茂名市", "来宾市", 973])
    chart = BarChart()
    chart.add_data(Reference(book["结对"], min_col=3, min_row=1, max_row=2))
    book.create_chartsheet("图表", 0).add_chart(chart)
    book["结对"].sheet_state = "hidden"
    book.active = 0
    table = read_table(save(book, tmp_path / "all_hidden.xlsx"))
    assert table.frame["donor"].tolist() == ["茂名市"]
    assert [issue.message for issue in table.issues] == [
        "every worksheet of the workbook is hidden; pairmap read the first, '结对'. Choose "
        "another with --sheet."
    ]


# -- formulas, sparse sheets, dates -----------------------------------------------------


def test_a_formula_with_no_saved_value_names_its_cell(tmp_path: Path) -> None:
    book = workbook(
        ["序号", *HEADER],
        ["=ROW()-1", "茂名市", "来宾市", "973万元"],
        [2, "茂南区", "金秀", "=D2*2"],
        [3, "电白区", "金秀", "=D2*3"],
    )
    path = save(book, tmp_path / "formulas.xlsx")
    assert error_of(path) == (
        f"{path} [结对] row 3, column '帮扶资金' (D): cell D3 holds a formula (=D2*2) with no "
        "saved value, as does 1 other cell (D4). pairmap reads the values Excel saves with a "
        "workbook: open it in Excel or LibreOffice and save it, so the values are computed, "
        "or paste the values over the formulas."
    )


def test_a_formula_in_a_column_not_read_is_no_error(tmp_path: Path) -> None:
    book = workbook(["序号", *HEADER], ["=ROW()-1", "茂名市", "来宾市", "973万元"])
    table = read_table(save(book, tmp_path / "serial.xlsx"))
    assert table.frame["funds_cny"].tolist() == ["973万元"]


def test_a_formula_with_its_saved_value_reads_the_value(tmp_path: Path) -> None:
    plain = save(workbook(HEADER, ["茂名市", "来宾市", "=100*2"]), tmp_path / "plain.xlsx")
    path = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                # an empty value: <v />, <v/> or <v></v> (openpyxl with or without lxml)
                data, count = re.subn(
                    rb"<f>100\*2</f>(?:<v ?/>|<v></v>)", b"<f>100*2</f><v>200</v>", data
                )
                assert count == 1
            target.writestr(item, data)
    assert read_table(path).frame["funds_cny"].tolist() == ["200"]


def sparse_workbook(path: Path) -> Path:
    book = workbook(HEADER, ["茂名市", "来宾市", "973万元"])
    book["结对"]["XFD1048576"] = "x"
    return save(book, path)


def test_a_stray_cell_far_away_is_a_warning_not_a_row(tmp_path: Path) -> None:
    path = sparse_workbook(tmp_path / "sparse.xlsx")
    table = read_table(path)
    assert table.frame["source_row"].tolist() == [2]
    assert [str(issue) for issue in table.issues] == [
        f"{path} [结对] row 1048576: has 1 filled cell right of the last header "
        "(XFD1048576 'x'); it was ignored. Add a header for it or delete it."
    ]


def test_a_sparse_sheet_is_read_in_memory_bounded_by_its_data(tmp_path: Path) -> None:
    path = sparse_workbook(tmp_path / "sparse.xlsx")
    code = (
        "import resource, sys\n"
        "from pairmap.pairings.io import read_table\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "table = read_table(sys.argv[1])\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(len(table.frame), before, after)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    rows, before, after = (int(word) for word in result.stdout.split())
    assert rows == 1
    assert after - before < 100_000, f"the read raised peak memory by {after - before} KB"


@pytest.mark.parametrize(
    ("number_format", "text"),
    [("yyyy", "2016"), ('yyyy"年"', "2016"), ("yyyy-mm-dd", "2016-09-01")],
)
def test_a_year_typed_as_a_date_reads_as_shown(
    tmp_path: Path, number_format: str, text: str
) -> None:
    book = workbook([*HEADER, "开始年份"], ["茂名市", "来宾市", "973万元", dt.datetime(2016, 9, 1)])
    book["结对"]["D2"].number_format = number_format
    table = read_table(save(book, tmp_path / "year.xlsx"))
    assert table.frame["start_year"].tolist() == [text]


# -- rows of units and merged ranges ------------------------------------------------------


def test_a_row_of_units_under_merged_headers_is_not_data(tmp_path: Path) -> None:
    book = workbook(
        ["序号", "帮扶方", "受援方", "帮扶资金", "就业人数", "备注"],
        [None, None, None, "（万元）", "(人)", None],
        [1, "茂名市", "来宾市", 973, 200, "说明"],
    )
    for column in "ABCF":
        book["结对"].merge_cells(f"{column}1:{column}2")
    path = save(book, tmp_path / "units.xlsx")
    table = read_table(path)
    assert dict(table.unit_row) == {"funds_cny": "万元", "jobs": "人"}
    assert table.frame["source_row"].tolist() == [3]
    assert [str(issue) for issue in table.issues] == [
        f"{path} [结对] row 2: was read as the units of the columns above it ('帮扶资金': 万元, "
        "'就业人数': 人), not as a pair."
    ]


@pytest.mark.parametrize(
    "cells",
    [["", "", "单位：万元", ""], ["", "", "（亩）", "（万元）"], ["", "", "万元", "人"]],
)
def test_unit_rows_as_people_write_them(tmp_path: Path, cells: list[str]) -> None:
    text = "帮扶方,受援方,帮扶资金,就业人数\n" + ",".join(cells) + "\n茂名市,来宾市,973,200\n"
    table = read_table(write(tmp_path / "units.csv", text))
    assert table.frame["source_row"].tolist() == [3]
    assert table.unit_row["funds_cny"] in ("万元", "亩")


def test_a_data_row_is_never_a_unit_row(tmp_path: Path) -> None:
    text = "帮扶方,受援方,帮扶资金\n茂名市,来宾市,（万元）\n"
    table = read_table(write(tmp_path / "data.csv", text))
    assert (dict(table.unit_row), table.frame["source_row"].tolist()) == ({}, [2])


def test_merged_cells_fill_down_and_say_where_they_came_from(tmp_path: Path) -> None:
    book = workbook(
        ["帮扶方", "受援方", "组团", "帮扶资金"],
        ["茂南区", "金秀", "金秀组团", "973万元"],
        ["电白区", None, None, None],
        ["信宜市", None, None, None],
        ["高州市", "忻城", None, "500万元"],
    )
    for column in "BCD":
        book["结对"].merge_cells(f"{column}2:{column}4")
    table = read_table(save(book, tmp_path / "merged.xlsx"))
    assert table.frame["recipient"].tolist() == ["金秀", "金秀", "金秀", "忻城"]
    assert table.frame["funds_cny"].tolist() == ["973万元", "973万元", "973万元", "500万元"]
    assert dict(table.merged) == {
        (row, column): 2 for row in (3, 4) for column in ("recipient", "group", "funds_cny")
    }


def test_a_merged_range_across_columns_names_its_left_cell(tmp_path: Path) -> None:
    book = workbook(["帮扶方", "受援方", "帮扶资金", "投资额"], ["茂名市", "来宾市", "1亿元"])
    book["结对"].merge_cells("C2:D2")
    table = read_table(save(book, tmp_path / "across.xlsx"))
    assert table.frame["investment_cny"].tolist() == ["1亿元"]
    assert dict(table.merged) == {(2, "investment_cny"): 2}


# -- size limits, pipes and devices, standard input ---------------------------------------


def test_a_file_over_the_size_limit_says_how_to_raise_it(tmp_path: Path) -> None:
    text = "帮扶方,受援方,备注\n" + "茂名市,来宾市,说明\n" * 100_000
    path = write(tmp_path / "big.csv", text)
    assert path.stat().st_size == 2_700_027
    assert error_of(path, max_size=2_000_000) == (
        f"{path}: is 2.7 MB, more than the 2 MB limit for a table; raise the limit with "
        "--max-size 3 (in MB), or split the table."
    )
    assert len(read_table(path, max_size=3_000_000).frame) == 100_000


def run_python(code: str, *args: str, stdin: bytes | int = b"") -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    options: dict[str, object] = {"input": stdin} if isinstance(stdin, bytes) else {"stdin": stdin}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-c", code, *args], capture_output=True, timeout=120, **options
    )


READ = (
    "import json, sys\n"
    "from pairmap.pairings.io import TableReadError, read_table\n"
    "try:\n"
    "    table = read_table(sys.argv[1], max_size=int(sys.argv[2]))\n"
    "except TableReadError as error:\n"
    "    print(json.dumps({'error': str(error)}))\n"
    "else:\n"
    "    print(json.dumps({'file': table.file, 'sheet': table.sheet,\n"
    "                      'donors': table.frame['donor'].tolist()}, ensure_ascii=False))\n"
)


def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "pairs.csv"
    os.mkfifo(fifo)
    result = run_python(READ, str(fifo), "1000")  # would hang if the pipe were opened
    assert json.loads(result.stdout) == {
        "error": f"{fifo}: is a named pipe (FIFO), not a file, and was not opened; give the "
        "table's file, or pipe the table into standard input with - (pairmap check - < "
        "table.csv)."
    }


def test_a_device_is_refused() -> None:
    assert error_of("/dev/zero") == (
        "/dev/zero: is a character device, not a file, and was not opened; give the table's "
        "file, or pipe the table into standard input with - (pairmap check - < table.csv)."
    )


def test_standard_input_holds_csv_or_a_workbook(tmp_path: Path) -> None:
    text = "帮扶方,受援方\n茂名市,来宾市\n".encode("gbk")
    assert json.loads(run_python(READ, "-", "1000", stdin=text).stdout) == {
        "file": "<stdin>",
        "sheet": None,
        "donors": ["茂名市"],
    }
    book = save(workbook(HEADER, ["深圳市", "百色市", 1]), tmp_path / "w.xlsx").read_bytes()
    read = json.loads(run_python(READ, "-", "100000", stdin=book).stdout)
    assert read == {"file": "<stdin>", "sheet": "结对", "donors": ["深圳市"]}


def test_standard_input_over_the_limit_or_a_terminal_is_an_error() -> None:
    big = json.loads(run_python(READ, "-", "10", stdin=b"donor,recipient\n" * 10).stdout)
    assert big == {
        "error": "<stdin>: is more than the 0 MB limit for a table; raise the limit with "
        "--max-size (in MB), or split the table."
    }
    leader, follower = os.openpty()
    try:
        tty = json.loads(run_python(READ, "-", "1000", stdin=follower).stdout)
    finally:
        os.close(leader)
        os.close(follower)
    assert tty == {
        "error": "<stdin>: standard input is a terminal; pipe the table into it (pairmap check "
        "- < table.csv) or give the table's file."
    }


def test_a_sheet_asked_of_csv_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "帮扶方,受援方\n茂名市,来宾市\n")
    assert error_of(path, sheet="结对") == (
        f"{path}: is CSV text, which has no sheets; --sheet '结对' is for .xlsx workbooks: "
        "leave it out for this file."
    )


# -- CSV quoting and field counts ---------------------------------------------------------


def test_a_ten_megabyte_quoted_note_is_read(tmp_path: Path) -> None:
    note = "说明" * 5_000_000
    path = write(tmp_path / "note.csv", f'帮扶方,受援方,备注\n茂名市,来宾市,"{note}"\n')
    limit = csv.field_size_limit()
    assert read_table(path).frame.at[0, "note"] == note
    assert csv.field_size_limit() == limit


def test_a_quote_closed_rows_later_names_where_it_opens(tmp_path: Path) -> None:
    text = '帮扶方,受援方,备注\n茂名市,来宾市,"协作\n深圳市,百色市,帮扶"\n广州市,黔南州,对口\n'
    path = write(tmp_path / "quote.csv", text)
    assert error_of(path) == (
        f"{path}: row 2, column '备注' (C): a quote opens in this cell (line 2) and closes only "
        "on line 3, so line 3, which looks like a row of the table, was read as part of the "
        'cell; close the quote, or delete it (a quote inside a value is written twice: "").'
    )


def test_a_note_over_several_lines_is_fine(tmp_path: Path) -> None:
    text = '帮扶方,受援方,备注\n茂名市,来宾市,"第一行\nsecond line, with a comma"\n'
    table = read_table(write(tmp_path / "lines.csv", text))
    assert table.frame.at[0, "note"] == "第一行\nsecond line, with a comma"


def test_extra_fields_are_listed_and_counted(tmp_path: Path) -> None:
    rows = "".join(f"甲{n},乙{n},1,x,y\n" for n in range(5))
    path = write(tmp_path / "extra.csv", "帮扶方,受援方,帮扶资金\n" + rows)
    assert error_of(path) == (
        f"{path}: row 2 has 5 fields but the header (row 1) has 3: 'x', 'y' beyond its last "
        'column; a comma inside a value needs quotes ("a, b"), or add headers for the extra '
        "columns; row 3 has 5 fields: 'x', 'y' beyond its last column; a comma inside a value "
        'needs quotes ("a, b"), or add headers for the extra columns; row 4 has 5 fields: '
        "'x', 'y' beyond its last column; a comma inside a value needs quotes (\"a, b\"), or "
        "add headers for the extra columns; and 2 more rows like them."
    )


def test_empty_fields_after_the_last_header_are_fine(tmp_path: Path) -> None:
    path = write(tmp_path / "trailing.csv", "帮扶方,受援方\n茂名市,来宾市,,\n")
    assert read_table(path).frame["donor"].tolist() == ["茂名市"]


def test_two_split_numbers_in_one_row(tmp_path: Path) -> None:
    text = "帮扶方,受援方,帮扶资金,就业人数\n茂名市,来宾市,1,200万元,12,500\n"
    path = write(tmp_path / "split.csv", text)
    assert error_of(path) == (
        f"{path}: row 2 has 6 fields but the header (row 1) has 4: '1,200万元' in column "
        "'帮扶资金' (C) was split at its commas into '1', '200万元'; '12,500' in column "
        "'就业人数' (D) was split at its commas into '12', '500' (an unquoted thousands "
        "separator); quote the number or remove the commas."
    )


# -- encodings ----------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark(tmp_path: Path, codec: str) -> None:
    path = write(tmp_path / "u16.csv", "帮扶方,受援方\r\n茂名市,来宾市\r\n", codec)
    table = read_table(path)
    assert (table.encoding, table.frame["recipient"].tolist()) == ("UTF-16 without BOM", ["来宾市"])


def test_a_stray_byte_in_gbk_text_names_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes("帮扶方,受援方\n茂名市,来宾市\n深圳市,百".encode("gbk") + b"\xff\n")
    assert error_of(path) == (
        f"{path}: row 3, column '受援方' (B): byte 0xFF in '百\\xff' is not GBK, the encoding "
        "of the rest of the file; retype the character (it was saved in another encoding, such "
        "as Latin-1), or save the file as CSV UTF-8."
    )


def test_binary_data_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "image.csv"
    path.write_bytes(bytes(range(256)) * 4)
    assert error_of(path) == (
        f"{path}: not text in UTF-8, GBK or GB18030 (nor Big5, Shift-JIS or UTF-16): 15% of it "
        "is bytes that are not text, as in a binary file; save it from Excel as 'CSV UTF-8' or "
        "as .xlsx."
    )


def test_gbk_text_of_rare_characters_may_be_another_encoding(tmp_path: Path) -> None:
    rare = bytes(byte for trail in range(0x50, 0x6E) for byte in (0x85, trail)).decode("gbk")
    path = write(tmp_path / "rare.csv", f"donor,recipient\n{rare},来宾市\n", "gbk")
    table = read_table(path)
    assert table.encoding == "GBK"
    assert [issue.message for issue in table.issues] == [
        "read as GBK, but most of its Chinese text is rare characters: it may be in another "
        "encoding (Big5, Shift-JIS, ...). If names look garbled, open it in Excel and save it "
        "as CSV UTF-8."
    ]


@pytest.mark.parametrize(
    ("text", "codec", "label"),
    [
        (
            "幫扶方,受援方,備註\n廣東省,廣西壯族自治區,東西部協作\n深圳市,百色市,對口幫扶\n",
            "big5",
            "Big5",
        ),
        ("donor,recipient,note\n東京都,大阪府,ひらがなとカタカナの説明\n", "cp932", "Shift-JIS"),
        ("donor,recipient\n廣東省,廣西壯族自治區\n東莞市,來賓市\n", "gbk", "GBK"),
        ("帮扶方,受援方,帮扶资金\n广州市,黔南州,1亿元\n深圳市,百色市,2000万元\n", "gbk", "GBK"),
    ],
)
def test_each_encoding_reads_its_own_characters(
    tmp_path: Path, text: str, codec: str, label: str
) -> None:
    table = read_table(write(tmp_path / "t.csv", text, codec))
    assert table.encoding == label
    first_row = text.splitlines()[1].split(",")
    assert table.frame.iloc[0, : len(first_row)].tolist() == first_row
    assert bool(table.issues) == (label != "GBK")
