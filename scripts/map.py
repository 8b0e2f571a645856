"""``pairmap map``: draw pairing tables as one offline HTML map, or a PNG, PDF, SVG or PPTX."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from pairmap.scripts._common import echo, reported_errors
from pairmap.scripts._output import mkdir_option, output_target
from pairmap.scripts._tables import read_and_resolve, table_options

if TYPE_CHECKING:
    import pandas as pd

    from pairmap.maps.sizes import ExportSize
    from pairmap.pairings.issues import Report

_SUFFIXES = (".html", ".htm", ".png", ".pdf", ".svg", ".pptx")
_EXPORTS = (".png", ".pdf", ".svg", ".pptx")


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
    type=click.Choice(["province", "prefecture", "county"]),
    default="county",
    show_default=True,
    help="Polygons drawn under the flows.",
)
@click.option(
    "--extent",
    type=click.Choice(["auto", "national", "regional"]),
    default="auto",
    show_default=True,
    help="All of China, or only the provinces the pairs touch (auto: regional for a few).",
)
@click.option("--metric", help="Metric column that sets line widths (e.g. funds_cny).")
@click.option(
    "--color-by",
    type=click.Choice(["auto", "group", "donor_province", "donor_prefecture", "program"]),
    default="auto",
    show_default=True,
    help="What the line colours tell apart.",
)
@click.option(
    "--fill",
    type=click.Choice(["role", "metric", "none"]),
    default="role",
    show_default=True,
    help="Unit fill: donor/recipient role, or recipients by --metric.",
)
@click.option("--program", "programs", multiple=True, help="Only this programme (repeatable).")
@click.option("--round", "rounds", multiple=True, help="Only this round, e.g. 2021 (repeatable).")
@click.option("--title", help="Map title (default: from the table names).")
@click.option("--subtitle", default="", help="Line under the title.")
@click.option("--overwrite", is_flag=True, help="Replace the output file if it exists.")
@mkdir_option
def command(
    tables: tuple[Path, ...],
    output: Path,
    column_options: tuple[str, ...],
    columns_file: Path | None,
    sheet: str | None,
    level: str,
    extent: str,
    metric: str | None,
    color_by: str,
    fill: str,
    programs: tuple[str, ...],
    rounds: tuple[str, ...],
    title: str | None,
    subtitle: str,
    size: str,
    scale: float,
    overwrite: bool,
    mkdir: bool,
) -> None:
    """Draw pairing TABLES (CSV or XLSX) as one flow map.

    Every table is read, validated and resolved first; on any error the report is
    printed as by ``pairmap check``, nothing is written and the exit status is 1.
    """
    export_size = _check_options(output, fill=fill, metric=metric, size=size, scale=scale)
    suffix = output.suffix.lower()
    beside = _deck_page(output, overwrite=overwrite)
    with output_target(output, overwrite=overwrite, mkdir=mkdir), reported_errors():
        from pairmap.api import flow_map
        from pairmap.maps.offline import save_map

        _require_exporter(suffix)  # before the tables are resolved, not after
        read = read_and_resolve(
            tables, column_options=column_options, columns_file=columns_file, sheet=sheet
        )
        pairs = _pairs_to_draw(read.pairs, read.report, programs=programs, rounds=rounds)
        names = "、".join(path.stem for path in read.paths)
        folium_map = flow_map(
            pairs,
            level=level,
            metric=metric,
            colour_by=color_by,
            title=title or f"结对帮扶地图：{names}",
            subtitle=subtitle,
            extent=extent,
            fill=fill,
            sources=[path.name for path in read.paths],
        )
        save_map(folium_map, output, size=export_size)
    detail = f", {export_size.describe()}" if suffix in _EXPORTS else ""
    click.echo(f"wrote {output} ({len(pairs)} flows{detail})")
    if beside is not None:
        click.echo(f"wrote {beside} (the offline map the slide links to; keep it beside the deck)")


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
    if fill == "metric" and not metric:
        raise click.BadParameter(
            "--fill metric colours recipients by a metric; name it with --metric, "
            "e.g. --metric funds_cny.",
            param_hint="'--fill'",
        )
    try:
        return parse_size(size, scale=scale)
    except ExportSizeError as error:
        raise click.BadParameter(str(error), param_hint="'--size' / '--scale'") from None


def _pairs_to_draw(
    pairs: pd.DataFrame, report: Report, *, programs: tuple[str, ...], rounds: tuple[str, ...]
) -> pd.DataFrame:
    """The selected pairs; the report and exit status 1 when there are errors or none."""
    from pairmap.pairings.issues import issue_lines
    from pairmap.pairings.select import select_pairs

    if not report.ok:
        echo(report.format_text(), err=True)
        raise SystemExit(1)
    for line in issue_lines((*report.warnings, *report.notices)):
        echo(line, err=True)
    pairs = select_pairs(pairs, programs=programs, rounds=rounds)
    if pairs.empty:
        hint = " after --program/--round; check their spelling" if programs or rounds else ""
        click.echo(f"Error: no pairs left to draw{hint}.", err=True)
        raise SystemExit(1)
    return pairs
