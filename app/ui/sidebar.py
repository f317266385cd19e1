"""The sidebar: conversations (pinned on top, then by date, loaded a page at a time), search with
highlighted hits, and rename / pin / archive / delete-with-undo."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import format_datetime, locale_for

PAGE = 50
UNDO_MS = 8000
Index = QModelIndex | QPersistentModelIndex


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


@dataclass
class Row:
    kind: str  # "header" | "conversation" | "hit"
    text: str
    conversation_id: str = ""
    message_id: str | None = None
    pinned: bool = False
    html: str = ""
    record: Any = None


def highlight_snippet(snippet: str, spans: tuple[tuple[int, int], ...]) -> str:
    """Escape ``snippet`` and make the (start, end) spans bold."""
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out.append(html.escape(snippet[pos:start]))
        out.append("<b><u>" + html.escape(snippet[start:end]) + "</u></b>")
        pos = end
    out.append(html.escape(snippet[pos:]))
    return "".join(out)


class ConversationModel(QAbstractListModel):
    ConversationIdRole = Qt.ItemDataRole.UserRole + 1
    KindRole = Qt.ItemDataRole.UserRole + 2
    HtmlRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, fetch_page: Callable[[int, Callable[[list[Any]], None]], None],
                 group_title: Callable[[str], str]) -> None:
        super().__init__()
        self._fetch_page = fetch_page
        self._group_title = group_title
        self.records: list[Any] = []
        self.rows: list[Row] = []
        self.hidden: set[str] = set()
        self.exhausted = False
        self.fetching = False
        self.search_mode = False

    # -- Qt model ----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return ("📌 " if row.pinned else "") + row.text
        if role == Qt.ItemDataRole.ToolTipRole:
            updated = getattr(row.record, "updated_at", None)
            if row.kind == "conversation" and updated:
                when = format_datetime(datetime.fromtimestamp(updated / 1000))
                return self.tr("%1\nLast changed: %2").replace("%1", row.text).replace("%2", when)
            return row.text
        if role == self.ConversationIdRole:
            return row.conversation_id
        if role == self.KindRole:
            return row.kind
        if role == self.HtmlRole:
            return row.html
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.rows[index.row()].kind == "header":
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self.search_mode and not self.exhausted and not self.fetching

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        self.fetching = True
        self._fetch_page(len(self.records), self._page_arrived)

    # -- content -----------------------------------------------------------------------------
    def _page_arrived(self, page: list[Any]) -> None:
        self.fetching = False
        known = {r.id for r in self.records}
        self.records.extend(r for r in page if r.id not in known)
        self.exhausted = len(page) < PAGE
        if not self.search_mode:
            self._rebuild()

    def reset(self) -> None:
        self.beginResetModel()
        self.records = []
        self.rows = []
        self.exhausted = False
        self.fetching = False
        self.endResetModel()

    def _rebuild(self) -> None:
        self.beginResetModel()
        rows: list[Row] = []
        group = None
        visible = [r for r in self.records if r.id not in self.hidden]
        visible.sort(key=lambda r: (not r.pinned, -r.updated_at))
        for rec in visible:
            g = "pinned" if rec.pinned else date_group(rec.updated_at)
            if g != group:
                group = g
                rows.append(Row("header", self._group_title(g)))
            rows.append(Row("conversation", rec.title or "…", rec.id, pinned=rec.pinned, record=rec))
        self.rows = rows
        self.endResetModel()

    def upsert(self, rec: Any) -> None:
        self.records = [r for r in self.records if r.id != rec.id]
        if not rec.archived:
            self.records.insert(0, rec)
        if not self.search_mode:
            self._rebuild()

    def remove(self, conversation_id: str) -> None:
        self.records = [r for r in self.records if r.id != conversation_id]
        if not self.search_mode:
            self._rebuild()

    def set_hidden(self, conversation_id: str, hidden: bool) -> None:
        (self.hidden.add if hidden else self.hidden.discard)(conversation_id)
        if not self.search_mode:
            self._rebuild()

    def show_hits(self, hits: list[Any]) -> None:
        self.search_mode = True
        self.beginResetModel()
        self.rows = [
            Row("hit", f"{h.conversation_title}: {h.snippet}", h.conversation_id, h.message_id,
                html=f"<b>{html.escape(h.conversation_title or '…')}</b><br>"
                     + highlight_snippet(h.snippet, h.highlights))
            for h in hits if h.conversation_id not in self.hidden
        ]
        self.endResetModel()

    def leave_search(self) -> None:
        self.search_mode = False
        self._rebuild()

    def record(self, conversation_id: str) -> Any:
        return next((r for r in self.records if r.id == conversation_id), None)

    def row_of(self, conversation_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.kind == "conversation"
                     and r.conversation_id == conversation_id), -1)


class RowDelegate(QStyledItemDelegate):
    """Headers in small capitals, search hits as rich text with the matched words bold."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        kind = index.data(ConversationModel.KindRole)
        if kind == "hit":
            self.initStyleOption(option, index)
            style = option.widget.style() if option.widget else None
            option.text = ""
            if style is not None:
                style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
            doc = QTextDocument()
            doc.setDefaultFont(option.font)
            doc.setHtml(index.data(ConversationModel.HtmlRole))
            doc.setTextWidth(option.rect.width() - 8)
            painter.save()
            painter.translate(option.rect.x() + 4, option.rect.y() + 2)
            doc.drawContents(painter, QRectF(0, 0, option.rect.width() - 8, option.rect.height() - 4))
            painter.restore()
            return
        if kind == "header":
            painter.save()
            painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
            font = option.font
            font.setBold(True)
            font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
            painter.setFont(font)
            rect = option.rect.adjusted(4, 0, -4, 0)
            text = painter.fontMetrics().elidedText(index.data(), Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(rect, Qt.AlignmentFlag.AlignBottom, text)
            painter.restore()
            return
        super().paint(painter, option, index)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        base = super().sizeHint(option, index)
        base.setWidth(min(base.width(), 120))  # never wider than the list: long titles are elided
        if index.data(ConversationModel.KindRole) == "hit":
            return QSize(base.width(), option.fontMetrics.lineSpacing() * 3 + 6)
        if index.data(ConversationModel.KindRole) == "header":
            return QSize(base.width(), int(option.fontMetrics.lineSpacing() * 1.6))
        return QSize(base.width(), max(base.height(), option.fontMetrics.lineSpacing() + 10))


class ConversationList(QListView):
    renameRequested = Signal(str)
    deleteRequested = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        cid = self.currentIndex().data(ConversationModel.ConversationIdRole)
        if cid and event.key() == Qt.Key.Key_F2:
            self.renameRequested.emit(cid)
            return
        if cid and event.key() == Qt.Key.Key_Delete:
            self.deleteRequested.emit(cid)
            return
        super().keyPressEvent(event)


class Sidebar(QWidget):
    """Emits ``conversationActivated(conversation_id, message_id)``; all store calls go through
    ``store.call`` (the store thread)."""

    conversationActivated = Signal(str, str)
    newChatRequested = Signal()
    conversationDeleted = Signal(str)

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.store = store
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("newChat")
        self.new_button.clicked.connect(self.newChatRequested)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.search.installEventFilter(self)  # Down/Enter reach the results from the keyboard
        self.model = ConversationModel(self._fetch_page, self._group_title)
        self.list = ConversationList(self)
        self.list.setObjectName("conversations")
        self.list.setModel(self.model)
        self.list.setItemDelegate(RowDelegate(self.list))
        self.list.setUniformItemSizes(False)
        # Long titles end in "…" (full title in the tool-tip) instead of pushing out a scroll bar.
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setWordWrap(False)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.list.activated.connect(self._activated)
        self.list.clicked.connect(self._activated)
        self.list.renameRequested.connect(self.rename)
        self.list.deleteRequested.connect(self.delete)
        self.undo_bar = QWidget(self)
        self.undo_bar.setObjectName("undoBar")
        self.undo_label = QLabel(self.undo_bar)
        self.undo_button = QPushButton(self.undo_bar)
        self.undo_button.setObjectName("undoDelete")
        self.undo_button.clicked.connect(self.undo_delete)
        ub = QHBoxLayout(self.undo_bar)
        ub.setContentsMargins(0, 0, 0, 0)
        ub.addWidget(self.undo_label, 1)
        ub.addWidget(self.undo_button)
        self.undo_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        layout.addWidget(self.new_button)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.undo_bar)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self._run_search)
        self._pending_delete: str | None = None
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_MS)
        self._undo_timer.timeout.connect(self.commit_delete)
        self.current_id: str | None = None
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.new_button.setText(self.tr("New chat"))
        self.new_button.setAccessibleName(self.tr("New chat"))
        self.new_button.setToolTip(self.tr("Start a new conversation (Ctrl+N)"))
        self.search.setPlaceholderText(self.tr("Search conversations (Ctrl+K)"))
        self.search.setAccessibleName(self.tr("Search conversations"))
        self.search.setAccessibleDescription(self.tr(
            "Searches every conversation as you type; Down moves to the results, Enter opens the first"))
        for clear in self.search.findChildren(QToolButton):  # the line edit's clear button
            clear.setAccessibleName(self.tr("Clear search"))
        self.list.setAccessibleName(self.tr("Conversations"))
        self.list.setAccessibleDescription(self.tr(
            "Enter opens a conversation, F2 renames it, Delete deletes it; the context menu pins and archives"))
        self.undo_label.setText(self.tr("Conversation deleted."))
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setAccessibleName(self.tr("Undo delete"))
        if not self.model.search_mode:
            self.model._rebuild()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def _group_title(self, group: str) -> str:
        if group.startswith("month:"):
            year, month = (int(x) for x in group.removeprefix("month:").split("-"))
            # Translators: a QDate format pattern (MMMM = month name, yyyy = year, M = month number).
            pattern = self.tr("MMMM yyyy", "sidebar heading for the conversations of one month")
            return str(locale_for().toString(QDate(year, month, 1), pattern))
        return {
            "pinned": self.tr("Pinned"),
            "today": self.tr("Today"),
            "yesterday": self.tr("Yesterday"),
            "week": self.tr("Previous 7 days"),
            "month": self.tr("Previous 30 days"),
        }[group]

    # -- loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        self.model.reset()
        if self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())

    def _fetch_page(self, offset: int, done: Callable[[list[Any]], None]) -> None:
        def failed(message: str) -> None:
            self.model.fetching = False
            self.model.exhausted = True

        self.store.call(lambda s: s.list_conversations(limit=PAGE, offset=offset), done, failed)

    def upsert(self, rec: Any) -> None:
        self.model.upsert(rec)
        self.select(rec.id)

    def select(self, conversation_id: str | None) -> None:
        self.current_id = conversation_id
        row = self.model.row_of(conversation_id) if conversation_id else -1
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))
        else:
            self.list.clearSelection()

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.rows[index.row()] if 0 <= index.row() < len(self.model.rows) else None
        if row is None or row.kind == "header":
            return
        self.current_id = row.conversation_id
        self.conversationActivated.emit(row.conversation_id, row.message_id or "")

    # -- search ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Down:
                return self.focus_results()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focus_results():
                self._activated(self.list.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def focus_results(self) -> bool:
        """Move the keyboard focus to the first conversation or hit of the list."""
        row = next((i for i, r in enumerate(self.model.rows) if r.kind != "header"), -1)
        if row < 0:
            return False
        self.list.setFocus(Qt.FocusReason.TabFocusReason)
        self.list.setCurrentIndex(self.model.index(row))
        return True

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_changed(self, text: str) -> None:
        if not text.strip():
            self._search_timer.stop()
            self.model.leave_search()
            self.select(self.current_id)
            return
        self._search_timer.start()

    def _run_search(self) -> None:
        query = self.search.text().strip()
        if not query:
            return

        def show(hits: list[Any]) -> None:
            if self.search.text().strip() == query:
                self.model.show_hits(hits)

        self.store.call(lambda s: s.search(query, limit=50), show)

    # -- actions -----------------------------------------------------------------------------
    def _menu(self, pos: QPoint) -> None:
        index = self.list.indexAt(pos)
        cid = index.data(ConversationModel.ConversationIdRole)
        rec = self.model.record(cid) if cid else None
        if rec is None:
            return
        menu = QMenu(self)
        menu.setAccessibleName(self.tr("Conversation actions"))
        rename = QAction(self.tr("Rename…"), menu)
        rename.triggered.connect(lambda: self.rename(cid))
        pin = QAction(self.tr("Unpin") if rec.pinned else self.tr("Pin"), menu)
        pin.triggered.connect(lambda: self.set_pinned(cid, not rec.pinned))
        archive = QAction(self.tr("Archive"), menu)
        archive.triggered.connect(lambda: self.archive(cid))
        delete = QAction(self.tr("Delete"), menu)
        delete.triggered.connect(lambda: self.delete(cid))
        for a in (rename, pin, archive, delete):
            menu.addAction(a)
        menu.popup(self.list.viewport().mapToGlobal(pos))

    def rename(self, conversation_id: str, title: str | None = None) -> None:
        rec = self.model.record(conversation_id)
        if rec is None:
            return
        if title is None:
            title, ok = QInputDialog.getText(self, self.tr("Rename conversation"), self.tr("New name:"),
                                             text=rec.title)
            if not ok or not title.strip():
                return
        new_title = title.strip()
        self.store.call(lambda s: s.update_conversation(conversation_id, title=new_title), self.model.upsert)

    def set_pinned(self, conversation_id: str, pinned: bool) -> None:
        self.store.call(lambda s: s.update_conversation(conversation_id, pinned=pinned), self.model.upsert)

    def archive(self, conversation_id: str) -> None:
        def done(rec: Any) -> None:
            self.model.remove(rec.id)
            if conversation_id == self.current_id:
                self.conversationDeleted.emit(conversation_id)

        self.store.call(lambda s: s.update_conversation(conversation_id, archived=True), done)

    def delete(self, conversation_id: str) -> None:
        """Hide it now; delete for real when the undo time is over (or the window closes)."""
        if self._pending_delete is not None:
            self.commit_delete()
        self._pending_delete = conversation_id
        self.model.set_hidden(conversation_id, True)
        self.undo_bar.show()
        self._undo_timer.start()
        if conversation_id == self.current_id:
            self.conversationDeleted.emit(conversation_id)

    def undo_delete(self) -> None:
        cid = self._pending_delete
        self._pending_delete = None
        self._undo_timer.stop()
        self.undo_bar.hide()
        if cid is not None:
            self.model.set_hidden(cid, False)

    def commit_delete(self) -> None:
        cid = self._pending_delete
        self._pending_delete = None
        self._undo_timer.stop()
        self.undo_bar.hide()
        if cid is None:
            return

        def done(_: Any) -> None:
            self.model.hidden.discard(cid)
            self.model.remove(cid)

        self.store.call(lambda s: s.delete_conversation(cid), done)
