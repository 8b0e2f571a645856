"""Benchmark exporting the whole map book for slide decks: PNG, PDF and one PPTX.

Builds the shipped book once into a temporary folder (``maps.book.build_book``), then,
``--runs`` times, exports every map as a PNG (``--size``, ``--scale``) and as a PDF
through one shared headless Chromium (PDF vector: the page draws with Leaflet's SVG
renderer), and the whole book as one PPTX deck (``slides.save_deck``: a picture per map
drawn again, then the deck). Prints the median time of each whole-book export, the
median per map, and the output sizes.

Usage: ``python bench/bench_exports.py [--runs 3] [--size 1920x1080] [--scale 1]
[--keep DIR]``. Needs Debian's ``chromium``, the ``png`` and ``pptx`` extras.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pairmap.maps.book import BuiltMap, build_book
from pairmap.maps.pdf import render_pdf
from pairmap.maps.png import chromium_browser, render_png
from pairmap.maps.sizes import ExportSize, parse_size
from pairmap.maps.slides import save_deck


def timed(export: Callable[[BuiltMap], Path], maps: list[BuiltMap]) -> tuple[float, list[float]]:
    """Run ``export`` on every map; the total and per-map seconds."""
    per_map = []
    for built in maps:
        start = time.perf_counter()
        export(built)
        per_map.append(time.perf_counter() - start)
    return sum(per_map), per_map


def export_once(maps: list[BuiltMap], folder: Path, size: ExportSize, browser: Any) -> dict:
    """One export of the whole book in every format; seconds and bytes by format."""

    def png(built: BuiltMap) -> Path:
        out = folder / f"{built.slug}.png"
        html = built.path.read_text(encoding="utf-8")
        render_png(
            html,
            out,
            width=size.css_width,
            height=size.css_height,
            scale=size.scale,
            browser=browser,
        )
        return out

    def pdf(built: BuiltMap) -> Path:
        out = folder / f"{built.slug}.pdf"
        render_pdf(built.path, out, size=size, browser=browser)
        return out

    results = {}
    for name, export in (("png", png), ("pdf", pdf)):
        total, per_map = timed(export, maps)
        files = [folder / f"{built.slug}.{name}" for built in maps]
        results[name] = (total, per_map, sum(f.stat().st_size for f in files))
    deck = folder / "book.pptx"
    start = time.perf_counter()
    save_deck([built.path for built in maps], deck, size=size, browser=browser)
    elapsed = time.perf_counter() - start
    results["pptx"] = (elapsed, [elapsed / len(maps)] * len(maps), deck.stat().st_size)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--keep", type=Path, help="export into this folder and keep it")
    args = parser.parse_args()
    size = parse_size(args.size, scale=args.scale)
    with tempfile.TemporaryDirectory(prefix="pairmap-bench-exports-") as scratch:
        folder = args.keep or Path(scratch)
        start = time.perf_counter()
        maps = build_book(folder)
        print(f"book: {len(maps)} maps built in {time.perf_counter() - start:.1f} s")
        print(f"size: {size.describe()}")
        runs: list[dict] = []
        start = time.perf_counter()
        with chromium_browser() as browser:
            print(f"chromium start: {time.perf_counter() - start:.2f} s")
            for _ in range(args.runs):
                runs.append(export_once(maps, folder, size, browser))
        report(runs, maps)


def report(runs: list[dict], maps: list[BuiltMap]) -> None:
    """Print medians over the runs: the whole book, per map, and sizes."""
    print(f"\nmedian of {len(runs)} runs, {len(maps)} maps")
    print(f"{'format':<6} {'book s':>8} {'per map s':>10} {'slowest map s':>14} {'MB':>7}")
    for name in ("png", "pdf", "pptx"):
        totals = [run[name][0] for run in runs]
        per_map = [statistics.median(run[name][1]) for run in runs]
        slowest = [max(run[name][1]) for run in runs]
        size_mb = runs[-1][name][2] / 1e6
        print(
            f"{name:<6} {statistics.median(totals):>8.2f} {statistics.median(per_map):>10.2f} "
            f"{statistics.median(slowest):>14.2f} {size_mb:>7.2f}"
        )
    slowest_map = max(range(len(maps)), key=lambda i: runs[-1]["pdf"][1][i])
    print(f"slowest PDF: {maps[slowest_map].slug} ({maps[slowest_map].n_flows} flows)")


if __name__ == "__main__":
    main()
