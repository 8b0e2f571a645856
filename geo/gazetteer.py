"""Place names and adcodes -> administrative units (the gazetteer)."""

from __future__ import annotations

import csv
import functools
import logging
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from pairmap.geo.aliases import Alias, read_aliases
from pairmap.geo.errors import (
    AmbiguousPlaceError,
    NotAdministrativeError,
    PlaceError,
    UnknownPlaceError,
)
from pairmap.geo.levels import as_level
from pairmap.geo.names import normalize_name, short_forms, sound_of, split_bracketed
from pairmap.geo.suggest import SuggestionIndex

logger = logging.getLogger(__name__)

#: The shipped rename table.
RENAMES_CSV = Path(__file__).resolve().parent / "data" / "renames.csv"

#: How a name key reached a unit; a lower tier wins over a higher one.
_OFFICIAL, _SHORT, _FORMER = 0, 1, 2

_ADCODE = re.compile(r"\d{6}")
#: Separators people put between the parts of a path-like name.
_PATH_SEPARATORS = re.compile(r"[\s›>/|\\,，、·•\-—]+")
#: Words after a unit's name that still mean the unit (its government).
_GOVERNMENT_WORDS: tuple[str, ...] = ("人民政府", "政府")
#: A path-like name has at most this many parts (province, prefecture, county and two
#: more levels of recursion); anything longer than that many of the longest names is no path.
_MAX_PATH_PARTS = 5
#: Names are shown in messages up to this many characters.
_SHOWN_LENGTH = 80


@dataclass(frozen=True)
class Place:
    """One administrative unit as the gazetteer returns it.

    Attributes
    ----------
    adcode
        6-character code of the unit in the boundary data (Amap's; see ``note``).
    name
        Full official name as in the boundary data.
    level
        ``"province"``, ``"prefecture"`` or ``"county"``.
    province_adcode, parent_adcode
        The province, and the unit directly above (``None`` for a province).
    path
        Names from the province down to the unit itself.
    note
        How a former name or code led here (rename, lagging code), else ``None``.
    """

    adcode: str
    name: str
    level: str
    province_adcode: str
    parent_adcode: str | None
    path: tuple[str, ...]
    note: str | None = None

    @property
    def full_path(self) -> str:
        """The path joined for display: ``"广东省 › 广州市 › 白云区"``."""
        return " › ".join(self.path)

    def describe(self) -> str:
        """One line naming the unit: ``"440111 广东省 › 广州市 › 白云区"``."""
        return f"{self.adcode} {self.full_path}"


@dataclass(frozen=True)
class _Hit:
    adcode: str
    tier: int
    note: str | None


@dataclass(frozen=True)
class Rename:
    """One row of ``geo/data/renames.csv``."""

    old_name: str
    old_adcode: str | None
    new_name: str
    new_adcode: str
    year: int
    kind: str
    province: str
    parent: str
    source: str


def read_renames() -> list[Rename]:
    """Read the shipped rename table (renamed units, abolished units, Amap's lagging codes)."""
    text = RENAMES_CSV.read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines())
    return [
        Rename(
            old_name=normalize_name(row["old_name"]),
            old_adcode=row["old_adcode"] or None,
            new_name=normalize_name(row["new_name"]),
            new_adcode=row["new_adcode"],
            year=int(row["year"]),
            kind=row["kind"],
            province=row["province"],
            parent=row["parent"],
            source=row["source"],
        )
        for row in rows
    ]


class Gazetteer:
    """Resolve place names and adcodes to administrative units.

    Build it from a unit table (the columns of :func:`geo.source.read_unit_table`:
    ``adcode, name, level, province_adcode, parent_adcode``) and the rename table,
    or take the shared instance from :meth:`default`.

    Parameters
    ----------
    units
        One row per unit; not modified.
    renames
        Renamed and abolished units and lagging codes (:func:`read_renames`).
    aliases
        Other names of units (:func:`pairmap.geo.aliases.read_aliases`): irregular
        short forms and the 兵团 divisions.

    Attributes
    ----------
    skipped_renames
        Rows of ``renames`` whose new unit or code is not in ``units`` (ignored).
    skipped_aliases
        Rows of ``aliases`` whose unit is not in ``units`` under that name (ignored).
    """

    def __init__(
        self,
        units: pd.DataFrame,
        renames: Sequence[Rename] = (),
        aliases: Sequence[Alias] = (),
    ) -> None:
        columns = ["adcode", "name", "level", "province_adcode", "parent_adcode"]
        records = units[columns].itertuples(index=False, name=None)
        raw = {adcode: (name, level, prov, parent) for adcode, name, level, prov, parent in records}
        self._places: dict[str, Place] = {}
        self._ancestors: dict[str, frozenset[str]] = {}
        for adcode in raw:
            chain = [adcode]
            while (parent := raw[chain[-1]][3]) and parent in raw and parent not in chain:
                chain.append(parent)
            name, level, province_adcode, parent_adcode = raw[adcode]
            self._places[adcode] = Place(
                adcode=adcode,
                name=name,
                level=level,
                province_adcode=province_adcode,
                parent_adcode=parent_adcode or None,
                path=tuple(raw[code][0] for code in reversed(chain)),
            )
            self._ancestors[adcode] = frozenset(chain[1:])
        self._with_children = frozenset(
            place.parent_adcode for place in self._places.values() if place.parent_adcode
        )
        self._keys: dict[str, dict[str, _Hit]] = {}
        for place in self._places.values():
            self._add_key(normalize_name(place.name), _Hit(place.adcode, _OFFICIAL, None))
            for form in short_forms(place.name):
                self._add_key(form, _Hit(place.adcode, _SHORT, None))
        #: adcode not in the data (former or official code) -> unit and note
        self._codes: dict[str, _Hit] = {}
        #: data adcode -> note on its lagging code
        self._code_notes: dict[str, str] = {}
        self.skipped_renames: list[Rename] = []
        self.skipped_aliases: list[Alias] = []
        self._add_renames(renames)
        self._add_aliases(aliases)
        self._sorted_keys = sorted(self._keys)
        #: no key (or key + government word) is longer; longer texts skip the lookups
        self._longest = max(map(len, self._keys), default=0) + max(map(len, _GOVERNMENT_WORDS))

    # -- construction -------------------------------------------------------

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer of the installed boundary data and the shipped rename table (cached)."""
        return _default_gazetteer()

    def _add_key(self, key: str, hit: _Hit) -> None:
        hits = self._keys.setdefault(key, {})
        known = hits.get(hit.adcode)
        if known is None or hit.tier < known.tier:
            hits[hit.adcode] = hit

    def _add_renames(self, renames: Sequence[Rename]) -> None:
        for row in renames:
            if row.kind == "code_lag" and row.old_adcode in self._places:
                data_code = row.old_adcode
                self._code_notes[data_code] = (
                    f"the boundary data uses Amap's code {data_code}; "
                    f"the official code is {row.new_adcode}"
                )
                self._codes[row.new_adcode] = _Hit(
                    data_code,
                    _FORMER,
                    f"{row.new_adcode} is the official code of {row.new_name}; "
                    f"the boundary data has it as {data_code}",
                )
            elif row.kind == "code_lag":
                self.skipped_renames.append(row)
        for row in renames:
            if row.kind not in ("rename", "abolished"):
                continue
            target = self._data_code(row.new_adcode)
            if target is None or self._places[target].name != row.new_name:
                self.skipped_renames.append(row)
                continue
            verb = "was renamed" if row.kind == "rename" else "was merged into"
            note = f"{row.old_name} {verb} {row.new_name} ({row.new_adcode}) in {row.year}"
            if target != row.new_adcode:
                note += f"; the boundary data has it as {target}"
            hit = _Hit(target, _FORMER, note)
            self._add_key(row.old_name, hit)
            for form in short_forms(row.old_name):
                self._add_key(form, hit)
            if row.old_adcode and row.old_adcode not in self._places:
                self._codes.setdefault(row.old_adcode, hit)

    def _add_aliases(self, aliases: Sequence[Alias]) -> None:
        for alias in aliases:
            place = self._places.get(alias.adcode)
            if place is None or place.name != alias.unit_name:
                self.skipped_aliases.append(alias)
                continue
            self._add_key(alias.alias, _Hit(place.adcode, _SHORT, alias.note))

    def _data_code(self, adcode: str) -> str | None:
        if adcode in self._places:
            return adcode
        hit = self._codes.get(adcode)
        return hit.adcode if hit is not None else None

    # -- public API ---------------------------------------------------------

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[Place]:
        """Every unit, in the order of the unit table."""
        return iter(self._places.values())

    def get(self, adcode: str) -> Place:
        """Return the unit with this adcode.

        Also takes a renamed unit's former code (520221 -> 水城区 520204) and the
        official code of a unit the data keeps under Amap's lagging code
        (513402 -> 会理市 513425), with a ``note`` saying so.

        Raises
        ------
        UnknownPlaceError
            No unit has this code.
        """
        code = normalize_name(str(adcode))
        if code in self._places:
            return self._place(code, None)
        hit = self._codes.get(code)
        if hit is not None:
            return self._place(hit.adcode, hit.note)
        raise UnknownPlaceError(
            f"No administrative unit has adcode {_shown(code)} in the boundary data. "
            "Check the code, or give the unit's name.",
            name=code,
        )

    def candidates(
        self,
        name: str,
        *,
        within: Iterable[str] = (),
        level: str | None = None,
    ) -> list[Place]:
        """Every unit ``name`` may mean, after applying ``within`` and ``level``.

        Parameters
        ----------
        name
            An adcode, a full or short name, a former name, a path-like name
            (``"广东省广州市白云区"``, ``"广州白云区"``) or a name with its parent or a
            remark in brackets (``"白云区（广州）"``); full-width characters and stray
            spaces are fine.
        within
            Names or adcodes of units the place lies in (province and/or prefecture).
        level
            ``"province"``, ``"prefecture"`` or ``"county"``.

        Returns
        -------
        list of Place
            Sorted by adcode; empty when nothing matches.
        """
        _check_level(level)
        hits = self._hits(normalize_name(name))
        parents = self._parents(_as_tuple(within))
        return self._select(hits, parents=parents, level=level)

    def resolve(
        self,
        name: str,
        *,
        within: Iterable[str] = (),
        level: str | None = None,
    ) -> Place:
        """Return the one unit ``name`` means.

        Parameters
        ----------
        name, within, level
            As for :meth:`candidates`.

        Raises
        ------
        AmbiguousPlaceError
            Several units match; the message lists each with its path and adcode.
        NotAdministrativeError
            ``name`` is an agency, firm, development zone, town, school, ...
        UnknownPlaceError
            No unit matches; the message lists the closest names.
        """
        _check_level(level)
        within = _as_tuple(within)
        text = normalize_name(name)
        hits = self._hits(text)
        if not hits:
            raise self._no_unit_error(text, within)
        parents = self._parents(within)
        found = self._select(hits, parents=parents, level=level)
        if len(found) == 1:
            return found[0]
        if not found:
            self._check_leaf_parents(text, parents)
            unfiltered = self._select(hits, parents=None, level=None)
            listed = "; ".join(place.describe() for place in unfiltered)
            wanted = []
            if parents is not None:
                named = [normalize_name(str(p)) for p in within if isinstance(p, str) and p.strip()]
                wanted.append("within " + " and ".join(named))
            if level is not None:
                wanted.append(f"at level {level}")
            raise UnknownPlaceError(
                f"{_shown(text)} names {len(unfiltered)} unit(s) ({listed}), none "
                f"{' '.join(wanted)}. Check the parent or level, or give the adcode.",
                name=text,
                suggestions=unfiltered,
            )
        listed = "; ".join(place.describe() for place in found)
        raise AmbiguousPlaceError(
            f"{_shown(text)} matches {len(found)} units ({listed}). Add a parent (province "
            "and/or prefecture) or give the adcode.",
            name=text,
            candidates=found,
        )

    def _no_unit_error(self, text: str, within: tuple[str, ...]) -> PlaceError:
        """The error for a name that matches no unit at all."""
        kind = classify_form(text)
        if kind is not None:
            return NotAdministrativeError(
                f"{_shown(text)} is not an administrative unit (kind {kind}); give its seat "
                "(the county, district or city it lies in) as the place, or give "
                "its coordinates.",
                name=text,
                kind=kind,
            )
        self._check_leaf_parents(text, self._parents(within))
        suggestions = self._suggest(text)
        closest = "; ".join(place.describe() for place in suggestions) or "none"
        return UnknownPlaceError(
            f"No administrative unit is named {_shown(text)}. Closest: {closest}. "
            "Check the spelling, or give the adcode.",
            name=text,
            suggestions=suggestions,
        )

    def _check_leaf_parents(self, text: str, parents: list[frozenset[str]] | None) -> None:
        """A name under a unit with nothing below it (中山市, 东莞市) is a town or subdistrict."""
        for group in parents or ():
            above_county = sorted(a for a in group if self._places[a].level != "county")
            if above_county and not group & self._with_children:
                leaf = self._place(above_county[0], None)
                raise NotAdministrativeError(
                    f"{_shown(text)} is not an administrative unit (kind town): {leaf.describe()} "
                    "has no county-level units below it, so this is one of its towns or "
                    f"subdistricts; give {leaf.name} as its seat, or give its coordinates.",
                    name=text,
                    kind="town",
                )

    def suggest(self, name: str, *, n: int = 5) -> list[Place]:
        """The ``n`` units whose names are closest to ``name`` (for "did you mean").

        Names are compared by characters and by sound (pinyin homophones: 金绣县 for
        金秀县) through an index, so a lookup costs about the same however many names
        the gazetteer holds; names longer than
        :data:`geo.suggest.MAX_SUGGEST_LENGTH` get none.
        """
        return self._suggest(normalize_name(name), n=n)

    def _suggest(self, text: str, *, n: int = 5) -> list[Place]:
        found: dict[str, Place] = {}
        for key in self.suggestion_index.lookup(text, n=n).keys:
            for hit in self._ranked_hits[key]:
                found.setdefault(hit.adcode, self._place(hit.adcode, hit.note))
            if len(found) >= n:
                break
        return list(found.values())[:n]

    @functools.cached_property
    def _ranked_hits(self) -> dict[str, list[_Hit]]:
        """Every name key's units, best tier first."""
        return {
            key: sorted(hits.values(), key=lambda hit: (hit.tier, hit.adcode))
            for key, hits in self._keys.items()
        }

    @functools.cached_property
    def suggestion_index(self) -> SuggestionIndex:
        """The index :meth:`suggest` searches: every name key, its characters and pinyin.

        Built on first use (a fraction of a second).
        """
        owners = [[hit.adcode for hit in self._ranked_hits[key]] for key in self._sorted_keys]
        return SuggestionIndex(self._sorted_keys, owners, sound_of)

    def classify(self, name: str) -> str | None:
        """The kind of a non-administrative name, or ``None`` if it names a unit or no kind fits."""
        text = normalize_name(name)
        if self._hits(text):
            return None
        return classify_form(text)

    # -- matching -----------------------------------------------------------

    def _place(self, adcode: str, note: str | None) -> Place:
        place = self._places[adcode]
        note = note or self._code_notes.get(adcode)
        return place if note is None else replace(place, note=note)

    def _direct(self, text: str) -> dict[str, _Hit]:
        if _ADCODE.fullmatch(text):
            if text in self._places:
                return {text: _Hit(text, _OFFICIAL, None)}
            hit = self._codes.get(text)
            return {hit.adcode: hit} if hit is not None else {}
        if len(text) > self._longest:
            return {}
        hits = self._keys.get(text)
        if hits:
            return hits
        for word in _GOVERNMENT_WORDS:
            if text.endswith(word) and len(text) > len(word) + 1:
                hits = self._keys.get(text[: -len(word)])
                if hits:
                    return hits
        return {}

    def _hits(self, text: str) -> dict[str, _Hit]:
        """Every unit a (normalised) name may mean, with how it matched."""
        if not text:
            return {}
        hits = self._direct(text)
        if hits:
            return hits
        bracketed = split_bracketed(text)
        if bracketed is not None:
            return self._bracketed_hits(bracketed[0].strip(), bracketed[1].strip())
        return self._path_hits(_PATH_SEPARATORS.sub("", text), depth=0)

    def _bracketed_hits(self, name: str, aside: str) -> dict[str, _Hit]:
        """``白云区(广州)``: the brackets name a parent, or else are a remark to drop."""
        hits = self._hits(name)
        if not hits:
            return hits
        # a remark longer than any path names no parent (and is not searched)
        long_remark = len(aside) > _MAX_PATH_PARTS * self._longest
        parents = set() if long_remark else self._hits(aside).keys()
        inside = {adcode: hit for adcode, hit in hits.items() if self._ancestors[adcode] & parents}
        return inside or hits

    def _path_hits(self, text: str, *, depth: int) -> dict[str, _Hit]:
        """Read ``text`` as ancestors followed by a unit (``广东省广州市白云区``)."""
        found: dict[str, _Hit] = {}
        if depth >= _MAX_PATH_PARTS - 1 or len(text) > (_MAX_PATH_PARTS - depth) * self._longest:
            return found
        # the tail must be a name itself, so it is no longer than the longest name
        for cut in range(max(2, len(text) - self._longest), len(text) - 1):
            tail = self._direct(text[cut:])
            if not tail:
                continue
            head = text[:cut]
            heads = self._direct(head) or self._path_hits(head, depth=depth + 1)
            if not heads:
                continue
            for adcode, hit in tail.items():
                if self._ancestors[adcode] & heads.keys():
                    known = found.get(adcode)
                    if known is None or hit.tier < known.tier:
                        found[adcode] = hit
        return found

    def _parents(self, within: tuple[str, ...]) -> list[frozenset[str]] | None:
        """Each ``within`` entry as the set of units it may name (None when there is none)."""
        parents = []
        for entry in within:
            if entry is None or (isinstance(entry, float) and entry != entry):
                continue
            text = normalize_name(str(entry))
            if not text:
                continue
            hits = self._hits(text)
            if not hits:
                suggestions = self._suggest(text)
                closest = "; ".join(place.describe() for place in suggestions) or "none"
                raise UnknownPlaceError(
                    f"The parent {_shown(text)} is not an administrative unit. Closest: {closest}. "
                    "Give the province or prefecture it lies in, or its adcode.",
                    name=text,
                    suggestions=suggestions,
                )
            best = min(hit.tier for hit in hits.values())
            parents.append(frozenset(a for a, hit in hits.items() if hit.tier == best))
        return parents or None

    def _select(
        self,
        hits: Mapping[str, _Hit],
        *,
        parents: list[frozenset[str]] | None,
        level: str | None,
    ) -> list[Place]:
        kept: list[_Hit] = []
        inside: list[_Hit] = []
        for adcode, hit in hits.items():
            if level is not None and self._places[adcode].level != level:
                continue
            if parents is not None:
                ancestors = self._ancestors[adcode]
                if not all((ancestors | {adcode}) & group for group in parents):
                    continue
                # a unit strictly inside the parents beats the parent itself
                # (玉树 within 玉树藏族自治州 is 玉树市, not the prefecture)
                if all(ancestors & group for group in parents):
                    inside.append(hit)
            kept.append(hit)
        kept = inside or kept
        if not kept:
            return []
        best = min(hit.tier for hit in kept)
        chosen = sorted((hit for hit in kept if hit.tier == best), key=lambda hit: hit.adcode)
        return [self._place(hit.adcode, hit.note) for hit in chosen]


def _shown(text: str) -> str:
    """A name quoted for a message: control characters escaped, very long names cut."""
    if len(text) <= _SHOWN_LENGTH:
        return repr(text)
    return f"{text[:_SHOWN_LENGTH]!r}… ({len(text):,} characters)"


def _as_tuple(within: Iterable[str] | str) -> tuple[str, ...]:
    return (within,) if isinstance(within, str) else tuple(within)


def _check_level(level: str | None) -> None:
    if level is not None:
        as_level(level)


@functools.cache
def _default_gazetteer() -> Gazetteer:
    from pairmap.geo.source import read_unit_table

    gazetteer = Gazetteer(read_unit_table(), read_renames(), read_aliases())
    for row in gazetteer.skipped_renames:
        logger.warning(
            "renames.csv: %s -> %s (%s) does not match the boundary data; row ignored",
            row.old_name,
            row.new_name,
            row.new_adcode,
        )
    for alias in gazetteer.skipped_aliases:
        logger.warning(
            "aliases: %s -> %s (%s) does not match the boundary data; row ignored",
            alias.alias,
            alias.unit_name,
            alias.adcode,
        )
    return gazetteer


# -- names that are not administrative units ---------------------------------

#: Endings of names of things that are not administrative units, and their kind.
#: The longest matching ending wins, so 卫生院 is a hospital, 研究院 an organisation
#: and 检察院 an agency.  新区 also ends three real districts (滨海新区, 浦东新区,
#: 沈北新区) and 镇 the short form 景德镇: endings are only consulted after a name
#: failed to match a unit.
_KIND_ENDINGS: dict[str, tuple[str, ...]] = {
    "agency": (
        "局",
        "厅",
        "委",
        "委员会",
        "常委会",
        "办",
        "办公室",
        "办公厅",
        "部",
        "署",
        "检察院",
        "法院",
        "人民法院",
        "人民检察院",
        "政协",
        "管委会",
        "管理委员会",
        "工作队",
        "工作组",
        "协调组",
        "指挥部",
        "派出所",
        "税务所",
    ),
    "enterprise": (
        "公司",
        "集团",
        "控股",
        "股份",
        "银行",
        "厂",
        "企业",
        "酒店",
        "商场",
        "超市",
        "合作社",
        "农场",
        "林场",
        "牧场",
        "茶场",
    ),
    "zone": (
        "开发区",
        "高新区",
        "经开区",
        "新区",
        "合作区",
        "试验区",
        "实验区",
        "示范区",
        "保税区",
        "自贸区",
        "综保区",
        "功能区",
        "产业园",
        "产业园区",
        "工业园",
        "工业园区",
        "科技园",
        "物流园",
        "园中园",
        "产业集聚区",
        "度假区",
        "旅游区",
        "风景区",
        "景区",
        "口岸",
        "片区",
    ),
    "town": ("镇", "乡", "民族乡", "街道", "街道办", "街道办事处", "办事处", "苏木"),
    "village": ("村", "社区", "居委会", "村委会", "嘎查"),
    "school": (
        "学校",
        "小学",
        "中学",
        "大学",
        "学院",
        "职校",
        "技校",
        "幼儿园",
        "中专",
        "党校",
    ),
    "hospital": ("医院", "卫生院", "卫生室", "保健院", "卫生服务中心", "诊所", "医疗集团"),
    "organisation": (
        "研究院",
        "研究所",
        "研究中心",
        "设计院",
        "科学院",
        "协会",
        "学会",
        "联合会",
        "联",
        "科协",
        "工会",
        "总工会",
        "基金会",
        "慈善会",
        "商会",
        "红十字会",
        "组团",
        "中心",
    ),
}

#: Endings that also end short place names (新乡, 宁乡, 东乡; 镇宁 is fine): these
#: need at least three characters before a name is taken for a town or village.
_SHORT_RISK = frozenset({"镇", "乡", "村", "厂", "部", "办", "局", "委", "联"})

#: Ending -> kind, and the longest ending.
_ENDINGS: dict[str, str] = {
    ending: kind for kind, endings in _KIND_ENDINGS.items() for ending in endings
}
_LONGEST_ENDING = max(map(len, _ENDINGS))


def classify_form(name: str) -> str | None:
    """The kind a name's ending says it is, without checking whether it names a unit.

    Returns ``"agency"``, ``"enterprise"``, ``"zone"``, ``"town"``, ``"village"``,
    ``"school"``, ``"hospital"`` or ``"organisation"``, or ``None`` when the ending
    says nothing.  Use :func:`classify_non_admin`, which first checks the units.
    """
    text = normalize_name(name)
    bracketed = split_bracketed(text)
    if bracketed is not None:
        text = bracketed[0].strip()
    # the longest matching ending wins; one that would leave nothing is no ending
    for size in range(min(_LONGEST_ENDING, len(text) - 1), 0, -1):
        kind = _ENDINGS.get(text[-size:])
        if kind is None:
            continue
        if text[-size:] in _SHORT_RISK and len(text) < 3:
            continue
        return kind
    return None


def classify_non_admin(name: str) -> str | None:
    """Say what kind of non-administrative body a name is, or ``None``.

    Names that resolve to administrative units (白云区, 滨海新区, 新乡) give ``None``;
    so do names whose ending says nothing.  Otherwise the kind, from the name's
    ending: ``"agency"`` (广东省统计局, 省委办公厅, 省检察院), ``"enterprise"``
    (广铁集团, 广东建工控股, 中国移动广东公司), ``"zone"`` (中山火炬开发区,
    横琴粤澳深度合作区), ``"town"`` (龙江镇, 东区街道), ``"village"``, ``"school"``,
    ``"hospital"`` or ``"organisation"`` (省社科联, 中国电器科学研究院).

    Parameters
    ----------
    name
        A name as written in a table or report.

    Returns
    -------
    str or None
        The kind.
    """
    return Gazetteer.default().classify(name)
