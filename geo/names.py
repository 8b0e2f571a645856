"""Normalisation of Chinese place names and the short forms people write for them."""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import unicodedata
from pathlib import Path

_ETHNIC_STEMS: tuple[str, ...] = (
    *("壮", "回", "苗", "布依", "瑶", "土家", "侗", "彝", "藏", "蒙古", "朝鲜", "傣", "白"),
    *("哈尼", "傈僳", "景颇", "羌", "黎", "畲", "仡佬", "水", "毛南", "仫佬", "纳西", "拉祜"),
    *("佤", "东乡", "保安", "撒拉", "土", "裕固", "达斡尔", "鄂温克", "鄂伦春", "满", "锡伯"),
    *("普米", "怒", "独龙", "布朗", "阿昌", "德昂", "基诺", "京", "门巴", "珞巴", "俄罗斯"),
    *("乌孜别克", "塔塔尔", "赫哲", "高山", "维吾尔", "哈萨克", "塔吉克", "柯尔克孜", "各"),
)
#: Ethnic names that official names also write without 族.
_WITHOUT_ZU: tuple[str, ...] = ("维吾尔", "哈萨克", "塔吉克", "柯尔克孜", "蒙古", "锡伯", "鄂伦春")

#: Ethnic names as they appear inside official names of autonomous units, with and
#: without 族 (博尔塔拉蒙古自治州, 伊犁哈萨克自治州, 察布查尔锡伯自治县, 龙胜各族自治县).
ETHNIC_NAMES: tuple[str, ...] = tuple(
    sorted(
        {*(f"{stem}族" for stem in _ETHNIC_STEMS), *_WITHOUT_ZU},
        key=lambda name: (-len(name), name),
    )
)

#: Generic suffixes of official names, longest first; the number is the shortest
#: stem (in characters) that stripping may leave.  林区 keeps three characters so
#: that 神农架林区 gives 神农架 while 碑林区 stays 碑林.
_SUFFIXES: tuple[tuple[str, int], ...] = (
    ("特别行政区", 2),
    ("自治区", 2),
    ("自治州", 2),
    ("自治县", 2),
    ("自治旗", 2),
    ("地区", 2),
    ("林区", 3),
    ("特区", 2),
    ("矿区", 2),
    ("新区", 2),
    ("省", 2),
    ("市", 2),
    ("县", 2),
    ("区", 2),
    ("旗", 2),
    ("盟", 2),
)

#: Suffix of an autonomous unit -> the plain generic word people put after its short form
#: (黔南州, 金秀县, 莫力达瓦旗).
_PLAIN_GENERIC: dict[str, str] = {"自治州": "州", "自治县": "县", "自治旗": "旗"}

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_WHITESPACE = re.compile(r"\s+")
_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
_SPACE_NEXT_TO_CJK = re.compile(rf"(?<={_CJK}) | (?={_CJK})")


def normalize_name(text: str) -> str:
    """Return ``text`` in the form names are compared in.

    Full-width letters, digits and punctuation become half-width (Unicode NFKC),
    zero-width characters go, whitespace runs become one space and spaces next to
    a Chinese character go (``"广 州　市"`` -> ``"广州市"``), ends are trimmed.
    The function is idempotent.

    Parameters
    ----------
    text
        A place name as written.

    Returns
    -------
    str
        The normalised name.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _WHITESPACE.sub(" ", text).strip()
    previous = None
    while previous != text:
        previous = text
        text = _SPACE_NEXT_TO_CJK.sub("", text)
    return text


def split_bracketed(text: str) -> tuple[str, str] | None:
    """Split ``name(remark)`` into ``("name", "remark")``; None when ``text`` is not that shape.

    The name runs to the first ``(`` after the first character and the remark to the
    final ``)``; both must be non-empty.  Brackets must already be half-width (run
    :func:`normalize_name` first).  One scan, whatever the text holds: a cell of
    100,000 ``(`` costs what any other cell of that length does.

    Examples
    --------
    >>> split_bracketed("白云区(广州)")
    ('白云区', '广州')
    >>> split_bracketed("白云区") is None
    True
    """
    if len(text) < 4 or not text.endswith(")"):
        return None
    opening = text.find("(", 1, len(text) - 2)
    if opening < 0:
        return None
    return text[:opening], text[opening + 1 : -1]


def strip_ethnic(stem: str) -> str:
    """Remove ethnic names from the end of ``stem`` while at least two characters remain.

    ``"黔南布依族苗族"`` -> ``"黔南"``; ``"内蒙古"`` stays (``"内"`` would be too short);
    a stem that is nothing but one ethnic name loses only its 族 (``"东乡族"`` -> ``"东乡"``).
    """
    while True:
        for ethnic in ETHNIC_NAMES:
            if stem.endswith(ethnic) and len(stem) - len(ethnic) >= 2:
                stem = stem[: -len(ethnic)]
                break
        else:
            break
    if stem in ETHNIC_NAMES and stem.endswith("族") and len(stem) >= 3:
        stem = stem[:-1]
    return stem


def split_suffix(name: str) -> tuple[str, str]:
    """Split an official name into its stem and generic suffix.

    ``"金秀瑶族自治县"`` -> ``("金秀瑶族", "自治县")``; ``"六枝特区"`` -> ``("六枝", "特区")``;
    a name with no known suffix (or too short a stem) comes back as ``(name, "")``.
    """
    for suffix, shortest in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= shortest:
            return name[: -len(suffix)], suffix
    return name, ""


def core_name(name: str) -> str:
    """Return the short form of an official name: no generic suffix, no ethnic names.

    ``"黔南布依族苗族自治州"`` -> ``"黔南"``, ``"广西壮族自治区"`` -> ``"广西"``,
    ``"六枝特区"`` -> ``"六枝"``, ``"白云区"`` -> ``"白云"``; names too short to shorten
    (``"东区"``, ``"矿区"``) are returned unchanged.
    """
    name = normalize_name(name)
    stem, suffix = split_suffix(name)
    if not suffix:
        return name
    return strip_ethnic(stem)


def short_forms(name: str) -> tuple[str, ...]:
    """Return the other names an official name is written as, most specific first.

    The short form itself (:func:`core_name`) and, for autonomous prefectures,
    counties and banners, the short form with the plain generic word
    (``"黔南州"``, ``"金秀县"``); for ethnic districts the short form with 区
    (``"管城回族区"`` -> ``"管城区"``).  The official name itself is not included.

    Parameters
    ----------
    name
        The official name of a unit.

    Returns
    -------
    tuple of str
        Alias keys, already normalised, without duplicates.
    """
    name = normalize_name(name)
    stem, suffix = split_suffix(name)
    if not suffix:
        return ()
    core = strip_ethnic(stem)
    forms: list[str] = []
    plain = _PLAIN_GENERIC.get(suffix)
    if plain is None and core != stem and suffix in ("区", "县", "旗"):
        plain = suffix
    if plain is not None:
        forms.append(core + plain)
    forms.append(core)
    forms.extend(banner_abbreviations(core, plain or suffix))
    return tuple(dict.fromkeys(form for form in forms if form != name and len(form) >= 2))


#: Sides and positions of banners named after one people (科尔沁右翼前旗, 乌拉特中旗).
_WINGS: tuple[str, ...] = ("左翼", "右翼")
_POSITIONS: tuple[str, ...] = ("前", "中", "后", "左", "右")


def banner_abbreviations(core: str, suffix: str) -> tuple[str, ...]:
    """Short forms of banners and counties named by wing: 察哈尔右翼前旗 -> 察右前旗.

    The first character of the people or league, then the wing (左/右) and the
    position (前/中/后), then the generic word: 科尔沁左翼中旗 -> 科左中旗, 土默特右旗
    -> 土右旗, 乌拉特前旗 -> 乌前旗, 喀喇沁左翼(蒙古族自治)县 -> 喀左县.

    Parameters
    ----------
    core
        The name without its generic word and ethnic words (察哈尔右翼前).
    suffix
        The generic word the short form ends in (旗, 县).

    Returns
    -------
    tuple of str
        The abbreviation, or nothing when the name is not of that shape.

    Examples
    --------
    >>> banner_abbreviations("察哈尔右翼前", "旗")
    ('察右前旗',)
    >>> banner_abbreviations("金秀", "县")
    ()
    """
    if suffix not in ("旗", "县"):
        return ()
    position = core[-1] if core[-1:] in ("前", "中", "后") and len(core) > 3 else ""
    stem = core[: len(core) - len(position)]
    for wing in _WINGS:
        if stem.endswith(wing) and len(stem) >= len(wing) + 2:
            return (stem[0] + wing[0] + position + suffix,)
    if not position and stem[-1:] in _POSITIONS and len(stem) >= 3 and suffix == "旗":
        return (stem[0] + stem[-1] + suffix,)
    if position and len(stem) >= 2 and suffix == "旗":
        return (stem[0] + position + suffix,)
    return ()


@functools.cache
def _readings() -> dict[int, str]:
    """pypinyin's table of single characters: code point -> ``"jīn,jìn"``.

    Read from the package's data file without importing the package, whose phrase
    tables (not needed for single characters) take most of a second to load.
    """
    spec = importlib.util.find_spec("pypinyin")
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    for folder in folders:
        path = Path(folder) / "pinyin_dict.json"
        if path.is_file():
            table = json.loads(path.read_text(encoding="utf-8"))
            return {int(code): readings for code, readings in table.items()}
    from pypinyin.pinyin_dict import pinyin_dict  # another layout: let pypinyin read it

    return dict(pinyin_dict)


@functools.cache
def _syllable(char: str) -> str:
    """The first reading of ``char`` without tones (ü as v), or ``char`` itself."""
    readings = _readings().get(ord(char))
    if readings is None:
        return char
    first = unicodedata.normalize("NFD", readings.split(",")[0]).replace("u\u0308", "v")
    return "".join(mark for mark in first if not unicodedata.combining(mark))


def sound_of(text: str) -> tuple[str, ...]:
    """The toneless pinyin syllables of ``text``, one per character.

    Names typed with a pinyin input method go wrong by homophones (金绣 for 金秀),
    so "did you mean" compares sounds as well as characters. Characters are looked
    up one at a time in pypinyin's character table (the first reading, as
    ``pypinyin.lazy_pinyin`` gives it), which is fast and good enough for matching.

    Examples
    --------
    >>> sound_of("金绣县") == sound_of("金秀县")
    True
    """
    return tuple(_syllable(char) for char in text)
