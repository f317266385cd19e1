"""A reply's numbered sources as inert HTML under its text (no Qt here).

Each source is one line, ``[n] file, p. N``, as a view-own anchor (``bauhinia:<nonce>/source/<n>``)
that opens the excerpt (see ``app.ui.citations``). File names come from disk and the excerpt from
a document: everything is escaped, and the excerpt itself is never rendered as HTML at all.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from app.i18n import tr
from app.ui.markdown_render import Colours, own_anchor

CONTEXT = "Citations"
SOURCE = "source"  # the anchor action; its argument is the source's index (from 0)


def _file_name(file: str) -> str:
    # A library source is a full path (Windows or POSIX), an attachment its name.
    return PurePath(file.replace("\\", "/")).name or file


def where(source: Any) -> str:
    """``p. 3``, ``sheet 2`` or ``slide 5``, by the file's kind ('' when the page is unknown)."""
    if not getattr(source, "page", None):
        return ""
    from app.documents.formats import EXTENSIONS
    from app.documents.model import UNITS

    unit = UNITS.get(EXTENSIONS.get(PurePath(_file_name(str(source.file))).suffix.lower(), ""), "page")
    text = {"sheet": tr(CONTEXT, "sheet %1"), "slide": tr(CONTEXT, "slide %1")}.get(unit, tr(CONTEXT, "p. %1"))
    return text.replace("%1", str(source.page))


def label(n: int, source: Any) -> str:
    """``[n] name, p. N`` (plain text)."""
    page = where(source)
    return f"[{n}] {_file_name(str(source.file))}" + (f", {page}" if page else "")


def sources_html(sources: Sequence[Any], colours: Colours, nonce: str) -> str:
    """The numbered list under a reply ('' without sources)."""
    if not sources:
        return ""
    lines = [f'<p style="margin-top:8px;margin-bottom:0;color:{colours.muted}"><b>'
             f'{html.escape(tr(CONTEXT, "Sources"))}</b></p>']
    for i, source in enumerate(sources):
        href = html.escape(own_anchor(nonce, SOURCE, str(i)), quote=True)
        lines.append(f'<p style="margin:0"><a href="{href}">{html.escape(label(i + 1, source))}</a></p>')
    return "".join(lines)
