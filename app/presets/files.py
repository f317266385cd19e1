"""Checks on the files a user's preset names, made when the editor picks them: a glossary must load
as a glossary (:func:`app.glossary.load_glossary`, the turn's own reader) and a reference
document must be a readable file of a supported kind within ``documents.max_file_mb`` (the
attachments' rules). Each problem is one translated line naming the file; '' when it is fine."""

from __future__ import annotations

import os
from pathlib import Path

from app.i18n import tr
from app.presets.loader import CONTEXT


def glossary_problem(path: str) -> str:
    from app.glossary import GlossaryError, load_glossary

    try:
        load_glossary(Path(path))
    except GlossaryError as exc:
        return tr(CONTEXT, "%1 cannot be used as a glossary: %2").replace("%1", Path(path).name).replace("%2", str(exc))
    return ""


def document_problem(path: str, max_file_mb: int) -> str:
    from app.documents.errors import DocumentError
    from app.documents.formats import format_for
    from app.documents.model import MIB

    try:
        format_for(path)
        try:
            info = os.stat(path)
        except FileNotFoundError as exc:
            raise DocumentError("missing", str(exc)) from exc
        except OSError as exc:
            raise DocumentError("unreadable", str(exc)) from exc
        if not os.path.isfile(path) or not os.access(path, os.R_OK):
            raise DocumentError("unreadable", "not a readable regular file")
        if info.st_size > max_file_mb * MIB:
            raise DocumentError("too_large", f"{info.st_size} bytes", str(max_file_mb))
        if info.st_size == 0:
            raise DocumentError("empty")
    except DocumentError as exc:
        return tr(CONTEXT, "%1 cannot be a reference document: %2").replace("%1", Path(path).name).replace(
            "%2", exc.describe())
    return ""
