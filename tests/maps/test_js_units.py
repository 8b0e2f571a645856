"""The page's JavaScript: its files, how they are inlined, and their Node unit tests.

The pure modules (curves, fan-out, formatting, TopoJSON, payload, search) are tested
under Node's built-in runner (``tests/maps/js/*.test.js``); this module runs them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path

import pytest

from pairmap.maps.assets import OWN_SCRIPTS, compact_js, own_js

REPO_ROOT = Path(__file__).resolve().parents[2]
JS_TESTS = Path(__file__).parent / "js"
STATIC = Path(str(files("pairmap.maps") / "static"))

#: A file of page code should read in one sitting.
MAX_LINES = 200


def node_binary() -> str:
    """Node's executable; skipped without it, except in CI, where it must be there."""
    found = shutil.which("node")
    if found is None:
        if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail("node is not installed (apt-get install nodejs); CI runs the JS tests")
        pytest.skip("node is not installed: apt-get install nodejs")
    return found


def test_the_pure_modules_pass_their_node_tests() -> None:
    tests = sorted(JS_TESTS.glob("*.test.js"))
    declared = sum(len(re.findall(r"^test\(", p.read_text("utf-8"), re.M)) for p in tests)
    assert len(tests) >= 4 and declared >= 20
    result = subprocess.run(
        [node_binary(), "--test", "--test-reporter=tap", *map(str, tests)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-4000:]
    assert re.search(r"^# fail 0$", report, re.M), report[-4000:]
    passed = re.search(r"^# pass (\d+)$", report, re.M)
    assert passed and int(passed.group(1)) == declared, report[-4000:]


def test_every_page_file_is_inlined_once_in_a_fixed_order() -> None:
    assert sorted(OWN_SCRIPTS) == sorted(p.name for p in STATIC.glob("*.js"))
    assert len(set(OWN_SCRIPTS)) == len(OWN_SCRIPTS)
    assert OWN_SCRIPTS[-1] == "pairmap.js"  # the start, after every module it wires
    assert own_js() == own_js.__wrapped__()


@pytest.mark.parametrize("name", OWN_SCRIPTS)
def test_page_files_are_small_and_use_no_private_leaflet_member(name: str) -> None:
    text = (STATIC / name).read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_LINES
    assert re.search(r"\._[A-Za-z]", text) is None  # no _map, _layers, _renderer ...


def test_inlining_drops_comments_and_indentation_only() -> None:
    source = (
        "/* a module\n   of two lines */\n(function () {\n"
        '  "use strict";\n\n  /* one line */\n  var a = 1; /* kept */\n'
        "  /* x */ var b = '/* not a comment */';\n}());\n"
    )
    assert compact_js(source, name="x.js") == (
        '(function () {\n"use strict";\nvar a = 1; /* kept */\n'
        "/* x */ var b = '/* not a comment */';\n}());"
    )
    with pytest.raises(ValueError, match=r"x\.js line 2"):
        compact_js("/* a\n b */ var lost = 1;\n", name="x.js")
