"""Public API of the boundary layer: units, prepared boundaries, topology and anchors."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from importlib import resources

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from pairmap.errors import UnknownLevelError, UnknownPlaceError
from pairmap.geo import source
from pairmap.geo.cache import cached_frame, cached_text
from pairmap.geo.crs import GEOGRAPHIC_CRS, area_km2
from pairmap.geo.datum import Datum, convert_coords, convert_geometries
from pairmap.geo.levels import Level, as_level
from pairmap.geo.simplify import TOLERANCE_DEGREES, Detail, dissolve_coverage, simplify_coverage
from pairmap.geo.topology import FULL_FORM, TopologyForm, build_topology

logger = logging.getLogger(__name__)

#: ``progress(done, total, stage)``: how far a first-time preparation has got.
Progress = Callable[[int, int, str], None]

#: Columns of :func:`load_boundaries`.
BOUNDARY_COLUMNS: tuple[str, ...] = (
    "adcode",
    "name",
    "level",
    "province_adcode",
    "parent_adcode",
    "geometry",
)

#: Steps after reading the files, counted by the progress callback.
_AFTER_READING = ("converting datum", "simplifying")


def load_units() -> pd.DataFrame:
    """Every administrative unit of China (no geometry); see :func:`geo.source.read_unit_table`."""
    return source.read_unit_table()


def resolve_provinces(provinces: Sequence[str] | None) -> tuple[str, ...] | None:
    """Turn province adcodes or names (full or short: ``贵州``, ``广西``) into sorted adcodes.

    Raises
    ------
    UnknownPlaceError
        When a value matches no province or more than one.
    """
    if provinces is None:
        return None
    if isinstance(provinces, str):
        provinces = [provinces]
    table = source.read_unit_table()
    table = table[table["level"] == "province"]
    by_code = dict(zip(table["adcode"], table["adcode"], strict=True))
    by_name = dict(zip(table["name"], table["adcode"], strict=True))
    resolved = set()
    for given in provinces:
        text = str(given).strip()
        code = by_code.get(text) or by_name.get(text)
        if code is None and len(text) >= 2:
            matches = [c for name, c in by_name.items() if name.startswith(text)]
            code = matches[0] if len(matches) == 1 else None
        if code is None:
            known = "、".join(table["name"])
            raise UnknownPlaceError(
                f"{given!r} is not a province. Give a province adcode (e.g. 520000) "
                f"or name, one of: {known}.",
                name=text,
            )
        resolved.add(code)
    return tuple(sorted(resolved))


class _Reporter:
    """Adapts file counts and named steps to a :data:`Progress` callback."""

    def __init__(self, progress: Progress | None, *, files: int) -> None:
        self.progress = progress
        self.total = files + len(_AFTER_READING)
        self.done = 0

    def files_read(self, count: int) -> None:
        self.done += count
        self.report("reading boundaries")

    def step(self, stage: str) -> None:
        self.report(stage)
        self.done += 1

    def report(self, stage: str) -> None:
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total, stage)


def _prepare_counties(
    provinces: tuple[str, ...] | None, datum: Datum, detail: Detail, progress: Progress | None
) -> pd.DataFrame:
    """Read, convert and coverage-simplify the county layer (columns adcode, geometry)."""
    members = source.select_units("county", provinces=provinces)
    reporter = _Reporter(progress, files=len(members))
    logger.info(
        "preparing %d county boundaries (%s, %s detail); this happens once",
        len(members),
        datum.value,
        detail.value,
    )
    raw = source.read_geometries(members["adcode"], progress=reporter.files_read)
    reporter.step("converting datum")
    converted = convert_geometries(raw, source=Datum.GCJ02, target=datum)
    del raw
    reporter.step("simplifying")
    simplified = simplify_coverage(converted, tolerance=TOLERANCE_DEGREES[detail])
    del converted
    reporter.report("done")
    return pd.DataFrame({"adcode": members["adcode"].to_numpy(), "geometry": simplified})


_UNIT_COLUMNS = ("name", "level", "province_adcode", "parent_adcode")


def _unit_frame(
    codes: pd.Index, geometry: np.ndarray, *, extra: tuple[str, ...] = ()
) -> gpd.GeoDataFrame:
    """A layer of the units ``codes`` with their attributes from the unit table."""
    units = source.read_unit_table().set_index("adcode")
    columns = {"adcode": codes.to_numpy()}
    columns.update({name: units.loc[codes, name].to_numpy() for name in _UNIT_COLUMNS + extra})
    return gpd.GeoDataFrame(
        columns, geometry=gpd.GeoSeries(np.asarray(geometry, dtype=object), crs=GEOGRAPHIC_CRS)
    )


def _with_units(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    return _unit_frame(
        pd.Index(frame["adcode"]), frame["geometry"], extra=("prefecture_layer_adcode",)
    )


def _dissolved(counties: gpd.GeoDataFrame, level: str) -> gpd.GeoDataFrame:
    """The ``level`` layer as unions of county-layer leaves."""
    if level == "county":
        return counties
    key = "province_adcode" if level == "province" else "prefecture_layer_adcode"
    unions = dissolve_coverage(counties, by=counties[key])
    return _unit_frame(pd.Index(unions.index), unions.to_numpy())


def load_boundaries(
    level: str,
    *,
    provinces: Sequence[str] | None = None,
    datum: Datum | str = Datum.WGS84,
    detail: Detail | str = Detail.NATIONAL,
    progress: Progress | None = None,
) -> gpd.GeoDataFrame:
    """Boundaries of one layer, simplified without gaps, cached on disk after the first time.

    Parameters
    ----------
    level
        ``"county"`` (every county-level unit, plus the units with nothing below:
        东莞, 中山, 儋州, 嘉峪关, 台湾), ``"prefecture"`` (prefectures, the
        province-administered counties, and the municipalities/SARs whole) or
        ``"province"``. Each layer tiles China exactly; coarser ones are unions of
        the county polygons, so borders coincide between layers.
    provinces
        Province adcodes or names (``"520000"``, ``"贵州省"``, ``"贵州"``); only their
        files are read. All of China when ``None``.
    datum
        ``"wgs84"`` for OSM/CartoDB/Tianditu tiles, ``"gcj02"`` for Amap/Tencent tiles.
    detail
        ``"national"`` (~5 % of the source vertices) or ``"regional"`` (finer, for
        province or city zoom).
    progress
        ``progress(done, total, stage)`` while preparing for the first time.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``adcode, name, level, province_adcode, parent_adcode, geometry``
        in EPSG:4326 (lon/lat in ``datum``), sorted by adcode.
    """
    as_level(level)
    codes = resolve_provinces(provinces)
    datum, detail = Datum(datum), Detail(detail)
    counties = _county_layer_with_progress(codes, datum, detail, progress)
    layer = _dissolved(counties, level)
    layer = layer.sort_values("adcode", kind="stable").reset_index(drop=True)
    return layer[list(BOUNDARY_COLUMNS)]


def _county_layer_with_progress(
    provinces: tuple[str, ...] | None, datum: Datum, detail: Detail, progress: Progress | None
) -> gpd.GeoDataFrame:
    params = {"provinces": provinces, "datum": datum.value, "detail": detail.value}
    memo_key = (provinces, datum, detail)
    frame = _MEMO.get(memo_key)
    if frame is None:
        frame = cached_frame(
            "counties",
            params,
            lambda: _prepare_counties(provinces, datum, detail, progress),
            columns=("adcode", "geometry"),
        )
        _MEMO[memo_key] = frame
        while len(_MEMO) > _MEMO_SIZE:
            _MEMO.pop(next(iter(_MEMO)))
    return _with_units(frame)


#: In-process memo of prepared county layers (they are immutable once built).
_MEMO: dict[tuple[object, ...], pd.DataFrame] = {}
_MEMO_SIZE = 8


def clear_memory_cache() -> None:
    """Forget the layers held in memory, so the next load reads the disk cache."""
    _MEMO.clear()


def load_topology(
    levels: Sequence[str],
    *,
    provinces: Sequence[str] | None = None,
    datum: Datum | str = Datum.WGS84,
    detail: Detail | str = Detail.NATIONAL,
    progress: Progress | None = None,
    form: TopologyForm = FULL_FORM,
) -> str:
    """One TopoJSON text holding the given layers, sharing arcs, cached on disk.

    Parameters
    ----------
    levels
        Layers to include, e.g. ``["county", "province"]``; each becomes an object
        named by its level. Features carry ``adcode``, ``name``, ``level`` and
        ``parent_adcode`` (omitted for provinces), unless ``form`` says otherwise.
    provinces, datum, detail, progress
        As in :func:`load_boundaries`.
    form
        Feature properties and their names (:class:`geo.topology.TopologyForm`): a map
        page asks for the short names it reads, so the text is written once.

    Returns
    -------
    str
        Compact TopoJSON (quantised, Chinese unescaped); identical inputs give
        identical text.
    """
    if isinstance(levels, str):
        levels = [levels]
    levels = tuple(dict.fromkeys(as_level(level).value for level in levels))
    if not levels:
        raise UnknownLevelError("load_topology needs at least one level.")
    codes = resolve_provinces(provinces)
    datum, detail = Datum(datum), Detail(detail)
    params: dict[str, object] = {
        "levels": levels,
        "provinces": codes,
        "datum": datum.value,
        "detail": detail.value,
    }
    if form != FULL_FORM:  # entries of the full form keep their keys
        params["form"] = form.params()

    def build() -> str:
        counties = _county_layer_with_progress(codes, datum, detail, progress)
        layers = {
            level: _dissolved(counties, level).sort_values("adcode", kind="stable")
            for level in levels
        }
        return build_topology(layers, form=form)

    return cached_text("topology", params, build, check=_check_topology)


def _check_topology(text: str) -> None:
    """Raise ``ValueError`` unless a cached text looks like a whole TopoJSON topology.

    The entry's checksum vouches for its bytes; this catches text of another layout
    without parsing megabytes of JSON on every load.
    """
    if not (text.startswith('{"type":"Topology"') and text.rstrip().endswith("}")):
        raise ValueError("not a TopoJSON topology")


def load_anchors(
    *, datum: Datum | str = Datum.WGS84, progress: Progress | None = None
) -> pd.DataFrame:
    """A stable point inside every unit of every level, and its area.

    The point is the centre of the unit's largest inscribed circle (its pole of
    inaccessibility) on the regional-detail boundaries, so it lies well inside
    even for crescent-shaped units and island groups. A province other than a
    municipality, Hong Kong, Macau or Taiwan is anchored at its capital's point
    instead (``geo/data/capitals.csv``): flows to 内蒙古 then end at 呼和浩特, not in
    the far north-east where the province is widest.

    Parameters
    ----------
    datum
        Datum of ``lon``/``lat``.
    progress
        As in :func:`load_boundaries`.

    Returns
    -------
    pandas.DataFrame
        ``adcode, lon, lat, area_km2`` for every unit of :func:`load_units`, sorted by
        adcode. Areas are computed in :data:`geo.crs.EQUAL_AREA_CRS`; a prefecture's
        or province's area is the sum of its counties'.
    """
    datum = Datum(datum)
    anchors = cached_frame(
        "anchors",
        {"province_anchor": "capital"},
        lambda: _build_anchors(progress),
        columns=("adcode", "lon", "lat", "area_km2"),
    )
    if datum != Datum.WGS84:
        coords = np.column_stack([anchors["lon"], anchors["lat"]])
        converted = convert_coords(coords, source=Datum.WGS84, target=datum)
        anchors = anchors.assign(lon=converted[:, 0], lat=converted[:, 1])
    return anchors.reset_index(drop=True)


def _build_anchors(progress: Progress | None) -> pd.DataFrame:
    counties = _county_layer_with_progress(None, Datum.WGS84, Detail.REGIONAL, progress)
    counties = counties.assign(area_km2=area_km2(counties.geometry.to_numpy()))
    frames = []
    for level in Level:
        layer = _dissolved(counties, level)
        if level == "county":
            areas = layer.set_index("adcode")["area_km2"]
        else:
            key = "province_adcode" if level == "province" else "prefecture_layer_adcode"
            areas = counties.groupby(key)["area_km2"].sum()
        centres = _inscribed_centres(layer.geometry.to_numpy())
        frames.append(
            pd.DataFrame(
                {
                    "adcode": layer["adcode"].to_numpy(),
                    "lon": shapely.get_x(centres),
                    "lat": shapely.get_y(centres),
                    "area_km2": areas.loc[layer["adcode"]].to_numpy(),
                }
            )
        )
    anchors = pd.concat(frames, ignore_index=True).drop_duplicates("adcode")
    anchors = _at_capitals(anchors.set_index("adcode")).reset_index()
    anchors = anchors.sort_values("adcode", kind="stable").reset_index(drop=True)
    expected = set(source.read_unit_table()["adcode"])
    if set(anchors["adcode"]) != expected:
        raise RuntimeError("anchors do not cover the unit table")
    return anchors


def read_capitals() -> pd.DataFrame:
    """The seat of each provincial government that has prefectures under it.

    Returns
    -------
    pandas.DataFrame
        ``province_adcode, province, capital_adcode, capital, source`` from
        ``geo/data/capitals.csv``; municipalities, Hong Kong, Macau and Taiwan are absent.
    """
    with resources.files("pairmap.geo").joinpath("data/capitals.csv").open(encoding="utf-8") as f:
        return pd.read_csv(f, dtype=str)


def _at_capitals(anchors: pd.DataFrame) -> pd.DataFrame:
    """Move each province's anchor (indexed by adcode) to its capital prefecture's."""
    capitals = read_capitals()
    moved = anchors.copy()
    moved.loc[capitals["province_adcode"], ["lon", "lat"]] = anchors.loc[
        capitals["capital_adcode"], ["lon", "lat"]
    ].to_numpy()
    return moved


def _inscribed_centres(geometries: np.ndarray) -> np.ndarray:
    """Centres of the largest inscribed circles (poles of inaccessibility)."""
    circles = shapely.maximum_inscribed_circle(geometries)
    centres: np.ndarray = shapely.get_point(circles, 0)
    return centres
