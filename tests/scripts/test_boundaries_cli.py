"""Tests of ``pairmap boundaries`` through click's runner, on small real provinces."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from click.testing import CliRunner, Result

from pairmap.geo.cache import CACHE_DIR_VARIABLE
from pairmap.scripts.cli import cli


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli-cache")


def _run(cache_dir: Path, *args: str) -> Result:
    runner = CliRunner()
    return runner.invoke(cli, ["boundaries", *args], env={CACHE_DIR_VARIABLE: str(cache_dir)})


def test_geojson_of_one_province(cache_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "ningxia.geojson"
    result = _run(cache_dir, "--level", "county", "--province", "宁夏", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "兴庆区" in text  # Chinese written as is, not \\u-escaped
    layer = gpd.read_file(out)
    assert len(layer) == 22
    assert set(layer["adcode"].str[:2]) == {"64"}
    assert layer["adcode"].str.len().eq(6).all()
    assert shapely.coverage_is_valid(layer.geometry.to_numpy())
    assert "Wrote 22 county units" in result.output


def test_topojson_and_geopackage(cache_dir: Path, tmp_path: Path) -> None:
    topo = tmp_path / "gz.topojson"
    gpkg = tmp_path / "gz.gpkg"
    common = ["--level", "prefecture", "--province", "520000", "--detail", "regional"]
    assert _run(cache_dir, *common, "-o", str(topo)).exit_code == 0
    assert _run(cache_dir, *common, "-o", str(gpkg)).exit_code == 0
    topology = json.loads(topo.read_text(encoding="utf-8"))
    names = {g["properties"]["name"] for g in topology["objects"]["prefecture"]["geometries"]}
    assert "黔南布依族苗族自治州" in names
    assert len(names) == 9
    layer = gpd.read_file(gpkg, layer="prefecture")
    assert sorted(layer["name"]) == sorted(names)
    assert layer.crs.to_epsg() == 4326


def test_gcj02_output_is_shifted_from_wgs84(cache_dir: Path, tmp_path: Path) -> None:
    wgs, gcj = tmp_path / "wgs.geojson", tmp_path / "gcj.geojson"
    base = ["--level", "province", "--province", "北京"]
    assert _run(cache_dir, *base, "-o", str(wgs)).exit_code == 0
    assert _run(cache_dir, *base, "--datum", "gcj02", "-o", str(gcj)).exit_code == 0
    shift = gpd.read_file(gcj).geometry[0].centroid.x - gpd.read_file(wgs).geometry[0].centroid.x
    assert 0.004 < shift < 0.008


def test_refuses_to_overwrite_without_flag(cache_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "exists.geojson"
    out.write_text("keep me", encoding="utf-8")
    args = ["--level", "province", "--province", "澳门", "-o", str(out)]
    result = _run(cache_dir, *args)
    assert result.exit_code == 2
    assert "--overwrite" in result.output
    assert out.read_text(encoding="utf-8") == "keep me"
    assert _run(cache_dir, *args, "--overwrite").exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "FeatureCollection"


def test_unknown_province_exits_1_with_the_fix(cache_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.geojson"
    result = _run(cache_dir, "--level", "county", "--province", "火星", "-o", str(out))
    assert result.exit_code == 1
    assert "'火星' is not a province" in result.output
    assert "贵州省" in result.output
    assert not out.exists()


def test_unknown_extension_is_a_usage_error(cache_dir: Path, tmp_path: Path) -> None:
    result = _run(cache_dir, "--level", "county", "-o", str(tmp_path / "x.shp"))
    assert result.exit_code == 2
    assert ".topojson" in result.output
    assert not (tmp_path / "x.shp").exists()
