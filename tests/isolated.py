"""Run the ``pairmap`` command line in a child process with a time and memory cap.

Each run is a real process forked from a server that has imported pairmap once
(``multiprocessing``'s forkserver), so hundreds of hostile inputs can each get their
own process, address-space limit and timeout without paying the import cost each time.
The child's standard output and error are the real file descriptors 1 and 2, captured
to files, so whatever pairmap or a library prints reaches the test.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import resource
import sys
import tempfile
import traceback
from dataclasses import dataclass
from multiprocessing.context import ForkServerContext
from pathlib import Path

#: Modules the fork server imports once, so each child starts warm.
PRELOAD = [
    "pairmap.scripts.cli",
    "pairmap.scripts.check",
    "pairmap.scripts.map",
    "pandas",
    "geopandas",
    "openpyxl",
]

#: Exit status of a child whose command raised an exception nobody caught.
UNCAUGHT = 99

_context: ForkServerContext | None = None


@dataclass(frozen=True)
class Outcome:
    """What one run printed and how it ended."""

    argv: tuple[str, ...]
    returncode: int | None
    stdout: bytes
    stderr: bytes
    timed_out: bool

    @property
    def text(self) -> str:
        """Standard output and error together, decoded leniently, for messages."""
        return (self.stdout + b"\n" + self.stderr).decode("utf-8", "replace")


def _forkserver() -> ForkServerContext:
    global _context
    if _context is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        _context = context
    return _context


def _child(argv: list[str], cwd: str, out_path: str, err_path: str, memory: int) -> None:
    """Body of the child: cap memory, wire stdio to files, run the CLI, exit with its code."""
    os.chdir(cwd)
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    stdin = os.open(os.devnull, os.O_RDONLY)
    os.dup2(stdin, 0)
    for fd, path in ((1, out_path), (2, err_path)):
        target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, fd)
        os.close(target)
    sys.stdin = io.TextIOWrapper(open(0, "rb", closefd=False), encoding="utf-8")  # noqa: SIM115
    sys.stdout = io.TextIOWrapper(open(1, "wb", closefd=False), encoding="utf-8")  # noqa: SIM115
    sys.stderr = io.TextIOWrapper(open(2, "wb", closefd=False), encoding="utf-8")  # noqa: SIM115
    code = _run_cli(argv)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # the exit code already says what happened
            stream.flush()
    os._exit(code)


def _run_cli(argv: list[str]) -> int:
    from pairmap.scripts.cli import cli

    try:
        cli.main(args=argv, prog_name="pairmap", standalone_mode=True)
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except BaseException:  # report exactly what a user would see
        traceback.print_exc()
        return UNCAUGHT
    return 0


def run_pairmap(
    argv: list[str],
    *,
    cwd: Path,
    timeout: float = 60.0,
    memory: int = 2 * 1024**3,
) -> Outcome:
    """Run ``pairmap ARGV`` in a child with ``memory`` bytes of address space.

    The child is killed after ``timeout`` seconds (``timed_out`` is then true and
    ``returncode`` is None).
    """
    captured = Path(tempfile.mkdtemp(prefix="pairmap-run-"))
    out_path, err_path = captured / "stdout", captured / "stderr"
    process = _forkserver().Process(
        target=_child, args=(argv, str(cwd), str(out_path), str(err_path), memory)
    )
    process.start()
    process.join(timeout)
    timed_out = process.is_alive()
    if timed_out:
        process.kill()
        process.join()
    outcome = Outcome(
        argv=tuple(argv),
        returncode=None if timed_out else process.exitcode,
        stdout=out_path.read_bytes() if out_path.exists() else b"",
        stderr=err_path.read_bytes() if err_path.exists() else b"",
        timed_out=timed_out,
    )
    for path in (out_path, err_path):
        path.unlink(missing_ok=True)
    captured.rmdir()
    return outcome
