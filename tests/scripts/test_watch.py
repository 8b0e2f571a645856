"""Watching a book's folder: one rebuild per save, real files changed on disk.

Each test runs the watcher in a thread on a ``tmp_path`` folder and records the calls
of ``rebuild``. "Nothing else was rebuilt" is checked without timing: a sentinel table
is saved afterwards, and the next call must name only the sentinel (a stray rebuild
would come before it or be merged into it).
"""

from __future__ import annotations

import glob
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pairmap.errors import BookFileError, UnknownPlaceError
from pairmap.scripts._watch import book_relevance, live_book_relevance, watch_and_rebuild

WAIT_S = 60  # generous: the test machine is shared and loaded
PATTERNS = ("tables/*.csv", "**/*.xlsx")


@dataclass
class Watching:
    """A watcher running in a thread, and what it did."""

    folder: Path
    calls: queue.Queue[set[Path]] = field(default_factory=queue.Queue)
    lines: list[str] = field(default_factory=list)
    sentinels: int = 0

    def next_call(self) -> set[Path]:
        """The paths of the next rebuild (waits for it)."""
        return self.calls.get(timeout=WAIT_S)

    def assert_nothing_else(self) -> None:
        """Save a sentinel table: the next rebuild must be for it alone."""
        self.sentinels += 1
        sentinel = self.folder / "tables" / f"sentinel-{self.sentinels}.csv"
        sentinel.write_text("donor,recipient\n", encoding="utf-8")
        assert self.next_call() == {sentinel}


@contextmanager
def watching(
    folder: Path,
    *,
    relevant: Callable[[Path], bool] | None = None,
    ignore: tuple[Path, ...] = (),
    errors: tuple[Exception, ...] = (),
    rebuild_started: threading.Event | None = None,
    rebuild_may_end: threading.Event | None = None,
    debounce_ms: int = 300,
) -> Iterator[Watching]:
    """Run :func:`watch_and_rebuild` on ``folder`` until the block ends.

    ``errors`` are raised by the first rebuilds, one each. ``rebuild_started`` is set
    when the first rebuild begins, which then waits for ``rebuild_may_end``.
    """
    folder = folder.resolve()
    (folder / "tables").mkdir(exist_ok=True)
    state = Watching(folder)
    planned = list(errors)
    started, stop = threading.Event(), threading.Event()

    def rebuild(paths: set[Path]) -> None:
        state.calls.put(set(paths))
        if rebuild_started is not None and not rebuild_started.is_set():
            rebuild_started.set()
            assert rebuild_may_end is not None and rebuild_may_end.wait(WAIT_S)
        if planned:
            raise planned.pop(0)

    def echo(line: str) -> None:
        state.lines.append(line)
        if line.startswith("watching "):
            started.set()

    thread = threading.Thread(
        target=watch_and_rebuild,
        args=(folder, rebuild),
        kwargs={
            "relevant": relevant or book_relevance(folder, PATTERNS, book=folder / "pairmap.toml"),
            "ignore": ignore,
            "stop": stop,
            "debounce_ms": debounce_ms,
            "echo": echo,
        },
        daemon=True,
    )
    thread.start()
    try:
        assert started.wait(WAIT_S), state.lines
        yield state
    finally:
        stop.set()
        thread.join(WAIT_S)
    assert not thread.is_alive()
    assert state.lines[-1] == "stopped watching"


def test_a_saved_table_is_rebuilt_once(tmp_path: Path) -> None:
    table = tmp_path / "tables" / "pairs.csv"
    with watching(tmp_path) as w:
        assert w.lines[0] == (
            f"watching {tmp_path.resolve()} for changes to the book and its tables; Ctrl-C to stop"
        )
        table.write_text("donor,recipient\n广州市,毕节市\n", encoding="utf-8")
        assert w.next_call() == {table}
        assert "changed: tables/pairs.csv" in w.lines
        with table.open("a", encoding="utf-8") as file:  # an edit, written in two parts
            file.write("深圳市,")
            file.flush()
            file.write("河池市\n")
        assert w.next_call() == {table}
        w.assert_nothing_else()


def test_output_folder_irrelevant_files_and_lock_files_trigger_nothing(tmp_path: Path) -> None:
    out = tmp_path / "maps"
    out.mkdir()
    with watching(tmp_path, ignore=(out,)) as w:
        (out / "all.xlsx").write_bytes(b"matches **/*.xlsx, but is output")
        (out / "sub").mkdir()
        (out / "sub" / "index.html").write_text("<html>", encoding="utf-8")
        (tmp_path / "notes.md").write_text("not a table", encoding="utf-8")
        (tmp_path / "tables" / "pairs.txt").write_text("not *.csv", encoding="utf-8")
        (tmp_path / "~$pairs.xlsx").write_bytes(b"Excel's owner file")
        (tmp_path / ".~lock.pairs.xlsx#").write_text("LibreOffice", encoding="utf-8")
        (tmp_path / "tables" / ".pairs.csv.swp").write_bytes(b"vim")
        (tmp_path / "tables" / "pairs.csv~").write_text("backup", encoding="utf-8")
        (tmp_path / "tables" / ".#pairs.csv").write_text("emacs", encoding="utf-8")
        w.assert_nothing_else()


def test_a_failed_rebuild_is_reported_and_the_next_save_still_rebuilds(tmp_path: Path) -> None:
    table = tmp_path / "tables" / "pairs.csv"
    error = UnknownPlaceError(
        "pairs.csv row 2, column 'recipient': no unit is named '毕节'.", name="毕节"
    )
    with watching(tmp_path, errors=(error,)) as w:
        table.write_text("donor,recipient\n广州市,毕节\n", encoding="utf-8")
        assert w.next_call() == {table}
        table.write_text("donor,recipient\n广州市,毕节市\n", encoding="utf-8")
        assert w.next_call() == {table}
        w.assert_nothing_else()
    assert f"Error: {error}" in w.lines
    assert "still watching: fix it and save again (Ctrl-C to stop)" in w.lines


def test_a_failed_rebuild_is_retried_by_a_save_of_the_same_bytes(tmp_path: Path) -> None:
    book = tmp_path / "pairmap.toml"
    with watching(tmp_path, errors=(BookFileError("pairmap.toml: line 3 ..."),)) as w:
        book.write_text("title = 'x'\n", encoding="utf-8")
        assert w.next_call() == {book}
        book.write_text("title = 'x'\n", encoding="utf-8")  # e.g. after fixing a table
        assert w.next_call() == {book}


def test_saving_unchanged_bytes_rebuilds_nothing(tmp_path: Path) -> None:
    table = tmp_path / "tables" / "pairs.csv"
    with watching(tmp_path) as w:
        table.write_text("donor,recipient\n", encoding="utf-8")
        assert w.next_call() == {table}
        table.write_text("donor,recipient\n", encoding="utf-8")
        w.assert_nothing_else()


def test_an_atomic_replace_rebuilds_once(tmp_path: Path) -> None:
    table = tmp_path / "tables" / "pairs.csv"
    table.parent.mkdir()
    table.write_text("donor,recipient\n", encoding="utf-8")
    with watching(tmp_path) as w:
        lock = tmp_path / "tables" / ".~lock.pairs.csv#"
        lock.write_text("me", encoding="utf-8")
        temp = tmp_path / "tables" / "lu2981x.tmp"
        temp.write_text("donor,recipient\n广州市,毕节市\n", encoding="utf-8")
        os.replace(temp, table)
        lock.unlink()
        assert w.next_call() == {table}
        w.assert_nothing_else()


def test_a_workbook_saved_by_rename_rebuilds_once_when_it_is_back(tmp_path: Path) -> None:
    book = tmp_path / "data" / "pairs.xlsx"
    book.parent.mkdir()
    book.write_bytes(b"old workbook")
    with watching(tmp_path, debounce_ms=100) as w:
        new, old = book.parent / "A1B2C3D4", book.parent / "A1B2C3D5"
        new.write_bytes(b"new workbook")  # Excel: write new, rename old away, rename new
        os.rename(book, old)
        # longer than the quiet spell: without the grace for vanished tables this
        # would be a rebuild of a missing file, then another
        time.sleep(0.5)
        os.rename(new, book)
        old.unlink()
        assert w.next_call() == {book}
        w.assert_nothing_else()


def test_a_deleted_table_that_stays_away_is_rebuilt(tmp_path: Path) -> None:
    table = tmp_path / "tables" / "pairs.csv"
    table.parent.mkdir()
    table.write_text("donor,recipient\n", encoding="utf-8")
    with watching(tmp_path) as w:
        table.unlink()
        assert w.next_call() == {table}
        w.assert_nothing_else()


def test_a_replaced_book_is_rebuilt_once(tmp_path: Path) -> None:
    book = tmp_path / "pairmap.toml"
    book.write_text("title = 'old'\n", encoding="utf-8")
    with watching(tmp_path) as w:
        os.rename(book, tmp_path / "pairmap.toml~")  # vim: backup by rename, write anew
        book.write_text("title = 'new'\n", encoding="utf-8")
        assert w.next_call() == {book}
        w.assert_nothing_else()


def test_a_save_during_a_rebuild_rebuilds_after_it(tmp_path: Path) -> None:
    first, second = tmp_path / "tables" / "a.csv", tmp_path / "tables" / "b.csv"
    began, may_end = threading.Event(), threading.Event()
    with watching(tmp_path, rebuild_started=began, rebuild_may_end=may_end) as w:
        first.write_text("donor,recipient\n", encoding="utf-8")
        assert began.wait(WAIT_S)
        second.write_text("donor,recipient\n", encoding="utf-8")
        may_end.set()
        assert w.next_call() == {first}
        assert w.next_call() == {second}
        w.assert_nothing_else()


BOOK = """\
output = "maps"

[tables.main]
paths = [{paths}]

[[map]]
slug = "all"
title = "All pairs"
"""


def test_live_relevance_follows_the_tables_the_book_names(tmp_path: Path) -> None:
    book = tmp_path / "pairmap.toml"
    book.write_text(BOOK.format(paths='"a.csv"'), encoding="utf-8")
    relevant = live_book_relevance(book)
    assert relevant(book) and relevant(tmp_path / "a.csv")
    assert not relevant(tmp_path / "new" / "b.csv")
    book.write_text(BOOK.format(paths='"a.csv", "new/*.csv", "**/*.xlsx"'), encoding="utf-8")
    os.utime(book, ns=(1, 1))  # a new stamp even where the clock is coarse
    assert relevant(tmp_path / "new" / "b.csv") and relevant(tmp_path / "x" / "c.xlsx")
    assert not relevant(tmp_path / "maps" / "c.xlsx"), "the output folder never counts"
    book.write_text("output = [\n", encoding="utf-8")  # a typo being fixed
    assert relevant(book) and relevant(tmp_path / "new" / "b.csv")


def test_live_relevance_in_a_watcher(tmp_path: Path) -> None:
    book = tmp_path / "pairmap.toml"
    book.write_text(BOOK.format(paths='"tables/a.csv"'), encoding="utf-8")
    added = tmp_path / "tables" / "added.csv"
    added.parent.mkdir()
    added.write_text("donor,recipient\n", encoding="utf-8")
    with watching(tmp_path, relevant=live_book_relevance(book)) as w:
        book.write_text(BOOK.format(paths='"tables/*.csv"'), encoding="utf-8")
        assert w.next_call() == {book}
        added.write_text("donor,recipient\n广州市,毕节市\n", encoding="utf-8")
        assert w.next_call() == {added}
        w.assert_nothing_else()


TREE = (
    "pairs.csv", "pairs.xlsx", ".hidden.xlsx", "tables/a.csv", "tables/b.csv",
    "tables/pq.csv", "tables/deep/c.csv", "tables/deep/er/d.xlsx", "other/a.csv",
    "tables/a.csv.bak", ".git/x.xlsx", "tables/.old/e.csv", "tables/.f.csv",
)  # fmt: skip


@pytest.mark.parametrize(
    "pattern",
    [
        "pairs.csv", "./pairs.csv", "tables/*.csv", "**/*.xlsx", "tables/**/*.csv",
        "t*/p?.csv", "*/[ab].csv", "tables/../pairs.csv", "tables/.*.csv", "**/*.csv",
        "tables/**", ".git/*.xlsx",
    ],
)  # fmt: skip
def test_relevance_matches_what_glob_finds(tmp_path: Path, pattern: str) -> None:
    folder = tmp_path / "[2024] 结对"  # brackets in the book's folder are no pattern
    for name in TREE:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x", encoding="utf-8")
    relevant = book_relevance(folder, [pattern], book=folder / "pairmap.toml")
    found = {os.path.normpath(name) for name in TREE if relevant(folder / name)}
    globbed = glob.glob(pattern, root_dir=folder, recursive=True)
    assert found == {os.path.normpath(n) for n in globbed if (folder / n).is_file()}
    assert found and relevant(folder / "pairmap.toml")


def test_relevance_counts_missing_files_and_never_editor_files(tmp_path: Path) -> None:
    relevant = book_relevance(tmp_path, ["*.xlsx"], book=tmp_path / "pairmap.toml")
    assert relevant(tmp_path / "gone.xlsx")
    assert not relevant(tmp_path / "~$gone.xlsx")
    assert not relevant(tmp_path / "sub" / "gone.xlsx")


CTRL_C_SCRIPT = """
import sys
from pathlib import Path
from pairmap.scripts._watch import book_relevance, watch_and_rebuild

def echo(line):
    print(line, flush=True)

folder = Path(sys.argv[1])
relevant = book_relevance(folder, ["*.csv"], book=folder / "pairmap.toml")
watch_and_rebuild(folder, lambda paths: None, relevant=relevant, echo=echo)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT is how POSIX sends Ctrl-C")
def test_ctrl_c_ends_cleanly(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", CTRL_C_SCRIPT, str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    assert first.startswith("watching "), first + process.stderr.read()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=WAIT_S)
    assert process.returncode == 0, err
    assert out.strip() == "stopped watching" and "Traceback" not in err


def test_a_table_that_is_a_link_is_still_the_table(tmp_path: Path) -> None:
    elsewhere = tmp_path / "shared" / "pairs.csv"
    elsewhere.parent.mkdir()
    elsewhere.write_text("donor,recipient\n", encoding="utf-8")
    folder = tmp_path / "book"
    folder.mkdir()
    (folder / "pairs.csv").symlink_to(elsewhere)
    (tmp_path / "alias").symlink_to(folder)
    relevant = book_relevance(tmp_path / "alias", ["*.csv"], book=folder / "pairmap.toml")
    assert relevant(folder / "pairs.csv") and relevant(tmp_path / "alias" / "pairs.csv")
    assert relevant(tmp_path / "alias" / "pairmap.toml")
    assert not relevant(elsewhere)
