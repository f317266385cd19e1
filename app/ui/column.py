"""The conversation column: rows under the transcript (the task picker, attachments and "Use my
library") keep to the same readable width as the messages and the composer — ``COLUMN_MAX``,
centred — instead of hugging the window's left edge."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from app.ui.theme import COLUMN_MAX, SPACING


def column_side(width: int) -> int:
    """The margin each side of a ``width``-wide row that centres the column (the composer's rule)."""
    return max(SPACING, (width - COLUMN_MAX) // 2)


class _Column(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            layout = watched.layout()
            if layout is not None:
                m = layout.contentsMargins()
                side = column_side(watched.width())
                if (m.left(), m.right()) != (side, side):
                    layout.setContentsMargins(side, m.top(), side, m.bottom())
        return False


def keep_in_column(widget: QWidget) -> None:
    """Centre ``widget``'s layout in the conversation column whenever the widget is resized."""
    widget.installEventFilter(_Column(widget))
