"""History operations the window needs that are not (yet) on ``HistoryStore``, plus date groups.

``delete_message_branch`` removes one message and everything that grew from it, in one write
transaction through the store's own session, so the store's FTS triggers keep search in step.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def delete_message_branch(store: Any, message_id: str) -> str | None:
    """Delete ``message_id`` and its descendants; returns the conversation's new current leaf."""
    from sqlalchemy import delete, select  # imported here: SQLAlchemy is slow to import before first paint

    from app.store.models import Conversation, Message

    with store.session(write=True) as s:
        row = s.scalars(select(Message).where(Message.id == message_id)).one_or_none()
        if row is None:
            return None
        doomed: list[str] = []
        frontier = [row.id]
        while frontier:
            doomed.extend(frontier)
            frontier = list(s.scalars(select(Message.id).where(Message.parent_id.in_(frontier))))
        conv = s.scalars(select(Conversation).where(Conversation.id == row.conversation_id)).one()
        # Children before parents: messages.parent_id references messages.id.
        for mid in reversed(doomed):
            s.execute(delete(Message).where(Message.id == mid))
        if conv.current_message_id in doomed:
            sibling = s.scalar(
                select(Message.id)
                .where(Message.conversation_id == conv.id)
                .where(Message.parent_id.is_(None) if row.parent_id is None else Message.parent_id == row.parent_id)
                .order_by(Message.id.desc())
                .limit(1)
            )
            leaf = sibling or row.parent_id
            while sibling is not None:
                child = s.scalar(select(Message.id).where(Message.parent_id == leaf).order_by(Message.id.desc())
                                 .limit(1))
                if child is None:
                    break
                leaf = child
            conv.current_message_id = leaf
        current: str | None = conv.current_message_id
        return current


def date_group(updated_ms: int, today: dt.date | None = None) -> str:
    """The sidebar section a conversation falls in: today, yesterday, week, month, then one
    section per calendar month (``month:YYYY-MM``, titled in the interface language)."""
    today = today or dt.date.today()
    day = dt.datetime.fromtimestamp(updated_ms / 1000).date()
    delta = (today - day).days
    if delta <= 0:
        return "today"
    if delta == 1:
        return "yesterday"
    if delta < 7:
        return "week"
    if delta < 31:
        return "month"
    return f"month:{day.year:04d}-{day.month:02d}"
