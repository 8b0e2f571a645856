"""Every place named in the five seed reports and the reference pairings resolves right."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pairmap.geo.errors import NotAdministrativeError
from pairmap.geo.gazetteer import Gazetteer

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
PAIRINGS_CSV = SHARED / "reference" / "east_west_pairings.csv"

#: (seed file prefix, name as written, parents given as context, expected adcode).
#: Adcodes checked against the boundary data and the official code list.
ADMINISTRATIVE = [
    # 000: 茂名 -> 来宾 (粤桂协作)
    ("000", "茂名市", (), "440900"),
    ("000", "茂名", (), "440900"),
    ("000", "来宾市", (), "451300"),
    ("000", "广西来宾市", (), "451300"),
    ("000", "金秀瑶族自治县", (), "451324"),
    ("000", "金秀县", (), "451324"),
    ("000", "广西金秀县", (), "451324"),
    ("000", "金秀", (), "451324"),
    ("000", "茂南区", (), "440902"),
    ("000", "电白区", (), "440904"),
    ("000", "信宜市", (), "440983"),
    ("000", "高州市", (), "440981"),
    ("000", "化州市", (), "440982"),
    ("000", "忻城县", (), "451321"),
    ("000", "广西壮族自治区", (), "450000"),
    ("000", "广西", (), "450000"),
    ("000", "广东", (), "440000"),
    # 001: Guangdong's provincial 纵向帮扶 and county 横向帮扶
    ("001", "廉江市", (), "440881"),
    ("001", "湛江廉江市", (), "440881"),
    ("001", "廉江", (), "440881"),
    ("001", "英德市", (), "441881"),
    ("001", "清远英德市", (), "441881"),
    ("001", "蕉岭县", (), "441427"),
    ("001", "蕉岭", (), "441427"),
    ("001", "番禺区", (), "440113"),
    ("001", "广州市番禺区", (), "440113"),
    ("001", "白云区", ("广州市",), "440111"),
    ("001", "广州市白云区", (), "440111"),
    ("001", "阳西县", (), "441721"),
    ("001", "阳江市阳西县", (), "441721"),
    ("001", "东源县", (), "441625"),
    ("001", "河源东源县", (), "441625"),
    ("001", "五华县", (), "441424"),
    ("001", "梅州五华县", (), "441424"),
    ("001", "湛江", (), "440800"),
    ("001", "阳江", (), "441700"),
    ("001", "梅州", (), "441400"),
    ("001", "清远", (), "441800"),
    ("001", "河源", (), "441600"),
    ("001", "中山市", (), "442000"),
    ("001", "南宁市", (), "450100"),
    ("001", "广东省", (), "440000"),
    ("001", "广州市", (), "440100"),
    ("001", "阳江市", (), "441700"),
    ("001", "广西", (), "450000"),
    ("001", "广西南宁市", (), "450100"),
    # 002: 广州 -> 黔南 (粤黔协作)
    ("002", "黔南州", (), "522700"),
    ("002", "黔南", (), "522700"),
    ("002", "长顺县", (), "522729"),
    ("002", "惠水县", (), "522731"),
    ("002", "惠水", (), "522731"),
    ("002", "罗甸县", (), "522728"),
    ("002", "罗甸", (), "522728"),
    ("002", "荔波县", (), "522722"),
    ("002", "荔波", (), "522722"),
    ("002", "瓮安县", (), "522725"),
    ("002", "都匀", (), "522701"),
    ("002", "广州", (), "440100"),
    ("002", "广州市", (), "440100"),
    ("002", "海珠区", (), "440105"),
    ("002", "荔湾区", (), "440103"),
    ("002", "白云区", ("广州",), "440111"),
    ("002", "黄埔区", (), "440112"),
    ("002", "贵州", (), "520000"),
    ("002", "广东", (), "440000"),
    # 003: 粤桂扶贫协作 (2018)
    ("003", "广西壮族自治区", (), "450000"),
    ("003", "广州", (), "440100"),
    ("003", "深圳", (), "440300"),
    ("003", "深圳市", (), "440300"),
    ("003", "江门", (), "440700"),
    ("003", "湛江", (), "440800"),
    ("003", "茂名", (), "440900"),
    ("003", "肇庆市", (), "441200"),
    ("003", "百色", (), "451000"),
    ("003", "广西百色", (), "451000"),
    ("003", "河池", (), "451200"),
    ("003", "贺州市", (), "451100"),
    ("003", "东莞", (), "441900"),
    ("003", "佛山", (), "440600"),
    ("003", "靖西市", (), "451081"),
    ("003", "靖西", (), "451081"),
    ("003", "那坡县", (), "451026"),
    ("003", "深圳市龙岗区", (), "440307"),
    ("003", "龙岗区", ("深圳市",), "440307"),
    ("003", "上林县", (), "450125"),
    ("003", "上林", (), "450125"),
    ("003", "南宁", (), "450100"),
    ("003", "德保", (), "451024"),
    ("003", "田东", (), "451022"),
    ("003", "凌云县", (), "451027"),
    ("003", "凌云县人民政府", (), "451027"),
    ("003", "百色市", (), "451000"),
    ("003", "北京", (), "110000"),
    ("003", "广东省", (), "440000"),
    ("003", "广州市", (), "440100"),
    # 004: 中山 -> 六盘水 (粤黔协作), and 顺德龙江镇 -> 怀集县岗坪镇
    ("004", "中山市", (), "442000"),
    ("004", "六盘水市", (), "520200"),
    ("004", "六盘水", (), "520200"),
    ("004", "水城区", (), "520204"),
    ("004", "水城", (), "520204"),
    ("004", "六枝特区", (), "520203"),
    ("004", "六枝", (), "520203"),
    ("004", "盘州市", (), "520281"),
    ("004", "盘州", (), "520281"),
    ("004", "六盘水盘州市", (), "520281"),
    ("004", "钟山区", (), "520201"),
    ("004", "贵州省", (), "520000"),
    ("004", "怀集县", (), "441224"),
    ("004", "肇庆市怀集县", (), "441224"),
    ("004", "怀集", (), "441224"),
    ("004", "肇庆市", (), "441200"),
    ("004", "顺德区", (), "440606"),
    ("004", "佛山市顺德区", (), "440606"),
    ("004", "顺德", (), "440606"),
    ("004", "佛山市", (), "440600"),
]

#: (seed file prefix, name as written, expected kind): donors and other bodies that
#: are not administrative units; they must never be matched to a unit.
NON_ADMINISTRATIVE = [
    ("000", "桐木镇", "town"),
    ("000", "长垌乡", "town"),
    ("000", "金秀镇", "town"),
    ("000", "广西德坤瑶药业有限公司", "enterprise"),
    ("000", "广西金秀大益山泉水有限公司", "enterprise"),
    ("000", "广东昊元集团", "enterprise"),
    ("000", "广东茂名幼儿师范专科学校", "school"),
    ("000", "粤桂协作工作队", "agency"),
    ("001", "省统计局", "agency"),
    ("001", "广铁集团", "enterprise"),
    ("001", "省港航集团", "enterprise"),
    ("001", "省委办公厅", "agency"),
    ("001", "广东省城乡规划设计研究院", "organisation"),
    ("001", "省市场监督管理局", "agency"),
    ("001", "广东建工控股", "enterprise"),
    ("001", "中国移动广东公司", "enterprise"),
    ("001", "广东建工桂岭建设有限公司", "enterprise"),
    ("001", "省检察院", "agency"),
    ("001", "省社科联", "organisation"),
    ("001", "中国电器科学研究院", "organisation"),
    ("001", "广晟控股集团", "enterprise"),
    ("001", "省发展改革委", "agency"),
    ("001", "塘口镇", "town"),
    ("001", "横陂镇", "town"),
    ("001", "五华县横陂镇", "town"),
    ("001", "广福镇", "town"),
    ("001", "新铺镇", "town"),
    ("001", "同福村", "village"),
    ("001", "蕉岭县食品产业园", "zone"),
    ("002", "广顺镇", "town"),
    ("002", "长顺县广顺镇", "town"),
    ("002", "麦布社区", "village"),
    ("002", "粤黔协作惠水食品科技产业园", "zone"),
    ("002", "罗甸县第五小学", "school"),
    ("002", "广州市工贸技师学院", "school"),
    ("002", "广州慧谷动力科技有限公司", "enterprise"),
    ("003", "德保静脉产业园", "zone"),
    ("003", "田东深百产业园", "zone"),
    ("003", "深巴大健康特别试验区", "zone"),
    ("003", "粤桂合作特别试验区", "zone"),
    ("003", "华南理工大学", "school"),
    ("003", "深圳腾讯公司", "enterprise"),
    ("003", "百色市教育基金会", "organisation"),
    ("004", "火炬开发区", "zone"),
    ("004", "中山市火炬开发区", "zone"),
    ("004", "小榄镇", "town"),
    ("004", "六盘水高新区", "zone"),
    ("004", "水城经济开发区", "zone"),
    ("004", "盘关镇", "town"),
    ("004", "贾西村", "village"),
    ("004", "岗坪镇", "town"),
    ("004", "怀集岗坪镇", "town"),
    ("004", "龙江镇", "town"),
    ("004", "顺德区龙江镇", "town"),
    ("004", "北滘职业技术学校", "school"),
    ("004", "顺德区经济促进局", "agency"),
    ("004", "中山市乡村振兴局", "agency"),
    ("004", "贵州中山商会", "organisation"),
    ("004", "宏财集团", "enterprise"),
    ("004", "兴义村", "village"),
    ("004", "广东松山职业技术学院", "school"),
]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


def _seed_text(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed reports are not beside the repo (looked for {SEEDS.name}/)")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("seed", "name", "within", "adcode"), ADMINISTRATIVE)
def test_seed_unit_resolves_to_its_adcode(
    gazetteer: Gazetteer, seed: str, name: str, within: tuple[str, ...], adcode: str
) -> None:
    place = gazetteer.resolve(name, within=within)
    assert place.adcode == adcode, place.describe()


@pytest.mark.parametrize(("seed", "name", "kind"), NON_ADMINISTRATIVE)
def test_seed_non_administrative_name_is_reported_not_matched(
    gazetteer: Gazetteer, seed: str, name: str, kind: str
) -> None:
    assert gazetteer.candidates(name) == []
    with pytest.raises(NotAdministrativeError) as raised:
        gazetteer.resolve(name)
    assert raised.value.kind == kind
    assert "not an administrative unit" in str(raised.value)


def test_zhongshan_east_district_is_not_matched_to_a_namesake(gazetteer: Gazetteer) -> None:
    # 004's 东区 is 中山's 东区街道; the units named 东区 are in 攀枝花 and 香港
    assert {p.adcode for p in gazetteer.candidates("东区")} == {"510402", "810003"}
    # 中山 has no county tier, so a 东区 under it can only be a town or subdistrict
    with pytest.raises(NotAdministrativeError) as raised:
        gazetteer.resolve("东区", within=("广东省", "中山市"))
    assert raised.value.kind == "town"
    assert "give 中山市 as its seat" in str(raised.value)
    with pytest.raises(NotAdministrativeError):
        gazetteer.resolve("东区街道", within=("中山市",))


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_listed_names_occur_in_their_seed(seed: str) -> None:
    text = _seed_text(seed)
    names = [row[1] for row in ADMINISTRATIVE + NON_ADMINISTRATIVE if row[0] == seed]
    missing = [name for name in names if name not in text]
    assert not missing


def _pairing_rows() -> list[dict[str, str]]:
    if not PAIRINGS_CSV.is_file():
        pytest.skip(
            "the reference pairings are not beside the repo "
            f"(looked for {PAIRINGS_CSV.relative_to(SHARED.parent)})"
        )
    with PAIRINGS_CSV.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


_ADMIN_LEVELS = {"province", "prefecture", "county"}


def test_reference_pairing_parties_resolve_with_their_context(gazetteer: Gazetteer) -> None:
    rows = _pairing_rows()
    provinces = {p.name: p.adcode for p in gazetteer if p.level == "province"}
    checked = 0
    problems = []
    for number, row in enumerate(rows, start=2):
        levels = row["level"].split("→")
        for side, level in zip(("donor", "recipient"), levels, strict=True):
            name = row[f"{side}_name"]
            within = (row[f"{side}_province"], row[f"{side}_parent"])
            if level in _ADMIN_LEVELS:
                place = gazetteer.resolve(name, within=within)
                if (
                    place.level != level
                    or place.name != name
                    or place.province_adcode != provinces[row[f"{side}_province"]]
                ):
                    problems.append((number, side, name, place.describe()))
            else:
                with pytest.raises(NotAdministrativeError):
                    gazetteer.resolve(name, within=within)
            checked += 1
    assert not problems
    assert checked == 2 * len(rows)
