"""A book file (``pairmap.toml``): the user's tables and the maps to build from them.

The file is read with :mod:`tomllib` and checked whole before anything is built: an
unknown key, a value of the wrong kind or a choice that does not exist is a
:class:`~pairmap.errors.BookFileError` naming the file, the line and the key, and
saying how to fix it. The shipped map book is such a file too (``maps/data/book.toml``),
read by the same code.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pairmap.errors import BookFileError
from pairmap.geo.text import printable

__all__ = ["CHOICES", "EXPORTS", "Book", "MapSection", "TableSpec", "parse_book", "read_book"]

#: The values each choice key accepts (the first is the default).
CHOICES: Mapping[str, tuple[str, ...]] = {
    "level": ("county", "prefecture", "province"),
    "extent": ("auto", "national", "regional"),
    "colour": ("auto", "group", "donor_province", "donor_prefecture", "program"),
    "fill": ("role", "metric", "none"),
    "labels": ("ends", "all", "none"),
    "basemap": ("none", "osm", "carto", "amap", "tianditu"),
}

#: What a map can be exported as besides its HTML page.
EXPORTS: tuple[str, ...] = ("html", "png", "pdf", "svg", "pptx")

#: Filters of a map section: which pairs of its tables it draws.
FILTER_KEYS: tuple[str, ...] = (
    "programmes",
    "rounds",
    "years",
    "donor_provinces",
    "recipient_provinces",
    "pair_level",
)

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass(frozen=True)
class TableSpec:
    """One named table entry: files (paths or globs, relative to the book), sheet, columns."""

    name: str
    paths: tuple[str, ...]
    sheet: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MapSection:
    """One map of a book: which pairs (``tables`` and ``filters``) and how to draw them.

    ``settings`` holds the drawing keys (level, extent, metric, colour, fill, labels,
    basemap, skip_invalid, exports), the book's ``[defaults]`` filled in.
    """

    slug: str
    title: str
    subtitle: str = ""
    description: str = ""
    tables: tuple[str, ...] = ()
    filters: Mapping[str, Any] = field(default_factory=dict)
    settings: Mapping[str, Any] = field(default_factory=dict)
    english: Mapping[str, str] = field(default_factory=dict)
    index: int = 0

    def texts(self, lang: str) -> tuple[str, str, str]:
        """Title, subtitle and description in ``lang`` (English ones when the book gives them)."""
        if lang != "en":
            return self.title, self.subtitle, self.description
        return (
            self.english.get("title", ""),
            self.english.get("subtitle", ""),
            self.english.get("description", ""),
        )

    def to_dict(self) -> dict[str, Any]:
        """Everything the section says, as plain values (part of the map's fingerprint)."""
        return {
            "slug": self.slug,
            "title": self.title,
            "subtitle": self.subtitle,
            "description": self.description,
            "english": dict(self.english),
            "tables": list(self.tables),
            "filters": {k: list(v) if isinstance(v, tuple) else v for k, v in self.filters.items()},
            "settings": {
                k: list(v) if isinstance(v, tuple) else v for k, v in self.settings.items()
            },
        }


@dataclass(frozen=True)
class Book:
    """A whole book file, checked.

    Attributes
    ----------
    path
        The file.
    title
        The gallery's title.
    output
        Folder the maps are built into (relative to the book's folder).
    tables
        The named tables, in file order.
    seats
        Name -> seat for zones and towns named in the tables (``[seats]``).
    maps
        The maps, in gallery order.
    """

    path: Path
    title: str
    output: str
    tables: tuple[TableSpec, ...]
    seats: Mapping[str, str]
    maps: tuple[MapSection, ...]
    title_en: str = ""
    lang: str = "zh"
    tianditu_key: str | None = None
    text: str = field(default="", repr=False)

    @property
    def folder(self) -> Path:
        """The folder table paths and the output are relative to."""
        return self.path.parent

    def table(self, name: str) -> TableSpec:
        """The table entry called ``name``."""
        return next(spec for spec in self.tables if spec.name == name)

    def error(
        self, message: str, *, section: str | None, key: str | None, index: int | None = None
    ) -> BookFileError:
        """A :class:`BookFileError` pointing at ``key`` of ``section`` (its line in the file)."""
        return _Reader(self.text, self.path).fail(message, section=section, key=key, index=index)


# -- locating a key in the text ---------------------------------------------------------

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")


def _line_of(text: str, section: str | None, index: int | None, key: str | None) -> int | None:
    """The line (1-based) where ``key`` is set in ``section`` (its ``index``-th ``[[...]]``)."""
    current: str | None = None
    seen: dict[str, int] = {}
    header_line = None
    key_pattern = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=') if key else None
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADER.match(line)
        if match:
            current = match.group(2).strip()
            seen[current] = seen.get(current, -1) + 1
            if current == section and (index is None or seen[current] == index):
                header_line = number
            continue
        here = current == section and (index is None or seen.get(current or "", 0) == index)
        if here and key_pattern is not None and key_pattern.match(line):
            return number
    return header_line


@dataclass
class _Reader:
    """Checks a parsed book and raises errors that point into the text."""

    text: str
    path: Path

    def fail(
        self, message: str, *, section: str | None, key: str | None, index: int | None = None
    ) -> BookFileError:
        line = _line_of(self.text, section, index, key)
        if index is not None:
            place = f"[[{section}]] #{index + 1}"
        else:
            place = f"[{section}]" if section else "the top of the file"
        what = f"key {key} in {place}" if key else place
        where = f"{self.path}" + (f", line {line}" if line else "")
        return BookFileError(printable(f"{where}, {what}: {message}"))

    def known(self, table: Mapping[str, Any], allowed: tuple[str, ...], **at: Any) -> None:
        for key in table:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                raise self.fail(
                    f"unknown key {key!r}.{hint} Allowed here: {', '.join(allowed)}.",
                    key=key,
                    **at,
                )


def _text(reader: _Reader, value: Any, **at: Any) -> str:
    if not isinstance(value, str):
        raise reader.fail(f"must be text in quotes, not {value!r}.", **at)
    return value


def _texts(reader: _Reader, value: Any, **at: Any) -> tuple[str, ...]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise reader.fail(
            f'must be text or a list of texts, such as ["a", "b"]; not {value!r}.', **at
        )
    return tuple(values)


def _choice(reader: _Reader, value: Any, *, key: str, **at: Any) -> str:
    allowed = CHOICES[key]
    if value not in allowed:
        raise reader.fail(f"{value!r} is not one of {', '.join(allowed)}.", key=key, **at)
    return str(value)


def _years(reader: _Reader, value: Any, **at: Any) -> tuple[int, int]:
    if isinstance(value, int) and not isinstance(value, bool):
        return value, value
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        and value[0] <= value[1]
    ):
        return value[0], value[1]
    raise reader.fail(f"must be a year (2021) or a range [2021, 2023]; not {value!r}.", **at)


def _pair_level(reader: _Reader, value: Any, **at: Any) -> str:
    allowed = CHOICES["level"]
    if value not in allowed:
        raise reader.fail(
            f"{value!r} is not one of {', '.join(allowed)} (the finest level of the pairs "
            "kept: prefecture leaves out every pair with a county end).",
            **at,
        )
    return str(value)


def _exports(reader: _Reader, value: Any, **at: Any) -> tuple[str, ...]:
    values = _texts(reader, value, **at)
    wrong = [v for v in values if v not in EXPORTS]
    if wrong:
        raise reader.fail(f"{wrong[0]!r} is not one of {', '.join(EXPORTS)}.", **at)
    return tuple(dict.fromkeys(("html", *values)))


def _flag(reader: _Reader, value: Any, **at: Any) -> bool:
    if not isinstance(value, bool):
        raise reader.fail(f"must be true or false, not {value!r}.", **at)
    return value


Check = Callable[..., Any]

#: Drawing keys of a map (and of ``[defaults]``) and how each is checked.
SETTINGS: Mapping[str, Check] = {
    **{key: _choice for key in CHOICES},
    "metric": _text,
    "skip_invalid": _flag,
    "exports": _exports,
}

#: Filter keys of a map and how each is checked.
FILTERS: Mapping[str, Check] = {
    "programmes": _texts,
    "rounds": _texts,
    "years": _years,
    "donor_provinces": _texts,
    "recipient_provinces": _texts,
    "pair_level": _pair_level,
}

_MAP_TEXT = (
    "slug",
    "title",
    "subtitle",
    "description",
    "title_en",
    "subtitle_en",
    "description_en",
)
_MAP_KEYS = (*_MAP_TEXT, "tables", *FILTERS, *SETTINGS)
_TOP_KEYS = (
    "title",
    "title_en",
    "output",
    "lang",
    "tianditu_key",
    "tables",
    "seats",
    "defaults",
    "map",
)
_TABLE_KEYS = ("paths", "sheet", "columns")


def _settings(reader: _Reader, table: Mapping[str, Any], **at: Any) -> dict[str, Any]:
    return {k: SETTINGS[k](reader, v, key=k, **at) for k, v in table.items() if k in SETTINGS}


def _defaults() -> dict[str, Any]:
    return {
        **{key: values[0] for key, values in CHOICES.items()},
        "metric": None,
        "skip_invalid": False,
        "exports": ("html",),
    }


def _table_spec(reader: _Reader, name: str, entry: Any) -> TableSpec:
    section = f"tables.{name}"
    if not isinstance(entry, dict):
        entry = {"paths": entry}
    reader.known(entry, _TABLE_KEYS, section=section)
    if "paths" not in entry:
        raise reader.fail(
            'is missing; name the files, e.g. paths = ["pairs.csv"].', section=section, key="paths"
        )
    columns = entry.get("columns", {})
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise reader.fail(
            'must map canonical columns to headers, e.g. columns = { donor = "帮扶单位" }.',
            section=section,
            key="columns",
        )
    sheet = entry.get("sheet")
    return TableSpec(
        name=name,
        paths=_texts(reader, entry["paths"], section=section, key="paths"),
        sheet=None if sheet is None else _text(reader, sheet, section=section, key="sheet"),
        columns=dict(columns),
    )


def _map_section(
    reader: _Reader, entry: Any, index: int, *, defaults: Mapping[str, Any], tables: tuple[str, ...]
) -> MapSection:
    at: dict[str, Any] = {"section": "map", "index": index}
    if not isinstance(entry, dict):
        raise reader.fail("each map is a [[map]] table.", key=None, **at)
    reader.known(entry, _MAP_KEYS, **at)
    for key in ("slug", "title"):
        if key not in entry:
            raise reader.fail(f"is missing; every [[map]] needs a {key}.", key=key, **at)
    texts = {k: _text(reader, entry[k], key=k, **at) for k in _MAP_TEXT if k in entry}
    if not _SLUG.match(texts["slug"]):
        raise reader.fail(
            f"{texts['slug']!r} is not a file name of lowercase letters, digits and hyphens "
            "(e.g. guangdong-guangxi).",
            key="slug",
            **at,
        )
    chosen = _texts(reader, entry.get("tables", list(tables)), key="tables", **at)
    unknown = [name for name in chosen if name not in tables]
    if unknown:
        raise reader.fail(
            f"no table is named {unknown[0]!r}; the book's tables are: {', '.join(tables)}.",
            key="tables",
            **at,
        )
    filters = {k: FILTERS[k](reader, v, key=k, **at) for k, v in entry.items() if k in FILTERS}
    return MapSection(
        slug=texts["slug"],
        title=texts["title"],
        subtitle=texts.get("subtitle", ""),
        description=texts.get("description", ""),
        tables=chosen,
        filters=filters,
        settings={**defaults, **_settings(reader, entry, **at)},
        english={k.removesuffix("_en"): v for k, v in texts.items() if k.endswith("_en")},
        index=index,
    )


def _seats(reader: _Reader, seats: Any) -> dict[str, str]:
    if not isinstance(seats, dict) or not all(isinstance(v, str) for v in seats.values()):
        raise reader.fail(
            'must map names to seats, e.g. "火炬开发区" = "中山市".', section=None, key="seats"
        )
    return dict(seats)


def parse_book(text: str, *, path: Path) -> Book:
    """Check a book file's text; see :func:`read_book`."""
    reader = _Reader(text, path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BookFileError(
            printable(f"{path}: not valid TOML: {error}. Fix the line it names.")
        ) from None
    reader.known(data, _TOP_KEYS, section=None)
    raw_tables = data.get("tables", {})
    if not isinstance(raw_tables, dict) or not raw_tables:
        raise reader.fail(
            'is missing; name your tables, e.g. [tables.main] with paths = ["pairs.csv"].',
            section=None,
            key="tables",
        )
    tables = tuple(_table_spec(reader, name, entry) for name, entry in raw_tables.items())
    raw_defaults = data.get("defaults", {})
    reader.known(raw_defaults, tuple(SETTINGS), section="defaults")
    defaults = {**_defaults(), **_settings(reader, raw_defaults, section="defaults")}
    entries = data.get("map", [])
    if not isinstance(entries, list) or not entries:
        raise reader.fail(
            "is missing; add a [[map]] section with a slug and a title.", section=None, key="map"
        )
    names = tuple(spec.name for spec in tables)
    maps = tuple(
        _map_section(reader, entry, index, defaults=defaults, tables=names)
        for index, entry in enumerate(entries)
    )
    _unique_slugs(reader, maps)
    lang = data.get("lang", "zh")
    if lang not in ("zh", "en"):
        raise reader.fail(f"{lang!r} is not one of zh, en.", section=None, key="lang")
    key = data.get("tianditu_key")
    return Book(
        path=path,
        title=_text(reader, data.get("title", "pairmap 地图集"), section=None, key="title"),
        output=_text(reader, data.get("output", "maps"), section=None, key="output"),
        tables=tables,
        seats=_seats(reader, data.get("seats", {})),
        maps=maps,
        title_en=_text(reader, data.get("title_en", ""), section=None, key="title_en"),
        lang=lang,
        tianditu_key=None if key is None else _text(reader, key, section=None, key="tianditu_key"),
        text=text,
    )


def _unique_slugs(reader: _Reader, maps: tuple[MapSection, ...]) -> None:
    seen: dict[str, int] = {}
    for index, section in enumerate(maps):
        if section.slug in seen:
            raise reader.fail(
                f"{section.slug!r} is also the slug of [[map]] #{seen[section.slug] + 1}; "
                "each map needs its own (it names the file).",
                section="map",
                index=index,
                key="slug",
            )
        seen[section.slug] = index


def read_book(path: str | Path) -> Book:
    """Read and check a book file.

    Parameters
    ----------
    path
        The ``pairmap.toml`` file.

    Returns
    -------
    Book
        Tables, seats and maps, every value checked and defaults filled in.

    Raises
    ------
    pairmap.errors.BookFileError
        When the file cannot be read, is not TOML, or has a wrong key or value; the
        message names the file, line and key, and says how to fix it.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BookFileError(printable(f"{path}: cannot read the book file: {error}.")) from None
    return parse_book(text, path=path)
