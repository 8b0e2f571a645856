"""Nothing a table holds reaches the terminal raw, and repeated problems print a screenful.

Through click's ``CliRunner`` and through real ``pairmap`` processes, whose output
bytes are searched for terminal control characters (ESC, BEL, C1 CSI, DEL, bidi
overrides and isolates).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from pairmap.scripts.cli import cli

#: A colour change, a window title (OSC … BEL), a C1 CSI "clear screen", a bidi override.
ESCAPES = "\x1b[31m\x1b]0;owned\x07\x9b2J\u202e"
SHOWN = r"\x1b[31m\x1b]0;owned\x07\x9b2J\u202e"
#: A name with CSI sequences (7-bit and C1), an isolate and DEL, but no ";".
NAME = "毕节\x1b[1m\x9b2J\u2066\x7f市"
NAME_SHOWN = r"毕节\x1b[1m\x9b2J\u2066\x7f市"
RAW_TEXT = ("\x1b", "\x07", "\x9b", "\x7f", "\u202e", "\u2066")
RAW_BYTES = tuple(char.encode("utf-8") for char in RAW_TEXT)


def hostile_table(folder: Path) -> Path:
    """A table whose file name, a header, a donor and a note hold control sequences."""
    path = folder / f"t{ESCAPES}.csv"
    path.write_text(
        f"donor,recipient,x{ESCAPES}\n中山{ESCAPES}市,六盘水市,a\n广州市,{NAME},b\n",
        encoding="utf-8",
    )
    return path


def pairmap(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Run the ``pairmap`` command line in a real process; its output as bytes."""
    code = "from pairmap.scripts.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, timeout=300
    )


def assert_no_raw_controls(text: str) -> None:
    for char in RAW_TEXT:
        assert char not in text, (char, text)


def test_check_shows_table_text_escaped(tmp_path: Path) -> None:
    path = hostile_table(tmp_path)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert_no_raw_controls(result.output)
    lines = result.stdout.splitlines()
    where = str(path).replace(ESCAPES, SHOWN)
    assert lines[0] == f"read {where}: 2 rows (encoding UTF-8); ignored columns: 'x{SHOWN}'"
    # the cell's text is escaped where the message quotes it too (";" splits two names)
    assert lines[1] == (
        f"error: {where} row 2, column 'donor': '中山{SHOWN}市' names 2 parties "
        rf"(中山\x1b[31m\x1b]0, owned\x07\x9b2J\u202e市); write one row per donor and give "
        "the rows one group id in the group column (组团)."
    )
    assert lines[2].startswith(
        f"error: {where} row 3, column 'recipient': '{NAME_SHOWN}' is not the name of an "
        "administrative unit."
    )
    assert lines[3] == "1 table: 2 rows read, 0 resolved, 0 warnings, 2 errors"


def test_check_json_keeps_the_text_as_written_but_prints_it_escaped(tmp_path: Path) -> None:
    path = hostile_table(tmp_path)
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json"])
    assert result.exit_code == 1
    assert_no_raw_controls(result.stdout)
    data = json.loads(result.stdout)
    assert [issue["value"] for issue in data["issues"]] == [f"中山{ESCAPES}市", NAME]
    assert data["tables"][0]["ignored"] == [f"x{ESCAPES}"]
    assert_no_raw_controls(data["issues"][0]["text"])


def test_map_reports_the_same_errors_escaped(tmp_path: Path) -> None:
    path = hostile_table(tmp_path)
    output = tmp_path / "map.html"
    result = CliRunner().invoke(cli, ["map", str(path), "-o", str(output)])
    assert result.exit_code == 1
    assert_no_raw_controls(result.output)
    assert f"'{NAME_SHOWN}' is not the name" in result.stderr
    assert not output.exists()


def test_places_shows_an_unknown_name_escaped() -> None:
    result = CliRunner().invoke(cli, ["places", f"金绣{ESCAPES}县"])
    assert result.exit_code == 1
    assert_no_raw_controls(result.output)
    assert "金绣\\x1b[31m" in result.stderr


def test_a_real_process_prints_no_raw_control_byte(tmp_path: Path) -> None:
    path = hostile_table(tmp_path)
    runs = [
        pairmap("-v", "check", path.name, cwd=tmp_path),
        pairmap("check", path.name, "--format", "json", cwd=tmp_path),
        pairmap("map", path.name, "-o", "map.html", cwd=tmp_path),
        pairmap("places", f"中山{ESCAPES}市", cwd=tmp_path),
    ]
    for run in runs:
        assert run.returncode == 1, run.stderr
        assert b"Traceback" not in run.stderr
        for raw in RAW_BYTES:
            assert raw not in run.stdout + run.stderr, (raw, run.args[3:])
    logged = runs[0].stderr.decode("utf-8")
    assert f"INFO pairmap.pairings.io: t{SHOWN}.csv: read as UTF-8" in logged
    assert f"'{NAME_SHOWN}' is not the name".encode() in runs[0].stdout


def test_thousands_of_unknown_names_print_a_screenful(tmp_path: Path) -> None:
    names = [
        f"{a}{b}{c}{d}县"
        for a in "甲乙丙丁戊己庚辛"
        for b in "子丑寅卯辰巳午未"
        for c in "金木水火土"
        for d in "东南西北中上"
    ]
    rows = "".join(f"广州市,{name}\n" for name in names)
    (tmp_path / "many.csv").write_text("donor,recipient\n" + rows, encoding="utf-8")
    text = pairmap("check", "many.csv", cwd=tmp_path)
    assert text.returncode == 1
    lines = text.stdout.decode("utf-8").splitlines()
    assert len(lines) == 4, lines
    assert lines[1].startswith("error unknown_name ×1,920 in many.csv, column 'recipient': ")
    assert text.stderr == b""
    as_json = pairmap("check", "many.csv", "--format", "json", cwd=tmp_path)
    issues = json.loads(as_json.stdout)["issues"]
    assert len(issues) == 1_920
    assert {issue["code"] for issue in issues} == {"unknown_name"}


def test_a_thousand_extra_columns_print_no_warning(tmp_path: Path) -> None:
    header = ",".join(f"x{n}" for n in range(1_000))
    values = ",".join(str(n) for n in range(1_000))
    text = f"donor,recipient,{header}\n广州市,毕节市,{values}\n"
    (tmp_path / "wide.csv").write_text(text, encoding="utf-8")
    result = pairmap("check", "wide.csv", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    columns = json.loads(result.stdout)["tables"][0]["columns"]
    assert sum(kind == "extra metric" for kind in columns.values()) == 1_000
