"""``pairmap init``: a commented book file for the tables in a folder, accepted by build."""

from __future__ import annotations

import tomllib
from pathlib import Path

from click.testing import CliRunner

from pairmap.maps.bookfile import read_book
from pairmap.scripts.cli import cli

DATA = Path(__file__).resolve().parents[2] / "pairings" / "data"


def test_init_writes_a_book_naming_every_table(tmp_path: Path) -> None:
    (tmp_path / "粤桂 2024.csv").write_bytes((DATA / "seeds_2022_maoming_laibin.csv").read_bytes())
    (tmp_path / "notes.md").write_text("# not a table", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    book_path = tmp_path / "pairmap.toml"
    text = book_path.read_text(encoding="utf-8")
    assert text.startswith("# pairmap book")
    assert tomllib.loads(text)["tables"]
    book = read_book(book_path)
    assert [t.paths for t in book.tables] == [("粤桂 2024.csv",)]
    assert [m.slug for m in book.maps] == ["all", "2024"]
    assert book.maps[1].title == "粤桂 2024"


def test_init_keeps_an_existing_book_and_refuses_an_empty_folder(tmp_path: Path) -> None:
    book = tmp_path / "pairmap.toml"
    book.write_text("# mine\n", encoding="utf-8")
    kept = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert kept.exit_code == 2 and "--overwrite" in kept.stderr
    assert book.read_text(encoding="utf-8") == "# mine\n"
    empty = CliRunner().invoke(cli, ["init", str(tmp_path), "--overwrite"])
    assert empty.exit_code == 2 and "holds no .csv" in empty.stderr
