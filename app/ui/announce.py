"""Screen-reader announcements: a finished reply once (never token by token), errors and notices.

Qt sends a ``QAccessibleAnnouncementEvent`` (AT-SPI ``Announcement`` on Linux, UIA notification
on Windows) only while an assistive technology is listening; ``announced`` keeps the last texts
so tests (offscreen, no listener) can check what would have been said and when."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget

announced: list[tuple[str, str]] = []  # (politeness, text), newest last; at most KEEP of them
KEEP = 50


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    """Say ``text`` through the screen reader; ``assertive`` (errors) interrupts what it says."""
    text = text.strip()
    if not text:
        return
    politeness = "assertive" if assertive else "polite"
    announced.append((politeness, text))
    del announced[:-KEEP]
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if assertive
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)
