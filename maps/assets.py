"""Scripts and styles inlined into every map page: Leaflet and pairmap's own code.

Leaflet 1.9.4 (BSD-2-Clause, (c) 2010-2023 Vladimir Agafonkin, (c) 2010-2011
CloudMade) is read at build time from the installed PyPI package
``django-js-lib-leaflet`` (module ``js_lib_leaflet``); nothing third-party is kept
in this repository. The few images its stylesheet references (the layers-control
icon, the default marker) are inlined as ``data:`` URIs so the page never asks the
network for anything. pairmap's own JavaScript and CSS live in ``maps/static/``.
"""

from __future__ import annotations

import base64
import functools
import importlib.metadata
import re
from importlib.resources import files
from importlib.resources.abc import Traversable

#: The Leaflet release the page embeds, and its licence (also printed in the page).
LEAFLET_VERSION = "1.9.4"
LEAFLET_LICENCE = "BSD-2-Clause"
LEAFLET_PACKAGE = "django-js-lib-leaflet"

#: pairmap's own page code, in load order (each file adds one module to ``pairmapLib``;
#: a file may use, when it loads, only the modules before it; ``pairmap.js`` starts the page).
OWN_SCRIPTS: tuple[str, ...] = (
    "format.js",
    "strings.js",
    "curves.js",
    "heads.js",
    "fanout.js",
    "topojson.js",
    "payload.js",
    "dom.js",
    "flowline.js",
    "draw.js",
    "popups.js",
    "select.js",
    "search.js",
    "controls.js",
    "inset.js",
    "legend.js",
    "changes.js",
    "domsvg.js",
    "svgexport.js",
    "labels.js",
    "placenames.js",
    "present.js",
    "pairmap.js",
)
OWN_STYLES: tuple[str, ...] = ("pairmap.css",)

_CSS_IMAGE = re.compile(r"url\((images/[A-Za-z0-9_.-]+\.png)\)")

#: A link to Leaflet's own script or stylesheet (any 1.9 release, any CDN): folium's
#: ``leaflet`` and ``leaflet_css`` links, which a saved page replaces by the inlined files.
_LEAFLET_URL = re.compile(r"leaflet(?:@1\.9(?:\.\d+)?)?(?:/dist)?/leaflet\.(js|css)$")


def _leaflet_root() -> Traversable:
    return files("js_lib_leaflet") / "static" / "js_lib_leaflet"


def _leaflet_file(name: str) -> str:
    return (_leaflet_root() / name).read_text(encoding="utf-8")


def _data_uri(image: str) -> str:
    data = (_leaflet_root() / "images" / image).read_bytes()
    return f"data:image/png;base64,{base64.b64encode(data).decode('ascii')}"


def leaflet_package_version() -> str:
    """Return the installed ``django-js-lib-leaflet`` version (``1.9.4.x``)."""
    return importlib.metadata.version(LEAFLET_PACKAGE)


@functools.cache
def leaflet_js() -> str:
    """Return Leaflet's minified JavaScript."""
    return _leaflet_file("leaflet.js")


@functools.cache
def leaflet_css() -> str:
    """Return Leaflet's stylesheet with its image references inlined as ``data:`` URIs."""

    def inline(match: re.Match[str]) -> str:
        return f"url({_data_uri(match.group(1).removeprefix('images/'))})"

    return _CSS_IMAGE.sub(inline, _leaflet_file("leaflet.css"))


def compact_js(source: str, *, name: str) -> str:
    """Drop indentation, blank lines and whole-line ``/* … */`` comments from page code.

    The page carries pairmap's code without the comments written for its readers (they
    would add a sixth to every map). Only comments that start a line and end at the end
    of a line are dropped; code after a comment's end on the same line is refused, so
    nothing else can be lost.

    Parameters
    ----------
    source
        One of pairmap's own ``maps/static/*.js`` files.
    name
        Its file name, for the error.

    Raises
    ------
    ValueError
        When a multi-line comment ends before code on the same line.
    """
    kept: list[str] = []
    in_comment = False
    for number, line in enumerate(source.splitlines(), start=1):
        text = line.strip()
        if in_comment or text.startswith("/*"):
            end = text.find("*/")
            if end < 0:
                in_comment = True
                continue
            if end == len(text) - 2:
                in_comment = False
                continue
            if in_comment:
                raise ValueError(f"{name} line {number}: code after the end of a comment")
        if text:
            kept.append(text)
    return "\n".join(kept)


@functools.cache
def own_js() -> str:
    """Return pairmap's page JavaScript: the files of :data:`OWN_SCRIPTS` in order, compacted."""
    static = files("pairmap.maps") / "static"
    return "\n".join(
        compact_js((static / name).read_text(encoding="utf-8"), name=name) for name in OWN_SCRIPTS
    )


@functools.cache
def own_css() -> str:
    """Return pairmap's page stylesheet."""
    static = files("pairmap.maps") / "static"
    return "\n".join((static / name).read_text(encoding="utf-8") for name in OWN_STYLES)


def credits_line() -> str:
    """Return the credit for the embedded libraries, shown in the page footer."""
    return f"Leaflet {LEAFLET_VERSION} ({LEAFLET_LICENCE})"


@functools.cache
def default_icon_js() -> str:
    """JavaScript pointing Leaflet's default marker icon at inlined images.

    Leaflet finds the icon's folder from its stylesheet, which fails once the images are
    ``data:`` URIs; stock ``folium.Marker`` icons then draw offline too.
    """
    urls = {
        "iconUrl": _data_uri("marker-icon.png"),
        "iconRetinaUrl": _data_uri("marker-icon-2x.png"),
        "shadowUrl": _data_uri("marker-shadow.png"),
    }
    options = ",".join(f'{key}:"{url}"' for key, url in urls.items())
    return f'L.Icon.Default.imagePath="";L.Icon.Default.mergeOptions({{{options}}});'


def page_assets_html(*, leaflet: bool, markers: bool = False) -> str:
    """The scripts and styles a pairmap page inlines in its header.

    Parameters
    ----------
    leaflet
        Also inline Leaflet (when the map does not link it already).
    markers
        Also point Leaflet's default marker icon at inlined images (with ``leaflet``).
    """
    own = f"<style>{own_css()}</style>\n<script>{own_js()}</script>"
    if not leaflet:
        return own
    icon = f"<script>{default_icon_js()}</script>\n" if markers else ""
    return (
        f"<!-- Leaflet {LEAFLET_VERSION} ({LEAFLET_LICENCE}), inlined -->\n"
        f"<style>{leaflet_css()}</style>\n<style>{own_css()}</style>\n"
        f"<script>{leaflet_js()}</script>\n{icon}<script>{own_js()}</script>"
    )


def inline_link(url: str) -> str | None:
    """The inlined HTML standing for a linked script or stylesheet, when pairmap has it.

    Returns
    -------
    str or None
        Leaflet's script (with :func:`default_icon_js`) or stylesheet for a link to
        Leaflet 1.9, else ``None``.
    """
    match = _LEAFLET_URL.search(url.split("?")[0])
    if match is None:
        return None
    credit = f"<!-- Leaflet {LEAFLET_VERSION} ({LEAFLET_LICENCE}), inlined -->\n"
    if match.group(1) == "css":
        return f"{credit}<style>{leaflet_css()}</style>"
    return f"{credit}<script>{leaflet_js()}</script>\n<script>{default_icon_js()}</script>"
