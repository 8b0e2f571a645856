"""``pairmap diff``: what changed between two versions of a pairing table."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from pairmap.scripts._common import echo, echo_json, reported_errors
from pairmap.scripts._tables import read_and_resolve, table_options

if TYPE_CHECKING:
    import pandas as pd


@click.command(name="diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@table_options
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="The changes as lines of text or as one JSON document.",
)
@click.option(
    "--exit-code", is_flag=True, help="Exit 3 when there are changes (0 when there are none)."
)
def command(
    old: Path,
    new: Path,
    column_options: tuple[str, ...],
    columns_file: Path | None,
    sheet: str | None,
    output_format: str,
    exit_code: bool,
) -> None:
    """Compare two versions of a pairing table: pairs added, removed and changed.

    OLD and NEW are tables (CSV or XLSX) or folders of them, read and resolved as by
    ``pairmap check`` with the same column options; or two output folders of
    ``pairmap build`` (each with its pairmap-manifest.json), compared map by map.
    Pairs are matched by the units they resolve to, not by their text, so 金秀县 and
    金秀瑶族自治县 are one recipient; a changed pair lists each figure that differs,
    old → new. A table with errors prints its report and exits 1.
    """
    from pairmap.maps.manifest import is_build
    from pairmap.pairings.diff import diff_pairs, format_diff

    if is_build(old) or is_build(new):
        _diff_builds(old, new, output_format=output_format, exit_code=exit_code)
    with reported_errors():
        frames = [
            _resolved(path, column_options=column_options, columns_file=columns_file, sheet=sheet)
            for path in (old, new)
        ]
    diff = diff_pairs(*frames)
    if output_format == "json":
        echo_json({"old": str(old), "new": str(new), **diff.to_dict()})
    else:
        echo(format_diff(diff))
    raise SystemExit(3 if exit_code and not diff.empty else 0)


def _resolved(
    path: Path,
    *,
    column_options: tuple[str, ...],
    columns_file: Path | None,
    sheet: str | None,
) -> pd.DataFrame:
    """One version's resolved pairs; its report and exit 1 when it has errors."""
    read = read_and_resolve(
        (path,), column_options=column_options, columns_file=columns_file, sheet=sheet
    )
    if not read.report.ok:
        echo(f"{path}: cannot compare a table with errors.", err=True)
        echo(read.report.format_text(), err=True)
        raise SystemExit(1)
    return read.pairs


def _diff_builds(old: Path, new: Path, *, output_format: str, exit_code: bool) -> None:
    """Two builds of a book compared map by map; exits."""
    from pairmap.maps.manifest import MANIFEST_NAME, diff_builds, is_build, read_manifest

    for path in (old, new):
        if not is_build(path):
            raise click.UsageError(
                f"{path} is not the output folder of `pairmap build` (no {MANIFEST_NAME}); "
                "compare two builds, or two tables."
            )
    diff = diff_builds(read_manifest(old), read_manifest(new))
    if output_format == "json":
        echo_json({"old": str(old), "new": str(new), **diff.to_dict()})
    else:
        echo(diff.format_text())
    raise SystemExit(3 if exit_code and not diff.empty else 0)
