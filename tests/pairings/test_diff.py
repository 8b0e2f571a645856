"""``pairmap diff`` and :mod:`pairmap.pairings.diff`: pairs matched by unit, figures old → new."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from pairmap.pairings.diff import diff_pairs, diff_records, format_diff, pair_records
from pairmap.scripts.cli import cli

DATA = Path(__file__).resolve().parents[2] / "pairings" / "data"
TABLE = DATA / "seeds_2022_maoming_laibin.csv"


def _rows() -> list[list[str]]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _pairs(path: Path) -> pd.DataFrame:
    from pairmap.api import read_pairings

    read = read_pairings(path)
    assert read.report.ok, read.report
    return read.pairs


@pytest.fixture(scope="module")
def shipped() -> pd.DataFrame:
    return _pairs(TABLE)


def _set(rows: list[list[str]], row: int, column: str, value: str) -> None:
    rows[row][rows[0].index(column)] = value


def test_a_table_against_itself_has_no_changes(shipped: pd.DataFrame) -> None:
    diff = diff_pairs(shipped, shipped.copy())
    assert diff.empty
    assert diff.counts() == {"added": 0, "removed": 0, "changed": 0, "unchanged": len(shipped)}


def test_one_edited_figure_is_the_only_change_and_names_old_and_new(tmp_path: Path) -> None:
    rows = _rows()
    old = rows[1][rows[0].index("professionals")]
    _set(rows, 1, "professionals", str(int(old) + 1))
    diff = diff_pairs(_pairs(TABLE), _pairs(_write(tmp_path / "new.csv", rows)))
    assert (len(diff.added), len(diff.removed)) == (0, 0)
    [change] = diff.changed
    assert change.record["donor"] == "茂名市" and change.record["recipient"] == "来宾市"
    [field] = change.changes
    assert (field.field, field.old, field.new) == ("professionals", int(old), int(old) + 1)
    assert f"professionals: {int(old)} → {int(old) + 1}" in format_diff(diff)


def test_a_changed_year_is_a_year_old_and_new(tmp_path: Path) -> None:
    rows = _rows()
    row = next(i for i, r in enumerate(rows) if i and r[rows[0].index("start_year")])
    year = int(rows[row][rows[0].index("start_year")])
    _set(rows, row, "start_year", str(year + 1))
    diff = diff_pairs(_pairs(TABLE), _pairs(_write(tmp_path / "new.csv", rows)))
    [change] = diff.changed
    [field] = change.changes
    assert (field.field, field.old, field.new) == ("start_year", year, year + 1)
    assert f"start_year: {year} → {year + 1}" in format_diff(diff)  # not 2,021


def test_pairs_match_by_resolved_unit_not_by_text(tmp_path: Path) -> None:
    rows = _rows()
    recipients = [r[rows[0].index("recipient")] for r in rows]
    row = recipients.index("金秀瑶族自治县")
    _set(rows, row, "recipient", "金秀县")
    _set(rows, row, "donor", "茂名市茂南区")
    diff = diff_pairs(_pairs(TABLE), _pairs(_write(tmp_path / "new.csv", rows)))
    assert diff.empty, format_diff(diff)


def test_added_and_removed_pairs_are_listed_with_their_figures(tmp_path: Path) -> None:
    rows = _rows()
    recipients = [r[rows[0].index("recipient")] for r in rows]
    removed_row = next(i for i, r in enumerate(rows[1:], 1) if r[rows[0].index("funds_cny")])
    added = list(rows[recipients.index("金秀瑶族自治县")])
    added[rows[0].index("recipient")] = "忻城县"
    added[rows[0].index("round")] = "2016"
    new_rows = [r for i, r in enumerate(rows) if i != removed_row] + [added]
    diff = diff_pairs(_pairs(TABLE), _pairs(_write(tmp_path / "new.csv", new_rows)))
    assert [r["recipient"] for r in diff.added] == ["忻城县"]
    assert [r["recipient"] for r in diff.removed] == [recipients[removed_row]]
    assert diff.removed[0]["figures"]["funds_cny"] > 0
    assert not diff.changed


def test_an_approximate_mark_is_a_change_even_when_the_value_is_equal() -> None:
    old = [{"key": "a", "donor": "甲", "recipient": "乙", "figures": {"funds_cny": 3e7}}]
    new = [{**old[0], "approximate": ["funds_cny"]}]
    [change] = diff_records(old, new).changed
    assert change.changes[0].new_approximate and not change.changes[0].old_approximate
    assert "30,000,000 → 约30,000,000" in format_diff(diff_records(old, new))


def test_two_agencies_drawn_at_one_seat_are_two_pairs() -> None:
    frame = pd.DataFrame(
        {
            "donor": ["广州市教育局", "广州市卫生健康委员会"],
            "donor_adcode": ["440100", "440100"],
            "donor_kind": ["agency", "agency"],
            "recipient": ["黔南州", "黔南州"],
            "recipient_adcode": ["522700", "522700"],
            "recipient_kind": ["government", "government"],
            "program_key": ["east_west", "east_west"],
            "round": ["2021", "2021"],
        }
    )
    keys = [r["key"] for r in pair_records(frame)]
    assert len(set(keys)) == 2
    swapped = diff_records(pair_records(frame), pair_records(frame.iloc[::-1]))
    assert swapped.empty


def _diff(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["diff", *args])


def test_cli_text_json_and_exit_code(tmp_path: Path) -> None:
    rows = _rows()
    _set(rows, 1, "schools", "22")
    new = str(_write(tmp_path / "new.csv", rows))
    text = _diff(str(TABLE), new)
    assert text.exit_code == 0, text.output
    assert text.stdout.splitlines()[0].startswith("0 added, 0 removed, 1 changed")
    assert "    schools: 21 → 22" in text.stdout
    data = json.loads(_diff(str(TABLE), new, "--format", "json").stdout)
    assert data["counts"]["changed"] == 1
    assert data["changed"][0]["changes"][0] == {
        "field": "schools",
        "old": 21,
        "new": 22,
        "old_approximate": False,
        "new_approximate": False,
    }
    assert _diff(str(TABLE), new, "--exit-code").exit_code == 3
    assert _diff(str(TABLE), str(TABLE), "--exit-code").exit_code == 0


def test_cli_refuses_a_table_with_errors_and_names_it(tmp_path: Path) -> None:
    rows = _rows()
    _set(rows, 1, "recipient", "不存在县")
    bad = _write(tmp_path / "bad.csv", rows)
    result = _diff(str(TABLE), str(bad))
    assert result.exit_code == 1
    assert f"{bad}: cannot compare a table with errors." in result.stderr
    assert "不存在县" in result.stderr


def test_control_characters_in_changed_notes_are_escaped(tmp_path: Path) -> None:
    rows = _rows()
    _set(rows, 1, "note", "新\x1b[2J备注")
    result = _diff(str(TABLE), str(_write(tmp_path / "new.csv", rows)))
    assert "\x1b" not in result.stdout
    assert "\\x1b[2J" in result.stdout
