"""Background tile layers (basemaps) by name, and the datum each one needs.

Maps are offline by default (``none``). A basemap is opt-in: the page then needs the
network for its tiles, the footer says so, and the boundaries and flows still draw
when the tiles fail. This module is the one place that says which datum a basemap's
tiles are on: Amap's tiles are GCJ-02, so a map on them gets GCJ-02 boundaries and
end points; the others are WGS84 (Tianditu's CGCS2000 is within centimetres of it).
"""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping
from dataclasses import dataclass

from pairmap.errors import MapOptionError

__all__ = ["BASEMAPS", "TIANDITU_KEY_VARIABLE", "Basemap", "TileLayer", "basemap_tiles"]

#: Environment variable holding a Tianditu API key (天地图 tk).
TIANDITU_KEY_VARIABLE = "PAIRMAP_TIANDITU_KEY"


class Basemap(enum.StrEnum):
    """The basemaps ``--basemap`` offers."""

    NONE = "none"
    OSM = "osm"
    CARTO = "carto"
    AMAP = "amap"
    TIANDITU = "tianditu"


@dataclass(frozen=True)
class TileLayer:
    """A background tile layer (off by default: maps then need no network).

    Attributes
    ----------
    url
        URL template such as ``https://tile.example.org/{z}/{x}/{y}.png``.
    attribution
        Credit shown in the map corner (as text).
    datum
        Datum of the tiles: ``"wgs84"`` (OpenStreetMap-like) or ``"gcj02"`` (Amap);
        the map's boundaries and end points follow it.
    max_zoom
        Highest zoom the tiles provide.
    subdomains
        Letters or digits ``{s}`` in ``url`` stands for (spreads requests).
    overlays
        URL templates of label layers drawn above the tiles (Tianditu's annotations).
    name
        What the footer calls the tiles.
    """

    url: str
    attribution: str
    datum: str = "wgs84"
    max_zoom: int = 18
    subdomains: str = ""
    overlays: tuple[str, ...] = ()
    name: str = "底图"


_TIANDITU = (
    "https://t{{s}}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles"
    "&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={key}"
)

#: The basemaps with public tile URLs (Tianditu needs a key: :func:`basemap_tiles`).
BASEMAPS: Mapping[Basemap, TileLayer] = {
    Basemap.OSM: TileLayer(
        url="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        attribution="© OpenStreetMap contributors",
        max_zoom=19,
        name="OpenStreetMap",
    ),
    Basemap.CARTO: TileLayer(
        url="https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png",
        attribution="© OpenStreetMap contributors © CARTO",
        max_zoom=19,
        subdomains="abcd",
        name="CARTO",
    ),
    Basemap.AMAP: TileLayer(
        url=(
            "https://webrd0{s}.is.autonavi.com/appmaptile"
            "?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}"
        ),
        attribution="© 高德地图 AutoNavi",
        datum="gcj02",
        max_zoom=18,
        subdomains="1234",
        name="高德地图",
    ),
}


def basemap_tiles(basemap: Basemap | str, *, key: str | None = None) -> TileLayer | None:
    """The tile layer of a basemap, or ``None`` for ``"none"``.

    Parameters
    ----------
    basemap
        ``"none"``, ``"osm"``, ``"carto"``, ``"amap"`` or ``"tianditu"``.
    key
        Tianditu's API key; defaults to the environment variable
        :data:`TIANDITU_KEY_VARIABLE`.

    Raises
    ------
    MapOptionError
        For an unknown basemap, or Tianditu without a key.
    """
    try:
        chosen = Basemap(basemap)
    except ValueError:
        allowed = ", ".join(b.value for b in Basemap)
        raise MapOptionError(f"Basemap {basemap!r} is not one of {allowed}.") from None
    if chosen is Basemap.NONE:
        return None
    if chosen is not Basemap.TIANDITU:
        return BASEMAPS[chosen]
    key = key or os.environ.get(TIANDITU_KEY_VARIABLE, "").strip()
    if not key:
        raise MapOptionError(
            "Tianditu tiles need an API key (天地图 tk): set the environment variable "
            f"{TIANDITU_KEY_VARIABLE}, or give tianditu_key in the book file."
        )
    if not key.isalnum():
        raise MapOptionError("A Tianditu key has only letters and digits; check the key.")
    return TileLayer(
        url=_TIANDITU.format(layer="vec", key=key),
        attribution="© 天地图 Tianditu",
        max_zoom=18,
        subdomains="01234567",
        overlays=(_TIANDITU.format(layer="cva", key=key),),
        name="天地图",
    )
