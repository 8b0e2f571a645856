"""Pieces shared by the subcommands: error reporting and the progress bar."""

from __future__ import annotations

import contextlib
import enum
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from pairmap.geo.errors import PairmapError
from pairmap.geo.text import json_printable, printable

if TYPE_CHECKING:
    from pairmap.geo.boundaries import Progress


class EnumChoice(click.Choice[str]):
    """A ``click.Choice`` of a string enum's values that hands the command the member."""

    def __init__(self, choices: type[enum.StrEnum]) -> None:
        super().__init__([member.value for member in choices])
        self.enum = choices

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, self.enum):
            return value
        return self.enum(super().convert(value, param, ctx))


def enum_choice(choices: type[enum.StrEnum]) -> click.Choice[str]:
    """The command-line choice of every value of ``choices``, in definition order.

    The option's value reaches the command as the enum member (a ``str`` too), and
    a bad value is a usage error (exit 2) listing the allowed values.
    """
    return EnumChoice(choices)


def echo(message: str, *, err: bool = False) -> None:
    """Print ``message`` with terminal control characters escaped (line breaks kept).

    The last guard: table text is escaped where it enters a message, and again here,
    so nothing a table holds can drive the terminal.
    """
    click.echo(printable(message, keep="\n"), err=err)


def echo_json(data: object) -> None:
    """Print ``data`` as indented JSON (Chinese as is), safe for a terminal."""
    click.echo(json_printable(json.dumps(data, ensure_ascii=False, indent=2)))


class PrintableFormatter(logging.Formatter):
    """A log formatter whose lines have terminal control characters escaped."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record), keep="\n")


@contextlib.contextmanager
def reported_errors() -> Iterator[None]:
    """Turn a :class:`PairmapError` into its message on stderr and exit status 1."""
    try:
        yield
    except PairmapError as error:
        echo(f"Error: {error}", err=True)
        raise SystemExit(1) from None


@contextmanager
def progress_bar() -> Iterator[Progress]:
    """Yield a progress callback that opens a tqdm bar on stderr only when work starts."""
    from tqdm import tqdm

    bar: tqdm | None = None

    def update(done: int, total: int, stage: str) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(
                total=total,
                desc=stage,
                leave=False,
                file=sys.stderr,
                bar_format="{desc}: {percentage:3.0f}%|{bar}| {elapsed}",
            )
        bar.total = total
        bar.set_description(stage, refresh=False)
        bar.n = done
        bar.refresh()

    try:
        yield update
    finally:
        if bar is not None:
            bar.close()
