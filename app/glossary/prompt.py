"""What a turn does with glossary matches: a system-prompt block before, a term check after.

The prompt block is model input, not interface text: it is written in the target language so the
instruction and the terms agree, whatever language the window is shown in.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.glossary.entries import LANGUAGES, GlossaryMatch, TermCheck
from app.glossary.index import contains_term, normalise

_HEADERS = {
    "en": "Use these approved terms exactly as given (official glossary):",
    "zh_HK": "請依照以下核准譯名用詞，不得改寫（官方詞彙表）：",
    "zh_CN": "请严格使用以下核准译名（官方词汇表）：",
}
_NOTE = {"en": " (note: {})", "zh_HK": "（備註：{}）", "zh_CN": "（备注：{}）"}


def prompt_block(matches: Sequence[GlossaryMatch], target_lang: str) -> str:
    """Lines to append to the system prompt (``""`` when nothing matched)::

        Use these approved terms exactly as given (official glossary):
        - Chief Executive → 行政長官
    """
    if target_lang not in LANGUAGES:
        raise ValueError(f"unknown target language: {target_lang!r}")
    if not matches:
        return ""
    lines = [_HEADERS[target_lang]]
    for m in matches:
        line = f"- {m.term} → {m.expected}" if m.term != m.expected else f"- {m.expected}"
        if m.entry.note:
            line += _NOTE[target_lang].format(m.entry.note)
        lines.append(line)
    return "\n".join(lines)


def term_check(reply: str, matches: Sequence[GlossaryMatch], target_lang: str) -> list[TermCheck]:
    """One ``TermCheck`` per match: ``found`` is False when the approved rendering is missing.

    The comparison ignores case, spacing and Simplified/Traditional script (the window converts
    the reply's script anyway), and English renderings must stand as whole words.
    """
    if target_lang not in LANGUAGES:
        raise ValueError(f"unknown target language: {target_lang!r}")
    text = normalise(reply)
    return [TermCheck(m.term, m.expected, contains_term(text, m.expected)) for m in matches]


def missing_terms(checks: Sequence[TermCheck]) -> list[TermCheck]:
    """The checks whose approved rendering the reply lacks (what the window lists)."""
    return [c for c in checks if not c.found]
