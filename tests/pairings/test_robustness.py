"""Whatever a table holds, reading, validating and resolving it reports problems, never crashes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pairmap.pairings.io import TableReadError, read_table
from pairmap.pairings.resolve import resolve_pairings
from pairmap.pairings.schema import CANONICAL_COLUMNS

CELLS = st.one_of(
    st.sampled_from(["茂名市", "来宾市", "白云区", "金秀", "水城县", "广东省统计局", "龙江镇", ""]),
    st.text(alphabet="0123456789.,-万亿元人所约 ，１２３\"'\n\t;", max_size=8),
    st.text(max_size=6),
)
HEADERS = st.lists(
    st.one_of(
        st.sampled_from(CANONICAL_COLUMNS),
        st.sampled_from(["帮扶方", "受援方", "资金（万元）", "", "序号"]),
        st.text(max_size=4),
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(headers=HEADERS, rows=st.lists(st.lists(CELLS, max_size=9), max_size=5),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))  # fmt: skip
def test_any_table_is_reported_on_not_crashed_on(
    tmp_path: Path,
    gazetteer,
    anchors,
    headers: list[str],
    rows: list[list[str]],
    encoding: str,  # type: ignore[no-untyped-def]
) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    path = tmp_path / "random.csv"
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    try:
        table = read_table(path)
    except TableReadError as error:
        assert str(error).startswith(f"{path}")
        return
    frame, report = resolve_pairings(table, gazetteer=gazetteer, anchors=anchors)
    assert report.rows_read == len(table.frame)
    assert len(frame) == report.rows_resolved <= report.rows_read
    if not report.errors:
        assert len(frame) == report.rows_read
    for issue in report.issues:
        assert issue.file == str(path)
        assert issue.row is None or issue.row >= 2


@pytest.mark.parametrize(
    "data", [b"\x00" * 10, b"PK\x03\x04junk", b"\xff\xfe" + b"a\x00" * 3, b'"']
)
def test_odd_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(data)
    try:
        read_table(path)
    except TableReadError as error:
        assert str(error).startswith(str(path))
