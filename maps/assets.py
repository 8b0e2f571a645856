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

#: The Leaflet release the page embeds, and its licence (also printed in the page).
LEAFLET_VERSION = "1.9.4"
LEAFLET_LICENCE = "BSD-2-Clause"
LEAFLET_PACKAGE = "django-js-lib-leaflet"

#: pairmap's own page code, in load order (each file adds one module to ``pairmapLib``;
#: a file may use, when it loads, only the modules before it; ``pairmap.js`` starts the page).
OWN_SCRIPTS: tuple[str, ...] = (
    "format.js",
    "curves.js",
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
    "legend.js",
    "pairmap.js",
)
OWN_STYLES: tuple[str, ...] = ("pairmap.css",)

_CSS_IMAGE = re.compile(r"url\((images/[A-Za-z0-9_.-]+\.png)\)")


def _leaflet_file(name: str) -> str:
    return (files("js_lib_leaflet") / "static" / "js_lib_leaflet" / name).read_text(
        encoding="utf-8"
    )


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
    root = files("js_lib_leaflet") / "static" / "js_lib_leaflet"

    def inline(match: re.Match[str]) -> str:
        data = (root / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(data).decode('ascii')})"

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
