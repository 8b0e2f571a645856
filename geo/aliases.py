"""Names users write for units that the boundary data does not spell out.

Two shipped tables, each row citing its source:

- ``data/aliases.csv``: irregular short forms (达茂旗, 前郭县) that no rule of
  :func:`pairmap.geo.names.short_forms` derives;
- ``data/bingtuan.csv``: the 14 divisions of the 新疆生产建设兵团. A division and its
  city are administered as one (师市合一), so 兵团第三师 is 图木舒克市; a division
  whose city is newer than the boundary data, or that has none, is drawn at its seat
  with a note saying so.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from pairmap.geo.names import normalize_name

__all__ = ["Alias", "division_forms", "read_aliases"]

DATA = Path(__file__).resolve().parent / "data"

#: Chinese numerals of the division numbers 1-14.
_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


@dataclass(frozen=True)
class Alias:
    """Another name of a unit: the name, the unit's adcode and official name, a note."""

    alias: str
    adcode: str
    unit_name: str
    note: str | None
    source: str


def chinese_number(number: int) -> str:
    """``3`` -> ``"三"``, ``14`` -> ``"十四"`` (1 to 99).

    >>> chinese_number(12), chinese_number(20)
    ('十二', '二十')
    """
    tens, units = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _NUMERALS[tens - 1] + "十")
    return head + (_NUMERALS[units - 1] if units else "")


def division_forms(number: int) -> tuple[str, ...]:
    """How a 兵团 division is written: 新疆生产建设兵团第三师, 兵团第三师, 第三师, 三师, 农三师...

    >>> division_forms(3)[:3]
    ('新疆生产建设兵团第三师', '新疆兵团第三师', '兵团第三师')
    """
    n = chinese_number(number)
    return (
        f"新疆生产建设兵团第{n}师",
        f"新疆兵团第{n}师",
        f"兵团第{n}师",
        f"兵团{n}师",
        f"第{n}师",
        f"{n}师",
        f"农{n}师",
        f"兵团第{number}师",
        f"第{number}师",
    )


def _division_aliases() -> list[Alias]:
    aliases = []
    with (DATA / "bingtuan.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            city = row["city"]
            note = row["note"] or f"{row['division']} and {city} are administered as one (师市合一)"
            forms = division_forms(int(row["number"]))
            if city:
                forms += tuple(f"{form}{city}" for form in forms[:5])
            aliases += [
                Alias(f, row["adcode"], row["unit_name"], note, row["source"]) for f in forms
            ]
    return aliases


def read_aliases() -> list[Alias]:
    """Every shipped alias: the irregular short forms, then the 兵团 divisions' names."""
    with (DATA / "aliases.csv").open(encoding="utf-8", newline="") as handle:
        short = [
            Alias(
                normalize_name(row["alias"]), row["adcode"], row["unit_name"], None, row["source"]
            )
            for row in csv.DictReader(handle)
        ]
    return short + [
        Alias(normalize_name(a.alias), a.adcode, a.unit_name, a.note, a.source)
        for a in _division_aliases()
    ]
