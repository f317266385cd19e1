"""The conversation view: a virtualised transcript that paints only the messages in view.

Why not ``QListView``: a size change of the streaming row makes ``QListView`` re-lay-out every
row, so the cost of one more token would grow with the conversation. Here each message keeps
its own height and the offsets are prefix sums: the streaming (last) message changes only the
total, finding the first visible row is a bisection, and only visible rows are laid out and
painted. Rows never seen are given an estimated height and measured when they scroll into view.
Streamed text is coalesced and re-rendered at most ~30 times a second, for the last row only.
"""

from __future__ import annotations

import bisect
import html
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QLocale, QPoint, QRect, QRectF, QSize, Qt, QTimer, QUrl, Signal
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
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QAbstractScrollArea, QHBoxLayout, QLabel, QToolButton, QWidget

from app.i18n import locale_for
from app.ui.markdown_render import (
    COPY_CODE,
    TOGGLE_THINKING,
    Colours,
    Labels,
    is_own_scheme,
    new_nonce,
    parse_own_anchor,
    plain_escape,
    reasoning_html,
    render_markdown,
    render_thinking,
    split_blocks,
)

MARGIN = 12  # between the viewport edge and a bubble
PAD = 10  # inside a bubble
FOOTER = 30  # room under each bubble for the action bar / version switch
GAP = 8  # between bubbles
RENDER_INTERVAL_MS = 33  # streaming re-render at most ~30 Hz
# Appended text containing any of these could change the Markdown structure or need escaping.
_MARKUP = frozenset("*_`[]<>!#|~\\&;$=-+\n\r\t")
_NUMBERED = re.compile(r"^\s{0,3}\d+[.)]")
_FENCE_OR_TABLE = re.compile(r"^(\s{4}|\t)|```|~~~|\|", re.MULTILINE)
DOC_CACHE = 300


def _seconds_formatter(locale: QLocale) -> Callable[[float], str]:
    """Durations in the interface language's number format (one decimal); the locale is made
    once per language, not once per repaint."""

    def seconds(value: float) -> str:
        return str(locale.toString(float(value), "f", 1))

    return seconds


@dataclass
class MessageItem:
    """What the view shows for one message (a plain copy of the stored record)."""

    id: str
    role: str
    content: str
    reasoning: str = ""
    status: str = "complete"
    parent_id: str | None = None
    sibling_index: int = 0
    sibling_count: int = 1
    thinking_s: float | None = None
    expanded: bool | None = None  # None: open while reasoning streams, closed afterwards
    error: str | None = None
    version: int = 0
    started: float | None = None

    @classmethod
    def from_record(cls, rec: object) -> MessageItem:
        r = rec  # MessageRecord; typed loosely so this module does not import the store
        return cls(
            id=r.id, role=r.role, content=r.content, reasoning=r.reasoning,  # type: ignore[attr-defined]
            status=r.status, parent_id=r.parent_id,  # type: ignore[attr-defined]
            sibling_index=r.sibling_index, sibling_count=r.sibling_count,  # type: ignore[attr-defined]
            error=r.error,  # type: ignore[attr-defined]
        )

    @property
    def thinking_open(self) -> bool:
        if self.expanded is not None:
            return self.expanded
        return self.status == "streaming" and not self.content


class SafeDocument(QTextDocument):
    """A rich-text document that never loads anything: no file, no network, no image."""

    def __init__(self) -> None:
        super().__init__()
        self.blocked: list[str] = []

    def loadResource(self, type: int, name: QUrl | str) -> object:
        self.blocked.append(name.toString() if isinstance(name, QUrl) else str(name))
        return None


class ActionBar(QWidget):
    """Per-message actions for the current message; real widgets, so keyboard and screen readers
    reach them."""

    triggered = Signal(str)

    ACTIONS = ("copy", "regenerate", "edit", "previous", "next", "delete")

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("messageActions")
        self.setAutoFillBackground(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.setSpacing(2)
        self.buttons: dict[str, QToolButton] = {}
        for name in self.ACTIONS:
            b = QToolButton(self)
            b.setObjectName(f"message_{name}")
            b.setAutoRaise(True)
            b.clicked.connect(lambda _=False, n=name: self.triggered.emit(n))
            self.buttons[name] = b
            if name == "next":
                self.version = QLabel(self)
                self.version.setObjectName("message_version")
                layout.addWidget(self.version)
            layout.addWidget(b)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        texts = {
            "copy": (self.tr("Copy"), self.tr("Copy this message")),
            "regenerate": (self.tr("Regenerate"), self.tr("Write a new version of this reply")),
            "edit": (self.tr("Edit"), self.tr("Edit this prompt (keeps the original as another version)")),
            "previous": ("‹", self.tr("Previous version")),
            "next": ("›", self.tr("Next version")),
            "delete": (self.tr("Delete"), self.tr("Delete this message and what follows it")),
        }
        for name, (text, tip) in texts.items():
            b = self.buttons[name]
            b.setText(text)
            b.setToolTip(tip)
            b.setAccessibleName(tip if name in ("previous", "next") else text)
            b.setAccessibleDescription(tip)
        self.version.setAccessibleName(self.tr("Version"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def show_for(self, item: MessageItem, busy: bool) -> None:
        b = self.buttons
        b["regenerate"].setVisible(item.role == "assistant")
        b["edit"].setVisible(item.role == "user")
        many = item.sibling_count > 1
        b["previous"].setVisible(many)
        b["next"].setVisible(many)
        self.version.setVisible(many)
        self.version.setText(f"{item.sibling_index + 1}/{item.sibling_count}")
        b["previous"].setEnabled(not busy and item.sibling_index > 0)
        b["next"].setEnabled(not busy and item.sibling_index + 1 < item.sibling_count)
        for name in ("regenerate", "edit", "delete"):
            b[name].setEnabled(not busy and item.status != "streaming")
        self.adjustSize()


class TranscriptView(QAbstractScrollArea):
    """Shows a list of ``MessageItem``; emits what the user asks for, never touches the store."""

    linkActivated = Signal(str)  # an external link the user clicked (still to be confirmed)
    actionRequested = Signal(str, str)  # action name, message id
    olderWanted = Signal()
    codeCopied = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcript")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setMouseTracking(True)
        self.items: list[MessageItem] = []
        self._index: dict[str, int] = {}
        self._heights: list[int] = []
        self._measured: list[int] = []  # width each height was measured at (-1: estimate)
        self._offsets: list[int] = [0]
        self._docs: OrderedDict[str, tuple[int, int, SafeDocument, tuple[str, ...]]] = OrderedDict()
        self._dirty: set[str] = set()
        self._streams: dict[str, tuple[list[str], list[int]]] = {}  # streaming rows: part keys, ends
        self._changed_from: dict[str, float] = {}  # streaming rows: document y where the change begins
        self._shown: dict[str, list[int]] = {}  # streaming rows: [content, reasoning] lengths rendered
        self.fast_append = True  # benchmarks switch it off to measure the Markdown re-render
        self._part_cache: dict[tuple[str, int], tuple[str, tuple[str, ...]]] = {}  # finished paragraphs
        self._current = -1
        self._hover = -1
        self._follow = True
        self._programmatic = False
        self._blit = False
        self.has_older = False
        self._older_pending = False
        self.busy = False
        self.labels = Labels()
        self._nonce = new_nonce()  # marks the anchors this view renders (see markdown_render)
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
        self.labels = Labels(
            copy_code=self.tr("Copy code"),
            thinking=self.tr("Thinking…"),
            thinking_done=self.tr("Thinking (%1 s)"),
            image=self.tr("Image not loaded: %1"),
            seconds=_seconds_formatter(locale_for()),
        )
        self._you = self.tr("You")
        self._assistant = self.tr("Assistant")
        self._notes = {
            "cancelled": self.tr("Stopped. The text so far is kept."),
            "interrupted": self.tr("Interrupted: the application closed while this reply was written."),
            "error": self.tr("The reply failed: %1"),
        }
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
        self._new_nonce()
        self._docs.clear()
        self._streams.clear()
        self._shown.clear()
        self._dirty.clear()
        self._heights = [self._estimate(it) for it in self.items]
        self._measured = [-1] * len(self.items)
        self._rebuild_offsets(0)
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
        self._heights[0:0] = added
        self._measured[0:0] = [-1] * len(items)
        if self._current >= 0:
            self._current += len(items)
        self._reindex()
        self._rebuild_offsets(0)
        bar = self.verticalScrollBar()
        value = bar.value() + sum(added)
        self._sync_scrollbar()
        self._set_scroll(value)

    def append_item(self, item: MessageItem) -> None:
        self.items.append(item)
        self._index[item.id] = len(self.items) - 1
        self._heights.append(self._estimate(item))
        self._measured.append(-1)
        self._offsets.append(self._offsets[-1] + self._heights[-1])
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
        del self._heights[keep:]
        del self._measured[keep:]
        del self._offsets[keep + 1:]
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
        who = self._you if it.role == "user" else self._assistant
        self.setAccessibleDescription(f"{who}: {it.content[:500]}")
        self._place_actions()
        self.viewport().update()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._place_actions()

    def doc_for(self, message_id: str) -> SafeDocument | None:
        i = self._index.get(message_id)
        return None if i is None else self._document(i)[0]

    def invalidate(self) -> None:
        """Fonts, colours or language changed: every row is re-rendered and re-measured lazily."""
        if not hasattr(self, "_docs"):
            return
        self._new_nonce()
        self._docs.clear()
        self._streams.clear()
        self._shown.clear()
        self._part_cache.clear()
        self._measured = [-1] * len(self.items)
        self._relayout()

    def _new_nonce(self) -> None:
        """Every document is about to be rendered again: anchors of the old ones stop working."""
        self._nonce = new_nonce()
        self._part_cache.clear()

    # -- geometry ------------------------------------------------------------------------------
    def _reindex(self) -> None:
        self._index = {it.id: i for i, it in enumerate(self.items)}

    def _rebuild_offsets(self, start: int) -> None:
        del self._offsets[start + 1:]
        total = self._offsets[start]
        for h in self._heights[start:]:
            total += h
            self._offsets.append(total)

    def _set_height(self, i: int, h: int) -> None:
        if self._heights[i] == h:
            return
        delta = h - self._heights[i]
        self._heights[i] = h
        if i == len(self._heights) - 1:
            self._offsets[-1] += delta  # the streaming row: O(1)
        else:
            self._rebuild_offsets(i)

    def _doc_width(self) -> int:
        return max(120, self.viewport().width() - 2 * MARGIN - 2 * PAD)

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

    def _html(self, it: MessageItem) -> tuple[str, tuple[str, ...]]:
        colours = self._colours()
        who = self._you if it.role == "user" else self._assistant
        parts = [f'<p style="margin:0"><b>{who}</b></p>']
        blocks: tuple[str, ...] = ()
        if it.role == "assistant":
            if it.reasoning:
                parts.append(render_thinking(it.reasoning, expanded=it.thinking_open, seconds=it.thinking_s,
                                             labels=self.labels, colours=colours, nonce=self._nonce))
            rendered = render_markdown(it.content, self.labels, colours, nonce=self._nonce)
            parts.append(rendered.html)
            blocks = rendered.code_blocks
        else:
            parts.append(plain_escape(it.content))
        note = self._notes.get(it.status)
        if note:  # the error text comes from outside (a server's body): always plain text
            note = note.replace("%1", it.error or "")
            parts.append(f'<p style="color:{colours.muted}"><i>{html.escape(note)}</i></p>')
        return "".join(parts), blocks

    def _segments(self, it: MessageItem) -> tuple[list[tuple[str, str]], tuple[str, ...]]:
        """A streaming reply as (key, html) parts; a part whose key is unchanged is kept as is."""
        colours = self._colours()
        segs = [("head", f'<p style="margin:0"><b>{self._assistant}</b></p>')]
        if it.reasoning:
            opened = it.thinking_open
            segs.append((f"think:{opened}:{it.thinking_s}", render_thinking(
                "", expanded=False, seconds=it.thinking_s, labels=self.labels, colours=colours, nonce=self._nonce
            ).replace("▸", "▾" if opened else "▸")))
            if opened:
                segs.extend((f"r:{p}", reasoning_html(p, colours)) for p in it.reasoning.split("\n\n") if p.strip())
        blocks: list[str] = []
        cache = self._part_cache
        for part in split_blocks(it.content):
            key = (part, len(blocks))
            hit = cache.get(key)
            if hit is None:
                rendered = render_markdown(part, self.labels, colours, code_offset=len(blocks), nonce=self._nonce)
                hit = cache[key] = (rendered.html, rendered.code_blocks)
                if len(cache) > 4096:
                    cache.clear()
            blocks.extend(hit[1])
            segs.append((f"c:{part}", hit[0]))
        note = self._notes.get(it.status)
        if note:
            note = note.replace("%1", it.error or "")
            segs.append((f"note:{note}", f'<p style="color:{colours.muted}"><i>{html.escape(note)}</i></p>'))
        return segs, tuple(blocks)

    def _stream_document(self, i: int) -> tuple[SafeDocument, tuple[str, ...]]:
        """Update a streaming reply in place: only the parts that changed (usually the last
        paragraph) are replaced, so the cost does not grow with the reply or the conversation."""
        it = self.items[i]
        width = self._doc_width()
        cached = self._docs.get(it.id)
        state = self._streams.get(it.id)
        if cached is None or state is None:
            doc = SafeDocument()
            doc.setDefaultFont(self.font())
            doc.setDocumentMargin(0)
            doc.setTextWidth(width)
            state = ([], [])
            self._streams[it.id] = state
        else:
            doc = cached[2]
            if cached[1] != width:
                doc.setTextWidth(width)
        keys, ends = state
        shown = self._shown.setdefault(it.id, [0, 0])
        if cached is not None and self._append_plain(it, doc, keys, ends, shown):
            self._docs[it.id] = (it.version, width, doc, cached[3])
            self._docs.move_to_end(it.id)
            return doc, cached[3]
        shown[0], shown[1] = len(it.content), len(it.reasoning)
        segs, blocks = self._segments(it)
        k = 0
        while k < len(keys) and k < len(segs) and keys[k] == segs[k][0]:
            k += 1
        changed_from = 0.0
        if k and k == len(keys) == len(segs):
            changed_from = doc.size().height()  # nothing changed in the text
        elif k:
            block = doc.findBlock(ends[k - 1])  # the last block that stays as it is
            changed_from = max(0.0, doc.documentLayout().blockBoundingRect(block).bottom())
        self._changed_from[it.id] = changed_from
        if k < len(keys) or k < len(segs):
            cursor = QTextCursor(doc)
            cursor.setPosition(ends[k - 1] if k else 0)
            cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            del keys[k:]
            del ends[k:]
            for key, markup in segs[k:]:
                if cursor.position() > 0:
                    cursor.insertBlock()
                cursor.insertHtml(markup.rstrip())  # a trailing newline would become a space
                keys.append(key)
                ends.append(cursor.position())
        self._docs[it.id] = (it.version, width, doc, blocks)
        self._docs.move_to_end(it.id)
        return doc, blocks

    def _append_plain(self, it: MessageItem, doc: SafeDocument, keys: list[str], ends: list[int],
                      shown: list[int]) -> bool:
        """The cheap path for the common update: a few words added to the last paragraph.

        The words are appended to the document as plain text: no Markdown run, no HTML parse, no
        other block touched. Taken only when Markdown would render them as that same plain text
        in the same format: no line break, no markup or escape character, no whitespace at either
        end of the join (Markdown drops trailing whitespace), the shown text ending with the same
        character as its source (so the last format is not a closed span's), no code block,
        table or link definition. The paragraph is still rendered as Markdown again at its next
        full update (keys marked ``~``), e.g. when it ends.
        """
        if not self.fast_append or it.status != "streaming" or not keys:
            return False
        n = len(keys) - 1
        if keys[n] == "c:" and n > 0 and not it.content:
            n -= 1  # while the reasoning streams, the (empty) answer part follows it
        last = keys[n].removeprefix("~")
        if last.startswith("c:") and len(it.reasoning) == shown[1]:
            source, delta, old = it.content, it.content[shown[0]:], last[2:]
        elif last.startswith("r:") and not it.content and it.thinking_open:
            source, delta, old = it.reasoning, it.reasoning[shown[1]:], last[2:]
        else:
            return False
        if not delta or not old or old[-1].isspace() or delta[-1].isspace() or not _MARKUP.isdisjoint(delta):
            return False
        if not source.endswith(old + delta):
            return False  # something in between (a paragraph break) that the part does not show
        if last.startswith("c:"):
            old_line = old.rsplit("\n", 1)[-1]
            if (_FENCE_OR_TABLE.search(old) or old.lstrip().startswith("[")
                    or (not _NUMBERED.match(old_line) and _NUMBERED.match(old_line + delta))):
                return False
        block = doc.findBlock(ends[n])
        if block.length() == 1 and block.previous().isValid():
            block = block.previous()  # the empty block Qt keeps after a table (the Thinking text)
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        if not block.text().endswith(old[-1]) or cursor.charFormat().isAnchor():
            return False  # the shown text does not end where the source does (markup, a link)
        # Appending changes the last line of the block and whatever wraps below it.
        top = doc.documentLayout().blockBoundingRect(block).top()
        lines = block.layout().lineCount() if block.layout() is not None else 0
        if lines:
            top += block.layout().lineAt(lines - 1).y()
        self._changed_from[it.id] = max(0.0, top)
        size = doc.characterCount()
        cursor.insertText(delta)
        keys[n] = "~" + last + delta  # "~": built by appending; rendered again at the next full update
        for j in range(n, len(ends)):
            ends[j] += doc.characterCount() - size
        shown[0], shown[1] = len(it.content), len(it.reasoning)
        return True

    def _document(self, i: int) -> tuple[SafeDocument, tuple[str, ...]]:
        it = self.items[i]
        width = self._doc_width()
        cached = self._docs.get(it.id)
        live = it.status == "streaming" or it.id in self._streams
        if live and it.role == "assistant" and (cached is None or cached[0] != it.version):
            # Also when the reply has just finished: collapsing the Thinking section and adding
            # the status note change a few parts, not the whole (possibly long) reply.
            return self._stream_document(i)
        if cached is not None and cached[0] == it.version:
            doc, blocks = cached[2], cached[3]
            if cached[1] != width:
                doc.setTextWidth(width)
                self._docs[it.id] = (it.version, width, doc, blocks)
            self._docs.move_to_end(it.id)
            return doc, blocks
        if cached is not None:
            doc = cached[2]
        else:
            doc = SafeDocument()
            doc.setDefaultFont(self.font())
            doc.setDocumentMargin(0)
        markup, blocks = self._html(it)
        doc.setHtml(markup)
        doc.setTextWidth(width)
        self._docs[it.id] = (it.version, width, doc, blocks)
        self._docs.move_to_end(it.id)
        while len(self._docs) > DOC_CACHE:
            self._docs.popitem(last=False)
        return doc, blocks

    def _measure(self, i: int) -> None:
        doc, _ = self._document(i)
        h = int(doc.size().height()) + 2 * PAD + FOOTER + GAP
        self._measured[i] = self._doc_width()
        self._set_height(i, h)

    def _visible_range(self) -> range:
        if not self.items:
            return range(0)
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        first = max(0, bisect.bisect_right(self._offsets, top) - 1)
        last = min(len(self.items), bisect.bisect_left(self._offsets, bottom) + 1)
        return range(first, last)

    def _relayout(self) -> None:
        """Measure the rows in view (they may grow or shrink, which can bring others into view)."""
        width = self._doc_width()
        for _ in range(4):
            changed = False
            for i in self._visible_range():
                if self._measured[i] != width:
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
        bar.setRange(0, max(0, self._offsets[-1] - vh))
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
        top = self._offsets[i]
        bottom = self._offsets[i + 1]
        bar = self.verticalScrollBar()
        vh = self.viewport().height()
        if top < bar.value():
            bar.setValue(top)
        elif bottom > bar.value() + vh:
            bar.setValue(min(top, bottom - vh))

    def row_rect(self, i: int) -> QRect:
        y = self._offsets[i] - self.verticalScrollBar().value()
        return QRect(MARGIN, y, self.viewport().width() - 2 * MARGIN, self._heights[i] - GAP)

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
        if any(self._measured[i] != width for i in self._visible_range()):
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
        heights = [self._heights[i] for i in rows]
        for i in rows:
            self._changed_from.pop(self.items[i].id, None)
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
                top = rect.y() + PAD + int(self._changed_from.pop(self.items[i].id, 0.0)) - 2
                bottom = rect.bottom() + GAP if self._heights[i] >= old_height else vp.height()
                vp.update(QRect(0, max(rect.y() - 2, top), vp.width(), bottom - max(rect.y() - 2, top) + 1))
            elif self._heights[i] != old_height:
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
            doc, _ = self._document(i)
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
        self.actions_bar.show_for(self.items[i], self.busy)
        rect = self.row_rect(i)
        size: QSize = self.actions_bar.sizeHint()
        x = rect.right() - size.width() - PAD
        y = rect.bottom() - FOOTER + PAD + (FOOTER - PAD - size.height()) // 2
        self.actions_bar.setGeometry(max(rect.x(), x), y, size.width(), size.height())
        self.actions_bar.show()

    def _action(self, name: str) -> None:
        i = self._actions_row()
        if i < 0:
            return
        it = self.items[i]
        if name == "copy":
            QGuiApplication.clipboard().setText(it.content)
        self.actionRequested.emit(name, it.id)

    # -- input ---------------------------------------------------------------------------------
    def _row_at(self, y: int) -> int:
        pos = y + self.verticalScrollBar().value()
        i = bisect.bisect_right(self._offsets, pos) - 1
        return i if 0 <= i < len(self.items) else -1

    def _anchor_at(self, pos: QPoint) -> tuple[int, str]:
        i = self._row_at(pos.y())
        if i < 0:
            return -1, ""
        rect = self.row_rect(i)
        doc, _ = self._document(i)
        local = QPoint(pos.x() - rect.x() - PAD, pos.y() - rect.y() - PAD)
        return i, doc.documentLayout().anchorAt(local)

    def activate_anchor(self, i: int, anchor: str) -> None:
        """Act on an anchor under the mouse: the view's own (current nonce), or an external link
        to confirm. Any other ``bauhinia:`` anchor — one the text wrote itself — does nothing."""
        it = self.items[i]
        own = parse_own_anchor(anchor, self._nonce)
        if own is None:
            if not is_own_scheme(anchor):
                self.linkActivated.emit(anchor)
            return
        action, arg = own
        if action == TOGGLE_THINKING:
            it.expanded = not it.thinking_open
            it.version += 1
            self._measure(i)
            self._sync_scrollbar()
            self._place_actions()
            self.viewport().update()
        elif action == COPY_CODE and arg.isdigit():
            _, blocks = self._document(i)
            n = int(arg)
            if 0 <= n < len(blocks):
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
