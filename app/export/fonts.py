"""Which fonts an export asks for: Latin first, then a CJK face that matches the language."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")

#: East-Asian faces per language, best first: Windows' own, then Noto CJK (Linux; setup-dev).
EAST_ASIAN_FONTS: dict[str, tuple[str, ...]] = {
    "zh_CN": ("Microsoft YaHei", "Noto Sans CJK SC", "Noto Serif CJK SC", "SimSun"),
    "zh_HK": ("Microsoft JhengHei", "Noto Sans CJK HK", "Noto Sans CJK TC", "MingLiU_HKSCS"),
}
LATIN_FONTS: tuple[str, ...] = ("Calibri", "Noto Sans", "DejaVu Sans", "Arial")
#: ``w:lang w:eastAsia`` values.
EAST_ASIAN_LANG = {"zh_CN": "zh-CN", "zh_HK": "zh-HK"}


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def east_asian_key(language: str) -> str:
    """zh_CN for Simplified, zh_HK (Traditional, HK glyph forms) for everything else."""
    return "zh_CN" if language == "zh_CN" else "zh_HK"


def east_asian_fonts(language: str) -> tuple[str, ...]:
    return EAST_ASIAN_FONTS[east_asian_key(language)]
