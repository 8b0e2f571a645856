"""``pairmap map`` selecting pairs: --years, --donor-province, --recipient-province, --program."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pairmap.scripts.cli import cli

#: 2021 and 2016 pairs from Guangdong, one from Zhejiang without a start year.
TABLE = """帮扶方,帮扶方所在市,受援方,协作类型,轮次,开始年份,结束年份
茂南区,茂名市,金秀瑶族自治县,东西部协作,2021,2021,
信宜市,茂名市,忻城县,东西部扶贫协作,2016,2016,2020
宁波市,,黔西南布依族苗族自治州,东西部协作,2021,,
广州市,,黔南布依族苗族自治州,东西部协作,2021,2021,
"""


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("selection") / "pairs.csv"
    path.write_text(TABLE, encoding="utf-8")
    return path


def _map(table: Path, out: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["map", str(table), "-o", str(out), *args])


def test_years_keep_the_pairs_active_then_and_count_the_undated(
    table: Path, tmp_path: Path
) -> None:
    out = tmp_path / "2021.html"
    result = _map(table, out, "--years", "2021-2023")
    assert result.exit_code == 0, result.output
    assert f"wrote {out} (2 flows)" in result.stdout
    assert "Note: 1 pair without a start year left out by --years." in result.stderr
    assert "Selected 2 of 4 pairs: active 2021–2023." in result.stderr
    result = _map(table, tmp_path / "2018.html", "--year", "2018")
    assert result.exit_code == 0, result.output
    assert "(1 flows)" in result.stdout


def test_provinces_are_matched_by_unit(table: Path, tmp_path: Path) -> None:
    result = _map(table, tmp_path / "gd.html", "--donor-province", "广东省")
    assert result.exit_code == 0, result.output
    assert "(3 flows)" in result.stdout
    assert "Selected 3 of 4 pairs: donor provinces 广东省." in result.stderr
    result = _map(
        table,
        tmp_path / "gz.html",
        "--donor-province",
        "440000",
        "--recipient-province",
        "贵州",
    )
    assert result.exit_code == 0, result.output
    assert "(1 flows)" in result.stdout


def test_a_province_the_table_lacks_is_an_error_listing_its_provinces(
    table: Path, tmp_path: Path
) -> None:
    out = tmp_path / "none.html"
    result = _map(table, out, "--donor-province", "贵州")
    assert result.exit_code == 1
    assert (
        "Error: No pair has a donor in 贵州省 (520000); the pairs' donor provinces are: "
        "浙江省 (330000), 广东省 (440000)." in result.stderr
    )
    assert not out.exists()


def test_an_unknown_programme_lists_the_tables_programmes(table: Path, tmp_path: Path) -> None:
    result = _map(table, tmp_path / "p.html", "--program", "对口支援")
    assert result.exit_code == 1
    assert (
        "No pair has the programme '对口支援'; the pairs have: 东西部协作 (east_west), "
        "东西部扶贫协作 (east_west_poverty)." in result.stderr
    )


def test_a_selection_that_leaves_nothing_names_itself(table: Path, tmp_path: Path) -> None:
    result = _map(table, tmp_path / "p.html", "--round", "2016", "--years", "2021")
    assert result.exit_code == 1
    assert "no pairs left to draw after the selection (rounds 2016; active in 2021)" in (
        result.stderr
    )


@pytest.mark.parametrize("value", ["2023-2021", "twenty", "21"])
def test_what_is_not_years_is_a_usage_error(table: Path, tmp_path: Path, value: str) -> None:
    out = tmp_path / "bad.html"
    result = _map(table, out, "--years", value)
    assert result.exit_code == 2
    assert "--years" in result.stderr
    assert not out.exists()
