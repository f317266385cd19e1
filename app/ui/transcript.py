"""The conversation view: a virtualised transcript that paints only the messages in view.

Why not ``QListView``: a size change of the streaming row makes ``QListView`` re-lay-out every
row, so the cost of one more token would grow with the conversation. Here each message keeps
its own height and the offsets are prefix sums (``transcript_layout.RowLayout``): the streaming
(last) message changes only the total, finding the first visible row is a bisection, and only
visible rows are laid out and painted. Rows never seen are given an estimated height and measured
when they scroll into view. Streamed text is coalesced and re-rendered at most ~30 times a second,
for the changed rows only; their documents are updated in place (``stream_document``).

This module is the widget: it paints, scrolls and takes input. The parts it is built from:
``message_html`` (messages as HTML, no Qt), ``stream_document`` (the documents and their
streaming updates), ``transcript_layout`` (row geometry, no Qt), ``transcript_actions`` (the
per-message action bar).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QLocale, QPoint, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from app.i18n import locale_for
from app.ui.citation_html import SOURCE
from app.ui.markdown_render import COPY_CODE, TOGGLE_THINKING, Colours, Labels, is_own_scheme, parse_own_anchor
from app.ui.message_attachments_html import attachments_text
from app.ui.message_html import MessageItem, Texts
from app.ui.stream_document import CachedDoc, MessageDocuments, SafeDocument
from app.ui.theme import COLUMN_MAX
from app.ui.transcript_actions import ActionBar
from app.ui.transcript_layout import RowLayout

__all__ = ["ActionBar", "MessageItem", "SafeDocument", "TranscriptView"]

MARGIN = 12  # between the viewport edge and a bubble
PAD = 10  # inside a bubble
FOOTER = 40  # room under each bubble for the action bar / version switch (the bar is ~26 px tall)
GAP = 8  # between bubbles
RENDER_INTERVAL_MS = 33  # streaming re-render at most ~30 Hz


def _seconds_formatter(locale: QLocale) -> Callable[[float], str]:
    """Durations in the interface language's number format (one decimal); the locale is made
    once per language, not once per repaint."""

    def seconds(value: float) -> str:
        return str(locale.toString(float(value), "f", 1))

    return seconds


class TranscriptView(QAbstractScrollArea):
    """Shows a list of ``MessageItem``; emits what the user asks for, never touches the store."""

    linkActivated = Signal(str)  # an external link the user clicked (still to be confirmed)
    actionRequested = Signal(str, str)  # action name, message id
    olderWanted = Signal()
    codeCopied = Signal(int)
    sourceRequested = Signal(str, int)  # message id, index of the source to show (app.ui.citations)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcript")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setMouseTracking(True)
        self.items: list[MessageItem] = []
        self._index: dict[str, int] = {}
        self.rows = RowLayout()  # one row per item: heights and prefix-sum offsets
        self.docs = MessageDocuments(self.font, self._colours)  # one document per item
        self._dirty: set[str] = set()
        self._current = -1
        self._hover = -1
        self._follow = True
        self._programmatic = False
        self._blit = False
        self.has_older = False
        self._older_pending = False
        self.busy = False
        self.paint_count = 0
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_INTERVAL_MS)
        self._render_timer.timeout.connect(self._flush_dirty)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.actions_bar = ActionBar(self.viewport())
        self.actions_bar.hide()
        self.actions_bar.triggered.connect(self._action)
        self.retranslateUi()

    # -- translation -------------------------------------------------------------------------
    def retranslateUi(self) -> None:
        self.setAccessibleName(self.tr("Conversation"))
        self.docs.html.labels = Labels(
            copy_code=self.tr("Copy code"),
            thinking=self.tr("Thinking…"),
            thinking_done=self.tr("Thinking (%1 s)"),
            image=self.tr("Image not loaded: %1"),
            seconds=_seconds_formatter(locale_for()),
        )
        self.docs.html.texts = Texts(
            you=self.tr("You"),
            assistant=self.tr("Assistant"),
            notes={
                "cancelled": self.tr("Stopped. The text so far is kept."),
                "interrupted": self.tr("Interrupted: the application closed while this reply was written."),
                "error": self.tr("The reply failed: %1"),
            },
        )
        self.invalidate()

    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            self.retranslateUi()
        elif kind in (QEvent.Type.PaletteChange, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.invalidate()
        super().changeEvent(event)

    # -- model side ----------------------------------------------------------------------------
    def clear(self) -> None:
        self.set_items([])

    def set_items(self, items: Sequence[MessageItem], has_older: bool = False) -> None:
        self.items = list(items)
        self._reindex()
        self.docs.reset()  # a new anchor nonce: anchors of the old documents stop working
        self._dirty.clear()
        self.rows.reset(self._estimate(it) for it in self.items)
        self.has_older = has_older
        self._older_pending = False
        self._current = -1
        self._hover = -1
        self._follow = True
        self._sync_scrollbar()
        self.scroll_to_bottom()  # before measuring, so the rows at the top are never rendered
        self._relayout()

    def prepend_items(self, items: Sequence[MessageItem], has_older: bool) -> None:
        """Older messages arrive above; the view keeps showing what it showed."""
        self._older_pending = False
        self.has_older = has_older
        items = [it for it in items if it.id not in self._index]
        if not items:
            return
        added = [self._estimate(it) for it in items]
        self.items[0:0] = items
        self.rows.insert(0, added)
        if self._current >= 0:
            self._current += len(items)
        self._reindex()
        bar = self.verticalScrollBar()
        value = bar.value() + sum(added)
        self._sync_scrollbar()
        self._set_scroll(value)

    def append_item(self, item: MessageItem) -> None:
        self.items.append(item)
        self._index[item.id] = len(self.items) - 1
        self.rows.append(self._estimate(item))
        self._relayout()
        if self._follow:
            self.scroll_to_bottom()

    def replace_item(self, item: MessageItem) -> None:
        i = self._index.get(item.id)
        if i is None:
            self.append_item(item)
            return
        old = self.items[i]
        item.expanded = old.expanded
        item.thinking_s = item.thinking_s if item.thinking_s is not None else old.thinking_s
        item.version = old.version + 1
        self.items[i] = item
        self._mark(item.id)

    def truncate_after(self, message_id: str | None) -> None:
        """Drop the rows after ``message_id`` (all rows for ``None``), e.g. before a regenerate."""
        keep = 0 if message_id is None else self._index.get(message_id, len(self.items) - 1) + 1
        del self.items[keep:]
        self.rows.truncate(keep)
        self._reindex()
        if self._current >= keep:
            self._current = keep - 1
        self._relayout()

    def append_delta(self, message_id: str, content: str, reasoning: str) -> None:
        """Streamed text for one message: O(1) now, re-rendered by the ~30 Hz timer."""
        i = self._index.get(message_id)
        if i is None:
            return
        it = self.items[i]
        if content:
            if not it.content and it.reasoning and it.thinking_s is None and it.started is not None:
                it.thinking_s = time.perf_counter() - it.started
            it.content += content
        if reasoning:
            it.reasoning += reasoning
        it.version += 1
        self._mark(message_id)

    def item(self, message_id: str) -> MessageItem | None:
        i = self._index.get(message_id)
        return None if i is None else self.items[i]

    def current_item(self) -> MessageItem | None:
        return self.items[self._current] if 0 <= self._current < len(self.items) else None

    def set_current(self, index: int) -> None:
        if not self.items:
            self._current = -1
            return
        index = max(0, min(index, len(self.items) - 1))
        self._current = index
        self.ensure_visible(index)
        it = self.items[index]
        texts = self.docs.html.texts
        who = texts.you if it.role == "user" else texts.assistant
        attached = attachments_text(it.attachments)  # a prompt's files, after its text
        self.setAccessibleDescription(f"{who}: {it.content[:500]}" + (f"\n{attached}" if attached else ""))
        self._place_actions()
        self.viewport().update()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._place_actions()

    def doc_for(self, message_id: str) -> SafeDocument | None:
        i = self._index.get(message_id)
        return None if i is None else self._document(i).doc

    def invalidate(self) -> None:
        """Fonts, colours or language changed: every row is re-rendered and re-measured lazily."""
        if not hasattr(self, "docs"):
            return
        self.docs.reset()  # a new anchor nonce: anchors of the old documents stop working
        self.rows.forget_measurements()
        self._relayout()

    @property
    def fast_append(self) -> bool:
        """Plain words are appended to a streaming reply without a Markdown run (benchmarks
        switch it off to measure the Markdown re-render)."""
        return self.docs.fast_append

    @fast_append.setter
    def fast_append(self, on: bool) -> None:
        self.docs.fast_append = on

    @property
    def _nonce(self) -> str:
        """Marks the anchors this view renders now (see markdown_render)."""
        return self.docs.html.nonce

    @_nonce.setter
    def _nonce(self, nonce: str) -> None:
        self.docs.html.nonce = nonce

    # -- geometry ------------------------------------------------------------------------------
    def _reindex(self) -> None:
        self._index = {it.id: i for i, it in enumerate(self.items)}

    def _column(self) -> tuple[int, int]:
        """(left, width) of the conversation column: a readable width, centred."""
        vw = self.viewport().width()
        width = max(120 + 2 * PAD, min(COLUMN_MAX, vw - 2 * MARGIN))
        # Centred on the whole view, not the viewport: the column lines up with the composer below
        # (which has no scroll bar) and does not jump sideways when the scroll bar appears.
        centred = (self.width() - width) // 2 - self.viewport().x()
        return max(MARGIN, min(centred, vw - width - MARGIN)), width

    def _doc_width(self) -> int:
        return max(120, self._column()[1] - 2 * PAD)

    def _estimate(self, it: MessageItem) -> int:
        fm = self.fontMetrics()
        per_line = max(20, self._doc_width() // max(1, fm.averageCharWidth()))
        text = it.content
        lines = text.count("\n") + 1 + len(text) // per_line + 1
        return min(lines, 400) * fm.lineSpacing() + 2 * PAD + FOOTER + GAP + (fm.lineSpacing() if it.reasoning else 0)

    def _colours(self) -> Colours:
        pal = self.palette()
        dark = pal.color(QPalette.ColorRole.Base).lightness() < 128
        return Colours(
            code_background="#272822" if dark else "#f4f4f4",
            muted=pal.color(QPalette.ColorRole.PlaceholderText).name(),
            border=pal.color(QPalette.ColorRole.Mid).name(),
            dark=dark,
        )

    def _document(self, i: int) -> CachedDoc:
        return self.docs.document(self.items[i], self._doc_width())

    def _measure(self, i: int) -> None:
        doc = self._document(i).doc
        self.rows.set_measured(i, int(doc.size().height()) + 2 * PAD + FOOTER + GAP, self._doc_width())

    def _visible_range(self) -> range:
        top = self.verticalScrollBar().value()
        return self.rows.rows_in(top, top + self.viewport().height())

    def _relayout(self) -> None:
        """Measure the rows in view (they may grow or shrink, which can bring others into view)."""
        width = self._doc_width()
        for _ in range(4):
            changed = False
            for i in self._visible_range():
                if self.rows.needs_measure(i, width):
                    self._measure(i)
                    changed = True
            self._sync_scrollbar()
            if self._follow:
                self.scroll_to_bottom()
            if not changed:
                break
        self._place_actions()
        self.viewport().update()

    def _sync_scrollbar(self) -> None:
        bar = self.verticalScrollBar()
        vh = self.viewport().height()
        self._programmatic = True
        bar.setRange(0, max(0, self.rows.total - vh))
        bar.setPageStep(vh)
        bar.setSingleStep(max(20, self.fontMetrics().lineSpacing() * 3))
        self._programmatic = False

    def _set_scroll(self, value: int) -> None:
        self._programmatic = True
        self.verticalScrollBar().setValue(value)
        self._programmatic = False

    def scroll_to_bottom(self) -> None:
        bar = self.verticalScrollBar()
        self._set_scroll(bar.maximum())
        self._follow = True

    @property
    def following(self) -> bool:
        return self._follow

    def ensure_visible(self, i: int) -> None:
        top, bottom = self.rows.top(i), self.rows.bottom(i)
        bar = self.verticalScrollBar()
        vh = self.viewport().height()
        if top < bar.value():
            bar.setValue(top)
        elif bottom > bar.value() + vh:
            bar.setValue(min(top, bottom - vh))

    def row_rect(self, i: int) -> QRect:
        y = self.rows.top(i) - self.verticalScrollBar().value()
        left, width = self._column()
        return QRect(left, y, width, self.rows.heights[i] - GAP)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        if self._blit:
            return  # the streaming re-render scrolls the pixels itself (Qt's default repaints all)
        super().scrollContentsBy(dx, dy)

    def _scrolled(self, value: int) -> None:
        if self._blit:  # the streaming re-render scrolls the pixels itself
            return
        if not self._programmatic:
            self._follow = value >= self.verticalScrollBar().maximum() - 4
        if value == 0 and self.has_older and not self._older_pending and self.items:
            self._older_pending = True
            self.olderWanted.emit()
        self._relayout_visible_only()

    def _relayout_visible_only(self) -> None:
        width = self._doc_width()
        if any(self.rows.needs_measure(i, width) for i in self._visible_range()):
            follow = self._follow
            self._relayout()
            self._follow = follow
        else:
            self._place_actions()
            self.viewport().update()

    # -- streaming re-render -------------------------------------------------------------------
    def _mark(self, message_id: str) -> None:
        self._dirty.add(message_id)
        if not self._render_timer.isActive():
            self._render_timer.start()

    def _flush_dirty(self) -> None:
        """Re-render the changed rows; repaint only them (scrolling blits the rest)."""
        bar = self.verticalScrollBar()
        before = bar.value()
        rows = [i for i in (self._index.get(mid) for mid in self._dirty) if i is not None]
        self._dirty.clear()
        heights = [self.rows.heights[i] for i in rows]
        for i in rows:
            self.docs.take_changed_from(self.items[i].id)
            self._measure(i)
        self._sync_scrollbar()
        self._blit = True
        if self._follow:
            self.scroll_to_bottom()
        self._blit = False
        moved = bar.value() - before
        self._place_actions()
        vp = self.viewport()
        if moved:
            vp.scroll(0, -moved)
        last = len(self.items) - 1
        for i, old_height in zip(rows, heights, strict=True):
            rect = self.row_rect(i)
            if i == last:
                # Only what changed: from the first re-rendered line of the reply down to its
                # bottom, or to the bottom of the view if it shrank (nothing follows it).
                top = rect.y() + PAD + int(self.docs.take_changed_from(self.items[i].id)) - 2
                bottom = rect.bottom() + GAP if self.rows.heights[i] >= old_height else vp.height()
                vp.update(QRect(0, max(rect.y() - 2, top), vp.width(), bottom - max(rect.y() - 2, top) + 1))
            elif self.rows.heights[i] != old_height:
                vp.update()  # the rows below it moved
            else:
                vp.update(rect.adjusted(-2, -2, 2, 2))

    def flush_now(self) -> None:
        """Render pending text at once (tests and benchmarks)."""
        self._render_timer.stop()
        self._flush_dirty()

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        self.paint_count += 1
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        painter.fillRect(event.rect(), pal.color(QPalette.ColorRole.Window))
        clip = event.rect()
        for i in self._visible_range():
            rect = self.row_rect(i)
            if not rect.intersects(clip):
                continue
            it = self.items[i]
            bubble = QRectF(rect.adjusted(0, 0, 0, -FOOTER + PAD))
            base = pal.color(QPalette.ColorRole.Base)
            fill = pal.color(QPalette.ColorRole.AlternateBase) if it.role == "user" else base
            border = pal.color(QPalette.ColorRole.Highlight) if i == self._current else pal.color(
                QPalette.ColorRole.Mid)
            # Outline only the part of the bubble being repainted (plus a margin that keeps the
            # cut ends' corners outside the clip): a tall streaming reply repaints a strip, and
            # rasterising its whole antialiased outline each time would cost more than the text.
            area = QRectF(clip)
            part = bubble.adjusted(0, max(0.0, area.top() - 12 - bubble.top()),
                                   0, -max(0.0, bubble.bottom() - area.bottom() - 12))
            painter.setPen(QPen(border, 2 if i == self._current else 1))
            painter.setBrush(fill)
            painter.drawRoundedRect(part, 8, 8)
            doc = self._document(i).doc
            painter.save()
            painter.translate(rect.x() + PAD, rect.y() + PAD)
            # Only the part inside the repainted region: a long streaming reply is not redrawn whole.
            visible = QRectF(clip).translated(-(rect.x() + PAD), -(rect.y() + PAD))
            doc.drawContents(painter, visible.intersected(QRectF(0, 0, doc.textWidth(), doc.size().height())))
            painter.restore()
            if it.sibling_count > 1 and i != self._actions_row():
                painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
                text = f"‹ {it.sibling_index + 1}/{it.sibling_count} ›"
                painter.drawText(QRect(rect.x(), rect.bottom() - FOOTER + PAD, rect.width() - PAD, FOOTER - PAD),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        painter.end()

    # -- the action bar --------------------------------------------------------------------------
    def _actions_row(self) -> int:
        if 0 <= self._current < len(self.items):
            return self._current
        if 0 <= self._hover < len(self.items):
            return self._hover
        return -1

    def _place_actions(self) -> None:
        if not hasattr(self, "actions_bar"):
            return
        i = self._actions_row()
        if i < 0 or i not in self._visible_range():
            self.actions_bar.hide()
            return
        self.actions_bar.show_for(self.items[i], self.busy, len(self._document(i).code_blocks))
        rect = self.row_rect(i)
        size: QSize = self.actions_bar.sizeHint()
        x = rect.right() - size.width() - PAD
        y = rect.bottom() - FOOTER + PAD + max(4, (FOOTER - PAD - size.height()) // 2)  # never over the bubble
        self.actions_bar.setGeometry(max(rect.x(), x), y, size.width(), size.height())
        self.actions_bar.show()

    def _action(self, name: str) -> None:
        i = self._actions_row()
        if i < 0:
            return
        it = self.items[i]
        if name == "thinking":  # handled here: they change only what the view shows
            self.toggle_thinking(i)
            return
        if name == "copy_code":
            self.copy_code(i)
            return
        if name == "sources":
            self.sourceRequested.emit(it.id, 0)
            return
        if name == "copy":
            QGuiApplication.clipboard().setText(it.content)
        self.actionRequested.emit(name, it.id)

    # -- input ---------------------------------------------------------------------------------
    def _row_at(self, y: int) -> int:
        return self.rows.row_at(y + self.verticalScrollBar().value())

    def _anchor_at(self, pos: QPoint) -> tuple[int, str]:
        i = self._row_at(pos.y())
        if i < 0:
            return -1, ""
        rect = self.row_rect(i)
        doc = self._document(i).doc
        local = QPoint(pos.x() - rect.x() - PAD, pos.y() - rect.y() - PAD)
        return i, doc.documentLayout().anchorAt(local)

    def activate_anchor(self, i: int, anchor: str) -> None:
        """Act on an anchor under the mouse: the view's own (current nonce), or an external link
        to confirm. Any other ``bauhinia:`` anchor — one the text wrote itself — does nothing."""
        own = parse_own_anchor(anchor, self._nonce)
        if own is None:
            if not is_own_scheme(anchor):
                self.linkActivated.emit(anchor)
            return
        action, arg = own
        if action == TOGGLE_THINKING:
            self.toggle_thinking(i)
        elif action == COPY_CODE and arg.isdigit():
            self.copy_code(i, int(arg))
        elif action == SOURCE and arg.isdigit():
            self.sourceRequested.emit(self.items[i].id, int(arg))

    def toggle_thinking(self, i: int) -> None:
        """Open or close row ``i``'s Thinking section (its anchor, or the action bar's button)."""
        it = self.items[i]
        it.expanded = not it.thinking_open
        it.version += 1
        self._measure(i)
        self._sync_scrollbar()
        self._place_actions()
        self.viewport().update()

    def copy_code(self, i: int, n: int | None = None) -> None:
        """Copy code block ``n`` of row ``i`` (all of its blocks, one after another, if None)."""
        blocks = self._document(i).code_blocks
        if n is None and blocks:
            QGuiApplication.clipboard().setText("\n\n".join(blocks))
            self.codeCopied.emit(-1)
        elif n is not None and 0 <= n < len(blocks):
            QGuiApplication.clipboard().setText(blocks[n])
            self.codeCopied.emit(n)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        i, anchor = self._anchor_at(event.position().toPoint())
        if i >= 0:
            self.set_current(i)
            if anchor:
                self.activate_anchor(i, anchor)
        self.setFocus(Qt.FocusReason.MouseFocusReason)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        i, anchor = self._anchor_at(event.position().toPoint())
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if anchor else Qt.CursorShape.IBeamCursor)
        if i != self._hover:
            self._hover = i
            if self._current < 0:
                self._place_actions()
                self.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        n = len(self.items)
        if key == Qt.Key.Key_Up and n:
            self.set_current(self._current - 1 if self._current > 0 else 0)
        elif key == Qt.Key.Key_Down and n:
            self.set_current(self._current + 1 if self._current >= 0 else n - 1)
        elif key == Qt.Key.Key_Home and n:
            self.set_current(0)
        elif key == Qt.Key.Key_End and n:
            self.set_current(n - 1)
            self.scroll_to_bottom()
        elif event.matches(QKeySequence.StandardKey.Copy) and self.current_item() is not None:
            QGuiApplication.clipboard().setText(self.current_item().content)  # type: ignore[union-attr]
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        follow = self._follow
        self._relayout()
        if follow:
            self.scroll_to_bottom()

    def sizeHint(self) -> QSize:
        return QSize(600, 400)
