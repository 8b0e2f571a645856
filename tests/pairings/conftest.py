"""Fixtures for the pairing tests: the real gazetteer and anchors, and the bad-input corpus."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pytest

if TYPE_CHECKING:
    from pairmap.geo.gazetteer import Gazetteer

#: Tables that are wrong in every way a user's table can be, one problem per file.
CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The gazetteer over the installed boundary data."""
    from pairmap.geo.gazetteer import Gazetteer

    return Gazetteer.default()


@pytest.fixture(scope="session")
def anchors() -> pd.DataFrame:
    """Anchor points of every unit (WGS84), from the installed boundary data."""
    from pairmap.geo.boundaries import load_anchors

    return load_anchors()
