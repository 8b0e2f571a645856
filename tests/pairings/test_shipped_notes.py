"""The shipped tables' notes are Chinese, like the interface that shows them."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from pairmap.pairings.shipped import shipped_tables

#: Latin tokens a Chinese note may hold: shipped table file names, and units or
#: acronyms written in Latin letters in Chinese text.
ALLOWED = re.compile(r"^(?:[a-z0-9_]+\.csv|km|kg|MW|GDP|CNY|URL)$")

#: A run of Latin letters (with the characters that join a word or a file name).
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*[A-Za-z0-9]|[A-Za-z]")


def latin_words(text: str) -> list[str]:
    """The Latin words of ``text`` that :data:`ALLOWED` does not let through."""
    return [word for word in LATIN_WORD.findall(text) if not ALLOWED.match(word)]


def test_latin_words_are_found_and_allowed_tokens_pass() -> None:
    assert latin_words("donor is a devzone; 画在济南市") == ["donor", "is", "a", "devzone"]
    assert latin_words("来自参考表（east_west_national.csv）") == []
    assert latin_words("面积5.12万亩，GDP") == []


@pytest.mark.parametrize("table", shipped_tables(), ids=lambda path: Path(path).name)
def test_every_note_of_a_shipped_table_is_chinese(table: Path) -> None:
    with Path(table).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    column = next(c for c in ("note", "notes", "备注") if c in rows[0])
    english = [
        (number, words)
        for number, row in enumerate(rows, start=2)
        if (words := latin_words(row[column] or ""))
    ]
    assert english == [], f"{Path(table).name}: English in the {column} column (row, words)"
