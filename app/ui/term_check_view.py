"""A reply's terminology check ("Terminology check" / "術語檢查" / "术语检查") under its text.

Qt-free HTML, like ``citation_html``: one muted block listing each matched glossary term whose
approved rendering the reply does not use (``term → approved``), or one line saying every
approved term was used. The check comes from the stored reply (schema v5, so it is shown again
when the conversation is reopened) or from the turn that just finished; a reply with no matched
term shows nothing. Glossary text comes from an IT file: it is always escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from app.i18n import tr
from app.ui.markdown_render import Colours

CONTEXT = "TermCheck"


def _missing(checks: Sequence[Any]) -> list[Any]:
    return [c for c in checks if not c.found]


def item_text(check: Any) -> str:
    """``Chief Executive → 行政長官`` (or the approved term alone when it is the term itself)."""
    term, expected = str(check.term), str(check.expected)
    return expected if term == expected else f"{term} → {expected}"


def term_check_text(checks: Sequence[Any]) -> str:
    """The check as plain text (accessibility, copy); ``""`` when no term matched."""
    if not checks:
        return ""
    missing = _missing(checks)
    title = tr(CONTEXT, "Terminology check")
    if not missing:
        return f"{title}: {_all_used(checks)}"
    lines = [f"{title}: {_intro()}"] + [f"• {item_text(c)}" for c in missing]
    return "\n".join(lines)


def _all_used(checks: Sequence[Any]) -> str:
    return tr(CONTEXT, "The reply uses every approved term (%1).").replace("%1", str(len(checks)))


def _intro() -> str:
    return tr(CONTEXT, "The reply does not use these approved terms:")


def term_check_html(checks: Sequence[Any], colours: Colours) -> str:
    """The block under a reply (``""`` when no glossary term matched its prompt)."""
    if not checks:
        return ""
    missing = _missing(checks)
    title = html.escape(tr(CONTEXT, "Terminology check"))
    style = f'style="margin:0;color:{colours.muted}"'
    head = f'<p style="margin-top:8px;margin-bottom:0;color:{colours.muted}"><b>{title}</b></p>'
    if not missing:
        return head + f"<p {style}>{html.escape(_all_used(checks))}</p>"
    intro = html.escape(_intro())
    items = "".join(f"<p {style}>⚠ {html.escape(item_text(c))}</p>" for c in missing)
    return head + f"<p {style}>{intro}</p>" + items


def term_check_key(checks: Sequence[Any]) -> str:
    """A key that changes exactly when the block's HTML does (for the streaming document)."""
    return "terms:" + "|".join(f"{c.term}\x1f{c.expected}\x1f{int(bool(c.found))}" for c in checks)
