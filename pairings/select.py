"""Choosing pairs from a resolved pairing frame: one selection for the CLI, the book and the API.

A :class:`Selection` is plain data (programmes, rounds, years, provinces, a level,
tables), frozen and made from or turned into a dict of plain values, so a map book
file can hold it. :meth:`Selection.apply` (or :func:`select_pairs`) keeps the pairs
that pass every field given; each field left empty keeps everything.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

import pandas as pd

from pairmap.errors import PlaceError, SelectionError
from pairmap.geo.levels import Level, as_level

logger = logging.getLogger(__name__)

__all__ = ["Selection", "parse_years", "select_pairs"]

#: ``2021``, ``2021-2023`` (also with an en dash, a tilde or ``..``).
_YEARS = re.compile(r"\s*(\d{4})\s*(?:(?:-|–|—|~|\.\.)\s*(\d{4})\s*)?")

#: The side columns a province filter reads.
_SIDES = ("donor", "recipient")


def parse_years(value: object) -> tuple[int, int] | None:
    """Read a year or a range of years as ``(first, last)``; ``None`` stays ``None``.

    Parameters
    ----------
    value
        ``2021``, ``"2021"``, ``"2021-2023"``, ``(2021, 2023)`` or ``[2021, 2023]``.

    Raises
    ------
    pairmap.errors.SelectionError
        For anything else, or a range whose first year is after its last.
    """
    if value is None:
        return None
    first: object
    last: object
    if isinstance(value, int) and not isinstance(value, bool):
        first = last = value
    elif isinstance(value, str) and (match := _YEARS.fullmatch(value)):
        first, last = int(match[1]), int(match[2] or match[1])
    elif isinstance(value, tuple | list) and len(value) == 2:
        first, last = value
    else:
        first = last = None
    if not all(isinstance(y, int) and not isinstance(y, bool) for y in (first, last)):
        raise SelectionError(
            f"years {value!r} is not a year or a range of years; write 2021 or 2021-2023."
        )
    assert isinstance(first, int) and isinstance(last, int)
    if first > last:
        raise SelectionError(f"years {value!r}: {first} is after {last}; write {last}-{first}.")
    return first, last


def _texts(value: object, *, field: str) -> tuple[str, ...]:
    """A field's values as a tuple of stripped texts (one text or number counts as one)."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str | int) else value
    if not isinstance(items, Iterable) or isinstance(items, Mapping):
        raise SelectionError(f"{field} must be a list of texts, not {value!r}.")
    return tuple(str(item).strip() for item in items if str(item).strip())


@dataclass(frozen=True)
class Selection:
    """Which pairs a map draws; every field left empty keeps every pair.

    Attributes
    ----------
    programmes
        Programmes as written in the table (``东西部协作``) or as their key
        (``east_west``).
    rounds
        Rounds as written (``"2021"``).
    years
        ``(first, last)``: pairs active in any of these years, i.e. that started by
        ``last`` and had not ended (``end_year``) before ``first``. A pair without a
        ``start_year`` cannot be placed in time and is left out (:meth:`undated`
        counts them). Give one year, ``"2021-2023"`` or a pair; it is stored as a pair.
    donor_provinces, recipient_provinces
        Provinces of the donor or recipient, by name (``广东``, ``广东省``) or adcode,
        matched by the resolved unit (the province adcode), never by text.
    level
        The finest level kept: pairs whose donor *and* recipient are units of this
        level or coarser. ``"prefecture"`` keeps province and prefecture ends and
        leaves out every pair with a county end (what a prefecture map shows without
        merging). A side with no level is left out. ``None`` keeps every level.
    tables
        File names of the tables the pairs were read from (``east_west_national.csv``).

    Strings, lists and numbers are normalised when the selection is made: every
    text field becomes a tuple of texts, ``years`` a pair of ints and ``level`` a
    :class:`~pairmap.geo.levels.Level`, so equal selections compare equal.
    """

    programmes: tuple[str, ...] = ()
    rounds: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    donor_provinces: tuple[str, ...] = ()
    recipient_provinces: tuple[str, ...] = ()
    level: Level | None = None
    tables: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("programmes", "rounds", "donor_provinces", "recipient_provinces", "tables"):
            object.__setattr__(self, name, _texts(getattr(self, name), field=name))
        object.__setattr__(self, "years", parse_years(self.years))
        if self.level is not None:
            object.__setattr__(self, "level", as_level(self.level))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Selection:
        """A selection from plain values, as :meth:`to_dict` writes them (or a book file).

        Raises
        ------
        pairmap.errors.SelectionError
            For a key that is not a field (the message lists the fields) or a bad value.
        """
        known = [f.name for f in fields(cls)]
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise SelectionError(
                f"Unknown selection field(s) {', '.join(map(repr, unknown))}; "
                f"the fields are {', '.join(known)}."
            )
        return cls(**data)

    def to_dict(self) -> dict[str, Any]:
        """The fields that select something, as plain JSON/TOML values (lists, ints, str)."""
        plain: dict[str, Any] = {}
        for name, value in asdict(self).items():
            if value in (None, ()):
                continue
            plain[name] = str(value) if name == "level" else list(value)
        return plain

    def describe(self) -> str:
        """One line saying what is kept, e.g. ``rounds 2021; donor provinces 广东``."""
        parts = []
        for name, label in (
            ("tables", "tables"),
            ("programmes", "programmes"),
            ("rounds", "rounds"),
            ("donor_provinces", "donor provinces"),
            ("recipient_provinces", "recipient provinces"),
        ):
            if values := getattr(self, name):
                parts.append(f"{label} {', '.join(values)}")
        if self.years is not None:
            first, last = self.years
            parts.append(f"active in {first}" if first == last else f"active {first}–{last}")
        if self.level is not None:
            parts.append(f"both ends at {self.level} level or above")
        return "; ".join(parts) or "all pairs"

    def apply(self, pairs: pd.DataFrame) -> pd.DataFrame:
        """Keep the pairs that pass every field (a new frame, in order, indexed from 0).

        Raises
        ------
        pairmap.errors.SelectionError
            When a programme, round, province or table is not in ``pairs``; the
            message lists the ones ``pairs`` has.
        """
        keep = pd.Series(True, index=pairs.index)
        if self.tables:
            keep &= _table_mask(pairs, self.tables)
        if self.programmes:
            keep &= _programme_mask(pairs, self.programmes)
        if self.rounds:
            keep &= _round_mask(pairs, self.rounds)
        provinces = (self.donor_provinces, self.recipient_provinces)
        for side, given in zip(_SIDES, provinces, strict=True):
            if given:
                keep &= _province_mask(pairs, side, given)
        if self.years is not None:
            keep &= _years_mask(pairs, self.years)
        if self.level is not None:
            keep &= _level_mask(pairs, self.level)
        kept = pairs[keep.to_numpy()].reset_index(drop=True)
        logger.info("%s: %d of %d pairs", self.describe(), len(kept), len(pairs))
        return kept

    def undated(self, pairs: pd.DataFrame) -> int:
        """How many of ``pairs`` pass every other field but have no start year, so that
        ``years`` leaves them out (0 without ``years``): the number to tell a reader."""
        if self.years is None or pairs.empty:
            return 0
        others = replace(self, years=None).apply(pairs)
        return int((_column_texts(others, "start_year") == "").sum())


def select_pairs(
    pairs: pd.DataFrame,
    *,
    programmes: Iterable[str] = (),
    rounds: Iterable[str] = (),
    years: int | str | tuple[int, int] | None = None,
    donor_provinces: Iterable[str] = (),
    recipient_provinces: Iterable[str] = (),
    level: Level | str | None = None,
    tables: Iterable[str] = (),
) -> pd.DataFrame:
    """Keep the pairs of the given programmes, rounds, years, provinces and level.

    Each argument is the :class:`Selection` field of the same name; an empty one
    keeps every pair.

    Returns
    -------
    pandas.DataFrame
        The rows kept, in their order, indexed from 0 (a new frame).

    Raises
    ------
    pairmap.errors.SelectionError
        For a value ``pairs`` does not have (listing those it has) or bad ``years``.
    pairmap.errors.UnknownLevelError
        For a level other than province, prefecture or county.
    """
    selection = Selection(
        programmes=tuple(programmes),
        rounds=tuple(rounds),
        years=parse_years(years),
        donor_provinces=tuple(donor_provinces),
        recipient_provinces=tuple(recipient_provinces),
        level=None if level is None else as_level(level),
        tables=tuple(tables),
    )
    return selection.apply(pairs)


def _column_texts(pairs: pd.DataFrame, column: str) -> pd.Series:
    """A column as texts, with ``""`` for blanks (an absent column is all blank)."""
    if column not in pairs.columns:
        return pd.Series("", index=pairs.index, dtype=object)
    return pairs[column].map(lambda v: "" if v is None or v is pd.NA or v != v else str(v))


def _unknown(what: str, missing: list[str], has: Iterable[str]) -> SelectionError:
    listed = ", ".join(sorted(set(has))) or "none"
    return SelectionError(
        f"No pair has the {what} {', '.join(map(repr, missing))}; the pairs have: {listed}."
    )


def _table_mask(pairs: pd.DataFrame, wanted: tuple[str, ...]) -> pd.Series:
    names = _column_texts(pairs, "source_file").map(lambda f: Path(f).name if f else "")
    missing = [name for name in wanted if name not in set(names)]
    if missing:
        raise _unknown("table", missing, (n for n in names if n))
    return names.isin(wanted)


def _programme_mask(pairs: pd.DataFrame, wanted: tuple[str, ...]) -> pd.Series:
    written, keys = _column_texts(pairs, "program"), _column_texts(pairs, "program_key")
    known = set(written) | set(keys)
    missing = [name for name in wanted if name not in known]
    if missing:
        has = {f"{w} ({k})" if k else w for w, k in zip(written, keys, strict=True) if w}
        raise _unknown("programme", missing, has)
    return written.isin(wanted) | keys.isin(wanted)


def _round_mask(pairs: pd.DataFrame, wanted: tuple[str, ...]) -> pd.Series:
    rounds = _column_texts(pairs, "round")
    missing = [name for name in wanted if name not in set(rounds)]
    if missing:
        raise _unknown("round", missing, (r for r in rounds if r))
    return rounds.isin(wanted)


def _province_mask(pairs: pd.DataFrame, side: str, wanted: tuple[str, ...]) -> pd.Series:
    codes = _column_texts(pairs, f"{side}_province_adcode")
    present = {c for c in codes if c}
    resolved = [_province_code(name, present, side=side) for name in wanted]
    return codes.isin(resolved)


def _province_code(name: str, present: set[str], *, side: str) -> str:
    """The adcode of the province ``name`` means; it must be a ``side`` province of the pairs."""
    from pairmap.geo.gazetteer import Gazetteer

    gazetteer = Gazetteer.default()
    has = [f"{gazetteer.get(code).name} ({code})" for code in sorted(present)]
    if name in present:
        return name
    try:
        code = gazetteer.resolve(name, level=Level.PROVINCE).adcode
    except PlaceError as error:
        raise SelectionError(
            f"{side} province {name!r} is not a province ({error}); the pairs' {side} "
            f"provinces are: {', '.join(has) or 'none'}."
        ) from None
    if code not in present:
        raise SelectionError(
            f"No pair has a {side} in {gazetteer.get(code).name} ({code}); the pairs' "
            f"{side} provinces are: {', '.join(has) or 'none'}."
        )
    return code


def _years_mask(pairs: pd.DataFrame, years: tuple[int, int]) -> pd.Series:
    first, last = years
    start = pd.to_numeric(_column_texts(pairs, "start_year"), errors="coerce")
    end = pd.to_numeric(_column_texts(pairs, "end_year"), errors="coerce")
    active = (start <= last) & (end.isna() | (end >= first))
    return active.fillna(False).astype(bool)


def _level_mask(pairs: pd.DataFrame, level: Level) -> pd.Series:
    allowed = [member.value for member in Level if member.rank <= level.rank]
    donor, recipient = _column_texts(pairs, "donor_level"), _column_texts(pairs, "recipient_level")
    return donor.isin(allowed) & recipient.isin(allowed)
