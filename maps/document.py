"""Text that goes into a page safely: JSON inside ``<script>``, HTML text, literal HTML.

Table text reaches the page as JSON inside ``<script type="application/json">`` with
``<``, ``>``, ``&`` and U+2028/9 escaped, and is inserted with ``textContent``.
"""

from __future__ import annotations

import json
from typing import Any

from branca.element import Element

_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def escape_json_text(text: str) -> str:
    """Make JSON text safe inside ``<script>``: escape ``< > &`` and U+2028/U+2029.

    The result is still valid JSON with the same value (each character becomes its
    ``\\uXXXX`` escape, which JSON allows only inside strings, where they all are).
    """
    for char, escaped in _UNSAFE.items():
        text = text.replace(char, escaped)
    return text


def script_json(value: Any) -> str:
    """Serialise ``value`` as compact JSON safe to embed in ``<script>``."""
    return escape_json_text(
        json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    )


def html_text(text: str) -> str:
    """Escape text for HTML element content and attribute values."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


class RawHtml(Element):
    """A branca element holding literal HTML under a fixed name.

    The text is never compiled as a Jinja template: table text such as ``{{ … }}``
    stays text, and big pages render fast.
    """

    def __init__(self, html: str, *, name: str) -> None:
        super().__init__()
        self._html = html
        self._name = name

    def get_name(self) -> str:
        """The fixed name given."""
        return self._name

    def render(self, **kwargs: Any) -> str:
        """The HTML as given."""
        return self._html
