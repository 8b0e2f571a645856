"""The shipped pairing tables carry every seed pairing, its figures and the national reference."""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from pairmap.geo.gazetteer import Gazetteer

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "pairings" / "data"
#: The project's shared sources: beside the repository, or where PAIRMAP_SHARED_DIR says.
SHARED_DIR = Path(os.environ.get("PAIRMAP_SHARED_DIR") or REPO_ROOT.parent / "shared")
REFERENCE_CSV = SHARED_DIR / "reference" / "east_west_pairings.csv"
SEEDS_DIR = SHARED_DIR / "seeds"

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


def the_row(donor: str, recipient: str, round_: str | None = None) -> dict[str, str]:
    """The single seed row for a pair, in one round if given (fails on none or several)."""
    found = [row for row in rows_for(donor, recipient) if round_ in (None, row["round"])]
    assert len(found) == 1, f"{donor} → {recipient} ({round_}): {len(found)} rows"
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
    ("广东省", "黔南布依族苗族自治州", "云黔南网"),
    ("中山市", "六盘水市", "新快报, 《中山市携手六盘水市"),
    ("中山火炬开发区", "水城区", "新快报, 《中山市携手六盘水市"),
    ("小榄镇", "盘州市", "新快报, 《中山市携手六盘水市"),
    ("东区街道", "六枝特区", "新快报, 《中山市携手六盘水市"),
    ("深圳市", "百色市", "广西日报"),
    ("深圳市", "河池市", "广西日报"),
    ("龙岗区", "靖西市", "广西日报"),
    ("龙岗区", "那坡县", "广西日报"),
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
    rows = rows_for(donor, recipient)
    assert rows
    assert all(source in row["source"] for row in rows)


def test_the_two_white_cloud_districts_are_told_apart_by_prefecture() -> None:
    for recipient in ("廉江市", "黔南布依族苗族自治州"):
        assert the_row("白云区", recipient)["donor_prefecture"] == "广州市"


@pytest.mark.parametrize(
    ("donors", "recipient", "round_"),
    [
        (("茂南区", "电白区"), "金秀瑶族自治县", "2021"),
        (("信宜市", "高州市", "化州市"), "忻城县", "2021"),
        (("广东省统计局", "广铁集团", "广东省港航集团"), "廉江市", ""),
        (("广东省市场监督管理局", "广东建工控股", "中国移动广东公司"), "蕉岭县", ""),
        (("广东省人民检察院", "广东省社会科学界联合会", "中国电器科学研究院"), "阳西县", ""),
    ],
)
def test_many_to_one_groups_share_one_group_id(
    donors: tuple[str, ...], recipient: str, round_: str
) -> None:
    groups = {the_row(donor, recipient, round_)["group"] for donor in donors}
    assert len(groups) == 1
    assert groups != {""}
    members = [row["donor"] for row in seed_rows() if row["group"] in groups]
    assert sorted(members) == sorted(donors)


def test_jinxiu_and_xincheng_groups_differ() -> None:
    jinxiu = the_row("茂南区", "金秀瑶族自治县", "2021")["group"]
    assert jinxiu != the_row("信宜市", "忻城县")["group"]


@pytest.mark.parametrize(
    ("donor", "recipient", "column", "value"),
    [
        ("中山市", "六盘水市", "funds_cny", "167750000"),
        ("中山市", "六盘水市", "investment_cny", "178000000"),
        ("中山市", "六盘水市", "parks", "4"),
        ("中山市", "六盘水市", "workshops", "15"),
        ("广州市", "黔南布依族苗族自治州", "jobs", "34500"),
        ("广东省", "黔南布依族苗族自治州", "consumption_cny", "2474000000"),
        ("广州市", "黔南布依族苗族自治州", "investment_cny", "1198000000"),
        ("广州市", "黔南布依族苗族自治州", "schools", "282"),
        ("广州市", "黔南布依族苗族自治州", "hospitals", "76"),
        ("茂名市", "来宾市", "schools", "21"),
        ("茂名市", "来宾市", "professionals", "129"),
        ("茂南区", "金秀瑶族自治县", "funds_cny", "2000000"),
        ("广东省广晟控股集团", "东源县", "funds_cny", "9730000"),
        ("广东省广晟控股集团", "东源县", "consumption_cny", "2330000"),
    ],
)
def test_key_figures_are_in_yuan_and_persons(
    donor: str, recipient: str, column: str, value: str
) -> None:
    rows = [row for row in rows_for(donor, recipient) if row[column]]
    assert [row[column] for row in rows] == [value]


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


# --- every figure says no more than its report (issue 7, item 8) ---

#: The seed report each seed table is drawn from (file in the shared seeds folder).
SEED_REPORTS = {
    "seeds_2018_guangdong_guangxi.csv": "003_6afb8d9df6e8dd30.txt",
    "seeds_2021_zhongshan_liupanshui.csv": "004_5196c58db765b97f.txt",
    "seeds_2022_maoming_laibin.csv": "000_ef5dbee3807e9e96.txt",
    "seeds_2023_guangzhou_qiannan.csv": "002_b68f9480da54d5aa.txt",
    "seeds_2024_guangdong_counties.csv": "001_c81794783036da72.txt",
}

#: The sentences the corrections rest on, by table (each is quoted in a row's note).
MAONAN_2018 = "早从2018年9月起,茂南区政府就出资200万元"
MANY_TO_ONE = "其中由茂南区、电白区两个区共同帮扶金秀县"
JINXIU_VISITS = "2021年金秀接待广东游客95.73万人次"
GUANGXI_VISITS = "2017年,广西接待广东游客4929.12万人次"
QIANNAN_CONSUMPTION = "广东采购、帮助销售黔南农畜牧产品和特色手工艺产品24.74亿元"
GUIZHOU_CONSUMPTION = "采购、销售贵州省农畜牧产品和特色手工艺产品 1.83 亿元"
GALA_DONATIONS = (
    "两省区各界爱心人士和企业捐款2300多万元及教学物资2200多万元,其中广东方面的捐款超过2000万元"
)
TENCENT_DONATION = "深圳腾讯公司捐赠款项1亿元,用于深百小镇易地扶贫搬迁项目"
HEZHOU_INTENT = (
    "贺州市与东莞、肇庆、佛山等市达成建设12万亩、年供应广东蔬菜25万吨以上“菜蓝子”蔬菜生产基地意向"
)
SHUNDE_HUAIJI = "顺德对口帮扶肇庆怀集县乡村振兴"
YINGDE_SURVEY = (
    "工作队就与广东省城乡规划设计研究院一行20多人以及专家组成联合调研组,对英德进行了深入的调研"
)
LIANJIANG_PLAN = "《廉江市省纵向组团帮扶工作方案(2023年—2026年)》"
CITED = [
    ("seeds_2022_maoming_laibin.csv", MAONAN_2018),
    ("seeds_2022_maoming_laibin.csv", MANY_TO_ONE),
    ("seeds_2022_maoming_laibin.csv", JINXIU_VISITS),
    ("seeds_2018_guangdong_guangxi.csv", GUANGXI_VISITS),
    ("seeds_2023_guangzhou_qiannan.csv", QIANNAN_CONSUMPTION),
    ("seeds_2021_zhongshan_liupanshui.csv", GUIZHOU_CONSUMPTION),
    ("seeds_2018_guangdong_guangxi.csv", GALA_DONATIONS),
    ("seeds_2018_guangdong_guangxi.csv", TENCENT_DONATION),
    ("seeds_2018_guangdong_guangxi.csv", HEZHOU_INTENT),
    ("seeds_2021_zhongshan_liupanshui.csv", SHUNDE_HUAIJI),
    ("seeds_2024_guangdong_counties.csv", YINGDE_SURVEY),
    ("seeds_2024_guangdong_counties.csv", LIANJIANG_PLAN),
]


def squash(text: str) -> str:
    """Text without whitespace (the reports' copies break lines and space out numbers)."""
    return re.sub(r"\s+", "", text)


def report_text(table: str) -> str:
    """The seed report of a seed table, whitespace removed, or skip when it is not there."""
    path = SEEDS_DIR / SEED_REPORTS[table]
    if not path.is_file():
        pytest.skip(f"seed report not found: set PAIRMAP_SHARED_DIR (looked for {path.name})")
    return squash(path.read_text(encoding="utf-8"))


def test_every_seed_table_has_its_report() -> None:
    assert sorted(SEED_REPORTS) == sorted(path.name for path in SEED_TABLES)


@pytest.mark.parametrize(
    ("table", "sentence"), CITED, ids=[f"{t.split('_')[1]}-{n}" for n, (t, _) in enumerate(CITED)]
)
def test_each_cited_sentence_is_in_its_report(table: str, sentence: str) -> None:
    assert any(sentence in row["note"] for row in read_rows(DATA_DIR / table))
    assert squash(sentence) in report_text(table)


@pytest.mark.parametrize("table", sorted(SEED_REPORTS))
def test_every_quote_in_a_note_and_every_title_is_verbatim_from_the_report(table: str) -> None:
    """「sentences」, “terms” and 《titles》 in a seed table are copied from its report."""
    text = report_text(table)
    misquoted = []
    for number, row in enumerate(read_rows(DATA_DIR / table), start=2):
        quotes = re.findall(r"「([^」]*)」", row["note"]) + re.findall(r"“([^“”]*)”", row["note"])
        quotes += re.findall(r"《([^《》]*)》", row["note"] + row["source"])
        misquoted += [(number, quote) for quote in quotes if squash(quote) not in text]
    assert misquoted == []


def test_maonan_money_of_2018_is_on_a_2016_round_row() -> None:
    earlier, group = (
        the_row("茂南区", "金秀瑶族自治县", "2016"),
        the_row("茂南区", "金秀瑶族自治县", "2021"),
    )
    assert (earlier["program"], earlier["funds_cny"], earlier["group"]) == (
        "东西部扶贫协作",
        "2000000",
        "",
    )
    assert MAONAN_2018 in earlier["note"]
    assert (group["funds_cny"], group["start_year"], group["group"]) == ("", "", "茂名→金秀组团")
    assert MANY_TO_ONE in group["note"]


def test_a_seed_row_never_contradicts_the_years_of_the_national_table() -> None:
    national: dict[tuple[str, str, str], dict[str, str]] = {}
    for row in read_rows(NATIONAL):
        national[(row["donor"], row["recipient"], row["round"])] = row
    compared = 0
    for row in seed_rows():
        ref = national.get((row["donor"], row["recipient"], row["round"]))
        if ref is None:
            continue
        compared += 1
        for column in ("start_year", "end_year", "program"):
            assert row[column] in ("", ref[column]), (row["donor"], row["recipient"], column)
    assert compared >= 10


def test_visits_are_not_stored_as_persons() -> None:
    """人次 figures of visitors from all of 广东 stay in notes, with their unit."""
    for path in SEED_TABLES:
        header = next(csv.reader(path.read_text(encoding="utf-8").splitlines()))
        assert "tourists" not in header, path.name
    assert JINXIU_VISITS in the_row("茂名市", "来宾市")["note"]
    assert GUANGXI_VISITS in the_row("广东省", "广西壮族自治区")["note"]


def test_qiannan_consumption_is_guangdongs_not_guangzhous() -> None:
    guangdong = the_row("广东省", "黔南布依族苗族自治州")
    assert (guangdong["level"], guangdong["consumption_cny"]) == (
        "province→prefecture",
        "2474000000",
    )
    assert QIANNAN_CONSUMPTION in guangdong["note"]
    assert the_row("广州市", "黔南布依族苗族自治州")["consumption_cny"] == ""


def test_zhongshan_purchases_of_guizhou_products_are_a_note() -> None:
    row = the_row("中山市", "六盘水市")
    assert row["consumption_cny"] == ""
    assert GUIZHOU_CONSUMPTION in row["note"]


def test_donations_are_not_fiscal_aid() -> None:
    gala = the_row("广东省", "百色市")
    assert gala["funds_cny"] == ""
    assert GALA_DONATIONS in gala["note"] and "超过" in gala["note"]
    tencent = the_row("深圳腾讯公司", "广西壮族自治区")
    assert (tencent["funds_cny"], tencent["level"]) == ("", "enterprise→province")
    assert TENCENT_DONATION in tencent["note"]
    assert rows_for("深圳腾讯公司", "百色市") == []


def test_the_hezhou_vegetable_intent_is_not_a_pairing() -> None:
    for city in ("东莞市", "肇庆市", "佛山市"):
        assert rows_for(city, "贺州市") == []
    table = read_rows(DATA_DIR / "seeds_2018_guangdong_guangxi.csv")
    assert not any("菜篮子" in row["note"] for row in table)
    assert HEZHOU_INTENT in the_row("广东省", "广西壮族自治区")["note"]


def test_shunde_huaiji_is_counterpart_assistance_as_the_report_says() -> None:
    row = the_row("顺德区", "怀集县")
    assert (row["program"], row["start_year"]) == ("对口帮扶", "")
    assert SHUNDE_HUAIJI in row["note"]


def test_a_survey_partner_is_not_a_pair_and_its_fact_is_kept() -> None:
    assert rows_for("广东省城乡规划设计研究院", "英德市") == []
    assert YINGDE_SURVEY in the_row("广东省委办公厅", "英德市")["note"]
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert "广东省城乡规划设计研究院" in readme.split("## Seed facts left out")[1]


def test_a_plan_period_or_an_unstated_year_is_not_a_pairing_year() -> None:
    for donor in ("广东省统计局", "广铁集团", "广东省港航集团"):
        assert the_row(donor, "廉江市")["end_year"] == ""
    assert LIANJIANG_PLAN in the_row("广东省统计局", "廉江市")["note"]
    assert the_row("广东省广晟控股集团", "横陂镇")["start_year"] == ""


#: 2016-round pairs the issue asked about; the reference gives no end year for them.
OPEN_ENDED_2016 = [
    ("北京市", "张家口市"),
    ("北京市", "保定市"),
    ("天津市", "承德市"),
    ("杭州市", "恩施土家族苗族自治州"),
    ("宁波市", "延边朝鲜族自治州"),
    ("济南市", "湘西土家族苗族自治州"),
    ("厦门市", "临夏回族自治州"),
    ("青岛市", "陇南市"),
]


@pytest.mark.parametrize(("donor", "recipient"), OPEN_ENDED_2016)
def test_unverified_end_years_stay_blank_as_in_the_reference(donor: str, recipient: str) -> None:
    """No end year is invented: the reference states none (pairings/data/README.md says so)."""
    (ref,) = [
        row
        for row in reference_rows()
        if (row["donor_name"], row["recipient_name"], row["round"]) == (donor, recipient, "2016")
    ]
    (shipped,) = [
        row
        for row in read_rows(NATIONAL)
        if (row["donor"], row["recipient"], row["round"]) == (donor, recipient, "2016")
    ]
    assert ref["end_year"] == shipped["end_year"] == ""
    unverified = (DATA_DIR / "README.md").read_text(encoding="utf-8").split("## Not verified")[1]
    assert squash(f"{donor} → {recipient}") in squash(unverified)


def test_fuzhou_dingxi_is_in_neither_the_reference_nor_the_national_table() -> None:
    pairs = {(row["donor_name"], row["recipient_name"]) for row in reference_rows()}
    assert ("福州市", "定西市") not in pairs
    assert not [row for row in read_rows(NATIONAL) if row["donor"] == "福州市"]
    assert (
        "福州" in (DATA_DIR / "README.md").read_text(encoding="utf-8").split("## Not verified")[1]
    )
