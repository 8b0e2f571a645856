"""Placing one side of a pairing: a name, seat, adcode or coordinates to a unit and a point."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

import pandas as pd

from pairmap.geo.errors import (
    AmbiguousPlaceError,
    NotAdministrativeError,
    PlaceError,
    UnknownPlaceError,
)
from pairmap.geo.levels import Level
from pairmap.pairings.schema import normalise_text
from pairmap.pairings.validate import ValidatedTable, _Collector

if TYPE_CHECKING:
    from pairmap.geo.gazetteer import Place

#: Levels the gazetteer knows; a ``level`` such as ``province→county`` hints at them.
_LEVELS = frozenset(level.value for level in Level)
#: Separators people put between several parties in one cell (茂南区、电白区).
_SEVERAL = re.compile(r"[、，,+＋/／;；&＆]")
_LEVEL_PAIR = re.compile(r"^\s*(\w+)\s*(?:→|->|>|－>|—>|/)\s*(\w+)\s*$")


class PlaceLookup(Protocol):
    """What resolution needs from a gazetteer (``geo.gazetteer.Gazetteer`` provides it)."""

    def resolve(self, name: str, *, within: Iterable[str] = (), level: str | None = None) -> Place:
        """The one unit a name means (raises a ``geo.errors.PlaceError`` otherwise)."""
        ...

    def candidates(
        self, name: str, *, within: Iterable[str] = (), level: str | None = None
    ) -> list[Place]:
        """Every unit a name may mean."""
        ...

    def get(self, adcode: str) -> Place:
        """The unit with this adcode (raises ``UnknownPlaceError`` otherwise)."""
        ...


@dataclass(frozen=True)
class Endpoint:
    """Where one side of a pair is drawn: the unit (itself or its seat), its kind and point."""

    adcode: str | None
    unit: str | None
    level: str | None
    province_adcode: str | None
    kind: str
    lon: float
    lat: float
    drawn_at_seat: bool


@dataclass(frozen=True)
class _Party:
    """One side of one row as written: the name, its context, and how to place it."""

    index: int
    side: str
    name: str
    within: tuple[str, ...]
    kind: str | None
    seat: str | None
    adcode: str | None
    point: tuple[float, float] | None
    hint: str | None


class PlaceMemo:
    """Caches gazetteer answers (and the errors they raise) for one resolution run."""

    def __init__(self, gazetteer: PlaceLookup) -> None:
        self.gazetteer = gazetteer
        self._resolved: dict[tuple[str, tuple[str, ...], str | None], Place | PlaceError] = {}
        self._known: dict[str, bool] = {}

    def resolve(self, name: str, within: tuple[str, ...], level: str | None = None) -> Place:
        key = (name, within, level)
        if key not in self._resolved:
            try:
                self._resolved[key] = self.gazetteer.resolve(name, within=within, level=level)
            except PlaceError as error:
                self._resolved[key] = error
        found = self._resolved[key]
        if isinstance(found, PlaceError):
            raise found
        return found

    def known(self, name: str) -> bool:
        if name not in self._known:
            self._known[name] = bool(self.gazetteer.candidates(name))
        return self._known[name]


def _level_hints(level: str | None) -> dict[str, str | None]:
    match = _LEVEL_PAIR.match(level or "")
    if match is None:
        return {"donor": None, "recipient": None}
    donor, recipient = (match[1].lower(), match[2].lower())
    return {
        "donor": donor if donor in _LEVELS else None,
        "recipient": recipient if recipient in _LEVELS else None,
    }


def _describe(place: Place) -> str:
    return f"{place.adcode} {' › '.join(place.path)}"


def _article(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def _records(frame: pd.DataFrame) -> dict[int, dict[str, Any]]:
    """Rows of a frame by index label, as plain dicts (much faster to read than ``.at``)."""
    columns = list(frame.columns)
    return {
        index: dict(zip(columns, values, strict=True))
        for index, values in zip(frame.index, frame.to_numpy(dtype=object), strict=True)
    }


class SidePlacer:
    """Places the donor and the recipient of the rows of one validated table, collecting issues."""

    def __init__(
        self,
        table: ValidatedTable,
        memo: PlaceMemo,
        anchors: Mapping[str, tuple[float, float]],
    ) -> None:
        self.table = table
        self.frame = table.frame
        self.rows = _records(table.frame)
        raw = table.raw.frame
        points = [f"{side}_{axis}" for side in ("donor", "recipient") for axis in ("lon", "lat")]
        self.raw_rows = _records(raw[[column for column in points if column in raw.columns]])
        self.memo = memo
        self.anchors = anchors
        self.out = _Collector(table.raw)
        self.out.issues = []

    def value(self, index: int, column: str) -> str | None:
        value = self.rows[index].get(column)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        return str(value)

    def context(self, index: int, side: str, *, exclude: str) -> tuple[tuple[str, ...], bool]:
        """The side's province and prefecture that are known units; False if one is not."""
        kept: list[str] = []
        ok = True
        for column in (f"{side}_province", f"{side}_prefecture"):
            value = self.value(index, column)
            if value is None or normalise_text(value) == normalise_text(exclude):
                continue
            if not self.memo.known(value):
                suggestions = self._suggest(value)
                self.out.add(
                    "error",
                    "unknown_context",
                    f"is not a province or prefecture.{suggestions} Correct it or leave it blank.",
                    index=index,
                    column=column,
                    value=value,
                )
                ok = False
            else:
                kept.append(value)
        return tuple(kept), ok

    def _suggest(self, name: str) -> str:
        suggest = getattr(self.memo.gazetteer, "suggest", None)
        places = suggest(name) if suggest is not None else []
        if not places:
            return ""
        return " Closest: " + "; ".join(_describe(p) for p in places) + "."

    def endpoint(self, index: int, side: str) -> Endpoint | None:
        """Where ``side`` of row ``index`` is drawn, or None (the problem is reported)."""
        party = self._party(index, side)
        if party is None:
            return None
        placed = self._place(party)
        if placed is None:
            return None
        place, kind, at_seat = placed
        point = self._point_of(party, place)
        if point is None:
            return None
        return Endpoint(
            adcode=place.adcode if place is not None else None,
            unit=place.name if place is not None else None,
            level=place.level if place is not None else None,
            province_adcode=place.province_adcode if place is not None else None,
            kind=kind,
            lon=point[0],
            lat=point[1],
            drawn_at_seat=at_seat,
        )

    def _party(self, index: int, side: str) -> _Party | None:
        """What row ``index`` says of one side, or None when it is blank or already wrong."""
        name = self.value(index, side)
        if name is None:
            return None
        within, ok = self.context(index, side, exclude=name)
        if not ok:
            return None
        row = self.rows[index]
        lon, lat = float(row[f"{side}_lon"]), float(row[f"{side}_lat"])
        point = None if math.isnan(lon) or math.isnan(lat) else (lon, lat)
        if point is None and self._point_written(index, side):
            return None  # the coordinates are wrong and already reported
        return _Party(
            index=index,
            side=side,
            name=name,
            within=within,
            kind=self.value(index, f"{side}_kind"),
            seat=self.value(index, f"{side}_seat"),
            adcode=self.value(index, f"{side}_adcode"),
            point=point,
            hint=_level_hints(self.value(index, "level"))[side],
        )

    def _place(self, party: _Party) -> tuple[Place | None, str, bool] | None:
        """The unit a party is drawn at, its kind, and whether that unit is its seat."""
        if party.adcode is not None:
            place = self._by_adcode(
                party.index, party.side, party.adcode, name=party.name, within=party.within
            )
            return None if place is None else (place, party.kind or "government", False)
        if (party.kind is not None and party.kind != "government") or party.seat is not None:
            kind = party.kind or self._classify(party.name) or "organisation"
            return self._at_seat(party, kind)
        return self._by_name(party)

    def _at_seat(self, party: _Party, kind: str) -> tuple[Place | None, str, bool] | None:
        """A party that is not an administrative unit: drawn at its seat or given point."""
        if party.seat is not None:
            place = self._seat(party.index, party.side, party.seat, within=party.within)
            return None if place is None else (place, kind, True)
        if party.point is not None:
            return self._context_unit(party.within), kind, True
        self._no_seat(party.index, party.side, party.name, kind)
        return None

    def _by_name(self, party: _Party) -> tuple[Place | None, str, bool] | None:
        """A party named as written: a unit, or something that needs a seat or a point."""
        index, side, name = party.index, party.side, party.name
        try:
            place = self._resolve(name, party.within, party.hint)
        except AmbiguousPlaceError as error:
            listed = "; ".join(_describe(p) for p in error.candidates)
            self.out.add(
                "error",
                "ambiguous_name",
                f"matches {len(error.candidates)} units ({listed}). Add "
                f"{side}_province or {side}_prefecture, or give the adcode in "
                f"{side}_adcode.",
                index=index,
                column=side,
                value=name,
            )
            return None
        except NotAdministrativeError as error:
            return self._at_seat(replace(party, seat=None), error.kind)
        except UnknownPlaceError as error:
            self._unknown(index, side, name, party.within, error)
            return None
        self._note_rename(place, index=index, column=side, value=name, fix=place.name)
        return place, party.kind or "government", False

    def _point_of(self, party: _Party, place: Place | None) -> tuple[float, float] | None:
        """The given point, else the unit's anchor; None (reported) when there is neither."""
        if party.point is not None:
            return party.point
        if place is not None and place.adcode in self.anchors:
            return self.anchors[place.adcode]
        where = f"{_describe(place)} " if place is not None else ""
        self.out.add(
            "error",
            "no_anchor",
            f"has no anchor point for {where}in the boundary data; give "
            f"{party.side}_lon and {party.side}_lat.",
            index=party.index,
            column=party.side,
            value=party.name,
        )
        return None

    def _point_written(self, index: int, side: str) -> bool:
        row = self.raw_rows[index]
        return any(row.get(column) is not None for column in (f"{side}_lon", f"{side}_lat"))

    def _resolve(self, name: str, within: tuple[str, ...], hint: str | None) -> Place:
        try:
            return self.memo.resolve(name, within)
        except AmbiguousPlaceError:
            if hint is None:
                raise
            try:
                return self.memo.resolve(name, within, hint)
            except PlaceError:
                pass
            raise

    def _classify(self, name: str) -> str | None:
        classify = getattr(self.memo.gazetteer, "classify", None)
        return classify(name) if classify is not None else None

    def _context_unit(self, within: tuple[str, ...]) -> Place | None:
        for depth in range(len(within), 0, -1):
            try:
                return self.memo.resolve(within[depth - 1], within[: depth - 1])
            except PlaceError:
                continue
        return None

    def _by_adcode(
        self, index: int, side: str, adcode: str, *, name: str, within: tuple[str, ...]
    ) -> Place | None:
        column = f"{side}_adcode"
        try:
            place = self.memo.gazetteer.get(adcode)
        except PlaceError:
            self.out.add(
                "error",
                "unknown_adcode",
                "is not the adcode of any unit in the boundary data; check it with "
                f"`pairmap places {name}`, or leave it blank to use the name.",
                index=index,
                column=column,
                value=adcode,
            )
            return None
        self._note_rename(place, index=index, column=column, value=adcode, fix=place.adcode)
        try:
            by_name = self.memo.resolve(name, within)
        except PlaceError:
            return place
        if by_name.adcode != place.adcode:
            self.out.add(
                "warning",
                "adcode_overrides_name",
                f"is {_describe(place)}, but the name '{name}' means "
                f"{_describe(by_name)}; the adcode is used. Correct the one that is "
                "wrong.",
                index=index,
                column=column,
                value=adcode,
            )
        return place

    def _seat(self, index: int, side: str, seat: str, *, within: tuple[str, ...]) -> Place | None:
        column = f"{side}_seat"
        within = tuple(w for w in within if normalise_text(w) != normalise_text(seat))
        try:
            place = self.memo.resolve(seat, within)
        except AmbiguousPlaceError as error:
            listed = "; ".join(_describe(p) for p in error.candidates)
            self.out.add(
                "error",
                "ambiguous_name",
                f"matches {len(error.candidates)} units ({listed}). Add "
                f"{side}_province or {side}_prefecture, or write the seat in full "
                "(such as 广东省广州市白云区).",
                index=index,
                column=column,
                value=seat,
            )
            return None
        except PlaceError as error:
            suggestions = getattr(error, "suggestions", ())
            closest = (
                " Closest: " + "; ".join(_describe(p) for p in suggestions) + "."
                if suggestions
                else ""
            )
            self.out.add(
                "error",
                "unknown_seat",
                "is not an administrative unit; the seat must be the province, city, "
                f"district or county where the party sits.{closest} Correct it.",
                index=index,
                column=column,
                value=seat,
            )
            return None
        self._note_rename(place, index=index, column=column, value=seat, fix=place.name)
        return place

    def _note_rename(self, place: Place, *, index: int, column: str, value: str, fix: str) -> None:
        """Warn that ``value`` names a renamed unit, accepted as ``place``."""
        if place.note:
            self.out.add(
                "warning",
                "renamed_unit",
                f"is now {_describe(place)}: {place.note}. Accepted; write "
                f"{fix} to silence this warning.",
                index=index,
                column=column,
                value=value,
            )

    def _no_seat(self, index: int, side: str, name: str, kind: str) -> None:
        self.out.add(
            "error",
            "no_seat",
            f"is {_article(kind)}, not an administrative unit, so pairmap "
            f"does not know where to draw it. Add {side}_seat (the city, district or "
            f"county where it sits, such as 广州市) or {side}_lon and {side}_lat.",
            index=index,
            column=side,
            value=name,
        )

    def _unknown(
        self,
        index: int,
        side: str,
        name: str,
        within: tuple[str, ...],
        error: UnknownPlaceError,
    ) -> None:
        suggestions = "; ".join(_describe(p) for p in error.suggestions)
        parts = [part.strip() for part in _SEVERAL.split(name) if part.strip()]
        if len(parts) > 1:
            self.out.add(
                "error",
                "several_names",
                f"names {len(parts)} parties ({', '.join(parts)}); write one row per "
                f"{side} and give the rows one group id in the group column (组团).",
                index=index,
                column=side,
                value=name,
            )
            return
        if within and self.memo.known(name):
            message = (
                f"names no unit within {' and '.join(within)} (it may mean: {suggestions}). "
                f"Correct {side}_province / {side}_prefecture, or give the adcode in "
                f"{side}_adcode."
            )
        else:
            closest = f" Closest: {suggestions}." if suggestions else ""
            message = (
                f"is not the name of an administrative unit.{closest} Correct the spelling "
                f"or give the adcode in {side}_adcode; for an agency, firm, zone or town give "
                f"{side}_kind and {side}_seat."
            )
        self.out.add("error", "unknown_name", message, index=index, column=side, value=name)
