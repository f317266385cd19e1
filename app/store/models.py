"""ORM models of the history database (latest schema; migrations.py builds it step by step).

Every version of a reply or prompt is a row: a regenerated reply or an edited prompt is a
*sibling* (same ``parent_id``) of the original, so all versions stay reachable and
``Conversation.current_message_id`` names the leaf of the branch on screen. Times are Unix
milliseconds. ``pk`` is a stable integer row id (the search index refers to it; VACUUM keeps it).
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

MessageStatus = Literal["streaming", "complete", "cancelled", "interrupted", "error"]
MESSAGE_STATUSES: tuple[str, ...] = ("streaming", "complete", "cancelled", "interrupted", "error")
ROLES: tuple[str, ...] = ("system", "user", "assistant")


class Base(DeclarativeBase):
    pass


class SchemaMigration(Base):
    """One applied migration; the highest ``version`` is the database's schema version."""

    __tablename__ = "schema_migrations"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(Text)
    applied_at: Mapped[int] = mapped_column(Integer)


class Conversation(Base):
    __tablename__ = "conversations"
    __table_args__ = (Index("ix_conversations_list", "archived", "pinned", "updated_at"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(26), unique=True)
    title: Mapped[str] = mapped_column(Text, server_default=text("''"))
    created_at: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[int] = mapped_column(Integer)
    model: Mapped[str | None] = mapped_column(Text)
    system_prompt: Mapped[str | None] = mapped_column(Text)
    pinned: Mapped[bool] = mapped_column(server_default=text("0"))
    archived: Mapped[bool] = mapped_column(server_default=text("0"))
    current_message_id: Mapped[str | None] = mapped_column(String(26))
    # The conversation's "use my library" switch (schema v5).
    use_library: Mapped[bool] = mapped_column(server_default=text("0"))


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_conversation", "conversation_id", "depth"),
        Index("ix_messages_parent", "parent_id"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(26), unique=True)
    conversation_id: Mapped[str] = mapped_column(String(26), ForeignKey("conversations.id", ondelete="CASCADE"))
    parent_id: Mapped[str | None] = mapped_column(String(26), ForeignKey("messages.id"))
    depth: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text, server_default=text("''"))
    reasoning: Mapped[str] = mapped_column(Text, server_default=text("''"))
    # What the model wrote when it differs from what was shown (script conversion); else NULL.
    content_raw: Mapped[str | None] = mapped_column(Text)
    reasoning_raw: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text)
    model: Mapped[str | None] = mapped_column(Text)
    prompt_tokens: Mapped[int | None] = mapped_column(Integer)
    completion_tokens: Mapped[int | None] = mapped_column(Integer)
    ttft_s: Mapped[float | None]
    tokens_per_s: Mapped[float | None]
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[int] = mapped_column(Integer)
    finished_at: Mapped[int | None] = mapped_column(Integer)
    # Instance id of the process streaming into this row; cleared when the stream ends.
    writer: Mapped[str | None] = mapped_column(Text)
    # Schema v5, JSON (app.store.turn_record): the sampling a reply used, its glossary term
    # check and its numbered sources (file and page); NULL when there is none.
    sampling: Mapped[str | None] = mapped_column(Text)
    term_check: Mapped[str | None] = mapped_column(Text)
    citations: Mapped[str | None] = mapped_column(Text)
