"""Exceptions raised by the boundary layer and the gazetteer."""

from __future__ import annotations


class PairmapError(Exception):
    """Base class of every error pairmap reports to a user (no traceback shown)."""
