"""Byte-level BPE vocabularies for generated diagnostic models.

The vocabulary mirrors what DeepSeek-derived GGUF files carry (GPT-2 byte-to-unicode token text,
BPE merges, the DeepSeek special tokens) so llama.cpp tokenizes and detokenizes it the same way.
On top of that, a *scripted* model gets one dedicated token per position of its output chain: the
model is a bigram table, so every chain position needs its own vocabulary entry.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cache

from engine.chat_formats import ASSISTANT, BOS, EOS, THINK_CLOSE, THINK_OPEN, USER


class TokenType(IntEnum):
    """GGUF ``tokenizer.ggml.token_type`` values (llama.cpp's ``llama_token_type``)."""

    NORMAL = 1
    CONTROL = 3
    USER_DEFINED = 4
    UNUSED = 5


#: Token types as real R1 GGUF conversions assign them: ``<｜…｜>`` markers are CONTROL (never
#: printed), ``<think>``/``</think>`` are USER_DEFINED (printed, so the reasoning split is visible).
SPECIAL_TOKEN_TYPES: dict[str, TokenType] = {
    BOS: TokenType.CONTROL,
    EOS: TokenType.CONTROL,
    USER: TokenType.CONTROL,
    ASSISTANT: TokenType.CONTROL,
    THINK_OPEN: TokenType.USER_DEFINED,
    THINK_CLOSE: TokenType.USER_DEFINED,
}

#: A few English merges: llama.cpp refuses a BPE vocabulary without merges, and they make English
#: prompts tokenize into fewer, more realistic pieces.
BASE_MERGES: tuple[tuple[str, str], ...] = (
    ("Ġ", "t"), ("h", "e"), ("i", "n"), ("Ġt", "he"), ("e", "r"), ("a", "n"), ("o", "n"), ("r", "e"),
)


@cache
def byte_to_unicode() -> dict[int, str]:
    """GPT-2's reversible byte → printable character map used by byte-level BPE token text."""
    printable = (
        list(range(ord("!"), ord("~") + 1))
        + list(range(ord("¡"), ord("¬") + 1))
        + list(range(ord("®"), ord("ÿ") + 1))
    )
    chars = printable[:]
    extra = 0
    for b in range(256):
        if b not in printable:
            printable.append(b)
            chars.append(256 + extra)
            extra += 1
    return {b: chr(c) for b, c in zip(printable, chars, strict=True)}


def encode_token_text(data: bytes) -> str:
    """The vocabulary text of a token that stands for ``data`` (byte-level BPE convention)."""
    table = byte_to_unicode()
    return "".join(table[b] for b in data)


@dataclass
class Vocab:
    """A vocabulary under construction; token texts are unique (llama.cpp asserts that)."""

    tokens: list[str] = field(default_factory=list)
    token_types: list[int] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)

    def add(self, text: str, token_type: TokenType = TokenType.NORMAL) -> int:
        if text in self.ids:
            raise ValueError(f"duplicate token text {text!r}")
        token_id = len(self.tokens)
        self.tokens.append(text)
        self.token_types.append(int(token_type))
        self.ids[text] = token_id
        return token_id

    def add_merge(self, left: str, right: str) -> int:
        """Record the merge ``left right`` and add its product as a token."""
        if left not in self.ids or right not in self.ids:
            raise ValueError(f"merge {left!r} + {right!r} uses unknown tokens")
        self.merges.append(f"{left} {right}")
        return self.add(left + right)

    def id_of(self, text: str) -> int:
        return self.ids[text]

    def __len__(self) -> int:
        return len(self.tokens)


def base_vocab() -> Vocab:
    """256 byte tokens (id == byte value), the base merges, then the DeepSeek special tokens."""
    vocab = Vocab()
    table = byte_to_unicode()
    for b in range(256):
        vocab.add(table[b])
    for left, right in BASE_MERGES:
        vocab.add_merge(left, right)
    for text, token_type in SPECIAL_TOKEN_TYPES.items():
        vocab.add(text, token_type)
    return vocab


def pad_vocab(vocab: Vocab, size: int) -> None:
    """Grow ``vocab`` to ``size`` entries with merges and letter-string tokens (realistic bulk).

    Used for real-proportion models, where it is the vocabulary *size* (embedding and output
    matrices, sampling cost) that matters, not what the tokens mean.
    """
    letters = "abcdefghijklmnopqrstuvwxyz"
    for a, b in itertools.product(letters, repeat=2):
        if len(vocab) >= size:
            return
        if a + b not in vocab.ids:
            vocab.add_merge(a, b)
    for a in letters:
        if len(vocab) >= size:
            return
        if "Ġ" + a not in vocab.ids:
            vocab.add_merge("Ġ", a)
    for length in (3, 4, 5):
        for combo in itertools.product(letters, repeat=length):
            for prefix in ("", "Ġ"):
                if len(vocab) >= size:
                    return
                text = prefix + "".join(combo)
                if text not in vocab.ids:
                    vocab.add(text)
    raise ValueError(f"cannot pad a vocabulary to {size} entries")


def split_unique(data: bytes, taken: set[str], preferred: int = 2) -> list[bytes]:
    """Split ``data`` into chunks of at least 2 bytes whose token text is not in ``taken``.

    ``taken`` holds token texts (byte-level encoded) and grows by the chunks chosen here.
    Chunks prefer ``preferred`` bytes, so CJK characters (3 bytes in UTF-8) straddle token
    boundaries; a chunk is made longer when its text is already used (backtracking when the tail
    cannot be split), because every chain position must be its own vocabulary entry.
    """
    if len(data) == 1:
        raise ValueError("scripted texts must be empty or at least 2 bytes long")

    def size_for(attempt: int) -> int:
        """The attempt-th chunk size to try: ``preferred`` first, then 2, 3, … without it."""
        if attempt == 0:
            return preferred
        size = attempt + 1
        return size + 1 if size >= preferred else size

    chosen: list[bytes] = []
    chosen_texts: set[str] = set()
    attempts = [0]  # per open position: the next attempt number
    pos = 0
    while pos < len(data):
        remaining = len(data) - pos
        found = ""
        while True:
            size = size_for(attempts[-1])
            if size > remaining and attempts[-1] > 0:
                break
            attempts[-1] += 1
            if size < 2 or size > remaining or remaining - size == 1:
                continue
            text = encode_token_text(data[pos : pos + size])
            if text not in taken and text not in chosen_texts:
                found = text
                break
        if not found:  # dead end: give the previous chunk its next size
            attempts.pop()
            if not chosen:
                raise ValueError(f"cannot split {data!r} into unused chunks")
            last = chosen.pop()
            chosen_texts.discard(encode_token_text(last))
            pos -= len(last)
            continue
        chosen.append(data[pos : pos + size])
        chosen_texts.add(found)
        pos += size
        attempts.append(0)
    taken |= chosen_texts
    return chosen
