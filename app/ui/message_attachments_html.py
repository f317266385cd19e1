"""A prompt's attached files under its text: one compact chip each, inert HTML (no Qt here).

Each chip reads like the composer's: ``name · 3 pages · about 1,200 tokens``, plus a note when
only the file's best passages were given to the model. The items are the history's
``StoredAttachment`` or, right after sending, the turn's ``AttachmentRef`` (same fields). File
names come from disk: they are escaped, never markup, and carry no anchor.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from app.i18n import tr
from app.ui.markdown_render import Colours

CONTEXT = "MessageAttachments"
CHIP = "AttachmentChip"  # the composer's chips (app.ui.attachments_bar) say the same words


def size_text(pages: int | None, unit: str, tokens: int | None) -> str:
    """``3 pages · about 1,200 tokens`` (sheets or slides by the unit; unknown parts left out)."""
    parts = []
    if pages is not None:
        one = {"sheet": tr(CHIP, "1 sheet"), "slide": tr(CHIP, "1 slide")}.get(unit, tr(CHIP, "1 page"))
        many = {"sheet": tr(CHIP, "%1 sheets"), "slide": tr(CHIP, "%1 slides")}.get(unit, tr(CHIP, "%1 pages"))
        parts.append(one if pages == 1 else many.replace("%1", str(pages)))
    if tokens is not None:
        parts.append(tr(CHIP, "about %1 tokens").replace("%1", f"{tokens:,}"))
    return " · ".join(parts)


def unit_of(fmt: str | None) -> str:
    """``page``, ``sheet`` or ``slide`` for a document format (``page`` when unknown)."""
    from app.documents.model import UNITS

    return UNITS.get(fmt or "", "page")


def describe(attachment: Any) -> str:
    """One attachment as plain text: name, size and, if so, that only passages were used."""
    parts = [str(attachment.name)]
    size = size_text(getattr(attachment, "pages", None), unit_of(getattr(attachment, "format", None)),
                     getattr(attachment, "tokens", None))
    if size:
        parts.append(size)
    if not getattr(attachment, "whole", True):
        parts.append(tr(CONTEXT, "best passages only"))
    return " · ".join(parts)


def attachments_text(attachments: Sequence[Any]) -> str:
    """``Attached files: a.docx · 2 pages · …; b.txt · …`` ('' without attachments)."""
    if not attachments:
        return ""
    return f"{tr(CONTEXT, 'Attached files:')} " + "; ".join(describe(a) for a in attachments)


def attachments_html(attachments: Sequence[Any], colours: Colours) -> str:
    """The chips under a prompt ('' without attachments)."""
    if not attachments:
        return ""
    chips = "&nbsp; ".join(f'<span style="background-color:{colours.code_background}">'
                           f"&nbsp;{html.escape(describe(a))}&nbsp;</span>" for a in attachments)
    return (f'<p style="margin-top:6px;margin-bottom:0"><span style="color:{colours.muted}">'
            f"{html.escape(tr(CONTEXT, 'Attached files:'))}</span> {chips}</p>")
