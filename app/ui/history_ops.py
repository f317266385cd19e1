"""Sidebar date groups for conversations (message deletion lives on ``HistoryStore``)."""

from __future__ import annotations

import datetime as dt


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
