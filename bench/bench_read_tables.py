"""Benchmark reading tables: a sparse workbook (one stray cell at XFD1048576) and 100,000 rows.

Run ``python bench/bench_read_tables.py``. Each read runs in its own subprocess, so peak
memory (``ru_maxrss``, after imports and during the read) does not leak between them. The
tables are written to a temporary folder first.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROWS = 100_000


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _child(path: str) -> None:
    from pairmap.pairings.io import read_table

    imported = _peak_mb()
    start = time.perf_counter()
    table = read_table(path, max_size=10**9)
    print(
        json.dumps(
            {
                "rows": len(table.frame),
                "seconds": round(time.perf_counter() - start, 2),
                "peak_mb_after_imports": round(imported, 1),
                "peak_mb": round(_peak_mb(), 1),
            }
        )
    )


def _write_tables(folder: Path) -> dict[str, Path]:
    import openpyxl

    sparse = openpyxl.Workbook()
    sheet = sparse.active
    sheet.append(["帮扶方", "受援方", "帮扶资金"])
    sheet.append(["茂名市", "来宾市", "973万元"])
    sheet["XFD1048576"] = "x"
    paths = {"sparse.xlsx": folder / "sparse.xlsx"}
    sparse.save(paths["sparse.xlsx"])

    rows = [["茂名市", "来宾市", f"{n}万元", "东西部协作", 2021] for n in range(ROWS)]
    header = ["帮扶方", "受援方", "帮扶资金", "帮扶类型", "开始年份"]
    paths["rows.csv"] = folder / "rows.csv"
    paths["rows.csv"].write_text(
        "\n".join(",".join(str(c) for c in row) for row in [header, *rows]) + "\n",
        encoding="utf-8",
    )
    big = openpyxl.Workbook(write_only=True)
    written = big.create_sheet("结对")
    written.append(header)
    for row in rows:
        written.append(row)
    paths["rows.xlsx"] = folder / "rows.xlsx"
    big.save(paths["rows.xlsx"])
    return paths


def main() -> None:
    """Write the tables, read each in a subprocess, print one line of numbers per table."""
    with tempfile.TemporaryDirectory() as folder:
        for name, path in _write_tables(Path(folder)).items():
            result = subprocess.run(
                [sys.executable, __file__, "--child", str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            numbers = json.loads(result.stdout)
            size = path.stat().st_size / 1e6
            print(f"{name:12} {size:6.2f} MB  " + "  ".join(f"{k}={v}" for k, v in numbers.items()))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        _child(sys.argv[2])
    else:
        main()
