"""One conversation's KV state in an encrypted file, so the first reply after a restart restores
the cache instead of re-reading the whole conversation (issue 16 §3).

Why a file at all: re-evaluating a 2,759-token conversation takes about 25 s on a 2-core CPU; the
restore takes a fraction of a second (``bauhinia bench`` measures both). The state is derived from
the conversation, so it is written **only** encrypted and authenticated (AES-256-GCM,
``cryptography``) with a key the caller derives from the history key; a file that was changed,
truncated, swapped between models or written by another llama.cpp build is refused as a whole.

Layout (all integers little-endian)::

    MAGIC (8) | header length u32 | header (UTF-8 JSON, authenticated, not secret) | nonce (12)
    | AES-GCM( tokens as int32 × n_tokens || llama.cpp sequence state ) with the tag (16)

The reader is bounded like :mod:`engine.gguf_file`: the header is capped, the token count must fit
the context, the state must fit the caller's budget, and the file's length must be exactly what
the header says, before a byte is decrypted. Every failure is one :class:`KVFileError`.
"""

from __future__ import annotations

import json
import os
import stat
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from engine.kvcache import KVSnapshot

MAGIC = b"BHKVST1\n"
FORMAT_VERSION = 1
MAX_HEADER_BYTES = 4096
NONCE_BYTES = 12
TAG_BYTES = 16
_HKDF_INFO = b"bauhinia kv-state v1"


class KVFileError(Exception):
    """The kept KV state cannot be used (one line; the caller deletes the file and re-prefills)."""


@dataclass(frozen=True)
class KVFileHeader:
    """What the file says about itself; all of it is checked against the loaded model."""

    conversation_id: str
    model_sha256: str
    n_ctx: int
    build: str
    n_tokens: int
    state_bytes: int

    def to_json(self) -> bytes:
        return json.dumps({"v": FORMAT_VERSION, "conversation": self.conversation_id, "model_sha256": self.model_sha256,
                           "n_ctx": self.n_ctx, "build": self.build, "n_tokens": self.n_tokens,
                           "state_bytes": self.state_bytes}, sort_keys=True).encode("utf-8")


def build_id() -> str:
    """The llama.cpp build a state was written by (its layout may change between builds)."""
    import llama_cpp

    return f"llama-cpp-python {llama_cpp.__version__}"


def derive_key(secret: bytes) -> bytes:
    """A 256-bit key for KV files from the history key (never the history key itself)."""
    if len(secret) < 16:
        raise KVFileError("the history key is too short to derive a KV-state key")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO).derive(secret)


def encode(snapshot: KVSnapshot, header: KVFileHeader, key: bytes) -> bytes:
    """The whole file's bytes for ``snapshot`` (``header`` must describe it)."""
    if header.n_tokens != len(snapshot.tokens) or header.state_bytes != len(snapshot.state):
        raise KVFileError("the header does not describe the snapshot")
    head = header.to_json()
    if len(head) > MAX_HEADER_BYTES:
        raise KVFileError("the header is too long")
    prefix = MAGIC + struct.pack("<I", len(head)) + head
    nonce = os.urandom(NONCE_BYTES)
    plain = np.asarray(snapshot.tokens, dtype="<i4").tobytes() + bytes(snapshot.state)
    return prefix + nonce + AESGCM(key).encrypt(nonce, plain, prefix)


def _fail(message: str) -> KVFileError:
    return KVFileError(message)


def read_header(data: bytes) -> tuple[KVFileHeader, int]:
    """The header and the offset of the nonce; bounded, nothing decrypted."""
    if len(data) < len(MAGIC) + 4 or data[: len(MAGIC)] != MAGIC:
        raise _fail("not a Bauhinia KV-state file")
    (length,) = struct.unpack_from("<I", data, len(MAGIC))
    start = len(MAGIC) + 4
    if length > MAX_HEADER_BYTES or start + length > len(data):
        raise _fail("the header length is out of bounds")
    try:
        raw = json.loads(data[start : start + length].decode("utf-8"))
        if not isinstance(raw, dict) or raw.get("v") != FORMAT_VERSION:
            raise ValueError("version")
        header = KVFileHeader(conversation_id=str(raw["conversation"]), model_sha256=str(raw["model_sha256"]),
                              n_ctx=int(raw["n_ctx"]), build=str(raw["build"]), n_tokens=int(raw["n_tokens"]),
                              state_bytes=int(raw["state_bytes"]))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise _fail(f"the header is malformed ({exc})") from exc
    return header, start + length


def decode(data: bytes, key: bytes, *, model_sha256: str, n_ctx: int, build: str,
           max_state_bytes: int) -> tuple[KVFileHeader, KVSnapshot]:
    """The snapshot in ``data`` if it was written for this model, context and build, within the
    budget, and is authentic; otherwise :class:`KVFileError`."""
    header, body = read_header(data)
    if header.model_sha256 != model_sha256:
        raise _fail("it was kept for another model")
    if header.n_ctx != n_ctx or header.build != build:
        raise _fail("it was kept with another context length or llama.cpp build")
    if not 0 < header.n_tokens <= n_ctx:
        raise _fail("its token count does not fit the context")
    if not 0 < header.state_bytes <= max_state_bytes:
        raise _fail("its state is larger than the budget")
    expected = body + NONCE_BYTES + 4 * header.n_tokens + header.state_bytes + TAG_BYTES
    if len(data) != expected:
        raise _fail(f"its length is {len(data)} bytes, the header says {expected}")
    nonce = data[body : body + NONCE_BYTES]
    try:
        plain = AESGCM(key).decrypt(nonce, data[body + NONCE_BYTES :], data[:body])
    except InvalidTag as exc:
        raise _fail("it failed authentication (changed, damaged or another key)") from exc
    split = 4 * header.n_tokens
    tokens = tuple(int(t) for t in np.frombuffer(plain, dtype="<i4", count=header.n_tokens))
    return header, KVSnapshot(tokens=tokens, state=plain[split:])


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing anything larger than ``max_bytes`` or not a regular file."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _fail(f"it cannot be opened ({exc.strerror or exc})") from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _fail("it is not a regular file")
        if st.st_size > max_bytes:
            raise _fail("it is larger than the budget")
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 24))):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
