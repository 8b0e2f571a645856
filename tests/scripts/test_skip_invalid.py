"""``pairmap map --skip-invalid``: draw what resolves, say what was left out and why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pairmap.scripts.cli import cli

ROWS = """donor,recipient,program
茂南区,金秀县,东西部协作
电白区,金秀县,东西部协作
信宜市,忻城县,东西部协作
茂名火星开发区,忻城县,东西部协作
高州市,不存在县,东西部协作
"""


def page_payload(html: str) -> dict[str, Any]:
    """The page's ``pairmap-data`` JSON block."""
    start = html.index('id="pairmap-data">') + len('id="pairmap-data">')
    data: dict[str, Any] = json.loads(html[start : html.index("</script>", start)])
    return data


def _map(*args: str) -> Any:
    return CliRunner().invoke(cli, ["map", *args])


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "pairs.csv"
    path.write_text(ROWS, encoding="utf-8")
    return path


def test_without_the_flag_nothing_is_drawn(table: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    result = _map(str(table), "-o", str(out))
    assert result.exit_code == 1
    assert not out.exists()


def test_with_the_flag_good_rows_are_drawn_and_bad_ones_listed(table: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    result = _map(str(table), "-o", str(out), "--skip-invalid")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("not drawn: ")]
    assert [line.split(": ")[1] for line in lines] == [f"{table} row 5", f"{table} row 6"]
    assert "茂名火星开发区" in lines[0] and "不存在县" in lines[1]
    assert "2 rows not drawn (--skip-invalid)" in result.stderr
    payload = page_payload(out.read_text(encoding="utf-8"))
    assert len(payload["flows"]["d"]) == 3
    # the map names the file only: it may be shared, the folders on this machine not
    assert [row["where"] for row in payload["not_drawn"]] == ["pairs.csv row 5", "pairs.csv row 6"]
    assert str(table.parent) not in out.read_text(encoding="utf-8")


def test_nothing_drawable_is_still_an_error(tmp_path: Path) -> None:
    table = tmp_path / "bad.csv"
    table.write_text("donor,recipient,program\n高州市,不存在县,东西部协作\n", encoding="utf-8")
    out = tmp_path / "m.html"
    result = _map(str(table), "-o", str(out), "--skip-invalid")
    assert result.exit_code == 1
    assert "no pairs left to draw" in result.stderr
    assert not out.exists()


def test_maps_without_skipped_rows_have_an_empty_list(table: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("\n".join(ROWS.splitlines()[:3]) + "\n", encoding="utf-8")
    out = tmp_path / "m.html"
    assert _map(str(good), "-o", str(out), "--skip-invalid").exit_code == 0
    assert page_payload(out.read_text(encoding="utf-8"))["not_drawn"] == []


@pytest.mark.browser
def test_the_footer_counts_and_lists_the_rows(
    table: Path, tmp_path: Path, recording_page: Any
) -> None:
    out = tmp_path / "m.html"
    assert _map(str(table), "-o", str(out), "--skip-invalid").exit_code == 0
    page = recording_page.open(out)
    summary = page.locator(".pairmap-not-drawn summary")
    assert summary.inner_text().startswith("2 行未绘制")
    assert not page.locator(".pairmap-not-drawn li").first.is_visible()
    summary.click()
    items = page.locator(".pairmap-not-drawn li").all_inner_texts()
    assert len(items) == 2 and "不存在县" in items[1]
    assert recording_page.console_errors == []
