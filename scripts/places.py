"""``pairmap places``: look a place name or adcode up among China's administrative units."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from pairmap.geo.levels import Level
from pairmap.scripts._common import echo, enum_choice, reported_errors

if TYPE_CHECKING:
    from pairmap.geo.gazetteer import Place


def _place_line(place: Place) -> str:
    """``451324  广西壮族自治区 › 来宾市 › 金秀瑶族自治县  county``, plus the note if any."""
    line = f"{place.adcode}  {place.full_path}  {place.level}"
    if place.note:
        line += f"\n        note: {place.note}"
    return line


@click.command(name="places")
@click.argument("name")
@click.option(
    "--within",
    "within",
    multiple=True,
    metavar="PARENT",
    help="A unit the place lies in (province or prefecture; name, short form or adcode). "
    "Repeatable.",
)
@click.option(
    "--level",
    type=enum_choice(Level),
    default=None,
    help="Only units of this level.",
)
def command(name: str, within: Sequence[str], level: Level | None) -> None:
    """Print the administrative unit NAME means: adcode, path, level and any rename note.

    NAME may be an adcode (520204), a full name (金秀瑶族自治县), a short form (金秀,
    黔南州, 广西), a former name (水城县) or a path (广州白云区).  Exits 1 when the name
    is ambiguous (listing every candidate), unknown (with the closest names) or not an
    administrative unit (an agency, firm, development zone, town ...).
    """
    from pairmap.geo.errors import AmbiguousPlaceError, UnknownPlaceError
    from pairmap.geo.gazetteer import Gazetteer

    with reported_errors():
        gazetteer = Gazetteer.default()
        try:
            place = gazetteer.resolve(name, within=within, level=level)
        except AmbiguousPlaceError as error:
            echo(f"{len(error.candidates)} units match {error.name!r}:")
            for candidate in error.candidates:
                echo(_place_line(candidate))
            echo(
                "Error: Add a parent with --within (province and/or prefecture), "
                "or give the adcode.",
                err=True,
            )
            raise SystemExit(1) from None
        except UnknownPlaceError as error:
            if not error.suggestions:
                raise
            echo("Closest:")
            for suggestion in error.suggestions:
                echo(_place_line(suggestion))
            echo(
                f"Error: No administrative unit is named {error.name!r}. Check the spelling, "
                "or give the adcode.",
                err=True,
            )
            raise SystemExit(1) from None
        echo(_place_line(place))
