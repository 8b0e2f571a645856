"""What a corpus file must give, and the check every corpus module runs (test helpers).

Each ``test_corpus*.py`` module in this folder holds a ``CASES`` dict of file name (a
suffix after a space tells two cases of one file apart) -> :class:`Case`; together they
must cover every file in ``corpus/``.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from pairmap.pairings.io import TableReadError, read_column_map, read_table
from pairmap.pairings.resolve import resolve_pairings

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
E, W, N = "error", "warning", "info"

#: Files in ``corpus/`` that are not tables (column mappings used by the cases).
NOT_TABLES = frozenset({"foreign_layout.toml", "funds_in_wan.toml"})


@dataclass(frozen=True)
class Case:
    """What one corpus file must give: a reading error, or issues and resolved rows.

    ``messages``, when given, are the exact ``Issue.message`` texts in report order;
    ``columns_file`` names a TOML column mapping in ``corpus/``.
    """

    issues: list[tuple[str, str, int | None, str | None]] = field(default_factory=list)
    rows: int = 0
    resolved: int = 0
    read_error: str | None = None
    sheet: str | None = None
    columns: dict[str, str] | None = None
    columns_file: str | None = None
    messages: list[str] | None = None


def corpus_path(case_name: str) -> Path:
    """The corpus file of a case (the part of its name before a space)."""
    return CORPUS / case_name.split(" ")[0]


def read_case(case: Case, case_name: str) -> Any:
    """Read a case's file with its sheet and column mapping."""
    columns = dict(case.columns or {})
    if case.columns_file is not None:
        columns.update(read_column_map(CORPUS / case.columns_file))
    return read_table(corpus_path(case_name), sheet=case.sheet, columns=columns or None)


def run_case(case: Case, case_name: str, gazetteer: Any, anchors: Any) -> tuple[pd.DataFrame, Any]:
    """Read and resolve a case's file."""
    return resolve_pairings(read_case(case, case_name), gazetteer=gazetteer, anchors=anchors)


def check_case(case: Case, case_name: str, gazetteer: Any, anchors: Any) -> None:
    """Assert that a case's file gives exactly its reading error, or its issues and rows."""
    path = corpus_path(case_name)
    if case.read_error is not None:
        with pytest.raises(TableReadError) as caught:
            read_case(case, case_name)
        assert str(caught.value).startswith(f"{path}: ")
        assert re.search(case.read_error, str(caught.value))
        return
    frame, report = run_case(case, case_name, gazetteer, anchors)
    found = [(i.severity, i.code, i.row, i.column) for i in report.issues]
    assert found == case.issues
    if case.messages is not None:
        assert [issue.message for issue in report.issues] == case.messages
    for issue in report.issues:
        assert issue.file == str(path)
        assert issue.sheet == case.sheet
        assert str(issue).startswith(str(path) + (f" [{case.sheet}]" if case.sheet else ""))
    assert (report.rows_read, report.rows_resolved, len(frame)) == (
        case.rows,
        case.resolved,
        case.resolved,
    )


def all_cases() -> dict[str, Case]:
    """The cases of every corpus module in this folder."""
    cases: dict[str, Case] = {}
    for module_path in sorted(HERE.glob("test_corpus*.py")):
        cases.update(importlib.import_module(module_path.stem).CASES)
    return cases
