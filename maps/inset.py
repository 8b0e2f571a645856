"""The South China Sea on national maps: the 南海诸岛 inset as SVG, the maritime line, the view.

The inset is projected here, in Python (Web Mercator, like the main map), so the
page receives finished SVG path data: the same bytes for the same data, a vector
element in the page and in every export. Its scale bar is true at the latitude it
names (Mercator's scale varies by about ±6 % between the inset's top and bottom).
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np
import shapely

from pairmap.geo.datum import convert_coords, convert_geometries
from pairmap.geo.south_china_sea import Extent, inset_extent, inset_geometries, mainland_extent
from pairmap.geo.south_china_sea import maritime_line as wgs84_maritime_line
from pairmap.maps.document import html_text

#: Width of the inset's map area in CSS pixels; its height follows from the projection.
INSET_WIDTH = 200

#: Height of the band under the map area holding the label and the scale bar.
CAPTION_HEIGHT = 22

#: The inset's label.
INSET_LABEL = "南海诸岛"

#: The inset's label and scale-bar title, by language.
INSET_TEXTS: dict[str, tuple[str, str]] = {
    "zh": (INSET_LABEL, "比例尺：{km:g} km（北纬{lat:g}°处，Web墨卡托）"),
    "en": ("South China Sea Islands", "Scale: {km:g} km (true at {lat:g}°N, Web Mercator)"),
}

#: Simplification tolerance for the inset (degrees): about half a pixel of the inset.
INSET_DETAIL = 0.04

#: Radius of the sphere of Web Mercator (EPSG:3857), km.
EARTH_RADIUS_KM = 6378.137

#: Longest scale bar drawn, in CSS pixels.
SCALE_BAR_MAX_PX = 64

#: The page's font stack, written into the SVG so exports need no stylesheet.
FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"

#: Fill and stroke of each kind of geometry (``geo.south_china_sea.INSET_KINDS``).
STYLES: dict[str, str] = {
    "neighbour": 'fill="#eaecea" stroke="#c9d0d3" stroke-width="0.5"',
    "province": 'fill="#f4f3ee" stroke="#8a8a8a" stroke-width="0.6" stroke-linejoin="round"',
    "islands": 'fill="#f4f3ee" stroke="#555555" stroke-width="0.7"',
    "line": 'fill="none" stroke="#4d4d4d" stroke-width="1.6" stroke-linecap="round"',
}

SEA = "#dfe9ef"


def _mercator_y(lat: np.ndarray) -> np.ndarray:
    y: np.ndarray = np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))
    return y


def _mercator_y_of(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


class InsetFrame:
    """The inset's projection: Web Mercator from a lon/lat box onto ``width`` pixels.

    Parameters
    ----------
    extent
        The lon/lat box shown (in the map's datum).
    width
        Width of the map area in CSS pixels.
    """

    def __init__(self, extent: Extent, *, width: int = INSET_WIDTH) -> None:
        self.extent = extent
        self.width = width
        self.pixels_per_radian = width / math.radians(extent.east - extent.west)
        self._top = _mercator_y_of(extent.north)
        self.height = round(self.pixels_per_radian * (self._top - _mercator_y_of(extent.south)))

    def to_pixels(self, coords: np.ndarray) -> np.ndarray:
        """``(n, 2)`` lon/lat to ``(n, 2)`` pixels from the top left of the map area."""
        x = np.radians(coords[:, 0] - self.extent.west) * self.pixels_per_radian
        y = (self._top - _mercator_y(coords[:, 1])) * self.pixels_per_radian
        return np.column_stack([x, y])

    def pixels_per_km(self, latitude: float) -> float:
        """Pixels of one kilometre along the parallel at ``latitude`` (degrees)."""
        return self.pixels_per_radian / (EARTH_RADIUS_KM * math.cos(math.radians(latitude)))


def path_data(geometry: shapely.Geometry, frame: InsetFrame) -> str:
    """SVG path data of a (multi)polygon or (multi)line in the frame, to 0.1 pixel."""
    pieces = []
    for part in shapely.get_parts(geometry):
        closed = isinstance(part, shapely.Polygon)
        rings = [part.exterior, *part.interiors] if closed else [part]
        for ring in rings:
            pieces.append(_ring_data(np.asarray(ring.coords)[:, :2], frame, closed=closed))
    return "".join(piece for piece in pieces if piece)


def _ring_data(coords: np.ndarray, frame: InsetFrame, *, closed: bool) -> str:
    points = np.round(frame.to_pixels(coords), 1)
    keep = np.ones(len(points), dtype=bool)
    keep[1:] = np.any(points[1:] != points[:-1], axis=1)
    points = points[keep]
    if len(points) < (3 if closed else 2):
        return ""
    text = [f"{x:g} {y:g}" for x, y in points]
    return f"M{text[0]}L{' '.join(text[1:])}{'Z' if closed else ''}"


def scale_bar(frame: InsetFrame) -> dict[str, float]:
    """A round distance (1, 2 or 5 × 10ⁿ km) at most :data:`SCALE_BAR_MAX_PX` long.

    Measured along the parallel at the inset's middle latitude (rounded to a degree).

    Returns
    -------
    dict
        ``km``, ``px`` (its length in the inset) and ``latitude`` (degrees north).
    """
    latitude = round((frame.extent.south + frame.extent.north) / 2)
    per_km = frame.pixels_per_km(latitude)
    longest = SCALE_BAR_MAX_PX / per_km
    power = 10 ** math.floor(math.log10(longest))
    km = max(step * power for step in (1, 2, 5) if step * power <= longest)
    return {"km": km, "px": round(km * per_km, 1), "latitude": latitude}


def _caption(frame: InsetFrame, bar: dict[str, float], *, lang: str = "zh") -> list[str]:
    """The label and the scale bar in the band under the map area."""
    top, right = frame.height, frame.width - 8
    left = right - bar["px"]
    y = top + 13
    label, template = INSET_TEXTS[lang]
    title = template.format(km=bar["km"], lat=bar["latitude"])
    return [
        f'<rect x="0" y="{top}" width="{frame.width}" height="{CAPTION_HEIGHT}" fill="#ffffff"/>',
        f'<text x="7" y="{top + 16}" font-size="13" font-weight="bold" fill="#222222">'
        f"{html_text(label)}</text>",
        f'<g class="pairmap-inset-scale"><title>{html_text(title)}</title>'
        f'<path d="M{left:g} {y - 3}V{y}H{right:g}V{y - 3}" fill="none" stroke="#333333" '
        'stroke-width="1.2"/>'
        f'<text x="{left - 4:g}" y="{y + 2}" font-size="10" text-anchor="end" fill="#333333">'
        f"{bar['km']:g} km</text></g>",
    ]


def inset_svg_body(geometries: Any, frame: InsetFrame, *, lang: str = "zh") -> str:
    """The inset's SVG elements (without the outer ``<svg>``) from :func:`inset_geometries` rows.

    Each dash of the maritime line is its own ``<path class="pairmap-inset-dash">``.
    """
    height = frame.height + CAPTION_HEIGHT
    body = [
        f'<g font-family="{FONT}">',
        f'<rect x="0" y="0" width="{frame.width}" height="{height}" fill="{SEA}"/>',
    ]
    for row in geometries.itertuples():
        if row.kind == "line":
            for dash in shapely.get_parts(row.geometry):
                body.append(
                    f'<path class="pairmap-inset-dash" d="{path_data(dash, frame)}" '
                    f"{STYLES['line']}/>"
                )
            continue
        data = path_data(row.geometry, frame)
        if data:
            body.append(
                f'<path class="pairmap-inset-{row.kind}" d="{data}" {STYLES[row.kind]}>'
                f"<title>{html_text(str(row.name))}</title></path>"
            )
    body += _caption(frame, scale_bar(frame), lang=lang)
    body.append(
        f'<rect x="0.5" y="0.5" width="{frame.width - 1}" height="{height - 1}" fill="none" '
        'stroke="#333333" stroke-width="1"/></g>'
    )
    return "".join(body)


def _extent_on(extent: Extent, datum: str) -> Extent:
    corners = np.array([[extent.west, extent.south], [extent.east, extent.north]])
    moved = convert_coords(corners, source="wgs84", target=datum)
    return Extent(*(float(v) for v in moved.ravel()))


@functools.cache
def _inset(datum: str, lang: str = "zh") -> tuple[str, int, int, tuple[float, float, float]]:
    gdf = inset_geometries(tolerance=INSET_DETAIL)
    gdf["geometry"] = convert_geometries(gdf.geometry.to_numpy(), source="wgs84", target=datum)
    frame = InsetFrame(_extent_on(inset_extent(), datum))
    bar = scale_bar(frame)
    body = inset_svg_body(gdf, frame, lang=lang)
    return body, frame.width, frame.height + CAPTION_HEIGHT, (bar["km"], bar["px"], bar["latitude"])


def inset_part(*, datum: str = "wgs84", lang: str = "zh") -> dict[str, Any]:
    """The inset for the page: ``{"width", "height", "label", "scale", "body"}``.

    ``body`` is the SVG markup inside the inset's ``<svg viewBox="0 0 width height">``;
    ``scale`` is the scale bar's ``km``, its length ``px`` and the ``latitude`` it is true at.
    The geometries are moved onto ``datum`` (``"gcj02"`` for Amap-style tiles); the label
    and the scale bar's title are in ``lang`` (``"zh"`` or ``"en"``).
    """
    body, width, height, (km, px, latitude) = _inset(datum, lang)
    return {
        "width": width,
        "height": height,
        "label": INSET_TEXTS[lang][0],
        "scale": {"km": km, "px": px, "latitude": latitude},
        "body": body,
    }


def maritime_dashes(*, datum: str = "wgs84") -> list[list[list[float]]]:
    """The maritime line for the main map: one ``[[lon, lat], ...]`` per dash, on ``datum``."""
    line = convert_geometries(wgs84_maritime_line(), source="wgs84", target=datum)
    return [
        [[round(float(lon), 5), round(float(lat), 5)] for lon, lat in dash.coords]
        for dash in line.geoms
    ]


@functools.cache
def _mainland(datum: str) -> Extent:
    return _extent_on(mainland_extent(), datum)


def mainland_view(*, datum: str = "wgs84") -> list[list[float]]:
    """The box a national map is fitted to (mainland, Hainan, Taiwan): ``[[S, W], [N, E]]``."""
    west, south, east, north = _mainland(datum)
    return [[round(south, 5), round(west, 5)], [round(north, 5), round(east, 5)]]
