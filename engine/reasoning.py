"""Split a streamed DeepSeek reply into reasoning and answer text.

R1-style prompts end inside ``<think>\\n``, so the stream starts in the reasoning block with no
opening tag; other servers send ``<think>…</think>`` inline. Tags may be split across chunks, so a
possible tag prefix at the end of a chunk is held back until the next chunk decides it.
"""

from __future__ import annotations

from engine.events import ContentDelta, ReasoningDelta

THINK_OPEN = "<think>"
THINK_CLOSE = "</think>"

Delta = ContentDelta | ReasoningDelta


def _held_prefix_len(text: str, tag: str) -> int:
    """Length of the longest suffix of ``text`` that is a proper prefix of ``tag``."""
    for n in range(min(len(tag) - 1, len(text)), 0, -1):
        if text.endswith(tag[:n]):
            return n
    return 0


class ReasoningSplitter:
    """Incremental ``<think>`` splitter; ``feed`` + ``flush`` outputs concatenate to the input
    minus the tags (and minus the blank line DeepSeek puts between ``</think>`` and the answer)."""

    def __init__(self, starts_in_reasoning: bool) -> None:
        self.in_reasoning = starts_in_reasoning
        self.saw_reasoning = starts_in_reasoning
        self._pending = ""
        self._content_started = False

    def feed(self, text: str) -> list[Delta]:
        out: list[Delta] = []
        buf = self._pending + text
        self._pending = ""
        while buf:
            tag = THINK_CLOSE if self.in_reasoning else THINK_OPEN
            idx = buf.find(tag)
            if idx >= 0:
                self._emit(out, buf[:idx])
                buf = buf[idx + len(tag) :]
                if self.in_reasoning:
                    self.in_reasoning = False
                elif not self._content_started:
                    # Only an opening tag before any answer text starts a reasoning block.
                    self.in_reasoning = self.saw_reasoning = True
                else:
                    self._emit(out, tag)
                continue
            hold = _held_prefix_len(buf, tag)
            self._emit(out, buf[: len(buf) - hold])
            self._pending = buf[len(buf) - hold :]
            break
        return out

    def flush(self) -> list[Delta]:
        out: list[Delta] = []
        pending, self._pending = self._pending, ""
        self._emit(out, pending)
        return out

    def _emit(self, out: list[Delta], text: str) -> None:
        if not text:
            return
        if self.in_reasoning:
            out.append(ReasoningDelta(text))
            return
        if not self._content_started:
            # Drop the whitespace between </think> (or the stream start) and the answer.
            text = text.lstrip()
            if not text:
                return
            self._content_started = True
        out.append(ContentDelta(text))
