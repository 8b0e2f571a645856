"""Tests of PDF export (maps.pdf): Chromium's print of a saved map page, vector where it can be."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from office import in_ci
from pypdf import PdfReader
from pypdf.generic import ContentStream

from pairmap.geo.errors import PairmapError
from pairmap.maps.book import GUANGDONG_GUANGXI
from pairmap.maps.pdf import render_pdf
from pairmap.maps.png import CHROMIUM_ENV, CHROMIUM_HINT
from pairmap.maps.sizes import parse_size

READY_PAGE = """<!doctype html><meta charset="utf-8">
<style>html,body{margin:0;height:100%%;background:#fff}</style>
<body>%s<script>window.pairmap = {ready: true};</script></body>"""

#: Operators that paint a path (stroke, fill or both) and that build one.
PAINT_OPERATORS = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}
PATH_OPERATORS = {b"m", b"l", b"c", b"v", b"y", b"re"}


def pdftotext(path: Path) -> str:
    """The text of a PDF by poppler's ``pdftotext`` (skipped without it, except in CI)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        reason = "pdftotext not found: apt-get install poppler-utils"
        if in_ci():
            pytest.fail(f"{reason} (CI must check PDF text)")
        pytest.skip(reason)
    result = subprocess.run(
        [tool, "-layout", str(path), "-"], capture_output=True, text=True, timeout=60, check=True
    )
    return result.stdout


def operators(reader: PdfReader, page: Any) -> Counter[bytes]:
    """How often each operator occurs in a page's content stream."""
    return Counter(op for _, op in ContentStream(page.get_contents(), reader).operations)


def _multiply(m: list[float], n: list[float]) -> list[float]:
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return [
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    ]


def image_areas(reader: PdfReader, page: Any) -> list[tuple[str, float]]:
    """Every image the page draws (``Do``), with the area it covers in square points."""
    xobjects = page["/Resources"].get("/XObject") or {}
    matrix, stack, drawn = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], [], []
    for operands, op in ContentStream(page.get_contents(), reader).operations:
        if op == b"q":
            stack.append(matrix)
        elif op == b"Q":
            matrix = stack.pop()
        elif op == b"cm":
            matrix = _multiply([float(x) for x in operands], matrix)
        elif op == b"Do" and xobjects[operands[0]].get_object()["/Subtype"] == "/Image":
            a, b, c, d = matrix[:4]
            drawn.append((str(operands[0]), abs(a * d - b * c)))
    return drawn


@pytest.fixture(scope="module")
def printed(map_book: dict[str, Any], browser: Any, tmp_path_factory: pytest.TempPathFactory):
    """The Guangdong → Guangxi map printed on a 1920 × 1080 slide and on A4."""
    built = map_book[GUANGDONG_GUANGXI]
    folder = tmp_path_factory.mktemp("pdf")
    pdfs = {}
    for label in ("1920x1080", "A4"):
        pdfs[label] = folder / f"{built.slug}-{label}.pdf"
        render_pdf(built.path, pdfs[label], size=parse_size(label), browser=browser)
    return built, pdfs


@pytest.mark.browser
@pytest.mark.parametrize(("label", "points"), [("1920x1080", (1440, 810)), ("A4", (841.9, 595.3))])
def test_one_landscape_page_of_the_asked_size(
    printed: tuple[Any, dict[str, Path]], label: str, points: tuple[float, float]
) -> None:
    reader = PdfReader(printed[1][label])
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    # Chromium rounds paper to whole device units: A4 comes out 0.6 pt taller
    assert (float(box.width), float(box.height)) == pytest.approx(points, abs=1)


@pytest.mark.browser
@pytest.mark.parametrize("label", ["1920x1080", "A4"])
def test_title_legend_and_scale_are_text_and_paths(
    printed: tuple[Any, dict[str, Path]], label: str
) -> None:
    built, pdfs = printed
    text = pdftotext(pdfs[label])
    assert built.title in text
    assert "帮扶方" in text and "km" in text  # the legend and the scale bar
    reader = PdfReader(pdfs[label])
    ops = operators(reader, reader.pages[0])
    assert ops[b"Tj"] + ops[b"TJ"] > 50, "text is drawn as text"
    assert sum(ops[op] for op in PATH_OPERATORS) > 20, "boxes and swatches are paths"
    assert sum(ops[op] for op in PAINT_OPERATORS) > 10
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert len(fonts) >= 1


@pytest.mark.browser
def test_the_map_itself_is_vector_not_one_bitmap(printed: tuple[Any, dict[str, Path]]) -> None:
    built, pdfs = printed
    reader = PdfReader(pdfs["1920x1080"])
    page = reader.pages[0]
    page_area = float(page.mediabox.width) * float(page.mediabox.height)
    largest = max((area for _, area in image_areas(reader, page)), default=0.0)
    assert largest < page_area / 4, f"a bitmap covers {largest / page_area:.0%} of the page"
    assert image_areas(reader, page) == [], "not even a box shadow is a bitmap"
    ops = operators(reader, page)
    # Skia paints a dashed stroke as a filled outline: count every painting operator
    painted = sum(ops[op] for op in PAINT_OPERATORS)
    assert painted >= built.n_flows, "every flow is a painted path"


@pytest.mark.browser
def test_interactive_controls_are_hidden_and_content_kept(tmp_path: Path, browser: Any) -> None:
    body = (
        '<div class="leaflet-control"><input class="pairmap-search">SEARCHBOX</div>'
        '<div class="leaflet-control-layers">LAYERSWITCH</div>'
        '<div class="pairmap-legend">LEGENDTEXT</div>'
    )
    page = tmp_path / "controls.html"
    page.write_text(READY_PAGE % body, encoding="utf-8")
    out = tmp_path / "controls.pdf"
    render_pdf(page, out, size=parse_size("640x360"), browser=browser)
    text = pdftotext(out)
    assert "LEGENDTEXT" in text
    assert "SEARCHBOX" not in text and "LAYERSWITCH" not in text


@pytest.mark.browser
def test_network_requests_are_blocked_while_printing(
    tmp_path: Path, browser: Any, caplog: pytest.LogCaptureFixture
) -> None:
    page = tmp_path / "online.html"
    page.write_text(READY_PAGE % '<img src="https://cdn.example.invalid/a.png">', encoding="utf-8")
    render_pdf(page, tmp_path / "offline.pdf", size=parse_size("640x360"), browser=browser)
    blocked = [r.getMessage() for r in caplog.records if "blocked" in r.getMessage()]
    assert blocked == [
        "blocked a network request while printing: https://cdn.example.invalid/a.png"
    ]


@pytest.mark.browser
def test_a_page_that_never_becomes_ready_fails_and_leaves_no_file(
    tmp_path: Path, browser: Any
) -> None:
    page = tmp_path / "never.html"
    page.write_text(
        "<script>window.pairmap = {ready: false}; throw new Error('boom in map');</script>",
        encoding="utf-8",
    )
    with pytest.raises(PairmapError, match=r"window\.pairmap\.ready") as caught:
        render_pdf(page, tmp_path / "never.pdf", timeout=1, browser=browser)
    assert "boom in map" in str(caught.value)
    assert [p.name for p in tmp_path.iterdir()] == ["never.html"]


def test_a_missing_page_is_named(tmp_path: Path) -> None:
    with pytest.raises(PairmapError, match=r"nowhere\.html: no such map page"):
        render_pdf(tmp_path / "nowhere.html", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_missing_chromium_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CHROMIUM_ENV, str(tmp_path / "no-such-chromium"))
    page = tmp_path / "map.html"
    page.write_text(READY_PAGE % "", encoding="utf-8")
    with pytest.raises(PairmapError) as caught:
        render_pdf(page, tmp_path / "map.pdf")
    assert CHROMIUM_HINT in str(caught.value)
    assert not (tmp_path / "map.pdf").exists()
