"""A prompt's kept document context in the JSON history format (schema v7, ``message_documents``).

``app.chat.documents_record`` writes the context a prompt was answered with as compact JSON
``{"block", "sources": [{file, page, text}], "attachments": [{name, sha256, format, pages,
tokens, whole}], "notice"}``. This module reads those rows for an export (as that same object),
checks an import file's ``document_context`` strictly against that shape, and writes it back,
so Regenerate of an imported prompt gives the model the same documents. Bounds: one context at
most :data:`MAX_CONTEXT_CHARS` (as the chat core keeps), one file at most
:data:`MAX_FILE_CONTEXT_CHARS` in all; an export leaves out the contexts past that (those prompts
then ask for their files again on Regenerate, as when none was kept).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from app.i18n import tr

MAX_CONTEXT_CHARS = 4_000_000  # compact JSON characters of one context (documents_record keeps no more)
MAX_FILE_CONTEXT_CHARS = 64_000_000  # all the contexts of one import file together
_SHA256 = re.compile(r"[0-9a-f]{64}")
_CHUNK = 500  # ids per query (SQLite limits bound parameters)
_TOP = ("block", "sources", "attachments", "notice")
_SOURCE = ("file", "page", "text")
_ATTACHMENT = ("name", "sha256", "format", "pages", "tokens", "whole")


def encoded(context: Mapping[str, Any]) -> str:
    """The stored text of a checked context: compact JSON, keys in the order the chat core writes."""
    data = {
        "block": context["block"],
        "sources": [{k: s[k] for k in _SOURCE} for s in context["sources"]],
        "attachments": [{k: a[k] for k in _ATTACHMENT} for a in context["attachments"]],
        "notice": context["notice"],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**62


def _exact(value: Any, keys: tuple[str, ...]) -> bool:
    return isinstance(value, dict) and set(value) == set(keys)


def _source_ok(s: Any) -> bool:
    return _exact(s, _SOURCE) and isinstance(s["file"], str) and _count(s["page"]) and isinstance(s["text"], str)


def _attachment_ok(a: Any) -> bool:
    return (_exact(a, _ATTACHMENT) and isinstance(a["name"], str) and isinstance(a["sha256"], str)
            and _SHA256.fullmatch(a["sha256"]) is not None
            and isinstance(a["format"], str) and _count(a["pages"]) and _count(a["tokens"])
            and isinstance(a["whole"], bool))


def check_context(value: Any) -> str | None:
    """Why an import file's ``document_context`` is not a kept document context (None when it is);
    the reason is translated."""
    if not (_exact(value, _TOP) and isinstance(value["block"], str) and isinstance(value["notice"], str)
            and isinstance(value["sources"], list) and isinstance(value["attachments"], list)):
        return tr("HistoryStore", "'document_context' must be an object with exactly block, sources, attachments "
                                  "and notice")
    if not all(_source_ok(s) for s in value["sources"]):
        return tr("HistoryStore", "'document_context' sources must each have exactly file, page and text")
    if not all(_attachment_ok(a) for a in value["attachments"]):
        return tr("HistoryStore", "'document_context' attachments must each have exactly name, sha256 "
                                  "(64 lowercase hex digits), format, pages, tokens and whole")
    return None


def contexts_for(session: Session, message_ids: Iterable[str], *,
                 budget: int | None = None) -> dict[str, dict[str, Any]]:
    """The kept context of each of ``message_ids`` that has a valid one, as its JSON object; taken
    in the order given until ``budget`` characters (default: what one import file may hold) are
    used, so an export never holds more than an import accepts (those past it are left out)."""
    budget = MAX_FILE_CONTEXT_CHARS if budget is None else budget
    ids = list(dict.fromkeys(message_ids))
    stored: dict[str, str] = {}
    query = text("SELECT message_id, context FROM message_documents WHERE message_id IN :ids"
                 ).bindparams(bindparam("ids", expanding=True))
    for i in range(0, len(ids), _CHUNK):
        stored.update((str(mid), ctx) for mid, ctx in session.execute(query, {"ids": ids[i:i + _CHUNK]}))
    found: dict[str, dict[str, Any]] = {}
    for mid in ids:
        value = _decoded(stored.get(mid))
        size = len(encoded(value)) if value is not None else 0
        if value is not None and size <= budget:
            found[mid] = value
            budget -= size
    return found


def _decoded(stored: Any) -> Any:
    """A stored row's context, or None when there is none or it is damaged (never exported unreadable)."""
    if not isinstance(stored, str) or len(stored) > MAX_CONTEXT_CHARS:
        return None
    try:
        value = json.loads(stored)
    except ValueError:
        return None
    return value if check_context(value) is None else None


def imported(value: Any, role: str, used: int) -> tuple[str | None, str | None]:
    """An import file's ``document_context`` of a message: (the text to keep or None, why it is
    refused or None); ``used`` is how many characters the file's earlier contexts took."""
    if value is None:
        return None, None
    problem = check_context(value)
    if problem is None and role != "user":
        problem = tr("HistoryStore", "only a prompt (role user) can have a 'document_context'")
    if problem is not None:
        return None, problem
    if not value["block"] and not value["sources"]:
        return None, None  # nothing the model was given: the chat core keeps no such context either
    kept = encoded(value)
    if len(kept) > MAX_CONTEXT_CHARS:
        return None, tr("HistoryStore", "'document_context' is larger than {n} characters").format(
            n=f"{MAX_CONTEXT_CHARS:,}")
    if used + len(kept) > MAX_FILE_CONTEXT_CHARS:
        return None, tr("HistoryStore", "the document contexts in this file are larger than {n} characters in "
                                        "all").format(n=f"{MAX_FILE_CONTEXT_CHARS:,}")
    return kept, None


def insert_contexts(session: Session, rows: Mapping[str, str]) -> None:
    """Keep each stored text of ``rows`` (message id → :func:`encoded` text) with its prompt."""
    if rows:
        session.execute(text("INSERT INTO message_documents (message_id, context) VALUES (:m, :c)"),
                        [{"m": mid, "c": context} for mid, context in rows.items()])
