"""Time ``pairmap build`` of a 20-map user book: first build, no-change rebuild, one-row change.

Makes a temporary folder with copies of the shipped tables and a ``pairmap.toml`` of
20 maps (filters by donor and recipient province, programme, round, years and pair
level, so the maps differ), then runs ``pairmap build`` there as a real subprocess:

- the first build (every map drawn);
- a rebuild with nothing changed (median of ``--runs``; the fast path reads no table);
- a rebuild after one figure of one row changed (median of ``--runs``, the figure
  toggled each run and kept below the book's largest, so the shared width scale
  stays): which maps were drawn again, how many, and the time;
- ``--force`` (every map drawn again, median of ``--force-runs``) against the
  no-change time of the same run.

Usage: ``python bench/bench_book.py [--runs 5] [--force-runs 3] [--keep DIR]``.
The boundary cache (``PAIRMAP_CACHE_DIR``) should be warm; the first build prepares it
otherwise, and says so in its time.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SHIPPED = REPO_ROOT / "pairings" / "data"

TABLES = {
    "national": "east_west_national.csv",
    "gd_gx_2018": "seeds_2018_guangdong_guangxi.csv",
    "zs_lps": "seeds_2021_zhongshan_liupanshui.csv",
    "mm_lb": "seeds_2022_maoming_laibin.csv",
    "gz_qn": "seeds_2023_guangzhou_qiannan.csv",
    "gd_counties": "seeds_2024_guangdong_counties.csv",
}

#: The row changed for the one-row rebuild (茂南区 → 金秀, 2016 round) and its two figures.
CHANGED_TABLE = "seeds_2022_maoming_laibin.csv"
FIGURES = (",2000000,", ",2100000,")

NATIONAL = 'tables = ["national"]\nlevel = "prefecture"\nextent = "national"\n'


def _map(slug: str, title: str, body: str) -> str:
    return f'\n[[map]]\nslug = "{slug}"\ntitle = "{title}"\n{body}'


def book_text() -> str:
    """The 20-map book over :data:`TABLES`."""
    text = 'title = "bench book"\noutput = "maps"\n'
    for name, file in TABLES.items():
        text += f'\n[tables.{name}]\npaths = ["{file}"]\n'
    text += '\n[defaults]\nlevel = "county"\nmetric = "funds_cny"\n'
    text += _map("all", "全部结对", 'level = "prefecture"\nextent = "national"\n')
    for round_ in ("2016", "2021"):
        text += _map(f"national-{round_}", f"{round_}年轮次", f'{NATIONAL}rounds = ["{round_}"]\n')
    donors = {"gd": "广东", "sd": "山东", "bj": "北京", "js": "江苏", "zj": "浙江"}
    donors |= {"sh": "上海", "fj": "福建"}
    for slug, province in donors.items():
        body = f'{NATIONAL}donor_provinces = ["{province}"]\n'
        text += _map(f"donor-{slug}", f"{province}帮扶", body)
    recipients = {"gx": "广西", "gz": "贵州", "gs": "甘肃", "sc": "四川", "yn": "云南"}
    for slug, province in recipients.items():
        body = f'{NATIONAL}recipient_provinces = ["{province}"]\npair_level = "prefecture"\n'
        text += _map(f"recipient-{slug}", f"帮扶{province}", body)
    text += _map(
        "poverty-2010-2016",
        "东西部扶贫协作",
        f'{NATIONAL}programmes = ["东西部扶贫协作"]\nyears = [2010, 2016]\n',
    )
    text += _map(
        "guangdong-guangxi",
        "粤桂协作",
        'tables = ["gd_gx_2018", "mm_lb"]\nrecipient_provinces = ["广西"]\n',
    )
    text += _map("zhongshan-liupanshui", "中山—六盘水", 'tables = ["zs_lps"]\n')
    text += _map("guangzhou-qiannan", "广州—黔南", 'tables = ["gz_qn"]\n')
    text += _map("guangdong-counties", "广东省内", 'tables = ["gd_counties"]\n')
    return text


def pairmap_command() -> list[str]:
    """The ``pairmap`` console script of this Python."""
    beside = Path(sys.executable).parent / "pairmap"
    found = str(beside) if beside.exists() else shutil.which("pairmap")
    if found is None:
        raise SystemExit("pairmap is not installed here: pip install -e .")
    return [found]


def build(folder: Path, *args: str) -> tuple[float, list[str], str]:
    """One ``pairmap build`` in ``folder``: seconds, slugs drawn again, its summary line."""
    start = time.perf_counter()
    result = subprocess.run(
        [*pairmap_command(), "build", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"pairmap build failed:\n{result.stderr}")
    lines = result.stdout.splitlines()
    drawn = [line.split(" ")[1] for line in lines if line.startswith("built ")]
    summary = next(line for line in reversed(lines) if " maps (" in line)
    return seconds, drawn, summary.split(";")[0].split(":")[0]


def median_build(
    folder: Path, runs: int, *args: str, before: Callable[[int], None] | None = None
) -> tuple[float, float, float]:
    """Median, min and max seconds of ``runs`` builds (``before(run)`` called before each)."""
    times = []
    for run in range(runs):
        if before is not None:
            before(run)
        times.append(build(folder, *args)[0])
    return statistics.median(times), min(times), max(times)


def change_one_row(folder: Path, run: int) -> None:
    """Toggle the figure of one row (run 0: 2,000,000 → 2,100,000, run 1 back, ...)."""
    path = folder / CHANGED_TABLE
    old, new = FIGURES if run % 2 == 0 else FIGURES[::-1]
    text = path.read_text(encoding="utf-8")
    if text.count(old) != 1:
        raise SystemExit(f"{old!r} is not once in {CHANGED_TABLE}")
    path.write_text(text.replace(old, new), encoding="utf-8")


def _seconds(stats: tuple[float, float, float]) -> str:
    median, low, high = stats
    return f"{median:.2f} s (min {low:.2f}, max {high:.2f})"


def run(folder: Path, runs: int, force_runs: int) -> None:
    """Every measurement, printed."""
    for file in TABLES.values():
        shutil.copy(SHIPPED / file, folder / file)
    (folder / "pairmap.toml").write_text(book_text(), encoding="utf-8")
    seconds, drawn, summary = build(folder)
    print(f"first build: {seconds:.2f} s, {summary}")
    if len(drawn) != 20:
        raise SystemExit(f"expected 20 maps drawn, got {len(drawn)}")

    nothing = median_build(folder, runs)
    print(f"no-change rebuild: {_seconds(nothing)}, median of {runs} (target <= 1 s)")

    change_one_row(folder, 0)
    seconds, drawn, summary = build(folder)
    print(f"one-row change ({CHANGED_TABLE}, 茂南区 → 金秀 2016): {seconds:.2f} s, {summary}")
    print(f"  maps drawn again ({len(drawn)}): {', '.join(drawn)}")
    one_row = median_build(folder, runs, before=lambda n: change_one_row(folder, n + 1))
    print(f"one-row change: {_seconds(one_row)}, median of {runs}")

    force = median_build(folder, force_runs, "--force")
    fast = median_build(folder, runs)
    print(f"--force (all 20 maps): {_seconds(force)}, median of {force_runs}")
    print(f"no-change fast path, same run: {_seconds(fast)}, median of {runs}")
    print(f"fast path / --force: {fast[0] / force[0]:.3f} ({force[0] / fast[0]:.0f}x faster)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--force-runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="Build in this folder and keep it.")
    options = parser.parse_args()
    if options.keep:
        options.keep.mkdir(parents=True, exist_ok=True)
        run(options.keep, options.runs, options.force_runs)
        return
    with tempfile.TemporaryDirectory(prefix="pairmap-bench-book-") as folder:
        run(Path(folder), options.runs, options.force_runs)


if __name__ == "__main__":
    main()
