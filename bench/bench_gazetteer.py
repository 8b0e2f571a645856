"""Time building the gazetteer and resolving names with it (medians of several runs).

Run: ``python bench/bench_gazetteer.py`` (boundary data must be installed).
"""

from __future__ import annotations

import statistics
import time


def _median(function, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from pairmap.geo.aliases import read_aliases
    from pairmap.geo.gazetteer import Gazetteer, read_renames
    from pairmap.geo.source import read_unit_table

    units, renames, aliases = read_unit_table(), read_renames(), read_aliases()
    build = _median(lambda: Gazetteer(units, renames, aliases), runs=5)
    gazetteer = Gazetteer(units, renames, aliases)
    names = ["广州白云区", "金秀县", "察右前旗", "兵团第三师", "宜州市", "黔南州", "忻城"]

    def resolve_all() -> None:
        for _ in range(200):
            for name in names:
                gazetteer.resolve(name)

    resolve = _median(resolve_all, runs=5) / (200 * len(names))
    print(f"gazetteer build: {build:.3f} s (median of 5; {len(gazetteer):,} units)")
    print(f"resolve one name: {resolve * 1e6:.1f} µs (median of 5 runs of {200 * len(names)})")


if __name__ == "__main__":
    main()
