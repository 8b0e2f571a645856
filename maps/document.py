"""Assemble one offline HTML document from a map's layer data (folium/branca, no CDN).

The page is a folium ``Map`` with folium's CDN scripts and styles removed, Leaflet
and pairmap's own code inlined, and the data embedded as two JSON blocks
(``pairmap-data`` and ``pairmap-topology``) that ``maps/static/pairmap.js`` reads.
Element ids are fixed, so the same data gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from pairmap.maps.assets import (
    LEAFLET_LICENCE,
    LEAFLET_VERSION,
    leaflet_css,
    leaflet_js,
    own_css,
    own_js,
)

#: The fixed id of the map element (folium's ids are random by default).
MAP_ID = "pairmap"

_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def escape_json_text(text: str) -> str:
    """Make JSON text safe inside ``<script>``: escape ``< > &`` and U+2028/U+2029.

    The result is still valid JSON with the same value (each character becomes its
    ``\\uXXXX`` escape, which JSON allows only inside strings, where they all are).
    """
    for char, escaped in _UNSAFE.items():
        text = text.replace(char, escaped)
    return text


def script_json(value: Any) -> str:
    """Serialise ``value`` as compact JSON safe to embed in ``<script>``."""
    return escape_json_text(
        json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    )


def html_text(text: str) -> str:
    """Escape text for HTML element content and attribute values."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


class _Raw(Element):
    """A fixed-name branca element holding literal HTML.

    The text is never compiled as a Jinja template: table text such as ``{{ … }}``
    stays text, and big pages render fast.
    """

    def __init__(self, html: str, *, name: str) -> None:
        super().__init__()
        self._html = html
        self._name = name
        self._id = name

    def get_name(self) -> str:
        return self._name

    def render(self, **kwargs: Any) -> str:
        return self._html


class _Start(MacroElement):
    """Starts pairmap's page code on the folium map once Leaflet has created it."""

    _template = Template(
        "{% macro script(this, kwargs) %}pairmapStart({{ this._parent.get_name() }});{% endmacro %}"
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "PairmapStart"
        self._id = MAP_ID


def render_html(payload: dict[str, Any], *, topology: str, title: str) -> str:
    """Render the single-file HTML page of one map.

    Parameters
    ----------
    payload
        Layer data from :func:`maps.flowmap.build_payload` (JSON-able).
    topology
        TopoJSON text of the base layers (embedded as it is, escaped for ``<script>``).
    title
        The page's ``<title>``.

    Returns
    -------
    str
        A complete HTML document that needs no network.
    """
    fmap = folium.Map(
        location=[35.0, 105.0],
        zoom_start=4,
        tiles=None,
        prefer_canvas=True,
        zoom_snap=0.25,
        zoom_delta=0.5,
        zoom_control=False,
    )
    fmap._id = MAP_ID
    fmap.default_js = []
    fmap.default_css = []
    figure = Figure(title=html_text(title))
    figure._id = MAP_ID
    figure.add_child(fmap, name=MAP_ID)
    figure.header.add_child(
        _Raw(
            f"<!-- Leaflet {LEAFLET_VERSION} ({LEAFLET_LICENCE}), inlined -->\n"
            f"<style>{leaflet_css()}</style>\n<style>{own_css()}</style>\n"
            f"<script>{leaflet_js()}</script>\n<script>{own_js()}</script>",
            name="pairmap_assets",
        ),
        name="pairmap_assets",
    )
    figure.html.add_child(
        _Raw(
            '<script type="application/json" id="pairmap-data">'
            f"{script_json(payload)}</script>\n"
            '<script type="application/json" id="pairmap-topology">'
            f"{escape_json_text(topology)}</script>",
            name="pairmap_data",
        ),
        name="pairmap_data",
    )
    fmap.add_child(_Start(), name="pairmap_start")
    return figure.render()
