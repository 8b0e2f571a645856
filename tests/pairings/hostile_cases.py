"""Hostile inputs and conditions, generated at test time (big ones are never committed).

Each case writes what it needs into an empty folder and says how to run ``pairmap`` on
it, which exit codes are right, and a phrase the output must contain. The harness in
``test_hostile_inputs.py`` adds the invariants every case shares: no traceback, no hang,
bounded memory, nothing written or overwritten on failure, nothing printed unescaped.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HEADER = "donor,recipient,program,start_year,funds_cny,note\n"
GOOD_ROW = "中山市,六盘水市,东西部协作,2021,1000,\n"


@dataclass(frozen=True)
class HostileCase:
    """One hostile input or condition and what pairmap must make of it."""

    name: str
    build: Callable[[Path], list[str]]
    codes: frozenset[int] = frozenset({1, 2})
    says: str | None = None
    timeout: float = 60.0
    memory: int = 2 * 1024**3
    commands: tuple[str, ...] = ("check", "map")
    extra: dict[str, str] = field(default_factory=dict)


def _csv(folder: Path, text: str, *, name: str = "t.csv", encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def _pair(
    *, funds: str = "1", donor: str = "中山市", year: str = "2021", to: str = "六盘水市"
) -> str:
    """One CSV row under HEADER."""
    return f"{donor},{to},东西部协作,{year},{funds},"


def _rows(*rows: str) -> str:
    return HEADER + "".join(row + "\n" for row in rows)


def _workbook(folder: Path, fill: Callable[..., None], *, name: str = "t.xlsx") -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    fill(workbook)
    path = folder / name
    workbook.save(path)
    return path


def _table_sheet(workbook: object, *, title: str = "pairs") -> object:
    sheet = workbook.create_sheet(title)  # type: ignore[attr-defined]
    sheet.append(["donor", "recipient", "program", "funds_cny"])
    sheet.append(["中山市", "六盘水市", "东西部协作", "1000"])
    return sheet


def _one_file(text: str, **kwargs: str) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        return [str(_csv(folder, text, **kwargs))]

    return build


def _truncated_xlsx(folder: Path) -> list[str]:
    path = _workbook(folder, lambda wb: _table_sheet(wb))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return [str(path)]


def _garbled_sheet_xml(folder: Path) -> list[str]:
    path = _workbook(folder, lambda wb: _table_sheet(wb))
    rebuilt = folder / "g.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rebuilt, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data[: len(data) // 2]
            target.writestr(item, data)
    path.unlink()
    return [str(rebuilt)]


def _chart_first(folder: Path) -> list[str]:
    def fill(wb: object) -> None:
        wb.remove(wb.active)  # type: ignore[attr-defined]
        wb.create_chartsheet("chart")  # type: ignore[attr-defined]
        _table_sheet(wb)

    return [str(_workbook(folder, fill))]


def _only_chart(folder: Path) -> list[str]:
    def fill(wb: object) -> None:
        wb.remove(wb.active)  # type: ignore[attr-defined]
        wb.create_chartsheet("chart")  # type: ignore[attr-defined]

    return [str(_workbook(folder, fill))]


def _sparse(folder: Path) -> list[str]:
    def fill(wb: object) -> None:
        sheet = wb.active  # type: ignore[attr-defined]
        sheet.append(["donor", "recipient", "funds_cny"])
        sheet.append(["中山市", "六盘水市", "abc"])
        sheet["XFD1048576"] = "stray"

    return [str(_workbook(folder, fill))]


def _formula(folder: Path) -> list[str]:
    def fill(wb: object) -> None:
        sheet = wb.active  # type: ignore[attr-defined]
        sheet.append(["donor", "recipient", "funds_cny"])
        sheet.append(["中山市", "六盘水市", "=1000*2"])

    return [str(_workbook(folder, fill))]


def _fifo(folder: Path) -> list[str]:
    path = folder / "pipe.csv"
    os.mkfifo(path)
    return [str(path)]


def _old_xls(folder: Path) -> list[str]:
    path = folder / "old.xlsx"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 4088)
    return [str(path)]


def _output_under_file(folder: Path) -> list[str]:
    table = _csv(folder, _rows(GOOD_ROW.strip()))
    (folder / "plain").write_text("not a folder", encoding="utf-8")
    return [str(table), "-o", str(folder / "plain" / "map.html")]


def _output_in_missing_folder(folder: Path) -> list[str]:
    table = _csv(folder, _rows(GOOD_ROW.strip()))
    return [str(table), "-o", str(folder / "no" / "such" / "map.html")]


def _output_name_too_long(folder: Path) -> list[str]:
    table = _csv(folder, _rows(GOOD_ROW.strip()))
    return [str(table), "-o", str(folder / ("长" * 200 + ".html"))]


def _output_in_proc(folder: Path) -> list[str]:
    table = _csv(folder, _rows(GOOD_ROW.strip()))
    return [str(table), "-o", "/proc/pairmap-map.html"]


def _same_table_twice(folder: Path) -> list[str]:
    table = _csv(folder, _rows(GOOD_ROW.strip()))
    return [str(table), str(table)]


def _sheet_on_csv(folder: Path) -> list[str]:
    return [str(_csv(folder, _rows(GOOD_ROW.strip()))), "--sheet", "Sheet1"]


def _fill_metric_without_metric(folder: Path) -> list[str]:
    return [str(_csv(folder, _rows(GOOD_ROW.strip()))), "--fill", "metric"]


def _unknown_names(count: int) -> str:
    # Distinct made-up names that no gazetteer holds.
    syllables = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
    names = []
    for index in range(count):
        a, b = divmod(index, len(syllables))
        c, a = divmod(a, len(syllables))
        names.append(f"{syllables[a]}{syllables[b]}{syllables[c % len(syllables)]}旗镇")
    return "".join(f"{name},六盘水市,东西部协作,2021,1,\n" for name in names)


def _wide(columns: int) -> str:
    header = "donor,recipient," + ",".join(f"x{i}" for i in range(columns)) + "\n"
    row = "中山市,六盘水市," + ",".join(str(i) for i in range(columns)) + "\n"
    return header + row


ESCAPES = "\x1b[31m\x1b]0;owned\x07\x9b2J\u202e"

CASES: list[HostileCase] = [
    # amounts out of range, sums past float range
    HostileCase("overflow_amount", _one_file(_rows(_pair(funds="1e999999万")))),
    HostileCase(
        "overflow_sum",
        _one_file(_rows(*[_pair(funds="1e308")] * 2)),
    ),
    HostileCase(
        "overflow_extra_column",
        _one_file("donor,recipient,x\n中山市,六盘水市,1e999999万\n"),
        codes=frozenset({0, 1, 2}),
    ),
    HostileCase("range_amount", _one_file(_rows(_pair(funds="2000–3000万")))),
    HostileCase("range_amount_hyphen", _one_file(_rows(_pair(funds="2000-3000万")))),
    # workbooks that are broken or odd
    HostileCase("truncated_xlsx", _truncated_xlsx),
    HostileCase("garbled_sheet_xml", _garbled_sheet_xml),
    HostileCase("old_xls_named_xlsx", _old_xls, says="xls"),
    HostileCase("chart_sheet_first", _chart_first, codes=frozenset({0, 1, 2})),
    HostileCase("only_a_chart_sheet", _only_chart),
    HostileCase("sparse_xfd1048576", _sparse, memory=1024**3),
    HostileCase("formula_without_value", _formula),
    # paths that are not regular files
    HostileCase("fifo", _fifo, timeout=30.0),
    HostileCase("dev_zero", lambda folder: ["/dev/zero"], timeout=30.0, memory=1024**3),
    HostileCase("a_folder_of_nothing", lambda folder: [str(folder)]),
    HostileCase("missing_file", lambda folder: [str(folder / "missing.csv")]),
    HostileCase("stdin_empty", lambda folder: ["-"]),
    # CSV text that misleads
    HostileCase("unquoted_thousands", _one_file(_rows(_pair(funds="1,234,567")))),
    HostileCase(
        "big5",
        _one_file(
            _rows("中山市,六盤水市,東西部協作,2021,1,", "廣州市,黔南州,對口幫扶,2021,1,"),
            encoding="big5",
        ),
        says="Big5",
        codes=frozenset({0, 1, 2}),
    ),
    HostileCase("shift_jis", _one_file(_rows("東京都,大阪府,協力,2021,1,"), encoding="shift_jis")),
    HostileCase("latin1_byte", lambda folder: [str(_latin1(folder))]),
    HostileCase("nul_byte", _one_file(_rows(_pair(to="六盘\x00水市")))),
    HostileCase("placeholder_party", _one_file(_rows(_pair(donor="N/A")))),
    HostileCase("year_range_in_start", _one_file(_rows(_pair(year="2016-2020")))),
    HostileCase("escape_sequences", _one_file(_rows(_pair(donor=f"中山{ESCAPES}市")))),
    HostileCase(
        "escape_in_header",
        _one_file(f"donor,recipient,x{ESCAPES}\n中山市,,1\n"),
    ),
    HostileCase(
        "bracket_bomb",
        _one_file(_rows(_pair(to="(" * 130_000))),
        timeout=30.0,
    ),
    HostileCase(
        "ten_thousand_unknown_names",
        _one_file(HEADER + _unknown_names(10_000)),
        timeout=120.0,
        commands=("check",),
    ),
    HostileCase(
        "ten_thousand_columns",
        _one_file(_wide(10_000)),
        codes=frozenset({0, 1, 2}),
        commands=("check",),
    ),
    # options that do not apply, tables given twice
    HostileCase("same_table_twice", _same_table_twice),
    HostileCase("sheet_on_csv", _sheet_on_csv),
    HostileCase("fill_metric_without_metric", _fill_metric_without_metric, commands=("map",)),
    # outputs that cannot be written
    HostileCase("output_parent_is_a_file", _output_under_file, commands=("map-raw",)),
    HostileCase("output_in_missing_folder", _output_in_missing_folder, commands=("map-raw",)),
    HostileCase("output_name_too_long", _output_name_too_long, commands=("map-raw",)),
    HostileCase("output_in_proc", _output_in_proc, commands=("map-raw",)),
]


def _latin1(folder: Path) -> Path:
    text = _rows(GOOD_ROW.strip()).encode("utf-8") + b"Caf\xe9," + "六盘水市,,,1,\n".encode()
    path = folder / "latin1.csv"
    path.write_bytes(text)
    return path
