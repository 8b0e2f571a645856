"""Building a book file: each map rebuilt only when its inputs changed, the manifest last.

A map's inputs are the records of the rows it draws (not its whole tables), its
section of the book, the build's language and sizes, the book's line-width scale
and the versions of pairmap and the boundary data; they are hashed into its
fingerprint (:func:`maps.manifest.fingerprint`). A map whose fingerprint and files
are as the manifest of the last build says is left alone. Every file is written
atomically and the manifest last, so an interrupted build leaves each earlier map
intact and the next build redoes what it had not recorded.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from pairmap.errors import MapOptionError
from pairmap.maps.book import BuiltMap, index_html
from pairmap.maps.bookfile import Book
from pairmap.maps.bookinputs import BuildSettings, versions
from pairmap.maps.bookplan import PlannedMap, plan_maps, read_book_tables
from pairmap.maps.changes import MapChanges
from pairmap.maps.export import save_html
from pairmap.maps.flowmap import MapOptions, map_html
from pairmap.maps.lang import english_text, text_of
from pairmap.maps.manifest import Manifest, MapEntry, fingerprint, part_hashes, read_manifest
from pairmap.maps.style import WidthScale, width_scale_for
from pairmap.pairings.diff import diff_records, pair_records

if TYPE_CHECKING:
    from pairmap.maps.sizes import ExportSize

logger = logging.getLogger(__name__)

__all__ = ["BookBuild", "BuildSettings", "build_from_book"]

#: The metric that sets line widths when a map does not name one (if its pairs have it).
DEFAULT_METRIC = "funds_cny"


@dataclass(frozen=True)
class BookBuild:
    """What a book build did.

    Attributes
    ----------
    maps
        Every map, in the book's order (``written`` False for one left alone).
    rebuilt
        Slug -> why, for each map drawn again (in the book's order).
    notes
        Per slug, lines for the terminal (repeats merged, rows not drawn...).
    manifest
        The manifest written.
    """

    maps: list[BuiltMap]
    rebuilt: Mapping[str, str]
    notes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    manifest: Manifest = field(default_factory=Manifest)


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _metric(planned: PlannedMap) -> str | None:
    chosen = planned.section.settings["metric"] or DEFAULT_METRIC
    return str(chosen) if chosen in planned.pairs.columns else None


def width_scales(planned: Sequence[PlannedMap]) -> dict[str | None, WidthScale]:
    """One line-width scale per metric over every map of the book, so widths compare."""
    values: dict[str | None, list[float]] = {}
    for item in planned:
        metric = _metric(item)
        column = item.pairs[metric] if metric in item.pairs.columns else pd.Series(dtype=float)
        values.setdefault(metric, []).extend(column.dropna().tolist())
    return {metric: width_scale_for(metric, found) for metric, found in values.items()}


def _texts(planned: PlannedMap, lang: str) -> tuple[str, str, str]:
    section = planned.section
    title, subtitle, description = section.texts(lang)
    if lang == "en" and not title:
        title = english_text(section.title)
        description = english_text(section.description)
        subtitle = english_text(section.subtitle)
    return title, subtitle, description


def _sources(planned: PlannedMap, settings: BuildSettings) -> tuple[tuple[str, ...], str]:
    names = list(planned.drawn_from) or sorted({path.name for path in planned.sources})
    if settings.shipped:
        names = [text_of("shipped_table", settings.lang, name=name) for name in names]
    pairs = planned.pairs
    dates = sorted(str(d) for d in pairs.get("source_date", []) if isinstance(d, str) and d)
    return tuple(names), (dates[-1] if dates else "")


def map_options(
    book: Book, planned: PlannedMap, scale: WidthScale, settings: BuildSettings
) -> MapOptions:
    """The drawing options of one map: its section's settings, texts and the book's scale."""
    from pairmap.maps.basemaps import basemap_tiles

    section, chosen = planned.section, planned.section.settings
    title, subtitle, description = _texts(planned, settings.lang)
    sources, date = _sources(planned, settings)
    try:
        return MapOptions(
            title=title,
            subtitle=subtitle or description,
            level=chosen["level"],
            extent=chosen["extent"],
            color_by=chosen["colour"],
            fill=chosen["fill"],
            labels=chosen["labels"],
            metric=_metric(planned),
            width_scale=scale,
            tiles=basemap_tiles(chosen["basemap"], key=book.tianditu_key),
            sources=sources,
            date=date,
            not_drawn=planned.not_drawn,
            lang=settings.lang,
        )
    except MapOptionError as error:
        raise book.error(str(error), section="map", key="basemap", index=section.index) from None


def _files(planned: PlannedMap, settings: BuildSettings) -> tuple[str, ...]:
    exports = dict.fromkeys((*planned.section.settings["exports"], *settings.exports))
    slug = planned.section.slug
    return (f"{slug}.html", *(f"{slug}.{kind}" for kind in exports if kind != "html"))


def _inputs(
    planned: PlannedMap, records: list[dict[str, Any]], scale: WidthScale, settings: BuildSettings
) -> dict[str, Any]:
    """Everything one map is made from, in parts (see :data:`REASONS`)."""
    return {
        "pairs": {
            "records": records,
            "frame": _frame_hash(planned.pairs),
            "not_drawn": [list(row) for row in planned.not_drawn],
        },
        "section": planned.section.to_dict(),
        "scale": [scale.metric, scale.max_value if _has_values(planned, scale.metric) else None],
        "build": {
            "lang": settings.lang,
            "files": list(_files(planned, settings)),
            "size": settings.size.describe() if settings.size else "",
            "shipped": settings.shipped,
        },
        "versions": versions(),
    }


def _frame_hash(pairs: pd.DataFrame) -> str:
    """A hash of the pairs as the page shows them: a table by its file name, not its folder
    (so building the same book from another working folder draws nothing again)."""
    if "source_file" in pairs:
        names = [Path(f).name if isinstance(f, str) else f for f in pairs["source_file"]]
        pairs = pairs.assign(source_file=names)
    return hashlib.sha256(pairs.to_csv().encode("utf-8")).hexdigest()


def _has_values(planned: PlannedMap, metric: str | None) -> bool:
    """Whether the map has a figure the width scale applies to (else it cannot matter)."""
    return metric in planned.pairs.columns and bool(planned.pairs[metric].notna().any())


#: Why a map is drawn again, by the part of its inputs that changed.
REASONS: Mapping[str, str] = {
    "pairs": "its pairs changed",
    "section": "its section of the book changed",
    "scale": "the book's line-width scale changed (its largest figure)",
    "build": "the build's language, exports or size changed",
    "versions": "pairmap or the boundary data was updated",
}


def _reason(old: MapEntry | None, parts: Mapping[str, str], settings: BuildSettings) -> str:
    if settings.force:
        return "--force"
    if old is None:
        return "new"
    changed = [REASONS[name] for name in parts if old.parts.get(name) != parts[name]]
    return "; ".join(changed) or "a file of it was missing"


def _history(
    old: MapEntry | None, records: list[dict[str, Any]]
) -> tuple[tuple[Mapping[str, Any], ...] | None, str]:
    """``(previous, since)`` of a map drawn again: what its change panel compares with."""
    if old is None:
        return None, ""
    if diff_records(old.records, records).empty:
        # nothing in the pairs changed (a setting did): keep showing the last change
        return old.previous, old.since
    return old.records, old.built


def _changes(entry: MapEntry) -> MapChanges | None:
    """What the entry's page shows as changed (``None``: new then, or nothing changed)."""
    diff = entry.diff()
    return MapChanges(entry.since, diff) if diff is not None and not diff.empty else None


Exporter = Callable[[Path, str, Sequence[str]], None]


def _draw(
    planned: PlannedMap,
    entry: MapEntry,
    options: MapOptions,
    out_dir: Path,
    export: Exporter,
) -> None:
    page = map_html(planned.pairs, options=options)
    path = out_dir / entry.files[0]
    save_html(page, path)
    export(path, page, entry.files[1:])


def _built(
    planned: PlannedMap,
    entry: MapEntry,
    out_dir: Path,
    *,
    written: bool,
    lang: str,
    changes: MapChanges | None,
) -> BuiltMap:
    title, subtitle, description = _texts(planned, lang)
    path = out_dir / entry.files[0]
    png = next((out_dir / name for name in entry.files if name.endswith(".png")), None)
    return BuiltMap(
        slug=planned.section.slug,
        title=title,
        description=description or subtitle,
        path=path,
        n_flows=len(planned.pairs),
        pairs=planned.pairs,
        n_bytes=path.stat().st_size,
        written=written,
        png=png,
        changes=changes,
    )


def build_from_book(
    book: Book,
    out_dir: Path,
    files: Mapping[str, list[Path]],
    *,
    settings: BuildSettings | None = None,
    progress: Callable[[str, bool], None] | None = None,
) -> BookBuild:
    """Build every map of ``book`` into ``out_dir`` that its inputs say needs building.

    Parameters
    ----------
    book
        The checked book (:func:`maps.bookfile.read_book`).
    out_dir
        Where the maps, ``index.html`` and the manifest go (created).
    files
        The book's table files (:func:`maps.bookinputs.book_files`).
    settings
        Language, extra exports and their size, ``force`` (rebuild every map).
    progress
        Called with each map's slug and whether it was drawn again, then ``"index"``.

    Raises
    ------
    pairmap.errors.PairingTableError
        A map's tables have errors and it does not skip them; nothing is written.
    pairmap.errors.BookFileError
        A filter, basemap or metric that cannot work, or a map with no pairs.
    """
    settings = settings or BuildSettings()
    planned = plan_maps(book, read_book_tables(book, files))
    scales = width_scales(planned)
    options = [map_options(book, item, scales[_metric(item)], settings) for item in planned]
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = read_manifest(out_dir)
    now = _now()
    built: list[BuiltMap] = []
    entries: dict[str, MapEntry] = {}
    rebuilt: dict[str, str] = {}
    with _exporter(settings) as export:
        for item, drawing in zip(planned, options, strict=True):
            entry, why = _one_map(item, drawing, out_dir, previous, now, settings)
            changes = _changes(entry)
            entries[entry.slug] = entry
            if why is not None:
                rebuilt[entry.slug] = why
                _draw(item, entry, replace(drawing, changes=changes), out_dir, export)
                logger.info("%s: %d flows", entry.slug, len(item.pairs))
            done = _built(
                item, entry, out_dir, written=why is not None, lang=settings.lang, changes=changes
            )
            built.append(done)
            if progress is not None:
                progress(entry.slug, why is not None)
    title = book.title_en if settings.lang == "en" and book.title_en else book.title
    save_html(index_html(built, title=title), out_dir / "index.html")
    if progress is not None:
        progress("index", True)
    manifest = Manifest(entries, inputs=settings.inputs, built=now)
    manifest.write(out_dir)
    notes = {item.section.slug: item.notes for item in planned if item.notes}
    return BookBuild(built, rebuilt, notes, manifest)


def _one_map(
    planned: PlannedMap,
    options: MapOptions,
    out_dir: Path,
    previous: Manifest,
    now: str,
    settings: BuildSettings,
) -> tuple[MapEntry, str | None]:
    """One map's manifest entry, and why it must be drawn again (``None``: its inputs and
    files are as the last build left them, and the last entry is kept)."""
    slug = planned.section.slug
    records = pair_records(planned.pairs)
    assert options.width_scale is not None
    parts = part_hashes(_inputs(planned, records, options.width_scale, settings))
    print_ = fingerprint(records, parts, versions())
    files = _files(planned, settings)
    old = previous.maps.get(slug)
    if not settings.force and old is not None and previous.unchanged(slug, print_, out_dir, files):
        return old, None
    previous_records, since = _history(old, records)
    entry = MapEntry(
        slug,
        files,
        print_,
        now,
        title=options.title,
        records=tuple(records),
        previous=previous_records,
        since=since,
        parts=parts,
    )
    return entry, _reason(old, parts, settings)


@contextlib.contextmanager
def _exporter(settings: BuildSettings) -> Any:
    """A function writing a page's exports; one Chromium for the build, started when needed."""
    from pairmap.maps.sizes import default_size

    size = settings.size or default_size()
    with contextlib.ExitStack() as stack:
        browser: list[Any] = []

        def export(page_path: Path, page: str, names: Sequence[str]) -> None:
            if not names:
                return
            if not browser:
                from pairmap.maps.png import chromium_browser

                browser.append(stack.enter_context(chromium_browser()))
            for name in names:
                _export_one(page_path, page, page_path.parent / name, size, browser[0])

        yield export


def _export_one(page_path: Path, page: str, out: Path, size: ExportSize, browser: Any) -> None:
    suffix = out.suffix
    if suffix == ".png":
        from pairmap.maps.png import render_png

        render_png(
            page,
            out,
            width=size.css_width,
            height=size.css_height,
            scale=size.scale,
            browser=browser,
        )
    elif suffix == ".pdf":
        from pairmap.maps.pdf import render_pdf

        render_pdf(page_path, out, size=size, browser=browser)
    elif suffix == ".svg":
        from pairmap.maps.svg import render_svg

        render_svg(page_path, out, size=size, browser=browser)
    elif suffix == ".pptx":
        from pairmap.maps.slides import save_deck

        save_deck([page_path], out, size=size, browser=browser)
