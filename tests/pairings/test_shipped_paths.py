"""The shipped tables are found through the installed package."""

from __future__ import annotations

from pairmap.pairings.shipped import shipped_tables


def test_shipped_tables_are_the_csv_files_of_the_package_sorted() -> None:
    paths = shipped_tables()
    assert paths, "no shipped tables found"
    assert [p.name for p in paths] == sorted(p.name for p in paths)
    assert all(p.suffix == ".csv" and p.is_file() and p.parent.name == "data" for p in paths)
    assert "east_west_national.csv" in {p.name for p in paths}
