"""Table cells as the page shows them: display text, finite numbers, columns as lists."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd


def text(value: Any) -> str:
    """Return a table value as display text: ``""`` for missing, integers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


def number(value: Any) -> float | None:
    """Return a finite float or ``None``."""
    try:
        result = float(value)
    except (TypeError, ValueError):
        return None
    return result if math.isfinite(result) else None


def column(pairs: pd.DataFrame, name: str) -> list[Any]:
    """The values of column ``name`` as a list; ``None`` for each row when it is absent."""
    if name in pairs.columns:
        values: list[Any] = pairs[name].tolist()
        return values
    return [None] * len(pairs)
