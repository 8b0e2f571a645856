"""Export sizes: slide images in pixels and landscape paper (A4, A3) for PNG and PDF."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from pairmap.geo.errors import PairmapError

#: CSS pixels per inch: how Chromium lays a page out on paper.
CSS_DPI = 96.0

MM_PER_INCH = 25.4

#: Landscape paper sizes in millimetres (ISO 216), by the name ``--size`` takes.
PAPER_SIZES: dict[str, tuple[float, float]] = {"A4": (297.0, 210.0), "A3": (420.0, 297.0)}

#: Slide sizes offered by name (any ``WxH`` within the limits is accepted too).
SLIDE_SIZES: tuple[str, ...] = ("1920x1080", "3840x2160", "1600x1200")

#: The size used when none is given: a 16:9 slide.
DEFAULT_SIZE = "1920x1080"

#: Smallest and largest image side in pixels (Chromium's screenshots stop at 16384).
MIN_PIXELS, MAX_PIXELS = 64, 16384

#: Smallest and largest device scale factor.
MIN_SCALE, MAX_SCALE = 0.5, 8.0

_WXH = re.compile(r"^\s*(\d+)\s*[x×X*]\s*(\d+)\s*$")


class ExportSizeError(PairmapError, ValueError):
    """A ``--size`` or ``--scale`` that pairmap cannot export at."""


@dataclass(frozen=True)
class ExportSize:
    """The size of one exported picture or page.

    Attributes
    ----------
    label
        The size as named: ``"1920x1080"``, ``"A4"``, ...
    css_width, css_height
        The page is laid out at this size in CSS pixels (the browser's viewport).
    scale
        Device scale factor: image pixels per CSS pixel.
    paper_mm
        ``(width, height)`` of the landscape paper in millimetres, or ``None`` for a
        slide size (a PDF page is then the slide itself).
    """

    label: str
    css_width: int
    css_height: int
    scale: float = 1.0
    paper_mm: tuple[float, float] | None = None

    @property
    def pixel_width(self) -> int:
        """Width of a PNG in pixels."""
        return round(self.css_width * self.scale)

    @property
    def pixel_height(self) -> int:
        """Height of a PNG in pixels."""
        return round(self.css_height * self.scale)

    @property
    def dpi(self) -> float | None:
        """Dots per inch of a PNG on paper sizes (``96 × scale``); ``None`` for slides."""
        return CSS_DPI * self.scale if self.paper_mm else None

    @property
    def pdf_page(self) -> tuple[str, str]:
        """PDF page width and height as CSS lengths (``"297mm"``, or ``"1920px"``)."""
        if self.paper_mm:
            return f"{self.paper_mm[0]:g}mm", f"{self.paper_mm[1]:g}mm"
        return f"{self.css_width}px", f"{self.css_height}px"

    def describe(self) -> str:
        """A report line, e.g. ``A4 landscape (297 × 210 mm) at 192 dpi: 2246 × 1588 px``."""
        pixels = f"{self.pixel_width} × {self.pixel_height} px"
        if self.paper_mm:
            width, height = self.paper_mm
            return (
                f"{self.label} landscape ({width:g} × {height:g} mm) at {self.dpi:g} dpi: {pixels}"
            )
        if self.scale == 1:
            return f"{self.label}: {pixels}"
        layout = f"{self.css_width} × {self.css_height} CSS px"
        return f"{self.label}: {pixels} ({layout} × {self.scale:g})"


def accepted_forms() -> str:
    """The forms ``--size`` takes, for help texts and error messages."""
    return f"WxH in pixels (e.g. {', '.join(SLIDE_SIZES)}) or {' / '.join(PAPER_SIZES)}"


def parse_size(text: str, *, scale: float = 1.0) -> ExportSize:
    """Read a ``--size`` value.

    ``WxH`` names the PNG in pixels; the page is laid out at ``W/scale × H/scale`` CSS
    pixels, so ``3840x2160`` with ``scale=2`` is the 1920 × 1080 layout at twice the
    detail. ``A4`` and ``A3`` are landscape paper: laid out at 96 CSS pixels per inch,
    a PNG at ``96 × scale`` dpi, a PDF page of that paper.

    Parameters
    ----------
    text
        ``"1920x1080"`` (``x``, ``X`` or ``×``), ``"A4"`` or ``"A3"`` (any case).
    scale
        Device scale factor (``--scale``).

    Returns
    -------
    ExportSize

    Raises
    ------
    ExportSizeError
        The text is none of the accepted forms, a side is out of range, the scale is
        out of range, or ``W/scale`` or ``H/scale`` is not a whole number of CSS pixels.
    """
    _check_scale(scale)
    name = text.strip().upper()
    if name in PAPER_SIZES:
        return _paper_size(name, scale)
    match = _WXH.match(text)
    if match is None:
        raise ExportSizeError(f"--size {text!r} is not a size; use {accepted_forms()}.")
    width, height = int(match[1]), int(match[2])
    for side, value in (("width", width), ("height", height)):
        if not MIN_PIXELS <= value <= MAX_PIXELS:
            raise ExportSizeError(
                f"--size {text!r}: the {side} {value} px is outside {MIN_PIXELS}–{MAX_PIXELS} px; "
                f"use {accepted_forms()}."
            )
    css_width, css_height = _css_pixels(width, scale), _css_pixels(height, scale)
    if css_width is None or css_height is None:
        raise ExportSizeError(
            f"--size {width}x{height} at --scale {scale:g} is {width / scale:.2f} × "
            f"{height / scale:.2f} CSS pixels, not whole pixels; pick a scale that divides "
            "both sides (1, 2, ...) or a size that the scale divides."
        )
    return ExportSize(f"{width}x{height}", css_width, css_height, scale)


def default_size(*, scale: float = 1.0) -> ExportSize:
    """The default 16:9 slide, :data:`DEFAULT_SIZE`."""
    return parse_size(DEFAULT_SIZE, scale=scale)


def _check_scale(scale: float) -> None:
    if not (math.isfinite(scale) and MIN_SCALE <= scale <= MAX_SCALE):
        raise ExportSizeError(
            f"--scale {scale:g} is outside {MIN_SCALE:g}–{MAX_SCALE:g}; "
            "use 1 for the named size, 2 for twice the detail."
        )


def _css_pixels(pixels: int, scale: float) -> int | None:
    css = pixels / scale
    return round(css) if abs(css - round(css)) < 1e-6 else None


def _paper_size(name: str, scale: float) -> ExportSize:
    width_mm, height_mm = PAPER_SIZES[name]
    css_width = round(width_mm / MM_PER_INCH * CSS_DPI)
    css_height = round(height_mm / MM_PER_INCH * CSS_DPI)
    # A3 at the largest scale is 12,696 px wide: paper never exceeds MAX_PIXELS
    return ExportSize(name, css_width, css_height, scale, (width_mm, height_mm))
