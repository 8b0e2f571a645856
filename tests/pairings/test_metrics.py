"""Metric columns, their labels and units: decided in validation, carried with the table."""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import pairmap
from pairmap.pairings.io import read_table
from pairmap.pairings.metrics import (
    ATTRS_KEY,
    Metric,
    TableMeta,
    concat_pairs,
    describe_metric,
    table_meta,
    table_metrics,
)
from pairmap.pairings.schema import COLUMN_DOCS, METRIC_COLUMNS, METRIC_LABELS, metric_kind
from pairmap.pairings.select import select_pairs
from pairmap.pairings.validate import validate_table

#: Rows as a user types them: a money column in 万元, visits, and two extra columns.
HEADERS = ("帮扶方", "受援方", "受援方省份", "协作类型", "资金（万元）", "培训（万人次）", "农户")
ROWS = (
    ("广州市海珠区", "都匀市", "贵州", "东西部协作", "1000", "1.5", "30"),
    ("广州市荔湾区", "荔波县", "贵州", "东西部协作", "2000.5", "", "12"),
    ("茂名市", "来宾市", "广西", "对口支援", "3000", "0.2", ""),
)


def _frame() -> pd.DataFrame:
    frame = pd.DataFrame(list(ROWS), columns=list(HEADERS)).replace("", None)
    numbers = {"资金（万元）": float, "培训（万人次）": float, "农户": float}
    return frame.astype(numbers)


def _csv(folder: Path) -> Path:
    path = folder / "pairs.csv"
    lines = [",".join(HEADERS), *(",".join(row) for row in ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


EXPECTED_EXTRAS = (
    Metric("培训（万人次）", "培训", "visits", "人次"),
    Metric("农户", "农户", "number", ""),
)


@pytest.fixture(scope="module")
def from_csv(tmp_path_factory: pytest.TempPathFactory) -> pairmap.Pairings:
    return pairmap.read_pairings(_csv(tmp_path_factory.mktemp("metrics")))


def test_a_csv_table_carries_its_metrics_with_labels_and_units(
    from_csv: pairmap.Pairings,
) -> None:
    metrics = from_csv.metrics
    assert [m.column for m in metrics] == [*METRIC_COLUMNS, "培训（万人次）", "农户"]
    assert metrics[0] == Metric("funds_cny", "帮扶资金", "money", "元")
    assert metrics[-2:] == EXPECTED_EXTRAS
    assert from_csv.pairs["培训（万人次）"].tolist()[::2] == [15_000.0, 2_000.0]
    assert isinstance(from_csv.pairs.attrs[ATTRS_KEY], TableMeta)


def test_a_dataframe_with_an_extra_numeric_column_gets_the_same_metrics_as_a_csv(
    from_csv: pairmap.Pairings,
) -> None:
    from_frame = pairmap.read_pairings(_frame())
    assert from_frame.metrics == from_csv.metrics
    extras = ["培训（万人次）", "农户", "funds_cny"]
    pd.testing.assert_frame_equal(from_frame.pairs[extras], from_csv.pairs[extras])


def test_a_frame_that_lost_its_attrs_is_described_the_same(from_csv: pairmap.Pairings) -> None:
    bare = from_csv.pairs.copy()
    bare.attrs.clear()
    assert table_meta(bare) == table_meta(from_csv.pairs)
    rebuilt = pd.DataFrame(from_csv.pairs.to_dict("list"))  # no attrs at all
    assert table_meta(rebuilt).metrics == from_csv.metrics


@pytest.mark.parametrize(
    "operation",
    [
        lambda p: select_pairs(p, programmes=["east_west"]),
        lambda p: select_pairs(p, years=(1990, 1991)),
        lambda p: p.copy(),
        lambda p: p[p["funds_cny"] > 1.5e7],
        lambda p: p.loc[[2, 0]].reset_index(drop=True),
        lambda p: p.sort_values("recipient"),
        lambda p: concat_pairs([p.iloc[:1], p.iloc[1:]]),
        lambda p: concat_pairs([p, p.drop(columns=["农户"])]),
    ],
    ids=["select", "select-none", "copy", "mask", "loc", "sort", "concat", "concat-other"],
)
def test_selections_keep_the_metrics(from_csv: pairmap.Pairings, operation) -> None:  # type: ignore[no-untyped-def]
    chosen = operation(from_csv.pairs)
    assert isinstance(chosen.attrs.get(ATTRS_KEY), TableMeta)
    assert table_metrics(chosen) == from_csv.metrics


def test_a_dropped_column_drops_its_metric(from_csv: pairmap.Pairings) -> None:
    kept = from_csv.pairs.drop(columns=["农户"])
    assert table_metrics(kept) == from_csv.metrics[:-1]


def test_a_unit_given_in_a_unit_row_sets_an_extra_columns_unit(tmp_path: Path) -> None:
    path = tmp_path / "unit_row.csv"
    path.write_text("帮扶方,受援方,培训,农户\n,,（万人次）,\n茂名市,来宾市,3,7\n", encoding="utf-8")
    validated = validate_table(read_table(path))
    meta = table_meta(validated.frame)
    assert meta.metric("培训") == Metric("培训", "培训", "visits", "人次")
    assert meta.metric("农户") == Metric("农户", "农户", "number", "")
    assert validated.frame["培训"].tolist() == [30_000.0]


@pytest.mark.parametrize(
    ("column", "label", "unit"),
    [
        ("visits", "游客", "人次"),
        ("jobs", "就业", "人"),
        ("funds_cny", "帮扶资金", "cny"),
        ("towns", "结对镇（街道）", "个"),
        # extra columns hold numbers scaled to the base unit of their header's unit
        ("游客（万人次）", "游客", "人次"),
        ("社会捐款（万元）", "社会捐款", "cny"),
        ("培训人数(万人)", "培训人数", "人"),
        ("结对村", "结对村", ""),
        ("结对单位（东部）", "结对单位（东部）", ""),
    ],
)
def test_metrics_are_labelled_with_the_unit_their_numbers_are_in(
    column: str, label: str, unit: str
) -> None:
    metric = describe_metric(column)
    assert (metric.label, metric.display_unit) == (label, unit)


def test_each_metric_has_one_label_in_the_template_and_on_the_map() -> None:
    docs = {doc.name: doc.zh for doc in COLUMN_DOCS}
    for column in METRIC_COLUMNS:
        metric = describe_metric(column)
        assert docs[column] == metric.label == METRIC_LABELS[column][0]
        kind = metric_kind(column)
        assert metric.kind in ({"persons", "count"} if kind == "count" else {kind})


def test_a_frame_built_by_hand_is_described_by_the_same_rule() -> None:
    frame = pd.DataFrame(
        {
            "donor": ["a"],
            "jobs": [1.0],
            "towns": [3.0],
            "funds_cny": [2.0],
            "donor_lon": [113.0],
            "start_year": pd.array([2021], dtype="Int64"),
            "source_row": [2],
            "note": ["x"],
            "flag": [True],
            "villages": np.array([4]),
        }
    )
    meta = table_meta(frame)
    assert meta.metric_columns == ("funds_cny", "jobs", "towns", "villages")
    assert meta.text_columns == ("donor", "note")


def test_pandas_copies_of_attrs_share_the_description(from_csv: pairmap.Pairings) -> None:
    # pandas deep-copies attrs on every operation, column access included: the
    # description is immutable, so a copy is the description itself (no cost per column)
    meta = from_csv.pairs.attrs[ATTRS_KEY]
    assert copy.deepcopy(meta) is meta
    assert from_csv.pairs["donor"].attrs[ATTRS_KEY] is meta
