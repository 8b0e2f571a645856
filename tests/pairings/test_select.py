"""Selecting pairs: programmes, rounds, years, provinces by unit, level, tables; as data."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import pairmap
from pairmap.errors import SelectionError, UnknownLevelError
from pairmap.geo.levels import Level
from pairmap.pairings.select import Selection, parse_years, select_pairs

#: Two Guangdong donors (one with a county recipient), a Zhejiang donor without a
#: start year, and a pair that ended in 2020.
ROWS = {
    "帮扶方": ["茂南区", "信宜市", "宁波市", "广州市", "广东省"],
    "帮扶方所在市": ["茂名市", "茂名市", "", "", ""],
    "受援方": [
        "金秀瑶族自治县",
        "忻城县",
        "黔西南布依族苗族自治州",
        "黔南布依族苗族自治州",
        "广西壮族自治区",
    ],
    "协作类型": ["东西部协作", "东西部扶贫协作", "东西部协作", "东西部协作", "东西部扶贫协作"],
    "轮次": ["2021", "2016", "2021", "2021", "2016"],
    "开始年份": ["2021", "2016", "", "2021", "1996"],
    "结束年份": ["", "2020", "", "", ""],
}


@pytest.fixture(scope="module")
def pairs() -> pd.DataFrame:
    """The five pairs, read and resolved like any table."""
    return pairmap.read_pairings(pd.DataFrame(ROWS)).pairs


def donors(frame: pd.DataFrame) -> list[str]:
    return frame["donor"].tolist()


def test_no_field_keeps_every_pair_as_a_new_frame(pairs: pd.DataFrame) -> None:
    kept = select_pairs(pairs)
    assert donors(kept) == donors(pairs)
    assert kept is not pairs
    assert list(kept.dtypes) == list(pairs.dtypes)
    assert Selection().describe() == "all pairs"


def test_programmes_match_as_written_or_by_key(pairs: pd.DataFrame) -> None:
    assert donors(select_pairs(pairs, programmes=["东西部扶贫协作"])) == ["信宜市", "广东省"]
    assert donors(select_pairs(pairs, programmes=["east_west"])) == ["茂南区", "宁波市", "广州市"]


def test_rounds_accept_numbers_too(pairs: pd.DataFrame) -> None:
    assert donors(select_pairs(pairs, rounds=[2016])) == ["信宜市", "广东省"]


def test_years_keep_the_pairs_active_in_the_range(pairs: pd.DataFrame) -> None:
    assert donors(select_pairs(pairs, years="2021-2023")) == ["茂南区", "广州市", "广东省"]
    assert donors(select_pairs(pairs, years=2018)) == ["信宜市", "广东省"]
    assert donors(select_pairs(pairs, years=(2020, 2020))) == ["信宜市", "广东省"]
    assert donors(select_pairs(pairs, years=1990)) == []


def test_pairs_without_a_start_year_are_left_out_and_counted(pairs: pd.DataFrame) -> None:
    selection = Selection(years=2022)
    assert "宁波市" not in donors(selection.apply(pairs))
    assert selection.undated(pairs) == 1
    assert Selection(years=2022, donor_provinces=["广东"]).undated(pairs) == 0
    assert Selection().undated(pairs) == 0


@pytest.mark.parametrize("name", ["广东", "广东省", "440000"])
def test_provinces_match_by_unit_whatever_the_spelling(pairs: pd.DataFrame, name: str) -> None:
    assert donors(select_pairs(pairs, donor_provinces=[name])) == [
        "茂南区",
        "信宜市",
        "广州市",
        "广东省",
    ]


def test_recipient_provinces_and_several_fields_combine(pairs: pd.DataFrame) -> None:
    kept = select_pairs(pairs, donor_provinces=["广东"], recipient_provinces=["贵州"])
    assert donors(kept) == ["广州市"]
    kept = select_pairs(pairs, recipient_provinces=["广西", "贵州省"], rounds=["2021"])
    assert donors(kept) == ["茂南区", "宁波市", "广州市"]


def test_level_keeps_pairs_whose_both_ends_are_that_level_or_coarser(
    pairs: pd.DataFrame,
) -> None:
    assert donors(select_pairs(pairs, level="province")) == ["广东省"]
    assert donors(select_pairs(pairs, level=Level.PREFECTURE)) == ["宁波市", "广州市", "广东省"]
    assert donors(select_pairs(pairs, level="county")) == donors(pairs)


def test_tables_match_the_file_name(pairs: pd.DataFrame) -> None:
    shipped = pairmap.read_pairings(pairmap_data("seeds_2022_maoming_laibin.csv")).pairs
    both = pd.concat([shipped, pairs], ignore_index=True)
    kept = select_pairs(both, tables=["seeds_2022_maoming_laibin.csv"])
    assert donors(kept) == donors(shipped)


def pairmap_data(name: str) -> object:
    from pairmap.pairings.shipped import shipped_tables

    return next(path for path in shipped_tables() if path.name == name)


def test_an_unknown_programme_lists_the_tables_programmes(pairs: pd.DataFrame) -> None:
    with pytest.raises(SelectionError) as caught:
        select_pairs(pairs, programmes=["东西协作"])
    assert str(caught.value) == (
        "No pair has the programme '东西协作'; the pairs have: 东西部协作 (east_west), "
        "东西部扶贫协作 (east_west_poverty)."
    )


def test_an_unknown_round_or_table_lists_what_the_pairs_have(pairs: pd.DataFrame) -> None:
    with pytest.raises(SelectionError, match=r"round '2030'; the pairs have: 2016, 2021\."):
        select_pairs(pairs, rounds=["2030"])
    with pytest.raises(SelectionError, match=r"table 'x\.csv'; the pairs have: DataFrame"):
        select_pairs(pairs, tables=["x.csv"])


def test_a_province_the_pairs_lack_lists_their_provinces(pairs: pd.DataFrame) -> None:
    with pytest.raises(SelectionError) as caught:
        select_pairs(pairs, donor_provinces=["贵州"])
    assert str(caught.value) == (
        "No pair has a donor in 贵州省 (520000); the pairs' donor provinces are: "
        "浙江省 (330000), 广东省 (440000)."
    )


def test_a_name_that_is_no_province_says_so(pairs: pd.DataFrame) -> None:
    with pytest.raises(SelectionError, match=r"recipient province '广州' is not a province"):
        select_pairs(pairs, recipient_provinces=["广州"])


def test_a_bad_level_names_the_three(pairs: pd.DataFrame) -> None:
    with pytest.raises(UnknownLevelError, match="province, prefecture, county"):
        select_pairs(pairs, level="town")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2021, (2021, 2021)),
        ("2021", (2021, 2021)),
        ("2021-2023", (2021, 2023)),
        (" 2021 – 2023 ", (2021, 2023)),
        ([2016, 2020], (2016, 2020)),
        (None, None),
    ],
)
def test_years_are_read_as_a_first_and_last_year(
    value: object, expected: tuple[int, int] | None
) -> None:
    assert parse_years(value) == expected


@pytest.mark.parametrize("value", ["2023-2021", "21", "2021-", "twenty", True, 2021.0, [2021]])
def test_what_is_not_years_is_an_error(value: object) -> None:
    with pytest.raises(SelectionError, match="years"):
        parse_years(value)


def test_a_selection_is_plain_data_that_round_trips_through_json() -> None:
    selection = Selection(
        programmes="east_west",
        rounds=[2021],
        years="2021-2023",
        donor_provinces=["广东"],
        level="prefecture",
    )
    assert selection.rounds == ("2021",)
    assert selection.programmes == ("east_west",)
    assert selection.level is Level.PREFECTURE
    plain = json.loads(json.dumps(selection.to_dict(), ensure_ascii=False))
    assert plain == {
        "programmes": ["east_west"],
        "rounds": ["2021"],
        "years": [2021, 2023],
        "donor_provinces": ["广东"],
        "level": "prefecture",
    }
    assert Selection.from_dict(plain) == selection
    assert hash(Selection.from_dict(plain)) == hash(selection)
    assert selection.describe() == (
        "programmes east_west; rounds 2021; donor provinces 广东; active 2021–2023; "
        "both ends at prefecture level or above"
    )


def test_a_selection_from_a_dict_rejects_unknown_fields() -> None:
    with pytest.raises(SelectionError, match=r"'province'; the fields are programmes, rounds"):
        Selection.from_dict({"province": ["广东"]})


def test_the_api_selects_from_pairs_or_pairings(pairs: pd.DataFrame) -> None:
    pairings = pairmap.read_pairings(pd.DataFrame(ROWS))
    assert donors(pairmap.select(pairings, rounds=["2016"])) == ["信宜市", "广东省"]
    assert donors(pairmap.select(pairs, donor_provinces=["浙江"])) == ["宁波市"]
    chosen = pairings.select(years=2019)
    assert isinstance(chosen, pairmap.Pairings)
    assert donors(chosen.pairs) == ["信宜市", "广东省"]
    assert chosen.report is pairings.report
    assert pairmap.Selection is Selection
