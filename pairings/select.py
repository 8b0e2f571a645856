"""Choosing pairs from a resolved pairing frame: by programme and round."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


def select_pairs(
    pairs: pd.DataFrame, *, programs: Iterable[str] = (), rounds: Iterable[str] = ()
) -> pd.DataFrame:
    """Keep the pairs of the given programmes and rounds (all of them when none given).

    Parameters
    ----------
    pairs
        Resolved pairing frame.
    programs
        Programmes, as written in the table or as their key (``east_west``).
    rounds
        Rounds as written (``"2021"``).

    Returns
    -------
    pandas.DataFrame
        The rows kept, in their order, indexed from 0 (a new frame).
    """
    keep = pairs.index == pairs.index
    wanted_programs, wanted_rounds = set(programs), set(rounds)
    if wanted_programs:
        keep &= pairs["program"].astype(str).isin(wanted_programs) | pairs["program_key"].astype(
            str
        ).isin(wanted_programs)
    if wanted_rounds:
        keep &= pairs["round"].astype(str).isin(wanted_rounds)
    return pairs[keep].reset_index(drop=True)
