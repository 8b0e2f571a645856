"""The "changes since" panel in a real headless Chromium: its text, the highlight toggle,
table text shown as text, no overlap with the title, legend or labels, and presentation.
Leaves a 1920×1080 screenshot in artifacts/ for a person to look at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from synthetic import page_payload

import pairmap
from pairmap.maps.changes import MapChanges
from pairmap.pairings.diff import diff_pairs
from pairmap.pairings.shipped import shipped_tables
from pairmap.pairings.tables import read_tables

pytestmark = pytest.mark.browser

READY_JS = "() => Boolean(window.pairmap && window.pairmap.ready)"
HOSTILE = "<img src=x onerror=alert(1)>"

#: Each flow's opacity, by flow id.
OPACITIES_JS = """() => Object.fromEntries(window.pairmap.flowLayers().map(
  l => [l.options.pairmap.id, l.options.opacity]))"""

#: Page boxes of the panel and of what it must not cover: title, legend, shown labels.
BOXES_JS = """() => {
  const box = n => {
    const r = n.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom];
  };
  const shown = n => n.offsetWidth > 0 && getComputedStyle(n).display !== 'none';
  return {panel: box(document.querySelector('.pairmap-changes')),
          others: [...document.querySelectorAll(
            '.pairmap-title-box, .pairmap-legend, .pairmap-label')].filter(shown).map(box)};
}"""

#: Whether an element matching the selector is rendered (the body of a closed <details>
#: keeps its layout box, so its box alone does not tell).
VISIBLE_JS = """(s) => { const n = document.querySelector(s);
  return Boolean(n) && n.checkVisibility() && n.getBoundingClientRect().height > 0; }"""


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _changed(folder: Path, *, lang: str = "zh") -> tuple[Path, int, str]:
    path = next(p for p in shipped_tables() if p.name == "seeds_2022_maoming_laibin.csv")
    new = read_tables(path).pairs.reset_index(drop=True)
    row = int(new.index[new["funds_cny"].notna()][0])
    old = new.copy()
    old.loc[row, "funds_cny"] = new.at[row, "funds_cny"] - 1_200_000
    donor = f"{new.at[row, 'donor']}{HOSTILE}"
    new.loc[row, "donor"] = donor
    new.loc[row, "note"] = HOSTILE
    changes = MapChanges("2026-11-30T14:02:11+00:00", diff_pairs(old, new))
    assert isinstance(new, pd.DataFrame) and len(changes.diff.changed) == 1
    folium_map = pairmap.flow_map(new, changes=changes, title="茂名 → 来宾 粤桂协作", lang=lang)
    page = pairmap.save(folium_map, folder / "map.html")
    return Path(page), row, donor


@pytest.fixture(scope="module")
def changed_map(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    """The Maoming → Laibin seed map whose first funded pair had 1.2 million less
    before, and whose donor name and note now hold markup; its page, flow and donor."""
    return _changed(tmp_path_factory.mktemp("changes"))


@pytest.fixture
def page(browser: Any, changed_map: tuple[Path, int, str]) -> Any:
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    local = ("file:", "data:")
    page.on("request", lambda r: None if r.url.startswith(local) else problems.append(r.url))
    page.goto(changed_map[0].resolve().as_uri(), wait_until="load")
    page.wait_for_function(READY_JS)
    yield page
    assert problems == []
    context.close()


def test_the_panel_shows_the_changed_pair_with_its_old_and_new_figure_as_text(
    page: Any, changed_map: tuple[Path, int, str]
) -> None:
    _, _, donor = changed_map
    summary = page.locator(".pairmap-changes-summary").inner_text()
    assert "自 2026-11-30 以来的变化" in summary
    assert "新增 0 · 删除 0 · 变更 1" in summary
    items = page.locator(".pairmap-changes-item").all_inner_texts()
    assert len(items) == 1
    assert donor in items[0] and "帮扶资金 80万元 → 200万元" in items[0]
    assert f"“{HOSTILE}”" in items[0]
    assert page.locator(".pairmap-changes img").count() == 0


def test_the_toggle_highlights_the_changed_flow_and_fades_the_others(
    page: Any, changed_map: tuple[Path, int, str]
) -> None:
    _, row, _ = changed_map
    before = page.evaluate(OPACITIES_JS)
    assert set(before.values()) == {0.85}
    page.locator(".pairmap-changes-toggle input").check()
    during = page.evaluate(OPACITIES_JS)
    assert during[str(row)] == 0.95
    assert {v for k, v in during.items() if k != str(row)} == {0.12}
    page.evaluate(
        "() => window.pairmap.select(window.pairmap.flowLayers()[0].options.pairmap"
        ".recipient_adcode)"
    )
    assert page.evaluate(OPACITIES_JS) != during  # the selection styles the flows its way
    page.evaluate("() => window.pairmap.clear()")
    assert page.evaluate(OPACITIES_JS) == during  # and gives the highlight back
    page.locator(".pairmap-changes-toggle input").uncheck()
    assert page.evaluate(OPACITIES_JS) == before


def test_the_panel_keeps_clear_of_title_legend_and_labels_and_folds(page: Any) -> None:
    boxes = page.evaluate(BOXES_JS)
    assert len(boxes["others"]) >= 3
    assert [b for b in boxes["others"] if _overlap(boxes["panel"], b)] == []
    page.locator(".pairmap-changes-summary").click()
    assert not page.evaluate(VISIBLE_JS, ".pairmap-changes-body")
    assert page.evaluate(VISIBLE_JS, ".pairmap-changes-summary")


def test_presenting_keeps_only_the_badge(page: Any) -> None:
    page.evaluate("() => { window.location.hash = '#present'; }")
    page.wait_for_function("() => document.querySelector('.pairmap-present') !== null")
    assert page.evaluate(VISIBLE_JS, ".pairmap-changes-summary")
    assert not page.evaluate(VISIBLE_JS, ".pairmap-changes-body")


def test_screenshot_of_the_panel_with_the_highlight_on(page: Any, artifacts_dir: Path) -> None:
    page.locator(".pairmap-changes-toggle input").check()
    page.screenshot(path=str(artifacts_dir / "changes-panel-1920x1080.png"))


def test_an_english_page_says_it_in_english(browser: Any, tmp_path: Path) -> None:
    path, _, _ = _changed(tmp_path, lang="en")
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(path.resolve().as_uri(), wait_until="load")
    page.wait_for_function(READY_JS)
    summary = page.locator(".pairmap-changes-summary").inner_text()
    assert "Changes since 30 Nov 2026" in summary and "0 added · 0 removed · 1 changed" in summary
    body = page.locator(".pairmap-changes-body").inner_text()
    assert "Highlight the changed pairings" in body
    assert "assistance funds CNY 800,000 → CNY 2 million" in body
    page.context.close()


def test_a_slide_image_leaves_the_panel_out(browser: Any, tmp_path: Path) -> None:
    """The panel is a note for whoever rebuilt the book: a PNG of the map with changes is
    the same picture as the map without them."""
    from pairmap.maps.png import render_png

    path = next(p for p in shipped_tables() if p.name == "seeds_2022_maoming_laibin.csv")
    pairs = read_tables(path).pairs.reset_index(drop=True)
    old = pairs.copy()
    old.loc[0, "funds_cny"] = 1.0
    changes = MapChanges("2026-11-30T14:02:11+00:00", diff_pairs(old, pairs))
    images = []
    for name, given in (("with", changes), ("without", None)):
        page = pairmap.flow_map(pairs, changes=given, title="茂名 → 来宾")
        html = Path(pairmap.save(page, tmp_path / f"{name}.html")).read_text(encoding="utf-8")
        assert (page_payload(html)["changes"] is None) is (given is None)
        render_png(html, tmp_path / f"{name}.png", scale=1, browser=browser)
        images.append((tmp_path / f"{name}.png").read_bytes())
    assert images[0] == images[1]
