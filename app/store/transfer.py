"""Export (Markdown to read, JSON to keep) and validated, all-or-nothing JSON import.

JSON format ``bauhinia-history`` version 2 holds every field of every conversation and message,
all branches and reasoning included, so export → import loses nothing. Version 2 added
``content_raw``/``reasoning_raw`` (the model's own text where the shown text was converted; null
otherwise); version 3 (schema v5) a reply's ``sampling`` (object), ``term_check`` (list of
``{term, expected, found}``) and ``citations`` (list of ``{file, page, text}``: ``text``, the
excerpt, may be absent in older files), null when none, and the
conversation's ``use_library``, and a prompt's ``attachments`` (list of ``{name, sha256, format,
pages, tokens, whole}``: the files attached to it, never their text; may be absent: none).
Version 4 (schema v7) adds a prompt's ``document_context``: the document text the model was given
with it, exactly as ``app.chat.documents_record`` keeps it (``{block, sources: [{file, page,
text}], attachments: [{name, sha256, format, pages, tokens, whole}], notice}``), so Regenerate of
an imported prompt needs no files; null or absent when none, at most 4 M characters each and
64 M in all per file (``app.store.message_documents``; an export leaves out contexts past that).
Older files still import, with those fields null (or false) and no document context.
Import checks the whole file before writing and then inserts everything in one transaction.
"""

from __future__ import annotations

import errno
import json
import math
import os
import stat
import time
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app import __version__
from app.i18n import tr
from app.store.errors import HistoryImportError
from app.store.ids import is_valid_id, new_id
from app.store.message_attachments import check_item, insert_attachments, normalised
from app.store.message_documents import contexts_for, imported, insert_contexts
from app.store.models import MESSAGE_STATUSES, ROLES, Conversation, Message
from app.store.records import ConversationRecord, MessageRecord
from app.store.store import HistoryStore
from app.store.turn_record import turn_columns

FORMAT = "bauhinia-history"
FORMAT_VERSION = 4
MAX_IMPORT_BYTES = 256 << 20  # JSON parsing needs several times this in memory
_READ_CHUNK = 1 << 20

_CONV_FIELDS = ("id", "title", "created_at", "updated_at", "model", "system_prompt", "pinned", "archived")
_MSG_FIELDS = (
    "id",
    "parent_id",
    "role",
    "content",
    "reasoning",
    "content_raw",
    "reasoning_raw",
    "status",
    "model",
    "prompt_tokens",
    "completion_tokens",
    "ttft_s",
    "tokens_per_s",
    "error",
    "created_at",
    "finished_at",
)


def _iso(ms: int | None) -> str:
    if ms is None:
        return ""
    return datetime.fromtimestamp(ms / 1000, UTC).astimezone().strftime("%Y-%m-%d %H:%M")


# -- export ---------------------------------------------------------------------------------------
def conversation_to_dict(conv: ConversationRecord, messages: Iterable[MessageRecord],
                         contexts: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """One conversation as JSON values; ``contexts`` maps prompt ids to their kept document context."""
    out: dict[str, Any] = {f: getattr(conv, f) for f in _CONV_FIELDS}
    out["current_message_id"] = conv.current_message_id
    out["use_library"] = conv.use_library
    out["messages"] = [{**{f: getattr(m, f) for f in _MSG_FIELDS}, **_turn_record(m),
                        "attachments": [a.to_dict() for a in m.attachments],
                        "document_context": (contexts or {}).get(m.id)} for m in messages]
    return out


def _turn_record(m: MessageRecord) -> dict[str, Any]:
    """A reply's schema-v5 record as JSON values (format version 3)."""
    return {
        "sampling": dict(m.sampling) or None,
        "term_check": [t.to_dict() for t in m.term_check] or None,
        "citations": [c.to_dict() for c in m.citations] or None,
    }


def export_json(store: HistoryStore, conversation_ids: Iterable[str] | None = None, *, allowed: bool = True) -> str:
    """All (or the given) conversations as a versioned JSON document."""
    store.require_export(allowed)  # the store's policy and the caller's flag
    if conversation_ids is None:
        with store.session() as s:
            conversation_ids = list(s.scalars(select(Conversation.id).order_by(Conversation.id)))
    records = [(store.get_conversation(cid), store.all_messages(cid)) for cid in conversation_ids]
    with store.session() as s:
        contexts = contexts_for(s, [m.id for _c, ms in records for m in ms if m.role == "user"])
    conversations = [conversation_to_dict(conv, messages, contexts) for conv, messages in records]
    doc = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "app_version": __version__,
        "conversations": conversations,
    }
    return json.dumps(doc, ensure_ascii=False, indent=1)


def _reply_record(m: MessageRecord) -> list[str]:
    """What a reply was made with, as the DOCX/PDF export shows it: its sampling and term check."""
    from app.export.records import pairs_text, reply_sampling, terms_text

    lines = []
    if m.sampling:
        lines.append(f"- *{tr('Export', 'Sampling')}:* {pairs_text(reply_sampling(m.sampling))}")
    if m.term_check:
        lines.append(f"- *{tr('Export', 'Terminology check')}:* {terms_text(m.term_check)}")
    return [*lines, ""] if lines else []


def export_markdown(store: HistoryStore, conversation_id: str, *, allowed: bool = True) -> str:
    """The conversation's current branch as readable Markdown (reasoning in a folded block; under
    each reply the sampling it used and its terminology check)."""
    store.require_export(allowed)  # the store's policy and the caller's flag
    conv = store.get_conversation(conversation_id)
    total = len(store.all_messages(conversation_id))
    thread = store.thread(conversation_id, limit=1_000_000)
    lines = [f"# {conv.title or tr('HistoryStore', 'Untitled conversation')}", ""]
    meta = [
        f"- {tr('HistoryStore', 'Created')}: {_iso(conv.created_at)}",
        f"- {tr('HistoryStore', 'Updated')}: {_iso(conv.updated_at)}",
    ]
    if conv.model:
        meta.append(f"- {tr('HistoryStore', 'Model')}: {conv.model}")
    meta.append(f"- {tr('HistoryStore', 'Conversation id')}: `{conv.id}`")
    lines += [*meta, ""]
    if conv.system_prompt:
        lines += [f"> **{tr('HistoryStore', 'System prompt')}:** " + conv.system_prompt.replace("\n", "\n> "), ""]
    names = {
        "user": tr("HistoryStore", "User"),
        "assistant": tr("HistoryStore", "Assistant"),
        "system": tr("HistoryStore", "System"),
    }
    for m in thread:
        heading = f"## {names.get(m.role, m.role)}"
        if m.model and m.role == "assistant":
            heading += f" ({m.model})"
        heading += f" — {_iso(m.created_at)}"
        lines += [heading, ""]
        if m.sibling_count > 1:
            lines += [
                "*" + tr("HistoryStore", "Version {i} of {n}").format(i=m.sibling_index + 1, n=m.sibling_count) + "*",
                "",
            ]
        if m.reasoning:
            lines += [
                f"<details><summary>{tr('HistoryStore', 'Thinking')}</summary>",
                "",
                m.reasoning,
                "",
                "</details>",
                "",
            ]
        lines += [m.content, ""]
        if m.role == "assistant":
            lines += _reply_record(m)
        if m.attachments:  # names and hashes of the files attached to a prompt, never their text
            lines += [f"*{tr('HistoryStore', 'Attached files')}:*", ""]
            lines += [*(f"- {a.name} (SHA-256 `{a.sha256}`)" for a in m.attachments), ""]
        if m.status != "complete":
            note = tr("HistoryStore", "Status: {status}").format(status=m.status)
            if m.error:
                note += f" — {m.error}"
            lines += [f"*{note}*", ""]
    hidden = total - len(thread)
    if hidden > 0:
        lines += [
            "---",
            "",
            "*"
            + tr("HistoryStore", "{n} other versions are not shown; export as JSON to keep every branch.").format(
                n=hidden
            )
            + "*",
            "",
        ]
    return "\n".join(lines)


# -- import ---------------------------------------------------------------------------------------
class _Checker:
    def __init__(self) -> None:
        self.where = ""

    def fail(self, what: str) -> HistoryImportError:
        return HistoryImportError(
            tr("HistoryStore", "Invalid history file at {where}: {what}. Nothing was imported.").format(
                where=self.where or "top level", what=what
            )
        )

    def typed(self, obj: dict[str, Any], name: str, kinds: tuple[type, ...], optional: bool = False) -> Any:
        if name not in obj:
            raise self.fail(f"missing '{name}'")
        value = obj[name]
        if value is None and optional:
            return None
        if isinstance(value, bool) and bool not in kinds:
            raise self.fail(f"'{name}' has the wrong type")
        if not isinstance(value, kinds):
            raise self.fail(f"'{name}' has the wrong type")
        if isinstance(value, float) and not math.isfinite(value):
            raise self.fail(f"'{name}' is not a finite number")
        if isinstance(value, int) and not isinstance(value, bool) and not (-(2**62) < value < 2**62):
            raise self.fail(f"'{name}' is out of range")
        return value


def _too_large(limit: int) -> HistoryImportError:
    return HistoryImportError(
        tr("HistoryStore", "The history file is larger than {mib} MiB and cannot be imported. Nothing was imported.")
        .format(mib=limit >> 20)
    )


def _looks_like_json_object(head: bytes) -> bool:
    """False for input that cannot start a JSON object in UTF-8/16/32 (``/dev/zero``, binaries)."""
    if head.startswith(b"\0\0\0\0"):
        return False
    first = head.lstrip(b"\0\xef\xbb\xbf\xfe\xff \t\r\n")[:1]
    return first in (b"{", b"")


def read_import_file(path: Path, *, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """Read an import file without ever holding more than ``limit`` bytes of it.

    A regular file's size is checked before reading; a device or pipe (``/dev/zero``, a FIFO)
    is read in chunks and refused as soon as it passes the limit, or at once when it does not
    start like JSON. OSError (missing, unreadable, a folder) is left to the caller."""
    with open(path, "rb") as fh:
        st = os.fstat(fh.fileno())
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if stat.S_ISREG(st.st_mode) and st.st_size > limit:
            raise _too_large(limit)
        chunks: list[bytes] = []
        total = 0
        while chunk := fh.read(min(_READ_CHUNK, limit + 1 - total)):
            if not chunks and not _looks_like_json_object(chunk):
                raise HistoryImportError(
                    tr("HistoryStore", "The file is not a Bauhinia history export (JSON). Nothing was imported.")
                )
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise _too_large(limit)
    return b"".join(chunks)


def parse_import(data: str | bytes) -> list[dict[str, Any]]:
    """Validate a JSON export completely; returns its conversations with depths filled in."""
    if len(data) > MAX_IMPORT_BYTES:
        raise _too_large(MAX_IMPORT_BYTES)
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise HistoryImportError(
            tr("HistoryStore", "The file is not valid JSON ({error}). Nothing was imported.").format(error=exc)
        ) from exc
    except RecursionError as exc:
        raise HistoryImportError(
            tr("HistoryStore", "The file is nested too deeply to be a history export. Nothing was imported.")
        ) from exc
    check = _Checker()
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise check.fail("not a Bauhinia history export")
    version = check.typed(doc, "version", (int,))
    if version > FORMAT_VERSION or version < 1:
        raise check.fail(f"format version {version} is not supported (this version reads {FORMAT_VERSION})")
    conversations = check.typed(doc, "conversations", (list,))
    seen_ids: set[str] = set()
    context_chars = 0  # the document contexts of the file so far (bounded per file)
    out = []
    for ci, conv in enumerate(conversations):
        check.where = f"conversations[{ci}]"
        if not isinstance(conv, dict):
            raise check.fail("not an object")
        cid = check.typed(conv, "id", (str,))
        if not is_valid_id(cid) or cid in seen_ids:
            raise check.fail("invalid or duplicate id")
        seen_ids.add(cid)
        check.typed(conv, "title", (str,))
        check.typed(conv, "created_at", (int,))
        check.typed(conv, "updated_at", (int,))
        check.typed(conv, "model", (str,), optional=True)
        check.typed(conv, "system_prompt", (str,), optional=True)
        check.typed(conv, "pinned", (bool,))
        check.typed(conv, "archived", (bool,))
        current = check.typed(conv, "current_message_id", (str,), optional=True)
        messages = check.typed(conv, "messages", (list,))
        by_id: dict[str, dict[str, Any]] = {}
        for mi, msg in enumerate(messages):
            check.where = f"conversations[{ci}].messages[{mi}]"
            if not isinstance(msg, dict):
                raise check.fail("not an object")
            mid = check.typed(msg, "id", (str,))
            if not is_valid_id(mid) or mid in seen_ids:
                raise check.fail("invalid or duplicate id")
            seen_ids.add(mid)
            parent = check.typed(msg, "parent_id", (str,), optional=True)
            if parent is not None and not is_valid_id(parent):
                raise check.fail("invalid parent_id")
            if check.typed(msg, "role", (str,)) not in ROLES:
                raise check.fail(f"role must be one of {', '.join(ROLES)}")
            check.typed(msg, "content", (str,))
            check.typed(msg, "reasoning", (str,))
            for name in ("content_raw", "reasoning_raw"):  # added in version 2
                if version >= 2 or name in msg:
                    check.typed(msg, name, (str,), optional=True)
            if check.typed(msg, "status", (str,)) not in MESSAGE_STATUSES:
                raise check.fail(f"status must be one of {', '.join(MESSAGE_STATUSES)}")
            check.typed(msg, "model", (str,), optional=True)
            for name in ("prompt_tokens", "completion_tokens"):
                value = check.typed(msg, name, (int,), optional=True)
                if value is not None and value < 0:
                    raise check.fail(f"'{name}' is negative")
            check.typed(msg, "ttft_s", (int, float), optional=True)
            check.typed(msg, "tokens_per_s", (int, float), optional=True)
            check.typed(msg, "error", (str,), optional=True)
            check.typed(msg, "created_at", (int,))
            check.typed(msg, "finished_at", (int,), optional=True)
            _check_turn_record(check, msg, version)
            _check_attachments(check, msg)
            kept, problem = imported(msg.get("document_context"), msg["role"], context_chars)
            if problem:
                raise check.fail(problem)
            context_chars += len(kept or "")
            by_id[mid] = {**msg, "document_context": kept}
        check.where = f"conversations[{ci}]"
        depths: dict[str, int] = {}
        for mid in by_id:
            path: list[str] = []
            on_path: set[str] = set()
            node: str | None = mid
            while node is not None and node not in depths:
                if node not in by_id:
                    raise check.fail(f"message {path[-1]} has a parent that is not in this conversation")
                if node in on_path:
                    raise check.fail("messages form a cycle")
                path.append(node)
                on_path.add(node)
                node = by_id[node]["parent_id"]
            depth = -1 if node is None else depths[node]
            for n in reversed(path):
                depth += 1
                depths[n] = depth
        if current is not None and current not in by_id:
            raise check.fail("current_message_id is not one of its messages")
        check.where = f"conversations[{ci}]"
        use_library = check.typed(conv, "use_library", (bool,)) if version >= 3 or "use_library" in conv else False
        conv_out = {f: conv[f] for f in (*_CONV_FIELDS, "current_message_id")}
        conv_out["use_library"] = use_library
        conv_out["messages"] = [
            {"content_raw": None, "reasoning_raw": None, **m, "depth": depths[mid],
             "attachments": normalised(m.get("attachments") or [])} for mid, m in by_id.items()
        ]
        out.append(conv_out)
    return out


def _check_attachments(check: _Checker, msg: dict[str, Any]) -> None:
    """A prompt's optional ``attachments`` (version 3): a list of valid entries, or absent/null."""
    items = check.typed(msg, "attachments", (list,), optional=True) if "attachments" in msg else None
    for item in items or ():
        problem = check_item(item)
        if problem:
            raise check.fail(problem)


def _check_turn_record(check: _Checker, msg: dict[str, Any], version: int) -> None:
    """The version-3 fields of a message (each may be null; absent in older files)."""
    items = {"sampling": None, "term_check": ("term", "expected", "found"), "citations": ("file", "page")}
    for name, keys in items.items():
        if version < 3 and name not in msg:
            continue
        value = check.typed(msg, name, (list,) if keys else (dict,), optional=True)
        if value is None:
            continue
        if keys is None:
            if not all(isinstance(k, str) and (v is None or isinstance(v, str | int | float | bool))
                       for k, v in value.items()):
                raise check.fail(f"'{name}' must map names to numbers, texts or null")
            continue
        for item in value:
            allowed = {*keys, "text"} if name == "citations" else set(keys)
            if not isinstance(item, dict) or not set(keys) <= set(item) <= allowed:
                raise check.fail(f"'{name}' items must have exactly {', '.join(keys)}")
            if name == "citations" and not isinstance(item.get("text", ""), str):
                raise check.fail("'citations' items have the wrong types")
            if name == "term_check" and not (isinstance(item["term"], str) and isinstance(item["expected"], str)
                                             and isinstance(item["found"], bool)):
                raise check.fail("'term_check' items have the wrong types")
            page = item.get("page")
            if name == "citations" and not (isinstance(item["file"], str) and (
                    page is None or (isinstance(page, int) and not isinstance(page, bool)))):
                raise check.fail("'citations' items have the wrong types")


def import_json(store: HistoryStore, data: str | bytes, *, on_conflict: str = "copy") -> list[str]:
    """Import a JSON export in one transaction; returns the ids of the conversations created.

    A conversation whose id already exists is imported as a copy with new ids (``copy``) or
    left out (``skip``).
    """
    if on_conflict not in ("copy", "skip"):
        raise ValueError("on_conflict must be 'copy' or 'skip'")
    conversations = parse_import(data)
    created: list[str] = []
    with store.session(write=True) as s:
        wanted = [c["id"] for c in conversations] + [m["id"] for c in conversations for m in c["messages"]]
        existing: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            existing |= set(s.scalars(select(Conversation.id).where(Conversation.id.in_(chunk))))
            existing |= set(s.scalars(select(Message.id).where(Message.id.in_(chunk))))
        for conv in conversations:
            ids = [conv["id"]] + [m["id"] for m in conv["messages"]]
            remap: dict[str, str] = {}
            if any(i in existing for i in ids):
                if on_conflict == "skip":
                    continue
                now = int(time.time() * 1000)
                remap = {old: new_id(now) for old in sorted(ids)}
            new = remap.get
            cid = new(conv["id"], conv["id"])
            current = conv["current_message_id"]
            s.add(
                Conversation(
                    id=cid,
                    title=conv["title"],
                    created_at=conv["created_at"],
                    updated_at=conv["updated_at"],
                    model=conv["model"],
                    system_prompt=conv["system_prompt"],
                    pinned=conv["pinned"],
                    archived=conv["archived"],
                    current_message_id=new(current, current) if current else None,
                    use_library=conv["use_library"],
                )
            )
            for m in sorted(conv["messages"], key=lambda m: (m["depth"], m["id"])):
                s.add(
                    Message(
                        id=new(m["id"], m["id"]),
                        conversation_id=cid,
                        parent_id=new(m["parent_id"], m["parent_id"]) if m["parent_id"] else None,
                        depth=m["depth"],
                        role=m["role"],
                        content=m["content"],
                        reasoning=m["reasoning"],
                        content_raw=None if m["content_raw"] == m["content"] else m["content_raw"],
                        reasoning_raw=None if m["reasoning_raw"] == m["reasoning"] else m["reasoning_raw"],
                        # A reply that was still streaming when exported can only be interrupted now.
                        status="interrupted" if m["status"] == "streaming" else m["status"],
                        model=m["model"],
                        prompt_tokens=m["prompt_tokens"],
                        completion_tokens=m["completion_tokens"],
                        ttft_s=m["ttft_s"],
                        tokens_per_s=m["tokens_per_s"],
                        error=m["error"],
                        created_at=m["created_at"],
                        finished_at=m["finished_at"],
                        **turn_columns(m.get("sampling"), m.get("term_check"), m.get("citations")),
                    )
                )
            s.flush()
            for m in conv["messages"]:
                insert_attachments(s, new(m["id"], m["id"]), m["attachments"])
            insert_contexts(s, {new(m["id"], m["id"]): m["document_context"] for m in conv["messages"]
                                if m["document_context"]})
            created.append(cid)
    return created
