"""One transcript message as HTML: whole, or as keyed segments for a streaming reply. No Qt here.

``MessageHtml.full`` renders a message in one piece. ``MessageHtml.segments`` splits a reply into
parts (heading, Thinking header, reasoning paragraphs, Markdown blocks of the answer, status note),
each with a key that changes exactly when its HTML does, so the streaming document replaces only
the parts whose key changed. Finished Markdown blocks are rendered once and kept in a cache keyed
by their text and the number of code blocks before them (their copy anchors count from there).

Text from outside (a reply, a server's error body) is never markup: Markdown is rendered with raw
HTML escaped, user prompts and status notes are escaped, and the view's own anchors carry the
current nonce (see ``markdown_render``).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from app.ui.citation_html import sources_html
from app.ui.markdown_render import (
    Colours,
    Labels,
    new_nonce,
    plain_escape,
    reasoning_html,
    render_markdown,
    render_thinking,
    split_blocks,
)
from app.ui.message_attachments_html import attachments_html
from app.ui.term_check_view import term_check_html, term_check_key

PART_CACHE = 4096  # rendered Markdown blocks kept (the cache is emptied when it grows past this)


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
    #: A reply's glossary term check (``TermCheck`` items; stored ones on reopen), shown under it.
    terms: tuple[object, ...] = ()
    #: A reply's numbered sources (``app.documents.retrieval.Source``), shown under it.
    sources: tuple[Any, ...] = ()
    #: A prompt's attached files (name, pages, tokens; ``StoredAttachment`` or ``AttachmentRef``).
    attachments: tuple[Any, ...] = ()

    @classmethod
    def from_record(cls, rec: object) -> MessageItem:
        r = rec  # MessageRecord; typed loosely so this module does not import the store
        return cls(
            id=r.id, role=r.role, content=r.content, reasoning=r.reasoning,  # type: ignore[attr-defined]
            status=r.status, parent_id=r.parent_id,  # type: ignore[attr-defined]
            sibling_index=r.sibling_index, sibling_count=r.sibling_count,  # type: ignore[attr-defined]
            error=r.error,  # type: ignore[attr-defined]
            terms=tuple(getattr(r, "term_check", ()) or ()),  # schema v5
            sources=tuple(getattr(r, "citations", ()) or ()),  # file and page (schema v5), no excerpt
            attachments=tuple(getattr(r, "attachments", ()) or ()),  # names and sizes, never text
        )

    @property
    def thinking_open(self) -> bool:
        if self.expanded is not None:
            return self.expanded
        return self.status == "streaming" and not self.content


@dataclass(frozen=True)
class Texts:
    """The view's translated words (the view supplies them; this module translates nothing)."""

    you: str = "You"
    assistant: str = "Assistant"
    notes: Mapping[str, str] = field(default_factory=dict)  # status → note; "%1" is the error text


class Segment(NamedTuple):
    """One part of a streaming reply's document."""

    key: str  # changes exactly when ``html`` does
    html: str


class PartKey(NamedTuple):
    text: str  # one Markdown block of the answer
    code_offset: int  # code blocks before it in the reply (its copy anchors count from here)


class RenderedPart(NamedTuple):
    html: str
    code_blocks: tuple[str, ...]  # the code of each fenced block, in order (for "Copy code")


class MessageHtml:
    """Renders messages with the current labels, texts and anchor nonce; caches Markdown blocks."""

    def __init__(self) -> None:
        self.labels = Labels()
        self.texts = Texts()
        self.nonce = new_nonce()  # marks the anchors rendered now (see markdown_render)
        self.parts: dict[PartKey, RenderedPart] = {}

    def new_nonce(self) -> None:
        """Every document is about to be rendered again: anchors of the old ones stop working."""
        self.nonce = new_nonce()
        self.parts.clear()

    def _head(self, it: MessageItem) -> str:
        who = self.texts.you if it.role == "user" else self.texts.assistant
        return f'<p style="margin:0"><b>{who}</b></p>'

    def note(self, it: MessageItem) -> str:
        """The status note's text ("" when the status has none)."""
        note = self.texts.notes.get(it.status)
        return note.replace("%1", it.error or "") if note else ""

    @staticmethod
    def _note_html(note: str, colours: Colours) -> str:
        # The error text comes from outside (a server's body): always plain text.
        return f'<p style="color:{colours.muted}"><i>{html.escape(note)}</i></p>'

    def full(self, it: MessageItem, colours: Colours) -> RenderedPart:
        """The whole message in one piece."""
        parts = [self._head(it)]
        blocks: tuple[str, ...] = ()
        if it.role == "assistant":
            if it.reasoning:
                parts.append(render_thinking(it.reasoning, expanded=it.thinking_open, seconds=it.thinking_s,
                                             labels=self.labels, colours=colours, nonce=self.nonce))
            rendered = render_markdown(it.content, self.labels, colours, nonce=self.nonce)
            parts.append(rendered.html)
            blocks = rendered.code_blocks
        else:
            parts.append(plain_escape(it.content))
            parts.append(attachments_html(it.attachments, colours))
        parts.append(sources_html(it.sources, colours, self.nonce))
        parts.append(term_check_html(it.terms, colours))
        note = self.note(it)
        if note:
            parts.append(self._note_html(note, colours))
        return RenderedPart("".join(parts), blocks)

    def segments(self, it: MessageItem, colours: Colours) -> tuple[list[Segment], tuple[str, ...]]:
        """A streaming reply as keyed parts, and the code of its fenced blocks."""
        segs = [Segment("head", self._head(it))]
        if it.reasoning:
            opened = it.thinking_open
            header = render_thinking("", expanded=False, seconds=it.thinking_s, labels=self.labels,
                                     colours=colours, nonce=self.nonce)
            segs.append(Segment(f"think:{opened}:{it.thinking_s}", header.replace("▸", "▾" if opened else "▸")))
            if opened:
                segs.extend(Segment(f"r:{p}", reasoning_html(p, colours))
                            for p in it.reasoning.split("\n\n") if p.strip())
        blocks: list[str] = []
        for text in split_blocks(it.content):
            part = self._part(PartKey(text, len(blocks)), colours)
            blocks.extend(part.code_blocks)
            segs.append(Segment(f"c:{text}", part.html))
        if it.sources:
            segs.append(Segment(f"src:{len(it.sources)}", sources_html(it.sources, colours, self.nonce)))
        if it.terms:
            segs.append(Segment(term_check_key(it.terms), term_check_html(it.terms, colours)))
        note = self.note(it)
        if note:
            segs.append(Segment(f"note:{note}", self._note_html(note, colours)))
        return segs, tuple(blocks)

    def _part(self, key: PartKey, colours: Colours) -> RenderedPart:
        hit = self.parts.get(key)
        if hit is None:
            rendered = render_markdown(key.text, self.labels, colours, code_offset=key.code_offset,
                                       nonce=self.nonce)
            hit = self.parts[key] = RenderedPart(rendered.html, rendered.code_blocks)
            if len(self.parts) > PART_CACHE:
                self.parts.clear()
        return hit
