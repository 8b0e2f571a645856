"""Tests of SVG export (maps.svg, maps/static/svgexport.js): a standalone, vector document."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from pairmap.geo.errors import PairmapError
from pairmap.maps.book import GUANGDONG_GUANGXI
from pairmap.maps.png import open_map_page
from pairmap.maps.sizes import parse_size
from pairmap.maps.svg import render_svg

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"


def title_of(element: ET.Element) -> str | None:
    """The text of an element's own ``<title>`` child, or ``None``."""
    found = element.find("svg:title", NS)
    return None if found is None else found.text


@pytest.fixture(scope="module")
def exported(map_book: dict[str, Any], browser: Any, tmp_path_factory: pytest.TempPathFactory):
    """The Guangdong → Guangxi map as SVG at 1920 × 1080, parsed."""
    built = map_book[GUANGDONG_GUANGXI]
    out = tmp_path_factory.mktemp("svg") / f"{built.slug}.svg"
    render_svg(built.path, out, size=parse_size("1920x1080"), browser=browser)
    return built, out, ET.parse(out).getroot()


@pytest.mark.browser
def test_a_standalone_svg_of_the_slide_size(exported: tuple[Any, Path, ET.Element]) -> None:
    built, out, root = exported
    assert out.read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert root.tag == f"{SVG}svg"
    assert (root.get("width"), root.get("height")) == ("1920", "1080")
    assert title_of(root) == built.title
    # vector only: nothing embedded as a bitmap or as HTML
    assert not list(root.iter(f"{SVG}image")) and not list(root.iter(f"{SVG}foreignObject"))
    assert "data:image" not in out.read_text(encoding="utf-8")


@pytest.mark.browser
def test_every_flow_and_unit_is_an_element_named_in_its_title(
    exported: tuple[Any, Path, ET.Element],
) -> None:
    built, _, root = exported
    flows = [g for g in root.iter(f"{SVG}g") if g.get("class") == "pairmap-flow"]
    assert len(flows) == built.n_flows
    expected = sorted(
        f"{d} → {r}" for d, r in zip(built.pairs["donor"], built.pairs["recipient"], strict=True)
    )
    assert sorted(title_of(g) or "" for g in flows) == expected
    for group in flows:  # a line and its arrowhead
        paths = group.findall("svg:path", NS)
        assert [p.get("class") for p in paths] == ["pairmap-flow-line", "pairmap-flow-head"]
        assert all(p.get("d", "").startswith("M") for p in paths)
    units = [p for p in root.iter(f"{SVG}path") if p.get("class") == "pairmap-unit"]
    assert len(units) > 100  # the counties of Guangdong and Guangxi
    names = [title_of(p) for p in units]
    assert all(names) and "金秀瑶族自治县" in names and "茂南区" in names
    nodes = [p for p in root.iter(f"{SVG}path") if p.get("class") == "pairmap-node"]
    assert nodes and all(title_of(p) for p in nodes)


@pytest.mark.browser
def test_title_legend_scale_bar_and_source_line_are_text(
    exported: tuple[Any, Path, ET.Element],
) -> None:
    built, _, root = exported
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert built.title in texts
    assert "帮扶方" in texts and "受援方" in texts  # the legend
    assert any(t.endswith(" km") for t in texts)  # the scale bar
    assert any(t.startswith("数据：") and "条结对" in t for t in texts)  # the source line
    assert not any(t in texts for t in ("全屏", "项目：东西部协作"))  # controls are left out
    for text in root.iter(f"{SVG}text"):
        assert 0 <= float(text.get("x", -1)) <= 1920 and 0 <= float(text.get("y", -1)) <= 1080


@pytest.mark.browser
def test_parts_registered_by_other_modules_are_drawn_above_the_map(
    map_book: dict[str, Any], browser: Any
) -> None:
    built = map_book[GUANGDONG_GUANGXI]
    context = browser.new_context(viewport={"width": 800, "height": 500})
    try:
        page = context.new_page()
        page.add_init_script(
            "window.pairmapLib = {svgParts: [function (page) {"
            '  return \'<circle class="probe" cx="5" cy="6" r="7"><title>\''
            "    + page.data.title.title + '</title></circle>'; }]};"
        )
        open_map_page(page, built.path.resolve().as_uri(), timeout=30, doing="test", vector=True)
        text = page.evaluate("() => window.pairmap.svg()")
    finally:
        context.close()
    root = ET.fromstring(text)
    groups = [g.get("class") for g in root if g.tag == f"{SVG}g"]
    # the map first, then one group per registered part (this one, the labels), then
    # the furniture (title, legend, scale bar, footer) on top
    assert groups[0] == "pairmap-map" and groups[-1] == "pairmap-furniture"
    assert set(groups[1:-1]) == {"pairmap-part"} and len(groups) >= 3
    (probe,) = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "probe"]
    assert title_of(probe) == built.title


@pytest.mark.browser
def test_a_canvas_page_refuses_to_compose(map_book: dict[str, Any], browser: Any) -> None:
    built = map_book[GUANGDONG_GUANGXI]
    context = browser.new_context(viewport={"width": 800, "height": 500})
    try:
        page = context.new_page()
        open_map_page(page, built.path.resolve().as_uri(), timeout=30, doing="test")
        canvas = "() => document.querySelector('.leaflet-overlay-pane canvas') !== null"
        assert page.evaluate(canvas)
        with pytest.raises(Exception, match="SVG renderer"):
            page.evaluate("() => window.pairmap.svg()")
    finally:
        context.close()


@pytest.mark.browser
def test_a_page_without_the_composer_is_named_and_nothing_written(
    tmp_path: Path, browser: Any
) -> None:
    page = tmp_path / "old.html"
    page.write_text("<script>window.pairmap = {ready: true};</script>", encoding="utf-8")
    out = tmp_path / "old.svg"
    with pytest.raises(PairmapError, match=r"old\.html: this page cannot compose an SVG"):
        render_svg(page, out, size=parse_size("640x360"), browser=browser)
    assert not out.exists()


def test_a_missing_page_is_named(tmp_path: Path) -> None:
    with pytest.raises(PairmapError, match=r"nowhere\.html: no such map page"):
        render_svg(tmp_path / "nowhere.html", tmp_path / "x.svg")
    assert not (tmp_path / "x.svg").exists()
