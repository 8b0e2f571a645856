"""Benchmark the map book against a hand-written folium baseline on the same pairs.

Measures, in one run:

- build time of the whole book, cold (fresh ``PAIRMAP_CACHE_DIR``) and warm, each
  in its own Python process;
- the size of every map, and headless-Chromium load-to-idle time of the largest
  (median of ``--runs``; idle = ``window.pairmap.ready`` and then an idle main thread);
- a 5,000-flow synthetic table over the national county layer (size, build, idle);
- folium by hand (raw county boundaries as GeoJSON + one ``PolyLine`` per pair,
  stock ``folium.Map``) on the largest map's pairs: build time, size, peak memory,
  and whether it draws anything in Chromium with every CDN blocked; with ratios.

Usage: ``python bench/bench_maps.py [--runs 5] [--no-folium] [--keep DIR]``.
Needs Debian's ``chromium`` and the ``png`` extra (Playwright).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent

#: Child process: build the book into argv[1]; print timings and per-map facts as JSON.
BUILD_BOOK = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    start = time.perf_counter()
    from pairmap.maps.book import build_book
    imported = time.perf_counter()
    marks = []
    built = build_book(Path(sys.argv[1]),
                       progress=lambda slug: marks.append((slug, time.perf_counter())))
    done = time.perf_counter()
    # a map's time runs from the previous map's end (the first one includes reading
    # and resolving the shipped tables)
    starts = [imported] + [t for _, t in marks[:-1]]
    map_s = {slug: t - t0 for (slug, t), t0 in zip(marks, starts)}
    largest = max(built, key=lambda b: b.path.stat().st_size)
    largest.pairs.to_pickle(Path(sys.argv[1]) / "largest-pairs.pkl")
    print(json.dumps({
        "import_s": imported - start,
        "build_s": done - imported,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "maps": [{"slug": b.slug, "title": b.title, "path": str(b.path),
                  "n_flows": b.n_flows, "bytes": b.path.stat().st_size,
                  "build_s": map_s.get(b.slug)} for b in built],
        "largest": largest.slug,
    }))
    """
)

#: Child process: stock folium, by hand, as a user would write it (argv: pairs.pkl out.html).
FOLIUM_BASELINE = textwrap.dedent(
    """
    import json, resource, sys, time
    start = time.perf_counter()
    import folium
    import geopandas as gpd
    import pandas as pd
    from pairmap.geo.source import read_layer
    pairs = pd.read_pickle(sys.argv[1])
    counties = read_layer("county")
    gdf = gpd.GeoDataFrame(counties[["adcode", "name"]], geometry=counties["geometry"],
                           crs="EPSG:4326")
    m = folium.Map(location=[35, 105], zoom_start=4)
    folium.GeoJson(gdf.to_json(), name="counties",
                   tooltip=folium.GeoJsonTooltip(fields=["name"])).add_to(m)
    for row in pairs.itertuples(index=False):
        folium.PolyLine([[row.donor_lat, row.donor_lon], [row.recipient_lat, row.recipient_lon]],
                        tooltip=f"{row.donor} → {row.recipient}", weight=2).add_to(m)
    m.save(sys.argv[2])
    print(json.dumps({
        "build_s": time.perf_counter() - start,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))
    """
)

#: Child process: a map of a synthetic table through ``pairmap map`` (argv: table.csv out.html).
MAP_TABLE = textwrap.dedent(
    """
    import json, sys, time
    from click.testing import CliRunner
    from pairmap.scripts.cli import cli
    start = time.perf_counter()
    result = CliRunner().invoke(cli, ["-q", "map", sys.argv[1], "-o", sys.argv[2],
                                      "--level", "county", "--extent", "national",
                                      "--metric", "funds_cny",
                                      "--title", "5,000 synthetic flows"])
    if result.exit_code:
        sys.exit(result.output)
    print(json.dumps({"build_s": time.perf_counter() - start}))
    """
)

EAST = ("11", "12", "31", "32", "33", "35", "37", "44")
WEST = ("15", "45", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65")


def run_child(code: str, *args: str, cache_dir: Path) -> tuple[dict[str, Any], float]:
    """Run ``code`` in a fresh interpreter; return its JSON output and wall seconds."""
    env = {**os.environ, "PAIRMAP_CACHE_DIR": str(cache_dir)}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"child failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1]), wall


def synthetic_table(path: Path, *, n_flows: int, seed: int = 0) -> None:
    """Write ``n_flows`` random east → west county pairs (names + adcodes) as CSV."""
    import numpy as np
    import pandas as pd

    from pairmap.geo.source import layer_members

    counties = layer_members("county")
    counties = counties[counties["level"] == "county"]
    prefix = counties["adcode"].str[:2]
    east, west = counties[prefix.isin(EAST)], counties[prefix.isin(WEST)]
    rng = np.random.default_rng(seed)
    donors = east.iloc[rng.integers(0, len(east), n_flows)].reset_index(drop=True)
    recipients = west.iloc[rng.integers(0, len(west), n_flows)].reset_index(drop=True)
    table = pd.DataFrame(
        {
            "donor": donors["name"],
            "donor_adcode": donors["adcode"],
            "recipient": recipients["name"],
            "recipient_adcode": recipients["adcode"],
            "program": rng.choice(["东西部协作", "对口支援"], n_flows),
            "round": rng.choice([2016, 2021], n_flows),
            "funds_cny": rng.integers(1, 500, n_flows) * 100_000,
        }
    )
    table.to_csv(path, index=False)


def _recorder(errors: list[str]) -> Any:
    """A Playwright ``pageerror`` handler appending each error's text to ``errors``."""

    def record(error: Any) -> None:
        errors.append(str(error))

    return record


def _blocking_route(blocked: list[str]) -> Any:
    """A Playwright route handler that lets only file:/data: through and records the rest."""
    from pairmap.maps.png import is_local_url

    def route(r: Any) -> None:
        if is_local_url(r.request.url):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    return route


def idle_times(path: Path, *, runs: int, contract: bool = True) -> dict[str, Any]:
    """Load ``path`` ``runs`` times in fresh pages; time to ready + idle, in ms.

    With ``contract=False`` (folium) waits for the load event and an idle main thread,
    and reports whether anything was drawn and how many requests were blocked.
    """
    from pairmap.maps.png import chromium_browser

    ready_js = "() => Boolean(window.pairmap && window.pairmap.ready)"
    idle_js = "() => new Promise(r => requestIdleCallback(() => r(performance.now())))"
    drawn_js = """() => document.querySelectorAll(
        '.leaflet-pane path, .leaflet-pane canvas, .leaflet-pane img').length"""
    times: list[float] = []
    facts: dict[str, Any] = {}
    with chromium_browser() as browser:
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1600, "height": 1000})
            page = context.new_page()
            blocked: list[str] = []
            errors: list[str] = []
            page.on("pageerror", _recorder(errors))

            page.route("**/*", _blocking_route(blocked))
            page.goto(path.resolve().as_uri(), wait_until="load", timeout=180_000)
            if contract:
                page.wait_for_function(ready_js, polling="raf", timeout=60_000)
            times.append(page.evaluate(idle_js))
            facts = {
                "drawn_elements": page.evaluate(drawn_js),
                "blocked_requests": len(blocked),
                "page_errors": errors[:3],
                "n_page_errors": len(errors),
            }
            context.close()
    return {"median_ms": statistics.median(times), "runs_ms": times, **facts}


def mb(n_bytes: float) -> str:
    return f"{n_bytes / 1e6:.2f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="browser loads per map (median)")
    parser.add_argument("--flows", type=int, default=5000, help="synthetic flows")
    parser.add_argument("--no-folium", action="store_true", help="skip the folium baseline")
    parser.add_argument("--keep", type=Path, help="keep the outputs in this folder")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="pairmap-bench-"))
    cache = work / "cache"
    try:
        print(f"== map book (cache: fresh {cache.name}/, then warm)")
        cold, cold_wall = run_child(BUILD_BOOK, str(work / "cold"), cache_dir=cache)
        warm, warm_wall = run_child(BUILD_BOOK, str(work / "warm"), cache_dir=cache)
        print(
            f"cold build: {cold['build_s']:.2f} s (+{cold['import_s']:.2f} s imports; "
            f"process {cold_wall:.2f} s, peak {cold['peak_rss_mb']:.0f} MB)"
        )
        print(
            f"warm build: {warm['build_s']:.2f} s (+{warm['import_s']:.2f} s imports; "
            f"process {warm_wall:.2f} s, peak {warm['peak_rss_mb']:.0f} MB)"
        )
        print(f"{'slug':<40} {'flows':>6} {'size':>10} {'warm build':>11}")
        for item in warm["maps"]:
            print(
                f"{item['slug']:<40} {item['n_flows']:>6} {mb(item['bytes']):>10} "
                f"{item['build_s']:>9.2f} s"
            )
        largest = next(m for m in warm["maps"] if m["slug"] == warm["largest"])
        largest_path = Path(largest["path"])
        idle = idle_times(largest_path, runs=args.runs)
        print(
            f"largest map {largest['slug']}: {mb(largest['bytes'])}, {largest['n_flows']} flows, "
            f"idle in Chromium {idle['median_ms']:.0f} ms median "
            f"(runs {', '.join(f'{t:.0f}' for t in idle['runs_ms'])}); "
            f"blocked requests {idle['blocked_requests']}, page errors {idle['n_page_errors']}"
        )

        print(f"\n== {args.flows:,} synthetic flows over the national county layer")
        table = work / "synthetic.csv"
        synthetic_table(table, n_flows=args.flows)
        synthetic_html = work / "synthetic.html"
        synth, _ = run_child(MAP_TABLE, str(table), str(synthetic_html), cache_dir=cache)
        synth_idle = idle_times(synthetic_html, runs=args.runs)
        print(
            f"size {mb(synthetic_html.stat().st_size)}, build {synth['build_s']:.2f} s, "
            f"idle {synth_idle['median_ms']:.0f} ms median "
            f"(runs {', '.join(f'{t:.0f}' for t in synth_idle['runs_ms'])})"
        )

        if not args.no_folium:
            print(f"\n== folium by hand on the same {largest['n_flows']} pairs ({largest['slug']})")
            folium_html = work / "folium.html"
            folium, folium_wall = run_child(
                FOLIUM_BASELINE,
                str(work / "warm" / "largest-pairs.pkl"),
                str(folium_html),
                cache_dir=cache,
            )
            folium_bytes = folium_html.stat().st_size
            folium_idle = idle_times(folium_html, runs=1, contract=False)
            print(
                f"build {folium['build_s']:.1f} s (process {folium_wall:.1f} s, peak "
                f"{folium['peak_rss_mb']:.0f} MB), size {mb(folium_bytes)}; with CDNs blocked: "
                f"{folium_idle['blocked_requests']} requests blocked, "
                f"{folium_idle['drawn_elements']} map elements drawn, "
                f"page errors {folium_idle['page_errors']}"
            )
            print("\n== ratios (folium / pairmap)")
            print(f"size of the same map: {folium_bytes / largest['bytes']:.1f}×")
            ratio = folium["build_s"] / largest["build_s"]
            print(f"build time of the same map (pairmap warm cache): {ratio:.0f}×")
            ratio = folium["build_s"] / warm["build_s"]
            print(f"build: folium, one map vs pairmap, whole book warm: {ratio:.1f}×")
            print(f"peak memory: {folium['peak_rss_mb'] / warm['peak_rss_mb']:.1f}×")
            print(
                f"Chromium idle: folium {folium_idle['median_ms']:.0f} ms drawing nothing vs "
                f"pairmap {idle['median_ms']:.0f} ms drawing everything"
            )
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for name in ("warm", "synthetic.html", "folium.html"):
                source = work / name
                if source.is_dir():
                    shutil.copytree(source, args.keep / name, dirs_exist_ok=True)
                elif source.exists():
                    shutil.copy2(source, args.keep / name)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
