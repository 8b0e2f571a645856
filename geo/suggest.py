"""Spelling suggestions for place names, scored only on the names an index of characters finds."""

from __future__ import annotations

import bisect
import difflib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

#: Names longer than this get no suggestions (the longest unit name has 15 characters).
MAX_SUGGEST_LENGTH = 64
#: At most this many names are scored exactly per lookup; the rest are ranked by their bound.
MAX_SCORED = 200
#: Names scoring below this are not suggested.
MIN_SCORE = 0.4
#: Slack for comparing a float bound with an exact score computed in another order.
_EPSILON = 1e-9
#: The stopping rule is brought up to date after this many exact scores.
_BATCH = 8
_NONE = np.zeros(0, dtype=np.intp)


@dataclass(frozen=True)
class Lookup:
    """The names closest to a query, best first, and how much work finding them took.

    Attributes
    ----------
    keys
        Index names in order of score (ties by name), enough to cover ``n`` units.
    candidates
        How many names could score at least :data:`MIN_SCORE` (by the bound).
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
    other.  An inverted index from characters to names gives, with a few array
    operations, how many characters each name shares with the query; that count
    bounds the similarity, so only names whose bound could still reach the best
    ``n`` are scored exactly, best bound first.

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
        self._lengths = np.array([len(key) for key in self._keys], dtype=np.float64)
        postings: dict[tuple[str, int], list[int]] = {}
        by_sound: dict[tuple[str, ...], list[int]] = {}
        for number, key in enumerate(self._keys):
            for token in _tokens(key):
                postings.setdefault(token, []).append(number)
            by_sound.setdefault(sound(key), []).append(number)
        self._postings = {token: np.array(ids, dtype=np.intp) for token, ids in postings.items()}
        self._by_sound = {key: np.array(ids, dtype=np.intp) for key, ids in by_sound.items()}
        self._prefixes = _prefix_table(self._keys)

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
        numbers, shared, homophone = self._candidates(text)
        lengths = self._lengths[numbers]
        prefix = 0.1 * self._prefix(text, numbers)
        inside = self._containing(text, numbers, shared, lengths)
        # the same operations in the same order as the exact score, so ties stay ties
        bound = 2.0 * shared / (lengths + len(text)) + prefix + homophone + inside
        keep = np.flatnonzero(bound + _EPSILON >= MIN_SCORE)
        keep = keep[np.lexsort((numbers[keep], -bound[keep]))]
        matcher = difflib.SequenceMatcher(b=text, autojunk=False)
        extra = (prefix[keep], homophone[keep], inside[keep])

        def exact(position: int) -> float:
            matcher.set_seq1(self._keys[int(numbers[keep[position]])])
            score = matcher.ratio() + extra[0][position]
            return float(score + extra[1][position] + extra[2][position])

        return self._best(numbers[keep].tolist(), bound[keep].tolist(), exact, n=n)

    def _candidates(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Names sharing a character or the sound with ``text``: their numbers (ascending),
        how many characters each shares (with repeats) and 1 where it sounds the same."""
        hits = [self._postings[token] for token in _tokens(text) if token in self._postings]
        counts = np.bincount(np.concatenate([*hits, _NONE]), minlength=len(self._keys))
        numbers = (counts > 0).nonzero()[0]
        sounds = self._by_sound.get(self._sound(text))
        if sounds is None:
            homophone = np.zeros(len(numbers))
        else:
            numbers = np.union1d(numbers, sounds)
            homophone = np.isin(numbers, sounds).astype(np.float64)
        return numbers, counts[numbers].astype(np.float64), homophone

    def _best(
        self,
        numbers: list[int],
        bounds: list[float],
        exact: Callable[[int], float],
        *,
        n: int,
    ) -> Lookup:
        """Score names best bound first until no unscored name can reach the top ``n`` units.

        A name scores at most its bound, so once the scored names cover ``n`` units up
        to the name ``cover`` (score t), a name with a bound below t, or equal to t but
        sorting after ``cover``, cannot change the answer.
        """
        ranked: list[tuple[float, int]] = []
        cover: tuple[float, int] | None = None
        scored = 0
        rest: list[int] = []
        for position, (number, bound) in enumerate(zip(numbers, bounds, strict=True)):
            if cover is not None:
                if bound + _EPSILON < -cover[0]:
                    break
                if bound - _EPSILON <= -cover[0] and number > cover[1]:
                    continue
            if scored >= MAX_SCORED:  # out of budget: rank the rest by their bound
                rest = numbers[position:]
                break
            score = exact(position)
            scored += 1
            if score >= MIN_SCORE:
                bisect.insort(ranked, (-score, number))
            if scored % _BATCH == 0 or cover is None:
                cover = self._cover(ranked, n)
        chosen = [number for _, number in ranked] + rest
        return Lookup(tuple(self._enough(chosen, n)), len(numbers), scored)

    def _cover(self, ranked: list[tuple[float, int]], n: int) -> tuple[float, int] | None:
        """The ranked entry at which the names first cover ``n`` units, if they do."""
        units: set[str] = set()
        for entry in ranked:
            units.update(self._owners[entry[1]])
            if len(units) >= n:
                return entry
        return None

    def _enough(self, numbers: list[int], n: int) -> list[str]:
        """The names of the first ``numbers`` that together cover ``n`` units."""
        units: set[str] = set()
        chosen: list[str] = []
        for number in numbers:
            chosen.append(self._keys[number])
            units.update(self._owners[number])
            if len(units) >= n:
                break
        return chosen

    def _prefix(self, text: str, numbers: np.ndarray) -> np.ndarray:
        """The length of the prefix each of the names ``numbers`` shares with ``text``."""
        prefix = np.zeros(len(numbers))
        for depth, (codes, ids) in enumerate(self._prefixes, start=1):
            code = codes.get(text[:depth]) if depth <= len(text) else None
            if code is None:
                break
            prefix += ids[numbers] == code
        return prefix

    def _containing(
        self, text: str, numbers: np.ndarray, shared: np.ndarray, lengths: np.ndarray
    ) -> np.ndarray:
        """1 for the names (of two characters or more) inside ``text`` or holding it, else 0."""
        found = np.zeros(len(numbers))
        long_enough = lengths >= 2
        if len(text) == 1:  # one character is inside every name that has it
            found[long_enough & (shared >= 1)] = 1.0
            return found
        # a name inside the text shares all its characters with it, and vice versa
        maybe = np.flatnonzero(long_enough & ((shared == lengths) | (shared == len(text))))
        for position in maybe.tolist():
            key = self._keys[int(numbers[position])]
            if key in text or text in key:
                found[position] = 1.0
        return found


def _tokens(text: str) -> list[tuple[str, int]]:
    """Each character with its occurrence number: ``"白白云"`` -> 白#1, 白#2, 云#1."""
    if len(set(text)) == len(text):
        return [(char, 1) for char in text]
    return [(char, count) for char, total in Counter(text).items() for count in range(1, total + 1)]


def _prefix_table(keys: Sequence[str]) -> list[tuple[dict[str, int], np.ndarray]]:
    """For each depth d: an id per distinct d-character prefix, and each name's id (-1: shorter)."""
    longest = max((len(key) for key in keys), default=0)
    table = []
    for depth in range(1, longest + 1):
        codes: dict[str, int] = {}
        ids = np.full(len(keys), -1, dtype=np.intp)
        for number, key in enumerate(keys):
            if len(key) >= depth:
                ids[number] = codes.setdefault(key[:depth], len(codes))
        table.append((codes, ids))
    return table
