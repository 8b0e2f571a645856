"""``pairmap build`` of a user's book file, through click's CliRunner: what the user sees."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from userbook import (
    BOOK,
    GX_NAME,
    GX_ROWS,
    GZ_NAME,
    SLUGS,
    contents,
    line_of,
    mtimes,
    replace_in,
    write_book,
)

from pairmap.maps.book import book_specs
from pairmap.maps.manifest import MANIFEST_NAME
from pairmap.scripts.cli import cli

SHIPPED = Path(__file__).resolve().parents[2] / "pairings" / "data"


def _build(*args: str) -> Result:
    return CliRunner().invoke(cli, ["build", *args])


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """The user book of :mod:`userbook` built once; its book file."""
    book = write_book(tmp_path / "work")
    result = _build("--book", str(book))
    assert result.exit_code == 0, result.output
    assert f"3 maps (3 written, 0 unchanged); open {book.parent / 'maps' / 'index.html'}" in (
        result.stdout
    )
    return book


# -- a wrong book: exit 1, the file, line and key named, nothing written ----------------

BOOK_ERRORS = {
    "unknown key": (
        ('title = "粤桂协作"', 'title = "粤桂协作"\ncolor = "group"'),
        'color = "group"',
        "key color in [[map]] #2: unknown key 'color'. Did you mean 'colour'?",
    ),
    "bad choice": (
        ('level = "county"', 'level = "town"'),
        'level = "town"',
        "key level in [defaults]: 'town' is not one of county, prefecture, province.",
    ),
    "glob matching nothing": (
        ('paths = ["gx_*.csv"]', 'paths = ["guangxi_*.csv"]'),
        'paths = ["guangxi_*.csv"]',
        "key paths in [tables.gx]: 'guangxi_*.csv' matches no file",
    ),
    "table the book lacks": (
        ('tables = ["gz"]', 'tables = ["guizhou"]'),
        'tables = ["guizhou"]',
        "key tables in [[map]] #3: no table is named 'guizhou'; the book's tables are: gx, gz.",
    ),
    "province the tables lack": (
        ('recipient_provinces = ["广西"]', 'recipient_provinces = ["西藏"]'),
        'recipient_provinces = ["西藏"]',
        "key recipient_provinces in [[map]] #2: No pair has a recipient in 西藏自治区",
    ),
    "filters leaving no pairs": (
        ('title = "粤桂协作"', 'title = "粤桂协作"\npair_level = "prefecture"'),
        'slug = "guangxi"',
        "key slug in [[map]] #2: draws no pairs after its filters",
    ),
}


@pytest.mark.parametrize("case", list(BOOK_ERRORS), ids=list(BOOK_ERRORS))
def test_a_wrong_book_names_file_line_and_key_and_writes_nothing(tmp_path: Path, case: str) -> None:
    (old, new), line, message = BOOK_ERRORS[case]
    book = write_book(tmp_path, book=BOOK.replace(old, new, 1))
    result = _build("--book", str(book))
    assert result.exit_code == 1, result.output
    number = line_of(book.read_text(encoding="utf-8"), line)
    assert f"Error: {book}, line {number}, {message}" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "maps").exists()


def test_a_book_broken_after_a_build_leaves_that_build_as_it_was(built: Path) -> None:
    out = built.parent / "maps"
    before = contents(out)
    replace_in(built, 'recipient_provinces = ["广西"]', 'recipient_provinces = ["西藏"]')
    result = _build("--book", str(built))
    assert result.exit_code == 1, result.output
    assert "key recipient_provinces in [[map]] #2" in result.stderr
    assert contents(out) == before


# -- a table with errors ------------------------------------------------------------------

BAD_ROWS = "高州市,不存在县,东西部协作,2021,2021,1000000,茂名日报 2022\n"
ZONE_ROW = "茂名火星开发区,忻城县,东西部协作,2021,2021,,茂名日报 2022\n"


def test_table_errors_stop_the_build_with_the_hint_and_write_nothing(tmp_path: Path) -> None:
    book = write_book(tmp_path, gx=GX_ROWS + BAD_ROWS + ZONE_ROW)
    result = _build("--book", str(book))
    assert result.exit_code == 1, result.output
    table = tmp_path / GX_NAME
    assert f"{table} row 5, column 'recipient': '不存在县'" in result.stderr
    assert f"{table} row 6, column 'donor': '茂名火星开发区' is a zone" in result.stderr
    # the first map to read that table is the one named, at its slug's line
    number = line_of(BOOK, 'slug = "all"')
    assert f"{book}, line {number}, key slug in [[map]] #1:" in result.stderr
    assert "set skip_invalid = true" in result.stderr
    assert not (tmp_path / "maps").exists()


def test_skip_invalid_builds_the_map_and_lists_each_skipped_row(tmp_path: Path) -> None:
    text = BOOK
    for title in ('title = "全部结对"', 'title = "粤桂协作"'):
        text = text.replace(title, f"{title}\nskip_invalid = true")
    book = write_book(tmp_path, book=text, gx=GX_ROWS + BAD_ROWS + ZONE_ROW)
    result = _build("--book", str(book))
    assert result.exit_code == 0, result.output
    table = tmp_path / GX_NAME
    for slug in ("all", "guangxi"):
        assert f"{slug}: 2 rows not drawn (skip_invalid):" in result.stderr
        skipped = [
            line.removeprefix(f"{slug}:   not drawn: ")
            for line in result.stderr.splitlines()
            if line.startswith(f"{slug}:   not drawn: ")
        ]
        assert [line.split(": ")[0] for line in skipped] == [f"{table} row 5", f"{table} row 6"]
        assert "recipient '不存在县'" in skipped[0] and "donor '茂名火星开发区'" in skipped[1]
        assert "is a zone" in skipped[1] and "donor_seat" in skipped[1]
    assert "guizhou: " not in result.stderr  # its table has no errors
    assert "built guangxi (3 flows): new" in result.stdout
    assert sorted(p.name for p in (tmp_path / "maps").glob("*.html")) == [
        "all.html",
        "guangxi.html",
        "guizhou.html",
        "index.html",
    ]


def test_the_terminal_says_a_pair_in_two_tables_was_drawn_once(tmp_path: Path) -> None:
    header = GX_ROWS.splitlines()[0]
    (tmp_path / "gx_2022.csv").write_text(
        f"{header}\n茂南区,金秀县,东西部协作,2021,2021,,茂名日报 2023\n", encoding="utf-8"
    )
    book = write_book(tmp_path)
    result = _build("--book", str(book))
    assert result.exit_code == 0, result.output
    for slug in ("all", "guangxi"):
        assert (
            f"{slug}: info: {tmp_path / 'gx_2022.csv'} row 2: the pair 茂南区 → 金秀县 is also "
            f"in {tmp_path / GX_NAME} row 2; drawn once, citing both sources" in result.stderr
        )
    assert "built guangxi (3 flows): new" in result.stdout


# -- building again: only what changed ---------------------------------------------------


def test_a_second_build_writes_nothing_and_touches_no_file(built: Path) -> None:
    out = built.parent / "maps"
    before = mtimes(out)
    result = _build("--book", str(built))
    assert result.exit_code == 0, result.output
    assert "3 maps (0 written, 3 unchanged): nothing changed since" in result.stdout
    assert mtimes(out) == before


def test_one_changed_figure_rebuilds_the_maps_drawing_that_row_and_shows_it(
    built: Path,
) -> None:
    out = built.parent / "maps"
    before = mtimes(out)
    replace_in(
        built.parent / GX_NAME,
        "茂南区,金秀县,东西部协作,2021,2021,3000000",
        "茂南区,金秀县,东西部协作,2021,2021,4000000",
    )
    result = _build("--book", str(built))
    assert result.exit_code == 0, result.output
    assert "built all (5 flows): its pairs changed\n" in result.stdout
    assert "built guangxi (3 flows): its pairs changed\n" in result.stdout
    assert "guizhou" not in result.stdout
    assert result.stdout.count("以来：新增 0 · 删除 0 · 变更 1") == 2
    assert result.stdout.count("~ 茂南区 → 金秀县") == 2
    assert result.stdout.count("帮扶资金 300万元 → 400万元") == 2
    assert "3 maps (2 written, 1 unchanged)" in result.stdout
    after = mtimes(out)
    changed = {name for name in before if after[name] != before[name]}
    # the gallery too: its two cards now carry the change badge
    assert changed == {"all.html", "guangxi.html", "index.html", MANIFEST_NAME}
    assert (out / "index.html").read_text(encoding="utf-8").count('class="changes"') == 2


def test_a_new_title_rebuilds_only_that_map(built: Path) -> None:
    out = built.parent / "maps"
    before = mtimes(out)
    replace_in(built, 'title = "粤黔协作"', 'title = "粤黔协作（2021年起）"')
    result = _build("--book", str(built))
    assert result.exit_code == 0, result.output
    assert "built guizhou (2 flows): its section of the book changed" in result.stdout
    assert "3 maps (1 written, 2 unchanged)" in result.stdout
    after = mtimes(out)
    # the gallery shows the new title too
    assert {name for name in before if after[name] != before[name]} == {
        "guizhou.html",
        "index.html",
        MANIFEST_NAME,
    }
    assert "粤黔协作（2021年起）" in (out / "guizhou.html").read_text(encoding="utf-8")


def test_a_deleted_page_is_built_again_alone(built: Path) -> None:
    out = built.parent / "maps"
    before = contents(out)
    (out / "guangxi.html").unlink()
    result = _build("--book", str(built))
    assert result.exit_code == 0, result.output
    assert "built guangxi (3 flows): a file of it was missing" in result.stdout
    assert "3 maps (1 written, 2 unchanged)" in result.stdout
    after = contents(out)
    assert after["guangxi.html"] == before["guangxi.html"]
    assert (
        after["all.html"] == before["all.html"] and after["guizhou.html"] == before["guizhou.html"]
    )


def test_force_draws_every_map_again_to_the_same_bytes(built: Path) -> None:
    out = built.parent / "maps"
    before = contents(out)
    result = _build("--book", str(built), "--force")
    assert result.exit_code == 0, result.output
    drawn = [line for line in result.stdout.splitlines() if line.startswith("built ")]
    assert [line.split(" (")[0] for line in drawn] == [f"built {slug}" for slug in SLUGS]
    assert all(line.endswith("): --force") for line in drawn)
    assert "3 maps (3 written, 0 unchanged)" in result.stdout
    after = contents(out)
    assert all(after[f"{slug}.html"] == before[f"{slug}.html"] for slug in SLUGS)


def test_a_new_file_matching_a_glob_adds_its_pairs_to_the_maps_reading_it(built: Path) -> None:
    header = GX_ROWS.splitlines()[0]
    row = "化州市,象州县,东西部协作,2021,2021,6000000,茂名日报 2022"
    (built.parent / "gx_2022.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    result = _build("--book", str(built))
    assert result.exit_code == 0, result.output
    drawn = [line.split(" (")[0] for line in result.stdout.splitlines() if line.startswith("built")]
    assert drawn == ["built all", "built guangxi"]
    assert "built guangxi (4 flows): its pairs changed" in result.stdout
    assert result.stdout.count("以来：新增 1 · 删除 0 · 变更 0") == 2
    assert result.stdout.count("+ 化州市 → 象州县") == 2


def test_a_table_touched_without_a_change_rebuilds_nothing(built: Path) -> None:
    out = built.parent / "maps"
    before = mtimes(out)
    table = built.parent / GX_NAME
    later = table.stat().st_mtime_ns + 3_600 * 10**9
    os.utime(table, ns=(later, later))
    result = _build("--book", str(built))
    assert result.exit_code == 0, result.output
    assert "(0 written, 3 unchanged): nothing changed since" in result.stdout
    assert mtimes(out) == before


def test_the_book_named_from_another_folder_is_the_same_build(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = built.parent / "maps"
    before = mtimes(out)
    monkeypatch.chdir(built.parent)  # `pairmap build` in the book's folder
    here = _build()
    assert here.exit_code == 0, here.output
    assert "3 maps (0 written, 3 unchanged): nothing changed since" in here.stdout
    monkeypatch.chdir(built.parent.parent)
    replace_in(built.parent / GZ_NAME, ",60000000,", ",70000000,")
    result = _build("--book", str(Path(built.parent.name) / built.name))
    assert result.exit_code == 0, result.output
    drawn = [line.split(" (")[0] for line in result.stdout.splitlines() if line.startswith("built")]
    assert drawn == ["built all", "built guizhou"]
    assert "3 maps (2 written, 1 unchanged)" in result.stdout
    assert mtimes(out)["guangxi.html"] == before["guangxi.html"]


# -- init, build, edit, build, in the tables' folder ------------------------------------


def test_init_then_build_in_the_folder_then_an_edit_rebuilds_what_it_touches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("seeds_2021_zhongshan_liupanshui.csv", "seeds_2022_maoming_laibin.csv"):
        shutil.copy(SHIPPED / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    init = CliRunner().invoke(cli, ["init"])
    assert init.exit_code == 0, init.output
    first = _build()
    assert first.exit_code == 0, first.output
    assert "3 maps (3 written, 0 unchanged); open maps/index.html" in first.stdout
    assert sorted(p.stem for p in (tmp_path / "maps").glob("*.html")) == [
        "all",
        "index",
        "seeds-2021-zhongshan-liupanshui",
        "seeds-2022-maoming-laibin",
    ]
    # 茂南区 → 金秀 (2016 round): 2,000,000, far below the book's largest figure
    table = tmp_path / "seeds_2022_maoming_laibin.csv"
    replace_in(table, ",2000000,", ",2500000,")
    second = _build()
    assert second.exit_code == 0, second.output
    built = [line.split(" (")[0] for line in second.stdout.splitlines() if line.startswith("built")]
    assert built == ["built all", "built seeds-2022-maoming-laibin"]
    assert second.stdout.count("帮扶资金 200万元 → 250万元") == 2
    assert "3 maps (2 written, 1 unchanged)" in second.stdout


def test_the_shipped_book_builds_where_no_book_file_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = _build("-o", "atlas")
    assert result.exit_code == 0, result.output
    slugs = [spec.slug for spec in book_specs()]
    assert len(slugs) == 11
    assert f"11 maps (11 written, 0 unchanged); open {Path('atlas') / 'index.html'}" in (
        result.stdout
    )
    assert sorted(p.stem for p in (tmp_path / "atlas").glob("*.html")) == sorted([*slugs, "index"])
    assert not (tmp_path / "maps").exists()
