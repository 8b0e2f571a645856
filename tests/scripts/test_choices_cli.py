"""The command line's choices are generated from the enums, in their order."""

from __future__ import annotations

import enum
import importlib

import click
import pytest
from click.testing import CliRunner

from pairmap.geo.levels import Level
from pairmap.geo.options import Datum, Detail
from pairmap.maps.options import ColourBy, Extent, Fill
from pairmap.scripts._common import enum_choice
from pairmap.scripts.cli import cli


def _choices(command: str) -> dict[str, list[str]]:
    """Option name -> its choices, for every choice option of a subcommand."""
    module = importlib.import_module(f"pairmap.scripts.{command}")
    params = module.command.params
    return {
        param.name: list(param.type.choices)
        for param in params
        if isinstance(param.type, click.Choice)
    }


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (
            "map",
            {"level": Level, "extent": Extent, "color_by": ColourBy, "fill": Fill},
        ),
        ("boundaries", {"level": Level, "datum": Datum, "detail": Detail}),
        ("places", {"level": Level}),
    ],
)
def test_every_enum_option_lists_its_enum(
    command: str, expected: dict[str, type[enum.StrEnum]]
) -> None:
    choices = _choices(command)
    for name, values in expected.items():
        assert choices[name] == [member.value for member in values]


def test_an_enum_choice_hands_the_command_the_member() -> None:
    seen: list[object] = []

    @click.command()
    @click.option("--fill", type=enum_choice(Fill), default=Fill.ROLE.value)
    def command(fill: Fill) -> None:
        seen.append(fill)

    runner = CliRunner()
    assert runner.invoke(command, ["--fill", "metric"]).exit_code == 0
    assert runner.invoke(command, []).exit_code == 0
    assert seen == [Fill.METRIC, Fill.ROLE]
    assert all(isinstance(value, Fill) for value in seen)
    bad = runner.invoke(command, ["--fill", "colour"])
    assert bad.exit_code == 2
    assert "'colour' is not one of 'role', 'metric', 'none'" in bad.output


def test_help_shows_the_generated_choices() -> None:
    result = CliRunner().invoke(cli, ["map", "--help"])
    assert result.exit_code == 0
    assert "[auto|group|donor_province|donor_prefecture|program]" in result.output
    assert "[province|prefecture|county]" in result.output
