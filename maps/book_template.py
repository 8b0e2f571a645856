"""The commented ``pairmap.toml`` that ``pairmap init`` writes next to a user's tables."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

__all__ = ["book_template"]


def _toml_string(text: str) -> str:
    """``text`` as a TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _slug(name: str, taken: set[str]) -> str:
    stem = "".join(c if c.isascii() and c.isalnum() else "-" for c in name.lower()).strip("-")
    slug = "-".join(part for part in stem.split("-") if part) or "map"
    candidate, number = slug[:60], 2
    while candidate in taken:
        candidate, number = f"{slug[:56]}-{number}", number + 1
    taken.add(candidate)
    return candidate


_HEAD = """\
# pairmap book: the tables you keep and the maps to build from them.
# Build it with `pairmap build` in this folder. A map is drawn again only when the
# rows it draws, its section here or pairmap's version change (`--force` draws all;
# `--watch` rebuilds on every save). Each build records what every map drew in
# <output>/pairmap-manifest.json, so the next one shows what changed: on the
# terminal, in a "changes since" panel on the map, and as a badge in the gallery.

title = {title}
output = "maps"          # folder the maps and index.html go into
# lang = "en"            # zh | en; English titles: title_en, subtitle_en, description_en
# tianditu_key = "..."   # for basemap = "tianditu" (or set PAIRMAP_TIANDITU_KEY)

# Tables: paths or globs relative to this file. `sheet` picks a worksheet of .xlsx
# files; `columns` maps pairmap's columns to your headers when pairmap does not
# recognise them (e.g. columns = {{ donor = "帮扶单位", recipient = "结对县" }}).
"""

_DEFAULTS = """
# Zones, towns and firms named in many rows can be given a seat once, here:
# [seats]
# "火炬开发区" = "中山市"

# Settings every map takes unless its own section says otherwise.
[defaults]
level = "county"         # county | prefecture | province: polygons under the flows
extent = "auto"          # auto | national | regional
colour = "auto"          # auto | group | donor_province | donor_prefecture | program
fill = "role"            # role | metric | none
labels = "ends"          # ends | all | none
basemap = "none"         # none | osm | carto | amap | tianditu (tiles need the network)
skip_invalid = false     # true: draw the rows that resolve and list the others
exports = ["html"]       # add "png", "pdf", "svg", "pptx" for slides

# One [[map]] per map. Filters (all optional): programmes, rounds, years (2021 or
# [2021, 2023]), donor_provinces, recipient_provinces, pair_level; `tables` picks tables.
"""


def book_template(folder: Path, tables: Sequence[Path]) -> str:
    """The text of a new book for the tables found in ``folder``.

    Parameters
    ----------
    folder
        Where the book will be written (table paths are relative to it).
    tables
        The table files found there, one ``[tables.NAME]`` and one ``[[map]]`` each.

    Returns
    -------
    str
        A commented book file that :func:`maps.bookfile.parse_book` accepts.
    """
    text = _HEAD.format(title=_toml_string(f"{folder.resolve().name} 结对地图"))
    taken: set[str] = set()
    names = []
    for path in tables:
        name = _slug(path.stem, taken).replace("-", "_")
        names.append((name, path))
        relative = path.relative_to(folder).as_posix() if path.is_relative_to(folder) else str(path)
        text += f"\n[tables.{name}]\npaths = [{_toml_string(relative)}]\n"
        if path.suffix.lower() == ".xlsx":
            text += '# sheet = "Sheet1"\n'
    text += _DEFAULTS
    maps: set[str] = set()
    text += f'\n[[map]]\nslug = "{_slug("all", maps)}"\ntitle = "全部结对"\n'
    for name, path in names:
        text += (
            f'\n[[map]]\nslug = "{_slug(name, maps)}"\ntitle = {_toml_string(path.stem)}\n'
            f'tables = ["{name}"]\n# donor_provinces = ["广东"]\n# years = [2021, 2023]\n'
        )
    return text
