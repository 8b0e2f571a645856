"""Corpus files about figures: units in headers and unit rows, approximate amounts, ranges,
visits, merged amount cells, placeholders, years written as dates or spans, and amounts or
totals out of range. Each gives exactly its messages; good ones give the right numbers."""

from __future__ import annotations

import math

import pytest
from corpus_cases import Case, E, N, W, check_case, read_case, run_case

RANGE = (
    "is a range, not one figure; write the one figure the source gives (约2500万 for an "
    "estimate, 2000余万 for “more than 2000万”), or split the row."
)
OUT_OF_RANGE = (
    "is out of range: no amount or count can exceed 1e+16 (1亿亿); check the number and its unit."
)
MAPPED = {"donor": "帮扶单位", "recipient": "结对县", "funds_cny": "援助金额（万元）"}
OWN_UNIT_YI = (
    "writes its own unit (亿元) in a column whose header gives 万元; the cell's unit wins: "
    "read as 167,750,000 元. Write a plain number in 万元 to match the header."
)


def placeholder_name(side: str) -> str:
    return (
        f"is a placeholder for “no value”, not a name; write the {side}'s name, or delete "
        "the row if it has none."
    )


PLACEHOLDER_SIDES = ("donor", "recipient", "donor", "recipient", "donor")
PLACEHOLDER = "is a placeholder for “no value”; read as blank."


def date_notice(year: int) -> str:
    return f"is a date; read as its year, {year}. Write the year alone to silence this notice."


CASES: dict[str, Case] = {
    # a unit in a header mapped by hand scales the column, however it was mapped
    "unit_in_mapped_header.csv": Case(
        rows=2,
        resolved=2,
        columns=MAPPED,
        issues=[(W, "own_unit", 3, "funds_cny")],
        messages=[OWN_UNIT_YI],
    ),
    "unit_in_columns_file_header.csv": Case(
        rows=2,
        resolved=2,
        columns_file="funds_in_wan.toml",
        issues=[(W, "own_unit", 3, "funds_cny")],
        messages=[OWN_UNIT_YI],
    ),
    "extra_unit_scaled.csv": Case(rows=2, resolved=2),
    "visits_header_units.csv": Case(
        rows=2,
        resolved=2,
        issues=[(E, "unit_kind", None, "jobs")],
        messages=[
            "the unit 人次 counts visits (人次), not people or things; a count of visits "
            "belongs in the visits column (--column visits=HEADER), not in jobs."
        ],
    ),
    "header_unit_wrong_kind.csv": Case(
        rows=1,
        resolved=1,
        issues=[(E, "unit_kind", None, "jobs"), (E, "unit_kind", None, "schools")],
        messages=[
            "the unit 万元 is money but jobs holds a count of people or things; map the "
            "column to the right metric or correct the unit.",
            "the unit 人次 counts visits (人次), not people or things; a count of visits "
            "belongs in the visits column (--column visits=HEADER), not in schools.",
        ],
    ),
    "unitless_small_money.csv": Case(
        rows=2,
        resolved=2,
        issues=[(W, "unitless_small_amounts", None, "consumption_cny")],
        messages=[
            "has no unit in its header and every plain number in it is below 100,000, while "
            "'帮扶资金（万元）' is in 万元; they are read as yuan. If they are in 万元 too, "
            "write the unit in the header (消费帮扶（万元）)."
        ],
    ),
    "unit_row_scaled.csv": Case(rows=2, resolved=2, issues=[(W, "unit_row", 2, None)]),
    # approximate amounts as the seed reports write them; ranges are refused
    "approximate_amounts.csv": Case(rows=3, resolved=3),
    "amount_ranges.csv": Case(
        rows=3,
        issues=[
            (E, "bad_amount", 2, "funds_cny"),
            (E, "bad_amount", 3, "funds_cny"),
            (E, "bad_amount", 4, "funds_cny"),
            (E, "bad_amount", 4, "jobs"),
        ],
        messages=[RANGE] * 4,
    ),
    # visits are not people
    "visits_not_persons.csv": Case(
        rows=3,
        resolved=2,
        issues=[(E, "bad_amount", 2, "jobs")],
        messages=[
            "counts visits ('人次'), not people or things; put it in the visits column "
            "(游客人次), or write the number of people without 人次."
        ],
    ),
    # numbers beyond any real amount, and sums that would be
    "amount_out_of_range.csv": Case(
        rows=3,
        issues=[
            (E, "amount_out_of_range", 2, "funds_cny"),
            (E, "amount_out_of_range", 3, "社会捐款"),
            (E, "amount_out_of_range", 4, "funds_cny"),
        ],
        messages=[OUT_OF_RANGE] * 3,
    ),
    "total_out_of_range.csv": Case(
        rows=5,
        resolved=1,
        issues=[
            (E, "total_out_of_range", 2, "funds_cny"),
            (E, "total_out_of_range", 4, "funds_cny"),
        ],
        messages=[
            "the funds_cny figures of rows 2, 3 (pair 中山市 → 六盘水市) add up to 1.7e+16, "
            "beyond 1e+16 (1亿亿), which no total can reach; check their numbers and units.",
            "the funds_cny figures of rows 4, 5 (group 茂名组团) add up to 1.1e+16, "
            "beyond 1e+16 (1亿亿), which no total can reach; check their numbers and units.",
        ],
    ),
    # merged amount cells: one figure for the rows they span
    "merged_amount.xlsx": Case(
        rows=4,
        resolved=4,
        sheet="结对",
        issues=[(N, "merged_figure", 3, "funds_cny"), (N, "merged_group", 3, "group")],
        messages=[
            "merged over rows 3–5: stored once, on row 3, as the group's total (the other "
            "rows of the merged cell are left blank).",
            "rows 3–5 share a merged figure, so they form one group: '合并第3–5行' is "
            "written in their group column. Give them a group id (组团) of your own to name it.",
        ],
    ),
    # placeholders for “no value”
    "placeholder_parties.csv": Case(
        rows=6,
        resolved=1,
        issues=[
            (E, "placeholder_name", 2, "donor"),
            (E, "placeholder_name", 3, "recipient"),
            (E, "placeholder_name", 4, "donor"),
            (E, "placeholder_name", 5, "recipient"),
            (E, "placeholder_name", 6, "donor"),
        ],
        messages=[placeholder_name(side) for side in PLACEHOLDER_SIDES],
    ),
    "placeholder_figures.csv": Case(
        rows=2,
        resolved=2,
        issues=[
            (N, "placeholder", 2, "start_year"),
            (N, "placeholder", 2, "funds_cny"),
            (N, "placeholder", 2, "jobs"),
            (N, "placeholder", 3, "funds_cny"),
        ],
        messages=[PLACEHOLDER] * 4,
    ),
    # years written as spans or dates
    "year_spans_and_dates.csv": Case(
        rows=4,
        resolved=2,
        issues=[
            (E, "bad_year", 2, "start_year"),
            (E, "bad_year", 3, "end_year"),
            (N, "date_as_year", 4, "start_year"),
            (N, "date_as_year", 4, "end_year"),
            (N, "date_as_year", 5, "start_year"),
        ],
        messages=[
            "is a span of years; put 2016 in start_year and 2020 in end_year.",
            "is a span of years; put 2018 in start_year and 2020 in end_year.",
            date_notice(2016),
            date_notice(2020),
            date_notice(2021),
        ],
    ),
    "year_as_date.xlsx": Case(
        rows=2,
        resolved=2,
        sheet="结对",
        # a date cell formatted yyyy reads as the year Excel shows (pairings/_xlsx.py)
    ),
}

#: Cases that need a field of ``RawTable`` that ``pairings.io`` fills from the file.
NEEDS_IO = {"merged_amount.xlsx": "merged", "unit_row_scaled.csv": "unit_row"}


def skip_until_io_reads(case_name: str) -> None:
    """Skip a case whose file needs a ``RawTable`` field that ``pairings.io`` leaves empty."""
    needed = NEEDS_IO.get(case_name)
    if needed is not None and not getattr(read_case(CASES[case_name], case_name), needed):
        pytest.skip(f"pairings.io does not fill RawTable.{needed} from {case_name} yet")


def run(case_name: str, gazetteer, anchors):  # type: ignore[no-untyped-def]
    skip_until_io_reads(case_name)
    return run_case(CASES[case_name], case_name, gazetteer, anchors)


@pytest.mark.parametrize("case_name", sorted(CASES))
def test_corpus_file_gives_exactly_its_messages(case_name: str, gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    skip_until_io_reads(case_name)
    check_case(CASES[case_name], case_name, gazetteer, anchors)


# -- what good files resolve to ----------------------------------------------------------


@pytest.mark.parametrize("name", ["unit_in_mapped_header.csv", "unit_in_columns_file_header.csv"])
def test_a_unit_in_a_header_mapped_by_hand_scales_plain_numbers(
    name: str, gazetteer, anchors
) -> None:  # type: ignore[no-untyped-def]
    frame, report = run(name, gazetteer, anchors)
    assert frame["funds_cny"].tolist() == [200_000_000.0, 167_750_000.0]
    assert report.tables[0].units == (("funds_cny", "援助金额（万元）", "万元", 1e4),)
    assert (
        report.tables[0]
        .describe()
        .endswith(
            "2 rows (encoding UTF-8); units: funds_cny in 万元 (plain numbers ×10000, from "
            "'援助金额（万元）')"
        )
    )


def test_approximate_amounts_keep_the_number_written_and_say_so(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    frame, _ = run("approximate_amounts.csv", gazetteer, anchors)
    assert frame["funds_cny"].tolist() == [30_000_000.0, 30_000_000.0, 9_730_000.0]
    assert frame["investment_cny"].tolist() == [200_000_000.0, 2_400_000_000.0, 1e9]
    assert frame["jobs"].tolist() == [17_000.0, 2100.0, 2000.0]
    assert frame["consumption_cny"].tolist()[1:] == [520_000_000.0, 1234.0]
    assert frame["approximate"].tolist() == [
        ("funds_cny", "investment_cny", "jobs"),
        ("funds_cny", "investment_cny", "consumption_cny", "jobs"),
        ("investment_cny", "jobs"),
    ]


def test_visits_are_their_own_metric(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    frame, _ = run("visits_not_persons.csv", gazetteer, anchors)
    assert frame["visits"].tolist() == [957_300.0, 49_291_200.0]
    assert frame["jobs"].tolist()[0] == 2100.0
    assert math.isnan(frame["jobs"].tolist()[1])
    frame, _ = run("visits_header_units.csv", gazetteer, anchors)
    assert frame["visits"].tolist() == [957_300.0, 120_000.0]


def test_extra_columns_with_a_unit_are_scaled(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    frame, report = run("extra_unit_scaled.csv", gazetteer, anchors)
    assert frame["社会捐款（万元）"].tolist() == [50_000.0, 120_000.0]
    assert frame["visits"].tolist()[0] == 957_300.0
    assert frame["approximate"].tolist() == [(), ("社会捐款（万元）",)]
    assert [unit[0] for unit in report.tables[0].units] == ["visits", "社会捐款（万元）"]


def test_a_unit_row_scales_its_column(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    frame, report = run("unit_row_scaled.csv", gazetteer, anchors)
    assert frame["funds_cny"].tolist() == [9_730_000.0, 167_750_000.0]
    assert frame["jobs"].tolist() == [2000.0, 34_500.0]
    assert frame["source_row"].tolist() == [3, 4]
    assert [(column, unit, scale) for column, _, unit, scale in report.tables[0].units] == [
        ("funds_cny", "万元", 1e4),
        ("jobs", "人", 1.0),
    ]


def test_a_merged_amount_is_stored_once_and_its_rows_form_a_group(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    frame, _ = run("merged_amount.xlsx", gazetteer, anchors)
    assert frame["funds_cny"].tolist()[:2] == [167_750_000.0, 9_730_000.0]
    assert frame["funds_cny"].iloc[2:].isna().all()
    assert frame["recipient"].tolist() == ["来宾市", "忻城县", "忻城县", "忻城县"]
    assert frame["group"].tolist() == [None, "合并第3–5行", "合并第3–5行", "合并第3–5行"]
    assert frame["jobs"].tolist() == [2000.0, 100.0, 200.0, 300.0]


def test_placeholders_in_figures_are_blank_and_dates_give_their_year(gazetteer, anchors) -> None:  # type: ignore[no-untyped-def]
    frame, _ = run("placeholder_figures.csv", gazetteer, anchors)
    assert frame["funds_cny"].isna().all()
    assert frame["start_year"].isna().tolist() == [True, False]
    assert frame["start_year"].iloc[1] == 2021
    frame, _ = run("year_as_date.xlsx", gazetteer, anchors)
    assert frame["start_year"].tolist()[0] == 2021
    assert frame["end_year"].tolist()[1] == 2020
