"""A BoundaryLayer on a stock folium map names its units in the language of the map's
FlowLayer, as pairmap's own maps do."""

from __future__ import annotations

import json
from typing import Any

import folium
import pandas as pd
import pytest

import pairmap
from pairmap.geo.boundaries import load_topology
from pairmap.maps.page import page_topology


@pytest.fixture(scope="module")
def pairs() -> pd.DataFrame:
    return pairmap.read_pairings(
        pd.DataFrame({"帮扶方": ["广州市海珠区", "茂名市"], "受援方": ["都匀市", "来宾市"]})
    ).pairs


def _unit_names(page: str) -> dict[str, str]:
    """Adcode -> unit name, from the page's embedded topology."""
    topology = json.loads(page.split('id="pairmap-topology">')[1].split("</script>")[0])
    return {
        geometry["properties"]["a"]: geometry["properties"]["n"]
        for layer in topology["objects"].values()
        for geometry in layer["geometries"]
    }


def _page(pairs: pd.DataFrame, *, lang: str, **boundaries: Any) -> str:
    m = folium.Map(location=[25, 110], zoom_start=5, tiles=None)
    pairmap.BoundaryLayer(level="prefecture", **boundaries).add_to(m)
    pairmap.FlowLayer(pairs, lang=lang).add_to(m)
    return m.get_root().render()


def test_an_english_flow_layer_gets_english_unit_names(pairs: pd.DataFrame) -> None:
    english = _unit_names(_page(pairs, lang="en", provinces=["广东", "贵州"]))
    assert english["440100"] == "Guangzhou"
    assert english["440000"] == "Guangdong Province"
    assert not any("\u4e00" <= c <= "\u9fff" for name in english.values() for c in name)
    chinese = _unit_names(_page(pairs, lang="zh", provinces=["广东", "贵州"]))
    assert chinese["440100"] == "广州市"
    assert set(chinese) == set(english)


def test_a_topology_given_is_drawn_as_it_is(pairs: pd.DataFrame) -> None:
    given = load_topology(["province", "prefecture"], provinces=["广东"], form=page_topology("zh"))
    layer = pairmap.BoundaryLayer(given, level="prefecture")
    assert layer.topology_for("en") == given
    assert _unit_names(_page(pairs, lang="en", topology=given))["440100"] == "广州市"
