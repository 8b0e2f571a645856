"""Saving any folium map as one offline file: every asset pairmap knows inlined.

A folium map links Leaflet and its plugins' scripts and styles from CDNs. Saving
replaces each link pairmap can serve itself (Leaflet, from the installed
``django-js-lib-leaflet``) by the file's text, and names the links it cannot inline in
an :class:`~pairmap.errors.OfflineAssetWarning`: the file is written all the same and
needs the network for those.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from branca.element import CssLink, Element, Figure, JavascriptLink

from pairmap.errors import ExportError, MapOptionError, OfflineAssetWarning
from pairmap.maps.assets import inline_link
from pairmap.maps.document import RawHtml

if TYPE_CHECKING:
    from pairmap.maps.sizes import ExportSize

logger = logging.getLogger(__name__)

#: Suffixes :func:`save_map` writes: an HTML page, or a picture, print or deck of it.
HTML_SUFFIXES: tuple[str, ...] = (".html", ".htm")
PNG_SUFFIXES: tuple[str, ...] = (".png",)
EXPORT_SUFFIXES: tuple[str, ...] = (".png", ".pdf", ".svg", ".pptx")


class OfflineLinks(Element):
    """A figure's last child: once the map has rendered (and folium has put its links in
    the header), replaces each link pairmap can inline and records the others in
    :attr:`kept`."""

    NAME = "pairmap_offline"

    def __init__(self) -> None:
        super().__init__()
        self._name = "PairmapOffline"
        self.kept: list[str] = []

    def get_name(self) -> str:
        """The fixed name :attr:`NAME`."""
        return self.NAME

    def render(self, **kwargs: Any) -> str:
        """Swap the header's links; renders nothing itself."""
        figure = self.get_root()
        self.kept = []
        if not isinstance(figure, Figure):
            return ""
        for name, child in list(figure.header._children.items()):
            if not isinstance(child, JavascriptLink | CssLink):
                continue
            inline = inline_link(child.url)
            if inline is None:
                self.kept.append(child.url)
            else:
                figure.header.add_child(RawHtml(inline, name=name), name=name)
        return ""


def offline_html(folium_map: Any) -> tuple[str, tuple[str, ...]]:
    """Render a folium map's page with every asset pairmap knows inlined.

    Parameters
    ----------
    folium_map
        A ``folium.Map`` (or any branca element in a figure).

    Returns
    -------
    tuple of (str, tuple of str)
        The page, and the URLs of the scripts and styles it still links.
    """
    figure = folium_map.get_root()
    if not isinstance(figure, Figure):
        raise MapOptionError("The map is not in a figure; create it with folium.Map().")
    links = OfflineLinks()
    names = [name for name in figure._children if name != OfflineLinks.NAME]
    figure.add_child(links, name=OfflineLinks.NAME, index=len(names))  # renders last
    html: str = figure.render()
    return html, tuple(links.kept)


def save_map(folium_map: Any, path: str | Path, *, size: ExportSize | None = None) -> Path:
    """Write a folium map as one offline HTML file, or as a picture, print or deck of it.

    Parameters
    ----------
    folium_map
        A ``folium.Map``: one from :func:`pairmap.flow_map`, or the user's own with
        pairmap's or stock folium layers.
    path
        ``*.html`` / ``*.htm`` (a single file needing no network for what pairmap can
        inline); ``*.png``, ``*.pdf`` (vector), ``*.svg`` (vector) or ``*.pptx`` (one
        16:9 slide, with the page written beside it as ``*.html`` for its link), all
        drawn by Chromium (:mod:`maps.png`).
    size
        Picture or page size for the exports (:func:`sizes.parse_size`; default a
        1920 × 1080 slide).

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ExportError
        When the suffix is none of these.

    Warns
    -----
    OfflineAssetWarning
        When the page still links scripts or styles pairmap cannot inline (a plugin's
        CDN files); the file is written all the same.
    """
    from pairmap.maps import export

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in HTML_SUFFIXES + EXPORT_SUFFIXES:
        raise ExportError(
            f"{path}: pairmap writes maps as .html (an offline page), .png, .pdf, .svg or "
            ".pptx; change the file's suffix."
        )
    html, kept = offline_html(folium_map)
    if kept:
        warnings.warn(
            OfflineAssetWarning(
                f"{path} links {len(kept)} file{'s' if len(kept) > 1 else ''} pairmap cannot "
                "inline, so that part of the map needs the network: " + ", ".join(kept),
                urls=kept,
            ),
            stacklevel=2,
        )
    writers = {
        ".png": export.save_png,
        ".pdf": export.save_pdf,
        ".svg": export.save_svg,
        ".pptx": export.save_pptx,
    }
    if suffix in writers:
        writers[suffix](html, path, size=size)
    else:
        export.save_html(html, path, skip_unchanged=False)
    return path
