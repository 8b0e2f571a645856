"""Table text made safe to show in a terminal: control characters become visible escapes."""

from __future__ import annotations

import functools
import re

#: Bidirectional marks, embeddings, overrides and isolates (they reorder what a line shows).
_BIDI: tuple[int, ...] = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
#: Every code point :func:`printable` escapes: C0 controls, DEL, C1 controls (ESC, CSI,
#: OSC, BEL, carriage return, ...), the bidi controls and the line/paragraph separators.
_UNSAFE: tuple[int, ...] = (*range(0x20), *range(0x7F, 0xA0), *_BIDI, 0x2028, 0x2029)
_UNSAFE_CLASS = re.compile("[" + "".join(re.escape(chr(code)) for code in _UNSAFE) + "]")


_NAMED: dict[int, str] = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}


def _escape(code: int) -> str:
    if code in _NAMED:
        return _NAMED[code]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@functools.cache
def _table(keep: str) -> dict[int, str]:
    return {code: _escape(code) for code in _UNSAFE if chr(code) not in keep}


#: What :func:`json_printable` replaces: the unsafe characters JSON leaves raw.
_JSON_TABLE: dict[int, str] = {code: f"\\u{code:04x}" for code in _UNSAFE if code >= 0x7F}


def printable(text: str, *, keep: str = "") -> str:
    """Return ``text`` with every terminal control character shown as an escape.

    ESC becomes ``\\x1b``, DEL ``\\x7f``, a C1 control such as CSI ``\\x9b``, a bidi
    override ``\\u202e``, a newline ``\\n`` (unless it is in ``keep``).  Everything
    else, Chinese text and backslashes included, is unchanged, so the function is
    idempotent and costs one scan when there is nothing to escape.

    Parameters
    ----------
    text
        Text that may come from a table, a file name or any other user input.
    keep
        Control characters to leave as they are (``"\\n"`` for multi-line messages).

    Returns
    -------
    str
        Text that cannot move the cursor, change colours, set the window title or
        reorder the line it is printed on.

    Examples
    --------
    >>> printable("白云区\\x1b[31m")
    '白云区\\\\x1b[31m'
    """
    if _UNSAFE_CLASS.search(text) is None:
        return text
    return text.translate(_table(keep))


def quoted(text: str, *, limit: int = 200) -> str:
    """``text`` in single quotes; past ``limit`` characters cut, with its full length.

    >>> quoted("白云区")
    "'白云区'"
    >>> quoted("(" * 300, limit=3)
    "'(((…' (300 characters)"
    """
    if len(text) <= limit:
        return f"'{text}'"
    return f"'{text[:limit]}…' ({len(text):,} characters)"


def json_printable(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) safe for a terminal.

    ``json.dumps`` escapes C0 controls such as ESC, but leaves DEL, C1 controls and
    bidi controls raw; these become ``\\u`` escapes, so the text is still the same
    JSON value.

    >>> json_printable('["\u202e"]')
    '["\\\\u202e"]'
    """
    if _UNSAFE_CLASS.search(text) is None:
        return text
    return text.translate(_JSON_TABLE)
