"""Building a user's book file (:func:`maps.bookbuild.build_from_book`) into real files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from synthetic import page_payload
from userbook import BOOK, GX_NAME, GX_ROWS, GZ_NAME, contents, replace_in, write_book

import pairmap.maps.bookbuild as bookbuild
from pairmap.maps.bookbuild import BookBuild, build_from_book
from pairmap.maps.bookfile import read_book
from pairmap.maps.bookinputs import BuildSettings, book_files
from pairmap.maps.manifest import MANIFEST_NAME, read_manifest


def _build(book_path: Path, **settings: Any) -> BookBuild:
    book = read_book(book_path)
    out = book.folder / book.output
    return build_from_book(book, out, book_files(book), settings=BuildSettings(**settings))


def _payload(book_path: Path, slug: str) -> dict[str, Any]:
    return page_payload((book_path.parent / "maps" / f"{slug}.html").read_text(encoding="utf-8"))


def _flows(payload: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Each drawn flow as (donor, recipient, source text), from the page's payload."""
    flows, strings = payload["flows"], payload["strings"]
    return [
        (strings[d], strings[r], strings[s] if s >= 0 else "")
        for d, r, s in zip(flows["dn"], flows["rn"], flows["src"], strict=True)
    ]


# -- a pair in two tables ------------------------------------------------------------------

MORE_ROWS = """donor,recipient,program,round,start_year,funds_cny,source
中山市,六盘水市,东西部协作,2021,2021,,中山日报 2022
"""

MERGE_BOOK = """title = "粤黔"

[tables.gz]
paths = ["gz.csv"]

[tables.more]
paths = ["more.csv"]

[[map]]
slug = "guizhou"
title = "粤黔协作"
"""


@pytest.fixture
def merged(tmp_path: Path) -> tuple[Path, BookBuild]:
    book = write_book(tmp_path, book=MERGE_BOOK)
    (tmp_path / "more.csv").write_text(MORE_ROWS, encoding="utf-8")
    return book, _build(book)


def test_a_pair_in_two_tables_is_drawn_once_citing_both(merged: tuple[Path, BookBuild]) -> None:
    book, done = merged
    payload = _payload(book, "guizhou")
    assert _flows(payload) == [
        ("中山市", "六盘水市", "新快报 2021；中山日报 2022"),
        ("广州市", "黔南布依族苗族自治州", "新快报 2021"),
    ]
    assert payload["flows"]["m"]["funds_cny"] == [90_000_000.0, 60_000_000.0]
    (note,) = done.notes["guizhou"]
    assert note == (
        f"info: {book.parent / 'more.csv'} row 2: the pair 中山市 → 六盘水市 is also in "
        f"{book.parent / GZ_NAME} row 2; drawn once, citing both sources; funds_cny from "
        f"{book.parent / GZ_NAME} row 2."
    )


def test_the_footer_names_both_tables_of_a_merged_pair(merged: tuple[Path, BookBuild]) -> None:
    book, _ = merged
    assert _payload(book, "guizhou")["title"]["sources"] == [GZ_NAME, "more.csv"]


# -- seats ---------------------------------------------------------------------------------


def test_book_seats_place_a_zone_written_without_its_seat(tmp_path: Path) -> None:
    zone = "茂名火星开发区,忻城县,东西部协作,2021,2021,,茂名日报 2022\n"
    text = BOOK.replace("[defaults]", '[seats]\n"茂名火星开发区" = "茂名市"\n\n[defaults]')
    book = write_book(tmp_path, book=text, gx=GX_ROWS + zone)
    done = _build(book)
    assert done.rebuilt == {"all": "new", "guangxi": "new", "guizhou": "new"}
    payload = _payload(book, "guangxi")
    assert ("茂名火星开发区", "忻城县", "茂名日报 2022") in _flows(payload)
    nodes = payload["nodes"]
    at = nodes["adcode"].index("440900")
    assert nodes["name"][at] == "茂名市" and nodes["aliases"][at] == ["茂名火星开发区"]


# -- skip_invalid ----------------------------------------------------------------------------

BAD_ROWS = (
    "高州市,不存在县,东西部协作,2021,2021,1000000,茂名日报 2022\n"
    "茂名火星开发区,忻城县,东西部协作,2021,2021,,茂名日报 2022\n"
)


@pytest.fixture
def skipped(tmp_path: Path) -> Path:
    text = BOOK.replace('title = "粤桂协作"', 'title = "粤桂协作"\nskip_invalid = true')
    text = text.replace('title = "全部结对"', 'title = "全部结对"\ntables = ["gz"]')
    return write_book(tmp_path, book=text, gx=GX_ROWS + BAD_ROWS)


def test_skip_invalid_lists_the_rows_left_out_in_the_map(skipped: Path) -> None:
    done = _build(skipped)
    payload = _payload(skipped, "guangxi")
    assert len(payload["flows"]["d"]) == 3
    rows = payload["not_drawn"]
    # the page names the file only, not the folders of this machine
    assert [row["where"] for row in rows] == [f"{GX_NAME} row 5", f"{GX_NAME} row 6"]
    assert "'不存在县'" in rows[0]["why"] and "'茂名火星开发区'" in rows[1]["why"]
    html = (skipped.parent / "maps" / "guangxi.html").read_text(encoding="utf-8")
    assert str(skipped.parent) not in html
    assert done.notes["guangxi"][0] == "2 rows not drawn (skip_invalid):"
    assert _payload(skipped, "guizhou")["not_drawn"] == []


@pytest.mark.browser
def test_the_footer_says_how_many_rows_were_not_drawn(skipped: Path, recording_page: Any) -> None:
    _build(skipped)
    page = recording_page.open(skipped.parent / "maps" / "guangxi.html")
    box = page.locator(".pairmap-footer .pairmap-not-drawn")
    assert box.locator("summary").inner_text().startswith("2 行未绘制")
    box.locator("summary").click()
    items = box.locator("li").all_inner_texts()
    assert len(items) == 2
    assert f"{GX_NAME} row 5" in items[0] and "不存在县" in items[0]
    assert f"{GX_NAME} row 6" in items[1] and "茂名火星开发区" in items[1]
    assert recording_page.console_errors == []


# -- what is rebuilt and why -----------------------------------------------------------------


def test_a_new_largest_figure_redraws_every_map_sharing_the_scale(tmp_path: Path) -> None:
    book = write_book(tmp_path)
    _build(book)
    assert _width_legend(_payload(book, "guangxi")) == ["500万元", "2500万元", "5000万元"]
    replace_in(tmp_path / GZ_NAME, ",90000000,", ",180000000,")
    done = _build(book)
    scale = "the book's line-width scale changed (its largest figure)"
    assert done.rebuilt == {
        "all": f"its pairs changed; {scale}",
        "guangxi": scale,
        "guizhou": f"its pairs changed; {scale}",
    }
    # the 粤桂 figures did not change, but the legend of line widths did
    assert _width_legend(_payload(book, "guangxi")) == ["1000万元", "5000万元", "1亿元"]


def _width_legend(payload: dict[str, Any]) -> list[str]:
    (section,) = [s for s in payload["legend"]["sections"] if s["kind"] == "width"]
    return [item["label"] for item in section["items"]]


def test_a_build_is_deterministic_across_folders(tmp_path: Path) -> None:
    first, second = write_book(tmp_path / "a"), write_book(tmp_path / "b")
    _build(first)
    _build(second)
    pages = [contents(book.parent / "maps") for book in (first, second)]
    for name in ("all.html", "guangxi.html", "guizhou.html", "index.html"):
        assert pages[0][name] == pages[1][name]


# -- an interrupted build ----------------------------------------------------------------


def test_an_interrupted_build_leaves_the_last_build_and_the_next_one_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = write_book(tmp_path)
    _build(book)
    out = tmp_path / "maps"
    before = contents(out)
    replace_in(tmp_path / GX_NAME, ",3000000,", ",4000000,")  # drawn by all and guangxi

    drawn: list[str] = []
    real = bookbuild.map_html

    def dies_on_the_second_map(pairs: Any, *, options: Any) -> str:
        drawn.append(options.title)
        if len(drawn) == 2:
            raise KeyboardInterrupt
        return real(pairs, options=options)

    monkeypatch.setattr(bookbuild, "map_html", dies_on_the_second_map)
    with pytest.raises(KeyboardInterrupt):
        _build(book)
    monkeypatch.undo()
    assert drawn == ["全部结对", "粤桂协作"]
    after = contents(out)
    assert sorted(after) == sorted(before)  # no half-written or temporary file
    for name in ("guangxi.html", "guizhou.html", "index.html", MANIFEST_NAME):
        assert after[name] == before[name], name
    # the one page written before the stop is whole (written atomically)
    assert page_payload(after["all.html"].decode("utf-8"))["n_flows"] == 5

    done = _build(book)
    assert done.rebuilt == {"all": "its pairs changed", "guangxi": "its pairs changed"}
    manifest = read_manifest(out)
    for slug in ("all", "guangxi"):
        figures = _payload(book, slug)["flows"]["m"]["funds_cny"]
        assert 4_000_000.0 in figures and 3_000_000.0 not in figures
        diff = manifest.maps[slug].diff()
        assert diff is not None and len(diff.changed) == 1 and not diff.added + diff.removed
        (change,) = diff.changed[0].changes
        assert (change.field, change.old, change.new) == ("funds_cny", 3_000_000, 4_000_000)
        assert diff.changed[0].record["donor"] == "茂南区"
    assert _build(book).rebuilt == {}
