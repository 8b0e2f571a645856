"""``pairmap map``: draw any pairing tables as one offline HTML map (or a PNG image)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from pairmap.scripts._common import echo, reported_errors
from pairmap.scripts._output import mkdir_option, output_target
from pairmap.scripts._tables import read_and_resolve, table_options

if TYPE_CHECKING:
    import pandas as pd

    from pairmap.pairings.issues import Report

_SUFFIXES = (".html", ".htm", ".png")


@click.command(name="map")
@click.argument("tables", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="The map to write: FILE.html (offline page) or FILE.png (image, needs Chromium).",
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
    lang: str,
    overwrite: bool,
    mkdir: bool,
) -> None:
    """Draw pairing TABLES (CSV or XLSX) as one flow map.

    Every table is read, validated and resolved first; on any error the report is
    printed as by ``pairmap check``, nothing is written and the exit status is 1.
    """
    _check_options(output, fill=fill, metric=metric)
    png = output.suffix.lower() == ".png"
    with output_target(output, overwrite=overwrite, mkdir=mkdir), reported_errors():
        from pairmap.api import flow_map, save

        if png:
            from pairmap.maps.png import require_chromium

            require_chromium()  # before the tables are resolved, not after
        read = read_and_resolve(
            tables, column_options=column_options, columns_file=columns_file, sheet=sheet
        )
        pairs = _pairs_to_draw(read.pairs, read.report, programs=programs, rounds=rounds)
        from pairmap.maps.lang import english_text, text_of

        names = text_of("list", lang).join(path.stem for path in read.paths)
        if lang == "en":
            names = english_text(names)
        folium_map = flow_map(
            pairs,
            level=level,
            metric=metric,
            colour_by=color_by,
            title=title or text_of("title_of", lang, names=names),
            subtitle=subtitle,
            extent=extent,
            fill=fill,
            sources=[path.name for path in read.paths],
            lang=lang,
        )
        save(folium_map, output)
    click.echo(f"wrote {output} ({len(pairs)} flows)")


def _check_options(output: Path, *, fill: str, metric: str | None) -> None:
    """Usage errors (exit 2) for an output suffix or options that do not fit together."""
    if output.suffix.lower() not in _SUFFIXES:
        raise click.BadParameter(
            f"{output} must end in .html or .png.", param_hint="'-o' / '--output'"
        )
    if fill == "metric" and not metric:
        raise click.BadParameter(
            "--fill metric colours recipients by a metric; name it with --metric, "
            "e.g. --metric funds_cny.",
            param_hint="'--fill'",
        )


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
