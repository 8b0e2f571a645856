"""A metric's label and unit reach the page as validation decided them: read, select, draw."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook
from synthetic import page_payload, resolved_frame

import pairmap
from pairmap.maps.flowmap import MapOptions, map_html
from pairmap.pairings.metrics import ATTRS_KEY, Metric, TableMeta, table_metrics
from pairmap.pairings.select import select_pairs
from pairmap.scripts.new_table import template_xlsx


def _table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "帮扶方": ["广州市海珠区", "广州市荔湾区", "广州市白云区", "茂名市"],
            "受援方": ["都匀市", "荔波县", "平塘县", "来宾市"],
            "受援方省份": ["贵州", "贵州", "贵州", "广西"],
            "协作类型": ["东西部协作", "东西部协作", "东西部协作", "对口支援"],
            "资金（万元）": [1000, 2000.5, None, 3000],
            "培训（万人次）": [1.5, None, 0.25, 2],
        }
    )


@pytest.fixture(scope="module")
def chosen() -> pd.DataFrame:
    read = pairmap.read_pairings(_table())
    pairs = select_pairs(read.pairs, programmes=["east_west"])
    assert len(pairs) == 3 and isinstance(pairs.attrs.get(ATTRS_KEY), TableMeta)
    assert table_metrics(pairs) == read.metrics
    return pairs


def _payload(pairs: pd.DataFrame, folder: Path, **options: Any) -> dict[str, Any]:
    path = pairmap.save(pairmap.flow_map(pairs, **options), folder / "map.html")
    return page_payload(path.read_text(encoding="utf-8"))


def _section(payload: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(s for s in payload["legend"]["sections"] if s["kind"] == kind)


def _template_labels() -> dict[str, str]:
    guide = load_workbook(io.BytesIO(template_xlsx()))["columns"]
    return {str(row[0]): str(row[1]) for row in guide.iter_rows(min_row=2, values_only=True)}


def test_labels_agree_in_template_legend_and_popups(chosen: pd.DataFrame, tmp_path: Path) -> None:
    payload = _payload(chosen, tmp_path, metric="funds_cny", fill="metric")
    popups = {m["column"]: (m["label"], m["unit"]) for m in payload["metrics"]}
    assert popups == {"funds_cny": ("帮扶资金", "cny"), "培训（万人次）": ("培训", "人次")}
    assert _template_labels()["funds_cny"] == "帮扶资金"
    assert _section(payload, "width")["title"] == "线宽：帮扶资金"
    assert payload["fill"]["title"] == _section(payload, "fill")["title"] == "受援方帮扶资金"
    assert "大小表示帮扶资金合计" in _section(payload, "note")["items"][0]["label"]
    assert payload["width_metric"] == "funds_cny"


def test_an_extra_metric_keeps_its_unit_from_the_header(
    chosen: pd.DataFrame, tmp_path: Path
) -> None:
    payload = _payload(chosen, tmp_path, metric="培训（万人次）")
    width = _section(payload, "width")
    assert width["title"] == "线宽：培训"
    assert all(item["label"].endswith("人次") for item in width["items"] if "dash" not in item)
    assert payload["flows"]["m"]["培训（万人次）"] == [15_000.0, None, 2_500.0]


def test_an_unknown_metric_is_refused_with_the_labels_to_choose_from(
    chosen: pd.DataFrame,
) -> None:
    with pytest.raises(pairmap.errors.MapOptionError, match=r"funds_cny \(帮扶资金\)"):
        pairmap.flow_map(chosen, metric="资金")


def test_a_frame_built_by_hand_is_labelled_like_a_read_one() -> None:
    frame = resolved_frame(
        [{"donor_adcode": "440105", "recipient_adcode": "522701", "enterprises": 3.0}]
    )
    assert frame.attrs == {}
    assert Metric("enterprises", "引进企业", "count", "家") in table_metrics(frame)
    payload = page_payload(map_html(frame, options=MapOptions(metric="enterprises")))
    assert {"column": "enterprises", "label": "引进企业", "unit": "家"} in payload["metrics"]
    assert _section(payload, "width")["title"] == "线宽：引进企业"
