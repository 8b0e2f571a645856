"""The printed report: repeated kinds of issue on one line, table text escaped, long cells cut.

The JSON form (``Report.to_dict``) keeps every issue and every value as written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from pairmap.geo.errors import UnknownPlaceError
from pairmap.geo.text import json_printable, printable, quoted
from pairmap.pairings.io import TableReadError, read_table
from pairmap.pairings.issues import (
    Issue,
    PairingTableError,
    Report,
    TableSummary,
    issue_lines,
)
from pairmap.pairings.resolve import resolve_tables

ESCAPES = "\x1b[31m\x1b]0;owned\x07\x9b2J\u202e"
SHOWN = r"\x1b[31m\x1b]0;owned\x07\x9b2J\u202e"
#: Characters that must never reach a terminal raw.
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\x7f", "\r")


def unknown(row: int, name: str, *, file: str = "t.csv") -> Issue:
    return Issue(
        "error",
        "unknown_name",
        file,
        "is not the name of an administrative unit.",
        row=row,
        column="recipient",
        header="受援方",
        value=name,
    )


def unnamed(column: str) -> Issue:
    return Issue("warning", "unnamed_column", "t.csv", "has no header; give it one.", column=column)


# -- printable ------------------------------------------------------------------


def test_printable_escapes_every_kind_of_terminal_control() -> None:
    text = "a\x00b\x07c\x1b[1md\x7fe\x85f\x9bg\u202ah\u202ei\u2066j\u2069k\u2028l\u200fm"
    assert printable(text) == (
        r"a\x00b\x07c\x1b[1md\x7fe\x85f\x9bg\u202ah\u202ei\u2066j\u2069k\u2028l\u200fm"
    )


def test_printable_names_tab_newline_and_return_and_keeps_what_is_asked() -> None:
    assert printable("a\tb\nc\rd") == r"a\tb\nc\rd"
    assert printable("a\tb\nc\rd", keep="\n") == "a\\tb\nc\\rd"


def test_printable_leaves_chinese_backslashes_and_spaces_alone_and_is_idempotent() -> None:
    text = "广州市\\白云区 «金秀» ü\u3000x"
    assert printable(text) is text
    assert printable(printable(ESCAPES)) == printable(ESCAPES) == SHOWN


def test_json_printable_is_the_same_json_value_with_no_raw_control() -> None:
    data = {"value": f"甲{ESCAPES}\x7f\u2066乙"}
    text = json_printable(json.dumps(data, ensure_ascii=False))
    assert json.loads(text) == data
    assert not any(char in text for char in RAW)
    assert "甲" in text


def test_quoted_cuts_long_text_outside_the_quotes() -> None:
    assert quoted("白云区") == "'白云区'"
    assert quoted("(" * 130_000, limit=5) == "'(((((…' (130,000 characters)"


# -- one issue ------------------------------------------------------------------


def test_an_issue_escapes_table_text_wherever_it_appears() -> None:
    issue = Issue(
        "error",
        "unknown_name",
        f"t{ESCAPES}.csv",
        f"names 2 parties (A, B{ESCAPES}).",
        sheet=f"S{ESCAPES}",
        row=3,
        column="donor",
        header=f"帮扶方{ESCAPES}",
        value=f"中山{ESCAPES}市",
    )
    assert str(issue) == (
        f"t{SHOWN}.csv [S{SHOWN}] row 3, column '帮扶方{SHOWN}' (donor): "
        f"'中山{SHOWN}市' names 2 parties (A, B{SHOWN})."
    )
    assert issue.to_dict()["value"] == f"中山{ESCAPES}市"
    assert issue.to_dict()["text"] == str(issue)


def test_an_issue_cuts_a_huge_value_and_says_how_long_it_is() -> None:
    issue = unknown(2, "(" * 130_000)
    assert str(issue) == (
        "t.csv row 2, column '受援方' (recipient): '"
        + "(" * 200
        + "…' (130,000 characters) is not the name of an administrative unit."
    )
    assert issue.to_dict()["value"] == "(" * 130_000


# -- repeated kinds -------------------------------------------------------------


def test_up_to_five_of_a_kind_are_printed_one_per_line() -> None:
    issues = [unknown(row, f"某{row}县") for row in range(2, 7)]
    assert issue_lines(issues) == [
        f"error: t.csv row {row}, column '受援方' (recipient): '某{row}县' is not the name of "
        "an administrative unit."
        for row in range(2, 7)
    ]


def test_a_kind_repeated_more_than_five_times_is_one_line_with_its_count() -> None:
    issues = [unknown(row, f"某{row}县") for row in range(2, 10_002)]
    assert issue_lines(issues) == [
        "error unknown_name ×10,000 in t.csv, column '受援方' (recipient): row 2 '某2县', "
        "row 3 '某3县', row 4 '某4县', row 5 '某5县', row 6 '某6县', … (first 5 shown; "
        "`pairmap check --format json` lists every one)",
        "  first: t.csv row 2, column '受援方' (recipient): '某2县' is not the name of an "
        "administrative unit.",
    ]


def test_a_repeated_kind_lists_columns_when_they_differ() -> None:
    issues = [unnamed(f"x{number}") for number in range(10_000)]
    assert issue_lines(issues) == [
        "warning unnamed_column ×10,000 in t.csv: column 'x0', column 'x1', column 'x2', "
        "column 'x3', column 'x4', … (first 5 shown; `pairmap check --format json` lists "
        "every one)",
        "  first: t.csv column 'x0': has no header; give it one.",
    ]


def test_a_repeated_kind_across_files_names_the_file_of_each() -> None:
    issues = [unknown(2, f"某{n}县", file=f"t{n}.csv") for n in range(6)]
    assert issue_lines(issues)[0] == (
        "error unknown_name ×6 in column '受援方' (recipient): t0.csv row 2 '某0县', "
        "t1.csv row 2 '某1县', t2.csv row 2 '某2县', t3.csv row 2 '某3县', "
        "t4.csv row 2 '某4县', … (first 5 shown; `pairmap check --format json` lists every one)"
    )


def test_a_repeated_kind_escapes_and_cuts_the_values_it_lists() -> None:
    issues = [unknown(row, f"{ESCAPES}{'(' * 40}") for row in range(2, 9)]
    head, first = issue_lines(issues)
    listed = f"'{SHOWN}{'(' * 11}…' (59 characters)"
    assert head.startswith(
        f"error unknown_name ×7 in t.csv, column '受援方' (recipient): row 2 {listed}, "
    )
    assert first.startswith(f"  first: t.csv row 2, column '受援方' (recipient): '{SHOWN}(((")
    assert not any(char in head + first for char in RAW)


def test_kinds_are_printed_where_they_first_appear_and_singles_keep_their_place() -> None:
    repeated = [unknown(row, f"某{row}县") for row in range(3, 10)]
    single = Issue("warning", "renamed_unit", "t.csv", "is now 520204.", row=2, value="水城县")
    lines = issue_lines([single, *repeated, unnamed("x9")])
    assert [line.split(" ", 2)[:2] for line in lines] == [
        ["warning:", "t.csv"],
        ["error", "unknown_name"],
        ["", ""],
        ["warning:", "t.csv"],
    ]


def test_the_report_prints_a_screenful_and_its_json_keeps_every_issue() -> None:
    issues = tuple(unknown(row, f"某{row}县") for row in range(2, 10_002))
    issues += tuple(unnamed(f"x{n}") for n in range(10_000))
    summary = TableSummary(
        "t.csv", None, "UTF-8", 10_000, ignored=tuple(f"y{n}" for n in range(99))
    )
    report = Report(issues=issues, tables=(summary,), rows_read=10_000, rows_resolved=0)
    assert report.format_text().splitlines() == [
        "read t.csv: 10000 rows (encoding UTF-8); ignored columns: 'y0', 'y1', 'y2', 'y3', "
        "'y4', … (99 in all)",
        *issue_lines(issues[:10_000]),
        *issue_lines(issues[10_000:]),
        "1 table: 10000 rows read, 0 resolved, 10000 warnings, 10000 errors",
    ]
    data = report.to_dict()
    assert len(data["issues"]) == 20_000
    assert data["issues"][9_999]["value"] == "某10001县"


def test_the_table_line_escapes_file_and_ignored_headers() -> None:
    summary = TableSummary(f"t{ESCAPES}.csv", None, None, 1, ignored=(f"备注{ESCAPES}",))
    assert summary.describe() == f"t{SHOWN}.csv: 1 row; ignored columns: '备注{SHOWN}'"


def test_the_error_raised_for_a_report_is_grouped_and_escaped() -> None:
    issues = tuple(unknown(row, f"某{ESCAPES}{row}") for row in range(2, 1_002))
    with pytest.raises(PairingTableError) as raised:
        Report(issues=issues).raise_for_errors()
    error = raised.value
    lines = str(error).splitlines()
    assert lines[0] == (
        "1,000 errors in the pairing tables (run `pairmap check` for the full report):"
    )
    assert lines[1].startswith("error unknown_name ×1,000 in t.csv")
    assert len(lines) == 3
    assert not any(char in str(error) for char in RAW)
    assert len(error.report.errors) == 1_000


# -- errors of the lower layers ---------------------------------------------------


def test_every_pairmap_error_prints_escaped_but_keeps_its_lines() -> None:
    error = UnknownPlaceError(f"No unit named {ESCAPES}.\nCheck it.", name=ESCAPES)
    assert str(error) == f"No unit named {SHOWN}.\nCheck it."
    assert error.name == ESCAPES


def test_a_table_read_error_names_the_file_escaped(tmp_path: Path) -> None:
    path = tmp_path / f"t{ESCAPES}.csv"
    path.write_bytes(b"")
    try:
        read_table(path)
    except TableReadError as error:
        text = str(error)
    else:
        raise AssertionError("an empty file must not read")
    assert f"t{SHOWN}.csv" in text
    assert not any(char in text for char in RAW)


def test_a_real_table_of_many_unknown_names_prints_two_lines_for_them(
    tmp_path: Path,
    gazetteer,
    anchors,  # type: ignore[no-untyped-def]
) -> None:
    names = [f"{a}{b}{c}县" for a in "甲乙丙丁戊" for b in "己庚辛壬癸" for c in "子丑寅卯辰巳午未"]
    frame = pd.DataFrame({"donor": ["广州市"] * len(names), "recipient": names})
    path = tmp_path / "many.csv"
    frame.to_csv(path, index=False)
    _, report = resolve_tables([read_table(path)], gazetteer=gazetteer, anchors=anchors)
    lines = report.format_text().splitlines()
    assert len(report.errors) == 200
    assert lines[1].startswith(
        f"error unknown_name ×200 in {path}, column 'recipient': row 2 '甲己子县', "
    )
    assert lines[2].startswith(f"  first: {path} row 2, column 'recipient': '甲己子县' is not ")
    assert len(lines) == 4
