"""Tests of ``pairmap build`` through click's CliRunner."""

from __future__ import annotations

import re
import struct
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from office import convert_with_libreoffice
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from pairmap.maps.book import BOOK_DECK, PNG_HEIGHT, PNG_SCALE, PNG_WIDTH, book_specs
from pairmap.maps.deck import PPTX_HINT
from pairmap.maps.png import CHROMIUM_ENV, CHROMIUM_HINT
from pairmap.scripts.cli import cli


def test_build_writes_the_book_then_leaves_it_alone(tmp_path: Path) -> None:
    out = tmp_path / "book"
    result = CliRunner().invoke(cli, ["build", "-o", str(out)])
    assert result.exit_code == 0, result.output
    slugs = [spec.slug for spec in book_specs()]
    assert sorted(p.stem for p in out.glob("*.html")) == sorted([*slugs, "index"])
    assert f"open {out / 'index.html'}" in result.stdout
    assert f"{len(slugs)} maps ({len(slugs)} written, 0 unchanged)" in result.stdout
    index = (out / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'href="([^"]+)"', index) == [f"{slug}.html" for slug in slugs]

    again = CliRunner().invoke(cli, ["build", "-o", str(out)])
    assert again.exit_code == 0, again.output
    assert f"(0 written, {len(slugs)} unchanged)" in again.stdout


def test_png_without_chromium_says_what_to_install_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CHROMIUM_ENV, str(tmp_path / "no-such-chromium"))
    out = tmp_path / "book"
    result = CliRunner().invoke(cli, ["build", "-o", str(out), "--png"])
    assert result.exit_code == 1, result.output
    assert "Chromium" in result.stderr and CHROMIUM_HINT in result.stderr
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.browser
def test_png_writes_a_slide_per_map_and_thumbnails_in_the_gallery(tmp_path: Path) -> None:
    out = tmp_path / "book"
    result = CliRunner().invoke(cli, ["build", "-o", str(out), "--png"])
    assert result.exit_code == 0, result.output
    slugs = [spec.slug for spec in book_specs()]
    assert sorted(p.stem for p in out.glob("*.png")) == sorted(slugs)
    for slug in slugs:
        head = (out / f"{slug}.png").read_bytes()[:24]
        assert head[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", head[16:24])
        assert (width, height) == (PNG_WIDTH * PNG_SCALE, PNG_HEIGHT * PNG_SCALE)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<img class="thumb" src="([^"]+)"', index) == [f"{s}.png" for s in slugs]
    assert re.findall(r'href="([^"]+)"', index) == [f"{slug}.html" for slug in slugs]

    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.png")}
    again = CliRunner().invoke(cli, ["build", "-o", str(out), "--png"])
    assert again.exit_code == 0, again.output
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.png")} == before

    plain = CliRunner().invoke(cli, ["build", "-o", str(out)])
    assert plain.exit_code == 0, plain.output
    assert "<img" not in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_pptx_writes_the_whole_book_as_one_deck_libreoffice_converts(tmp_path: Path) -> None:
    out = tmp_path / "book"
    result = CliRunner().invoke(cli, ["build", "-o", str(out), "--pptx"])
    assert result.exit_code == 0, result.output
    specs = book_specs()
    deck = out / BOOK_DECK
    assert f"wrote {deck} ({len(specs)} slides, 1920x1080" in result.stdout
    slides = Presentation(str(deck)).slides
    assert len(slides) == len(specs)
    for slide, spec in zip(slides, specs, strict=True):
        (picture,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert picture.image.size == (1920, 1080)
        assert picture.click_action.hyperlink.address == f"{spec.slug}.html"
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert spec.title in texts
        assert any(t.startswith("数据：") for t in texts)
    converted = convert_with_libreoffice(deck, tmp_path)
    assert len(PdfReader(converted).pages) == len(specs)


@pytest.mark.browser
def test_pptx_without_python_pptx_names_the_extra_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pptx", None)
    out = tmp_path / "book"
    result = CliRunner().invoke(cli, ["build", "-o", str(out), "--pptx"])
    assert result.exit_code == 1, result.output
    assert PPTX_HINT in result.stderr
    assert not out.exists() or not any(out.iterdir())
