"""Output paths of ``map``, ``build``, ``boundaries`` and ``new-table`` on a real file system.

Each unwritable place gives one line on stderr naming the path and the fix, exit
status 2 and nothing left behind. Tests run as root, where permission bits do not
stop a write: read-only folders and full disks are real tmpfs mounts (skipped, with
the reason, where the kernel refuses to mount), and ``/proc`` and ``/sys`` stand for
places nobody can write. Commands run as real subprocesses, as a user runs them.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from pairmap.geo.atomic import TEMP_NAME
from pairmap.scripts.cli import cli

TABLE = "帮扶方,受援方,帮扶方所在市,协作类型,轮次\n茂南区,金秀瑶族自治县,茂名市,东西部协作,2021\n"

#: Output name and arguments of each command that writes, given the output path.
COMMANDS: dict[str, tuple[str, Callable[[Path, Path], list[str]]]] = {
    "map": ("m.html", lambda table, out: ["map", str(table), "-o", str(out)]),
    "boundaries": (
        "b.geojson",
        lambda table, out: [
            "boundaries",
            "--level",
            "province",
            "--province",
            "宁夏",
            "-o",
            str(out),
        ],
    ),
    "new-table": ("t.xlsx", lambda table, out: ["new-table", str(out)]),
    "build": ("book", lambda table, out: ["build", "-o", str(out)]),
}

MountTmpfs = Callable[[str, str], Path]

#: Every output error ends with one of these fixes.
FIXES = ("choose", "create it or pass --mkdir", "free some space", "pass --overwrite")


def pairmap(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the ``pairmap`` command line in a child process."""
    code = "from pairmap.scripts.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "200"},
    )


def message_lines(stderr: str) -> list[str]:
    """The lines of stderr, progress bars left out."""
    lines = stderr.replace("\r", "\n").splitlines()
    return [line for line in lines if line.strip() and "%|" not in line]


def assert_one_line_error(run: subprocess.CompletedProcess[str], *fragments: str) -> str:
    """Exit 2, no traceback, one line on stderr holding every fragment; return that line."""
    assert run.returncode == 2, (run.returncode, run.stderr)
    assert "Traceback" not in run.stderr
    lines = message_lines(run.stderr)
    assert len(lines) == 1, lines
    (line,) = lines
    assert line.startswith("Error: ")
    for fragment in fragments:
        assert fragment in line, (fragment, line)
    return line


def listing(folder: Path) -> dict[str, int]:
    """Every path under ``folder`` with its size (folders as -1)."""
    return {
        str(path.relative_to(folder)): -1 if path.is_dir() else path.stat().st_size
        for path in sorted(folder.rglob("*"))
    }


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "pairs.csv"
    path.write_text(TABLE, encoding="utf-8")
    return path


@pytest.fixture
def mount_tmpfs(tmp_path: Path) -> Iterator[MountTmpfs]:
    """Mount a tmpfs with the given options on a new folder; unmounted afterwards."""
    mounted: list[Path] = []

    def mount(name: str, options: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        if shutil.which("mount") is None:
            pytest.skip("no mount command: read-only and full-disk cases need a tmpfs")
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "pairmap-test", str(folder)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            pytest.skip(f"the kernel refused a tmpfs mount ({done.stderr.strip()})")
        mounted.append(folder)
        return folder

    yield mount
    for folder in reversed(mounted):
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill_up(folder: Path, *, leave: int) -> None:
    """Fill ``folder``'s tmpfs until ``leave`` bytes (whole pages) are free."""
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    (folder / "filler").write_bytes(b"\0" * (free - leave))
    stats = os.statvfs(folder)
    assert 0 < stats.f_bavail * stats.f_frsize <= leave


# Places checked before any work: one line, exit 2, nothing created.


def _parent_is_a_file(tmp_path: Path, name: str, mount: MountTmpfs) -> tuple[Path, str]:
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    return blocker / name, f"{blocker} is a file, not a folder"


def _missing_folder(tmp_path: Path, name: str, mount: MountTmpfs) -> tuple[Path, str]:
    folder = tmp_path / "missing" / "deeper"
    return folder / name, f"folder {folder} does not exist; create it or pass --mkdir."


def _read_only_folder(tmp_path: Path, name: str, mount: MountTmpfs) -> tuple[Path, str]:
    folder = mount("ro", "size=64k,ro")
    return folder / name, f"{folder} is on a read-only file system; choose a folder"


def _proc(tmp_path: Path, name: str, mount: MountTmpfs) -> tuple[Path, str]:
    return Path("/proc") / name, f"cannot write /proc/{name}: "  # ENOENT on Linux


def _sys(tmp_path: Path, name: str, mount: MountTmpfs) -> tuple[Path, str]:
    return Path("/sys") / name, f"cannot write /sys/{name}: "  # EACCES, or EROFS if mounted so


def _name_too_long(tmp_path: Path, name: str, mount: MountTmpfs) -> tuple[Path, str]:
    long_name = "结对" * 50 + name  # 300 bytes and more
    return tmp_path / long_name, "bytes long, more than the 255 allowed; choose a shorter name."


PLACES = {
    "parent-is-a-file": _parent_is_a_file,
    "missing-folder": _missing_folder,
    "read-only-folder": _read_only_folder,
    "proc": _proc,
    "sys": _sys,
    "name-too-long": _name_too_long,
}


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("command", COMMANDS)
def test_an_unwritable_place_is_one_line_before_any_work(
    command: str, place: str, table: Path, tmp_path: Path, mount_tmpfs: MountTmpfs
) -> None:
    name, arguments = COMMANDS[command]
    out, expected = PLACES[place](tmp_path, name, mount_tmpfs)
    before = listing(tmp_path)
    run = pairmap(*arguments(table, out))
    line = assert_one_line_error(run, expected)
    assert str(out.parent) in line or place == "name-too-long"
    assert any(fix in line for fix in FIXES), line
    assert listing(tmp_path) == before
    assert not os.path.lexists(out) or place == "proc"


@pytest.mark.parametrize("command", ["map", "boundaries", "new-table"])
def test_an_output_that_is_a_folder_or_a_device_is_refused(
    command: str, table: Path, tmp_path: Path
) -> None:
    name, arguments = COMMANDS[command]
    folder = tmp_path / name
    folder.mkdir()
    assert_one_line_error(pairmap(*arguments(table, folder)), f"{folder} is a folder")
    fifo = tmp_path / f"fifo{Path(name).suffix}"
    os.mkfifo(fifo)
    assert_one_line_error(
        pairmap(*arguments(table, fifo), "--overwrite"), f"{fifo} is not a regular file"
    )


def test_a_book_folder_that_is_a_file_is_refused(table: Path) -> None:
    assert_one_line_error(pairmap("build", "-o", str(table)), f"{table} is a file, not a folder")
    assert table.read_text(encoding="utf-8") == TABLE


def test_an_existing_output_needs_overwrite_in_one_line(table: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    out.write_text("keep me", encoding="utf-8")
    assert_one_line_error(
        pairmap("map", str(table), "-o", str(out)), f"{out} exists; pass --overwrite"
    )
    assert out.read_text(encoding="utf-8") == "keep me"


# A full disk: found while writing, after the work.


@pytest.mark.parametrize(
    ("command", "name"),
    [
        ("map", "m.html"),
        ("boundaries", "b.geojson"),
        ("boundaries", "b.gpkg"),
        ("boundaries", "b.topojson"),
        ("new-table", "t.xlsx"),
    ],
)
def test_a_full_disk_is_one_line_and_the_old_file_stays(
    command: str, name: str, table: Path, mount_tmpfs: MountTmpfs
) -> None:
    disk = mount_tmpfs("small", "size=64k")
    out = disk / name
    out.write_bytes(b"the previous output")
    fill_up(disk, leave=4096)
    before = listing(disk)
    run = pairmap(*COMMANDS[command][1](table, out), "--overwrite")
    if name.endswith(".gpkg"):  # GDAL may only say its transaction failed
        assert_one_line_error(run, f"cannot write {out}: ")
    else:
        assert_one_line_error(run, f"cannot write {out}: no space left on the disk holding {disk}")
    assert listing(disk) == before
    assert out.read_bytes() == b"the previous output"


def test_a_full_disk_stops_the_book_and_leaves_no_temp_files(
    table: Path, mount_tmpfs: MountTmpfs
) -> None:
    disk = mount_tmpfs("small", "size=64k")
    fill_up(disk, leave=4096)
    run = pairmap("build", "-o", str(disk / "book"))
    assert_one_line_error(run, f"cannot write {disk / 'book'}: no space left on the disk")
    assert sorted(listing(disk)) == ["filler"]  # the book folder it made is gone again


# --mkdir


def test_mkdir_creates_the_folders_and_removes_them_when_the_run_fails(
    table: Path, tmp_path: Path
) -> None:
    out = tmp_path / "a" / "b" / "m.html"
    result = CliRunner().invoke(cli, ["map", str(table), "-o", str(out), "--mkdir"])
    assert result.exit_code == 0, result.output
    assert out.is_file()

    bad = tmp_path / "bad.csv"
    bad.write_text("donor,recipient\n不存在区,金秀\n", encoding="utf-8")
    failed = tmp_path / "c" / "d" / "m.html"
    result = CliRunner().invoke(cli, ["map", str(bad), "-o", str(failed), "--mkdir"])
    assert result.exit_code == 1
    assert not (tmp_path / "c").exists()


def test_new_table_takes_mkdir(tmp_path: Path) -> None:
    out = tmp_path / "x" / "y" / "t.csv"
    result = CliRunner().invoke(cli, ["new-table", str(out), "--mkdir"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbfdonor,")


# Temp files of a killed run


def test_the_next_run_removes_a_killed_runs_temp_file(tmp_path: Path) -> None:
    killed = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from pairmap.geo.atomic import atomic_path\n"
        "with atomic_path(Path(sys.argv[1])) as tmp:\n"
        "    tmp.write_bytes(b'<html>' * 10000)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", killed, str(tmp_path / "map.html")], capture_output=True
    )
    assert child.returncode == -signal.SIGKILL
    (left,) = (p for p in tmp_path.iterdir() if TEMP_NAME.match(p.name))
    assert not (tmp_path / "map.html").exists()

    run = pairmap("new-table", str(tmp_path / "t.csv"))
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]
    assert not left.exists()


# Options that do not apply, and tables given twice


def test_fill_metric_without_a_metric_is_a_usage_error(table: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    result = CliRunner().invoke(cli, ["map", str(table), "-o", str(out), "--fill", "metric"])
    assert result.exit_code == 2
    assert "'--fill'" in result.output and "--metric" in result.output
    assert not out.exists()


@pytest.mark.parametrize("command", ["check", "map"])
def test_sheet_on_csv_tables_only_is_a_usage_error(
    command: str, table: Path, tmp_path: Path
) -> None:
    out = ["-o", str(tmp_path / "m.html")] if command == "map" else []
    result = CliRunner().invoke(cli, [command, str(table), *out, "--sheet", "2021"])
    assert result.exit_code == 2, result.output
    assert "'--sheet'" in result.output and "drop --sheet" in result.output
    assert not (tmp_path / "m.html").exists()


def test_sheet_with_a_workbook_among_the_tables_reads_its_sheet(
    table: Path, tmp_path: Path
) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "2021"
    sheet.append(["donor", "recipient"])
    sheet.append(["电白区", "金秀瑶族自治县"])
    book = tmp_path / "more.xlsx"
    workbook.save(book)
    result = CliRunner().invoke(cli, ["check", str(book), "--sheet", "2021"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, ["check", str(table), str(book), "--sheet", "2021"])
    assert "Usage:" not in result.output  # not refused as a whole; the CSV is named
    assert f"read {book} [2021]: 1 row" in result.output
    assert f"{table}: " in result.output


def _same_table_twice(tmp_path: Path, table: Path) -> list[tuple[list[str], str]]:
    """Ways to name one table twice, with what the error must name."""
    folder = tmp_path / "tables"
    folder.mkdir()
    inside = folder / "pairs.csv"
    inside.write_text(TABLE, encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(table)
    hard = tmp_path / "hard.csv"
    os.link(table, hard)
    return [
        ([str(table), str(table)], f"the table {table} is given twice"),
        ([str(table), table.name], f"(as {table} and as {table.name})"),  # run in tmp_path
        ([str(table), str(link)], f"as {table} and as {link}"),
        ([str(table), str(hard)], f"as {table} and as {hard}"),
        ([str(folder), str(folder)], f"the folder {folder} is given twice"),
        ([str(folder), str(inside)], f"the table {inside} is given twice"),
    ]


@pytest.mark.parametrize("command", ["check", "map"])
def test_the_same_table_twice_is_a_usage_error(
    command: str, table: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "m.html"
    for arguments, expected in _same_table_twice(tmp_path, table):
        extra = ["-o", str(out)] if command == "map" else []
        result = CliRunner().invoke(cli, [command, *arguments, *extra])
        assert result.exit_code == 2, (arguments, result.output)
        assert expected in result.output, (expected, result.output)
        assert "drawn twice" in result.output
        assert not out.exists()
