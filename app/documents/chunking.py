"""Split a document's pages into passages of about N tokens for retrieval, page numbers kept.

Tokens are estimated, not counted (no tokenizer is loaded to index a library): a CJK character
is about one token for the DeepSeek/Qwen vocabularies, other text about four characters a
token. Passages never cross a page, so each cites one page. A page is cut at paragraph ends
first, then at sentence ends (。！？；.!?;), and only a single over-long sentence at a fixed size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from app.documents.model import Page

_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|(?<=[.](?=\s))")
_LINE_END = re.compile(r"(?<=\n)")


def estimate_tokens(text: str) -> int:
    """Rough token count: CJK characters one each, other characters four to a token."""
    cjk = len(_CJK.findall(text))
    return cjk + (len(text) - cjk + 3) // 4


@dataclass(frozen=True)
class Passage:
    """``index`` is the passage's place in the document; ``start`` its offset in the page text."""

    page: int
    index: int
    start: int
    text: str
    tokens: int


def _units(text: str, target: int) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` pieces of at most ``target`` estimated tokens, cut where reading allows:
    paragraph ends (a blank line), then sentence ends, then line ends, then anywhere."""
    for paragraph in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        yield from _split(paragraph.start(), paragraph.group(), target, (_SENTENCE_END, _LINE_END))


def _split(offset: int, text: str, target: int, splitters: tuple[re.Pattern[str], ...]) -> Iterator[tuple[int, str]]:
    if estimate_tokens(text) <= target:
        yield offset, text
        return
    if not splitters:
        yield from _hard_split(offset, text, target)
        return
    for piece in splitters[0].split(text):
        if piece:
            yield from _split(offset, piece, target, splitters[1:])
            offset += len(piece)


def _hard_split(offset: int, text: str, target: int) -> Iterator[tuple[int, str]]:
    begin, tokens = 0, 0
    for position, char in enumerate(text):
        tokens += 4 if _CJK.match(char) else 1  # in quarter tokens
        if tokens > target * 4:
            yield offset + begin, text[begin:position]
            begin, tokens = position, (4 if _CJK.match(char) else 1)
    if begin < len(text):
        yield offset + begin, text[begin:]


def chunk_pages(pages: Iterable[Page], target_tokens: int = 256, overlap_tokens: int = 32) -> list[Passage]:
    """Passages of at most about ``target_tokens``; the last piece of a passage is repeated at
    the start of the next when it is no longer than ``overlap_tokens`` (context for retrieval)."""
    if target_tokens < 8:
        raise ValueError("target_tokens must be at least 8")
    passages: list[Passage] = []
    for page in pages:
        current: list[tuple[int, str]] = []
        size = 0
        for offset, piece in _units(page.text, target_tokens):
            piece_tokens = estimate_tokens(piece)
            if current and size + piece_tokens > target_tokens:
                passages.append(_passage(page.number, len(passages), page.text, current))
                last = current[-1]
                carried = estimate_tokens(last[1])
                keep = carried <= overlap_tokens and carried + piece_tokens <= target_tokens
                current, size = ([last], carried) if keep else ([], 0)
            current.append((offset, piece))
            size += piece_tokens
        if current:
            passages.append(_passage(page.number, len(passages), page.text, current))
    return passages


def _passage(page: int, index: int, page_text: str, pieces: list[tuple[int, str]]) -> Passage:
    start = pieces[0][0]
    end = pieces[-1][0] + len(pieces[-1][1])
    text = page_text[start:end].strip()
    return Passage(page=page, index=index, start=start, text=text, tokens=estimate_tokens(text))
