"""Tests of export sizes (maps.sizes): slide sizes in pixels, landscape A4/A3, --scale."""

from __future__ import annotations

import dataclasses
import math
import struct
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pairmap.geo.errors import PairmapError
from pairmap.maps.png import render_png
from pairmap.maps.sizes import (
    MAX_PIXELS,
    MAX_SCALE,
    MIN_PIXELS,
    ExportSize,
    ExportSizeError,
    default_size,
    parse_size,
)


def test_the_default_is_a_16_9_slide_of_1920_by_1080() -> None:
    size = default_size()
    assert (size.pixel_width, size.pixel_height) == (1920, 1080)
    assert (size.css_width, size.css_height, size.scale) == (1920, 1080, 1)
    assert size.paper_mm is None and size.dpi is None
    assert size.pdf_page == ("1920px", "1080px")


@pytest.mark.parametrize(
    ("text", "pixels"),
    [
        ("1920x1080", (1920, 1080)),
        ("3840x2160", (3840, 2160)),
        ("1600x1200", (1600, 1200)),
        (" 1600X1200 ", (1600, 1200)),
        ("1920×1080", (1920, 1080)),
    ],
)
def test_a_slide_size_names_the_image_in_pixels(text: str, pixels: tuple[int, int]) -> None:
    size = parse_size(text)
    assert (size.pixel_width, size.pixel_height) == pixels
    assert (size.css_width, size.css_height) == pixels
    assert size.label == f"{pixels[0]}x{pixels[1]}"


def test_scale_keeps_the_image_size_and_lays_the_page_out_smaller() -> None:
    size = parse_size("3840x2160", scale=2)
    assert (size.css_width, size.css_height) == (1920, 1080)
    assert (size.pixel_width, size.pixel_height) == (3840, 2160)
    assert size.pdf_page == ("1920px", "1080px")
    assert size.describe() == "3840x2160: 3840 × 2160 px (1920 × 1080 CSS px × 2)"
    assert parse_size("1920x1080", scale=1.5).css_width == 1280


@pytest.mark.parametrize(
    ("text", "paper", "css"),
    [("A4", (297, 210), (1123, 794)), ("a3", (420, 297), (1587, 1123))],
)
def test_paper_sizes_are_landscape_at_96_css_pixels_per_inch(
    text: str, paper: tuple[int, int], css: tuple[int, int]
) -> None:
    size = parse_size(text, scale=2)
    assert size.paper_mm == paper
    assert (size.css_width, size.css_height) == css
    assert size.css_width > size.css_height
    assert size.dpi == 192
    assert (size.pixel_width, size.pixel_height) == (css[0] * 2, css[1] * 2)
    assert size.pdf_page == (f"{paper[0]}mm", f"{paper[1]}mm")
    assert size.describe().startswith(f"{text.upper()} landscape ({paper[0]} × {paper[1]} mm)")
    assert "192 dpi" in size.describe()


@pytest.mark.parametrize(
    "text", ["", "1920", "1920x", "x1080", "A5", "B4", "16:9", "1920x1080px", "-1920x1080"]
)
def test_a_bad_size_names_the_accepted_forms(text: str) -> None:
    with pytest.raises(ExportSizeError) as caught:
        parse_size(text)
    message = str(caught.value)
    assert repr(text) in message
    for form in ("WxH", "1920x1080", "3840x2160", "1600x1200", "A4", "A3"):
        assert form in message


@pytest.mark.parametrize("text", ["0x1080", "1920x10", f"{MAX_PIXELS + 1}x1080"])
def test_a_side_out_of_range_is_refused(text: str) -> None:
    with pytest.raises(ExportSizeError, match=r"outside 64–16384 px"):
        parse_size(text)


@pytest.mark.parametrize("scale", [0, -1, 0.25, 9, math.nan, math.inf])
def test_a_scale_out_of_range_is_refused(scale: float) -> None:
    with pytest.raises(ExportSizeError, match=r"--scale"):
        parse_size("1920x1080", scale=scale)


def test_a_scale_that_does_not_divide_the_size_is_refused_not_rounded() -> None:
    with pytest.raises(ExportSizeError, match=r"1066\.67 × 800\.00 CSS pixels"):
        parse_size("1600x1200", scale=1.5)


def test_paper_at_the_largest_scale_stays_within_chromium_s_screenshot_limit() -> None:
    size = parse_size("A3", scale=MAX_SCALE)
    assert max(size.pixel_width, size.pixel_height) <= MAX_PIXELS


def test_size_errors_are_pairmap_and_value_errors() -> None:
    assert issubclass(ExportSizeError, PairmapError)
    assert issubclass(ExportSizeError, ValueError)


def test_sizes_are_frozen() -> None:
    size = default_size()
    with pytest.raises(dataclasses.FrozenInstanceError):
        size.css_width = 10  # type: ignore[misc]
    assert isinstance(size, ExportSize)


@given(
    width=st.integers(MIN_PIXELS, 4000),
    height=st.integers(MIN_PIXELS, 4000),
    scale=st.sampled_from([1, 2, 3, 4]),
    sign=st.sampled_from(["x", "X", "×"]),
)
def test_any_whole_layout_round_trips(width: int, height: int, scale: int, sign: str) -> None:
    size = parse_size(f"{width * scale}{sign}{height * scale}", scale=scale)
    assert (size.css_width, size.css_height) == (width, height)
    assert (size.pixel_width, size.pixel_height) == (width * scale, height * scale)
    assert parse_size(size.label, scale=scale) == size


@pytest.mark.browser
@pytest.mark.parametrize(
    ("text", "scale", "pixels"),
    [("1920x1080", 1, (1920, 1080)), ("3840x2160", 2, (3840, 2160)), ("A4", 1, (1123, 794))],
)
def test_a_png_at_a_parsed_size_has_exactly_its_pixels(
    tmp_path: Path, browser: Any, text: str, scale: float, pixels: tuple[int, int]
) -> None:
    size = parse_size(text, scale=scale)
    out = tmp_path / "slide.png"
    page = '<body style="margin:0"><script>window.pairmap = {ready: true};</script></body>'
    render_png(
        page, out, width=size.css_width, height=size.css_height, scale=size.scale, browser=browser
    )
    head = out.read_bytes()[:24]
    assert head[12:16] == b"IHDR"
    assert struct.unpack(">II", head[16:24]) == pixels == (size.pixel_width, size.pixel_height)
