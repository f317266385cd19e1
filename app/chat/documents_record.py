"""A prompt's document context kept in the encrypted history (schema v7, ``message_documents``).

The context (``app.documents.retrieval.TurnContext``: the text block the model was given, the
numbered sources with their text, the attachments' names and hashes, the notice) is built from
files at send time. The chat core keeps it in memory for Regenerate (``documents_memory``) and
here, so Regenerate after a restart gives the model the same documents instead of refusing. It is
written only where the prompt itself is (an off-the-record prompt lives in memory, so the row is
refused by its foreign key and nothing reaches the file), goes with its message when that is
deleted, and is bounded: a context over :data:`MAX_CONTEXT_CHARS` is not kept (Regenerate after a
restart then asks for the files again).
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

from app.store.message_documents import MAX_CONTEXT_CHARS  # the JSON export keeps the same bound


def encode_context(context: Any) -> str | None:
    """JSON for a ``TurnContext``; None when there is nothing to keep or it is too large."""
    if context is None or not (context.block or context.sources):
        return None
    data = {
        "block": context.block,
        "sources": [{"file": s.file, "page": s.page, "text": s.text} for s in context.sources],
        "attachments": [{"name": a.name, "sha256": a.sha256, "format": a.format, "pages": a.pages,
                         "tokens": a.tokens, "whole": a.whole} for a in context.attachments],
        "notice": context.notice,
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text if len(text) <= MAX_CONTEXT_CHARS else None


def decode_context(text: str | None) -> Any:
    """The ``TurnContext`` in ``text``, or None when it does not decode (never raises)."""
    from app.documents.retrieval import AttachmentRef, Source, TurnContext

    if not text or len(text) > MAX_CONTEXT_CHARS:
        return None
    try:
        data = json.loads(text)
        sources = tuple(Source(str(s["file"]), int(s["page"]), str(s["text"])) for s in data["sources"])
        refs = tuple(AttachmentRef(str(a["name"]), str(a["sha256"]), str(a["format"]), int(a["pages"]),
                                   int(a["tokens"]), bool(a["whole"])) for a in data["attachments"])
        return TurnContext(str(data["block"]), sources, refs, str(data.get("notice") or ""))
    except (ValueError, KeyError, TypeError):
        return None


def save_context(store: Any, message_id: str, context: Any) -> None:
    """Keep ``context`` with the prompt ``message_id`` (nothing for an off-the-record prompt)."""
    text = encode_context(context)
    if text is None:
        return
    from sqlalchemy import text as sql

    from app.store import HistoryError

    with contextlib.suppress(HistoryError), store.session(write=True) as s:
        s.execute(sql("INSERT OR REPLACE INTO message_documents (message_id, context) VALUES (:m, :c)"),
                  {"m": message_id, "c": text})


def load_context(store: Any, message_id: str) -> Any:
    """The context kept with the prompt, or None."""
    from sqlalchemy import text as sql

    from app.store import HistoryError

    try:
        with store.session() as s:
            row = s.execute(sql("SELECT context FROM message_documents WHERE message_id = :m"),
                            {"m": message_id}).first()
    except HistoryError:
        return None
    return decode_context(row[0]) if row else None
