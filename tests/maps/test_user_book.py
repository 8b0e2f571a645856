"""A cooperation office's own map book, end to end, with pairmap installed into a fresh venv.

Two tables in different layouts (a GBK CSV in pairmap's words, an XLSX in the office's
own words mapped in the book), ``pairmap init``, the book edited to four maps (two
with filters, one skipping unresolvable rows, one with a PNG export), a build, one
figure changed in one row, and a second build: exactly the maps that draw that row
are drawn again, and their change panels and the gallery show the one changed pair
with its old and new figure.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from synthetic import page_payload

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]

#: What building pairmap's wheel reads from the checkout.
PACKAGE_FILES = ("pyproject.toml", "README.md", "geo", "pairings", "maps", "scripts", "pairmap")

GBK_TABLE = """帮扶方,受援方,受援方省份,协作类型,开始年份,帮扶资金（万元）
茂南区,金秀瑶族自治县,广西壮族自治区,东西部协作,2021,200
电白区,金秀瑶族自治县,广西壮族自治区,东西部协作,2021,
信宜市,忻城县,广西壮族自治区,东西部协作,2021,
不存在的镇,忻城县,广西壮族自治区,东西部协作,2021,
化州市,火星县,广西壮族自治区,东西部协作,2021,
"""

#: The office's own headers (mapped with ``columns`` in the book) and rows.
XLSX_HEADER = ["结对帮扶单位", "对口县区", "县区所在省", "起始年", "截止年", "帮扶资金（万元）"]
XLSX_ROWS = [
    ["海珠区", "荔波县", "贵州省", 2021, 2023, 3000],
    ["荔湾区", "三都水族自治县", "贵州省", 2021, 2023, 2800],
    ["黄埔区", "长顺县", "贵州省", 2017, 2020, 1500],
    ["福田区", "凌云县", "广西壮族自治区", 2021, 2022, 2500],
    ["罗湖区", "乐业县", "广西壮族自治区", 2016, 2020, 2000],
]
EDITED_ROW = 4  # 黄埔区 → 长顺县, on the sheet (header is row 1)

MAPS = """
[[map]]
slug = "all-pairs"
title = "对口县区全部结对"
tables = ["{xlsx}"]
exports = ["png"]

[[map]]
slug = "guizhou"
title = "对口贵州"
tables = ["{xlsx}"]
recipient_provinces = ["贵州"]

[[map]]
slug = "recent"
title = "2021—2023年的结对"
tables = ["{xlsx}"]
years = [2021, 2023]

[[map]]
slug = "maoming-laibin"
title = "茂名 → 来宾"
tables = ["{gbk}"]
skip_invalid = true
"""

COLUMNS = (
    'sheet = "结对"\ncolumns = { donor = "结对帮扶单位", recipient = "对口县区", '
    'recipient_province = "县区所在省", start_year = "起始年", end_year = "截止年" }\n'
)


@pytest.fixture(scope="module")
def fresh_pairmap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``pairmap`` installed (not editable) from this checkout into a new venv.

    The dependencies come from the test's own environment through a ``.pth`` file, so
    nothing is downloaded; pairmap itself, with its package data (the shipped book,
    tables and scripts), is built as a wheel and installed fresh.
    """
    venv = tmp_path_factory.mktemp("venv")
    # without pip: the test environment's pip and setuptools build the wheel
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(site) / "outer_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    source = tmp_path_factory.mktemp("source")  # pip builds in the tree: not in the checkout
    caches = shutil.ignore_patterns("__pycache__")
    for name in PACKAGE_FILES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=caches)
        else:
            shutil.copy(REPO / name, source / name)
    subprocess.run(
        [
            python,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    return venv / "bin" / "pairmap"


def _run(pairmap: Path, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": ""}
    result = subprocess.run(
        [str(pairmap), *args], cwd=folder, capture_output=True, text=True, env=env, timeout=900
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _tables(folder: Path) -> None:
    (folder / "来宾结对.csv").write_bytes(GBK_TABLE.encode("gbk"))
    book = Workbook()
    sheet = book.active
    sheet.title = "结对"
    sheet.append(XLSX_HEADER)
    for row in XLSX_ROWS:
        sheet.append(row)
    book.save(folder / "对口县区.xlsx")


def _edit_book(folder: Path) -> None:
    path = folder / "pairmap.toml"
    text = path.read_text(encoding="utf-8")
    names = {
        Path(spec["paths"][0]).suffix: name for name, spec in tomllib.loads(text)["tables"].items()
    }
    xlsx_entry = f'[tables.{names[".xlsx"]}]\npaths = ["对口县区.xlsx"]\n'
    assert xlsx_entry in text
    text = text.replace(xlsx_entry, xlsx_entry + COLUMNS)
    text = text[: text.index("[[map]]")] + MAPS.format(xlsx=names[".xlsx"], gbk=names[".csv"])
    path.write_text(text, encoding="utf-8")


def _changes(page: Path) -> dict:
    return page_payload(page.read_text(encoding="utf-8"))["changes"]


def test_an_edited_row_rebuilds_exactly_its_maps_and_shows_old_and_new(
    fresh_pairmap: Path, tmp_path: Path
) -> None:
    _tables(tmp_path)
    assert "2 tables" in _run(fresh_pairmap, tmp_path, "init").stdout
    _edit_book(tmp_path)

    first = _run(fresh_pairmap, tmp_path, "build")
    out = tmp_path / "maps"
    assert "4 maps (4 written, 0 unchanged)" in first.stdout
    assert first.stderr.count("not drawn: ") == 2  # 不存在的镇, 火星县
    skipped = page_payload((out / "maoming-laibin.html").read_text(encoding="utf-8"))
    assert len(skipped["flows"]["d"]) == 3
    assert (out / "all-pairs.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert all(_changes(out / f"{slug}.html") is None for slug in ("all-pairs", "guizhou"))
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}

    workbook = load_workbook(tmp_path / "对口县区.xlsx")
    workbook["结对"].cell(row=EDITED_ROW, column=6, value=1650)
    workbook.save(tmp_path / "对口县区.xlsx")
    second = _run(fresh_pairmap, tmp_path, "build")

    built = [line.split()[1] for line in second.stdout.splitlines() if line.startswith("built ")]
    assert built == ["all-pairs", "guizhou"]
    assert "4 maps (2 written, 2 unchanged)" in second.stdout
    after = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    for name in ("recent.html", "maoming-laibin.html"):
        assert after[name] == before[name], name
    assert after["all-pairs.png"] != before["all-pairs.png"]
    for slug in ("all-pairs", "guizhou"):
        panel = _changes(out / f"{slug}.html")
        assert panel["counts"] == {"added": 0, "removed": 0, "changed": 1}
        (item,) = panel["changed"]
        assert "黄埔区" in item["pair"] and "长顺县" in item["pair"]
        assert item["details"] == ["帮扶资金 1500万元 → 1650万元"]
        assert panel["highlight"] == [item["flow"]]
    index = (out / "index.html").read_text(encoding="utf-8")
    badges = index.count('<details class="changes">')
    assert badges == 2
    assert index.count(html.escape("帮扶资金 1500万元 → 1650万元")) == 2
