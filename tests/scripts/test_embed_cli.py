"""Tests of ``pairmap embed`` and ``pairmap map --lang`` through click's CliRunner."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from pairmap.scripts.cli import cli

HOSTILE_TITLE = '"><script>alert(1)</script> & 茂名'

TABLE = """帮扶方,受援方,帮扶方所在市,协作类型,轮次,帮扶资金（万元）,组团
茂南区,金秀瑶族自治县,茂名市,东西部协作,2021,200,茂名→金秀组团
电白区,金秀瑶族自治县,茂名市,东西部协作,2021,,茂名→金秀组团
信宜市,忻城县,茂名市,东西部扶贫协作,2016,3000,
"""

HAN = re.compile(r"[\u3400-\u9fff]")


def page_payload(html: str) -> Any:
    """The page data embedded in a map page."""
    match = re.search(r'id="pairmap-data">(.*?)</script>', html, re.S)
    assert match is not None
    return json.loads(match.group(1))


class _Frames(HTMLParser):
    """The attributes of every element of a snippet, by tag."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, dict[str, str | None]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] = dict(attrs)


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _saved_map(tmp_path: Path, *, title: str, lang: str = "zh") -> Path:
    table = tmp_path / "pairs.csv"
    table.write_text(TABLE, encoding="utf-8")
    out = tmp_path / "maps" / "map.html"
    result = _run("map", str(table), "-o", str(out), "--mkdir", "--title", title, "--lang", lang)
    assert result.exit_code == 0, result.output
    return out


def test_embed_prints_a_16_9_frame_with_a_relative_src_and_the_escaped_title(
    tmp_path: Path,
) -> None:
    page = _saved_map(tmp_path, title=HOSTILE_TITLE)
    result = _run("embed", str(page))
    assert result.exit_code == 0, result.output
    snippet = result.stdout
    assert "<script" not in snippet  # the title is escaped, not markup
    frames = _Frames()
    frames.feed(snippet)
    frame, box = frames.tags["iframe"], frames.tags["div"]
    assert frame["title"] == HOSTILE_TITLE  # the map's own title, read back unescaped
    assert frame["src"] == "map.html"
    assert "aspect-ratio:16/9" in str(box["style"]) and "width:100%" in str(box["style"])

    result = _run(
        "embed", str(page), "--present", "--width", "800px", "--relative-to", str(tmp_path)
    )
    assert result.exit_code == 0, result.output
    frames = _Frames()
    frames.feed(result.stdout)
    assert frames.tags["iframe"]["src"] == "maps/map.html#present"
    assert "width:800px" in str(frames.tags["div"]["style"])


def test_embed_refuses_a_width_that_is_not_css_and_a_missing_file(tmp_path: Path) -> None:
    page = tmp_path / "map.html"
    page.write_text("<title>x</title>", encoding="utf-8")
    result = _run("embed", str(page), "--width", "80;background:red")
    assert result.exit_code == 2
    assert "--width" in result.output and "CSS width" in result.output
    assert _run("embed", str(tmp_path / "none.html")).exit_code == 2


def test_an_english_map_has_english_names_legend_and_title(tmp_path: Path) -> None:
    table = tmp_path / "pairs.csv"
    table.write_text(TABLE, encoding="utf-8")
    out = tmp_path / "en.html"
    result = _run("map", str(table), "-o", str(out), "--lang", "en", "--metric", "funds_cny")
    assert result.exit_code == 0, result.output
    payload = page_payload(out.read_text(encoding="utf-8"))
    assert payload["lang"] == "en"
    assert payload["title"]["title"] == "Pairing assistance map: pairs"
    assert "Jinxiu Yao Autonomous County" in payload["nodes"]["name"]
    assert "Maonan District" in payload["nodes"]["name"]
    assert payload["groups"]["names"] == ["Maoming → Jinxiu group"]
    labels = [item["label"] for item in payload["filters"]["program"]]
    assert labels == ["East–West cooperation", "East–West poverty-alleviation cooperation"]
    legend = str(payload["legend"])
    assert re.search(r"'CNY \d+(\.\d+)? million'", legend), legend  # CNY million / billion
    for text in (
        legend,
        str(payload["title"]),
        str(payload["nodes"]["name"]),
        str(payload["filters"]),
    ):
        assert not HAN.search(text), text
    assert payload["approx_prefix"] == "about "


def test_lang_must_be_zh_or_en(tmp_path: Path) -> None:
    table = tmp_path / "pairs.csv"
    table.write_text(TABLE, encoding="utf-8")
    result = _run("map", str(table), "-o", str(tmp_path / "x.html"), "--lang", "fr")
    assert result.exit_code == 2 and "--lang" in result.output
