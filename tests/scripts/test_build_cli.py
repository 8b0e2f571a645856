"""Tests of ``pairmap build`` through click's CliRunner."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from maps.book import book_specs
from scripts.cli import cli


def test_build_writes_the_book_then_leaves_it_alone(tmp_path: Path) -> None:
    out = tmp_path / "book"
    result = CliRunner().invoke(cli, ["build", "-o", str(out)])
    assert result.exit_code == 0, result.output
    slugs = [spec.slug for spec in book_specs()]
    assert sorted(p.stem for p in out.glob("*.html")) == sorted([*slugs, "index"])
    assert f"open {out / 'index.html'}" in result.stdout
    assert f"{len(slugs)} maps ({len(slugs)} written, 0 unchanged)" in result.stdout
    index = (out / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'href="([^"]+)"', index) == [f"{slug}.html" for slug in slugs]

    again = CliRunner().invoke(cli, ["build", "-o", str(out)])
    assert again.exit_code == 0, again.output
    assert f"(0 written, {len(slugs)} unchanged)" in again.stdout
