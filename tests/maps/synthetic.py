"""Resolved pairing frames built by hand from real units and anchors (test helpers)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import pandas as pd

from pairmap.geo.boundaries import load_anchors, load_units
from pairmap.pairings.resolve import RESOLVED_COLUMNS
from pairmap.pairings.schema import METRIC_COLUMNS

_PROGRAM_KEYS = {"东西部协作": "east_west", "东西部扶贫协作": "east_west_poverty"}


def resolved_frame(rows: Iterable[dict], *, source_file: str = "synthetic.csv") -> pd.DataFrame:
    """Build a resolved frame from rows naming ``donor`` / ``recipient`` by adcode.

    Each row needs ``donor_adcode`` and ``recipient_adcode``; other resolved columns
    may be given and default to what a simple table would resolve to.
    """
    units = load_units().set_index("adcode")
    anchors = load_anchors().set_index("adcode")
    records = []
    for number, row in enumerate(rows, start=2):
        record: dict = {c: math.nan for c in METRIC_COLUMNS}
        record.update(
            source_file=source_file,
            source_sheet=None,
            source_row=number,
            group=None,
            program="东西部协作",
            round="2021",
            start_year=2021,
            end_year=None,
            note=None,
            source="测试来源",
            source_date="2024-01-01",
        )
        for side in ("donor", "recipient"):
            adcode = row[f"{side}_adcode"]
            unit = units.loc[adcode]
            record.update(
                {
                    side: unit["name"],
                    f"{side}_adcode": adcode,
                    f"{side}_unit": unit["name"],
                    f"{side}_level": unit["level"],
                    f"{side}_province_adcode": unit["province_adcode"],
                    f"{side}_kind": "government",
                    f"{side}_lon": float(anchors.loc[adcode, "lon"]),
                    f"{side}_lat": float(anchors.loc[adcode, "lat"]),
                }
            )
        record["level"] = f"{record['donor_level']}→{record['recipient_level']}"
        record.update(row)
        record["program_key"] = _PROGRAM_KEYS.get(record["program"], "other")
        records.append(record)
    return pd.DataFrame.from_records(records, columns=list(RESOLVED_COLUMNS))


def county_pairs(
    donors: Sequence[str], recipients: Sequence[str], *, count: int, seed: int = 1
) -> pd.DataFrame:
    """``count`` pairs cycling through donor and recipient adcodes (deterministic)."""
    rows = []
    for index in range(count):
        rows.append(
            {
                "donor_adcode": donors[(index * 7 + seed) % len(donors)],
                "recipient_adcode": recipients[(index * 13 + seed) % len(recipients)],
                "funds_cny": float(1_000_000 * (1 + (index * 37) % 500)),
                "round": "2016" if index % 3 == 0 else "2021",
                "program": "东西部扶贫协作" if index % 3 == 0 else "东西部协作",
            }
        )
    return resolved_frame(rows)


def page_payload(html: str) -> dict:
    """The layer data a map page embeds (its ``pairmap-data`` JSON block)."""
    import json
    import re

    match = re.search(
        r'<script type="application/json" id="pairmap-data">(.*?)</script>', html, re.S
    )
    assert match is not None, "the page embeds no pairmap-data block"
    return json.loads(match.group(1))
