"""The single-file page: offline, deterministic, escaped, and carrying every flow."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from synthetic import page_payload, resolved_frame

from pairmap.geo.errors import PairmapError
from pairmap.maps.assets import LEAFLET_VERSION
from pairmap.maps.document import escape_json_text
from pairmap.maps.flowmap import MapOptions, TileLayer, map_html
from pairmap.maps.style import WidthScale

TEMPLATE_TEXT = "{{ 7*7 }}{% if true %}x{% endif %}"
HOSTILE = '</script><img src=x onerror="alert(1)"><script>alert(2)</script>\u2028&amp;'

#: Ways a page could ask the network for something.
EXTERNAL = re.compile(
    r"""(?:\bsrc\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:@import)""",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def pairs() -> pd.DataFrame:
    return resolved_frame(
        [
            {
                "donor_adcode": "440902",
                "recipient_adcode": "451324",
                "funds_cny": 2e6,
                "note": HOSTILE,
                "group": HOSTILE,
            },
            {
                "donor_adcode": "440904",
                "recipient_adcode": "451324",
                "source": HOSTILE,
                "note": TEMPLATE_TEXT,
            },
            {
                "donor_adcode": "440983",
                "recipient_adcode": "451322",
                "funds_cny": 1.6775e8,
                "program": HOSTILE,
            },
        ]
    )


@pytest.fixture(scope="module")
def page(pairs: pd.DataFrame) -> str:
    return map_html(pairs, options=MapOptions(title=HOSTILE, extent="regional"))


def test_the_same_inputs_give_the_same_bytes(pairs: pd.DataFrame, page: str) -> None:
    again = map_html(pairs.copy(), options=MapOptions(title=HOSTILE, extent="regional"))
    assert again == page


def test_the_page_asks_the_network_for_nothing(page: str) -> None:
    assert EXTERNAL.search(page) is None, EXTERNAL.search(page)
    assert "<script src" not in page and 'rel="stylesheet"' not in page
    assert "url(images/" not in page  # Leaflet's images are inlined
    for cdn_extra in ("jquery", "bootstrap", "font-awesome", "awesome-markers"):
        assert cdn_extra not in page.lower()


def test_leaflet_is_inlined_and_credited(page: str) -> None:
    assert f"Leaflet {LEAFLET_VERSION}" in page
    assert "BSD-2-Clause" in page
    assert "L.map(" in page


def test_hostile_table_text_cannot_leave_its_script_block(page: str, pairs: pd.DataFrame) -> None:
    # the only closing script tags are the page's own blocks
    assert "<img" not in page
    data_block = page.split('id="pairmap-data">')[1].split("</script>")[0]
    assert "<" not in data_block and "\u2028" not in data_block
    assert page.count("</script>") == page.count("<script")
    payload = page_payload(page)
    assert HOSTILE in payload["strings"]  # the note survives as text, byte for byte
    assert payload["groups"]["names"] == [HOSTILE]
    assert "<title>&lt;/script&gt;" in page


def test_table_text_is_never_run_as_a_template(page: str) -> None:
    assert TEMPLATE_TEXT in page_payload(page)["strings"]
    assert TEMPLATE_TEXT in page


def test_json_escaping_keeps_the_value() -> None:
    text = json.dumps({"note": HOSTILE}, ensure_ascii=False)
    escaped = escape_json_text(text)
    assert not set("<>&\u2028\u2029") & set(escaped)
    assert json.loads(escaped) == {"note": HOSTILE}


def test_the_page_embeds_one_flow_per_pair(page: str, pairs: pd.DataFrame) -> None:
    payload = page_payload(page)
    assert payload["n_flows"] == len(payload["flows"]["d"]) == len(pairs)
    topology = page.split('id="pairmap-topology">')[1].split("</script>")[0]
    objects = json.loads(topology)["objects"]
    assert set(objects) == {"province", "county"}
    counties = {g["properties"]["a"] for g in objects["county"]["geometries"]}
    assert {"451324", "451322", "440902"} <= counties


def test_a_shared_width_scale_draws_equal_values_equally(pairs: pd.DataFrame) -> None:
    scale = WidthScale(metric="funds_cny", max_value=5e8)
    small = pairs.iloc[[0]]
    widths = []
    for frame in (small, pairs):
        payload = page_payload(
            map_html(frame, options=MapOptions(metric="funds_cny", width_scale=scale))
        )
        widths.append(payload["flows"]["w"][0])
    assert widths[0] == widths[1] == scale.width(2e6)
    # without a shared scale each map scales to its own largest value
    alone = page_payload(map_html(small, options=MapOptions(metric="funds_cny")))
    assert alone["flows"]["w"][0] != widths[0]


def test_the_datum_follows_the_tiles_and_another_one_is_an_error() -> None:
    amap = TileLayer(url="https://tiles.invalid/{z}/{x}/{y}.png", attribution="x", datum="gcj02")
    with pytest.raises(PairmapError, match="datum"):
        MapOptions(tiles=amap, datum="wgs84")
    assert MapOptions(tiles=amap).datum == "gcj02"
    assert MapOptions(tiles=amap, datum="gcj02").tiles is amap
    assert MapOptions().datum == "wgs84"


def test_maps_are_offline_unless_tiles_are_asked_for(pairs: pd.DataFrame, page: str) -> None:
    assert page_payload(page)["tiles"] is None
    osm = TileLayer(url="https://tiles.invalid/{z}/{x}/{y}.png", attribution="© contributors")
    with_tiles = page_payload(map_html(pairs, options=MapOptions(tiles=osm)))
    assert with_tiles["tiles"]["url"] == osm.url


def test_an_unknown_metric_names_the_ones_there_are(pairs: pd.DataFrame) -> None:
    with pytest.raises(PairmapError, match="funds_cny"):
        map_html(pairs, options=MapOptions(metric="money"))


def test_amap_tiles_move_boundaries_and_endpoints_to_gcj02(pairs: pd.DataFrame) -> None:
    amap = TileLayer(url="https://tiles.invalid/{z}/{x}/{y}.png", attribution="x", datum="gcj02")
    options = MapOptions(tiles=amap, datum="gcj02", extent="regional")
    moved = page_payload(map_html(pairs, options=options))["nodes"]
    kept = page_payload(map_html(pairs, options=MapOptions(extent="regional")))["nodes"]
    assert moved["adcode"] == kept["adcode"]
    # GCJ-02 lies a few hundred metres east and north of WGS84 in southern China
    for lon_g, lon_w, lat_g, lat_w in zip(
        moved["lon"], kept["lon"], moved["lat"], kept["lat"], strict=True
    ):
        assert 0.001 < lon_g - lon_w < 0.01
        assert -0.01 < lat_g - lat_w < 0.01
