"""A boundary cache that heals itself: damaged entries are rebuilt with one notice.

Real cache files, written by real ``pairmap`` runs into a temporary
``PAIRMAP_CACHE_DIR``, are truncated, garbled or replaced; ``pairmap map`` (or
``pairmap boundaries`` for a county layer) then runs twice: the first run rebuilds
the entry and says so in one line, the second reads the rebuilt entry silently,
and both draw exactly what an undamaged cache draws.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from pairmap.geo.atomic import STALE_AFTER_SECONDS, TEMP_NAME
from pairmap.geo.cache import CACHE_DIR_VARIABLE, SCHEMA_VERSION, entry_bytes, read_entry

TABLE = "帮扶方,受援方,帮扶方所在市,协作类型,轮次\n茂南区,金秀瑶族自治县,茂名市,东西部协作,2021\n"

NOTICE = "was damaged"

#: A county layer that prepares in about a second.
NINGXIA_COUNTIES = ("boundaries", "--level", "county", "--province", "宁夏")


def pairmap(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    """Run the ``pairmap`` command line in a child process with its own cache folder."""
    code = "from pairmap.scripts.cli import main; main()"
    env = {**os.environ, CACHE_DIR_VARIABLE: str(cache)}
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=600, env=env
    )


@dataclass(frozen=True)
class Command:
    """A run that reads cache entries, and the file it writes."""

    arguments: Callable[[Path, Path], list[str]]
    output: str


@dataclass(frozen=True)
class Warm:
    """A warm cache folder and what the commands wrote from it."""

    cache: Path
    table: Path
    reference: dict[str, bytes]


COMMANDS = {
    "map": Command(lambda table, out: ["map", str(table), "-o", str(out), "--overwrite"], "m.html"),
    "boundaries": Command(
        lambda table, out: [*NINGXIA_COUNTIES, "-o", str(out), "--overwrite"],
        "b.geojson",
    ),
}


def run(command: str, warm: Warm, cache: Path, out_dir: Path) -> subprocess.CompletedProcess[str]:
    out = out_dir / COMMANDS[command].output
    done = pairmap(*COMMANDS[command].arguments(warm.table, out), cache=cache)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done


@pytest.fixture(scope="module")
def warm(boundary_cache_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Warm:
    """The session's cache, warmed by one map and one county layer, and their outputs."""
    folder = tmp_path_factory.mktemp("warm")
    table = folder / "pairs.csv"
    table.write_text(TABLE, encoding="utf-8")
    warm = Warm(boundary_cache_dir, table, {})
    for command in COMMANDS:
        run(command, warm, boundary_cache_dir, folder)
        warm.reference[command] = (folder / COMMANDS[command].output).read_bytes()
    return warm


@pytest.fixture
def cache(warm: Warm, tmp_path: Path) -> Path:
    """A copy of the warm cache this test may damage."""
    copy = tmp_path / "cache"
    shutil.copytree(warm.cache, copy)
    return copy


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _empty(data: bytes) -> bytes:
    return b""


def _garbled(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes(b ^ 0xFF for b in data[middle : middle + 64]) + data[middle + 64 :]


def _without_header(data: bytes) -> bytes:
    """The bare payload, as the previous cache layout stored it."""
    return data.partition(b"\n")[2]


def _other_schema(data: bytes) -> bytes:
    header, _, payload = data.partition(b"\n")
    fields = header.split(b" ")
    fields[1] = str(SCHEMA_VERSION + 1).encode()
    return b" ".join(fields) + b"\n" + payload


def _framed_cut_text(data: bytes) -> bytes:
    """A checksum that matches, over the first 1000 characters of a topology."""
    return entry_bytes(_without_header(data)[:1000])


def _npz(**arrays: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def _framed_missing_columns(data: bytes) -> bytes:
    """A well-formed archive from another layout: one column where four are needed."""
    return entry_bytes(_npz(columns=np.array(["adcode"]), **{"str.adcode": np.array(["110000"])}))


def _framed_bad_offsets(data: bytes) -> bytes:
    """Geometry offsets that do not span the WKB bytes (wrong shapes)."""
    return entry_bytes(
        _npz(
            columns=np.array(["adcode", "geometry"]),
            **{
                "str.adcode": np.array(["640104", "640105"]),
                "geometry.offsets": np.array([0, 5, 3]),
                "geometry.wkb": np.zeros(9, dtype=np.uint8),
            },
        )
    )


def _framed_bad_wkb(data: bytes) -> bytes:
    """Offsets that fit, over bytes that are not WKB (shapely raises GEOSException)."""
    return entry_bytes(
        _npz(
            columns=np.array(["adcode", "geometry"]),
            **{
                "str.adcode": np.array(["640104"]),
                "geometry.offsets": np.array([0, 21]),
                "geometry.wkb": np.frombuffer(b"\x01\x03\x00\x00\x00" + b"\xff" * 16, np.uint8),
            },
        )
    )


#: (command that reads the entry, glob of the entries to damage, damage)
CASES = {
    "topology-garbled": ("map", "*-topology-*.json", _garbled),
    "topology-old-layout": ("map", "*-topology-*.json", _without_header),
    "topology-cut-under-a-good-checksum": ("map", "*-topology-*.json", _framed_cut_text),
    "anchors-truncated": ("map", "*-anchors-*.npz", _truncated),
    "anchors-other-schema": ("map", "*-anchors-*.npz", _other_schema),
    "anchors-missing-columns": ("map", "*-anchors-*.npz", _framed_missing_columns),
    "counties-empty": ("boundaries", "*-counties-*.npz", _empty),
    "counties-bad-offsets": ("boundaries", "*-counties-*.npz", _framed_bad_offsets),
    "counties-bad-wkb": ("boundaries", "*-counties-*.npz", _framed_bad_wkb),
}


@pytest.mark.parametrize("case", CASES)
def test_a_damaged_entry_is_rebuilt_once_with_one_notice(
    case: str, warm: Warm, cache: Path, tmp_path: Path
) -> None:
    command, pattern, damage = CASES[case]
    damaged = sorted(cache.glob(pattern))
    assert damaged, f"the warm cache has no {pattern}"
    for path in damaged:
        path.write_bytes(damage(path.read_bytes()))

    first = run(command, warm, cache, tmp_path)
    notices = [line for line in first.stderr.splitlines() if NOTICE in line]
    assert len(notices) == 1, first.stderr
    (rebuilt,) = (path for path in damaged if str(path) in notices[0])
    assert notices[0].endswith("; rebuilt")
    assert f"boundary cache entry {rebuilt} was damaged (" in notices[0]
    read_entry(rebuilt)  # whole, with a matching checksum
    state = rebuilt.stat()
    output = tmp_path / COMMANDS[command].output
    assert output.read_bytes() == warm.reference[command]

    second = run(command, warm, cache, tmp_path)
    assert NOTICE not in second.stderr
    assert (rebuilt.stat().st_ino, rebuilt.stat().st_mtime_ns) == (state.st_ino, state.st_mtime_ns)
    assert output.read_bytes() == warm.reference[command]
    assert not [p for p in cache.iterdir() if TEMP_NAME.match(p.name)]


def test_two_runs_at_once_build_one_whole_entry(warm: Warm, cache: Path, tmp_path: Path) -> None:
    for path in cache.glob("*-counties-*.npz"):
        path.unlink()
    env = {**os.environ, CACHE_DIR_VARIABLE: str(cache)}
    code = "from pairmap.scripts.cli import main; main()"
    outs = [tmp_path / f"b{n}.geojson" for n in range(2)]
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", code, *NINGXIA_COUNTIES, "-o", str(out)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for out in outs
    ]
    for child in runs:
        _, stderr = child.communicate(timeout=600)
        assert child.returncode == 0, stderr
        assert NOTICE not in stderr
    assert [out.read_bytes() for out in outs] == [warm.reference["boundaries"]] * 2
    (entry,) = cache.glob("*-counties-*.npz")
    read_entry(entry)
    assert not [p for p in cache.iterdir() if TEMP_NAME.match(p.name)]


WRITER = """
import sys
from pathlib import Path
from pairmap.geo.atomic import write_bytes_atomic
from pairmap.geo.cache import entry_bytes

path = Path(sys.argv[1])
for n in range(40):
    write_bytes_atomic(path, entry_bytes(bytes([n % 251]) * 4_000_000))
"""


def test_a_reader_never_sees_a_half_written_entry(tmp_path: Path) -> None:
    path = tmp_path / "entry.npz"
    with subprocess.Popen([sys.executable, "-c", WRITER, str(path)]) as writer:
        whole = 0
        while writer.poll() is None:
            try:
                payload = read_entry(path)
            except FileNotFoundError:
                continue
            assert len(payload) == 4_000_000 and payload.count(payload[:1]) == len(payload)
            whole += 1
        assert writer.returncode == 0
    assert whole > 0
    assert [p.name for p in tmp_path.iterdir()] == ["entry.npz"]


def test_temp_files_of_a_killed_run_go_when_the_cache_is_opened(
    warm: Warm, cache: Path, tmp_path: Path
) -> None:
    entry = sorted(cache.glob("*-topology-*.json"))[0]
    killed = textwrap.dedent(
        """
        import os, signal, sys
        from pathlib import Path
        from pairmap.geo.atomic import atomic_path
        with atomic_path(Path(sys.argv[1])) as tmp:
            tmp.write_bytes(b"pairmap-cache-entry 2 99999 0\\n" + b"{" * 5000)
            os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    child = subprocess.run([sys.executable, "-c", killed, str(entry)], capture_output=True)
    assert child.returncode == -signal.SIGKILL, child.stderr
    legacy_old = cache / f".{entry.name}.k2j3h4.json"  # the previous writer's temp names
    legacy_young = cache / f".{entry.name}.a1b2c3.json"
    for legacy in (legacy_old, legacy_young):
        legacy.write_bytes(b"{")
    hours_ago = time.time() - STALE_AFTER_SECONDS - 60
    os.utime(legacy_old, (hours_ago, hours_ago))
    assert len([p for p in cache.iterdir() if TEMP_NAME.match(p.name)]) == 1

    done = run("map", warm, cache, tmp_path)  # reads the cache, writes nothing to it
    assert NOTICE not in done.stderr
    assert not [p for p in cache.iterdir() if TEMP_NAME.match(p.name)]
    assert not legacy_old.exists()
    assert legacy_young.exists()
