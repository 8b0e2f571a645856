"""Tests of decks of map pages (maps.slides): real pages drawn by Chromium, read back."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from pairmap.geo.errors import PairmapError
from pairmap.maps.book import GUANGDONG_GUANGXI
from pairmap.maps.deck import PPTX_HINT
from pairmap.maps.sizes import parse_size
from pairmap.maps.slides import relative_link, save_deck

SLUGS = ("east-west-2021", GUANGDONG_GUANGXI, "seed-2022-maoming-laibin")


def slide_texts(slide: Any) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


@pytest.mark.browser
def test_a_deck_of_map_pages_reads_back_one_slide_per_map(
    map_book: dict[str, Any], browser: Any, tmp_path: Path
) -> None:
    built = [map_book[slug] for slug in SLUGS]
    deck = tmp_path / "decks" / "maps.pptx"
    deck.parent.mkdir()
    size = parse_size("1920x1080")
    save_deck([b.path for b in built], deck, size=size, browser=browser)
    slides = Presentation(str(deck)).slides
    assert len(slides) == len(built)
    for slide, item in zip(slides, built, strict=True):
        (picture,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        image = picture.image
        assert image.content_type == "image/png" and image.size == (1920, 1080)
        texts = slide_texts(slide)
        assert item.title in texts
        (note,) = [t for t in texts if t.startswith("数据：")]
        assert f"{item.n_flows} 条结对" in note
        link = picture.click_action.hyperlink.address
        assert (deck.parent / link).resolve() == item.path.resolve()
        assert not Path(link).is_absolute()
    assert [p.name for p in deck.parent.iterdir()] == ["maps.pptx"]  # no pictures left


@pytest.mark.browser
def test_pictures_follow_size_and_scale(
    map_book: dict[str, Any], browser: Any, tmp_path: Path
) -> None:
    deck = tmp_path / "big.pptx"
    size = parse_size("3840x2160", scale=2)
    save_deck([map_book[GUANGDONG_GUANGXI].path], deck, size=size, browser=browser)
    (slide,) = Presentation(str(deck)).slides
    (picture,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert picture.image.size == (3840, 2160)
    with Image.open(io.BytesIO(picture.image.blob)) as image:
        colours = image.convert("RGB").resize((64, 36)).getcolors(64 * 36)
    assert colours is not None and len(colours) > 20  # a drawn map, not a blank page


def test_missing_python_pptx_is_named_before_any_page_is_drawn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pptx", None)
    deck = tmp_path / "deck.pptx"
    with pytest.raises(PairmapError) as caught:
        save_deck([tmp_path / "nowhere.html"], deck)
    assert PPTX_HINT in str(caught.value)
    assert not deck.exists()


def test_a_missing_page_is_named(tmp_path: Path) -> None:
    with pytest.raises(PairmapError, match=r"nowhere\.html: no such map page"):
        save_deck([tmp_path / "nowhere.html"], tmp_path / "deck.pptx")


def test_links_are_relative_with_forward_slashes(tmp_path: Path) -> None:
    assert relative_link(tmp_path / "maps" / "a.html", tmp_path) == "maps/a.html"
    assert relative_link(tmp_path / "a.html", tmp_path / "decks") == "../a.html"
