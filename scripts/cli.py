"""The ``pairmap`` command group: wires the subcommands and the log level together."""

from __future__ import annotations

import importlib
import logging

import click

#: Subcommand name -> module under ``scripts`` holding a click command called ``command``.
#: Each module imports its heavy dependencies inside the command so ``--help`` stays fast.
SUBCOMMANDS: dict[str, str] = {
    "places": "pairmap.scripts.places",
    "boundaries": "pairmap.scripts.boundaries",
    "check": "pairmap.scripts.check",
    "new-table": "pairmap.scripts.new_table",
    "map": "pairmap.scripts.map",
    "build": "pairmap.scripts.build",
    "diff": "pairmap.scripts.diff",
    "init": "pairmap.scripts.init",
    "embed": "pairmap.scripts.embed",
}


class _LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when it is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = SUBCOMMANDS.get(cmd_name)
        if module_name is None:
            return None
        command: click.Command = importlib.import_module(module_name).command
        return command


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output (repeat for debug).")
@click.option("-q", "--quiet", count=True, help="Less output: warnings and errors only.")
@click.version_option(package_name="pairmap")
def cli(verbose: int, quiet: int) -> None:
    """Maps of China's East–West cooperation and counterpart-assistance pairings."""
    from pairmap.scripts._common import PrintableFormatter

    level = logging.WARNING + 10 * (quiet - verbose)
    handler = logging.StreamHandler()
    handler.setFormatter(PrintableFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=max(logging.DEBUG, min(level, logging.ERROR)), handlers=[handler])


def main() -> None:
    """Run the ``pairmap`` command line."""
    cli(prog_name="pairmap")


if __name__ == "__main__":
    main()
