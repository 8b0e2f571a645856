"""Tests of the ``pairmap`` command group itself."""

from __future__ import annotations

from click.testing import CliRunner

from pairmap.scripts.cli import SUBCOMMANDS, cli


def test_help_lists_every_subcommand() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    listed = result.output.split("Commands:", 1)[1]
    for name in SUBCOMMANDS:
        assert f"  {name} " in listed


def test_an_unknown_subcommand_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["mapp"])
    assert result.exit_code == 2
    assert "No such command 'mapp'" in result.output


def test_version_is_the_installed_distribution() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert "version 0.1.0" in result.output
