"""Plain, immutable views of stored rows handed to callers (no live ORM objects leave the store)."""

from __future__ import annotations

from dataclasses import dataclass

from app.store.message_attachments import StoredAttachment
from app.store.models import Conversation, Message
from app.store.turn_record import (
    Sampling,
    StoredCitation,
    StoredTerm,
    decode_citations,
    decode_sampling,
    decode_terms,
)


@dataclass(frozen=True)
class ConversationRecord:
    id: str
    title: str
    created_at: int
    updated_at: int
    model: str | None
    system_prompt: str | None
    pinned: bool
    archived: bool
    current_message_id: str | None
    persisted: bool = True
    #: The conversation's "use my library" switch (schema v5).
    use_library: bool = False

    @classmethod
    def from_row(cls, row: Conversation, persisted: bool = True) -> ConversationRecord:
        return cls(
            row.id,
            row.title,
            row.created_at,
            row.updated_at,
            row.model,
            row.system_prompt,
            bool(row.pinned),
            bool(row.archived),
            row.current_message_id,
            persisted,
            bool(row.use_library),
        )


@dataclass(frozen=True)
class MessageRecord:
    """One stored message. ``content``/``reasoning`` are what was shown; ``content_raw`` /
    ``reasoning_raw`` what the model wrote, or None when that is the same text. For a reply,
    ``sampling``, ``term_check`` and ``citations`` are what it was made with (empty: not recorded,
    e.g. a reply from before schema v5)."""

    id: str
    conversation_id: str
    parent_id: str | None
    depth: int
    role: str
    content: str
    reasoning: str
    status: str
    model: str | None
    prompt_tokens: int | None
    completion_tokens: int | None
    ttft_s: float | None
    tokens_per_s: float | None
    error: str | None
    created_at: int
    finished_at: int | None
    sibling_index: int = 0
    sibling_count: int = 1
    content_raw: str | None = None
    reasoning_raw: str | None = None
    sampling: Sampling = ()
    term_check: tuple[StoredTerm, ...] = ()
    citations: tuple[StoredCitation, ...] = ()
    #: A prompt's attached files, name and hash (schema v4; filled in by the store's readers).
    attachments: tuple[StoredAttachment, ...] = ()

    @property
    def raw_content(self) -> str:
        """What the model wrote (the shown text when nothing was converted)."""
        return self.content if self.content_raw is None else self.content_raw

    @property
    def raw_reasoning(self) -> str:
        return self.reasoning if self.reasoning_raw is None else self.reasoning_raw

    @classmethod
    def from_row(cls, row: Message, sibling_index: int = 0, sibling_count: int = 1) -> MessageRecord:
        return cls(
            row.id,
            row.conversation_id,
            row.parent_id,
            row.depth,
            row.role,
            row.content,
            row.reasoning,
            row.status,
            row.model,
            row.prompt_tokens,
            row.completion_tokens,
            row.ttft_s,
            row.tokens_per_s,
            row.error,
            row.created_at,
            row.finished_at,
            sibling_index,
            sibling_count,
            row.content_raw,
            row.reasoning_raw,
            decode_sampling(row.sampling),
            decode_terms(row.term_check),
            decode_citations(row.citations),
        )


@dataclass(frozen=True)
class SearchHit:
    """One ranked match; ``highlights`` are (start, end) spans inside ``snippet``."""

    conversation_id: str
    conversation_title: str
    message_id: str | None
    role: str | None
    created_at: int
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    score: float
