"""Every file of the bad-input corpus gives exactly the messages a user should see, pinned to
file, sheet, row and column; good files resolve to the right units."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from corpus_cases import CORPUS, NOT_TABLES, Case, E, W, all_cases, check_case, run_case

from pairmap.pairings.io import read_column_map, read_table
from pairmap.pairings.resolve import resolve_pairings

FOREIGN_MAP = {"donor": "结对单位（东部）", "recipient": "结对县（西部）"}


CASES: dict[str, Case] = {
    # encodings, layouts and formats that must read cleanly
    "utf8.csv": Case(rows=3, resolved=3),
    "utf8_bom.csv": Case(rows=3, resolved=3),
    "gbk.csv": Case(rows=2, resolved=2),
    "gb18030.csv": Case(rows=2, resolved=2),
    "utf16_tabs.txt": Case(rows=2, resolved=2),
    "chinese_headers.csv": Case(rows=2, resolved=2),
    "foreign_layout.csv": Case(rows=2, resolved=2, columns=FOREIGN_MAP),
    "amounts_yi_wan.csv": Case(rows=3, resolved=3),
    "header_units.csv": Case(
        rows=2,
        resolved=2,
        issues=[(W, "own_unit", 3, "funds_cny"), (W, "own_unit", 3, "jobs")],
        messages=[
            "writes its own unit (亿元) in a column whose header gives 万元; the cell's unit "
            "wins: read as 120,000,000 元. Write a plain number in 万元 to match the header.",
            "writes its own unit (人) in a column whose header gives 万人; the cell's unit "
            "wins: read as 500 人. Write a plain number in 万人 to match the header.",
        ],
    ),
    "programmes.csv": Case(rows=9, resolved=9),
    "groups.csv": Case(rows=5, resolved=5),
    "level_hint.csv": Case(rows=2, resolved=2),
    "non_admin_with_seat.csv": Case(rows=3, resolved=3),
    "town_with_coordinates.csv": Case(rows=1, resolved=1),
    "workbook.xlsx": Case(
        rows=3,
        resolved=2,
        sheet="结对",
        issues=[(E, "bad_amount", 6, "funds_cny"), (E, "ambiguous_name", 6, "recipient")],
    ),
    # files that cannot be read at all
    "empty.csv": Case(read_error=r"is empty; write a header row"),
    "blank_lines_only.csv": Case(read_error=r"is empty; write a header row"),
    "binary.csv": Case(read_error=r"not text in UTF-8, GBK or GB18030 .*save it from Excel"),
    "not_a_workbook.xlsx": Case(read_error=r"not a readable \.xlsx workbook"),
    "old_excel.xls": Case(read_error=r"old Excel \.xls workbooks are not read"),
    "workbook_named_csv.csv": Case(read_error=r"is an Excel workbook, not CSV text"),
    "duplicate_headers.csv": Case(
        read_error=r"header '受援方' appears in columns C, D.*columns '帮扶方' and '帮扶单位' "
        r"both mean donor; rename one, or choose with --column donor=帮扶方\.$"
    ),
    "old_excel_named_xlsx.xlsx": Case(
        read_error=r"is an old Excel \.xls workbook \(Excel 97–2003\), not \.xlsx; open it in "
        r"Excel and save it as \.xlsx \(File › Save As › Excel Workbook\) or as CSV UTF-8\.$"
    ),
    "password_protected.xlsx": Case(
        read_error=r"is a password-protected \(encrypted\) Excel workbook, which pairmap cannot "
        r"read; open it in Excel, remove the password \(File › Info › Protect Workbook › "
        r"Encrypt with Password, then clear it\) and save it again as \.xlsx\.$"
    ),
    "latin1_byte.csv": Case(
        read_error=r"row 3, column '备注' \(C\): byte 0xE9 in 'caf\\xe9' is not UTF-8, the "
        r"encoding of the rest of the file; retype the character \(it was saved in another "
        r"encoding, such as Latin-1\), or save the file as CSV UTF-8\.$"
    ),
    "nul_byte.csv": Case(
        read_error=r"row 2, column '备注' \(C\): '协\\x00作' holds a NUL byte \(0x00\), which is "
        r"not text; delete it and save the file again\.$"
    ),
    "thousands_separator.csv": Case(
        read_error=r"row 3 has 6 fields but the header \(row 1\) has 4: '1,234,567元' in column "
        r"'帮扶资金' \(C\) was split at its commas into '1', '234', '567元' \(an unquoted "
        r"thousands separator\); quote the number or remove the commas\.$"
    ),
    "unclosed_quote.csv": Case(
        read_error=r"row 2, column '备注' \(C\): a quote opens in this cell \(line 2\) and is "
        r"never closed, so lines 3–4 to the end of the file were read as part of the cell; "
        r'close the quote, or delete it \(a quote inside a value is written twice: ""\)\.$'
    ),
    # encodings that are guessed, and a row of units under the header
    "big5.csv": Case(rows=1, resolved=1, issues=[(W, "encoding_guess", None, None)]),
    "shift_jis.csv": Case(rows=2, resolved=2, issues=[(W, "encoding_guess", None, None)]),
    "utf16_no_bom.csv": Case(rows=1, resolved=1),
    "unit_row.csv": Case(rows=1, resolved=1, issues=[(W, "unit_row", 2, None)]),
    # one problem per file
    "missing_required.csv": Case(rows=1, issues=[(E, "missing_column", None, "recipient")]),
    "foreign_layout.csv without mapping": Case(
        rows=2,
        issues=[(E, "missing_column", None, "donor"), (E, "missing_column", None, "recipient")],
    ),
    "header_only.csv": Case(issues=[(W, "no_rows", None, None)]),
    "blank_names.csv": Case(
        rows=3,
        resolved=1,
        issues=[(E, "blank_name", 3, "donor"), (E, "blank_name", 4, "recipient")],
    ),
    "several_names.csv": Case(
        rows=2, issues=[(E, "several_names", 2, "donor"), (E, "several_names", 3, "donor")]
    ),
    "unknown_name.csv": Case(rows=2, resolved=1, issues=[(E, "unknown_name", 3, "recipient")]),
    "ambiguous_name.csv": Case(rows=2, resolved=1, issues=[(E, "ambiguous_name", 2, "recipient")]),
    "ambiguous_seat.csv": Case(rows=1, issues=[(E, "ambiguous_name", 2, "donor_seat")]),
    "renamed_unit.csv": Case(
        rows=3,
        resolved=3,
        issues=[(W, "renamed_unit", 2, "recipient"), (W, "renamed_unit", 3, "recipient")],
    ),
    "non_admin_without_seat.csv": Case(
        rows=2, issues=[(E, "no_seat", 2, "donor"), (E, "no_seat", 3, "donor")]
    ),
    "unknown_seat.csv": Case(rows=1, issues=[(E, "unknown_seat", 2, "donor_seat")]),
    "unknown_context.csv": Case(
        rows=2, resolved=1, issues=[(E, "unknown_context", 2, "recipient_province")]
    ),
    "self_pair.csv": Case(
        rows=2, issues=[(E, "self_pair", 2, "recipient"), (E, "self_pair", 3, "recipient")]
    ),
    "same_place.csv": Case(rows=1, resolved=1, issues=[(W, "same_point", 2, "recipient")]),
    "duplicate_rows.csv": Case(rows=4, resolved=3, issues=[(E, "duplicate_row", 4, None)]),
    "end_before_start.csv": Case(
        rows=2, resolved=1, issues=[(E, "end_before_start", 3, "end_year")]
    ),
    "bad_year.csv": Case(
        rows=3,
        issues=[
            (E, "bad_year", 2, "start_year"),
            (E, "bad_year", 3, "start_year"),
            (E, "bad_year", 4, "start_year"),
        ],
    ),
    "non_numeric_amount.csv": Case(
        rows=2,
        issues=[
            (E, "bad_amount", 2, "funds_cny"),
            (E, "bad_amount", 2, "jobs"),
            (E, "bad_amount", 3, "funds_cny"),
            (E, "bad_amount", 3, "schools"),
        ],
    ),
    "negative_amount.csv": Case(
        rows=2,
        issues=[(E, "negative_amount", 2, "funds_cny"), (E, "negative_amount", 3, "hospitals")],
    ),
    "bad_adcode.csv": Case(
        rows=5,
        resolved=2,
        issues=[
            (E, "bad_adcode", 3, "recipient_adcode"),
            (E, "bad_adcode", 4, "recipient_adcode"),
            (E, "unknown_adcode", 5, "recipient_adcode"),
            (W, "adcode_overrides_name", 6, "recipient_adcode"),
        ],
    ),
    "bad_kind.csv": Case(rows=2, resolved=1, issues=[(E, "bad_kind", 2, "donor_kind")]),
    "coordinates_out_of_range.csv": Case(
        rows=4,
        issues=[
            (E, "coordinate_out_of_range", 2, "donor_lon"),
            (E, "coordinate_out_of_range", 2, "donor_lat"),
            (E, "half_coordinates", 3, "donor_lat"),
            (E, "bad_coordinate", 4, "recipient_lon"),
            (E, "coordinate_out_of_range", 5, "recipient_lon"),
        ],
    ),
    # an unquoted thousands separator shifts the columns: an error, not a warning
    "cells_beyond_header.csv": Case(
        read_error=r"row 3 has 4 fields but the header \(row 1\) has 3: '1,200万元' in column "
        r"'funds_cny' \(C\) was split at its commas into '1', '200万元' \(an unquoted thousands "
        r"separator\); quote the number or remove the commas\.$"
    ),
    "unnamed_column.csv": Case(rows=2, resolved=2, issues=[(W, "unnamed_column", None, None)]),
    "many_problems.csv": Case(
        rows=4,
        resolved=1,
        issues=[
            (E, "blank_name", 3, "donor"),
            (E, "end_before_start", 3, "end_year"),
            (E, "bad_amount", 3, "funds_cny"),
            (E, "unknown_name", 3, "recipient"),
            (E, "bad_adcode", 4, "recipient_adcode"),
            (E, "negative_amount", 4, "funds_cny"),
            (E, "ambiguous_name", 4, "donor"),
            (E, "ambiguous_name", 4, "recipient"),
            (E, "duplicate_row", 5, None),
        ],
    ),
}


def run(case_name: str, gazetteer, anchors) -> tuple[pd.DataFrame, object]:  # type: ignore[no-untyped-def]
    return run_case(CASES[case_name], case_name, gazetteer, anchors)


def test_the_corpus_has_at_least_30_files_and_each_has_a_case() -> None:
    on_disk = {path.name for path in CORPUS.iterdir()}
    assert len(on_disk) >= 30
    assert on_disk - NOT_TABLES == {name.split(" ")[0] for name in all_cases()}


@pytest.mark.parametrize("case_name", sorted(CASES))
def test_corpus_file_gives_exactly_its_messages(case_name: str, gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    check_case(CASES[case_name], case_name, gazetteer, anchors)


# -- what the messages say --------------------------------------------------------------


def messages(case_name: str, gazetteer, anchors) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(issue) for issue in run(case_name, gazetteer, anchors)[1].issues]


def test_ambiguous_names_list_every_candidate_and_the_fix(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    (text,) = messages("ambiguous_name.csv", gazetteer, anchors)
    assert text.startswith(f"{CORPUS / 'ambiguous_name.csv'} row 2, column 'recipient': '白云区' ")
    assert "440111 广东省 › 广州市 › 白云区" in text
    assert "520113 贵州省 › 贵阳市 › 白云区" in text
    assert "Add recipient_province or recipient_prefecture, or give the adcode" in text


def test_unknown_names_suggest_the_closest(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    (text,) = messages("unknown_name.csv", gazetteer, anchors)
    assert "'金绣县' is not the name of an administrative unit. Closest: " in text
    assert re.search(r"Closest: \d{6} ", text)


def test_missing_columns_list_the_headers_found(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    (text,) = messages("missing_required.csv", gazetteer, anchors)
    assert "column 'recipient': the table has no recipient column" in text
    assert "the headers found are: '帮扶方', '协作类型', '年份'" in text
    assert "--column recipient=HEADER" in text


def test_renamed_units_are_accepted_with_a_note(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    frame, report = run("renamed_unit.csv", gazetteer, anchors)
    assert frame["recipient_adcode"].tolist() == ["520204", "520281", "520201"]
    assert frame["recipient_unit"].tolist()[:2] == ["水城区", "盘州市"]
    assert "'水城县' is now 520204 贵州省 › 六盘水市 › 水城区" in str(report.issues[0])
    assert report.ok


def test_the_first_sheet_of_a_workbook_is_a_cover_so_the_message_names_the_others(
    gazetteer,
    anchors,  # type: ignore[no-untyped-def]
) -> None:
    raw = read_table(CORPUS / "workbook.xlsx")
    _, report = resolve_pairings(raw, gazetteer=gazetteer, anchors=anchors)
    assert {issue.code for issue in report.errors} == {"missing_column"}
    assert all("other sheets: '结对'; choose one with --sheet" in i.message for i in report.errors)


def test_a_mapping_file_reads_the_foreign_layout(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    columns = read_column_map(CORPUS / "foreign_layout.toml")
    raw = read_table(CORPUS / "foreign_layout.csv", columns=columns)
    frame, report = resolve_pairings(raw, gazetteer=gazetteer, anchors=anchors)
    assert report.ok
    assert frame["recipient_adcode"].tolist() == ["451300", "522600"]
    assert frame["funds_cny"].tolist() == [10_000_000.0, 200_000_000.0]


# -- what good files resolve to ----------------------------------------------------------


def test_amounts_in_yi_and_wan_become_yuan_and_persons(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    frame, _ = run("amounts_yi_wan.csv", gazetteer, anchors)
    assert frame["funds_cny"].tolist() == [167_750_000.0, 9_730_000.0, 250_000_000.0]
    assert frame["investment_cny"].tolist() == [178_000_000.0, 2_474_000_000.0, 1_198_000_000.0]
    assert frame["consumption_cny"].tolist() == [1234.0, 1234.5, 520_000_000.0]
    assert frame["jobs"].tolist() == [2000.0, 34_500.0, 17_000.0]
    assert frame["enterprises"].tolist()[:2] == [22.0, 39.0]
    assert math.isnan(frame["enterprises"].iloc[2])


def test_a_unit_in_the_header_scales_plain_numbers(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    frame, _ = run("header_units.csv", gazetteer, anchors)
    assert frame["funds_cny"].tolist() == [9_730_000.0, 120_000_000.0]
    assert frame["jobs"].tolist() == [34_500.0, 500.0]


@pytest.mark.parametrize("name", ["utf8.csv", "utf8_bom.csv"])
def test_utf8_with_and_without_bom_give_the_same_pairs(name: str, gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    frame, _ = run(name, gazetteer, anchors)
    pairs = list(zip(frame["donor_adcode"], frame["recipient_adcode"], strict=True))
    assert pairs == [("440900", "451300"), ("440902", "451324"), ("440983", "451321")]


@pytest.mark.parametrize("name", ["gbk.csv", "gb18030.csv", "utf16_tabs.txt"])
def test_chinese_encodings_give_the_same_pairs(name: str, gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    frame, _ = run(name, gazetteer, anchors)
    pairs = list(zip(frame["donor_adcode"], frame["recipient_adcode"], strict=True))
    assert pairs == [("442000", "520200"), ("440100", "522700")]
    assert frame["funds_cny"].iloc[0] == 167_750_000.0
    assert frame["program_key"].tolist() == ["east_west", "east_west"]


def test_encodings_are_reported() -> None:
    labels = {name: read_table(CORPUS / name).encoding for name in
              ("utf8.csv", "utf8_bom.csv", "gbk.csv", "gb18030.csv", "utf16_tabs.txt")}  # fmt: skip
    assert labels == {
        "utf8.csv": "UTF-8",
        "utf8_bom.csv": "UTF-8 with BOM",
        "gbk.csv": "GBK",
        "gb18030.csv": "GB18030",
        "utf16_tabs.txt": "UTF-16",
    }


def test_guessed_encodings_say_so_and_read_the_names() -> None:
    big5 = read_table(CORPUS / "big5.csv")
    assert (big5.encoding, big5.frame.at[0, "note"]) == ("Big5", "東西部協作")
    assert [str(issue) for issue in big5.issues] == [
        f"{CORPUS / 'big5.csv'}: read as Big5 (traditional Chinese), which fits its text better "
        "than GBK. If names look wrong, save the file as CSV UTF-8."
    ]
    sjis = read_table(CORPUS / "shift_jis.csv")
    assert sjis.encoding == "Shift-JIS"
    assert sjis.frame["recipient"].tolist() == ["内蒙古自治区", "云南省"]
    assert sjis.issues[0].message.startswith("read as Shift-JIS (Japanese), which fits")
    no_bom = read_table(CORPUS / "utf16_no_bom.csv")
    assert (no_bom.encoding, no_bom.frame.at[0, "donor"]) == ("UTF-16 without BOM", "茂名市")


def test_a_row_of_units_is_not_a_pair() -> None:
    raw = read_table(CORPUS / "unit_row.csv")
    assert dict(raw.unit_row) == {"funds_cny": "万元", "jobs": "人"}
    assert raw.frame["source_row"].tolist() == [3]
    assert [str(issue) for issue in raw.issues] == [
        f"{CORPUS / 'unit_row.csv'} row 2: was read as the units of the columns above it "
        "('帮扶资金': 万元, '就业人数': 人), not as a pair."
    ]


def test_chinese_headers_fill_the_canonical_columns(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    frame, report = run("chinese_headers.csv", gazetteer, anchors)
    assert dict(report.tables[0].columns) == {
        "帮扶单位": "donor",
        "被帮扶方": "recipient",
        "帮扶类型": "program",
        "开始年份": "start_year",
        "结束年份": "end_year",
        "帮扶资金": "funds_cny",
        "备注": "note",
        "来源": "source",
        "组团": "group",
    }
    assert frame["group"].tolist() == ["金秀组团", "金秀组团"]
    assert frame["end_year"].tolist() == [2025, 2025]
    assert frame["funds_cny"].iloc[0] == 9_730_000.0


def test_groups_keep_their_ids(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    frame, _ = run("groups.csv", gazetteer, anchors)
    members = frame.groupby("group")["donor_unit"].apply(list).to_dict()
    assert members == {"忻城组团": ["信宜市", "高州市", "化州市"], "金秀组团": ["茂南区", "电白区"]}


def test_programme_keys(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    frame, _ = run("programmes.csv", gazetteer, anchors)
    assert frame["program_key"].tolist() == [
        "east_west", "east_west_poverty", "counterpart_support", "intra_provincial", "vertical",
        "horizontal", "town_village", "hand_in_hand", "闽宁协作",
    ]  # fmt: skip


def test_non_administrative_donors_are_drawn_at_their_seat(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    frame, _ = run("non_admin_with_seat.csv", gazetteer, anchors)
    assert frame["donor_adcode"].tolist() == ["440100", "440100", "442000"]
    assert frame["donor_kind"].tolist() == ["agency", "enterprise", "zone"]
    assert frame["donor"].tolist() == ["广东省统计局", "广铁集团", "中山火炬开发区"]
    guangzhou = anchors.set_index("adcode").loc["440100"]
    assert (frame.at[0, "donor_lon"], frame.at[0, "donor_lat"]) == (guangzhou.lon, guangzhou.lat)


def test_towns_with_coordinates_are_drawn_there(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    frame, _ = run("town_with_coordinates.csv", gazetteer, anchors)
    row = frame.iloc[0]
    assert (row.donor_lon, row.donor_lat, row.recipient_lon, row.recipient_lat) == (
        113.083, 22.878, 110.81, 23.13,
    )  # fmt: skip
    assert (row.donor_kind, row.recipient_kind) == ("town", "town")
    assert row.donor_adcode == "440600"  # its prefecture, the narrowest context given
    assert row.recipient_adcode == "440000"


def test_the_level_column_settles_an_ambiguous_name(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    frame, _ = run("level_hint.csv", gazetteer, anchors)
    assert frame["recipient_adcode"].tolist() == ["632500", "460000"]
