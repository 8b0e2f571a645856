"""The Python API as a notebook user meets it: a DataFrame in, a folium map out, saved offline."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import folium
import pandas as pd
import pytest

import pairmap
from pairmap.errors import (
    ExportError,
    MapOptionError,
    OfflineAssetWarning,
    PairingTableError,
    UnknownPlaceError,
)

#: Where the stock marker goes (都匀市, 黔南).
MARKER_AT = [26.26, 107.52]

#: The stock markers and lines Leaflet drew (public Leaflet API only): a pairmap flow
#: (``options.pairmap``) may be a group of lines, and its units are polygons.
STOCK_LAYERS_JS = """() => {
  const map = window.pairmap.map, found = {markers: [], lines: 0}, ours = new Set();
  window.pairmap.flowLayers().forEach(flow => {
    ours.add(flow);
    if (flow.eachLayer) flow.eachLayer(part => ours.add(part));
  });
  map.eachLayer(layer => {
    if (layer instanceof L.Marker) {
      const icon = layer.getElement(), at = layer.getLatLng();
      found.markers.push({src: icon.src.slice(0, 22), inView: map.getBounds().contains(at),
                          loaded: icon.complete && icon.naturalWidth > 0});
    } else if (layer instanceof L.Polyline && !(layer instanceof L.Polygon) && !ours.has(layer)
               && !layer.options.pairmap) {
      found.lines += 1;
    }
  });
  return found;
}"""


def five_pairs() -> pd.DataFrame:
    """Five pairs as a user types them: Chinese headers, amounts in 万元, one missing."""
    return pd.DataFrame(
        {
            "帮扶方": ["广州市海珠区", "广州市荔湾区", "广州市白云区", "广州市黄埔区", "茂名市"],
            "受援方": ["都匀市", "荔波县", "平塘县", "三都水族自治县", "来宾市"],
            "受援方省份": ["贵州", "贵州", "贵州", "贵州", "广西"],
            "资金（万元）": [1000, 2000.5, None, 500, 3000],
        }
    )


@pytest.fixture(scope="module")
def pairings() -> pairmap.Pairings:
    return pairmap.read_pairings(five_pairs())


def test_a_dataframe_is_read_like_a_sheet(pairings: pairmap.Pairings) -> None:
    pairs = pairings.pairs
    assert len(pairings) == 5 and pairings.report.ok
    assert pairs["donor_adcode"].tolist() == ["440105", "440103", "440111", "440112", "440900"]
    assert pairs["recipient_adcode"].tolist() == ["522701", "522722", "522727", "522732", "451300"]
    assert pairs["funds_cny"].tolist()[:2] == [1e7, 20_005_000.0]  # 万元 scaled
    assert pd.isna(pairs.loc[2, "funds_cny"])
    assert set(pairs["source_file"]) == {"DataFrame"}
    assert pairs["source_row"].tolist() == [0, 1, 2, 3, 4]  # the frame's own row labels


def test_a_bad_row_is_reported_with_the_frames_row_label() -> None:
    frame = five_pairs()
    frame.index = [10, 11, 12, 13, 14]
    frame.loc[12, "受援方"] = "不存在县"
    report = pairmap.check(frame)
    assert not report.ok and len(report.errors) == 1
    error = report.errors[0]
    assert (error.file, error.row, error.column, error.value) == (
        "DataFrame",
        12,
        "recipient",
        "不存在县",
    )
    assert "DataFrame row 12, column '受援方' (recipient)" in str(report)
    assert json.loads(report.to_json())["issues"][0]["row"] == 12
    with pytest.raises(PairingTableError) as raised:
        pairmap.read_pairings(frame)
    assert isinstance(raised.value, ValueError)
    assert raised.value.report.errors == report.errors
    assert "DataFrame row 12" in str(raised.value)


def test_a_frame_with_a_string_index_is_reported_by_position() -> None:
    frame = five_pairs().set_axis(list("abcde"))
    frame.loc["d", "帮扶方"] = None
    report = pairmap.check(frame)
    assert [issue.row for issue in report.errors] == [3]


def test_the_map_is_a_folium_map_that_shows_in_jupyter(pairings: pairmap.Pairings) -> None:
    m = pairmap.flow_map(pairings.pairs, metric="funds_cny", title="粤黔协作")
    assert isinstance(m, folium.Map)
    html = m._repr_html_()
    assert html and "<iframe" in html and "pairmap-data" in html
    assert "cdn.jsdelivr.net" not in html  # Leaflet is inlined, so the notebook needs no network


def test_saving_twice_gives_the_same_bytes(pairings: pairmap.Pairings, tmp_path: Path) -> None:
    first = pairmap.save(pairmap.flow_map(pairings, title="x"), tmp_path / "a.html")
    second = pairmap.save(pairmap.flow_map(pairings, title="x"), tmp_path / "b.html")
    assert first.read_bytes() == second.read_bytes()


def test_save_refuses_a_format_it_does_not_write(
    pairings: pairmap.Pairings, tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match=r"\.html.*\.png, \.pdf, \.svg or \.pptx") as raised:
        pairmap.save(pairmap.flow_map(pairings), tmp_path / "map.gif")
    assert isinstance(raised.value, ValueError)
    assert not (tmp_path / "map.gif").exists()


def test_save_refuses_a_size_it_cannot_export_at(
    pairings: pairmap.Pairings, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match=r"'A5' is not a size"):
        pairmap.save(pairmap.flow_map(pairings), tmp_path / "map.png", size="A5")
    assert not (tmp_path / "map.png").exists()


def test_bad_map_options_name_the_choices(pairings: pairmap.Pairings) -> None:
    with pytest.raises(MapOptionError, match="county"):
        pairmap.flow_map(pairings, level="village")
    with pytest.raises(MapOptionError, match="funds_cny"):
        pairmap.flow_map(pairings, metric="money")
    with pytest.raises(MapOptionError, match="donor_province"):
        pairmap.FlowLayer(pairings.pairs, colour_by="rainbow")


def test_a_map_holds_one_flow_layer(pairings: pairmap.Pairings) -> None:
    m = folium.Map(tiles=None)
    pairmap.FlowLayer(pairings.pairs).add_to(m)
    pairmap.FlowLayer(pairings.pairs).add_to(m)
    with pytest.raises(MapOptionError, match="one of each"):
        m.get_root().render()


def test_the_legend_and_controls_are_in_the_page_data_only_when_on_the_map(
    pairings: pairmap.Pairings,
) -> None:
    def data(m: folium.Map) -> dict[str, Any]:
        html = m.get_root().render()
        block = html.split('id="pairmap-data">')[1].split("</script>")[0]
        loaded: dict[str, Any] = json.loads(block)
        return loaded

    alone = folium.Map(tiles=None)
    pairmap.FlowLayer(pairings.pairs).add_to(alone)
    assert (data(alone)["legend"], data(alone)["controls"]) == (None, False)
    full = folium.Map(tiles=None)
    pairmap.FlowLayer(pairings.pairs).add_to(full)
    pairmap.Legend().add_to(full)
    pairmap.Controls().add_to(full)
    assert data(full)["legend"]["sections"] and data(full)["controls"] is True


def test_a_boundary_layer_refuses_a_topology_not_in_the_pages_form() -> None:
    full = (
        '{"type":"Topology","objects":{"county":{"type":"GeometryCollection","geometries":'
        '[{"type":"Polygon","arcs":[[0]],"properties":{"adcode":"110101","name":"东城区"}}]}},'
        '"arcs":[[[0,0],[1,0],[0,1],[0,0]]]}'
    )
    with pytest.raises(MapOptionError, match="PAGE_TOPOLOGY"):
        pairmap.BoundaryLayer(full, level="county")


def test_places_and_boundaries_are_geodataframes() -> None:
    found = pairmap.places("白云区")
    assert found["adcode"].tolist() == ["440111", "520113"]
    assert found.crs.to_epsg() == 4326 and found.geometry.notna().all()
    assert pairmap.places("白云区", within="广州")["path"].tolist() == ["广东省 › 广州市 › 白云区"]
    with pytest.raises(UnknownPlaceError) as raised:
        pairmap.places("金绣县")
    assert raised.value.suggestions[0].adcode == "451324"
    layer = pairmap.boundaries("prefecture", provinces=["贵州"])
    assert len(layer) == 9 and set(layer["level"]) == {"prefecture"}


# -- in Chromium, with every non-file request blocked ------------------------------------


@pytest.mark.browser
def test_five_pairs_and_a_stock_marker_draw_offline(
    pairings: pairmap.Pairings, recording_page: Any, tmp_path: Path
) -> None:
    m = pairmap.flow_map(pairmap.read_pairings(five_pairs()).pairs)
    folium.Marker(MARKER_AT, tooltip="都匀").add_to(m)
    assert m._repr_html_()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing left to fetch: no OfflineAssetWarning
        saved = pairmap.save(m, tmp_path / "x.html")
    page = recording_page.open(saved)
    assert recording_page.console_errors == []
    assert recording_page.external_requests == []
    assert page.evaluate("() => window.pairmap.flowLayers().length") == 5
    stock = page.evaluate(STOCK_LAYERS_JS)
    assert stock["markers"] == [{"src": "data:image/png;base64,", "loaded": True, "inView": True}]
    assert stock["lines"] == 0


@pytest.mark.browser
def test_pairmap_layers_go_on_a_users_folium_map(
    pairings: pairmap.Pairings, recording_page: Any, tmp_path: Path
) -> None:
    m = folium.Map(location=[25, 110], zoom_start=5, tiles=None)
    pairmap.BoundaryLayer(level="prefecture", provinces=["广东", "贵州", "广西"]).add_to(m)
    pairmap.FlowLayer(pairings.pairs, metric="funds_cny").add_to(m)
    pairmap.Legend().add_to(m)
    pairmap.Controls(title="我的地图").add_to(m)
    folium.Marker(MARKER_AT).add_to(m)
    folium.PolyLine([[23.1, 113.3], [26.3, 107.5]], color="black").add_to(m)
    folium.GeoJson({"type": "Point", "coordinates": [109.2, 23.7]}).add_to(m)
    with pytest.warns(OfflineAssetWarning) as caught:
        saved = pairmap.save(m, tmp_path / "mine.html")
    kept = caught[0].message.urls  # folium's own jQuery, Bootstrap, Awesome Markers...
    assert kept and not any(url.endswith(("leaflet.js", "leaflet.css")) for url in kept)
    page = recording_page.open(saved)
    assert set(recording_page.external_requests) <= set(kept)
    assert all("Failed to load resource" in e for e in recording_page.console_errors)
    assert page.evaluate("() => window.pairmap.flowLayers().length") == 5
    assert page.evaluate("() => window.pairmap.unitLayer('520100') !== null")
    assert page.locator(".pairmap-title").inner_text() == "我的地图"
    assert page.locator(".pairmap-legend").count() == 1
    stock = page.evaluate(STOCK_LAYERS_JS)
    assert len(stock["markers"]) == 2  # the Marker and the GeoJSON point
    assert all(marker["loaded"] for marker in stock["markers"])
    assert stock["lines"] == 1


#: What a page drew of pairmap's optional parts and of the map's own controls.
PARTS_JS = """() => ({
  flows: window.pairmap.flowLayers().length,
  legend: document.querySelectorAll('.pairmap-legend').length,
  title: document.querySelectorAll('.pairmap-title').length,
  search: document.querySelectorAll('input.pairmap-search').length,
  toggles: document.querySelectorAll('.leaflet-control-layers').length,
  zoom: document.querySelectorAll('.leaflet-control-zoom').length,
  found: window.pairmap.search('都匀').length
})"""


@pytest.mark.browser
@pytest.mark.parametrize(
    ("legend", "controls"), [(False, False), (True, False), (False, True)], ids=str
)
def test_a_flow_layer_alone_on_a_stock_map_draws_with_or_without_legend_and_controls(
    pairings: pairmap.Pairings, recording_page: Any, tmp_path: Path, legend: bool, controls: bool
) -> None:
    m = folium.Map()  # stock: tiles, its own zoom control, folium's CDN libraries
    pairmap.FlowLayer(pairings.pairs).add_to(m)
    if legend:
        pairmap.Legend().add_to(m)
    if controls:
        pairmap.Controls(title="只有流向").add_to(m)
    with pytest.warns(OfflineAssetWarning):  # folium's jQuery, Bootstrap...
        saved = pairmap.save(m, tmp_path / "flows.html")
    page = recording_page.open(saved)
    assert all("Failed to load resource" in e for e in recording_page.console_errors)
    drawn = page.evaluate(PARTS_JS)
    assert drawn["flows"] == 5
    assert drawn["legend"] == int(legend)
    assert drawn["title"] == drawn["search"] == drawn["toggles"] == int(controls)
    assert drawn["zoom"] == 1  # the stock map's own, never a second
    assert drawn["found"] == 1  # window.pairmap.search works without the search box
    if controls:
        assert page.locator(".pairmap-title").inner_text() == "只有流向"


@pytest.mark.browser
def test_a_stock_plugin_whose_files_cannot_be_inlined_is_named_and_the_map_still_saved(
    pairings: pairmap.Pairings, recording_page: Any, tmp_path: Path
) -> None:
    import folium.plugins

    m = pairmap.flow_map(pairings.pairs)
    folium.plugins.Fullscreen().add_to(m)
    folium.plugins.MeasureControl().add_to(m)
    with pytest.warns(OfflineAssetWarning) as caught:
        saved = pairmap.save(m, tmp_path / "plugins.html")
    (warning,) = caught
    urls = warning.message.urls
    named = {url.rsplit("/", 1)[-1] for url in urls}
    assert named == {
        "Control.FullScreen.min.js",
        "Control.FullScreen.css",
        "leaflet-measure.min.js",
        "leaflet-measure.min.css",
    }
    assert all(url in str(warning.message) for url in urls)
    assert saved.is_file() and "pairmap-data" in saved.read_text(encoding="utf-8")
    page = recording_page.open(saved)  # without the network the plugins fail, pairmap draws
    assert sorted(recording_page.external_requests) == sorted(urls)
    assert page.evaluate("() => window.pairmap.flowLayers().length") == 5
