"""Decoding table text: byte-order marks, UTF-16 without one, UTF-8, GBK, Big5 and Shift-JIS."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from pairmap.pairings._reading import TableReadError

#: How many bytes from the start are scored to tell GBK from Big5 and Shift-JIS.
SAMPLE_BYTES = 256 * 1024

#: A Big5 or Shift-JIS reading wins only when this much more of its text is common characters.
SCORE_MARGIN = 0.2

#: Below this share of common characters, Chinese text read as GBK is probably another encoding.
LOW_SCORE = 0.5

#: Text with a larger share (and more than BINARY_CHARS) of NUL, control characters or
#: undecodable bytes is binary data; fewer are named by row and column.
BINARY_SHARE = 0.02
BINARY_CHARS = 8

_TEXT_CONTROLS = frozenset("\t\n\r\x0b\x0c")


@dataclass(frozen=True)
class Decoded:
    """Table text and how it was decoded.

    Attributes
    ----------
    text
        The text; bytes that did not decode are kept as ``\\udcXX`` (surrogateescape).
    label
        The encoding as reported (``UTF-8``, ``GBK``, ``Big5``, ...).
    bad_bytes
        How many bytes did not decode in that encoding (0 for clean text).
    notice
        A sentence for the report when the encoding was a guess worth checking, else None.
    """

    text: str
    label: str
    bad_bytes: int = 0
    notice: str | None = None


def decode_table_text(data: bytes, *, file: str) -> Decoded:
    """Decode the bytes of a CSV-like table.

    Byte-order marks decide first; then UTF-16 without one (NUL in every other byte);
    then UTF-8; then GBK/GB18030, Big5 and Shift-JIS, whichever reads as the most common
    characters. When none decodes cleanly, the closest is returned with the bad bytes kept
    so that the caller can name their row and column.

    Raises
    ------
    TableReadError
        When the bytes are binary data rather than text.
    """
    decoded = _decode_marked(data) or _decode_clean(data) or _decode_damaged(data)
    sample = decoded.text[: SAMPLE_BYTES // 2]
    odd = _binary_count(sample)
    if odd > max(BINARY_CHARS, BINARY_SHARE * len(sample)):
        raise TableReadError(
            f"{file}: not text in UTF-8, GBK or GB18030 (nor Big5, Shift-JIS or UTF-16): "
            f"{odd / len(sample):.0%} of it is bytes that are not text, as in a binary file; "
            "save it from Excel as 'CSV UTF-8' or as .xlsx."
        )
    return decoded


def _decode_marked(data: bytes) -> Decoded | None:
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict_or_damaged(data, "utf-8-sig", "UTF-8 with BOM")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict_or_damaged(data, "utf-16", "UTF-16")
    order = utf16_byte_order(data)
    if order is not None:
        return _strict_or_damaged(data, order, "UTF-16 without BOM")
    return None


def _strict_or_damaged(data: bytes, codec: str, label: str) -> Decoded:
    try:
        return Decoded(data.decode(codec), label)
    except UnicodeDecodeError:
        text = data.decode(codec, errors="surrogateescape")
        return Decoded(text, label, bad_bytes=_count_escaped(text))


def utf16_byte_order(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``data`` is UTF-16 without a byte-order mark: text
    whose every other byte is NUL where it is ASCII; else None."""
    sample = data[: 64 * 1024]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    units = len(sample) // 2
    for codec, high, low in (("utf-16-le", 1, 0), ("utf-16-be", 0, 1)):
        ascii_units = [sample[i + low] for i in range(0, len(sample), 2) if sample[i + high] == 0]
        if len(ascii_units) < max(2, units // 10):
            continue
        texty = sum(1 for byte in ascii_units if 0x20 <= byte < 0x7F or byte in (9, 10, 13))
        if texty >= 0.95 * len(ascii_units) and sample[low::2].count(0) <= units // 100:
            return codec
    return None


def _decode_clean(data: bytes) -> Decoded | None:
    try:
        return Decoded(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError:
        pass
    gb = _try_decode(data, "gbk", "GBK") or _try_decode(data, "gb18030", "GB18030")
    others = (_try_decode(data, codec, label) for codec, label in _EAST_ASIAN[2:])
    readings = [reading for reading in (gb, *others) if reading is not None]
    if not readings:
        return None
    return _best_reading(readings)


def _try_decode(data: bytes, codec: str, label: str) -> tuple[str, str] | None:
    try:
        return data.decode(codec), label
    except UnicodeDecodeError:
        return None


#: Candidate codecs for text that is not UTF-8, with their labels, GB first.
_EAST_ASIAN: tuple[tuple[str, str], ...] = (
    ("gbk", "GBK"),
    ("gb18030", "GB18030"),
    ("cp950", "Big5"),
    ("cp932", "Shift-JIS"),
)

_NAMES = {"Big5": "Big5 (traditional Chinese)", "Shift-JIS": "Shift-JIS (Japanese)"}


def _best_reading(readings: list[tuple[str, str]]) -> Decoded:
    scores = {label: common_share(text[: SAMPLE_BYTES // 2], label) for text, label in readings}
    best_text, best_label = max(readings, key=lambda reading: scores[reading[1]])
    gb = readings[0]
    if gb[1].startswith("GB") and scores[best_label] < scores[gb[1]] + SCORE_MARGIN:
        best_text, best_label = gb
    if best_label in _NAMES:
        return Decoded(
            best_text,
            best_label,
            notice=f"read as {_NAMES[best_label]}, which fits its text better than GBK. If "
            "names look wrong, save the file as CSV UTF-8.",
        )
    if scores[best_label] < LOW_SCORE and _non_ascii(best_text[: SAMPLE_BYTES // 2]) >= 20:
        return Decoded(
            best_text,
            best_label,
            notice=f"read as {best_label}, but most of its Chinese text is rare characters: it "
            "may be in another encoding (Big5, Shift-JIS, ...). If names look garbled, open "
            "it in Excel and save it as CSV UTF-8.",
        )
    return Decoded(best_text, best_label)


def _decode_damaged(data: bytes) -> Decoded:
    """The reading with the fewest bytes that do not decode, bad bytes kept as escapes."""
    best: Decoded | None = None
    for codec, label in (("utf-8", "UTF-8"), ("gb18030", "GBK"), *_EAST_ASIAN[2:]):
        text = data.decode(codec, errors="surrogateescape")
        decoded = Decoded(text, label, bad_bytes=_count_escaped(text))
        if best is None or decoded.bad_bytes < best.bad_bytes:
            best = decoded
    assert best is not None
    return best


def _count_escaped(text: str) -> int:
    return sum(1 for char in text if "\udc80" <= char <= "\udcff")


def _non_ascii(text: str) -> int:
    return sum(1 for char in text if ord(char) > 0x7F)


def _binary_count(text: str) -> int:
    """How many characters of ``text`` are NUL, control characters or undecodable bytes."""
    return sum(
        1
        for char in text
        if (char < " " and char not in _TEXT_CONTROLS) or "\udc80" <= char <= "\udcff"
    )


def common_share(text: str, label: str) -> float:
    """Share of the non-ASCII characters of ``text`` that are common in the script the
    encoding ``label`` is made for (GB2312 level 1 for GBK, Big5 level 1, JIS level 1 and
    kana for Shift-JIS), counting CJK punctuation and full-width forms as common."""
    common = _common_characters()[label]
    total = hits = 0
    for char in text:
        code = ord(char)
        if code <= 0x7F:
            continue
        total += 1
        if char in common or 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E:
            hits += 1
    return hits / total if total else 1.0


def _plane(codec: str, leads: range, trails: tuple[range, ...]) -> frozenset[str]:
    chars = set()
    for lead in leads:
        for trail_range in trails:
            for trail in trail_range:
                try:
                    chars.add(bytes((lead, trail)).decode(codec))
                except UnicodeDecodeError:
                    continue
    return frozenset(chars)


@functools.cache
def _common_characters() -> dict[str, frozenset[str]]:
    gb = _plane("gb2312", range(0xB0, 0xD8), (range(0xA1, 0xFF),))
    big5 = _plane("cp950", range(0xA4, 0xC7), (range(0x40, 0x7F), range(0xA1, 0xFF)))
    jis = _plane("cp932", range(0x88, 0x99), (range(0x40, 0x7F), range(0x80, 0xFD)))
    kana = frozenset(chr(code) for code in range(0x3041, 0x3100))
    return {"GBK": gb, "GB18030": gb, "Big5": big5, "Shift-JIS": jis | kana}
