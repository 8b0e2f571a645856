"""LibreOffice for the tests: convert a deck to PDF, as a user's office suite would open it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def in_ci() -> bool:
    """Whether the ``CI`` environment variable asks for a strict run."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def convert_with_libreoffice(deck: Path, scratch: Path) -> Path:
    """Convert a deck to PDF with LibreOffice (``soffice --headless``); the PDF's path.

    Skipped when LibreOffice is missing, except in CI, where it must exist (``.ci/run``
    installs it). Fails with LibreOffice's output when the conversion fails.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        reason = "LibreOffice not found: apt-get install libreoffice-impress"
        if in_ci():
            pytest.fail(f"{reason} (CI must convert the deck)")
        pytest.skip(reason)
    outdir = scratch / "libreoffice-pdf"
    command = [
        soffice,
        f"-env:UserInstallation={(scratch / 'lo-profile').as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        str(deck),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    converted = outdir / f"{deck.stem}.pdf"
    assert result.returncode == 0 and converted.is_file(), result.stdout + result.stderr
    return converted
