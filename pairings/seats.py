"""Seats given once for names written in many rows (a book's ``[seats]``).

A zone, town or firm that is in a table many times (火炬开发区, 小榄镇) needs a seat to
be drawn. Instead of a ``donor_seat`` / ``recipient_seat`` on every row, a book can
say it once: ``"火炬开发区" = "中山市"``. A seat written in the row itself wins; the
report says, once per name and table, which rows took their seat from the book.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import pandas as pd

from pairmap.pairings.io import RawTable
from pairmap.pairings.issues import Issue
from pairmap.pairings.schema import normalise_text

__all__ = ["apply_seats"]

_SIDES = ("donor", "recipient")


def _blank(values: pd.Series) -> pd.Series:
    return values.isna() | (values.astype("string").str.strip() == "")


def apply_seats(table: RawTable, seats: Mapping[str, str]) -> tuple[RawTable, list[Issue]]:
    """Give rows naming a party in ``seats`` that seat, unless the row has its own.

    Parameters
    ----------
    table
        A table as read.
    seats
        Party name as written -> its seat (a unit's name, as in ``*_seat``).

    Returns
    -------
    table, notices
        The table with ``donor_seat`` / ``recipient_seat`` filled where the book gives
        a seat, and one notice per name and side saying so.
    """
    if not seats or table.frame.empty:
        return table, []
    wanted = {normalise_text(name): seat for name, seat in seats.items()}
    frame = table.frame.copy()
    notices: list[Issue] = []
    for side in _SIDES:
        if side not in frame:
            continue
        names = frame[side].astype("string").fillna("").map(normalise_text)
        own = (
            frame[f"{side}_seat"] if f"{side}_seat" in frame else pd.Series(None, index=frame.index)
        )
        given = names.isin(list(wanted)) & _blank(own)
        if not given.any():
            continue
        seat = own.astype(object).copy()
        seat[given] = names[given].map(wanted)
        frame[f"{side}_seat"] = seat.where(seat.notna(), None)
        for name, rows in frame.loc[given, "source_row"].groupby(names[given], sort=False):
            listed = ", ".join(str(r) for r in rows.head(10)) + (" …" if len(rows) > 10 else "")
            notices.append(
                Issue(
                    "info",
                    "seat_from_book",
                    table.file,
                    f"{name} is drawn at its seat {wanted[name]} from the book's [seats] "
                    f"(rows {listed}).",
                    sheet=table.sheet,
                    column=f"{side}_seat",
                )
            )
    return replace(table, frame=frame), notices
