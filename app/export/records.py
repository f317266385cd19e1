"""The Qt-free content of a records-grade export: metadata, messages and what the renderers need.

The record holds everything a file of record must show: title, dates, author (the OS user), the
machine, the app version, the model id and its SHA-256, the sampling settings, attachments (name +
SHA-256), citations and, only when asked, the reasoning. Renderers take labels from
:func:`metadata_rows` and :func:`reply_notes` so DOCX and PDF show the same fields in the same order.

Sampling is what each reply used, as stored with it (schema v5): one line in the metadata when every
reply used the same, else a line under each reply. Only a conversation whose replies recorded none
(made before v5) shows the settings at export time, labelled as such. Each reply also carries its
glossary term check and its numbered sources (file and page).
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


#: ``(name, value)`` pairs, values already written out.
Pairs = tuple[tuple[str, str], ...]
#: Where the record's sampling came from: every reply's own (the same for all), each reply's own
#: (they differ: shown per reply), or the settings at export (no reply recorded any).
SAMPLING_SOURCES: tuple[str, ...] = ("replies", "varies", "export")


@dataclass(frozen=True)
class ExportTerm:
    term: str
    expected: str
    found: bool


@dataclass(frozen=True)
class ExportMessage:
    role: str  # user / assistant / system
    content: str
    reasoning: str  # empty unless the export includes reasoning
    created_at: datetime | None
    model: str | None = None
    version: tuple[int, int] = (1, 1)  # (index, count) among regenerated siblings
    status: str = "complete"
    sampling: Pairs = ()  # what this reply used (empty: not recorded)
    terms: tuple[ExportTerm, ...] = ()  # its glossary term check
    citations: tuple[ExportCitation, ...] = ()  # its numbered sources


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
    sampling: Pairs
    system_prompt: str
    messages: tuple[ExportMessage, ...]
    attachments: tuple[ExportAttachment, ...] = ()
    citations: tuple[ExportCitation, ...] = ()
    with_reasoning: bool = False
    language: str = "en"  # the interface language the labels were written in
    sampling_source: str = "export"  # one of SAMPLING_SOURCES


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


def pairs_text(pairs: Pairs) -> str:
    return ", ".join(f"{k}={v}" for k, v in pairs)


def _sampling_row(record: ExportRecord) -> tuple[str, str]:
    if record.sampling_source == "replies":
        return tr(CONTEXT, "Sampling (every reply)"), pairs_text(record.sampling)
    if record.sampling_source == "varies":
        return tr(CONTEXT, "Sampling"), tr(CONTEXT, "differs between replies: shown with each reply")
    label = tr(CONTEXT, "Sampling (settings at export; not recorded with the replies)")
    return label, pairs_text(record.sampling) or tr(CONTEXT, "none")


def citation_text(n: int, citation: ExportCitation) -> str:
    """``[n] file, p. N``."""
    page = tr(CONTEXT, "p. %1").replace("%1", str(citation.page)) if citation.page else ""
    return f"[{n}] {citation.file}" + (f", {page}" if page else "")


def terms_text(terms: Sequence[Any]) -> str:
    """A reply's term check in one line (items with ``term``, ``expected``, ``found``)."""
    missing = [t for t in terms if not t.found]
    if missing:
        items = "; ".join(t.expected if t.term == t.expected else f"{t.term} → {t.expected}" for t in missing)
        return tr(CONTEXT, "approved terms not used: %1").replace("%1", items)
    return tr(CONTEXT, "every approved term used (%1)").replace("%1", str(len(terms)))


def reply_notes(record: ExportRecord, message: ExportMessage) -> list[tuple[str, str]]:
    """(label, text) lines printed under a reply: its sampling (when replies differ), its term
    check and its sources. Empty for a prompt."""
    notes: list[tuple[str, str]] = []
    if message.role != "assistant":
        return notes
    if record.sampling_source == "varies" and message.sampling:
        notes.append((tr(CONTEXT, "Sampling"), pairs_text(message.sampling)))
    if message.terms:
        notes.append((tr(CONTEXT, "Terminology check"), terms_text(message.terms)))
    if message.citations:
        notes.append((tr(CONTEXT, "Sources"),
                      "; ".join(citation_text(n, c) for n, c in enumerate(message.citations, 1))))
    return notes


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
        _sampling_row(record),
        (tr(CONTEXT, "Attachments"),
         "; ".join(f"{a.name} (SHA-256 {a.sha256})" for a in record.attachments) or none),
        (tr(CONTEXT, "Citations"),
         "; ".join(citation_text(n, c) for n, c in enumerate(record.citations, 1)) or none),
        (tr(CONTEXT, "Reasoning"), tr(CONTEXT, "included") if record.with_reasoning else tr(CONTEXT, "not included")),
    ]
    return rows


def value_text(name: str, value: object) -> str:
    """A stored sampling value written out (``None``: a random seed, else the template's default)."""
    if value is None:
        return tr(CONTEXT, "random") if name == "seed" else tr(CONTEXT, "default")
    if isinstance(value, bool):
        return tr(CONTEXT, "on") if value else tr(CONTEXT, "off")
    return str(value)


def reply_sampling(stored: Sequence[tuple[str, object]]) -> Pairs:
    return tuple((name, value_text(name, value)) for name, value in stored)


def record_sampling(messages: Sequence[ExportMessage], settings: Any) -> tuple[Pairs, str]:
    """The record's sampling and where it came from (see ``SAMPLING_SOURCES``)."""
    used = {m.sampling for m in messages if m.role == "assistant" and m.sampling}
    if len(used) == 1:
        return next(iter(used)), "replies"
    if used:
        return (), "varies"
    return sampling_of(settings), "export"


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
            sampling=reply_sampling(m.sampling),
            terms=tuple(ExportTerm(t.term, t.expected, t.found) for t in m.term_check),
            citations=tuple(ExportCitation(c.file, c.page, "") for c in m.citations),
        )
        for m in thread
    )
    sampling, sampling_source = record_sampling(messages, settings)
    cited = tuple(dict.fromkeys(c for m in messages for c in m.citations))
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
        sampling=sampling,
        system_prompt=conv.system_prompt or "",
        messages=messages,
        attachments=tuple(attachments) or stored_attachments(store, [m.id for m in thread]),
        citations=tuple(citations) or cited,
        with_reasoning=with_reasoning,
        language=language,
        sampling_source=sampling_source,
    )
