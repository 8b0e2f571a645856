"""Every error pairmap raises lives in pairmap.errors and subclasses a built-in."""

from __future__ import annotations

import pytest

import pairmap
from pairmap import errors
from pairmap.geo import boundaries, gazetteer
from pairmap.geo import errors as geo_errors
from pairmap.maps import flowmap
from pairmap.pairings import io, issues

#: Each error class and the built-in a user may catch it as.
BUILT_INS = {
    errors.PlaceError: LookupError,
    errors.UnknownPlaceError: LookupError,
    errors.AmbiguousPlaceError: LookupError,
    errors.NotAdministrativeError: LookupError,
    errors.UnknownLevelError: ValueError,
    errors.TableReadError: OSError,
    errors.PairingTableError: ValueError,
    errors.MapOptionError: ValueError,
    errors.SelectionError: ValueError,
    errors.ExportError: ValueError,
    errors.BookFileError: ValueError,
}


def test_every_error_is_listed_and_subclasses_pairmap_error_and_a_built_in() -> None:
    listed = {getattr(errors, name) for name in errors.__all__}
    classes = {c for c in listed if issubclass(c, Exception) and not issubclass(c, Warning)}
    assert classes == set(BUILT_INS) | {errors.PairmapError}
    for cls, built_in in BUILT_INS.items():
        assert issubclass(cls, errors.PairmapError) and issubclass(cls, built_in), cls
    assert issubclass(errors.OfflineAssetWarning, UserWarning)


def test_the_old_homes_name_the_same_classes() -> None:
    assert geo_errors.PairmapError is errors.PairmapError is pairmap.errors.PairmapError
    assert geo_errors.AmbiguousPlaceError is errors.AmbiguousPlaceError
    assert boundaries.UnknownLevelError is errors.UnknownLevelError
    assert io.TableReadError is errors.TableReadError
    assert issues.PairingTableError is errors.PairingTableError
    assert flowmap.MapOptionError is errors.MapOptionError


def test_a_caught_built_in_keeps_the_message_and_details() -> None:
    with pytest.raises(LookupError, match="金秀瑶族自治县") as raised:
        gazetteer.Gazetteer.default().resolve("金绣县")
    assert raised.value.suggestions  # type: ignore[attr-defined]
    with pytest.raises(OSError, match="no such file"):
        io.read_table("no/such/table.csv")
