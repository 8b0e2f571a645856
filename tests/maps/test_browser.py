"""The map book in a real headless Chromium: offline, complete, and interactive.

Every check goes through the in-page contract of docs/design.md (``window.pairmap``
and the documented CSS classes), with every non-``file:``/``data:`` request blocked.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

pytestmark = pytest.mark.browser

JINXIU = "金秀瑶族自治县"
JINXIU_DONORS = {"茂南区", "电白区"}
JINXIU_SOURCE = "新快报"
XINCHENG = "忻城县"

HOSTILE_NOTE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
HOSTILE_TITLE = "<script>window.__pwned=3</script>"
HOSTILE_SOURCE = (
    '<b>not bold</b> javascript:window.__pwned=4 https://example.org/a"onclick="window.__pwned=5'
)

# --- JavaScript run in the page (through the contract only, plus Leaflet's public API) ---

FLOWS_JS = "() => window.pairmap.flowLayers().map(layer => layer.options.pairmap)"

FLOW_IDS_ON_MAP_JS = """() => {
  const ids = new Set();
  window.pairmap.map.eachLayer(layer => {
    const info = layer.options && layer.options.pairmap;
    if (info && info.kind === 'flow') ids.add(String(info.id));
  });
  return ids.size;
}"""

#: Page coordinates of the middle of flow number ``index`` (its longest line's middle).
FLOW_POINT_JS = """(index) => {
  const pm = window.pairmap, map = pm.map, layer = pm.flowLayers()[index];
  const lines = [];
  const collect = l => {
    if (l.getLatLngs) lines.push(l.getLatLngs().flat(3));
    else if (l.eachLayer) l.eachLayer(collect);
  };
  collect(layer);
  if (!lines.length) return null;
  const latlngs = lines.reduce((a, b) => (b.length > a.length ? b : a));
  const pts = latlngs.map(ll => map.latLngToContainerPoint(ll));
  // walk to half the length along the polyline
  let total = 0;
  for (let i = 1; i < pts.length; i++) total += pts[i].distanceTo(pts[i - 1]);
  let left = total / 2, at = pts[0];
  for (let i = 1; i < pts.length; i++) {
    const step = pts[i].distanceTo(pts[i - 1]);
    if (step >= left && step > 0) {
      const t = left / step;
      at = L.point(pts[i - 1].x + t * (pts[i].x - pts[i - 1].x),
                   pts[i - 1].y + t * (pts[i].y - pts[i - 1].y));
      break;
    }
    left -= step;
  }
  const size = map.getSize(), box = map.getContainer().getBoundingClientRect();
  const inView = at.x > 5 && at.y > 5 && at.x < size.x - 5 && at.y < size.y - 5;
  return {x: box.left + at.x, y: box.top + at.y, inView, info: layer.options.pairmap};
}"""

#: Zoom to a unit and return a page point inside it, as far as possible from every
#: drawn line, circle and border, so a click there lands on the unit itself.
UNIT_POINT_JS = """(adcode) => {
  const pm = window.pairmap, map = pm.map, unit = pm.unitLayer(adcode);
  if (!unit) return null;
  map.fitBounds(unit.getBounds(), {animate: false, padding: [120, 120]});
  const px = ll => map.latLngToContainerPoint(ll);
  const rings = [];
  const walk = a => {
    if (a.length && a[0] instanceof L.LatLng) rings.push(a.map(px)); else a.forEach(walk);
  };
  walk(unit.getLatLngs());
  const xs = rings.flat().map(p => p.x), ys = rings.flat().map(p => p.y);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const inside = (x, y) => {
    let c = false;
    for (const r of rings) for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const a = r[i], b = r[j];
      if ((a.y > y) !== (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x) c = !c;
    }
    return c;
  };
  const segments = [], circles = [];
  const near = p => p.x > x0 - 50 && p.x < x1 + 50 && p.y > y0 - 50 && p.y < y1 + 50;
  map.eachLayer(l => {
    if (l.getLatLng && l.getRadius) {
      const c = px(l.getLatLng());
      if (near(c)) circles.push([c, l.getRadius()]);
    } else if (l.getLatLngs) {
      const add = a => {
        if (a.length && a[0] instanceof L.LatLng) {
          const p = a.map(px);
          for (let i = 1; i < p.length; i++) {
            if (near(p[i]) || near(p[i - 1])) segments.push([p[i - 1], p[i]]);
          }
          if (l instanceof L.Polygon && p.length > 2) segments.push([p[p.length - 1], p[0]]);
        } else a.forEach(add);
      };
      add(l.getLatLngs());
    }
  });
  const segDist = (x, y, a, b) => {
    const dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    const t = len2 ? Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / len2)) : 0;
    return Math.hypot(x - a.x - t * dx, y - a.y - t * dy);
  };
  let best = null;
  for (let i = 1; i < 40; i++) for (let j = 1; j < 40; j++) {
    const x = x0 + (x1 - x0) * i / 40, y = y0 + (y1 - y0) * j / 40;
    if (!inside(x, y)) continue;
    let d = Infinity;
    for (const [a, b] of segments) d = Math.min(d, segDist(x, y, a, b));
    for (const [c, r] of circles) d = Math.min(d, Math.hypot(x - c.x, y - c.y) - r);
    if (!best || d > best.d) best = {x, y, d};
  }
  if (!best) return null;
  const box = map.getContainer().getBoundingClientRect();
  return {x: box.left + best.x, y: box.top + best.y, clearance: best.d};
}"""

SELECTED_JS = "() => window.pairmap.selected()"


# --- helpers ---


def book_slugs() -> list[str]:
    """Slugs of the default map book, known without building it."""
    from pairmap.maps.book import book_specs

    return [spec.slug for spec in book_specs()]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "slug" in metafunc.fixturenames:
        metafunc.parametrize("slug", book_slugs())


def pair_keys(frame: pd.DataFrame) -> list[tuple[str, str]]:
    donors, recipients = frame["donor_adcode"].astype(str), frame["recipient_adcode"].astype(str)
    return sorted(zip(donors, recipients, strict=True))


def same_value(a: Any, b: Any) -> bool:
    """Table value and page value are the same (numbers compared as numbers)."""
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or b == ""
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return str(a) == str(b)


def gd_gx_map(map_book: dict[str, Any]) -> Any:
    """The Guangdong → Guangxi map: every donor in 广东, every recipient in 广西."""
    from pairmap.maps.book import GUANGDONG_GUANGXI

    built = map_book[GUANGDONG_GUANGXI]
    assert (built.pairs["donor_province_adcode"].astype(str) == "440000").all()
    assert (built.pairs["recipient_province_adcode"].astype(str) == "450000").all()
    return built


def national_overview(map_book: dict[str, Any]) -> Any:
    """The national overview of the current (2021) East–West round."""
    return map_book["east-west-2021"]


#: The text of a visible tooltip naming both parties, or ``null``.
TOOLTIP_NAMING_JS = """([donor, recipient]) => {
  for (const tip of document.querySelectorAll('.leaflet-tooltip')) {
    const text = tip.innerText || '';
    if (tip.offsetParent !== null && text.includes(donor) && text.includes(recipient)) {
      return text;
    }
  }
  return null;
}"""


def hover_shows_tooltip(page: Any, *, tries: int = 12) -> tuple[dict[str, Any], str]:
    """Hover the middle of flows until a tooltip names that flow; return its info and text."""
    count = page.evaluate("() => window.pairmap.flowLayers().length")
    seen: list[str] = []
    step = max(1, count // tries)
    for index in range(0, count, step):
        point = page.evaluate(FLOW_POINT_JS, index)
        if point is None or not point["inView"]:
            continue
        info = point["info"]
        page.mouse.move(1, 1)
        page.mouse.move(point["x"], point["y"], steps=3)
        # Leaflet's canvas drops hover events that come within 32 ms of the last one
        # handled, so the pointer may rest on the flow while the hover is still that of
        # a unit it crossed: move again after a pause, then wait for this flow's tooltip.
        page.wait_for_timeout(50)
        page.mouse.move(point["x"] + 1, point["y"])
        try:
            handle = page.wait_for_function(
                TOOLTIP_NAMING_JS, arg=[str(info["donor"]), str(info["recipient"])], timeout=1500
            )
        except Exception:  # playwright's TimeoutError: no tooltip names this flow
            texts = page.locator(".leaflet-tooltip").all_inner_texts()
            seen.append(f"#{index}: {texts!r} for {info['donor']} → {info['recipient']}")
            continue
        return info, str(handle.json_value())
    pytest.fail(f"no flow showed its own tooltip on hover: {seen}")


# --- tests ---


def test_each_map_is_offline_complete_and_hoverable(
    slug: str, map_book: dict[str, Any], recording_page: Any
) -> None:
    built = map_book[slug]
    page = recording_page.open(built.path)

    flows = page.evaluate(FLOWS_JS)
    assert len(flows) == len(built.pairs) == built.n_flows
    assert page.evaluate(FLOW_IDS_ON_MAP_JS) == len(built.pairs)
    assert all(info["kind"] == "flow" for info in flows)
    drawn = sorted((str(f["donor_adcode"]), str(f["recipient_adcode"])) for f in flows)
    assert drawn == pair_keys(built.pairs)

    for selector in (".pairmap-title", ".pairmap-legend", ".pairmap-footer"):
        assert page.locator(selector).first.inner_text().strip(), f"{selector} is empty"
    assert page.locator(".leaflet-control-scale").count() == 1

    if flows:
        _, text = hover_shows_tooltip(page)
        assert "→" in text

    assert recording_page.console_errors == []
    assert recording_page.external_requests == []


def test_clicking_jinxiu_highlights_its_two_donors_and_cites_the_source(
    map_book: dict[str, Any], recording_page: Any
) -> None:
    built = gd_gx_map(map_book)
    pairs = built.pairs
    to_jinxiu = pairs[pairs["recipient"] == JINXIU]
    assert set(to_jinxiu["donor"]) == JINXIU_DONORS
    jinxiu = str(to_jinxiu["recipient_adcode"].iloc[0])
    page = recording_page.open(built.path)

    point = page.evaluate(UNIT_POINT_JS, jinxiu)
    assert point is not None, f"unitLayer({jinxiu}) is missing"
    page.wait_for_timeout(200)
    page.mouse.click(point["x"], point["y"])

    selected = page.evaluate(SELECTED_JS)
    assert selected is not None, "clicking 金秀 selected nothing"
    assert selected["adcode"] == jinxiu
    assert sorted(selected["partners"]) == sorted(set(to_jinxiu["donor_adcode"].astype(str)))
    assert len(selected["flows"]) == len(to_jinxiu)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=3000)
    assert JINXIU_SOURCE in popup.inner_text()

    page.keyboard.press("Escape")
    assert page.evaluate(SELECTED_JS) is None
    assert recording_page.console_errors == []


def test_search_finds_xincheng(map_book: dict[str, Any], recording_page: Any) -> None:
    built = gd_gx_map(map_book)
    rows = built.pairs[built.pairs["recipient"] == XINCHENG]
    assert len(rows) >= 1
    xincheng = str(rows["recipient_adcode"].iloc[0])
    page = recording_page.open(built.path)

    search = page.locator("input.pairmap-search")
    search.fill("忻城")
    results = page.locator(".pairmap-search-results")
    results.wait_for(state="visible", timeout=3000)
    assert XINCHENG in results.inner_text()
    search.press("Enter")

    selected = page.evaluate(SELECTED_JS)
    assert selected is not None and selected["adcode"] == xincheng
    assert sorted(selected["partners"]) == sorted(set(rows["donor_adcode"].astype(str)))
    assert recording_page.console_errors == []


def test_unchecking_a_programme_hides_exactly_its_flows(
    map_book: dict[str, Any], recording_page: Any
) -> None:
    built = max(map_book.values(), key=lambda item: item.pairs["program_key"].nunique())
    page = recording_page.open(built.path)
    before = page.evaluate(FLOWS_JS)
    control = page.locator(".leaflet-control-layers")
    control.hover()
    overlays = page.locator(".leaflet-control-layers-overlays label")
    labels = [text.strip() for text in overlays.all_inner_texts()]
    checked = [i for i in range(len(labels)) if overlays.nth(i).locator("input").is_checked()]
    assert checked, f"no programme overlay is on in {built.slug}: {labels}"

    tried = []
    for index in checked:
        box = overlays.nth(index).locator("input")
        box.uncheck()
        after = page.evaluate(FLOWS_JS)
        hidden_ids = {f["id"] for f in before} - {f["id"] for f in after}
        hidden = [f for f in before if f["id"] in hidden_ids]
        box.check()
        assert len(page.evaluate(FLOWS_JS)) == len(before), "re-checking must restore flows"
        keys = {f["program_key"] for f in hidden}
        tried.append(f"{labels[index]!r}: {len(hidden)} hidden, keys {sorted(map(str, keys))}")
        if len(keys) != 1:
            continue
        (key,) = keys
        in_table = built.pairs[[same_value(v, key) for v in built.pairs["program_key"]]]
        on_page = [f for f in before if same_value(f["program_key"], key)]
        names = {str(v) for v in in_table["program"]}
        if len(hidden) == len(on_page) and any(name in labels[index] for name in names):
            assert len(before) - len(after) == len(in_table)
            assert recording_page.console_errors == []
            return
    pytest.fail(f"no overlay hid exactly one whole programme in {built.slug}: {tried}")


def test_hostile_note_and_title_render_as_text(tmp_path: Path, recording_page: Any) -> None:
    from synthetic import resolved_frame

    from pairmap.maps.flowmap import MapOptions, map_html

    frame = resolved_frame(
        [
            {
                "donor_adcode": "440902",  # 茂南区
                "recipient_adcode": "451324",  # 金秀瑶族自治县
                "note": HOSTILE_NOTE,
                "source": HOSTILE_SOURCE,
            }
        ]
    )
    options = MapOptions(title=HOSTILE_TITLE, level="county", extent="regional")
    out = tmp_path / "hostile.html"
    out.write_text(map_html(frame, options=options), encoding="utf-8")
    page = recording_page.open(out)

    assert HOSTILE_TITLE in page.locator(".pairmap-title").inner_text()
    point = page.evaluate(FLOW_POINT_JS, 0)
    page.mouse.click(point["x"], point["y"])
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=3000)
    text = popup.inner_text()
    assert HOSTILE_NOTE in text and HOSTILE_SOURCE in text
    assert popup.locator("img, script, b").count() == 0
    # the one web address in the source becomes a link, cut before the quote
    links = popup.locator("a").evaluate_all("links => links.map(a => [a.href, a.outerHTML])")
    assert [href for href, _ in links] == ["https://example.org/a"]
    assert "onclick" not in links[0][1]
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert recording_page.console_errors == []
    assert recording_page.external_requests == []


@pytest.mark.parametrize("which", ["national_overview", "guangdong_guangxi"])
def test_screenshots_for_a_person_to_check(
    which: str, map_book: dict[str, Any], recording_page: Any, artifacts_dir: Path
) -> None:
    built = national_overview(map_book) if which == "national_overview" else gd_gx_map(map_book)
    page = recording_page.open(built.path)
    page.evaluate("() => document.fonts.ready")
    out = artifacts_dir / f"{which}.png"
    page.screenshot(path=str(out))
    assert out.stat().st_size > 20_000, "a drawn map is not a near-empty image"
    assert recording_page.console_errors == []
