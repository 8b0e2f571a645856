"""The pairing-table schema: canonical columns, header aliases, programme keys and kinds."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pairmap.pairings.amounts import AmountKind, Unit, parse_unit

#: Columns a table must have.
REQUIRED_COLUMNS: tuple[str, ...] = ("donor", "recipient")

#: Columns whose values are amounts of money in yuan.
MONEY_COLUMNS: tuple[str, ...] = ("funds_cny", "investment_cny", "consumption_cny")

#: Columns whose values are counts of people or things.
COUNT_COLUMNS: tuple[str, ...] = (
    "jobs",
    "enterprises",
    "parks",
    "workshops",
    "cadres",
    "professionals",
    "schools",
    "hospitals",
)

#: Columns whose values count visits (人次, person-times): never summed with people.
VISIT_COLUMNS: tuple[str, ...] = ("visits",)

#: The named metric columns, in display order.
METRIC_COLUMNS: tuple[str, ...] = MONEY_COLUMNS + COUNT_COLUMNS + VISIT_COLUMNS

#: Metric column -> (Chinese label, unit word), the one label shown for it everywhere: the
#: template's header, the legend, popups and help. Words as the seed reports write them
#: (帮扶资金, 引进企业, 共建产业园区, 游客 … 人次). Money's unit word is 元. The
#: extra columns of the shipped tables (towns, villages ...) are labelled here too.
METRIC_LABELS: dict[str, tuple[str, str]] = {
    "funds_cny": ("帮扶资金", "元"),
    "investment_cny": ("引导投资", "元"),
    "consumption_cny": ("消费帮扶", "元"),
    "jobs": ("就业", "人"),
    "enterprises": ("引进企业", "家"),
    "parks": ("共建产业园区", "个"),
    "workshops": ("帮扶车间", "个"),
    "cadres": ("挂职干部", "人"),
    "professionals": ("专业技术人才", "人"),
    "schools": ("结对学校", "所"),
    "hospitals": ("结对医院", "家"),
    "visits": ("游客", "人次"),
    "towns": ("结对镇（街道）", "个"),
    "villages": ("结对村（社区）", "个"),
    "recipient_towns": ("受援方结对乡镇", "个"),
    "recipient_villages": ("受援方结对村", "个"),
    "recipient_schools": ("受援方结对学校", "所"),
    "recipient_hospitals": ("受援方结对医院", "家"),
}


def _label(column: str) -> str:
    return METRIC_LABELS[column][0]


#: Whole-year columns.
YEAR_COLUMNS: tuple[str, ...] = ("start_year", "end_year")

#: Adcode override columns.
ADCODE_COLUMNS: tuple[str, ...] = ("donor_adcode", "recipient_adcode")

#: Coordinate columns (WGS84 degrees).
COORDINATE_COLUMNS: tuple[str, ...] = ("donor_lon", "donor_lat", "recipient_lon", "recipient_lat")

#: Every canonical column, in the order of a template.
CANONICAL_COLUMNS: tuple[str, ...] = (
    "donor",
    "recipient",
    "donor_province",
    "donor_prefecture",
    "recipient_province",
    "recipient_prefecture",
    "donor_adcode",
    "recipient_adcode",
    "program",
    "round",
    "level",
    "group",
    "start_year",
    "end_year",
    *METRIC_COLUMNS,
    "donor_kind",
    "recipient_kind",
    "donor_seat",
    "recipient_seat",
    *COORDINATE_COLUMNS,
    "note",
    "source",
    "source_date",
)

#: Provenance columns every row carries after reading.
PROVENANCE_COLUMNS: tuple[str, ...] = ("source_file", "source_sheet", "source_row")

#: The two sides of a pairing.
SIDES: tuple[str, ...] = ("donor", "recipient")

#: Kinds of party. ``government`` is an administrative unit itself; every other kind
#: is drawn at its seat (``*_seat``) or at given coordinates.
KINDS: tuple[str, ...] = (
    "government",
    "agency",
    "enterprise",
    "zone",
    "town",
    "village",
    "school",
    "hospital",
    "organisation",
)


@dataclass(frozen=True)
class ColumnDoc:
    """What a canonical column holds, in Chinese and English, for templates and docs."""

    name: str
    zh: str
    en: str
    zh_help: str
    example: str


#: Documentation of every canonical column (same order as :data:`CANONICAL_COLUMNS`).
COLUMN_DOCS: tuple[ColumnDoc, ...] = (
    ColumnDoc("donor", "帮扶方", "Donor: the helping unit or party (required).",
              "帮扶方（必填）：行政区名称，或单位、企业、开发区、镇等", "茂名市"),
    ColumnDoc("recipient", "受援方", "Recipient: the helped unit or party (required).",
              "受援方（必填）", "来宾市"),
    ColumnDoc("donor_province", "帮扶方省份", "Province of the donor, to tell apart equal names.",
              "帮扶方所在省，用于区分同名地区", "广东省"),
    ColumnDoc("donor_prefecture", "帮扶方地市", "Prefecture of the donor, for equal names.",
              "帮扶方所在地级市", "广州市"),
    ColumnDoc("recipient_province", "受援方省份", "Province of the recipient, for equal names.",
              "受援方所在省", "广西壮族自治区"),
    ColumnDoc("recipient_prefecture", "受援方地市", "Prefecture of the recipient, for equal names.",
              "受援方所在地级市", "来宾市"),
    ColumnDoc("donor_adcode", "帮扶方区划代码", "Adcode of the donor; wins over the name.",
              "帮扶方六位行政区划代码（优先于名称）", "440900"),
    ColumnDoc("recipient_adcode", "受援方区划代码", "Six-digit adcode of the recipient.",
              "受援方六位行政区划代码", "451300"),
    ColumnDoc("program", "协作类型", "Programme: 东西部协作, 对口支援, 纵向帮扶, ...",
              "协作类型：东西部协作、对口支援、省内对口帮扶、纵向帮扶、横向帮扶等", "东西部协作"),
    ColumnDoc("round", "轮次", "Round of the arrangement, e.g. 2016 or 2021.",
              "结对轮次，如 2016、2021", "2021"),
    ColumnDoc("level", "层级", "Pairing level, e.g. province→prefecture.",
              "结对层级，如 province→prefecture（省→市）", "prefecture→prefecture"),
    ColumnDoc("group", "组团", "One id shared by the members of a 组团 / 多对一 group.",
              "组团编号：多对一结对的各行填同一编号", "来宾-金秀"),
    ColumnDoc("start_year", "开始年份", "First year of the pairing.", "开始年份", "2021"),
    ColumnDoc("end_year", "结束年份", "Last year; blank while it continues.",
              "结束年份，仍在进行则留空", ""),
    ColumnDoc("funds_cny", _label("funds_cny"),
              "Aid funds in yuan: fiscal aid (财政援助资金) and other money given "
              "(1.6775亿元 and 973万元 are read).",
              "帮扶资金（元；财政援助资金等，可写 1.6775亿元、973万元）", "1.6775亿元"),
    ColumnDoc("investment_cny", _label("investment_cny"), "Investment attracted, in yuan.",
              "引导企业投资额（元）", "24.74亿"),
    ColumnDoc("consumption_cny", _label("consumption_cny"), "Consumption aid (purchases), in yuan.",
              "消费帮扶金额（元）", "5.2亿元"),
    ColumnDoc("jobs", _label("jobs"), "People helped into jobs.", "帮助就业人数", "3.45万人"),
    ColumnDoc("enterprises", _label("enterprises"), "Firms brought in.", "引进企业数", "35"),
    ColumnDoc("parks", _label("parks"), "Industrial parks built together.", "共建产业园区数", "2"),
    ColumnDoc("workshops", _label("workshops"), "Aid workshops (帮扶车间).", "帮扶车间数", "12"),
    ColumnDoc("cadres", _label("cadres"), "Officials seconded.", "选派挂职干部人数", "20"),
    ColumnDoc("professionals", _label("professionals"),
              "Teachers, doctors and other professionals sent.", "选派专业技术人才人数", "150"),
    ColumnDoc("schools", _label("schools"), "Schools paired.", "结对学校数", "30"),
    ColumnDoc("hospitals", _label("hospitals"), "Hospitals paired.", "结对医院数", "10"),
    ColumnDoc("visits", _label("visits"),
              "Visits (人次, person-times) such as tourists received; never a number of people.",
              "接待游客等人次（人次，不是人数）", "95.73万人次"),
    ColumnDoc("donor_kind", "帮扶方类型",
              "Kind of donor: government, agency, enterprise, zone, town, school, hospital, "
              "organisation.",
              "帮扶方类型：government 政府 / agency 部门 / enterprise 企业 / zone 园区 / "
              "town 镇街 / school 学校 / hospital 医院 / organisation 组织", "agency"),
    ColumnDoc("recipient_kind", "受援方类型", "Kind of recipient (same values).",
              "受援方类型（取值同上）", ""),
    ColumnDoc("donor_seat", "帮扶方所在地",
              "Administrative unit where a non-administrative donor sits (drawn there).",
              "非行政区帮扶方所在的行政区，地图画在该处", "广州市"),
    ColumnDoc("recipient_seat", "受援方所在地",
              "Administrative unit where a non-administrative recipient sits.",
              "非行政区受援方所在的行政区", ""),
    ColumnDoc("donor_lon", "帮扶方经度", "Exact longitude of the donor (WGS84 degrees).",
              "帮扶方经度（WGS84）", ""),
    ColumnDoc("donor_lat", "帮扶方纬度", "Exact latitude of the donor (WGS84 degrees).",
              "帮扶方纬度（WGS84）", ""),
    ColumnDoc("recipient_lon", "受援方经度", "Exact longitude of the recipient.",
              "受援方经度（WGS84）", ""),
    ColumnDoc("recipient_lat", "受援方纬度", "Exact latitude of the recipient.",
              "受援方纬度（WGS84）", ""),
    ColumnDoc("note", "备注", "Free text shown with the pair.", "备注", ""),
    ColumnDoc("source", "来源", "Where the facts come from: outlet, title, date.",
              "资料来源：媒体、标题、日期", "广西日报 2022-05-10"),
    ColumnDoc("source_date", "来源日期", "Date of the source (YYYY-MM-DD).", "来源日期",
              "2022-05-10"),
)  # fmt: skip

#: Header texts (normalised with :func:`normalise_header`) that mean a canonical column.
#: Every canonical name and its Chinese label in :data:`COLUMN_DOCS` are added below.
_ALIASES: dict[str, tuple[str, ...]] = {
    "donor": ("帮扶方", "帮扶单位", "支援方", "帮扶地", "帮扶地区", "援助方", "支援单位",
              "帮扶城市", "东部地区", "东部", "派出方", "from", "source_unit", "donor_name"),
    "recipient": ("受援方", "被帮扶方", "受援地", "受援单位", "受援地区", "被帮扶地区",
                  "帮扶对象", "结对地区", "西部地区", "西部", "to", "recipient_name"),
    "donor_province": ("帮扶方省份", "帮扶省份", "帮扶方所在省", "东部省份", "支援方省份"),
    "donor_prefecture": ("帮扶方地市", "帮扶方市", "帮扶方所属市", "帮扶方上级", "donor_parent",
                         "donor_city"),
    "recipient_province": ("受援方省份", "受援省份", "受援方所在省", "西部省份", "受援地省份"),
    "recipient_prefecture": ("受援方地市", "受援方市", "受援方所属市", "受援方上级",
                             "recipient_parent", "recipient_city"),
    "donor_adcode": ("帮扶方区划代码", "帮扶方代码", "帮扶方行政区划代码"),
    "recipient_adcode": ("受援方区划代码", "受援方代码", "受援方行政区划代码"),
    "program": ("协作类型", "帮扶类型", "项目类型", "类型", "帮扶形式", "协作形式", "programme"),
    "round": ("轮次", "批次"),
    "level": ("层级", "结对层级", "级别"),
    "group": ("组团", "组别", "组团编号", "分组", "group_id"),
    "start_year": ("年份", "开始年份", "起始年份", "开始年度", "年度", "结对年份", "year"),
    "end_year": ("结束年份", "截止年份", "终止年份"),
    "funds_cny": ("财政援助资金", "帮扶资金", "资金", "援助资金", "财政帮扶资金", "投入资金",
                  "财政资金", "金额", "funds"),
    "investment_cny": ("引导投资", "投资", "投资额", "引导企业投资", "企业投资", "到位投资",
                       "investment"),
    "consumption_cny": ("消费帮扶", "消费帮扶金额", "采购金额", "消费帮扶额", "consumption"),
    "jobs": ("就业人数", "就业", "帮助就业", "转移就业", "转移就业人数", "劳务协作"),
    "enterprises": ("引进企业", "企业数", "引进企业数", "落地企业", "落地企业数", "firms"),
    "parks": ("共建园区", "共建产业园区", "园区", "园区数", "产业园区"),
    "workshops": ("帮扶车间", "车间", "车间数", "就业帮扶车间"),
    "cadres": ("挂职干部", "干部", "选派干部", "党政干部"),
    "professionals": ("专业技术人才", "专技人才", "专业人才", "技术人才"),
    "schools": ("结对学校", "学校", "学校数"),
    "hospitals": ("结对医院", "医院", "医院数"),
    "visits": ("人次", "游客", "接待游客", "游客人次", "接待人次", "旅游人次", "输送游客",
               "tourists"),
    "donor_kind": ("帮扶方类型", "帮扶单位类型"),
    "recipient_kind": ("受援方类型", "受援单位类型"),
    "donor_seat": ("帮扶方所在地", "帮扶单位所在地"),
    "recipient_seat": ("受援方所在地", "受援单位所在地"),
    "donor_lon": ("帮扶方经度",),
    "donor_lat": ("帮扶方纬度",),
    "recipient_lon": ("受援方经度",),
    "recipient_lat": ("受援方纬度",),
    "note": ("备注", "说明", "notes", "remark", "remarks"),
    "source": ("来源", "资料来源", "出处", "数据来源", "sources"),
    "source_date": ("来源日期", "发布日期", "日期", "date"),
}  # fmt: skip

_SPACES = re.compile(r"\s+")
_BRACKETED_UNIT = re.compile(r"^(?P<head>.*?)[(\[【](?P<unit>[^()\[\]【】]*)[)\]】]$")


def normalise_text(text: str) -> str:
    """NFKC-normalise ``text`` (full-width digits, letters, brackets) and collapse spaces."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def normalise_header(header: str) -> str:
    """The form of a header used for alias lookup: NFKC, lower case, no spaces or ``*``."""
    text = normalise_text(header).lower().replace(" ", "").replace("*", "")
    return text.replace("-", "_")


def _build_aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for doc in COLUMN_DOCS:
        table[normalise_header(doc.name)] = doc.name
        table[normalise_header(doc.zh)] = doc.name
    for canonical, aliases in _ALIASES.items():
        for alias in aliases:
            table.setdefault(normalise_header(alias), canonical)
    return table


#: Normalised header text -> canonical column.
HEADER_ALIASES: dict[str, str] = _build_aliases()


@dataclass(frozen=True)
class HeaderMatch:
    """A header recognised as a canonical column, with the unit written in it (if any)."""

    canonical: str
    scale: float = 1.0


def match_header(header: str) -> HeaderMatch | None:
    """Recognise a header as a canonical column.

    A unit in brackets after the header (``资金（万元）``, ``就业(万人)``, ``游客（万人次）``)
    is accepted for metric columns and scales plain numbers in that column.

    Parameters
    ----------
    header
        The header as written in the table.

    Returns
    -------
    HeaderMatch or None
        The canonical column and scale, or None when the header is not recognised.
    """
    key = normalise_header(header)
    if key in HEADER_ALIASES:
        return HeaderMatch(HEADER_ALIASES[key])
    bracketed = _BRACKETED_UNIT.match(key)
    if bracketed is None:
        return None
    canonical = HEADER_ALIASES.get(bracketed["head"])
    unit = parse_unit(bracketed["unit"])
    if canonical in METRIC_COLUMNS and unit is not None:
        return HeaderMatch(canonical, unit.scale)
    if canonical is not None and canonical not in METRIC_COLUMNS:
        return HeaderMatch(canonical)
    return None


def split_header_unit(header: str) -> tuple[str, Unit | None]:
    """Split a unit in brackets off a header: ``援助金额（万元）`` → (``援助金额``, 万元).

    Returns the header (NFKC-normalised) and None when it ends in no bracketed unit.

    Examples
    --------
    >>> split_header_unit("游客（万人次）")[1].scale
    10000.0
    >>> split_header_unit("结对单位（东部）")
    ('结对单位(东部)', None)
    """
    text = normalise_text(header)
    bracketed = _BRACKETED_UNIT.match(text)
    if bracketed is None:
        return text, None
    unit = parse_unit(bracketed["unit"])
    if unit is None:
        return text, None
    return bracketed["head"].strip(), unit


def metric_kind(column: str) -> AmountKind | None:
    """What a canonical metric column holds: money, count or visits (None for others)."""
    if column in MONEY_COLUMNS:
        return "money"
    if column in COUNT_COLUMNS:
        return "count"
    if column in VISIT_COLUMNS:
        return "visits"
    return None


#: Cell texts that stand for “no value” (compared after NFKC and lower-casing).
PLACEHOLDERS: frozenset[str] = frozenset(
    {"n/a", "na", "n.a.", "#n/a", "-", "--", "—", "——", "–", "/", "无", "暂无", "空", "null",
     "none", "nan"}
)  # fmt: skip


def is_placeholder(text: str | None) -> bool:
    """Whether a cell's text is a placeholder for “no value” (``N/A``, ``-``, ``无``, ``—``)."""
    if text is None or len(text) > 8 or text[:1].isdigit():
        return False
    return normalise_text(text).lower().replace(" ", "") in PLACEHOLDERS


#: Headers of serial-number columns, which are dropped rather than read as metrics.
SERIAL_HEADERS: frozenset[str] = frozenset(
    {"序号", "编号", "行号", "no", "no.", "#", "id", "index"}
)


def is_serial_header(header: str) -> bool:
    """Whether a header names a serial-number column (序号, No.)."""
    return normalise_header(header) in SERIAL_HEADERS


#: Recognised programmes: name as written (normalised) -> stable ASCII key.
PROGRAMMES: dict[str, str] = {
    "东西部协作": "east_west",
    "东西部扶贫协作": "east_west_poverty",
    "对口支援": "counterpart_support",
    "对口帮扶": "counterpart_assistance",
    "对口合作": "counterpart_cooperation",
    "对口协作": "counterpart_collaboration",
    "省内对口帮扶": "intra_provincial",
    "纵向帮扶": "vertical",
    "横向帮扶": "horizontal",
    "驻镇帮镇扶村": "town_village",
    "携手奔小康": "hand_in_hand",
    "定点帮扶": "designated",
    "万企兴万村": "firms_villages",
    "万企帮万村": "firms_villages",
    "消费帮扶": "consumption",
}

#: Stable programme keys that may also be written as they are.
PROGRAMME_KEYS: tuple[str, ...] = tuple(sorted(set(PROGRAMMES.values())))


def program_key(program: str | None) -> str | None:
    """The stable key of a programme name, or the name as written when not recognised.

    Parameters
    ----------
    program
        The programme as written (``东西部协作``, ``纵向帮扶``, ``east_west``, ...).

    Returns
    -------
    str or None
        ``east_west``, ``vertical``, ... for recognised programmes; the stripped text
        for others; None for a blank value.

    Examples
    --------
    >>> program_key("东西部扶贫协作")
    'east_west_poverty'
    >>> program_key("闽宁协作")
    '闽宁协作'
    """
    if program is None:
        return None
    text = normalise_text(str(program))
    if not text:
        return None
    compact = text.replace(" ", "")
    if compact in PROGRAMMES:
        return PROGRAMMES[compact]
    if compact.lower() in PROGRAMME_KEYS:
        return compact.lower()
    return text


#: Kind names as written (Chinese or English, normalised) -> kind.
KIND_ALIASES: dict[str, str] = {
    **{kind: kind for kind in KINDS},
    "organization": "organisation",
    "company": "enterprise",
    "firm": "enterprise",
    "政府": "government",
    "行政区": "government",
    "地方政府": "government",
    "部门": "agency",
    "机关": "agency",
    "单位": "agency",
    "省直单位": "agency",
    "企业": "enterprise",
    "国企": "enterprise",
    "公司": "enterprise",
    "开发区": "zone",
    "园区": "zone",
    "合作区": "zone",
    "镇": "town",
    "乡镇": "town",
    "街道": "town",
    "村": "village",
    "行政村": "village",
    "社区": "village",
    "镇街": "town",
    "学校": "school",
    "高校": "school",
    "医院": "hospital",
    "组织": "organisation",
    "社会组织": "organisation",
}


def kind_key(kind: str | None) -> str | None:
    """The kind of party for a value of ``donor_kind`` / ``recipient_kind``.

    Returns None for a blank value; raises ValueError for an unrecognised one.
    """
    if kind is None:
        return None
    text = normalise_text(str(kind)).lower()
    if not text:
        return None
    if text in KIND_ALIASES:
        return KIND_ALIASES[text]
    raise ValueError(f"unknown kind {kind!r}")


#: Columns that are never metrics even when their values look numeric.
NON_METRIC_COLUMNS: frozenset[str] = frozenset(
    set(CANONICAL_COLUMNS) - set(METRIC_COLUMNS)
    | set(PROVENANCE_COLUMNS)
    | {
        f"{side}_{suffix}"
        for side in SIDES
        for suffix in ("adcode", "unit", "level", "province_adcode", "kind", "lon", "lat")
    }
    | {"program_key", "approximate"}
)
