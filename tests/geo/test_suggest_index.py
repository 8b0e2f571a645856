"""Spelling suggestions through the index: the answers of scoring every name, with bounded work.

The reference below scores every name key of the gazetteer by the documented formula
(difflib similarity + 0.1 × common prefix, + 1 for the same pinyin, + 1 when one
contains the other, kept from 0.4); the index must give the same units in the same order.
"""

from __future__ import annotations

import difflib
import random
import statistics
from collections import Counter

import pytest

from pairmap.geo.errors import UnknownPlaceError
from pairmap.geo.gazetteer import Gazetteer
from pairmap.geo.names import normalize_name, sound_of
from pairmap.geo.suggest import COMMON, MAX_SCORED, MAX_SUGGEST_LENGTH, SuggestionIndex

#: Characters of ordinary words (most are in no unit's name).
WORDS = "的一是了我不人在他有这个上们来到时大和地为子中你说生国年着就那要她出得里后自以会家可下"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


@pytest.fixture(scope="module")
def index(gazetteer: Gazetteer) -> SuggestionIndex:
    return gazetteer.suggestion_index


@pytest.fixture(scope="module")
def reference(gazetteer: Gazetteer):  # type: ignore[no-untyped-def]
    """Suggestions by scoring every name key (what the index must reproduce).

    The name keys and the units each means are the gazetteer's own (private) table.
    """
    keys = sorted(gazetteer._keys)
    sounds = {key: sound_of(key) for key in keys}

    def suggest(name: str, n: int = 5) -> list[str]:
        text = normalize_name(name)
        matcher = difflib.SequenceMatcher(b=text, autojunk=False)
        scored = []
        for key in keys:
            matcher.set_seq1(key)
            score = matcher.ratio() + 0.1 * _prefix(key, text)
            score += 1.0 if sounds[key] == sound_of(text) else 0.0
            score += 1.0 if len(key) >= 2 and (key in text or text in key) else 0.0
            if score >= 0.4:
                scored.append((-score, key))
        found: dict[str, None] = {}
        for _, key in sorted(scored):
            hits = sorted(gazetteer._keys[key].values(), key=lambda hit: (hit.tier, hit.adcode))
            for hit in hits:
                found.setdefault(hit.adcode)
            if len(found) >= n:
                break
        return list(found)[:n]

    return suggest


def _prefix(first: str, second: str) -> int:
    length = 0
    while length < min(len(first), len(second)) and first[length] == second[length]:
        length += 1
    return length


def typos(gazetteer: Gazetteer, count: int, seed: int) -> list[str]:
    """Real names with a character replaced, dropped or added, or a suffix added."""
    rng = random.Random(seed)
    names = sorted({place.name for place in gazetteer})
    found = []
    for _ in range(count):
        name = rng.choice(names)
        at = rng.randrange(len(name))
        edit = rng.randrange(4)
        if edit == 0:
            found.append(name[:at] + rng.choice(WORDS) + name[at + 1 :])
        elif edit == 1:
            found.append(name[:at] + name[at + 1 :])
        elif edit == 2:
            found.append(name[:at] + rng.choice(WORDS) + name[at:])
        else:
            found.append(name + rng.choice(["人民政府", "扶贫办", "(广东)", "办事处"]))
    return found


def common_only(index: SuggestionIndex, count: int, seed: int) -> list[str]:
    """Texts made only of the characters most frequent in names (the index's hard case)."""
    holding = Counter(char for number in range(len(index)) for char in set(index.key(number)))
    common = sorted(char for char, names in holding.items() if names > COMMON)
    rng = random.Random(seed)
    return ["".join(rng.choice(common) for _ in range(rng.randint(1, 6))) for _ in range(count)]


# -- the same answers -----------------------------------------------------------


def test_typos_of_real_names_get_the_answers_of_scoring_every_name(  # type: ignore[no-untyped-def]
    gazetteer: Gazetteer, reference
) -> None:
    for name in typos(gazetteer, 250, seed=1):
        assert [p.adcode for p in gazetteer.suggest(name)] == reference(name), name


def test_names_of_common_characters_get_the_answers_of_scoring_every_name(  # type: ignore[no-untyped-def]
    gazetteer: Gazetteer, index: SuggestionIndex, reference
) -> None:
    texts = [*common_only(index, 60, seed=2), "县", "区区区", "白白云", "南南宁", "东东"]
    for text in texts:
        assert [p.adcode for p in gazetteer.suggest(text)] == reference(text), text


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("金绣县", "451324"),  # a pinyin homophone: jin xiu
        ("黔南布衣族苗族自治州", "522700"),
        ("金秀瑶族自治县人民政府扶贫办", "451324"),  # the unit's name inside
        ("毕节试", "520500"),
    ],
)
def test_known_slips_suggest_the_unit_first(gazetteer: Gazetteer, name: str, first: str) -> None:
    assert gazetteer.suggest(name)[0].adcode == first


def test_n_distinct_units_come_back(gazetteer: Gazetteer) -> None:
    found = gazetteer.suggest("白云", n=7)
    assert len({place.adcode for place in found}) == len(found) == 7
    assert {"440111", "520113"} <= {place.adcode for place in found}


# -- bounded work ---------------------------------------------------------------


def test_ten_thousand_unknown_names_are_looked_up_with_bounded_work(
    gazetteer: Gazetteer, index: SuggestionIndex
) -> None:
    rng = random.Random(3)
    names: set[str] = set()
    while len(names) < 10_000:
        name = "".join(rng.choice(WORDS) for _ in range(rng.randint(2, 4))) + rng.choice("县区市")
        if not gazetteer.candidates(name):
            names.add(name)
    lookups = [index.lookup(name) for name in sorted(names)]
    assert max(lookup.scored for lookup in lookups) <= MAX_SCORED
    assert statistics.mean(lookup.scored for lookup in lookups) < 20
    # the index hands over a small share of the names, not every one
    assert statistics.mean(lookup.candidates for lookup in lookups) < 0.03 * len(index)
    assert max(lookup.candidates for lookup in lookups) < 0.25 * len(index)
    assert sum(bool(lookup.keys) for lookup in lookups) > 5_000


def test_texts_of_common_characters_are_bounded_too(index: SuggestionIndex) -> None:
    lookups = [index.lookup(text) for text in common_only(index, 500, seed=4)]
    assert max(lookup.scored for lookup in lookups) <= MAX_SCORED
    assert statistics.mean(lookup.candidates for lookup in lookups) < 0.05 * len(index)


def test_a_huge_name_gets_no_suggestion_and_no_work(
    gazetteer: Gazetteer, index: SuggestionIndex
) -> None:
    assert index.lookup("(" * 130_000).candidates == 0
    assert gazetteer.suggest("金绣县" * 50_000) == []
    assert index.lookup("金" * (MAX_SUGGEST_LENGTH + 1)).keys == ()
    longest = "金秀瑶族自治县" + "。" * (MAX_SUGGEST_LENGTH - 7)  # holds the unit's name
    assert index.lookup(longest).keys[0] == "金秀瑶族自治县"
    assert index.lookup(longest + "。").keys == ()


# -- hostile brackets -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "(" * 130_000,
        "(" * 65_000 + ")" * 65_000,
        "a(" * 64_999 + "a)",
        "广东省" * 40_000 + "白云区",
    ],
    ids=["open", "nested", "chain", "path"],
)
def test_a_130_kb_cell_resolves_to_nothing_with_a_short_message(
    gazetteer: Gazetteer, text: str
) -> None:
    assert gazetteer.candidates(text) == []
    with pytest.raises(UnknownPlaceError) as raised:
        gazetteer.resolve(text)
    message = str(raised.value)
    assert f"({len(text):,} characters)" in message
    assert len(message) < 400


def test_bracketed_parents_and_remarks_still_work(gazetteer: Gazetteer) -> None:
    assert [p.adcode for p in gazetteer.candidates("白云区（广州市）")] == ["440111"]
    assert [p.adcode for p in gazetteer.candidates("白云区(贵阳)")] == ["520113"]
    assert [p.adcode for p in gazetteer.candidates("金秀县（2018年起）")] == ["451324"]
    # a remark longer than any path is not looked up: both 白云区 remain
    for remark in ("广州" * 100, "(" * 130_000):
        found = gazetteer.candidates(f"白云区({remark})")
        assert [p.adcode for p in found] == ["440111", "520113"]
