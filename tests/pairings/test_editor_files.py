"""Editors' lock, swap and temporary files are told apart from tables by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from pairmap.pairings.editor_files import is_editor_temp


@pytest.mark.parametrize(
    "name",
    [
        "~$pairs.xlsx",
        ".~lock.pairs.xlsx#",
        ".pairs.csv.swp",
        "pairs.csv~",
        ".#pairs.csv",
        "#pairs.csv#",
        "lu2981x.tmp",
        ".goutputstream-ABC123",
        "4913",
    ],
)
def test_editor_files_are_recognised(name: str) -> None:
    assert is_editor_temp(name)
    assert is_editor_temp(Path("tables") / name)


@pytest.mark.parametrize(
    "name", ["pairs.csv", "pairs.xlsx", "粤桂 2024.csv", "pairs~2.csv", "tmp.csv", "4913.csv"]
)
def test_tables_are_not_editor_files(name: str) -> None:
    assert not is_editor_temp(name)
    assert not is_editor_temp(Path(".~lock.folder#") / name), "only the name counts"
