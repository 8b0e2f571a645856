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


def close_popup(page: Any) -> None:
    """Close the open popup and wait until it has left the page."""
    page.evaluate("() => { window.pairmap.map.closePopup(); }")
    page.wait_for_function("() => !document.querySelector('.leaflet-popup')")


def test_an_approximate_figure_and_a_total_that_includes_it_read_yue(
    tmp_path: Any, recording_page: Any
) -> None:
    from synthetic import resolved_frame
    from test_browser import FLOW_POINT_JS, FLOWS_JS

    from pairmap.maps.flowmap import MapOptions, map_html

    frame = resolved_frame(
        [
            {  # 茂南区 → 金秀: “约3000万元” in the table
                "donor_adcode": "440902",
                "recipient_adcode": "451324",
                "funds_cny": 3e7,
                "approximate": ("funds_cny",),
            },
            {  # 电白区 → 金秀: an exact 200万元
                "donor_adcode": "440904",
                "recipient_adcode": "451324",
                "funds_cny": 2e6,
                "approximate": (),
            },
        ]
    )
    options = MapOptions(level="county", extent="regional", metric="funds_cny", fill="metric")
    out = tmp_path / "approximate.html"
    out.write_text(map_html(frame, options=options), encoding="utf-8")
    page = recording_page.open(out)
    popup = page.locator(".leaflet-popup-content")

    shown = {}
    for index, flow in enumerate(page.evaluate(FLOWS_JS)):
        close_popup(page)
        point = page.evaluate(FLOW_POINT_JS, index)
        page.mouse.click(point["x"], point["y"])
        popup.wait_for(state="visible", timeout=3000)
        shown[flow["donor"]] = popup.inner_text()
    assert "帮扶资金\t约3000万元" in shown["茂南区"]
    assert "帮扶资金\t200万元" in shown["电白区"] and "约" not in shown["电白区"]

    close_popup(page)
    point = page.evaluate(NODE_POINT_JS, "451324")
    page.mouse.click(point["x"], point["y"])
    popup.wait_for(state="visible", timeout=3000)
    text = popup.inner_text()
    assert "帮扶资金\t约3200万元" in text  # the pairs' total includes the estimate
    assert "受援方帮扶资金\t约3200万元" in text  # and so does the fill's total
    assert recording_page.console_errors == []
