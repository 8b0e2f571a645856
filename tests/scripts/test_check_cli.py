"""``pairmap check``: the report a user reads, exit codes, and no traceback for any input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pairmap.scripts.cli import cli

CORPUS = Path(__file__).resolve().parents[1] / "pairings" / "corpus"
DATA = Path(__file__).resolve().parents[2] / "pairings" / "data"


def check(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["check", *args])


def test_the_shipped_tables_pass() -> None:
    result = check(*sorted(str(p) for p in DATA.glob("*.csv")))
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1]
    assert last.endswith(" 0 warnings, 0 errors")
    # pairs listed in two shipped tables agree, so each is drawn once (a notice each)
    assert "repeated_pair" in result.stdout and "repeated_pair_differs" not in result.stdout
    assert last.startswith(f"{len(list(DATA.glob('*.csv')))} tables: ")


def test_a_folder_stands_for_its_tables_and_other_files_are_skipped(tmp_path: Path) -> None:
    for name in ("utf8.csv", "gbk.csv"):
        (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    (tmp_path / "README.md").write_text("# notes", encoding="utf-8")
    folder = check(str(tmp_path))
    assert folder.exit_code == 0, folder.output
    assert folder.stdout.strip().splitlines()[-1].startswith("2 tables: 5 rows read, 5 resolved")
    named = check(*sorted(str(p) for p in tmp_path.iterdir()))
    assert named.exit_code == 0
    assert named.stdout.splitlines()[0] == f"skipped {tmp_path / 'README.md'}: not a table file"
    nothing = check(str(tmp_path / "README.md"))
    assert nothing.exit_code == 1
    assert "no table to read" in nothing.output


def test_errors_are_listed_with_file_row_and_column_and_exit_1() -> None:
    path = CORPUS / "ambiguous_name.csv"
    result = check(str(path))
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert lines[0] == f"read {path}: 2 rows (encoding UTF-8)"
    assert lines[1].startswith(f"error: {path} row 2, column 'recipient': '白云区' matches 2 units")
    assert lines[-1] == "1 table: 2 rows read, 1 resolved, 0 warnings, 1 error"


def test_warnings_alone_exit_0() -> None:
    result = check(str(CORPUS / "renamed_unit.csv"))
    assert result.exit_code == 0
    assert result.output.count("warning: ") == 2


def test_json_report() -> None:
    result = check("--format", "json", str(CORPUS / "many_problems.csv"), str(CORPUS / "empty.csv"))
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["summary"]["errors"] == 10
    first = data["issues"][0]
    assert (first["file"], first["row"], first["column"], first["code"]) == (
        str(CORPUS / "many_problems.csv"), 3, "donor", "blank_name",
    )  # fmt: skip
    assert data["issues"][-1]["file"] == str(CORPUS / "empty.csv")
    assert data["issues"][-1]["row"] is None


def test_column_options_and_a_columns_file_read_a_foreign_layout() -> None:
    table = str(CORPUS / "foreign_layout.csv")
    assert check(table).exit_code == 1
    mapping = ["--column", "donor=结对单位（东部）", "--column", "recipient=结对县（西部）"]
    mapped = check(table, *mapping)
    assert mapped.exit_code == 0, mapped.output
    from_file = check(table, "--columns-file", str(CORPUS / "foreign_layout.toml"))
    assert from_file.exit_code == 0, from_file.output


def test_sheet_option_picks_the_worksheet() -> None:
    result = check(str(CORPUS / "workbook.xlsx"), "--sheet", "结对")
    assert f"read {CORPUS / 'workbook.xlsx'} [结对]: 3 rows" in result.output
    assert f"{CORPUS / 'workbook.xlsx'} [结对] row 6, column '受援方' (recipient)" in result.output


@pytest.mark.parametrize(
    "args",
    [["--column", "donor"], ["--column", "donour=帮扶方"], ["--format", "xml"], []],
)
def test_bad_usage_exits_2(args: list[str]) -> None:
    table = [] if not args else [str(CORPUS / "utf8.csv")]
    result = check(*args, *table)
    assert result.exit_code == 2
    assert "Usage:" in result.output


def test_nothing_is_written(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_bytes((CORPUS / "utf8.csv").read_bytes())
    CliRunner().invoke(cli, ["check", str(table)])
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


@pytest.mark.parametrize("path", sorted(CORPUS.iterdir()), ids=lambda path: path.name)
def test_no_corpus_file_gives_a_traceback(path: Path) -> None:
    result = check(str(path))
    # exit 0 leaves no exception; exit 1 is a SystemExit; anything else escaped
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.output
    if result.stdout.strip():  # a report, ending in its summary line
        assert result.stdout.strip().splitlines()[-1].endswith(("error", "errors"))
    else:  # nothing to check at all: one message
        assert result.output.startswith("Error: no table to read")
