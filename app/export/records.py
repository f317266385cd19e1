"""The Qt-free content of a records-grade export: metadata, messages and what the renderers need.

The record holds everything a file of record must show: title, dates, author (the OS user), the
machine, the app version, the model id and its SHA-256, the sampling settings, attachments (name +
SHA-256), citations and, only when asked, the reasoning. Renderers take labels from
:func:`metadata_rows` so DOCX and PDF show the same fields in the same order.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app import __version__
from app.i18n import tr

CONTEXT = "Export"
SAMPLING_KEYS: tuple[str, ...] = (
    "sampling.temperature",
    "sampling.top_p",
    "sampling.top_k",
    "sampling.min_p",
    "sampling.repeat_penalty",
    "sampling.seed",
    "sampling.max_tokens",
)


@dataclass(frozen=True)
class ExportAttachment:
    name: str
    sha256: str


@dataclass(frozen=True)
class ExportCitation:
    file: str
    page: int | None
    text: str


@dataclass(frozen=True)
class ExportMessage:
    role: str  # user / assistant / system
    content: str
    reasoning: str  # empty unless the export includes reasoning
    created_at: datetime | None
    model: str | None = None
    version: tuple[int, int] = (1, 1)  # (index, count) among regenerated siblings
    status: str = "complete"


@dataclass(frozen=True)
class ExportRecord:
    conversation_id: str
    title: str
    created_at: datetime | None
    updated_at: datetime | None
    exported_at: datetime
    author: str
    machine: str
    app_version: str
    model_id: str
    model_sha256: str
    sampling: tuple[tuple[str, str], ...]
    system_prompt: str
    messages: tuple[ExportMessage, ...]
    attachments: tuple[ExportAttachment, ...] = ()
    citations: tuple[ExportCitation, ...] = ()
    with_reasoning: bool = False
    language: str = "en"  # the interface language the labels were written in


def _dt(ms: int | None) -> datetime | None:
    return datetime.fromtimestamp(ms / 1000, UTC) if ms else None


def format_time(value: datetime | None) -> str:
    """ISO-style local time with its UTC offset: unambiguous in a file of record."""
    return value.astimezone().strftime("%Y-%m-%d %H:%M:%S %z") if value else ""


def role_label(role: str) -> str:
    return {
        "user": tr(CONTEXT, "User"),
        "assistant": tr(CONTEXT, "Assistant"),
        "system": tr(CONTEXT, "System"),
    }.get(role, role)


def metadata_rows(record: ExportRecord) -> list[tuple[str, str]]:
    """(label, value) pairs in the order both renderers print them."""
    none = tr(CONTEXT, "none")
    unknown = tr(CONTEXT, "unknown")
    rows = [
        (tr(CONTEXT, "Conversation id"), record.conversation_id),
        (tr(CONTEXT, "Created"), format_time(record.created_at)),
        (tr(CONTEXT, "Updated"), format_time(record.updated_at)),
        (tr(CONTEXT, "Exported"), format_time(record.exported_at)),
        (tr(CONTEXT, "Author"), record.author),
        (tr(CONTEXT, "Machine"), record.machine),
        (tr(CONTEXT, "App version"), f"Bauhinia {record.app_version}"),
        (tr(CONTEXT, "Model"), record.model_id or unknown),
        (tr(CONTEXT, "Model SHA-256"), record.model_sha256 or unknown),
        (tr(CONTEXT, "Sampling (at export)"), ", ".join(f"{k}={v}" for k, v in record.sampling) or none),
        (tr(CONTEXT, "Attachments"),
         "; ".join(f"{a.name} (SHA-256 {a.sha256})" for a in record.attachments) or none),
        (tr(CONTEXT, "Citations"),
         "; ".join(f"{c.file}" + (f" p.{c.page}" if c.page else "") for c in record.citations) or none),
        (tr(CONTEXT, "Reasoning"), tr(CONTEXT, "included") if record.with_reasoning else tr(CONTEXT, "not included")),
    ]
    return rows


def sampling_of(settings: Any) -> tuple[tuple[str, str], ...]:
    """The sampling settings as ``name=value`` pairs (``sampling.`` dropped)."""
    out: list[tuple[str, str]] = []
    for key in SAMPLING_KEYS:
        try:
            value = settings.get(key)
        except (KeyError, ValueError):
            continue
        out.append((key.split(".", 1)[1], str(value)))
    return tuple(out)


def stored_attachments(store: Any, message_ids: Sequence[str]) -> tuple[ExportAttachment, ...]:
    """Names and SHA-256 of the files attached to ``message_ids`` (never their text), first
    attached first, each file once; none for a store that keeps none (in memory, older schema)."""
    if not message_ids:
        return ()
    from sqlalchemy import bindparam
    from sqlalchemy import text as sql
    from sqlalchemy.exc import SQLAlchemyError

    from app.store import HistoryError

    query = sql("SELECT name, sha256 FROM message_attachments WHERE message_id IN :ids ORDER BY pk")
    try:
        with store.session() as s:
            rows = s.execute(query.bindparams(bindparam("ids", expanding=True)), {"ids": list(message_ids)}).all()
    except (HistoryError, SQLAlchemyError):
        return ()
    return tuple(dict.fromkeys(ExportAttachment(str(name), str(sha)) for name, sha in rows))


def build_record(
    store: Any,
    conversation_id: str,
    *,
    settings: Any,
    model_sha256: Callable[[str], str] | None = None,
    with_reasoning: bool = False,
    author: str | None = None,
    machine: str | None = None,
    language: str = "en",
    attachments: Sequence[ExportAttachment] = (),
    citations: Sequence[ExportCitation] = (),
) -> ExportRecord:
    """The record of ``conversation_id``'s current branch from ``store`` (a ``HistoryStore``).

    ``model_sha256`` maps a model id to its SHA-256 ("" when unknown). The store's export ban is
    the caller's to check first (:func:`app.export.service.export_conversation` does)."""
    from app.audit.log import os_user

    conv = store.get_conversation(conversation_id)
    thread = store.thread(conversation_id, limit=1_000_000)
    model_id = conv.model or next((m.model for m in reversed(thread) if m.role == "assistant" and m.model), "") or ""
    messages = tuple(
        ExportMessage(
            role=m.role,
            content=m.content,
            reasoning=m.reasoning if with_reasoning else "",
            created_at=_dt(m.created_at),
            model=m.model,
            version=(m.sibling_index + 1, m.sibling_count),
            status=m.status,
        )
        for m in thread
    )
    return ExportRecord(
        conversation_id=conv.id,
        title=conv.title or tr(CONTEXT, "Untitled conversation"),
        created_at=_dt(conv.created_at),
        updated_at=_dt(conv.updated_at),
        exported_at=datetime.now(UTC),
        author=author if author is not None else os_user(),
        machine=machine if machine is not None else socket.gethostname(),
        app_version=__version__,
        model_id=model_id,
        model_sha256=(model_sha256(model_id) if model_sha256 and model_id else "") or "",
        sampling=sampling_of(settings),
        system_prompt=conv.system_prompt or "",
        messages=messages,
        attachments=tuple(attachments) or stored_attachments(store, [m.id for m in thread]),
        citations=tuple(citations),
        with_reasoning=with_reasoning,
        language=language,
    )
