"""Count place-name labels lost by zooming in, on the book's maps, in Chromium.

Run ``python bench/bench_label_zoom.py [BOOK_FOLDER]`` (without a folder the default
book is built into a temporary one). For each map the view is moved to a 5 x 5 grid
of centres and zoomed in twice, one level at a time, at 1920 x 1080; a node label
shown before a zoom and not after is counted as lost, and sorted by why: every one of
its candidate places is off the frame or under a control (legend, inset, footer), or
some place was free of those (it lost to node circles or other labels), or some place
was blocked by other labels only (what the placer's order decides).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

#: Records the placer's last input and output; returns, per node label, whether it is
#: shown and whether some candidate is clear of the frame and controls (or of all but labels).
PROBE_JS = """() => {
  const lib = window.pairmapLib;
  if (!lib.labels.__probed) {
    const place = lib.labels.place;
    lib.labels.place = (items, options) => {
      const out = place(items, options); window.__lastPlace = {items, options, out}; return out; };
    lib.labels.__probed = true;
    window.pairmap.map.fire('moveend');
  }
  const {items, options, out} = window.__lastPlace, L2 = lib.labels, f = options.frame;
  const pad = options.pad || 0, rank = j => (items[j].keep ? 0 : items.length) + j;
  const grow = b => ({x0: b.x0 - pad, y0: b.y0 - pad, x1: b.x1 + pad, y1: b.y1 + pad});
  const state = {};
  items.forEach((it, i) => {
    if (it.node < 0) return;
    const reasons = L2.candidates(it).map(b => {
      const g = grow(b), fixed = !(b.x0 >= f.x0 && b.y0 >= f.y0 && b.x1 <= f.x1 && b.y1 <= f.y1)
        || options.obstacles.some(o => L2.overlaps(g, o));
      const circle = options.circles.some(c => c.owner !== it.owner && L2.hitsCircle(g, c));
      const label = out.some((p, j) => p && j !== i && rank(j) < rank(i) && L2.overlaps(g, p));
      return {fixed, circle, label};
    });
    state[it.node] = {shown: Boolean(out[i]), placeable: reasons.some(r => !r.fixed),
                      byLabels: reasons.some(r => !r.fixed && !r.circle && r.label)};
  });
  return state;
}"""

MOVE_JS = """([home, fx, fy]) => {
  const m = window.pairmap.map;
  m.setView([home[0], home[1]], home[2], {animate: false});
  const s = m.getSize();
  m.setView(m.containerPointToLatLng([s.x * fx, s.y * fy]), home[2], {animate: false});
}"""


def survey(browser: Any, path: Path) -> dict[str, int]:
    """Zoom in around 25 centres on one map; counts of lost labels by why."""
    page = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    page.goto(path.resolve().as_uri(), wait_until="load")
    page.wait_for_function("() => Boolean(window.pairmap && window.pairmap.ready)")
    page.evaluate(PROBE_JS)
    home = page.evaluate(
        "() => { const m = window.pairmap.map, c = m.getCenter();"
        " return [c.lat, c.lng, m.getZoom()]; }"
    )
    counts = {"shown": 0, "lost": 0, "placeable": 0, "by_labels": 0}
    for fx in (1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6):
        for fy in (1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6):
            page.evaluate(MOVE_JS, [home, fx, fy])
            for _ in range(2):
                before = page.evaluate(PROBE_JS)
                page.evaluate(
                    "() => { const m = window.pairmap.map;"
                    " m.setView(m.getCenter(), m.getZoom() + 1, {animate: false}); }"
                )
                after = page.evaluate(PROBE_JS)
                for node, was in before.items():
                    now = after.get(node)
                    if not was["shown"] or now is None:
                        continue
                    counts["shown"] += 1
                    if not now["shown"]:
                        counts["lost"] += 1
                        counts["placeable"] += now["placeable"]
                        counts["by_labels"] += now["byLabels"]
    page.context.close()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("book", nargs="?", type=Path, help="a built map book's folder")
    args = parser.parse_args()
    from pairmap.maps.book import build_book
    from pairmap.maps.png import chromium_browser

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.book or Path(scratch)
        if args.book is None:
            build_book(folder)
        print(f"{'map':32} {'shown':>6} {'lost':>5} {'placeable':>9} {'by labels':>9}")
        with chromium_browser() as browser:
            for path in sorted(folder.glob("*.html")):
                if path.stem == "index":
                    continue
                c = survey(browser, path)
                print(
                    f"{path.stem:32} {c['shown']:6} {c['lost']:5} {c['placeable']:9} "
                    f"{c['by_labels']:9}"
                )


if __name__ == "__main__":
    main()
