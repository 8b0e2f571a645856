"""Tests of ``pairmap map`` through click's CliRunner."""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from pairmap.maps.deck import PPTX_HINT
from pairmap.scripts.cli import cli

TABLE = """帮扶方,受援方,帮扶方所在市,协作类型,轮次,帮扶资金（万元）,备注
茂南区,金秀瑶族自治县,茂名市,东西部协作,2021,200,<img src=x onerror=alert(1)>
电白区,金秀瑶族自治县,茂名市,东西部协作,2021,,
信宜市,忻城县,茂名市,东西部扶贫协作,2016,3000,
"""


def page_payload(html: str) -> dict:
    """The layer data embedded in a map page."""
    match = re.search(r'id="pairmap-data">(.*?)</script>', html, re.S)
    assert match is not None
    return json.loads(match.group(1))


def _map(*args: str) -> Result:
    return CliRunner().invoke(cli, ["map", *args])


def _table(tmp_path: Path, text: str = TABLE, name: str = "pairs.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_users_table_becomes_an_offline_map(tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    result = _map(str(_table(tmp_path)), "-o", str(out), "--metric", "funds_cny")
    assert result.exit_code == 0, result.output
    assert f"wrote {out} (3 flows)" in result.stdout
    page = out.read_text(encoding="utf-8")
    payload = page_payload(page)
    assert payload["n_flows"] == 3
    assert payload["flows"]["m"]["funds_cny"] == [2_000_000.0, None, 30_000_000.0]
    assert "<img" not in page
    assert payload["title"]["title"] == "结对帮扶地图：pairs"


def test_programme_and_round_filters_pick_the_pairs(tmp_path: Path) -> None:
    table = _table(tmp_path)
    out = tmp_path / "2016.html"
    result = _map(str(table), "-o", str(out), "--round", "2016", "--title", "2016 only")
    assert result.exit_code == 0, result.output
    payload = page_payload(out.read_text(encoding="utf-8"))
    assert payload["n_flows"] == 1
    assert payload["title"]["title"] == "2016 only"
    result = _map(str(table), "-o", str(tmp_path / "p.html"), "--program", "east_west")
    assert result.exit_code == 0, result.output
    assert "(2 flows)" in result.stdout


def test_a_round_the_table_lacks_is_an_error_listing_its_rounds(tmp_path: Path) -> None:
    out = tmp_path / "none.html"
    result = _map(str(_table(tmp_path)), "-o", str(out), "--round", "1999")
    assert result.exit_code == 1
    assert "No pair has the round '1999'; the pairs have: 2016, 2021." in result.stderr
    assert not out.exists()


def test_table_errors_are_reported_and_nothing_is_written(tmp_path: Path) -> None:
    bad = _table(tmp_path, "donor,recipient\n茂南区,金秀\n白云区,不存在县\n", "bad.csv")
    out = tmp_path / "bad.html"
    result = _map(str(bad), "-o", str(out))
    assert result.exit_code == 1
    assert "row 3, column 'donor': '白云区' matches 2 units" in result.stderr
    assert "不存在县" in result.stderr
    assert "2 errors" in result.stderr
    assert not out.exists()


def test_headers_can_be_mapped(tmp_path: Path) -> None:
    table = _table(tmp_path, "出力单位,对口县\n茂南区,金秀瑶族自治县\n", "odd.csv")
    out = tmp_path / "odd.html"
    result = _map(
        str(table), "-o", str(out), "--column", "donor=出力单位", "--column", "recipient=对口县"
    )
    assert result.exit_code == 0, result.output
    assert page_payload(out.read_text(encoding="utf-8"))["n_flows"] == 1


def test_an_unknown_metric_exits_1_naming_the_choices(tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    result = _map(str(_table(tmp_path)), "-o", str(out), "--metric", "money")
    assert result.exit_code == 1
    assert "'money'" in result.stderr and "funds_cny" in result.stderr
    assert not out.exists()


def test_existing_output_needs_overwrite(tmp_path: Path) -> None:
    table, out = _table(tmp_path), tmp_path / "map.html"
    out.write_text("keep me", encoding="utf-8")
    result = _map(str(table), "-o", str(out))
    assert result.exit_code == 2
    assert "--overwrite" in result.output
    assert out.read_text(encoding="utf-8") == "keep me"
    assert _map(str(table), "-o", str(out), "--overwrite").exit_code == 0
    assert out.read_text(encoding="utf-8") != "keep me"


def test_output_must_be_a_format_pairmap_writes(tmp_path: Path) -> None:
    result = _map(str(_table(tmp_path)), "-o", str(tmp_path / "map.gif"))
    assert result.exit_code == 2
    assert ".html, .png, .pdf, .svg or .pptx" in result.output
    assert not (tmp_path / "map.gif").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--size", "A5"], "'A5' is not a size"),
        (["--size", "1920x1080", "--scale", "0.1"], "--scale 0.1 is outside"),
        (["--size", "1921x1080", "--scale", "2"], "not whole pixels"),
    ],
)
def test_a_size_pairmap_cannot_export_at_is_a_usage_error(
    tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "map.png"
    result = _map(str(_table(tmp_path)), "-o", str(out), *args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not out.exists()


def test_a_deck_beside_an_existing_page_needs_overwrite(tmp_path: Path) -> None:
    page = tmp_path / "map.html"
    page.write_text("keep me", encoding="utf-8")
    result = _map(str(_table(tmp_path)), "-o", str(tmp_path / "map.pptx"))
    assert result.exit_code == 2
    assert "map.html, which exists; pass --overwrite" in result.output
    assert page.read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "map.pptx").exists()


@pytest.mark.browser
def test_a_deck_without_python_pptx_names_the_extra_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pptx", None)  # import pptx now raises ImportError
    result = _map(str(_table(tmp_path)), "-o", str(tmp_path / "map.pptx"))
    assert result.exit_code == 1, result.output
    assert PPTX_HINT in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pairs.csv"]


@pytest.mark.browser
def test_a_deck_is_one_slide_linking_the_page_written_beside_it(tmp_path: Path) -> None:
    out = tmp_path / "粤桂.pptx"
    result = _map(str(_table(tmp_path)), "-o", str(out), "--title", "茂名 → 来宾")
    assert result.exit_code == 0, result.output
    page = tmp_path / "粤桂.html"
    assert f"wrote {out} (3 flows, 1920x1080: 1920 × 1080 px)" in result.stdout
    assert f"wrote {page} (the offline map the slide links to" in result.stdout
    assert page_payload(page.read_text(encoding="utf-8"))["n_flows"] == 3
    (slide,) = Presentation(str(out)).slides
    (picture,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert picture.image.size == (1920, 1080)
    assert picture.click_action.hyperlink.address == "粤桂.html"
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert "茂名 → 来宾" in texts
    assert any(t.startswith("数据：pairs.csv") for t in texts)


@pytest.mark.browser
def test_pdf_and_svg_outputs_are_vector(tmp_path: Path) -> None:
    table = str(_table(tmp_path))
    pdf, svg = tmp_path / "map.pdf", tmp_path / "map.svg"
    result = _map(table, "-o", str(pdf), "--size", "A4")
    assert result.exit_code == 0, result.output
    assert "A4 landscape (297 × 210 mm)" in result.stdout
    (page,) = PdfReader(pdf).pages
    assert float(page.mediabox.width) > float(page.mediabox.height)
    assert "结对帮扶地图：pairs" in page.extract_text()
    assert _map(table, "-o", str(svg), "--size", "1600x1200").exit_code == 0
    root = ET.parse(svg).getroot()
    assert (root.get("width"), root.get("height")) == ("1600", "1200")
    flows = [
        g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "pairmap-flow"
    ]
    assert len(flows) == 3


@pytest.mark.browser
def test_a_png_output_is_an_image(tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    result = _map(str(_table(tmp_path)), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert out.stat().st_size > 20_000


def test_national_maps_have_the_south_china_sea_inset_unless_no_inset(tmp_path: Path) -> None:
    table = _table(tmp_path)
    seas = {}
    for name, extra in (
        ("auto", []),
        ("national", ["--extent", "national"]),
        ("off", ["--extent", "national", "--no-inset"]),
    ):
        out = tmp_path / f"{name}.html"
        result = _map(str(table), "-o", str(out), "--level", "province", *extra)
        assert result.exit_code == 0, result.output
        seas[name] = page_payload(out.read_text(encoding="utf-8"))["south_china_sea"]
    assert seas["auto"] is None  # two provinces: a regional map has no inset
    national = seas["national"]
    assert national["inset"]["label"] == "南海诸岛"
    assert national["inset"]["body"].count('class="pairmap-inset-dash"') == 10
    assert national["view"] is not None
    assert seas["off"]["inset"] is None and seas["off"]["view"] is None
    assert seas["off"]["line"] == national["line"]


def test_labels_option_picks_what_is_named(tmp_path: Path) -> None:
    table = _table(tmp_path)
    out = tmp_path / "ends.html"
    assert _map(str(table), "-o", str(out)).exit_code == 0
    payload = page_payload(out.read_text(encoding="utf-8"))
    names = [payload["nodes"]["label"][k] for k in payload["labels"]["order"]]
    assert set(names) == {"茂南", "电白", "信宜", "金秀", "忻城"}
    out = tmp_path / "none.html"
    assert _map(str(table), "-o", str(out), "--labels", "none").exit_code == 0
    assert page_payload(out.read_text(encoding="utf-8"))["labels"]["order"] == []
    result = _map(str(table), "-o", str(tmp_path / "x.html"), "--labels", "some")
    assert result.exit_code == 2 and "'all', 'ends', 'none'" in result.output
