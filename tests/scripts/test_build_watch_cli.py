"""``pairmap build --watch`` in a real process: a saved table rebuilds the maps that draw it."""

from __future__ import annotations

import csv
import queue
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from pairmap.pairings.shipped import shipped_tables

#: Generous: the first build prepares the boundaries on a loaded machine.
TIMEOUT = 180.0


def _lines(process: subprocess.Popen[str]) -> queue.Queue[str]:
    """Every stdout line of ``process``, as it comes."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line.rstrip("\n"))

    threading.Thread(target=read, daemon=True).start()
    return lines


def _until(lines: queue.Queue[str], text: str, seen: list[str]) -> str:
    while True:
        try:
            line = lines.get(timeout=TIMEOUT)
        except queue.Empty:
            raise AssertionError(f"no line with {text!r}; saw:\n" + "\n".join(seen)) from None
        seen.append(line)
        if text in line:
            return line


def _set_funds(table: Path, donor: str, value: str) -> None:
    with table.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    column = rows[0].index("funds_cny")
    for row in rows[1:]:
        if row[0] == donor:
            row[column] = value
    with table.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], queue.Queue[str], Path]]:
    for name in ("seeds_2022_maoming_laibin.csv", "seeds_2023_guangzhou_qiannan.csv"):
        shutil.copy(next(p for p in shipped_tables() if p.name == name), tmp_path / name)
    command = [sys.executable, "-m", "pairmap.scripts.cli"]
    subprocess.run([*command, "init"], cwd=tmp_path, check=True, capture_output=True)
    process = subprocess.Popen(
        [*command, "build", "--watch"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
    )
    try:
        yield process, _lines(process), tmp_path
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        assert process.stdout is not None
        process.stdout.close()


def test_a_saved_row_rebuilds_the_maps_that_draw_it_then_ctrl_c_stops(
    watched: tuple[subprocess.Popen[str], queue.Queue[str], Path],
) -> None:
    process, lines, folder = watched
    seen: list[str] = []
    _until(lines, "3 maps (3 written, 0 unchanged)", seen)
    _until(lines, "watching", seen)
    _set_funds(folder / "seeds_2022_maoming_laibin.csv", "电白区", "3100000")
    _until(lines, "saved: seeds_2022_maoming_laibin.csv", seen)
    summary = _until(lines, "maps (", seen)
    rebuilt = [line for line in seen if line.startswith("built ")]
    built_after_save = rebuilt[3:]
    assert [line.split()[1] for line in built_after_save] == ["all", "seeds-2022-maoming-laibin"]
    assert "(2 written, 1 unchanged)" in summary
    assert any("电白区 → 金秀瑶族自治县" in line for line in seen)
    assert any("帮扶资金" in line and line.strip().endswith("→ 310万元") for line in seen)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=60) == 0
    _until(lines, "stopped watching", seen)
