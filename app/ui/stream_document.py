"""The transcript's documents: one ``QTextDocument`` per message, kept in a bounded LRU cache.

A finished message is rendered whole. A streaming reply is updated in place: its document is a
sequence of keyed segments (``MessageHtml.segments``) and only the segments whose key changed —
usually the last paragraph — are replaced, so the cost of a token does not grow with the reply.
Cheaper still, plain words added to the last paragraph are appended as text, with no Markdown run
and no HTML parse, when Markdown would render them as that same text (``_append_plain``). Either
way the document equals a full Markdown re-render of the segments at every step.

Qt GUI classes only (no widgets): the view supplies the font, colours and width.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont, QTextCursor, QTextDocument

from app.ui.markdown_render import Colours
from app.ui.message_html import MessageHtml, MessageItem

DOC_CACHE = 300  # documents kept (least recently used dropped first)
# Appended text containing any of these could change the Markdown structure or need escaping.
_MARKUP = frozenset("*_`[]<>!#|~\\&;$=-+\n\r\t")
_NUMBERED = re.compile(r"^\s{0,3}\d+[.)]")
_FENCE_OR_TABLE = re.compile(r"^(\s{4}|\t)|```|~~~|\|", re.MULTILINE)
_APPENDED = "~"  # key prefix of a segment grown by appending (rendered again at the next full update)


class SafeDocument(QTextDocument):
    """A rich-text document that never loads anything: no file, no network, no image."""

    def __init__(self) -> None:
        super().__init__()
        self.blocked: list[str] = []

    def loadResource(self, type: int, name: QUrl | str) -> object:
        self.blocked.append(name.toString() if isinstance(name, QUrl) else str(name))
        return None


class CachedDoc(NamedTuple):
    """A message's document as last rendered."""

    version: int  # ``MessageItem.version`` it shows
    width: int  # text width it is laid out at
    doc: SafeDocument
    code_blocks: tuple[str, ...]  # the code of each fenced block (for "Copy code")


@dataclass
class StreamState:
    """What a streaming reply's document holds, segment by segment."""

    keys: list[str] = field(default_factory=list)  # key of each segment, in order
    ends: list[int] = field(default_factory=list)  # document position where each segment ends
    shown_content: int = 0  # length of the answer the document shows
    shown_reasoning: int = 0  # length of the reasoning the document shows


class MessageDocuments:
    """Documents for the view's messages; renders lazily, re-renders only what changed."""

    def __init__(self, font: Callable[[], QFont], colours: Callable[[], Colours], capacity: int = DOC_CACHE) -> None:
        self.font = font
        self.colours = colours
        self.capacity = capacity
        self.html = MessageHtml()
        self.entries: OrderedDict[str, CachedDoc] = OrderedDict()
        self.streams: dict[str, StreamState] = {}  # replies updated in place
        self.changed_from: dict[str, float] = {}  # streaming replies: document y where the last change begins
        self.fast_append = True  # benchmarks and tests switch it off to measure the Markdown re-render

    def clear(self) -> None:
        """Forget every document (the messages were replaced)."""
        self.entries.clear()
        self.streams.clear()
        self.changed_from.clear()

    def reset(self) -> None:
        """Everything is rendered anew, with a new anchor nonce (fonts, colours, language, messages)."""
        self.html.new_nonce()
        self.clear()

    def take_changed_from(self, message_id: str) -> float:
        """Where the last update of a streaming reply began (document y; 0.0: unknown, all of it)."""
        return self.changed_from.pop(message_id, 0.0)

    def document(self, it: MessageItem, width: int) -> CachedDoc:
        """The document showing ``it`` at ``width``: cached, updated in place, or rendered."""
        cached = self.entries.get(it.id)
        live = it.status == "streaming" or it.id in self.streams
        if live and it.role == "assistant" and (cached is None or cached.version != it.version):
            # Also when the reply has just finished: collapsing the Thinking section and adding
            # the status note change a few parts, not the whole (possibly long) reply.
            return self._stream_document(it, width)
        if cached is not None and cached.version == it.version:
            if cached.width != width:
                cached.doc.setTextWidth(width)
                cached = cached._replace(width=width)
            return self._keep(it.id, cached)
        doc = cached.doc if cached is not None else self._new_document()
        rendered = self.html.full(it, self.colours())
        doc.setHtml(rendered.html)
        doc.setTextWidth(width)
        return self._keep(it.id, CachedDoc(it.version, width, doc, rendered.code_blocks))

    def _new_document(self) -> SafeDocument:
        doc = SafeDocument()
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(0)
        return doc

    def _keep(self, message_id: str, entry: CachedDoc) -> CachedDoc:
        self.entries[message_id] = entry
        self.entries.move_to_end(message_id)
        while len(self.entries) > self.capacity:
            self.entries.popitem(last=False)
        return entry

    def _stream_document(self, it: MessageItem, width: int) -> CachedDoc:
        """Update a streaming reply in place: only the segments that changed are replaced."""
        cached = self.entries.get(it.id)
        state = self.streams.get(it.id)
        if cached is None or state is None:
            doc = self._new_document()
            doc.setTextWidth(width)
            state = self.streams[it.id] = StreamState()
        else:
            doc = cached.doc
            if cached.width != width:
                doc.setTextWidth(width)
        if cached is not None and self._append_plain(it, doc, state):
            return self._keep(it.id, CachedDoc(it.version, width, doc, cached.code_blocks))
        state.shown_content, state.shown_reasoning = len(it.content), len(it.reasoning)
        segs, blocks = self.html.segments(it, self.colours())
        keys, ends = state.keys, state.ends
        k = 0  # segments [0, k) stay as they are
        while k < len(keys) and k < len(segs) and keys[k] == segs[k].key:
            k += 1
        changed_from = 0.0
        if k and k == len(keys) == len(segs):
            changed_from = doc.size().height()  # nothing changed in the text
        elif k:
            block = doc.findBlock(ends[k - 1])  # the last block that stays as it is
            changed_from = max(0.0, doc.documentLayout().blockBoundingRect(block).bottom())
        self.changed_from[it.id] = changed_from
        if k < len(keys) or k < len(segs):
            cursor = QTextCursor(doc)
            cursor.setPosition(ends[k - 1] if k else 0)
            cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            del keys[k:]
            del ends[k:]
            for seg in segs[k:]:
                if cursor.position() > 0:
                    cursor.insertBlock()
                cursor.insertHtml(seg.html.rstrip())  # a trailing newline would become a space
                keys.append(seg.key)
                ends.append(cursor.position())
        return self._keep(it.id, CachedDoc(it.version, width, doc, blocks))

    def _append_plain(self, it: MessageItem, doc: SafeDocument, state: StreamState) -> bool:
        """The cheap path for the common update: a few words added to the last paragraph.

        The words are appended to the document as plain text: no Markdown run, no HTML parse, no
        other block touched. Taken only when Markdown would render them as that same plain text
        in the same format: no line break, no markup or escape character, no whitespace at either
        end of the join (Markdown drops trailing whitespace) nor a run of spaces (HTML shows one),
        the shown text ending with the same character as its source (so the last format is not a
        closed span's) in a block of this segment, no code block, table or link definition, no
        ")" that may close a link. The paragraph is still rendered as Markdown again at its next
        full update (keys marked ``~``), e.g. when it ends.
        """
        keys, ends = state.keys, state.ends
        if not self.fast_append or it.status != "streaming" or not keys:
            return False
        n = len(keys) - 1
        if keys[n] == "c:" and n > 0 and not it.content:
            n -= 1  # while the reasoning streams, the (empty) answer part follows it
        last = keys[n].removeprefix(_APPENDED)
        if last.startswith("c:") and len(it.reasoning) == state.shown_reasoning:
            source, delta, old = it.content, it.content[state.shown_content:], last[2:]
        elif last.startswith("r:") and not it.content and it.thinking_open:
            source, delta, old = it.reasoning, it.reasoning[state.shown_reasoning:], last[2:]
        else:
            return False
        if not delta or not old or old[-1].isspace() or delta[-1].isspace() or not _MARKUP.isdisjoint(delta):
            return False
        if "  " in delta:
            return False  # HTML shows a run of spaces as one; appended text would keep them all
        if not source.endswith(old + delta):
            return False  # something in between (a paragraph break) that the part does not show
        if last.startswith("c:"):
            old_line = old.rsplit("\n", 1)[-1]
            if (_FENCE_OR_TABLE.search(old) or old.lstrip().startswith("[")
                    or (")" in delta and "[" in old)  # it may close an inline link
                    or (not _NUMBERED.match(old_line) and _NUMBERED.match(old_line + delta))):
                return False
        block = doc.findBlock(ends[n])
        start = ends[n - 1] + 1 if n else 0  # where the segment's first block begins
        if block.length() == 1 and block.previous().isValid() and block.previous().position() >= start:
            # The empty block Qt keeps after a table (the Thinking text). Only within the segment:
            # a segment that shows nothing (an empty list item, "1.") must not grow the one above.
            block = block.previous()
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        if not block.text().endswith(old[-1]) or cursor.charFormat().isAnchor():
            return False  # the shown text does not end where the source does (markup, a link)
        # Appending changes the last line of the block and whatever wraps below it.
        top = doc.documentLayout().blockBoundingRect(block).top()
        lines = block.layout().lineCount() if block.layout() is not None else 0
        if lines:
            top += block.layout().lineAt(lines - 1).y()
        self.changed_from[it.id] = max(0.0, top)
        size = doc.characterCount()
        cursor.insertText(delta)
        keys[n] = _APPENDED + last + delta
        for j in range(n, len(ends)):
            ends[j] += doc.characterCount() - size
        state.shown_content, state.shown_reasoning = len(it.content), len(it.reasoning)
        return True
