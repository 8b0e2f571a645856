"""Spelling suggestions for place names, scored only on the names an index of characters finds."""

from __future__ import annotations

import bisect
import difflib
import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

#: Names longer than this get no suggestions (the longest unit name has 15 characters).
MAX_SUGGEST_LENGTH = 64
#: At most this many names are scored exactly per lookup (best bound first).
MAX_SCORED = 200
#: Names scoring below this are not suggested.
MIN_SCORE = 0.4
#: A character in more names than this (县, 区, 市, 山 ...) is common.
COMMON = 100
#: Slack for comparing a bound with an exact score.
_EPSILON = 1e-9
#: The stopping rule is brought up to date after this many exact scores.
_BATCH = 8

Token = tuple[str, int]
#: A name to score, ordered best bound first: (-bound, number, prefix, homophone, inside),
#: the last three being the parts of its score known without comparing.  A group of names
#: not yet listed has a negative number instead (see ``SuggestionIndex._groups``).
_Entry = tuple[float, int, float, float, float]


@dataclass(frozen=True)
class Lookup:
    """The names closest to a query, best first, and how much work finding them took.

    Attributes
    ----------
    keys
        Index names in order of score (ties by name), enough to cover ``n`` units.
    candidates
        How many names had their bound computed.
    scored
        How many of them were scored exactly (at most :data:`MAX_SCORED`).
    """

    keys: tuple[str, ...]
    candidates: int
    scored: int


class SuggestionIndex:
    """Find the names closest to a misspelt one without comparing it with every name.

    A name's score is ``difflib`` similarity + 0.1 × common prefix length, + 1 when
    the two sound the same (pinyin: 金绣县 and 金秀县), + 1 when one contains the
    other (names of two characters or more).  The similarity is at most
    2 × shared characters / total length, so an index from characters to names
    bounds every score without comparing; names are scored exactly best bound first,
    and only while their bound can still reach the best ``n`` units.

    Names sharing a rare character, the sound, the first character or containment
    with the query are listed at once.  Names sharing nothing but common characters
    (县, 区, 市: in more than :data:`COMMON` names) come in groups by how many they
    share, as bit sets; a group is listed only if its bound can still matter.

    Parameters
    ----------
    keys
        The names, sorted (ties between equal scores go to the earlier name).
    owners
        For each name, the adcodes of the units it means.
    sound
        The pinyin syllables of a text (:func:`geo.names.sound_of`).
    """

    def __init__(
        self,
        keys: Sequence[str],
        owners: Sequence[Sequence[str]],
        sound: Callable[[str], tuple[str, ...]],
    ) -> None:
        self._keys = tuple(keys)
        self._owners = tuple(tuple(group) for group in owners)
        self._sound = sound
        self._numbers = {key: number for number, key in enumerate(self._keys)}
        self._postings: dict[Token, list[int]] = {}
        self._by_sound: dict[tuple[str, ...], set[int]] = {}
        self._by_first: dict[str, list[int]] = {}
        for number, key in enumerate(self._keys):
            for token in _tokens(key):
                self._postings.setdefault(token, []).append(number)
            self._by_sound.setdefault(sound(key), set()).add(number)
            self._by_first.setdefault(key[:1], []).append(number)
        self._longest = max(map(len, self._keys), default=0)
        #: common token -> bit set of the names holding it
        self._common = {
            token: _bits(numbers)
            for token, numbers in self._postings.items()
            if len(numbers) > COMMON
        }
        #: common token -> the names holding it, as a set (for counting)
        self._holding = {token: frozenset(self._postings[token]) for token in self._common}
        #: bit set of the names of L characters, for each L
        self._sized = [
            _bits(n for n, key in enumerate(self._keys) if len(key) == size)
            for size in range(self._longest + 1)
        ]

    def __len__(self) -> int:
        return len(self._keys)

    def lookup(self, text: str, *, n: int = 5) -> Lookup:
        """The names closest to ``text``, enough of them to cover ``n`` distinct units.

        Parameters
        ----------
        text
            A normalised name that matched nothing.
        n
            How many distinct units the caller wants.

        Returns
        -------
        Lookup
            The names in order; none for an empty text or one longer than
            :data:`MAX_SUGGEST_LENGTH`.
        """
        if not text or len(text) > MAX_SUGGEST_LENGTH or n <= 0:
            return Lookup((), 0, 0)
        search = _Search(self, text)
        return search.run(n)

    # -- what the search uses -------------------------------------------------

    def listed(self, text: str, homophones: set[int]) -> set[int]:
        """The names listed at once: a rare character, the sound, the first character
        (when common) or containment in common with ``text``."""
        tokens = [token for token in _tokens(text) if token in self._postings]
        numbers = set(homophones)
        for token in tokens:
            if token not in self._common:
                numbers.update(self._postings[token])
        if (text[0], 1) in self._common:
            numbers.update(self._by_first.get(text[0], ()))
        for start in range(len(text) - 1):  # names inside the text
            for end in range(start + 2, min(len(text), start + self._longest) + 1):
                number = self._numbers.get(text[start:end])
                if number is not None:
                    numbers.add(number)
        if all(token in self._common for token in tokens) and len(tokens) == len(text):
            holding_all = -1  # every character is common: names holding them all
            for token in tokens:
                holding_all &= self._common[token]
            numbers.update(_members(holding_all))
        return numbers

    def groups(self, text: str) -> list[tuple[float, int, int]]:
        """Names sharing only common characters with ``text``, by how many and by length.

        Returns ``(bound, shared, bit set)`` for each count of shared characters and
        each name length that can score :data:`MIN_SCORE`; the bound is the score of
        every such name not listed at once (no prefix, containment or sound in common).
        """
        common = [self._common[token] for token in _tokens(text) if token in self._common]
        at_least = [-1] + [0] * len(common)  # at_least[k]: names holding >= k of them
        for bits in common:
            for k in range(len(common), 0, -1):
                at_least[k] |= at_least[k - 1] & bits
        found = []
        for shared in range(1, len(common) + 1):
            exactly = at_least[shared] & ~(at_least[shared + 1] if shared < len(common) else 0)
            for size in range(max(2, shared), self._longest + 1):
                bound = 2.0 * shared / (size + len(text))
                if bound + _EPSILON < MIN_SCORE:
                    break
                if bits := exactly & self._sized[size]:
                    found.append((bound, shared, bits))
        return found

    def shared(self, text: str, numbers: Iterable[int]) -> dict[int, int]:
        """How many characters each name shares with ``text``, counted with repeats."""
        tokens = _tokens(text)
        counts: Counter[int] = Counter()
        for token in tokens:
            if token in self._postings and token not in self._common:
                counts.update(self._postings[token])
        holding = [self._holding[token] for token in tokens if token in self._holding]
        shared = {number: counts[number] for number in numbers}
        for names in holding:
            for number in names.intersection(shared):
                shared[number] += 1
        return shared

    def entries(self, text: str, shared: dict[int, int], homophones: set[int]) -> Iterator[_Entry]:
        """The names that may score :data:`MIN_SCORE`, with the most each can score.

        The bound is computed as the exact score is, with the shared characters in
        place of difflib's matches, so a name whose bound is its score ties exactly
        where it would.
        """
        size = len(text)
        for number, count in shared.items():
            key = self._keys[number]
            prefix = 0.1 * _common_prefix_length(key, text) if key[0] == text[0] else 0.0
            homophone = 1.0 if number in homophones else 0.0
            inside = 0.0
            if len(key) >= 2 and count in (len(key), size) and (key in text or text in key):
                inside = 1.0
            bound = 2.0 * count / (len(key) + size) + prefix + homophone + inside
            if bound + _EPSILON >= MIN_SCORE:
                yield (-bound, number, prefix, homophone, inside)

    def key(self, number: int) -> str:
        """The name with this number."""
        return self._keys[number]

    def owners(self, number: int) -> tuple[str, ...]:
        """The units the name with this number means."""
        return self._owners[number]

    def sound(self, text: str) -> set[int]:
        """The names that sound exactly like ``text``."""
        return self._by_sound.get(self._sound(text), set())


class _Search:
    """One lookup: names best bound first, scored until the best ``n`` units are sure."""

    def __init__(self, index: SuggestionIndex, text: str) -> None:
        self.index = index
        self.text = text
        self.homophones = index.sound(text)
        self.seen = index.listed(text, self.homophones)
        self.heap = list(index.entries(text, index.shared(text, self.seen), self.homophones))
        self.groups = index.groups(text)
        for number, (bound, _, _) in enumerate(self.groups):
            self.heap.append((-bound, -1 - number, 0.0, 0.0, 0.0))
        heapq.heapify(self.heap)
        self.listed = len(self.seen)
        self.matcher = difflib.SequenceMatcher(b=text, autojunk=False)

    def run(self, n: int) -> Lookup:
        """Score names best bound first until no unscored name can reach the top ``n`` units.

        A name scores at most its bound, so once the scored names cover ``n`` units up
        to the name ``cover`` (score t), a name with a bound below t, or equal to t but
        sorting after ``cover``, cannot change the answer.
        """
        ranked: list[tuple[float, int]] = []
        cover: tuple[float, int] | None = None
        scored = 0
        while self.heap:
            entry = heapq.heappop(self.heap)
            bound, number = -entry[0], entry[1]
            if cover is not None and bound + _EPSILON < -cover[0]:
                break
            if number < 0:
                self._list_group(-1 - number, cover)
                continue
            if cover is not None and bound - _EPSILON <= -cover[0] and number > cover[1]:
                continue
            if scored >= MAX_SCORED:
                break
            score = self._score(entry)
            scored += 1
            if score >= MIN_SCORE:
                bisect.insort(ranked, (-score, number))
            if scored % _BATCH == 0 or cover is None:
                cover = self._cover(ranked, n)
        # out of budget, the names left unscored are not suggested: a suggestion is
        # always a name whose score was computed
        chosen = [number for _, number in ranked]
        return Lookup(tuple(self._enough(chosen, n)), self.listed, scored)

    def _list_group(self, number: int, cover: tuple[float, int] | None) -> None:
        """Put the names of a group on the heap: all, or when the group's bound ties
        the cover, those sorting before it (the others cannot change the answer)."""
        bound, shared, bits = self.groups[number]
        if cover is not None and bound - _EPSILON <= -cover[0]:
            bits &= (1 << cover[1]) - 1
        members = {member: shared for member in _members(bits) if member not in self.seen}
        self.seen.update(members)
        self.listed += len(members)
        for entry in self.index.entries(self.text, members, self.homophones):
            heapq.heappush(self.heap, entry)

    def _score(self, entry: _Entry) -> float:
        self.matcher.set_seq1(self.index.key(entry[1]))
        score = self.matcher.ratio() + entry[2]
        return score + entry[3] + entry[4]

    def _cover(self, ranked: list[tuple[float, int]], n: int) -> tuple[float, int] | None:
        """The ranked entry at which the names first cover ``n`` units, if they do."""
        units: set[str] = set()
        for entry in ranked:
            units.update(self.index.owners(entry[1]))
            if len(units) >= n:
                return entry
        return None

    def _enough(self, numbers: list[int], n: int) -> list[str]:
        """The names of the first ``numbers`` that together cover ``n`` units."""
        units: set[str] = set()
        chosen: list[str] = []
        for number in numbers:
            chosen.append(self.index.key(number))
            units.update(self.index.owners(number))
            if len(units) >= n:
                break
        return chosen


def _bits(numbers: Iterable[int]) -> int:
    """A bit set (an int with bit i set for each number i)."""
    bits = 0
    for number in numbers:
        bits |= 1 << number
    return bits


def _members(bits: int) -> Iterator[int]:
    """The numbers in a bit set, ascending."""
    while bits:
        low = bits & -bits
        yield low.bit_length() - 1
        bits ^= low


def _tokens(text: str) -> list[Token]:
    """Each character with its occurrence number: ``"白白云"`` -> 白#1, 白#2, 云#1."""
    if len(set(text)) == len(text):
        return [(char, 1) for char in text]
    return [(char, count) for char, total in Counter(text).items() for count in range(1, total + 1)]


def _common_prefix_length(first: str, second: str) -> int:
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    return length
