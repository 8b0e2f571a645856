"""Basemaps: named tiles, the datum they require, and maps that still draw without them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from click.testing import CliRunner
from synthetic import page_payload

from pairmap.errors import MapOptionError
from pairmap.geo.datum import wgs84_to_gcj02
from pairmap.maps.basemaps import TIANDITU_KEY_VARIABLE, Basemap, basemap_tiles

#: A point by 天安门 (WGS84) and where GCJ-02 puts it: the published test vector of the
#: GCJ-02 transform (wgs84togcj02(116.404, 39.915)).
TIANANMEN_WGS84 = (116.404, 39.915)
TIANANMEN_GCJ02 = (116.41024449916938, 39.91640428150164)
#: A point in 金秀镇, the seat of 金秀瑶族自治县 (WGS84, approximate: the tests need only that
#: it lies well inside the county).
JINXIU_SEAT_WGS84 = (110.189, 24.130)


def test_each_basemap_says_its_datum() -> None:
    assert basemap_tiles("none") is None
    datums = {b.value: basemap_tiles(b, key="abc123").datum for b in Basemap if b != "none"}
    assert datums == {"osm": "wgs84", "carto": "wgs84", "amap": "gcj02", "tianditu": "wgs84"}


def test_tianditu_without_a_key_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TIANDITU_KEY_VARIABLE, raising=False)
    with pytest.raises(MapOptionError, match=TIANDITU_KEY_VARIABLE):
        basemap_tiles("tianditu")
    monkeypatch.setenv(TIANDITU_KEY_VARIABLE, "0123abcd")
    tiles = basemap_tiles("tianditu")
    assert tiles is not None and "tk=0123abcd" in tiles.url and len(tiles.overlays) == 1
    with pytest.raises(MapOptionError, match="letters and digits"):
        basemap_tiles("tianditu", key="abc&x=<script>")
    with pytest.raises(MapOptionError, match="osm"):
        basemap_tiles("google")


def _two_pairs() -> pd.DataFrame:
    from pairmap.api import read_pairings

    frame = pd.DataFrame(
        {
            "donor": ["北京市", "茂南区"],
            "donor_lon": [TIANANMEN_WGS84[0], None],
            "donor_lat": [TIANANMEN_WGS84[1], None],
            "recipient": ["金秀瑶族自治县", "金秀瑶族自治县"],
            "recipient_lon": [JINXIU_SEAT_WGS84[0]] * 2,
            "recipient_lat": [JINXIU_SEAT_WGS84[1]] * 2,
            "program": ["东西部协作"] * 2,
        }
    )
    read = read_pairings(frame)
    assert read.report.ok, read.report
    return read.pairs


@pytest.fixture(scope="module")
def pairs() -> pd.DataFrame:
    return _two_pairs()


def _nodes(pairs: pd.DataFrame, basemap: str) -> dict[str, tuple[float, float]]:
    from pairmap.api import flow_map
    from pairmap.maps.flowmap import render_page

    page = render_page(flow_map(pairs, basemap=basemap, level="province", extent="national"))
    nodes = page_payload(page)["nodes"]
    return {
        adcode: (lon, lat)
        for adcode, lon, lat in zip(nodes["adcode"], nodes["lon"], nodes["lat"], strict=True)
    }


@pytest.mark.parametrize("basemap", ["none", "osm", "carto"])
def test_wgs84_basemaps_keep_the_points_where_they_are(pairs: pd.DataFrame, basemap: str) -> None:
    nodes = _nodes(pairs, basemap)
    assert nodes["110000"] == pytest.approx(TIANANMEN_WGS84, abs=1e-6)
    assert nodes["451324"] == pytest.approx(JINXIU_SEAT_WGS84, abs=1e-6)


def test_amap_moves_the_points_onto_gcj02(pairs: pd.DataFrame) -> None:
    nodes = _nodes(pairs, "amap")
    # the page keeps 5 decimals (about 1 m)
    assert nodes["110000"] == pytest.approx(TIANANMEN_GCJ02, abs=1e-5)
    jinxiu = tuple(wgs84_to_gcj02(np.array([JINXIU_SEAT_WGS84]))[0])
    assert nodes["451324"] == pytest.approx(jinxiu, abs=1e-5)
    # several hundred metres in southern China: enough to leave a street on the tiles
    assert 0.002 < nodes["451324"][0] - JINXIU_SEAT_WGS84[0] < 0.01


@pytest.mark.parametrize("datum", ["wgs84", "gcj02"])
def test_the_seat_lies_in_its_county_on_either_datum(datum: str) -> None:
    from pairmap.geo.boundaries import load_boundaries

    counties = load_boundaries("county", provinces=["450000"], datum=datum)
    jinxiu = counties.loc[counties["adcode"] == "451324", "geometry"].iloc[0]
    seat = np.array([JINXIU_SEAT_WGS84])
    point = seat if datum == "wgs84" else wgs84_to_gcj02(seat)
    assert jinxiu.contains(shapely.points(point[0]))


def test_the_footer_says_the_tiles_need_the_network(pairs: pd.DataFrame) -> None:
    from pairmap.api import flow_map
    from pairmap.maps.flowmap import render_page

    payload = page_payload(render_page(flow_map(pairs, basemap="osm", level="province")))
    assert "需联网" in payload["tiles"]["note"] and "OpenStreetMap" in payload["tiles"]["note"]
    assert page_payload(render_page(flow_map(pairs, level="province")))["tiles"] is None


def test_cli_basemap_option_and_tianditu_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pairmap.scripts.cli import cli

    monkeypatch.delenv(TIANDITU_KEY_VARIABLE, raising=False)
    table = tmp_path / "t.csv"
    table.write_text("donor,recipient,program\n茂南区,金秀县,东西部协作\n", encoding="utf-8")
    out = tmp_path / "m.html"
    failed = CliRunner().invoke(cli, ["map", str(table), "-o", str(out), "--basemap", "tianditu"])
    assert failed.exit_code == 1 and TIANDITU_KEY_VARIABLE in failed.output
    assert not out.exists()
    done = CliRunner().invoke(cli, ["map", str(table), "-o", str(out), "--basemap", "amap"])
    assert done.exit_code == 0, done.output
    assert page_payload(out.read_text(encoding="utf-8"))["base"]["datum"] == "gcj02"


@pytest.mark.browser
def test_with_tiles_blocked_the_map_still_draws_everything_else(
    tmp_path: Path, pairs: pd.DataFrame, recording_page: object
) -> None:
    from pairmap.api import flow_map, save

    out = save(
        flow_map(pairs, basemap="osm", level="county", extent="regional"), tmp_path / "m.html"
    )
    page = recording_page.open(out)  # type: ignore[attr-defined]
    assert page.evaluate("() => window.pairmap.flowLayers().length") == len(pairs)
    assert page.evaluate("() => window.pairmap.unitLayer('451324') !== null")
    assert "需联网" in page.locator(".pairmap-footer").inner_text()
    blocked = recording_page.external_requests  # type: ignore[attr-defined]
    assert blocked and all("openstreetmap.org" in url for url in blocked)
    errors = recording_page.console_errors  # type: ignore[attr-defined]
    assert [e for e in errors if "Failed to load resource" not in e] == []
