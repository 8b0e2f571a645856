"""Clicking 金秀 on the Guangdong → Guangxi map in Chromium: the popup and the highlight."""

from __future__ import annotations

import re
from typing import Any

import pytest

from pairmap.maps.book import GUANGDONG_GUANGXI

pytestmark = pytest.mark.browser

JINXIU = "金秀瑶族自治县"

#: Page coordinates of the circle drawn at a unit's endpoint.
NODE_POINT_JS = """(adcode) => {
  const pm = window.pairmap, map = pm.map;
  let at = null;
  map.eachLayer(l => {
    const info = l.options && l.options.pairmap;
    if (info && info.kind === 'node' && info.adcode === adcode) at = l.getLatLng();
  });
  if (!at) return null;
  const p = map.latLngToContainerPoint(at), box = map.getContainer().getBoundingClientRect();
  return {x: p.x + box.left, y: p.y + box.top};
}"""

#: Fill opacity and outline weight of a unit's polygon.
UNIT_STYLE_JS = """(adcode) => {
  const o = window.pairmap.unitLayer(adcode).options;
  return {fill: o.fillOpacity, weight: o.weight};
}"""


@pytest.fixture
def jinxiu_page(browser: Any, map_book: dict[str, Any]) -> Any:
    built = map_book[GUANGDONG_GUANGXI]
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(built.path.resolve().as_uri(), wait_until="load")
    page.wait_for_function("() => Boolean(window.pairmap && window.pairmap.ready)")
    pairs = built.pairs
    to_jinxiu = pairs[pairs["recipient"] == JINXIU]
    yield page, to_jinxiu, pairs
    assert errors == []
    context.close()


def test_clicking_jinxiu_shows_a_readable_popup_citing_each_source_once(
    jinxiu_page: Any,
) -> None:
    page, to_jinxiu, _ = jinxiu_page
    jinxiu = str(to_jinxiu["recipient_adcode"].iloc[0])
    point = page.evaluate(NODE_POINT_JS, jinxiu)
    page.mouse.click(point["x"], point["y"])
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=3000)
    assert page.evaluate("() => window.pairmap.selected().adcode") == jinxiu

    text = popup.inner_text()
    assert "万元" in text
    sources = popup.locator(".pairmap-source-text").all_inner_texts()
    assert len(sources) == len(set(sources)), "a citation is listed twice"
    assert any("新快报" in s for s in sources)
    hrefs = popup.locator("a.pairmap-link").evaluate_all("links => links.map(a => a.href)")
    assert hrefs, "the web addresses in the sources are not links"
    assert all(href.startswith(("http://", "https://")) for href in hrefs)
    assert not re.search(r"(\d{4}-\d{2}(?:-\d{2})?)，\1", text), "a date is repeated"
    rows = sorted(int(r) for r in to_jinxiu["source_row"])
    for row in rows:
        assert re.search(rf"[第、]{row}[、行]", text), f"table row {row} is not cited"

    box = page.locator(".leaflet-popup").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 1000
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1600


def test_the_partners_stand_out_and_the_rest_fades_until_escape(jinxiu_page: Any) -> None:
    page, to_jinxiu, pairs = jinxiu_page
    jinxiu = str(to_jinxiu["recipient_adcode"].iloc[0])
    donors = sorted(set(to_jinxiu["donor_adcode"].astype(str)))
    others = [
        a
        for a in sorted(set(pairs["recipient_adcode"].astype(str)) - {jinxiu})
        if page.evaluate("(a) => window.pairmap.unitLayer(a) !== null", a)
    ]
    before = {a: page.evaluate(UNIT_STYLE_JS, a) for a in [*donors, others[0]]}

    page.evaluate("(a) => window.pairmap.select(a)", jinxiu)
    for donor in donors:
        style = page.evaluate(UNIT_STYLE_JS, donor)
        assert style["weight"] > before[donor]["weight"]
        assert style["fill"] == before[donor]["fill"]
    assert page.evaluate(UNIT_STYLE_JS, others[0])["fill"] < before[others[0]]["fill"]

    page.keyboard.press("Escape")
    assert page.evaluate("() => window.pairmap.selected()") is None
    for adcode, style in before.items():
        assert page.evaluate(UNIT_STYLE_JS, adcode) == style
