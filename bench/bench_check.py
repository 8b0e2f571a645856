"""Benchmark ``pairmap check`` on hostile and large tables: time, CPU, peak memory, lines printed.

Run ``python bench/bench_check.py [--runs 3] [--only NAME ...] [--keep DIR]``.
The tables are generated into a temporary folder (nothing is committed):

- ``unknown_names``: 10,000 distinct names that match no unit (random common
  characters + 县/区/市), each needing spelling suggestions. Target <= 10 s.
- ``unknown_common``: 10,000 distinct unknown names made only of the characters most
  frequent in unit names (the index's worst case). No target; reported.
- ``bracket_cell``, ``nested_brackets``, ``bracketed_chain``: one 130 KB cell of ``(``,
  of ``(((…)))`` and of ``a(a(a(…)``. Target <= 1 s in process.
- ``rows_100k``: 100,000 valid rows between real units (prefectures in the east,
  counties in the west, unambiguous names), with amounts. Target <= 30 s, peak <= 1 GB.
- ``columns_10k``: one row with 10,000 extra numeric columns (lines printed).

Each table is checked in process (read, validate, resolve, format the report; the
gazetteer, anchors and suggestion index warmed beforehand) and as a whole
``pairmap check`` child process (imports included); peak memory and CPU time of the
child come from ``os.wait4``. Medians of ``--runs`` runs. On a busy machine compare
the CPU seconds: wall time includes waiting for a core.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

#: Characters of ordinary words, for names that match no unit.
WORD_CHARACTERS = (
    "的一是了我不人在他有这个上们来到时大和地为子中你说生国年着就那要她出得里后自以会家可"
    "下而过天去能对小多然于心学么之都好看起发当没成只如事把还用第样道想作种开美总从无情己面"
)
#: A 130 KB cell has this many characters.
CELL_SIZE = 130_000

TARGETS: dict[str, tuple[float | None, float | None, float | None]] = {
    # name: (in-process seconds, child seconds, child peak MB)
    "unknown_names": (None, 10.0, None),
    "bracket_cell": (1.0, None, None),
    "nested_brackets": (1.0, None, None),
    "bracketed_chain": (1.0, None, None),
    "rows_100k": (None, 30.0, 1024.0),
}


@dataclass(frozen=True)
class Measure:
    """The medians of one table's runs."""

    seconds: float
    child_seconds: float
    child_cpu: float
    child_peak_mb: float
    lines: int


def _units() -> tuple[list[str], list[str]]:
    """Donor names (eastern prefectures) and recipient names (western counties).

    Only names that resolve to exactly one unit without a note (no rename, no lagging
    code), so every generated row is valid.
    """
    from pairmap.geo.errors import PlaceError
    from pairmap.geo.gazetteer import Gazetteer

    gazetteer = Gazetteer.default()
    east = ("11", "12", "31", "32", "33", "35", "37", "44")
    west = ("45", "50", "51", "52", "53", "54", "62", "63", "64", "65")
    donors, recipients = [], []
    for place in gazetteer:
        try:
            clean = gazetteer.resolve(place.name) == place
        except PlaceError:
            continue
        if not clean:
            continue
        if place.level == "prefecture" and place.adcode[:2] in east:
            donors.append(place.name)
        elif place.level == "county" and place.adcode[:2] in west:
            recipients.append(place.name)
    return sorted(donors), sorted(recipients)


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _unknown_names(count: int, alphabet: str, rng: random.Random) -> list[str]:
    from pairmap.geo.gazetteer import Gazetteer

    gazetteer = Gazetteer.default()
    names: set[str] = set()
    while len(names) < count:
        name = "".join(rng.choice(alphabet) for _ in range(rng.randint(2, 4)))
        name += rng.choice("县区市")
        if not gazetteer.candidates(name):
            names.add(name)
    return sorted(names)


def _common_characters() -> str:
    from pairmap.geo.gazetteer import Gazetteer
    from pairmap.geo.suggest import COMMON

    counts: dict[str, int] = {}
    for place in Gazetteer.default():
        for char in set(place.name):
            counts[char] = counts.get(char, 0) + 1
    return "".join(sorted(char for char, count in counts.items() if count > COMMON))


def build_tables(folder: Path) -> dict[str, Path]:
    """Write every benchmark table into ``folder``; return them by name."""
    rng = random.Random(20240607)
    donors, recipients = _units()
    header = ["donor", "recipient", "program", "start_year", "funds_cny", "jobs"]
    tables = {}
    for name, alphabet in (
        ("unknown_names", WORD_CHARACTERS),
        ("unknown_common", _common_characters()),
    ):
        unknown = _unknown_names(10_000, alphabet, rng)
        rows = [[rng.choice(donors), recipient, "", "", "", ""] for recipient in unknown]
        tables[name] = _write(folder / f"{name}.csv", header, rows)
    cells = {
        "bracket_cell": "(" * CELL_SIZE,
        "nested_brackets": "(" * (CELL_SIZE // 2) + ")" * (CELL_SIZE // 2),
        "bracketed_chain": "a(" * (CELL_SIZE // 2 - 1) + "a)",
    }
    for name, cell in cells.items():
        tables[name] = _write(folder / f"{name}.csv", header, [[donors[0], cell, "", "", "", ""]])
    rows = [
        [
            rng.choice(donors),
            rng.choice(recipients),
            "东西部协作",
            str(rng.randint(2016, 2023)),
            f"{rng.randint(1, 9999)}万元",
            str(rng.randint(0, 2000)),
        ]
        for _ in range(100_000)
    ]
    tables["rows_100k"] = _write(folder / "rows_100k.csv", header, rows)
    extra = [f"x{number}" for number in range(10_000)]
    values = [str(number) for number in range(10_000)]
    tables["columns_10k"] = _write(
        folder / "columns_10k.csv",
        ["donor", "recipient", *extra],
        [[donors[0], recipients[0], *values]],
    )
    return tables


def check_in_process(path: Path) -> float:
    """Seconds to read, validate and resolve one table and format its report."""
    from pairmap.geo.boundaries import load_anchors
    from pairmap.geo.gazetteer import Gazetteer
    from pairmap.pairings.io import read_table
    from pairmap.pairings.resolve import resolve_tables

    gazetteer, anchors = Gazetteer.default(), load_anchors()
    start = time.perf_counter()
    raw = read_table(path)
    _, report = resolve_tables([raw], gazetteer=gazetteer, anchors=anchors)
    report.format_text()
    return time.perf_counter() - start


#: A small launcher process: runs ``pairmap check`` and reports the child's wall time,
#: CPU time and peak memory (``os.wait4``) as JSON on its standard error.  Spawned from
#: this (large) benchmark process, the child's peak would count this process's memory
#: too, since Linux carries the peak over ``fork`` and ``exec``.
LAUNCHER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen([sys.executable, "-c", "from pairmap.scripts.cli import main; main()",
                          "check", sys.argv[1]], stderr=subprocess.STDOUT)
_, status, usage = os.wait4(child.pid, 0)
child.returncode = os.waitstatus_to_exitcode(status)
print(json.dumps([time.perf_counter() - start, usage.ru_utime + usage.ru_stime,
                  usage.ru_maxrss / 1024, child.returncode]), file=sys.stderr)
"""


def check_child(path: Path) -> tuple[float, float, float, int]:
    """``pairmap check PATH`` in a fresh process: wall s, CPU s, peak MB, lines printed."""
    with tempfile.TemporaryFile() as output:
        launched = subprocess.run(
            [sys.executable, "-c", LAUNCHER, str(path)],
            stdout=output,
            stderr=subprocess.PIPE,
            check=True,
        )
        output.seek(0)
        lines = output.read().count(b"\n")
    elapsed, cpu, peak_mb, code = json.loads(launched.stderr.decode().strip().splitlines()[-1])
    if code not in (0, 1):
        raise RuntimeError(f"pairmap check {path.name} exited {code}")
    return elapsed, cpu, peak_mb, lines


def measure(path: Path, runs: int) -> Measure:
    """Medians of ``runs`` in-process checks and ``runs`` child processes."""
    inside = [check_in_process(path) for _ in range(runs)]
    children = [check_child(path) for _ in range(runs)]
    return Measure(
        seconds=statistics.median(inside),
        child_seconds=statistics.median(child[0] for child in children),
        child_cpu=statistics.median(child[1] for child in children),
        child_peak_mb=statistics.median(child[2] for child in children),
        lines=children[-1][3],
    )


def _verdict(name: str, result: Measure) -> str:
    inside, child, peak = TARGETS.get(name, (None, None, None))
    checks = [
        (inside, result.seconds, "in-process s"),
        (child, result.child_seconds, "check s"),
        (peak, result.child_peak_mb, "peak MB"),
    ]
    said = [
        f"{label} <= {limit:g} {'ok' if value <= limit else 'MISSED'}"
        for limit, value, label in checks
        if limit is not None
    ]
    return "; ".join(said) or "-"


def main() -> None:
    """Generate the tables, measure each, print one row per table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per table (median)")
    parser.add_argument("--only", nargs="*", help="table names to measure")
    parser.add_argument("--keep", type=Path, help="write the tables here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pairmap-bench-check-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        check_in_process(_write(folder / "warm.csv", ["donor", "recipient"], [["金绣县", "x"]]))
        tables = build_tables(folder)
        load = os.getloadavg()[0]
        print(f"pairmap check, {os.cpu_count()} CPUs, load average {load:.1f}, runs {args.runs}")
        header = (
            f"{'table':18}{'in-proc s':>10}{'check s':>9}{'CPU s':>7}{'peak MB':>9}{'lines':>7}"
        )
        print(header + "  targets")
        print("-" * (len(header) + 40))
        for name, path in tables.items():
            if args.only and name not in args.only:
                continue
            result = measure(path, args.runs)
            print(
                f"{name:18}{result.seconds:>10.2f}{result.child_seconds:>9.2f}"
                f"{result.child_cpu:>7.2f}{result.child_peak_mb:>9.0f}{result.lines:>7}  "
                + _verdict(name, result)
            )


if __name__ == "__main__":
    main()
