"""The kept KV-state file: authenticated, bounded, and refused as a whole when anything differs."""

from __future__ import annotations

import os
import struct

import pytest

from engine.kv_file import (
    MAGIC,
    MAX_HEADER_BYTES,
    KVFileError,
    KVFileHeader,
    decode,
    derive_key,
    encode,
    read_bounded,
)
from engine.kvcache import KVSnapshot

KEY = derive_key(bytes(range(32)))
STATE = os.urandom(4096)
SNAP = KVSnapshot(tokens=(1, 2, 3, 70000), state=STATE)
HEADER = KVFileHeader(conversation_id="conv-1", model_sha256="ab" * 32, n_ctx=2048, build="b1",
                      n_tokens=4, state_bytes=4096)


def _decode(data: bytes, **over: object) -> tuple[KVFileHeader, KVSnapshot]:
    kw: dict[str, object] = {"model_sha256": "ab" * 32, "n_ctx": 2048, "build": "b1", "max_state_bytes": 1 << 20}
    kw.update(over)
    return decode(data, KEY, **kw)  # type: ignore[arg-type]


def test_round_trip_and_the_state_is_not_in_the_clear() -> None:
    data = encode(SNAP, HEADER, KEY)
    assert STATE[:64] not in data, "the state is encrypted"
    header, snap = _decode(data)
    assert header == HEADER
    assert snap.tokens == SNAP.tokens and bytes(snap.state) == STATE


def test_the_key_is_derived_not_the_history_key() -> None:
    secret = bytes(range(32))
    assert derive_key(secret) != secret and len(derive_key(secret)) == 32
    with pytest.raises(KVFileError):
        derive_key(b"short")


@pytest.mark.parametrize("where", ["header", "nonce", "body", "tag"])
def test_any_changed_byte_is_refused(where: str) -> None:
    data = bytearray(encode(SNAP, HEADER, KEY))
    head_len = struct.unpack_from("<I", data, len(MAGIC))[0]
    body = len(MAGIC) + 4 + head_len
    offsets = {"header": body - 3, "nonce": body + 1, "body": body + 40, "tag": len(data) - 1}
    offset = offsets[where]
    data[offset] ^= 0x01
    with pytest.raises(KVFileError):
        _decode(bytes(data))


def test_another_key_model_context_or_build_is_refused() -> None:
    data = encode(SNAP, HEADER, KEY)
    with pytest.raises(KVFileError, match="authentication"):
        decode(data, derive_key(bytes(32)), model_sha256="ab" * 32, n_ctx=2048, build="b1", max_state_bytes=1 << 20)
    with pytest.raises(KVFileError, match="another model"):
        _decode(data, model_sha256="cd" * 32)
    with pytest.raises(KVFileError, match=r"context length or llama\.cpp build"):
        _decode(data, n_ctx=4096)
    with pytest.raises(KVFileError, match=r"context length or llama\.cpp build"):
        _decode(data, build="b2")
    with pytest.raises(KVFileError, match="budget"):
        _decode(data, max_state_bytes=1000)


def test_truncated_extended_and_foreign_files_are_refused() -> None:
    data = encode(SNAP, HEADER, KEY)
    for bad in (data[:-1], data + b"\0", b"", b"GGUF" + data[4:], data[:10]):
        with pytest.raises(KVFileError):
            _decode(bad)


def test_header_bounds_are_checked_before_parsing() -> None:
    huge = MAGIC + struct.pack("<I", MAX_HEADER_BYTES + 1) + b"{" * (MAX_HEADER_BYTES + 1)
    with pytest.raises(KVFileError, match="out of bounds"):
        _decode(huge)
    lying = MAGIC + struct.pack("<I", 100) + b"{}"
    with pytest.raises(KVFileError, match="out of bounds"):
        _decode(lying)
    wrong_version = MAGIC + struct.pack("<I", 9) + b'{"v": 99}'
    with pytest.raises(KVFileError, match="malformed"):
        _decode(wrong_version)


def test_a_token_count_beyond_the_context_is_refused_before_decrypting() -> None:
    big = KVFileHeader(conversation_id="c", model_sha256="ab" * 32, n_ctx=2048, build="b1", n_tokens=3000,
                       state_bytes=16)
    data = encode(KVSnapshot(tokens=tuple(range(3000)), state=b"x" * 16), big, KEY)
    with pytest.raises(KVFileError, match="fit the context"):
        _decode(data)


def test_encode_refuses_a_header_that_does_not_describe_the_snapshot() -> None:
    with pytest.raises(KVFileError):
        encode(SNAP, KVFileHeader("c", "ab" * 32, 2048, "b1", n_tokens=5, state_bytes=4096), KEY)


def test_read_bounded_refuses_big_files_links_and_folders(tmp_path: os.PathLike[str]) -> None:
    from pathlib import Path

    root = Path(tmp_path)
    f = root / "kv"
    f.write_bytes(b"x" * 100)
    assert read_bounded(f, 100) == b"x" * 100
    with pytest.raises(KVFileError, match="budget"):
        read_bounded(f, 99)
    link = root / "link"
    link.symlink_to(f)
    with pytest.raises(KVFileError):
        read_bounded(link, 1000)
    with pytest.raises(KVFileError):
        read_bounded(root, 1000)
    with pytest.raises(KVFileError):
        read_bounded(root / "missing", 1000)
