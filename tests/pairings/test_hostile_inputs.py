"""Every hostile input or condition, and every corpus file, through ``check`` and ``map``.

Each run is a real child process with a time and memory cap (``tests/isolated.py``).
Whatever the input, pairmap ends with a clear message or a correct result: an expected
exit code, no traceback, no hang, nothing written or overwritten when it fails, and no
raw terminal control sequence from the table in what it prints.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from hostile_cases import CASES, HostileCase
from isolated import Outcome, run_pairmap

CORPUS = Path(__file__).resolve().parent / "corpus"

#: Bytes a table could use to drive a terminal: ESC, BEL, C1 CSI, bidi overrides.
RAW_CONTROLS = (b"\x1b", b"\x07", b"\xc2\x9b", b"\xe2\x80\xae", b"\xe2\x81\xa6")

SENTINEL = "an earlier map that must survive a failed run\n"


@pytest.fixture(scope="module", autouse=True)
def warm_boundary_cache() -> None:
    """Prepare the boundary layers once, so no child pays the first-run preparation."""
    from pairmap.geo.boundaries import load_anchors

    load_anchors()


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too) with a digest of its content."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def command_line(command: str, args: list[str], folder: Path) -> list[str]:
    """The argv of one run: ``check``, ``map`` over a sentinel output, or ``map`` as built."""
    if command == "check":
        return ["check", *args]
    if command == "map":
        output = folder / "out" / "map.html"
        output.parent.mkdir(exist_ok=True)
        output.write_text(SENTINEL, encoding="utf-8")
        return ["map", *args, "-o", str(output), "--overwrite"]
    return ["map", *args]


def assert_well_behaved(outcome: Outcome, *, codes: frozenset[int]) -> None:
    """The invariants every run shares, whatever its input."""
    assert not outcome.timed_out, f"{outcome.argv[:3]} hung"
    assert b"Traceback" not in outcome.stderr, outcome.text
    assert outcome.returncode in codes, outcome.text
    for control in RAW_CONTROLS:
        assert control not in outcome.stdout + outcome.stderr, (control, outcome.text)


def run_case(case: HostileCase, command: str, folder: Path) -> Outcome:
    args = case.build(folder)
    argv = command_line(command, args, folder)
    before = snapshot(folder)
    outcome = run_pairmap(argv, cwd=folder, timeout=case.timeout, memory=case.memory)
    assert_well_behaved(outcome, codes=case.codes)
    if outcome.returncode != 0:
        assert snapshot(folder) == before, "a failed run wrote or changed files"
    if case.says is not None:
        assert case.says in outcome.text
    return outcome


@pytest.mark.parametrize(
    ("case", "command"),
    [pytest.param(c, cmd, id=f"{c.name}-{cmd}") for c in CASES for cmd in c.commands],
)
def test_hostile_case(case: HostileCase, command: str, tmp_path: Path) -> None:
    run_case(case, command, tmp_path)


CORPUS_FILES = sorted(p for p in CORPUS.iterdir() if p.is_file()) if CORPUS.exists() else []


@pytest.mark.parametrize("path", CORPUS_FILES, ids=[p.name for p in CORPUS_FILES])
@pytest.mark.parametrize("command", ["check", "map"])
def test_corpus_file(path: Path, command: str, tmp_path: Path) -> None:
    """A corpus file ends in a report or a map, never a traceback; a failed map writes nothing."""
    shutil.copy(path, tmp_path / path.name)
    argv = command_line(command, [path.name], tmp_path)
    before = snapshot(tmp_path)
    outcome = run_pairmap(argv, cwd=tmp_path, timeout=120.0)
    assert_well_behaved(outcome, codes=frozenset({0, 1, 2}))
    output = tmp_path / "out" / "map.html"
    if outcome.returncode == 0 and command == "map":
        page = output.read_text(encoding="utf-8")
        assert page.rstrip().endswith("</html>")
    elif outcome.returncode != 0:
        assert snapshot(tmp_path) == before, "a failed run wrote or changed files"
