"""Pieces shared by the subcommands: error reporting and overwrite checks."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import click

from geo.errors import PairmapError


@contextlib.contextmanager
def reported_errors() -> Iterator[None]:
    """Turn a :class:`PairmapError` into its message on stderr and exit status 1."""
    try:
        yield
    except PairmapError as error:
        click.echo(f"Error: {error}", err=True)
        raise SystemExit(1) from None


def check_overwrite(path: Path, *, overwrite: bool) -> None:
    """Refuse to replace an existing file unless ``--overwrite`` was given (exit 2)."""
    if path.exists() and not overwrite:
        raise click.UsageError(
            f"{path} exists; pass --overwrite to replace it or choose another path."
        )
