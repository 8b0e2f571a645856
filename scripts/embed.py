"""``pairmap embed``: print an ``<iframe>`` snippet that embeds a saved map in a web page."""

from __future__ import annotations

import html
import re
from pathlib import Path

import click

#: The page title pairmap writes (``<title>…</title>`` in the head).
_TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)

#: How much of the file is read to find its title (the head comes first).
_HEAD_BYTES = 65_536


def map_title(path: Path) -> str:
    """The ``<title>`` of a saved map page, unescaped ("" when it has none).

    Raises
    ------
    click.ClickException
        When the file cannot be read or is not text.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES).decode("utf-8", errors="replace")
    except OSError as error:
        raise click.ClickException(f"{path}: cannot read it ({error.strerror}).") from error
    found = _TITLE.search(head)
    return html.unescape(found.group(1)).strip() if found else ""


def embed_snippet(src: str, *, title: str, width: str = "100%", present: bool = False) -> str:
    """An ``<iframe>`` of ``src`` in a 16:9 box that scales with its container.

    Parameters
    ----------
    src
        Address of the map, relative to the page the snippet goes into.
    title
        The frame's accessible name (escaped here).
    width
        CSS width of the box (``100%``, ``800px``); the height follows at 16:9.
    present
        Open the map in presentation mode (``#present``: no controls, larger text).
    """
    href = src + ("#present" if present else "")
    box = (
        f"position:relative;width:{width};max-width:100%;"
        "aspect-ratio:16/9;height:auto;overflow:hidden"
    )
    frame = "position:absolute;inset:0;width:100%;height:100%;border:0"
    return (
        f'<div class="pairmap-embed" style="{html.escape(box)}">\n'
        f'  <iframe src="{html.escape(href)}" title="{html.escape(title)}" '
        f'style="{frame}" loading="lazy" allowfullscreen></iframe>\n'
        "</div>"
    )


_WIDTH = re.compile(r"^\d+(\.\d+)?(px|%|em|rem|vw)$")


def _check_width(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not _WIDTH.match(value):
        raise click.BadParameter(
            f"{value!r} is not a CSS width; write e.g. 100%, 800px or 60vw.", ctx, param
        )
    return value


@click.command(name="embed")
@click.argument("map_file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option(
    "--width",
    default="100%",
    show_default=True,
    callback=_check_width,
    help="Width of the frame (100%, 800px, 60vw); the height follows at 16:9.",
)
@click.option("--present", is_flag=True, help="Embed the presentation view (#present).")
@click.option(
    "--relative-to",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of the page the snippet goes into (default: the map's own folder).",
)
def command(map_file: Path, width: str, present: bool, relative_to: Path | None) -> None:
    """Print an <iframe> snippet embedding MAP_FILE (a map pairmap saved) in a web page.

    The frame keeps a 16:9 shape at any width; its src is relative, so the page and
    the map can move together; its title is the map's own.
    """
    import os

    title = map_title(map_file)
    base = relative_to if relative_to is not None else map_file.parent
    src = Path(os.path.relpath(map_file.resolve(), base.resolve())).as_posix()
    click.echo(embed_snippet(src, title=title or map_file.stem, width=width, present=present))
