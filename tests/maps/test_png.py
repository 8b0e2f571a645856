"""Tests of PNG export (maps.png) in Debian's headless Chromium."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pairmap.geo.errors import PairmapError
from pairmap.maps.png import CHROMIUM_ENV, CHROMIUM_HINT, render_png

READY_PAGE = """<!doctype html><meta charset="utf-8">
<style>html,body{margin:0;height:100%%;background:#fff}</style>
<body>%s<script>window.pairmap = {ready: true};</script></body>"""


def png_pixels(path: Path) -> np.ndarray:
    """Decode an 8-bit RGB/RGBA PNG (what Chromium writes) to a height×width×channels array."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        header = body if kind == b"IHDR" else header
        idat += body if kind == b"IDAT" else b""
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6), (depth, colour)
    channels = 3 if colour == 2 else 4
    raw = np.frombuffer(zlib.decompress(idat), dtype=np.uint8).reshape(height, -1)
    out = np.zeros((height, width * channels), dtype=np.int32)
    for y in range(height):
        kind, row = raw[y, 0], raw[y, 1:].astype(np.int32)
        up = out[y - 1] if y else np.zeros_like(row)
        if kind in (0, 2):
            out[y] = (row + (up if kind == 2 else 0)) % 256
            continue
        if kind == 1:  # Sub: a running sum per channel
            out[y] = np.cumsum(row.reshape(width, channels), axis=0).reshape(-1) % 256
            continue
        for x in range(row.size):  # Sub, Average, Paeth need the reconstructed left byte
            left = out[y, x - channels] if x >= channels else 0
            corner = up[x - channels] if x >= channels else 0
            if kind == 1:
                pred = left
            elif kind == 3:
                pred = (left + up[x]) // 2
            else:
                p = left + up[x] - corner
                pa, pb, pc = abs(p - left), abs(p - up[x]), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else (up[x] if pb <= pc else corner)
            out[y, x] = (row[x] + pred) % 256
    return out.reshape(height, width, channels)[..., :3].astype(np.uint8)


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


@pytest.mark.browser
def test_writes_a_png_of_the_requested_pixel_size(tmp_path: Path) -> None:
    out = tmp_path / "slide.png"
    render_png(READY_PAGE % "<h1>广东 → 广西</h1>", out, width=320, height=200, scale=2)
    assert png_size(out) == (640, 400)
    render_png(READY_PAGE % "", out, width=300, height=120, scale=1)
    assert png_size(out) == (300, 120)  # replaced in place


@pytest.mark.browser
def test_interactive_controls_are_hidden_and_content_kept(tmp_path: Path) -> None:
    body = (
        '<div class="leaflet-control" style="position:absolute;left:0;top:0;'
        'width:200px;height:100px;background:#f00"><input class="pairmap-search"></div>'
        '<div class="pairmap-legend" style="position:absolute;left:0;top:100px;'
        'width:200px;height:100px;background:#00f"></div>'
    )
    out = tmp_path / "controls.png"
    render_png(READY_PAGE % body, out, width=200, height=200, scale=1)
    pixels = png_pixels(out)
    top, bottom = pixels[:100].reshape(-1, 3), pixels[100:].reshape(-1, 3)
    assert (top == [255, 255, 255]).all(), "the search box should not be on a slide"
    assert (bottom == [0, 0, 255]).all(), "the legend must stay"


@pytest.mark.browser
def test_a_page_that_never_becomes_ready_fails_and_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "never.png"
    page = "<script>window.pairmap = {ready: false}; throw new Error('boom in map');</script>"
    with pytest.raises(PairmapError, match=r"window\.pairmap\.ready") as caught:
        render_png(page, out, width=200, height=100, timeout=1)
    assert "boom in map" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.browser
def test_network_requests_are_blocked_while_rendering(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page = READY_PAGE % '<img src="https://cdn.example.invalid/leaflet.js">'
    render_png(page, tmp_path / "offline.png", width=100, height=100, scale=1)
    blocked = [r.getMessage() for r in caplog.records if "blocked" in r.getMessage()]
    assert blocked == [
        "blocked a network request while rendering: https://cdn.example.invalid/leaflet.js"
    ]


def test_missing_chromium_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CHROMIUM_ENV, str(tmp_path / "no-such-chromium"))
    out = tmp_path / "map.png"
    with pytest.raises(PairmapError) as caught:
        render_png(READY_PAGE % "", out)
    message = str(caught.value)
    assert CHROMIUM_HINT in message and "no-such-chromium" in message
    assert not out.exists()


@pytest.mark.browser
def test_a_real_map_renders_in_colour(map_book: dict[str, Any], tmp_path: Path) -> None:
    built = max(map_book.values(), key=lambda item: item.n_flows)
    out = tmp_path / f"{built.slug}.png"
    render_png(built.path.read_text(encoding="utf-8"), out, width=800, height=500, scale=1)
    pixels = png_pixels(out)
    assert pixels.shape == (500, 800, 3)
    colours = np.unique(pixels.reshape(-1, 3), axis=0)
    assert len(colours) > 50, "a drawn map has boundaries, flows and a legend in many shades"
