"""Book files (pairmap.toml): checked whole, errors naming file, line and key with the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from pairmap.errors import BookFileError
from pairmap.maps.bookfile import read_book

GOOD = """title = "我们的地图"

[tables.main]
paths = ["pairs_*.csv"]
columns = { donor = "帮扶单位" }

[tables.extra]
paths = "extra.xlsx"
sheet = "2024"

[seats]
"火炬开发区" = "中山市"

[defaults]
level = "prefecture"
basemap = "osm"

[[map]]
slug = "all"
title = "全部"

[[map]]
slug = "gd-gx"
title = "广东 → 广西"
tables = ["main"]
donor_provinces = ["广东"]
recipient_provinces = "广西"
years = [2021, 2023]
level = "county"
exports = ["png", "pptx"]
skip_invalid = true
"""


def _book(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pairmap.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_book_is_read_with_defaults_filled_in(tmp_path: Path) -> None:
    book = read_book(_book(tmp_path, GOOD))
    assert [t.name for t in book.tables] == ["main", "extra"]
    assert book.tables[0].columns == {"donor": "帮扶单位"} and book.tables[1].sheet == "2024"
    assert book.seats == {"火炬开发区": "中山市"}
    first, second = book.maps
    assert first.tables == ("main", "extra") and first.filters == {}
    assert first.settings["level"] == "prefecture" and first.settings["basemap"] == "osm"
    assert second.settings["level"] == "county" and second.settings["skip_invalid"] is True
    assert second.settings["exports"] == ("html", "png", "pptx")
    assert second.filters == {
        "donor_provinces": ("广东",),
        "recipient_provinces": ("广西",),
        "years": (2021, 2023),
    }


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (
            ('level = "county"', 'level = "town"'),
            29,
            ["key level in [[map]] #2", "'town'", "province"],
        ),
        (("years = [2021, 2023]", "years = [2023, 2021]"), 28, ["key years", "[2021, 2023]"]),
        (
            ('tables = ["main"]', 'tables = ["mian"]'),
            25,
            ["no table is named 'mian'", "main, extra"],
        ),
        (('slug = "gd-gx"', 'slug = "all"'), 23, ["also the slug of [[map]] #1", "own"]),
        (('slug = "gd-gx"', 'slug = "GD GX"'), 23, ["lowercase letters"]),
        (('basemap = "osm"', 'basemap = "google"'), 16, ["[defaults]", "'google'", "tianditu"]),
        (("skip_invalid = true", 'skip_invalid = "yes"'), 31, ["true or false"]),
        (
            ('exports = ["png", "pptx"]', 'exports = ["gif"]'),
            30,
            ["'gif'", "html, png, pdf, svg, pptx"],
        ),
        (('sheet = "2024"', 'shet = "2024"'), 9, ["unknown key 'shet'", "Did you mean 'sheet'"]),
    ],
)
def test_errors_name_the_file_line_and_key(
    tmp_path: Path, change: tuple[str, str], line: int, words: list[str]
) -> None:
    path = _book(tmp_path, GOOD.replace(*change))
    with pytest.raises(BookFileError) as caught:
        read_book(path)
    message = str(caught.value)
    assert message.startswith(f"{path}, line {line}, "), message
    for word in words:
        assert word in message


def test_broken_toml_and_missing_parts(tmp_path: Path) -> None:
    with pytest.raises(BookFileError, match="not valid TOML"):
        read_book(_book(tmp_path, 'title = "x\n'))
    with pytest.raises(BookFileError, match=r"key tables .*paths = \["):
        read_book(_book(tmp_path, "[[map]]\nslug='a'\ntitle='a'\n"))
    with pytest.raises(BookFileError, match=r"key map .*\[\[map\]\] section"):
        read_book(_book(tmp_path, "[tables.main]\npaths=['a.csv']\n"))
    with pytest.raises(BookFileError, match="cannot read the book file"):
        read_book(tmp_path / "missing.toml")
