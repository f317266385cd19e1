"""The files attached to a prompt, as the history keeps them (schema v4, ``message_attachments``).

A turn records each attachment's name, SHA-256, format, pages, estimated tokens and whether the
whole text was used (``app.chat.turn``); its text is never kept. This module reads them back
with the thread (``MessageRecord.attachments``), writes them on import, and checks them in an
import file. Readers never fail on a store that holds none (an older schema, a memory store).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from app.store.records import MessageRecord

_CHUNK = 500  # ids per query (SQLite limits bound parameters)
_SHA256 = re.compile(r"[0-9a-f]{64}")
FIELDS = ("name", "sha256", "format", "pages", "tokens", "whole")


@dataclass(frozen=True)
class StoredAttachment:
    """One attached file: ``pages`` and ``tokens`` may be unknown (None); ``whole`` False means
    only its best-matching passages were given to the model."""

    name: str
    sha256: str
    format: str | None = None
    pages: int | None = None
    tokens: int | None = None
    whole: bool = True

    def to_dict(self) -> dict[str, object]:
        return {f: getattr(self, f) for f in FIELDS}


def _count(value: Any) -> int | None:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def attachments_for(session: Session, message_ids: Iterable[str]) -> dict[str, tuple[StoredAttachment, ...]]:
    """The attachments of each of ``message_ids`` that has any, first attached first."""
    ids = list(dict.fromkeys(message_ids))
    found: dict[str, list[StoredAttachment]] = {}
    query = text("SELECT message_id, name, sha256, format, pages, tokens, whole FROM message_attachments"
                 " WHERE message_id IN :ids ORDER BY pk").bindparams(bindparam("ids", expanding=True))
    for i in range(0, len(ids), _CHUNK):
        for mid, name, sha, fmt, pages, tokens, whole in session.execute(query, {"ids": ids[i:i + _CHUNK]}):
            found.setdefault(str(mid), []).append(
                StoredAttachment(str(name), str(sha), fmt, _count(pages), _count(tokens), bool(whole)))
    return {mid: tuple(items) for mid, items in found.items()}


def with_attachments(session: Session, records: list[MessageRecord]) -> list[MessageRecord]:
    """``records`` with their prompts' attachments filled in (one query per 500 prompts)."""
    found = attachments_for(session, (r.id for r in records if r.role == "user"))
    if not found:
        return records
    return [dataclasses.replace(r, attachments=found[r.id]) if r.id in found else r for r in records]


def insert_attachments(session: Session, message_id: str, items: Sequence[Mapping[str, Any]]) -> None:
    """Record ``items`` (mappings with ``FIELDS``; checked by :func:`check_item`) for a message."""
    if not items:
        return
    session.execute(text("INSERT INTO message_attachments (message_id, name, sha256, format, pages, tokens, whole)"
                         " VALUES (:m, :name, :sha256, :format, :pages, :tokens, :whole)"),
                    [{"m": message_id, **{f: item.get(f) for f in FIELDS}} for item in items])


def check_item(item: Any) -> str | None:
    """Why an import file's attachment entry is not valid (None when it is)."""
    if not isinstance(item, dict):
        return "an attachment is not an object"
    if not isinstance(item.get("name"), str) or not item["name"]:
        return "an attachment has no name"
    if not isinstance(item.get("sha256"), str) or not _SHA256.fullmatch(item["sha256"]):
        return "an attachment's sha256 is not 64 lowercase hex digits"
    if item.get("format") is not None and not isinstance(item["format"], str):
        return "an attachment's format is not text"
    for name in ("pages", "tokens"):
        if item.get(name) is not None and _count(item[name]) is None:
            return f"an attachment's {name} is not a count"
    if not isinstance(item.get("whole", True), bool):
        return "an attachment's 'whole' is not true or false"
    return None


def normalised(items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Checked import entries with every field present (``whole`` defaults to true)."""
    return [{"name": i["name"], "sha256": i["sha256"], "format": i.get("format"), "pages": i.get("pages"),
             "tokens": i.get("tokens"), "whole": i.get("whole", True)} for i in items]
