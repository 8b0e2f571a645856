"""The shipped pairing tables carry every seed pairing, its figures and the national reference."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from pairmap.geo.gazetteer import Gazetteer

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "pairings" / "data"
REFERENCE_CSV = REPO_ROOT.parent / "shared" / "reference" / "east_west_pairings.csv"

#: The canonical header of every shipped table, in this order (issue 3, item 1).
CANONICAL_HEADER = [
    "donor",
    "donor_province",
    "donor_prefecture",
    "donor_kind",
    "donor_seat",
    "donor_adcode",
    "donor_lon",
    "donor_lat",
    "recipient",
    "recipient_province",
    "recipient_prefecture",
    "recipient_kind",
    "recipient_seat",
    "recipient_adcode",
    "recipient_lon",
    "recipient_lat",
    "program",
    "round",
    "level",
    "group",
    "start_year",
    "end_year",
    "funds_cny",
    "investment_cny",
    "consumption_cny",
    "jobs",
    "enterprises",
    "parks",
    "workshops",
    "cadres",
    "professionals",
    "schools",
    "hospitals",
]
TRAILING_HEADER = ["note", "source", "source_date"]
METRICS = CANONICAL_HEADER[CANONICAL_HEADER.index("funds_cny") :]

SHIPPED = sorted(DATA_DIR.glob("*.csv"))
SEED_TABLES = [path for path in SHIPPED if path.name.startswith("seeds_")]
NATIONAL = DATA_DIR / "east_west_national.csv"


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a shipped CSV as dicts of strings."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def seed_rows() -> Iterator[dict[str, str]]:
    """Every row of every seed table, tagged with its file name."""
    for path in SEED_TABLES:
        for row in read_rows(path):
            yield {**row, "_file": path.name}


def rows_for(donor: str, recipient: str) -> list[dict[str, str]]:
    """Seed rows for one donor → recipient pair."""
    return [row for row in seed_rows() if (row["donor"], row["recipient"]) == (donor, recipient)]


def the_row(donor: str, recipient: str) -> dict[str, str]:
    """The single seed row for a pair (fails when there are none or several)."""
    found = rows_for(donor, recipient)
    assert len(found) == 1, f"{donor} → {recipient}: {len(found)} rows"
    return found[0]


def test_five_seed_tables_and_the_national_table_are_shipped() -> None:
    assert len(SEED_TABLES) == 5
    assert NATIONAL in SHIPPED


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_header_is_canonical_and_extras_are_numeric(path: Path) -> None:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    header = next(csv.reader(raw.decode("utf-8").splitlines()))
    assert header[: len(CANONICAL_HEADER)] == CANONICAL_HEADER
    assert header[-3:] == TRAILING_HEADER
    extras = header[len(CANONICAL_HEADER) : -3]
    for row in read_rows(path):
        for column in [*METRICS, *extras]:
            value = row[column]
            assert value == "" or (value.isdigit() and int(value) >= 0), (column, value)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_every_row_is_sourced_and_well_formed(path: Path) -> None:
    rows = read_rows(path)
    assert rows
    keys = set()
    for number, row in enumerate(rows, start=2):
        where = f"{path.name} row {number}"
        assert row["donor"].strip() and row["recipient"].strip(), where
        assert row["source"].strip(), where
        assert row["donor"] != row["recipient"], where
        for side in ("donor", "recipient"):
            if row[f"{side}_kind"] not in ("", "government"):
                assert row[f"{side}_seat"] or row[f"{side}_lon"], f"{where}: {side} has no seat"
        if row["start_year"] and row["end_year"]:
            assert int(row["end_year"]) >= int(row["start_year"]), where
        key = tuple(value for column, value in row.items() if column != "note")
        assert key not in keys, f"{where} duplicates an earlier row"
        keys.add(key)
    if path.name.startswith("seeds_"):
        assert all(row["source_date"] for row in rows)


#: Each pair named in issue 3, item 5 → a substring of the source it must cite.
NAMED_PAIRS = [
    ("茂名市", "来宾市", "新快报, 《茂名创新"),
    ("茂南区", "金秀瑶族自治县", "新快报, 《茂名创新"),
    ("电白区", "金秀瑶族自治县", "新快报, 《茂名创新"),
    ("信宜市", "忻城县", "新快报, 《茂名创新"),
    ("高州市", "忻城县", "新快报, 《茂名创新"),
    ("化州市", "忻城县", "新快报, 《茂名创新"),
    ("广州市", "黔南布依族苗族自治州", "云黔南网"),
    ("海珠区", "黔南布依族苗族自治州", "云黔南网"),
    ("荔湾区", "黔南布依族苗族自治州", "云黔南网"),
    ("白云区", "黔南布依族苗族自治州", "云黔南网"),
    ("黄埔区", "黔南布依族苗族自治州", "云黔南网"),
    ("中山市", "六盘水市", "新快报, 《中山市携手六盘水市"),
    ("中山火炬开发区", "水城区", "新快报, 《中山市携手六盘水市"),
    ("小榄镇", "盘州市", "新快报, 《中山市携手六盘水市"),
    ("东区街道", "六枝特区", "新快报, 《中山市携手六盘水市"),
    ("深圳市", "百色市", "广西日报"),
    ("深圳市", "河池市", "广西日报"),
    ("龙岗区", "靖西市", "广西日报"),
    ("龙岗区", "那坡县", "广西日报"),
    ("东莞市", "贺州市", "广西日报"),
    ("肇庆市", "贺州市", "广西日报"),
    ("佛山市", "贺州市", "广西日报"),
    ("广东省统计局", "廉江市", "南方杂志"),
    ("广铁集团", "廉江市", "南方杂志"),
    ("广东省港航集团", "廉江市", "南方杂志"),
    ("广东省委办公厅", "英德市", "南方杂志"),
    ("广东省市场监督管理局", "蕉岭县", "南方杂志"),
    ("广东建工控股", "蕉岭县", "南方杂志"),
    ("中国移动广东公司", "蕉岭县", "南方杂志"),
    ("广东省人民检察院", "阳西县", "南方杂志"),
    ("广东省社会科学界联合会", "阳西县", "南方杂志"),
    ("中国电器科学研究院", "阳西县", "南方杂志"),
    ("广东省广晟控股集团", "东源县", "南方杂志"),
    ("广东省广晟控股集团", "五华县", "南方杂志"),
    ("白云区", "廉江市", "南方杂志"),
    ("番禺区", "蕉岭县", "南方杂志"),
    ("顺德区", "怀集县", "新快报, 《顺德龙江"),
    ("龙江镇", "岗坪镇", "新快报, 《顺德龙江"),
]


@pytest.mark.parametrize(("donor", "recipient", "source"), NAMED_PAIRS)
def test_named_seed_pair_cites_its_source(donor: str, recipient: str, source: str) -> None:
    assert source in the_row(donor, recipient)["source"]


def test_the_two_white_cloud_districts_are_told_apart_by_prefecture() -> None:
    for recipient in ("廉江市", "黔南布依族苗族自治州"):
        assert the_row("白云区", recipient)["donor_prefecture"] == "广州市"


@pytest.mark.parametrize(
    ("donors", "recipient"),
    [
        (("茂南区", "电白区"), "金秀瑶族自治县"),
        (("信宜市", "高州市", "化州市"), "忻城县"),
        (("广东省统计局", "广铁集团", "广东省港航集团"), "廉江市"),
        (("广东省市场监督管理局", "广东建工控股", "中国移动广东公司"), "蕉岭县"),
        (("广东省人民检察院", "广东省社会科学界联合会", "中国电器科学研究院"), "阳西县"),
    ],
)
def test_many_to_one_groups_share_one_group_id(donors: tuple[str, ...], recipient: str) -> None:
    groups = {the_row(donor, recipient)["group"] for donor in donors}
    assert len(groups) == 1
    assert groups != {""}
    members = [row["donor"] for row in seed_rows() if row["group"] in groups]
    assert sorted(members) == sorted(donors)


def test_jinxiu_and_xincheng_groups_differ() -> None:
    assert the_row("茂南区", "金秀瑶族自治县")["group"] != the_row("信宜市", "忻城县")["group"]


@pytest.mark.parametrize(
    ("donor", "recipient", "column", "value"),
    [
        ("中山市", "六盘水市", "funds_cny", "167750000"),
        ("中山市", "六盘水市", "investment_cny", "178000000"),
        ("中山市", "六盘水市", "consumption_cny", "183000000"),
        ("中山市", "六盘水市", "parks", "4"),
        ("中山市", "六盘水市", "workshops", "15"),
        ("广州市", "黔南布依族苗族自治州", "jobs", "34500"),
        ("广州市", "黔南布依族苗族自治州", "consumption_cny", "2474000000"),
        ("广州市", "黔南布依族苗族自治州", "investment_cny", "1198000000"),
        ("广州市", "黔南布依族苗族自治州", "schools", "282"),
        ("广州市", "黔南布依族苗族自治州", "hospitals", "76"),
        ("茂名市", "来宾市", "schools", "21"),
        ("茂名市", "来宾市", "professionals", "129"),
        ("广东省广晟控股集团", "东源县", "funds_cny", "9730000"),
        ("广东省广晟控股集团", "东源县", "consumption_cny", "2330000"),
    ],
)
def test_key_figures_are_in_yuan_and_persons(
    donor: str, recipient: str, column: str, value: str
) -> None:
    assert the_row(donor, recipient)[column] == value


def test_group_totals_are_stored_once() -> None:
    """A figure that covers a group sits on one member row only (never double counted)."""
    by_group: dict[str, list[dict[str, str]]] = {}
    for row in seed_rows():
        if row["group"]:
            by_group.setdefault(row["group"], []).append(row)
    text_columns = {*CANONICAL_HEADER, *TRAILING_HEADER, "_file"} - set(METRICS)
    for group, members in by_group.items():
        for column in sorted(set(members[0]) - text_columns):
            filled = [row["donor"] for row in members if row[column]]
            assert len(filled) <= 1, (group, column, filled)


def test_non_administrative_zhongshan_donors_are_drawn_at_zhongshan() -> None:
    pairs = (("中山火炬开发区", "水城区"), ("小榄镇", "盘州市"), ("东区街道", "六枝特区"))
    for donor, recipient in pairs:
        row = the_row(donor, recipient)
        assert row["donor_kind"] in ("zone", "town")
        assert (row["donor_seat"], row["donor_prefecture"]) == ("中山市", "中山市")


def test_town_to_town_pair_is_seated_at_its_counties() -> None:
    row = the_row("龙江镇", "岗坪镇")
    assert (row["donor_kind"], row["recipient_kind"]) == ("town", "town")
    assert (row["donor_seat"], row["recipient_seat"]) == ("顺德区", "怀集县")
    assert row["level"] == "town→town"


def reference_rows() -> list[dict[str, str]]:
    """The sourced reference CSV beside the repository, or skip when it is not there."""
    if not REFERENCE_CSV.is_file():
        pytest.skip("reference CSV not found: ../shared/reference is not beside the repository")
    return read_rows(REFERENCE_CSV)


def parents(row: dict[str, str], side: str) -> tuple[str, ...]:
    """The ways a shipped row can carry a reference ``*_parent`` (blank, prefecture, seat, both)."""
    prefecture, seat = row[f"{side}_prefecture"], row[f"{side}_seat"]
    return ("", prefecture, seat, prefecture + seat)


def test_national_table_has_one_row_per_reference_row() -> None:
    assert len(read_rows(NATIONAL)) == len(reference_rows())


def test_every_reference_row_is_in_the_national_table() -> None:
    shipped = read_rows(NATIONAL)
    missing = []
    for ref in reference_rows():
        matches = [
            row
            for row in shipped
            if all(
                row[column] == ref[column]
                for column in ("program", "round", "level", "start_year", "end_year", "source")
            )
            and all(
                row[side] == ref[f"{side}_name"]
                and row[f"{side}_province"] == ref[f"{side}_province"]
                and ref[f"{side}_parent"] in parents(row, side)
                for side in ("donor", "recipient")
            )
        ]
        if len(matches) != 1:
            missing.append((ref["donor_name"], ref["recipient_name"], ref["round"], len(matches)))
    assert missing == []


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    """The default gazetteer over the installed boundary data."""
    return Gazetteer.default()


def drawn_units(path: Path) -> Iterator[tuple[str, str, tuple[str, ...], str | None]]:
    """(where, name, context, level) of each unit a row is drawn at: the party or its seat."""
    for number, row in enumerate(read_rows(path), start=2):
        levels = row["level"].split("→")
        for side, level in zip(("donor", "recipient"), levels, strict=True):
            government = row[f"{side}_kind"] in ("", "government")
            name = row[side] if government else row[f"{side}_seat"]
            context = tuple(
                value for value in (row[f"{side}_province"], row[f"{side}_prefecture"]) if value
            )
            wanted = level if government and level in ("province", "prefecture", "county") else None
            yield f"{path.name} row {number} {side}", name, context, wanted


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_every_party_is_drawn_at_one_unit_inside_its_context(
    path: Path, gazetteer: Gazetteer
) -> None:
    for where, name, context, level in drawn_units(path):
        place = gazetteer.resolve(name, within=context, level=level)
        outside = [parent for parent in context if parent not in place.path]
        assert outside == [], f"{where}: {name} → {place.describe()}"


def test_pairmap_check_passes_every_shipped_table_without_warnings() -> None:
    from click.testing import CliRunner

    from pairmap.scripts.check import command

    result = CliRunner().invoke(command, ["--format", "json", *map(str, SHIPPED)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)["summary"]
    rows = sum(len(read_rows(path)) for path in SHIPPED)
    assert (summary["rows_read"], summary["rows_resolved"]) == (rows, rows)
    assert (summary["warnings"], summary["errors"]) == (0, 0), result.output
