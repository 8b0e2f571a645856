"""Seats given once in a book (``[seats]``) for names written in many rows."""

from __future__ import annotations

import pandas as pd

from pairmap.pairings.tables import read_tables


def test_book_seats_place_every_row_naming_the_party_and_the_report_says_so() -> None:
    frame = pd.DataFrame(
        {
            "donor": ["火炬开发区", "火炬开发区", "小榄镇", "火炬开发区"],
            "recipient": ["水城区", "六枝特区", "盘州市", "盘州市"],
            "program": "东西部协作",
            "donor_seat": [None, None, None, "广州市"],
        }
    )
    without = read_tables(frame)
    assert [i.row for i in without.report.errors] == [0, 1, 2]
    read = read_tables(frame, seats={"火炬开发区": "中山市", "小榄镇": "中山市"})
    assert read.report.ok, read.report
    # a seat written in the row wins over the book's
    assert list(read.pairs["donor_adcode"]) == ["442000", "442000", "442000", "440100"]
    notices = [n.message for n in read.report.notices if n.code == "seat_from_book"]
    assert notices == [
        "火炬开发区 is drawn at its seat 中山市 from the book's [seats] (rows 0, 1).",
        "小榄镇 is drawn at its seat 中山市 from the book's [seats] (rows 2).",
    ]
