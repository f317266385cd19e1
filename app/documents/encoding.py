"""Decode the bytes of a text file: BOM, then UTF-8, UTF-16, Big5-HKSCS, GB18030.

Order of trust: a byte-order mark is final; strict UTF-8 next (it almost never decodes text in
another encoding); then UTF-16 without a BOM when the NUL pattern of ASCII-heavy UTF-16 shows;
then the two double-byte Chinese encodings (and Windows-1252 for mostly-ASCII text).
Big5-HKSCS text nearly always *also* decodes as GB18030 (and short GB text may decode as Big5),
so when more than one decodes, charset-normalizer's coherence score decides. Text that decodes
only to control characters is not text.
"""

from __future__ import annotations

import codecs
import re

from app.documents.errors import DocumentError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
CHINESE = ("big5hkscs", "gb18030")
WESTERN = "cp1252"  # a candidate only for mostly-ASCII text (at most 1 byte in 8 above 0x7F)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_CONTROLS = re.compile("[\x01-\x08\x0e-\x1f\x7f-\x9f]")
_SAMPLE = 1 << 20  # charset-normalizer looks at this much at most


def _looks_like_text(text: str) -> bool:
    """No NUL, and at most one character in a hundred a control character other than layout."""
    if "\x00" in text:
        return False
    return len(_CONTROLS.findall(text)) <= len(text) // 100


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return text if _looks_like_text(text) else None


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    quarter = len(even) // 4
    if odd.count(0) > quarter and even.count(0) < quarter // 4:
        return _strict(data, "utf-16-le")
    if even.count(0) > quarter and odd.count(0) < quarter // 4:
        return _strict(data, "utf-16-be")
    return None


def _tie_break(data: bytes, candidates: list[str]) -> str:
    """The candidate encoding charset-normalizer finds most coherent (first one if it has no view)."""
    from charset_normalizer import from_bytes

    results = from_bytes(data[:_SAMPLE], cp_isolation=candidates, explain=False)
    ranked = {match.encoding: index for index, match in enumerate(results)}
    return min(candidates, key=lambda name: ranked.get(name, len(ranked) + candidates.index(name)))


def decode_text(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` for ``data``, with a BOM removed and newlines left as they are.
    Raises :class:`DocumentError` ``encoding`` for binary data or an unknown encoding."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom):], name)
            if text is None:
                raise DocumentError("encoding", f"invalid {name} after its byte-order mark")
            return text, name
    for decoder in (lambda d: _strict(d, "utf-8"), _utf16_without_bom):
        text = decoder(data)
        if text is not None:
            return text, "utf-8" if decoder is not _utf16_without_bom else _utf16_name(data)
    decoded = {name: text for name in CHINESE if (text := _strict(data, name)) is not None}
    high = sum(1 for byte in data if byte >= 0x80)
    if high * 8 <= len(data) and (western := _strict(data, WESTERN)) is not None:
        decoded[WESTERN] = western  # English from old Windows: “smart quotes”, é, £ in cp1252
    if not decoded:
        for name in ("utf-16-le", "utf-16-be"):  # BOM-less UTF-16 of mostly Chinese text has no NULs
            text = _strict(data, name) if len(data) % 2 == 0 else None
            if text is not None and _mostly_cjk(text):
                return text, name
        if (western := _strict(data, WESTERN)) is not None:  # short Western text, many accents
            return western, WESTERN
        raise DocumentError("encoding", "not UTF-8, UTF-16, Big5-HKSCS or GB18030 text")
    name = next(iter(decoded)) if len(decoded) == 1 else _tie_break(data, list(decoded))
    return decoded[name], name


def _mostly_cjk(text: str) -> bool:
    """Nine in ten characters are CJK ideographs, CJK/full-width punctuation or printable ASCII,
    and there is CJK punctuation (pairs of random bytes make ideographs, rarely punctuation)."""
    if not any(0x3000 <= ord(ch) <= 0x303F or 0xFF00 <= ord(ch) <= 0xFF1F for ch in text):
        return False
    usual = sum(1 for ch in text if 0x4E00 <= ord(ch) <= 0x9FFF or 0x3000 <= ord(ch) <= 0x303F
                or 0xFF00 <= ord(ch) <= 0xFFEF or 0x20 <= ord(ch) < 0x7F or ch in _ALLOWED_CONTROLS)
    return usual * 10 >= len(text) * 9


def _utf16_name(data: bytes) -> str:
    return "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
