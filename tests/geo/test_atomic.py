"""Atomic writes: whole files or none, and temp files of killed runs removed by the next run.

The killed runs are real child processes that send themselves SIGKILL in the middle
of a write, so nothing of theirs gets the chance to clean up.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from pairmap.geo.atomic import (
    STALE_AFTER_SECONDS,
    TEMP_NAME,
    atomic_path,
    pid_is_alive,
    remove_stale_temps,
    write_text_atomic,
)

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL and pids are POSIX here")

#: A child that starts an atomic write, writes half the data, and kills itself.
KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from pairmap.geo.atomic import atomic_path

with atomic_path(Path(sys.argv[1])) as tmp:
    tmp.write_bytes(b"half of a map" * 1000)
    os.kill(os.getpid(), signal.SIGKILL)
"""

#: A child that starts an atomic write, says so, and finishes when told to.
PAUSED_WRITER = """
import sys
from pathlib import Path
from pairmap.geo.atomic import atomic_path

with atomic_path(Path(sys.argv[1])) as tmp:
    tmp.write_text("from the live run", encoding="utf-8")
    print(tmp.name, flush=True)
    sys.stdin.readline()
"""


def temps_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if TEMP_NAME.match(p.name))


def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("new but broken", encoding="utf-8")
        assert TEMP_NAME.match(tmp.name), tmp.name
        assert f".pairmap-tmp-{os.getpid()}-" in tmp.name
        raise RuntimeError("drawing failed")
    assert target.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [target]


def test_a_long_name_still_gets_a_temp_that_fits(tmp_path: Path) -> None:
    target = tmp_path / ("结对" * 80 + ".html")  # 485 bytes: too long for the file system
    short = tmp_path / ("结对" * 40 + ".html")  # 245 bytes: fits, its temp name must too
    write_text_atomic(short, "ok")
    assert short.read_text(encoding="utf-8") == "ok"
    with pytest.raises(OSError):
        write_text_atomic(target, "no")
    assert list(tmp_path.iterdir()) == [short]


def test_a_run_killed_mid_write_is_cleaned_by_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    target.write_text("the previous map", encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(target)])
    assert child.wait(timeout=60) == -signal.SIGKILL
    left = temps_in(tmp_path)
    assert len(left) == 1
    assert left[0].name.startswith(f".map.html.pairmap-tmp-{child.pid}-")
    assert left[0].stat().st_size == len(b"half of a map") * 1000
    assert target.read_text(encoding="utf-8") == "the previous map"
    assert not pid_is_alive(child.pid)

    write_text_atomic(tmp_path / "other.html", "next run")
    assert temps_in(tmp_path) == []
    assert target.read_text(encoding="utf-8") == "the previous map"


def test_a_live_runs_temp_file_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "theirs.html"
    with subprocess.Popen(
        [sys.executable, "-c", PAUSED_WRITER, str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout is not None and child.stdin is not None
        their_temp = tmp_path / child.stdout.readline().strip()
        assert their_temp.is_file()
        write_text_atomic(tmp_path / "mine.html", "mine")  # cleans the folder first
        assert their_temp.is_file()
        assert remove_stale_temps(tmp_path) == []
        child.stdin.write("go\n")
        child.stdin.flush()
        assert child.wait(timeout=60) == 0
    assert target.read_text(encoding="utf-8") == "from the live run"
    assert temps_in(tmp_path) == []


def test_an_old_temp_goes_even_if_its_pid_was_reused(tmp_path: Path) -> None:
    alive = os.getppid()  # a live process, standing for a recycled pid
    young = tmp_path / f".a.html.pairmap-tmp-{alive}-abc123.html"
    old = tmp_path / f".b.html.pairmap-tmp-{alive}-def456.html"
    mine = tmp_path / "a.html"
    for path in (young, old, mine):
        path.write_text("x", encoding="utf-8")
    hours_ago = time.time() - STALE_AFTER_SECONDS - 60
    os.utime(old, (hours_ago, hours_ago))
    os.utime(mine, (hours_ago, hours_ago))  # not a temp name: never touched
    assert remove_stale_temps(tmp_path) == [old]
    assert young.exists() and mine.exists()


def test_png_working_folders_of_killed_runs_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pairmap.maps.png import WORKING_DIR_PREFIX, working_dir

    code = """
        import os, signal, tempfile
        from pairmap.maps.png import working_dir
        with working_dir() as folder:
            (folder / "map.html").write_text("<html>", encoding="utf-8")
            os.kill(os.getpid(), signal.SIGKILL)
    """
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    child = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], env=env, capture_output=True, timeout=60
    )
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    (killed,) = tmp_path.glob(f"{WORKING_DIR_PREFIX}*")
    assert (killed / "map.html").is_file()
    legacy_old = tmp_path / f"{WORKING_DIR_PREFIX}k2j3h4g5"  # an older version's name
    legacy_young = tmp_path / f"{WORKING_DIR_PREFIX}a1b2c3d4"
    legacy_old.mkdir()
    legacy_young.mkdir()
    hours_ago = time.time() - STALE_AFTER_SECONDS - 60
    os.utime(legacy_old, (hours_ago, hours_ago))

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with working_dir() as folder:
        assert folder.name.startswith(f"{WORKING_DIR_PREFIX}{os.getpid()}-")
        assert sorted(tmp_path.iterdir()) == sorted([folder, legacy_young])
    assert list(tmp_path.iterdir()) == [legacy_young]
