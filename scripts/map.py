"""``pairmap map``: draw any pairing tables as one offline HTML map (or a PNG image)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from pairmap.scripts._common import check_overwrite, reported_errors
from pairmap.scripts._tables import read_and_resolve, table_options

if TYPE_CHECKING:
    import pandas as pd

_SUFFIXES = (".html", ".htm", ".png")


def select_pairs(
    pairs: pd.DataFrame, *, programs: tuple[str, ...], rounds: tuple[str, ...]
) -> pd.DataFrame:
    """Keep the pairs of the given programmes (name as written or key) and rounds."""
    keep = pairs.index == pairs.index
    if programs:
        wanted = set(programs)
        keep &= pairs["program"].astype(str).isin(wanted) | pairs["program_key"].astype(str).isin(
            wanted
        )
    if rounds:
        keep &= pairs["round"].astype(str).isin(set(rounds))
    return pairs[keep].reset_index(drop=True)


@click.command(name="map")
@click.argument("tables", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
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
@click.option("--overwrite", is_flag=True, help="Replace the output file if it exists.")
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
    overwrite: bool,
) -> None:
    """Draw pairing TABLES (CSV or XLSX) as one flow map.

    Every table is read, validated and resolved first; on any error the report is
    printed as by ``pairmap check``, nothing is written and the exit status is 1.
    """
    if output.suffix.lower() not in _SUFFIXES:
        raise click.BadParameter(
            f"{output} must end in .html or .png.", param_hint="'-o' / '--output'"
        )
    check_overwrite(output, overwrite=overwrite)
    with reported_errors():
        from pairmap.maps.export import save_html, save_png
        from pairmap.maps.flowmap import MapOptions, map_html

        read = read_and_resolve(
            tables, column_options=column_options, columns_file=columns_file, sheet=sheet
        )
        pairs, report = read.pairs, read.report
        if not report.ok:
            click.echo(report.format_text(), err=True)
            raise SystemExit(1)
        for issue in (*report.warnings, *report.notices):
            click.echo(f"{issue.severity}: {issue}", err=True)
        pairs = select_pairs(pairs, programs=programs, rounds=rounds)
        if pairs.empty:
            hint = " after --program/--round; check their spelling" if programs or rounds else ""
            click.echo(f"Error: no pairs left to draw{hint}.", err=True)
            raise SystemExit(1)
        names = "、".join(path.stem for path in read.paths)
        options = MapOptions(
            title=title or f"结对帮扶地图：{names}",
            subtitle=subtitle,
            level=level,
            extent=extent,
            metric=metric,
            color_by=color_by,
            fill=fill,
            fill_metric=metric,
            sources=tuple(path.name for path in read.paths),
        )
        page = map_html(pairs, options=options)
        if output.suffix.lower() == ".png":
            save_png(page, output)
        else:
            save_html(page, output, skip_unchanged=False)
    click.echo(f"wrote {output} ({len(pairs)} flows)")
