"""What changed since the previous build: the panel's payload, the terminal's lines and
the gallery's badge, from a shipped table with one figure changed."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from pairmap.maps.book import BuiltMap, index_html
from pairmap.maps.changes import (
    MapChanges,
    changes_html,
    changes_lines,
    changes_part,
    since_date,
)
from pairmap.maps.flowmap import MapOptions, build_payload
from pairmap.maps.payload import serialise
from pairmap.pairings.diff import diff_pairs
from pairmap.pairings.shipped import shipped_tables
from pairmap.pairings.tables import read_tables

SINCE = "2026-11-30T14:02:11+00:00"
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def maoming() -> pd.DataFrame:
    """The shipped Maoming → Laibin table, resolved."""
    path = next(p for p in shipped_tables() if p.name == "seeds_2022_maoming_laibin.csv")
    read = read_tables(path)
    read.report.raise_for_errors()
    return read.pairs.reset_index(drop=True)


def funded_row(pairs: pd.DataFrame) -> int:
    """The first row with assistance funds."""
    return int(pairs.index[pairs["funds_cny"].notna()][0])


def one_figure_changed(pairs: pd.DataFrame) -> tuple[MapChanges, int]:
    """Changes from an old version whose first funded pair had 1.2 million less."""
    row = funded_row(pairs)
    old = pairs.copy()
    old.loc[row, "funds_cny"] = pairs.at[row, "funds_cny"] - 1_200_000
    return MapChanges(SINCE, diff_pairs(old, pairs)), row


def test_the_panel_lists_the_changed_figure_old_and_new_and_highlights_its_flow(
    maoming: pd.DataFrame,
) -> None:
    changes, row = one_figure_changed(maoming)
    part = changes_part(changes, maoming)
    assert part["since"] == "2026-11-30"
    assert part["counts"] == {"added": 0, "removed": 0, "changed": 1}
    (item,) = part["changed"]
    assert item["flow"] == row
    assert item["pair"].startswith(f"{maoming.at[row, 'donor']} → {maoming.at[row, 'recipient']}")
    assert item["details"] == ["帮扶资金 80万元 → 200万元"]  # the seed has 200万元
    assert part["highlight"] == [row]


def test_added_pairs_are_highlighted_and_removed_ones_listed_without_a_flow(
    maoming: pd.DataFrame,
) -> None:
    old = maoming.drop(index=[0])
    new = maoming.drop(index=[len(maoming) - 1])
    part = changes_part(MapChanges(SINCE, diff_pairs(old, new)), new.reset_index(drop=True))
    assert [i["flow"] for i in part["added"]] == [0]
    assert [i["flow"] for i in part["removed"]] == [-1]
    assert part["highlight"] == [0]


def test_approximate_marks_and_text_fields_are_shown(maoming: pd.DataFrame) -> None:
    row = funded_row(maoming)
    old, new = maoming.copy(), maoming.copy()
    old["approximate"] = [(("funds_cny",) if i == row else ()) for i in old.index]
    new.loc[row, "note"] = HOSTILE
    part = changes_part(MapChanges(SINCE, diff_pairs(old, new)), new, lang="en")
    (item,) = part["changed"]
    assert item["details"][0] == "assistance funds about CNY 2 million → CNY 2 million"
    assert item["details"][1].startswith("note ") and item["details"][1].endswith(f'"{HOSTILE}"')
    assert part["since"] == "30 Nov 2026"


def test_a_map_with_changes_carries_them_and_one_without_does_not(
    maoming: pd.DataFrame,
) -> None:
    changes, row = one_figure_changed(maoming)
    unchanged = MapChanges(SINCE, diff_pairs(maoming, maoming))
    payload = build_payload(maoming, options=MapOptions(changes=changes))
    assert payload["changes"] is not None and payload["changes"]["highlight"] == [row]
    assert build_payload(maoming, options=MapOptions(changes=unchanged))["changes"] is None
    assert build_payload(maoming, options=MapOptions())["changes"] is None


def test_table_text_in_the_payload_cannot_close_its_script(maoming: pd.DataFrame) -> None:
    new = maoming.copy()
    new.loc[0, "note"] = "</script>" + HOSTILE
    changes = MapChanges(SINCE, diff_pairs(maoming, new))
    payload = build_payload(new, options=MapOptions(changes=changes))
    text = serialise(payload)
    assert "</script>" not in text and "<img" not in text
    assert HOSTILE in json.dumps(json.loads(text)["changes"], ensure_ascii=False)


def test_the_terminal_lines_name_the_map_counts_and_figures(maoming: pd.DataFrame) -> None:
    changes, row = one_figure_changed(maoming)
    lines = changes_lines("seed-2022-maoming-laibin", changes, "zh")
    assert lines[0] == "seed-2022-maoming-laibin: 自 2026-11-30 以来：新增 0 · 删除 0 · 变更 1"
    assert lines[1].startswith(f"  ~ {maoming.at[row, 'donor']} → ")
    assert lines[2] == "      帮扶资金 80万元 → 200万元"
    english = changes_lines("m", changes, "en")
    assert english[0] == "m: since 30 Nov 2026: 0 added · 0 removed · 1 changed"
    assert english[2] == "      assistance funds CNY 800,000 → CNY 2 million"
    same = MapChanges(SINCE, diff_pairs(maoming, maoming))
    assert changes_lines("m", same, "en") == ["m: no changes since 30 Nov 2026"]


def test_control_characters_in_table_text_are_escaped_on_the_terminal(
    maoming: pd.DataFrame,
) -> None:
    new = maoming.copy()
    new.loc[0, "note"] = "清屏\x1b[2J之后"
    lines = changes_lines("m", MapChanges(SINCE, diff_pairs(maoming, new)))
    assert all("\x1b" not in line for line in lines)
    assert any("清屏\\x1b[2J之后" in line for line in lines), lines


def test_since_dates_read_in_each_language_and_other_text_is_kept() -> None:
    assert since_date("2026-01-05T09:00:00+08:00") == "2026-01-05"
    assert since_date("2026-01-05T09:00:00Z", lang="en") == "5 Jan 2026"
    assert since_date("last week") == "last week"


def test_the_gallery_badges_the_cards_with_changes_and_escapes_their_text(
    maoming: pd.DataFrame, tmp_path: Path
) -> None:
    new = maoming.copy()
    new.loc[0, "note"] = HOSTILE
    changes = MapChanges(SINCE, diff_pairs(maoming.drop(index=[1]), new))

    def built(slug: str, changes: MapChanges | None) -> BuiltMap:
        path = tmp_path / f"{slug}.html"
        return BuiltMap(slug, slug, "", path, len(new), new, 1000, True, changes=changes)

    page = index_html([built("a", changes), built("b", None)], title="我的<地图>集")
    assert page.count('<details class="changes">') == 1
    assert "<summary" in page and "+1 −0 ~1</summary>" in page
    assert "自 2026-11-30 以来：新增 1 · 删除 0 · 变更 1" in page
    assert HOSTILE not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<title>我的&lt;地图&gt;集</title>" in page and "<h1>我的&lt;地图&gt;集</h1>" in page
    assert changes_html(MapChanges(SINCE, diff_pairs(maoming, maoming))) == ""
