"""Project hygiene: lint, CI runs the README's command, no big files, no CDN links."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from package_tree import link_package_tree

REPO_ROOT = Path(__file__).resolve().parent.parent
MAX_TRACKED_BYTES = 2 * 1024 * 1024

#: XML namespace identifiers look like URLs but are never fetched.
_NAMESPACE_URL = re.compile(r"https?://www\.w3\.org/[\w/.#-]*")
_URL = re.compile(r"https?://[^\s'\"<>)]+")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


#: The project's packages, and every folder of Python code.
PACKAGES = ("pairmap", "geo", "pairings", "maps", "scripts")
PYTHON_FOLDERS = (*PACKAGES, "tests", "bench")


def venv_tool(name: str) -> str:
    """A console script installed beside this Python (the venv's bin), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        if in_ci():
            pytest.fail(f"{name} is not installed (pip install -e '.[test]')")
        pytest.skip(f"{name} is not installed: pip install -e '.[test]'")
    return found


def sh_blocks(markdown: str) -> list[str]:
    """The bodies of the ```sh fenced blocks of a Markdown text, in order."""
    return [m.strip() for m in re.findall(r"^```sh\n(.*?)^```", markdown, re.M | re.S)]


def test_ruff_finds_nothing() -> None:
    result = subprocess.run(
        [venv_tool("ruff"), "check", "--no-cache", "."],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted() -> None:
    command = [venv_tool("ruff"), "format", "--check", "--no-cache", *PYTHON_FOLDERS]
    result = subprocess.run(
        command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_type_checks(tmp_path: Path) -> None:
    """mypy over the package as installed (``pairmap.*``), with the project's settings."""
    tree = link_package_tree(tmp_path)
    command = [
        venv_tool("mypy"),
        "--config-file",
        str(REPO_ROOT / "pyproject.toml"),
        "--cache-dir",
        str(tmp_path / ".mypy_cache"),
        "-p",
        "pairmap",
    ]
    result = subprocess.run(
        command, cwd=tree, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    blocks = sh_blocks(readme)
    assert len(blocks) >= 2, "README.md should have set-up and test commands in ```sh blocks"
    command = blocks[1]
    assert "pytest" in command, f"the second ```sh block is not the test command: {command}"
    ci_lines = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command in [line.strip() for line in ci_lines if not line.lstrip().startswith("#")]


def test_no_tracked_file_is_over_2_mb() -> None:
    if shutil.which("git") is None or not (REPO_ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO_ROOT, capture_output=True, check=True, timeout=60
    )
    names = [n for n in listed.stdout.decode("utf-8").split("\0") if (REPO_ROOT / n).is_file()]
    assert names, "git ls-files listed nothing"
    sizes = {name: (REPO_ROOT / name).stat().st_size for name in names}
    too_big = {name: size for name, size in sizes.items() if size > MAX_TRACKED_BYTES}
    assert too_big == {}


def test_static_assets_link_to_no_cdn() -> None:
    static = REPO_ROOT / "maps" / "static"
    files = [p for p in static.rglob("*") if p.is_file()] if static.exists() else []
    links = {
        f"{path.relative_to(REPO_ROOT)}: {url}"
        for path in files
        for url in _URL.findall(_NAMESPACE_URL.sub("", path.read_text(encoding="utf-8")))
    }
    assert links == set()


#: The longest a function of the package may be, in lines, its docstring not counted.
MAX_FUNCTION_LINES = 60


def test_no_function_is_longer_than_a_screen() -> None:
    """Every function of the package reads at once: at most 60 lines besides its docstring."""
    import ast

    too_long = []
    for folder in PACKAGES:
        for path in sorted((REPO_ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                first = node.body[0]
                if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                    lines -= (first.end_lineno or first.lineno) - first.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    too_long.append(f"{path.relative_to(REPO_ROOT)}:{node.name} ({lines})")
    assert too_long == []
