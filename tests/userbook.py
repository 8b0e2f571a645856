"""A small user book on disk (test helper): two real tables and a pairmap.toml of three maps.

The tables name real places (粤桂 and 粤黔 pairs). Map ``all`` draws both tables,
``guangxi`` the 粤桂 table (its recipients are in 广西), ``guizhou`` the 粤黔 one. The
largest figure (中山市 → 六盘水市, 90,000,000) is in the 粤黔 table, so changing a
粤桂 figure below it keeps the book's line-width scale.
"""

from __future__ import annotations

from pathlib import Path

#: The 粤桂 table (matched by the glob ``gx_*.csv``).
GX_NAME = "gx_2021.csv"
GX_ROWS = """donor,recipient,program,round,start_year,funds_cny,source
茂南区,金秀县,东西部协作,2021,2021,3000000,茂名日报 2022
电白区,金秀县,东西部协作,2021,2021,5000000,茂名日报 2022
信宜市,忻城县,东西部协作,2021,2021,8000000,茂名日报 2022
"""

#: The 粤黔 table.
GZ_NAME = "gz.csv"
GZ_ROWS = """donor,recipient,program,round,start_year,funds_cny,source
中山市,六盘水市,东西部协作,2021,2021,90000000,新快报 2021
广州市,黔南布依族苗族自治州,东西部协作,2021,2021,60000000,新快报 2021
"""

BOOK = """# a user's book
title = "粤桂粤黔结对"
output = "maps"

[tables.gx]
paths = ["gx_*.csv"]

[tables.gz]
paths = ["gz.csv"]

[defaults]
level = "county"

[[map]]
slug = "all"
title = "全部结对"

[[map]]
slug = "guangxi"
title = "粤桂协作"
tables = ["gx"]
recipient_provinces = ["广西"]

[[map]]
slug = "guizhou"
title = "粤黔协作"
tables = ["gz"]
"""

#: The maps of :data:`BOOK`, in its order.
SLUGS = ("all", "guangxi", "guizhou")


def write_book(folder: Path, *, book: str = BOOK, gx: str = GX_ROWS, gz: str = GZ_ROWS) -> Path:
    """Write the two tables and ``book`` (as pairmap.toml) into ``folder``; return the book."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / GX_NAME).write_text(gx, encoding="utf-8")
    (folder / GZ_NAME).write_text(gz, encoding="utf-8")
    path = folder / "pairmap.toml"
    path.write_text(book, encoding="utf-8")
    return path


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in a text file (fails if it is not there once)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(text: str, line: str) -> int:
    """The 1-based number of the line of ``text`` that is exactly ``line`` (only one may be)."""
    numbers = [n for n, found in enumerate(text.splitlines(), start=1) if found == line]
    assert len(numbers) == 1, f"{line!r} is on lines {numbers}"
    return numbers[0]


def mtimes(folder: Path) -> dict[str, int]:
    """Every file of ``folder`` and its modification time in nanoseconds."""
    return {path.name: path.stat().st_mtime_ns for path in sorted(folder.iterdir())}


def contents(folder: Path) -> dict[str, bytes]:
    """Every file of ``folder`` and its bytes."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}
