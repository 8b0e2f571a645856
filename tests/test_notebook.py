"""The API example notebook (docs/api-example.ipynb) runs top to bottom in a real kernel."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = REPO_ROOT / "docs" / "api-example.ipynb"


def test_the_api_notebook_runs_and_shows_its_maps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # no path-migration warning
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, on any error
    outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])]
    assert not [output for output in outputs if output.get("output_type") == "error"]
    maps = [
        output["data"]["text/html"]
        for output in outputs
        if "pairmap-data" in output.get("data", {}).get("text/html", "")
    ]
    assert len(maps) == 2 and all("<iframe" in html for html in maps)
    printed = "".join(output.get("text", "") for output in outputs)
    assert "DataFrame row 2, column '受援方' (recipient): '平堂县'" in printed
    assert (tmp_path / "example.html").stat().st_size > 100_000
