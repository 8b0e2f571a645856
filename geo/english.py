"""English names of administrative units: pinyin with the generic word translated.

A unit's English name is its proper name in Hanyu Pinyin, the romanisation the
PRC and the UN standardised for Chinese place names, followed by the generic
word in English: 金秀瑶族自治县 → Jinxiu Yao Autonomous County, 茂南区 → Maonan
District; cities of either level have no generic word (百色市 → Baise, 英德市 →
Yingde). Pinyin syllables are written together, an apostrophe before a syllable
starting with a, o or e (西安 → Xi'an), ü kept (吕梁 → Lüliang).

Two shipped tables correct what pypinyin alone gets wrong:

- ``data/english_names.csv``: conventional English names by adcode (provinces,
  Hong Kong and Macao with their districts, and cities whose English name is
  transcribed from Mongolian, Uygur, Kazak, Kirgiz or Tibetan: Hohhot, Urumqi,
  Lhasa), each row saying which convention it follows. 西藏 is Xizang, after the
  PRC government's English usage since 2023 (edit the row for Tibet).
- ``data/pinyin_readings.csv``: readings of polyphonic characters in place names
  (都 du, 长 chang, 六合 Luhe, 洪洞 Hongtong), applied before pypinyin.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pairmap.geo.gazetteer import Place
from pairmap.geo.levels import as_level
from pairmap.geo.names import normalize_name

#: Conventional English names, by adcode.
ENGLISH_NAMES_CSV = Path(__file__).resolve().parent / "data" / "english_names.csv"
#: Place-name readings of polyphonic characters and phrases.
PINYIN_READINGS_CSV = Path(__file__).resolve().parent / "data" / "pinyin_readings.csv"

#: Ethnic groups as named in autonomous units, Chinese stem -> English.
ETHNIC_ENGLISH: dict[str, str] = {
    **{"壮": "Zhuang", "回": "Hui", "苗": "Miao", "布依": "Buyei", "瑶": "Yao"},
    **{"土家": "Tujia", "侗": "Dong", "彝": "Yi", "藏": "Tibetan", "蒙古": "Mongol"},
    **{"朝鲜": "Korean", "傣": "Dai", "白": "Bai", "哈尼": "Hani", "傈僳": "Lisu"},
    **{"景颇": "Jingpo", "羌": "Qiang", "黎": "Li", "畲": "She", "仡佬": "Gelao"},
    **{"水": "Shui", "毛南": "Maonan", "仫佬": "Mulao", "纳西": "Naxi", "拉祜": "Lahu"},
    **{"佤": "Va", "东乡": "Dongxiang", "保安": "Bonan", "撒拉": "Salar", "土": "Tu"},
    **{"裕固": "Yugur", "达斡尔": "Daur", "鄂温克": "Ewenki", "鄂伦春": "Oroqen"},
    **{"满": "Manchu", "锡伯": "Xibe", "普米": "Pumi", "怒": "Nu", "独龙": "Derung"},
    **{"布朗": "Blang", "阿昌": "Achang", "德昂": "De'ang", "基诺": "Jino", "京": "Gin"},
    **{"门巴": "Monba", "珞巴": "Lhoba", "俄罗斯": "Russian", "乌孜别克": "Uzbek"},
    **{"塔塔尔": "Tatar", "赫哲": "Hezhen", "高山": "Gaoshan", "维吾尔": "Uygur"},
    **{"哈萨克": "Kazak", "塔吉克": "Tajik", "柯尔克孜": "Kirgiz"},
    "各": "Various Nationalities",
}

#: Ethnic names that official names also write without 族 (伊犁哈萨克自治州).
_WITHOUT_ZU = ("维吾尔", "哈萨克", "塔吉克", "柯尔克孜", "蒙古", "锡伯", "鄂伦春")


@dataclass(frozen=True)
class _Generic:
    """A generic word: its English in the full and the common form, and the shortest stem."""

    suffix: str
    full: str
    common: str
    shortest: int
    autonomous: bool = False


#: Generic words, longest first. 市 needs a two-character stem (芒市 is Mangshi);
#: 林区 three (碑林区 is Beilin District, 神农架林区 Shennongjia Forestry District).
_GENERICS: tuple[_Generic, ...] = (
    _Generic("特别行政区", "Special Administrative Region", "", 1),
    _Generic("自治区", "Autonomous Region", "", 1, autonomous=True),
    _Generic("自治州", "Autonomous Prefecture", "Prefecture", 1, autonomous=True),
    _Generic("自治县", "Autonomous County", "County", 1, autonomous=True),
    _Generic("自治旗", "Autonomous Banner", "Banner", 1, autonomous=True),
    _Generic("地区", "Prefecture", "Prefecture", 2),
    _Generic("林区", "Forestry District", "Forestry District", 3),
    _Generic("特区", "Special District", "Special District", 2),
    _Generic("矿区", "Mining District", "Mining District", 2),
    _Generic("新区", "New Area", "New Area", 2),
    _Generic("开发区", "Development Zone", "Development Zone", 2),
    _Generic("街道", "Subdistrict", "Subdistrict", 1),
    _Generic("省", "Province", "", 2),
    _Generic("市", "", "", 2),
    _Generic("州", "Prefecture", "Prefecture", 2),  # 黔南州, as people write 黔南布依族苗族自治州
    _Generic("县", "County", "County", 1),
    _Generic("区", "District", "District", 1),
    _Generic("旗", "Banner", "Banner", 1),
    _Generic("盟", "League", "League", 1),
    _Generic("镇", "Town", "Town", 1),
    _Generic("乡", "Township", "Township", 1),
)
_NO_GENERIC = _Generic("", "", "", 0)

#: Wings and positions that end banner names (科尔沁左翼中旗 → Horqin Left Middle Banner).
_BANNER_SIDES: tuple[tuple[str, str], ...] = (
    *(
        (f"{wing}翼{place}", f"{wing_en} {place_en}")
        for wing, wing_en in (("左", "Left"), ("右", "Right"))
        for place, place_en in (("前", "Front"), ("中", "Middle"), ("后", "Rear"))
    ),
    *(("左", "Left"), ("右", "Right"), ("前", "Front"), ("中", "Middle"), ("后", "Rear")),
)

#: Amap's name for the part of a prefecture it administers directly.
_DIRECT = "直辖"

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


@dataclass(frozen=True)
class _Parts:
    """An official name taken apart: proper name, ethnic groups, generic word."""

    stem: str
    ethnic: tuple[str, ...]
    generic: _Generic
    direct: bool
    side: str = ""


@dataclass(frozen=True)
class _Conventional:
    name: str
    short: str
    full: str | None
    level: str | None


def english_name(place: Place | str, *, level: str | None = None) -> str:
    """The full English name of a unit.

    Parameters
    ----------
    place
        A :class:`~pairmap.geo.gazetteer.Place` (its adcode finds the
        conventional name) or an official Chinese name (conventional names of
        provinces and prefectures are found by name).
    level
        With a name: the unit's level, so only conventional names of that level
        apply.

    Examples
    --------
    >>> english_name("金秀瑶族自治县")
    'Jinxiu Yao Autonomous County'
    >>> english_name("黔南布依族苗族自治州")
    'Qiannan Buyei and Miao Autonomous Prefecture'
    >>> english_name("六盘水市")
    'Liupanshui'
    """
    parts, core, conventional = _lookup(place, level)
    if conventional is not None and conventional.full:
        return conventional.full
    words = [core, parts.side, _ethnic_phrase(parts.ethnic), parts.generic.full]
    return _with_direct(" ".join(word for word in words if word), parts)


def common_english_name(place: Place | str, *, level: str | None = None) -> str:
    """The English name as people usually write it: 黔南州 → Qiannan Prefecture.

    Ethnic groups and "Autonomous" are left out, as in the Chinese short forms
    (金秀县 → Jinxiu County, 广西 → Guangxi, 广东 → Guangdong). Parameters as for
    :func:`english_name`.
    """
    parts, core, conventional = _lookup(place, level)
    if conventional is not None and conventional.full:
        return conventional.full
    words = [core, parts.side, parts.generic.common]
    return _with_direct(" ".join(word for word in words if word), parts)


def short_english_name(place: Place | str, *, level: str | None = None) -> str:
    """The proper name alone, for labels: 金秀瑶族自治县 → Jinxiu, 黔南布依族苗族自治州 → Qiannan.

    A one-character proper name keeps its generic word (赵县 → Zhao County,
    东区 → Dong District), as the Chinese short forms do. Parameters as for
    :func:`english_name`.
    """
    parts, core, conventional = _lookup(place, level)
    if conventional is not None:
        return core
    if len(parts.stem) == 1 and parts.generic.common:
        core = f"{core} {parts.generic.common}"
    core = f"{core} {parts.side}" if parts.side else core
    return f"{core} (directly administered)" if parts.direct else core


@functools.lru_cache(maxsize=8192)
def romanise(text: str) -> str:
    """Hanyu Pinyin of a Chinese proper name, written as place names are.

    Syllables are joined, an apostrophe goes before a syllable starting with a,
    o or e, the first letter is upper case; polyphonic characters take their
    place-name readings (``data/pinyin_readings.csv``). Other characters pass
    through unchanged.

    Examples
    --------
    >>> romanise("西安")
    "Xi'an"
    >>> romanise("六合")
    'Luhe'
    """
    pieces: list[str] = []
    previous_syllable = False
    for piece, is_syllable in _syllables(normalize_name(text)):
        if is_syllable and previous_syllable and piece[:1] in ("a", "o", "e"):
            pieces.append("'")
        pieces.append(piece)
        previous_syllable = is_syllable
    written = "".join(pieces)
    return written[:1].upper() + written[1:]


def has_han(text: str) -> bool:
    """Whether ``text`` holds any Chinese (Han) character."""
    return _HAN.search(text) is not None


def _lookup(place: Place | str, level: str | None) -> tuple[_Parts, str, _Conventional | None]:
    """Take a unit's name apart and find its English proper name."""
    if level is not None:
        as_level(level)
    if isinstance(place, Place):
        name, conventional = place.name, _conventional_by_code().get(place.adcode)
    else:
        name = normalize_name(place)
        conventional = _conventional_by_name().get(name)
        if conventional is not None and level is not None and conventional.level != level:
            conventional = None
    parts = _split(name)
    if conventional is not None:
        return parts, conventional.short, conventional
    if not parts.stem and parts.ethnic:
        # 东乡族自治县: the ethnic group is the proper name
        return _Parts("", (), parts.generic, parts.direct, parts.side), parts.ethnic[0], None
    inherited = _inherited(place, parts.stem) if isinstance(place, Place) else None
    return parts, inherited or romanise(parts.stem), None


def _inherited(place: Place, stem: str) -> str | None:
    """The conventional proper name of the prefecture or province a unit is named after.

    阿拉善左旗 under 阿拉善盟 (Alxa League) is Alxa Left Banner; 和田县 under 和田地区
    (Hotan Prefecture) is Hotan County. Only the unit's own parents count: 兴安县 in
    Guangxi is Xing'an County whatever 兴安盟 is called.
    """
    rows = _conventional_by_code()
    for code in (place.parent_adcode, place.province_adcode):
        row = rows.get(code or "")
        if row is not None and code != place.adcode and _split(row.name).stem == stem:
            return row.short
    return None


def _with_direct(text: str, parts: _Parts) -> str:
    return f"{text} (directly administered area)" if parts.direct else text


def _split(name: str) -> _Parts:
    """Split an official name: 黔南布依族苗族自治州 → 黔南, (Buyei, Miao), 自治州."""
    direct = name.endswith(_DIRECT) and len(name) > len(_DIRECT)
    if direct:
        name = name.removesuffix(_DIRECT)
    generic = next(
        (
            g
            for g in _GENERICS
            if name.endswith(g.suffix) and len(name) - len(g.suffix) >= g.shortest
        ),
        _NO_GENERIC,
    )
    stem = name[: len(name) - len(generic.suffix)]
    stem, ethnic = _strip_ethnic(stem, autonomous=generic.autonomous)
    side = ""
    if generic.suffix.endswith("旗"):
        for chinese, english in _BANNER_SIDES:
            if stem.endswith(chinese) and len(stem) - len(chinese) >= 2:
                stem, side = stem.removesuffix(chinese), english
                break
    return _Parts(stem=stem, ethnic=ethnic, generic=generic, direct=direct, side=side)


def _strip_ethnic(stem: str, *, autonomous: bool) -> tuple[str, tuple[str, ...]]:
    """Take ethnic group names off the end of ``stem`` (in English, in written order).

    The forms without 族 (伊犁哈萨克) count only in autonomous units; at least two
    characters of proper name stay (内蒙古 keeps 蒙古), unless the whole stem is one
    ethnic name (东乡族自治县), which then becomes the proper name.
    """
    found: list[str] = []
    while True:
        for chinese, english in _ethnic_forms(autonomous=autonomous):
            rest = stem.removesuffix(chinese)
            if rest != stem and (len(rest) >= 2 or (rest == "" and not found)):
                found.insert(0, english)
                stem = rest
                break
        else:
            return stem, tuple(found)


@functools.cache
def _ethnic_forms(*, autonomous: bool) -> tuple[tuple[str, str], ...]:
    forms = {f"{stem}族": english for stem, english in ETHNIC_ENGLISH.items()}
    if autonomous:
        forms.update({stem: ETHNIC_ENGLISH[stem] for stem in _WITHOUT_ZU})
    return tuple(sorted(forms.items(), key=lambda item: (-len(item[0]), item[0])))


def _ethnic_phrase(groups: tuple[str, ...]) -> str:
    """Buyei, Miao → "Buyei and Miao"; three or more → "Bonan, Dongxiang and Salar"."""
    if len(groups) <= 1:
        return "".join(groups)
    return ", ".join(groups[:-1]) + " and " + groups[-1]


def _syllables(text: str) -> Iterator[tuple[str, bool]]:
    """Pinyin syllables of ``text`` (flagged True) and the non-Han runs between them."""
    readings = _readings()
    longest = max(len(key) for key in readings)
    plain = ""
    position = 0
    while position < len(text):
        for size in range(min(longest, len(text) - position), 0, -1):
            reading = readings.get(text[position : position + size])
            if reading is not None:
                yield from _pypinyin(plain)
                plain = ""
                yield from ((syllable, True) for syllable in reading)
                position += size
                break
        else:
            plain += text[position]
            position += 1
    yield from _pypinyin(plain)


def _pypinyin(text: str) -> Iterator[tuple[str, bool]]:
    """pypinyin's readings of ``text`` (it reads whole phrases: 厦门 xia men, 蚌埠 beng bu)."""
    if not text:
        return
    from pypinyin import Style, lazy_pinyin

    for piece in lazy_pinyin(text, style=Style.NORMAL, v_to_u=True):
        yield piece, not has_han(piece) and piece.isalpha() and piece.islower()


@functools.cache
def _readings() -> dict[str, tuple[str, ...]]:
    with PINYIN_READINGS_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {row["text"]: tuple(row["pinyin"].split()) for row in rows}


@functools.cache
def _conventional_rows() -> tuple[dict[str, str], ...]:
    with ENGLISH_NAMES_CSV.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


@functools.cache
def _conventional_by_code() -> dict[str, _Conventional]:
    return {row["adcode"]: _conventional(row) for row in _conventional_rows()}


@functools.cache
def _conventional_by_name() -> dict[str, _Conventional]:
    """Rows found by name: provinces and prefectures (county names repeat across China)."""
    return {
        row["name"]: _conventional(row)
        for row in _conventional_rows()
        if _level_of(row["adcode"]) != "county"
    }


def _conventional(row: dict[str, str]) -> _Conventional:
    return _Conventional(
        name=row["name"],
        short=row["short_english"],
        full=row["english"] or None,
        level=_level_of(row["adcode"]),
    )


def _level_of(adcode: str) -> str:
    """Level of a table row's unit from its adcode (the table holds no odd codes)."""
    if adcode.endswith("0000"):
        return "province"
    return "prefecture" if adcode.endswith("00") else "county"
