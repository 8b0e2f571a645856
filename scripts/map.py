"""``pairmap map``: draw pairing tables as one offline HTML map, or a PNG, PDF, SVG or PPTX."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pairmap.geo.levels import Level
from pairmap.maps.options import ColourBy, Extent, Fill
from pairmap.pairings.schema import METRIC_COLUMNS, METRIC_LABELS
from pairmap.scripts._common import echo, enum_choice, reported_errors
from pairmap.scripts._output import mkdir_option, output_target
from pairmap.scripts._tables import read_and_resolve, table_options

if TYPE_CHECKING:
    import pandas as pd

    from pairmap.maps.sizes import ExportSize
    from pairmap.pairings.issues import Report
    from pairmap.pairings.select import Selection
    from pairmap.pairings.tables import ResolvedTables

_SUFFIXES = (".html", ".htm", ".png", ".pdf", ".svg", ".pptx")
_EXPORTS = (".png", ".pdf", ".svg", ".pptx")


def _years_option(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> tuple[int, int] | None:
    """``--years`` read as ``(first, last)``; a usage error (exit 2) when it is not years."""
    from pairmap.errors import SelectionError
    from pairmap.pairings.select import parse_years

    try:
        return parse_years(value)
    except SelectionError as error:
        raise click.BadParameter(str(error)) from None


def metric_help() -> str:
    """The help of ``--metric``: each named metric with the label maps show for it."""
    named = ", ".join(f"{column} ({METRIC_LABELS[column][0]})" for column in METRIC_COLUMNS)
    return (
        f"Metric column that sets line widths: {named}, or an extra numeric column of "
        "the tables (named as its header)."
    )


@click.command(name="map")
@click.argument("tables", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="The map to write: FILE.html (offline page); FILE.png, FILE.pdf or FILE.svg "
    "(vector), or FILE.pptx (one 16:9 slide; the page is written beside it as FILE.html). "
    "All but HTML need Chromium.",
)
@click.option(
    "--size",
    default="1920x1080",
    show_default=True,
    help="Size of a PNG, PDF, SVG or slide picture: WxH in pixels (1920x1080, 3840x2160, "
    "1600x1200, ...) or A4 / A3 (landscape paper).",
)
@click.option(
    "--scale",
    type=float,
    default=1.0,
    show_default=True,
    help="Device scale factor: WxH stays the picture's size in pixels, laid out at "
    "W/scale × H/scale (2: larger text and lines); on paper, 96 × scale dpi.",
)
@table_options
@click.option(
    "--level",
    type=enum_choice(Level),
    default=Level.COUNTY.value,
    show_default=True,
    help="Polygons drawn under the flows.",
)
@click.option(
    "--extent",
    type=enum_choice(Extent),
    default=Extent.AUTO.value,
    show_default=True,
    help="All of China, or only the provinces the pairs touch (auto: regional for a few).",
)
@click.option(
    "--no-inset",
    is_flag=True,
    help="National maps: no South China Sea inset; the islands at their true position.",
)
@click.option("--metric", help=metric_help())
@click.option(
    "--color-by",
    type=enum_choice(ColourBy),
    default=ColourBy.AUTO.value,
    show_default=True,
    help="What the line colours tell apart.",
)
@click.option(
    "--fill",
    type=enum_choice(Fill),
    default=Fill.ROLE.value,
    show_default=True,
    help="Unit fill: donor/recipient role, or recipients by --metric.",
)
@click.option(
    "--labels",
    type=click.Choice(["all", "ends", "none"]),
    default="ends",
    show_default=True,
    help="Place names: donors and recipients (ends), every unit where room allows (all), none.",
)
@click.option(
    "--program",
    "programs",
    multiple=True,
    help="Only this programme, as written (东西部协作) or its key (east_west). Repeatable.",
)
@click.option("--round", "rounds", multiple=True, help="Only this round, e.g. 2021 (repeatable).")
@click.option(
    "--years",
    "--year",
    "years",
    callback=_years_option,
    metavar="YEAR[-YEAR]",
    help="Only pairs active in this year or range (2021, 2021-2023): started by its end "
    "and not ended before its start. Pairs without a start year are left out (counted).",
)
@click.option(
    "--donor-province",
    "donor_provinces",
    multiple=True,
    metavar="P",
    help="Only pairs whose donor is in this province (name such as 广东 or adcode). Repeatable.",
)
@click.option(
    "--recipient-province",
    "recipient_provinces",
    multiple=True,
    metavar="P",
    help="Only pairs whose recipient is in this province (name or adcode). Repeatable.",
)
@click.option("--title", help="Map title (default: from the table names).")
@click.option("--subtitle", default="", help="Line under the title.")
@click.option(
    "--basemap",
    type=click.Choice(["none", "osm", "carto", "amap", "tianditu"]),
    default="none",
    show_default=True,
    help="Background tiles (need the network; the map is offline with none). amap draws on "
    "GCJ-02; tianditu needs the key in PAIRMAP_TIANDITU_KEY.",
)
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Draw the rows that resolve; print every row left out and why, and list them in "
    "the map's footer. Exit 0 only if something was drawn.",
    show_default=False,
)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of the interface, legend, popups and place names (notes stay as written).",
)
@click.option("--overwrite", is_flag=True, help="Replace the output file if it exists.")
@mkdir_option
def command(
    tables: tuple[Path, ...],
    output: Path,
    size: str,
    scale: float,
    overwrite: bool,
    mkdir: bool,
    **options: Any,
) -> None:
    """Draw pairing TABLES (CSV or XLSX) as one flow map.

    Every table is read, validated and resolved first; on any error the report is
    printed as by ``pairmap check``, nothing is written and the exit status is 1.
    """
    export_size = _check_options(
        output, fill=options["fill"], metric=options["metric"], size=size, scale=scale
    )
    suffix = output.suffix.lower()
    beside = _deck_page(output, overwrite=overwrite)
    with output_target(output, overwrite=overwrite, mkdir=mkdir), reported_errors():
        from pairmap.maps.offline import save_map

        _check_before_reading(output, options)
        read = read_and_resolve(
            tables,
            column_options=options["column_options"],
            columns_file=options["columns_file"],
            sheet=options["sheet"],
        )
        pairs = _pairs_to_draw(
            read.pairs, read.report, _selection(options), skip_invalid=options["skip_invalid"]
        )
        save_map(_flow_map(pairs, read, options), output, size=export_size)
    detail = f", {export_size.describe()}" if suffix in _EXPORTS else ""
    click.echo(f"wrote {output} ({len(pairs)} flows{detail})")
    if beside is not None:
        click.echo(f"wrote {beside} (the offline map the slide links to; keep it beside the deck)")


def _check_before_reading(output: Path, options: dict[str, Any]) -> None:
    """What can fail without the tables fails before they are read: Chromium, a tile key."""
    from pairmap.maps.basemaps import basemap_tiles

    _require_exporter(output.suffix.lower())
    basemap_tiles(options["basemap"])


def _selection(options: dict[str, Any]) -> Selection:
    from pairmap.pairings.select import Selection

    return Selection(
        programmes=options["programs"],
        rounds=options["rounds"],
        years=options["years"],
        donor_provinces=options["donor_provinces"],
        recipient_provinces=options["recipient_provinces"],
    )


def _flow_map(pairs: pd.DataFrame, read: ResolvedTables, options: dict[str, Any]) -> Any:
    """The map of the selected pairs, with the command's drawing options."""
    from pairmap.api import flow_map
    from pairmap.maps.lang import english_text, text_of

    lang = options["lang"]
    names = text_of("list", lang).join(path.stem for path in read.paths)
    if lang == "en":
        names = english_text(names)
    return flow_map(
        pairs,
        level=options["level"],
        metric=options["metric"],
        colour_by=options["color_by"],
        title=options["title"] or text_of("title_of", lang, names=names),
        subtitle=options["subtitle"],
        extent=options["extent"],
        fill=options["fill"],
        sources=[path.name for path in read.paths],
        basemap=options["basemap"],
        report=read.report if options["skip_invalid"] else None,
        inset=not options["no_inset"],
        labels=options["labels"],
        lang=lang,
    )


def _require_exporter(suffix: str) -> None:
    """Chromium (and python-pptx for a deck) before any table is read."""
    if suffix not in _EXPORTS:
        return
    from pairmap.maps.png import require_chromium

    require_chromium()
    if suffix == ".pptx":
        from pairmap.maps.deck import require_pptx

        require_pptx()


def _deck_page(output: Path, *, overwrite: bool) -> Path | None:
    """The page a one-slide deck links to (``FILE.html`` beside it), checked like ``-o``."""
    if output.suffix.lower() != ".pptx":
        return None
    from pairmap.maps.export import deck_page_path

    page = deck_page_path(output)
    if page.exists() and not overwrite:
        raise click.BadParameter(
            f"{output} is a deck whose slide links {page}, which exists; pass --overwrite "
            "to replace it, or choose another name.",
            param_hint="'-o' / '--output'",
        )
    return page


def _check_options(
    output: Path, *, fill: str, metric: str | None, size: str, scale: float
) -> ExportSize:
    """Usage errors (exit 2) for an output suffix or options that do not fit together."""
    from pairmap.maps.sizes import ExportSizeError, parse_size

    if output.suffix.lower() not in _SUFFIXES:
        raise click.BadParameter(
            f"{output} must end in .html, .png, .pdf, .svg or .pptx.",
            param_hint="'-o' / '--output'",
        )
    if fill is Fill.METRIC and not metric:
        raise click.BadParameter(
            "--fill metric colours recipients by a metric; name it with --metric, "
            "e.g. --metric funds_cny.",
            param_hint="'--fill'",
        )
    try:
        return parse_size(size, scale=scale)
    except ExportSizeError as error:
        raise click.BadParameter(str(error), param_hint="'--size' / '--scale'") from None


def _report_skipped(report: Report) -> None:
    """Every row ``--skip-invalid`` leaves out, with why, one line each on stderr."""
    from pairmap.pairings.skipped import rows_not_drawn

    skipped = rows_not_drawn(report)
    for row in skipped:
        echo(f"not drawn: {row.where}: {row.reason}", err=True)
    echo(
        f"{len(skipped)} rows not drawn (--skip-invalid); they are listed in the map's footer.",
        err=True,
    )


def _pairs_to_draw(
    pairs: pd.DataFrame, report: Report, selection: Selection, *, skip_invalid: bool = False
) -> pd.DataFrame:
    """The selected pairs; the report and exit status 1 when there are errors or none."""
    from pairmap.pairings.issues import issue_lines

    everything = type(selection)()
    if not report.ok and not skip_invalid:
        echo(report.format_text(), err=True)
        raise SystemExit(1)
    for line in issue_lines((*report.warnings, *report.notices)):
        echo(line, err=True)
    if not report.ok:
        _report_skipped(report)
    selected = selection.apply(pairs)
    undated = selection.undated(pairs)
    if undated:
        echo(
            f"Note: {undated} pair{'' if undated == 1 else 's'} without a start year "
            "left out by --years.",
            err=True,
        )
    if selected.empty:
        hint = "" if selection == everything else f" after the selection ({selection.describe()})"
        click.echo(f"Error: no pairs left to draw{hint}.", err=True)
        raise SystemExit(1)
    if selection != everything:
        echo(f"Selected {len(selected)} of {len(pairs)} pairs: {selection.describe()}.", err=True)
    return selected
