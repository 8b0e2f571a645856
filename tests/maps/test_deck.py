"""Tests of PPTX decks (maps.deck): read back with python-pptx, converted by LibreOffice."""

from __future__ import annotations

import getpass
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from office import convert_with_libreoffice
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from pairmap.geo.errors import PairmapError
from pairmap.maps.deck import DECK_DATE, PPTX_HINT, SLIDE_HEIGHT, SLIDE_WIDTH, Slide, write_deck

#: Picture sizes of the test slides: 16:9, portrait, 4:3.
PICTURE_SIZES = ((1920, 1080), (600, 960), (1600, 1200))


def make_png(path: Path, size: tuple[int, int], colour: tuple[int, int, int]) -> Path:
    """A real PNG of one colour with a black stripe (so no two test pictures are equal)."""
    image = Image.new("RGB", size, colour)
    image.paste((0, 0, 0), (0, 0, size[0] // 3, 10))
    image.save(path, format="PNG")
    return path


@pytest.fixture
def slides(tmp_path: Path) -> list[Slide]:
    colours = ((200, 60, 40), (40, 120, 200), (90, 160, 60))
    made = []
    for number, (size, colour) in enumerate(zip(PICTURE_SIZES, colours, strict=True)):
        picture = make_png(tmp_path / f"map-{number}.png", size, colour)
        made.append(
            Slide(
                title=f"广东 → 广西 粤桂协作 {number} <b>&amp;",
                picture=picture,
                source=f"数据：随附表 table_{number}.csv · 日期：2022-03",
                link=f"maps/map-{number}.html",
                subtitle="各表中广东对广西的全部结对" if number != 1 else "",
                notes=f"讲稿 {number}" if number != 2 else "",
            )
        )
    return made


def all_text(slide: Any) -> list[str]:
    """The text of every text box of a slide."""
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def link_targets(slide: Any) -> list[str]:
    """The hyperlink targets of every text run of a slide."""
    runs = [
        run
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    ]
    return [run.hyperlink.address for run in runs if run.hyperlink.address]


def test_reads_back_one_slide_per_map_with_picture_title_source_and_link(
    tmp_path: Path, slides: list[Slide]
) -> None:
    out = tmp_path / "deck.pptx"
    write_deck(slides, out)
    deck = Presentation(str(out))
    assert (deck.slide_width, deck.slide_height) == (SLIDE_WIDTH, SLIDE_HEIGHT)
    assert SLIDE_WIDTH * 9 == SLIDE_HEIGHT * 16
    assert len(deck.slides) == len(slides)
    for page, slide in zip(deck.slides, slides, strict=True):
        pictures = [s for s in page.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        assert pictures[0].image.blob == slide.picture.read_bytes()
        texts = all_text(page)
        assert slide.title in texts  # literally, not as markup
        assert slide.source in texts
        assert (slide.subtitle in texts) == bool(slide.subtitle)
        assert link_targets(page) == [slide.link]
        assert pictures[0].click_action.hyperlink.address == slide.link
        notes = page.notes_slide.notes_text_frame.text if page.has_notes_slide else ""
        assert notes == slide.notes


def test_pictures_are_fitted_without_distortion_inside_the_slide(
    tmp_path: Path, slides: list[Slide]
) -> None:
    out = tmp_path / "deck.pptx"
    write_deck(slides, out)
    for page, (width, height) in zip(Presentation(str(out)).slides, PICTURE_SIZES, strict=True):
        (picture,) = [s for s in page.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert picture.width / picture.height == pytest.approx(width / height, rel=1e-4)
        assert picture.left >= 0 and picture.top >= 0
        assert picture.left + picture.width <= SLIDE_WIDTH
        assert picture.top + picture.height <= SLIDE_HEIGHT
        assert (picture.crop_left, picture.crop_right, picture.crop_top) == (0, 0, 0)
        others = [s for s in page.shapes if s.shape_id != picture.shape_id]
        for shape in others:  # title, subtitle, source and link never cover the picture
            apart_vertically = (
                shape.top + shape.height <= picture.top or shape.top >= picture.top + picture.height
            )
            assert apart_vertically, shape.text_frame.text
        # as large as fits: it touches the free area's sides or its top and bottom
        assert picture.height > SLIDE_HEIGHT * 0.6 or picture.width > SLIDE_WIDTH * 0.8


def test_the_same_slides_give_the_same_bytes_with_no_clock_or_user_in_them(
    tmp_path: Path, slides: list[Slide]
) -> None:
    first, second = tmp_path / "a.pptx", tmp_path / "b.pptx"
    write_deck(slides, first)
    write_deck(slides, second, title="")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert "Steve Canny" not in core and "python-pptx" not in core
    assert f">{getpass.getuser()}<" not in core
    properties = Presentation(str(first)).core_properties
    assert properties.created == properties.modified == DECK_DATE
    assert properties.author == properties.last_modified_by == "pairmap"
    assert properties.title == slides[0].title
    write_deck(slides, second, title="粤桂协作地图集")
    assert Presentation(str(second)).core_properties.title == "粤桂协作地图集"


def test_no_slides_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "empty.pptx"
    with pytest.raises(PairmapError, match=r"at least one map"):
        write_deck([], out)
    assert not out.exists()


def test_a_missing_picture_is_named_and_an_existing_deck_is_left_whole(
    tmp_path: Path, slides: list[Slide]
) -> None:
    out = tmp_path / "deck.pptx"
    write_deck(slides[:1], out)
    before = out.read_bytes()
    missing = Slide("缺图", tmp_path / "nowhere.png", "数据", "nowhere.html")
    with pytest.raises(PairmapError, match=r"nowhere\.png: no such picture.*'缺图'"):
        write_deck([*slides, missing], out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pptx") == ["deck.pptx"]


def test_a_picture_that_is_not_an_image_is_refused(tmp_path: Path, slides: list[Slide]) -> None:
    fake = tmp_path / "fake.png"
    fake.write_text("<html>not a picture</html>", encoding="utf-8")
    out = tmp_path / "deck.pptx"
    with pytest.raises(PairmapError, match=r"fake\.png: not a PNG or JPEG image"):
        write_deck([Slide("假图", fake, "数据", "x.html")], out)
    assert not out.exists()


@pytest.mark.parametrize(
    "link", ["", "/home/someone/map.html", "https://example.org/map.html", "file:///tmp/m.html"]
)
def test_links_must_be_relative_paths(tmp_path: Path, slides: list[Slide], link: str) -> None:
    bad = Slide("链接", slides[0].picture, "数据", link)
    with pytest.raises(PairmapError, match=r"relative to the deck"):
        write_deck([bad], tmp_path / "deck.pptx")


def test_missing_python_pptx_says_what_to_install(
    tmp_path: Path, slides: list[Slide], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pptx", None)  # import pptx now raises ImportError
    out = tmp_path / "deck.pptx"
    with pytest.raises(PairmapError) as caught:
        write_deck(slides, out)
    assert PPTX_HINT in str(caught.value)
    assert not out.exists()


def test_libreoffice_converts_the_deck_to_one_page_per_slide(
    tmp_path: Path, slides: list[Slide]
) -> None:
    out = tmp_path / "deck.pptx"
    write_deck(slides, out)
    converted = convert_with_libreoffice(out, tmp_path)
    reader = PdfReader(converted)
    assert len(reader.pages) == len(slides)
    for page, slide in zip(reader.pages, slides, strict=True):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width / height == pytest.approx(16 / 9, rel=1e-3)
        links = {
            annotation.get_object()["/A"].get("/URI")
            for annotation in page.get("/Annots") or []
            if annotation.get_object().get("/Subtype") == "/Link"
        }
        assert links == {slide.link}, "the picture and the link text open the map"
