"""Slide decks (PPTX): one 16:9 slide per map with its picture, title, source and a link."""

from __future__ import annotations

import datetime as dt
import io
import logging
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pairmap.geo.atomic import write_bytes_atomic
from pairmap.geo.errors import PairmapError

logger = logging.getLogger(__name__)

#: What to install when python-pptx is missing.
PPTX_HINT = "pip install 'pairmap[pptx]'"

#: A 16:9 slide (PowerPoint's "Widescreen"), in EMU (914,400 per inch).
SLIDE_WIDTH, SLIDE_HEIGHT = 12_192_000, 6_858_000

#: Fixed document dates, so the same slides give the same bytes.
DECK_DATE = dt.datetime(2000, 1, 1)

#: Timestamp of every member of the written zip file (the earliest zip allows).
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

_EMU_PER_INCH = 914_400
_MARGIN = _EMU_PER_INCH // 4
_TITLE_HEIGHT = _EMU_PER_INCH * 6 // 10
_SUBTITLE_HEIGHT = _EMU_PER_INCH * 4 // 10
_FOOTER_HEIGHT = _EMU_PER_INCH * 45 // 100
_LINK_WIDTH = _EMU_PER_INCH * 3
_GAP = _EMU_PER_INCH // 12
_GREY = (0x55, 0x55, 0x55)
_FRAME = (0xBB, 0xBB, 0xBB)
_BLANK_LAYOUT = 6


@dataclass(frozen=True)
class Slide:
    """One map on one slide.

    Attributes
    ----------
    title
        The slide's title (the map's title).
    picture
        A PNG (or JPEG) of the map, fitted into the slide without distortion.
    source
        The source note line at the bottom (data sources, date).
    link
        The map's HTML file relative to the deck, e.g. ``"maps/guangdong-guangxi.html"``;
        shown as a link at the bottom right, and clicking the picture opens it too.
    subtitle
        A line under the title (may be empty).
    notes
        Speaker notes (may be empty).
    """

    title: str
    picture: Path
    source: str
    link: str
    subtitle: str = ""
    notes: str = ""


def write_deck(slides: Sequence[Slide], path: Path, *, title: str = "") -> None:
    """Write a PPTX deck, one 16:9 slide per map, atomically and deterministically.

    Parameters
    ----------
    slides
        The slides, in order.
    path
        The ``.pptx`` file to write; absent if anything fails.
    title
        The deck's document title (file properties); default: the first slide's title.

    Raises
    ------
    PairmapError
        python-pptx is missing, there are no slides, a picture is missing or not an
        image, or a link is not a relative path.
    """
    if not slides:
        raise PairmapError(f"{path}: a deck needs at least one map; none were given.")
    for slide in slides:
        _check_slide(slide)
    pptx = require_pptx()
    deck = pptx.Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    for slide in slides:
        _add_slide(deck, slide)
    _fix_properties(deck.core_properties, title or slides[0].title)
    buffer = io.BytesIO()
    deck.save(buffer)
    write_bytes_atomic(Path(path), _repack(buffer.getvalue()))
    logger.info("wrote %s (%d slides)", path, len(slides))


def require_pptx() -> Any:
    """The ``pptx`` module, or a :class:`PairmapError` saying which extra to install."""
    try:
        import pptx
    except ImportError as error:
        raise PairmapError(f"PPTX export needs python-pptx: `{PPTX_HINT}`.") from error
    return pptx


def _check_slide(slide: Slide) -> None:
    picture = Path(slide.picture)
    if not picture.is_file():
        raise PairmapError(
            f"{picture}: no such picture for the slide {slide.title!r}; export the map "
            "as PNG first."
        )
    link = slide.link.replace("\\", "/")
    if not link or "://" in link or link.startswith("/") or PurePosixPath(link).is_absolute():
        raise PairmapError(
            f"Slide {slide.title!r}: the link {slide.link!r} must be the HTML file's path "
            "relative to the deck (e.g. 'maps/guangdong-guangxi.html'), so the deck and "
            "its maps can move together."
        )


def _add_slide(deck: Any, slide: Slide) -> None:
    page = deck.slides.add_slide(deck.slide_layouts[_BLANK_LAYOUT])
    width = SLIDE_WIDTH - 2 * _MARGIN
    top = _MARGIN // 2
    _text_box(page, slide.title, (_MARGIN, top, width, _TITLE_HEIGHT), size=26, bold=True)
    top += _TITLE_HEIGHT
    if slide.subtitle:
        _text_box(page, slide.subtitle, (_MARGIN, top, width, _SUBTITLE_HEIGHT), size=14)
        top += _SUBTITLE_HEIGHT
    footer_top = SLIDE_HEIGHT - _MARGIN // 2 - _FOOTER_HEIGHT
    box = (_MARGIN, top + _GAP, width, footer_top - top - 2 * _GAP)
    picture = _add_picture(page, Path(slide.picture), box)
    link = slide.link.replace("\\", "/")
    picture.click_action.hyperlink.address = link
    picture.line.color.rgb = _rgb(_FRAME)
    picture.line.width = _EMU_PER_INCH // 96
    source_box = (_MARGIN, footer_top, width - _LINK_WIDTH - _GAP, _FOOTER_HEIGHT)
    _text_box(page, slide.source, source_box, size=10, grey=True)
    link_box = (SLIDE_WIDTH - _MARGIN - _LINK_WIDTH, footer_top, _LINK_WIDTH, _FOOTER_HEIGHT)
    run = _text_box(page, link, link_box, size=10, align_right=True)
    run.hyperlink.address = link
    if slide.notes:
        page.notes_slide.notes_text_frame.text = slide.notes


def _add_picture(page: Any, picture: Path, box: tuple[int, int, int, int]) -> Any:
    """Add ``picture`` as large as fits in ``box`` (left, top, width, height), centred."""
    from pptx.parts.image import Image

    try:
        pixel_width, pixel_height = Image.from_file(str(picture)).size
    except Exception as error:  # python-pptx/Pillow raise many kinds for a bad image
        raise PairmapError(f"{picture}: not a PNG or JPEG image ({error}).") from error
    left, top, width, height = box
    fit = min(width / pixel_width, height / pixel_height)
    shown_width, shown_height = round(pixel_width * fit), round(pixel_height * fit)
    return page.shapes.add_picture(
        str(picture),
        left + (width - shown_width) // 2,
        top + (height - shown_height) // 2,
        shown_width,
        shown_height,
    )


def _text_box(
    page: Any,
    text: str,
    box: tuple[int, int, int, int],
    *,
    size: int,
    bold: bool = False,
    grey: bool = False,
    align_right: bool = False,
) -> Any:
    """Add a one-paragraph, word-wrapped text box; return its run."""
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Pt

    shape = page.shapes.add_textbox(*box)
    frame = shape.text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    if align_right:
        paragraph.alignment = PP_ALIGN.RIGHT
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    if grey:
        run.font.color.rgb = _rgb(_GREY)
    return run


def _rgb(colour: tuple[int, int, int]) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor(*colour)  # type: ignore[no-untyped-call]


def _fix_properties(properties: Any, title: str) -> None:
    """Document properties with no clock time and no user name in them."""
    properties.title = title
    properties.author = "pairmap"
    properties.last_modified_by = "pairmap"
    properties.comments = ""
    properties.revision = 1
    properties.created = DECK_DATE
    properties.modified = DECK_DATE
    properties.last_printed = DECK_DATE


def _repack(data: bytes) -> bytes:
    """The same zip with every member dated :data:`_ZIP_DATE` (python-pptx uses the clock)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()
