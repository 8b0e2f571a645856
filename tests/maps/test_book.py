"""The default map book built from the shipped tables (built once per session)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from synthetic import page_payload

from pairmap.maps.book import GUANGDONG_GUANGXI, build_book, resolve_shipped
from pairmap.maps.style import width_scale_for
from pairmap.pairings.metrics import concat_pairs
from pairmap.pairings.repeats import merge_repeated_pairs
from pairmap.pairings.shipped import shipped_tables


@pytest.fixture(scope="module")
def book_dir(map_book: dict[str, Any]) -> Path:
    return next(iter(map_book.values())).path.parent


def test_every_map_is_in_the_gallery(map_book: dict[str, Any], book_dir: Path) -> None:
    index = (book_dir / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', index)
    assert links == [f"{slug}.html" for slug in map_book]
    for built in map_book.values():
        assert built.path.is_file()
        assert f"{built.n_flows} 条结对" in index
    assert "http" not in index


def test_each_map_embeds_exactly_the_pairs_it_reports(map_book: dict[str, Any]) -> None:
    for built in map_book.values():
        payload = page_payload(built.path.read_text(encoding="utf-8"))
        assert payload["n_flows"] == len(payload["flows"]["d"]) == len(built.pairs)
        assert built.n_flows == len(built.pairs) > 0, built.slug


def test_one_line_width_scale_serves_the_whole_book(map_book: dict[str, Any]) -> None:
    funds = [v for b in map_book.values() if "funds_cny" in b.pairs for v in b.pairs["funds_cny"]]
    scale = width_scale_for("funds_cny", funds)
    checked = 0
    for built in map_book.values():
        payload = page_payload(built.path.read_text(encoding="utf-8"))
        if payload["width_metric"] is None:
            continue
        for value, width in zip(built.pairs["funds_cny"], payload["flows"]["w"], strict=True):
            if value == value:  # not NaN
                assert width == scale.width(value), built.slug
                checked += 1
    assert checked >= 2


def test_the_county_map_draws_every_shipped_pair_within_two_megabytes(
    map_book: dict[str, Any],
) -> None:
    built = map_book["all-pairings-county"]
    tables = resolve_shipped()
    assert set(tables) == {path.name for path in shipped_tables()}
    every = concat_pairs([tables[name] for name in sorted(tables)])
    drawn_once, repeats = merge_repeated_pairs(every)
    # a pair listed alike in two tables is one flow citing both sources
    merged = [issue for issue in repeats if issue.severity == "info"]
    assert len(built.pairs) == len(drawn_once) == len(every) - len(merged) < len(every)
    assert built.path.stat().st_size <= 2_000_000


def test_guangdong_guangxi_shows_jinxiu_and_its_two_donors(map_book: dict[str, Any]) -> None:
    pairs = map_book[GUANGDONG_GUANGXI].pairs
    assert (pairs["donor_province_adcode"] == "440000").all()
    assert (pairs["recipient_province_adcode"] == "450000").all()
    assert set(pairs.loc[pairs["recipient"] == "金秀瑶族自治县", "donor"]) == {"茂南区", "电白区"}


def test_the_intra_provincial_map_reaches_the_town_pair(map_book: dict[str, Any]) -> None:
    pairs = map_book["guangdong-intra"].pairs
    towns = pairs[(pairs["donor"] == "龙江镇") & (pairs["recipient"] == "岗坪镇")]
    assert len(towns) == 1
    assert {"纵向帮扶", "横向帮扶"} <= set(pairs["program"])


def test_rebuilding_rewrites_nothing(map_book: dict[str, Any], book_dir: Path) -> None:
    before = {p.name: p.read_bytes() for p in book_dir.glob("*.html")}
    again = build_book(book_dir)
    assert not any(item.written for item in again)
    assert {p.name: p.read_bytes() for p in book_dir.glob("*.html")} == before


def test_the_guangdong_guangxi_legend_names_the_jinxiu_group_in_its_own_line_colour(
    map_book: dict[str, Any],
) -> None:
    built = map_book[GUANGDONG_GUANGXI]
    payload = page_payload(built.path.read_text(encoding="utf-8"))
    (section,) = [s for s in payload["legend"]["sections"] if s["kind"] == "group"]
    item = next(i for i in section["items"] if i["label"] == "茂名→金秀组团")
    assert item["members"] == "茂南区、电白区 → 金秀瑶族自治县"
    in_group = built.pairs.index[built.pairs["group"] == "茂名→金秀组团"]
    assert set(built.pairs.loc[in_group, "recipient"]) == {"金秀瑶族自治县"}
    flows, colours = payload["flows"], payload["colours"]
    assert {colours["drawn"][flows["c"][i]] for i in in_group} == {item["colour"]}
    assert item["colour"] not in colours["colours"]
