"""Tests of ``pairmap places`` through click's CliRunner."""

from __future__ import annotations

import pytest
from click.testing import CliRunner, Result

from pairmap.scripts.cli import cli


def _places(*args: str) -> Result:
    return CliRunner().invoke(cli, ["places", *args])


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["白云区", "--within", "广州"], "440111  广东省 › 广州市 › 白云区  county"),
        (
            ["白云区", "--within", "贵州", "--within", "贵阳"],
            "520113  贵州省 › 贵阳市 › 白云区  county",
        ),
        (["金秀"], "451324  广西壮族自治区 › 来宾市 › 金秀瑶族自治县  county"),
        (["黔南州"], "522700  贵州省 › 黔南布依族苗族自治州  prefecture"),
        (["六枝"], "520203  贵州省 › 六盘水市 › 六枝特区  county"),
        (["吉林", "--level", "province"], "220000  吉林省  province"),
    ],
)
def test_one_match_prints_adcode_path_and_level(args: list[str], line: str) -> None:
    result = _places(*args)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [line]


def test_renamed_unit_prints_its_note() -> None:
    result = _places("水城县")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "520204  贵州省 › 六盘水市 › 水城区  county"
    assert "水城县 was renamed 水城区 (520204) in 2020" in lines[1]


def test_ambiguous_name_lists_candidates_and_exits_1() -> None:
    result = _places("白云区")
    assert result.exit_code == 1
    assert "440111  广东省 › 广州市 › 白云区  county" in result.stdout
    assert "520113  贵州省 › 贵阳市 › 白云区  county" in result.stdout
    assert "Add a parent" in result.stderr


def test_unknown_name_suggests_and_exits_1() -> None:
    result = _places("黔南布衣族苗族自治州")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "Closest:"
    assert "522700  贵州省 › 黔南布依族苗族自治州" in result.stdout
    assert "No administrative unit is named" in result.stderr


def test_non_administrative_name_says_so_and_exits_1() -> None:
    result = _places("中山火炬开发区")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "not an administrative unit (kind zone); give its seat" in result.stderr


def test_bad_level_is_a_usage_error() -> None:
    result = _places("吉林", "--level", "city")
    assert result.exit_code == 2
    assert "--level" in result.stderr
