"""Builders of valid and deliberately broken GGUF files for the model-file validator's tests.

``RawGGUF`` encodes a GGUF file field by field (no gguf-py), so a test can put any value —
absurd counts, bad types, wrong offsets — exactly where it wants, and knows where each section
starts (for truncation sweeps). ``hostile_cases()`` lists the named corpus: each case writes
one broken file and says which words the error message must contain.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# GGUF value types
U8, I8, U16, I16, U32, I32, F32, BOOL, STR, ARR, U64, I64, F64 = range(13)
# ggml types used here: F32, F16, Q8_0 and their (block, bytes per block)
GGML_F32, GGML_F16, GGML_Q8_0 = 0, 1, 8
_SIZES = {GGML_F32: (1, 4), GGML_F16: (1, 2), GGML_Q8_0: (32, 34)}


def enc_str(s: str | bytes) -> bytes:
    b = s.encode("utf-8") if isinstance(s, str) else s
    return struct.pack("<Q", len(b)) + b


def kv(key: str | bytes, vtype: int, payload: bytes) -> bytes:
    """One encoded key/value; ``payload`` is the already-encoded value."""
    return enc_str(key) + struct.pack("<I", vtype) + payload


def kv_str(key: str, value: str | bytes) -> bytes:
    return kv(key, STR, enc_str(value))


def kv_u32(key: str, value: int) -> bytes:
    return kv(key, U32, struct.pack("<I", value))


def kv_str_array(key: str, values: list[str]) -> bytes:
    return kv(key, ARR, struct.pack("<IQ", STR, len(values)) + b"".join(enc_str(v) for v in values))


def kv_i32_array(key: str, values: list[int]) -> bytes:
    return kv(key, ARR, struct.pack("<IQ", I32, len(values)) + struct.pack(f"<{len(values)}i", *values))


def kv_f32_array(key: str, values: list[float]) -> bytes:
    return kv(key, ARR, struct.pack("<IQ", F32, len(values)) + struct.pack(f"<{len(values)}f", *values))


@dataclass
class RawTensor:
    """A tensor-info entry. ``ne`` is GGUF order (contiguous dimension first); ``offset`` is
    relative to the data section; ``None`` means "pack after the previous tensor"."""

    name: str | bytes
    ne: tuple[int, ...]
    ggml_type: int = GGML_F32
    offset: int | None = None
    n_dims: int | None = None  # override the dimension count written

    def nbytes(self) -> int:
        block, size = _SIZES.get(self.ggml_type, (1, 4))
        n = 1
        for d in self.ne:
            n *= d
        return n // block * size


@dataclass
class Layout:
    """Where each section of a built file starts (absolute byte offsets)."""

    kv_start: int
    tensor_info_start: int
    tensor_info_end: int
    data_start: int
    data_end: int


@dataclass
class RawGGUF:
    """A GGUF file spelled out field by field; ``build()`` returns (bytes, layout)."""

    kvs: list[bytes] = field(default_factory=list)
    tensors: list[RawTensor] = field(default_factory=list)
    magic: bytes = b"GGUF"
    version: int = 3
    n_tensors: int | None = None
    n_kv: int | None = None
    alignment: int = 32
    data: bytes | None = None

    def build(self) -> tuple[bytes, Layout]:
        head = self.magic + struct.pack("<I", self.version)
        head += struct.pack("<QQ", len(self.tensors) if self.n_tensors is None else self.n_tensors,
                            len(self.kvs) if self.n_kv is None else self.n_kv)
        kv_start = len(head)
        out = bytearray(head + b"".join(self.kvs))
        tinfo_start = len(out)
        next_off = 0
        for t in self.tensors:
            off = next_off if t.offset is None else t.offset
            next_off = _pad(off + t.nbytes(), self.alignment)
            out += enc_str(t.name)
            out += struct.pack("<I", len(t.ne) if t.n_dims is None else t.n_dims)
            out += struct.pack(f"<{len(t.ne)}q", *t.ne)
            out += struct.pack("<IQ", t.ggml_type, off)
        tinfo_end = len(out)
        data_start = _pad(tinfo_end, self.alignment)
        out += b"\0" * (data_start - tinfo_end)
        if self.data is not None:
            data = self.data
        else:
            end = _last_end(self.tensors, self.alignment)
            data = bytes(range(256)) * (end // 256) + bytes(range(end % 256))
        out += data
        return bytes(out), Layout(kv_start, tinfo_start, tinfo_end, data_start, len(out))

    def write(self, path: Path) -> Layout:
        data, layout = self.build()
        path.write_bytes(data)
        return layout


def _pad(n: int, a: int) -> int:
    return (n + a - 1) // a * a


def _last_end(tensors: list[RawTensor], alignment: int) -> int:
    """End of the last packed tensor's bytes (no trailing padding)."""
    next_off = 0
    end = 0
    for t in tensors:
        off = next_off if t.offset is None else t.offset
        end = max(end, off + t.nbytes())
        next_off = _pad(off + t.nbytes(), alignment)
    return end


VOCAB = ["<s>", "</s>", "<unk>", "a", "b", "c", "ab", "<｜User｜>", "<｜Assistant｜>", "<think>", "</think>"]
TOKEN_TYPES = [3, 3, 2, 1, 1, 1, 1, 4, 4, 4, 4]


def base_kvs(arch: str = "llama", *, template: str | None = "{{ messages[0]['content'] }}") -> list[bytes]:
    """Metadata of a small but complete llama-style model."""
    kvs = [
        kv_str("general.architecture", arch),
        kv_str("general.name", "Tiny Test"),
        kv_u32("general.file_type", 0),
        kv_u32(f"{arch}.context_length", 4096),
        kv_u32(f"{arch}.block_count", 2),
        kv_u32(f"{arch}.embedding_length", 64),
        kv_u32(f"{arch}.attention.head_count", 4),
        kv_str("tokenizer.ggml.model", "gpt2"),
        kv_str_array("tokenizer.ggml.tokens", VOCAB),
        kv_i32_array("tokenizer.ggml.token_type", TOKEN_TYPES),
        kv_u32("tokenizer.ggml.bos_token_id", 0),
        kv_u32("tokenizer.ggml.eos_token_id", 1),
    ]
    if template is not None:
        kvs.append(kv_str("tokenizer.chat_template", template))
    return kvs


def base_tensors() -> list[RawTensor]:
    return [
        RawTensor("token_embd.weight", (64, len(VOCAB))),
        RawTensor("blk.0.attn_norm.weight", (64,)),
        RawTensor("blk.1.attn_norm.weight", (64,)),
        RawTensor("output_norm.weight", (64,)),
    ]


def base_model(**overrides: object) -> RawGGUF:
    """A valid file; keyword overrides replace RawGGUF fields."""
    g = RawGGUF(kvs=base_kvs(), tensors=base_tensors())
    for k, v in overrides.items():
        setattr(g, k, v)
    return g


@dataclass(frozen=True)
class HostileCase:
    """One broken file: ``make(path)`` writes it (or arranges the path); ``words`` must all
    appear (case-insensitively) in the error message."""

    name: str
    make: Callable[[Path], None]
    words: tuple[str, ...]


def _raw(g: RawGGUF) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        g.write(path)

    return make


def _bytes(data: bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_bytes(data)

    return make


def _with_kv(extra: bytes) -> RawGGUF:
    return base_model(kvs=[*base_kvs(), extra])


def _tensors(*ts: RawTensor) -> RawGGUF:
    return base_model(tensors=list(ts))


def _directory(path: Path) -> None:
    path.mkdir()


def _missing(path: Path) -> None:
    """Leave the path absent."""


def _huge_string_file(path: Path) -> None:
    """A genuine 17 MiB string value: present in full, but over the 16 MiB value limit."""
    with open(path, "wb") as f:
        f.write(b"GGUF" + struct.pack("<IQQ", 3, 0, 2))
        f.write(kv_str("general.architecture", "llama"))
        n = 17 * 1024 * 1024
        f.write(kv("general.description", STR, struct.pack("<Q", n)))
        f.truncate(f.tell() + n)


def hostile_cases() -> list[HostileCase]:
    """The named corpus of broken and hostile files (each distinct in what it breaks)."""
    valid, layout = base_model().build()
    bad_utf8_key = kv(b"general.\xff\xfename", U32, struct.pack("<I", 1))
    return [
        HostileCase("empty file", _bytes(b""), ("empty",)),
        HostileCase("three bytes", _bytes(b"GGU"), ("too short",)),
        HostileCase("wrong magic", _bytes(b"GGML" + valid[4:]), ("not a gguf",)),
        HostileCase("pickle instead of gguf", _bytes(b"\x80\x04\x95" + b"\0" * 40), ("not a gguf",)),
        HostileCase("version 0", _raw(base_model(version=0)), ("version 0",)),
        HostileCase("version 1", _raw(base_model(version=1)), ("version 1",)),
        HostileCase("version 99", _raw(base_model(version=99)), ("version 99",)),
        HostileCase("big-endian", _raw(base_model(version=3 << 24)), ("big-endian",)),
        HostileCase("tensor count 2^63", _raw(base_model(n_tensors=1 << 63)), ("tensor count",)),
        HostileCase("tensor count 999999 in tiny file", _raw(base_model(n_tensors=999_999)), ("cannot fit",)),
        HostileCase("kv count 2^40", _raw(base_model(n_kv=1 << 40)), ("key/value count",)),
        HostileCase("kv count beyond the file", _raw(base_model(n_kv=90_000)), ("cannot fit",)),
        HostileCase("key length 2^63", _raw(_with_kv(struct.pack("<Q", 1 << 63) + b"x")), ("key", "limit")),
        HostileCase("empty key", _raw(_with_kv(kv(b"", U32, b"\0\0\0\0"))), ("empty metadata key",)),
        HostileCase("string value length 2^63",
                    _raw(_with_kv(kv("general.url", STR, struct.pack("<Q", (1 << 63) + 5)))),
                    ("general.url", "limit")),
        HostileCase("string value past EOF", _raw(_with_kv(kv("general.url", STR, struct.pack("<Q", 1 << 20)))),
                    ("past end of file",)),
        HostileCase("gigantic 17 MiB string", _huge_string_file, ("general.description", "limit")),
        HostileCase("array of 2^40 elements",
                    _raw(_with_kv(kv("x.arr", ARR, struct.pack("<IQ", U8, 1 << 40)))), ("elements", "limit")),
        HostileCase("array of 1M u64 in a tiny file",
                    _raw(_with_kv(kv("x.arr", ARR, struct.pack("<IQ", U64, 1 << 20)))), ("past end of file",)),
        HostileCase("bad value type 13", _raw(_with_kv(kv("x.bad", 13, b"\0" * 8))), ("invalid value type 13",)),
        HostileCase("bad value type 2^32-1", _raw(_with_kv(kv("x.bad", 0xFFFFFFFF, b"\0" * 8))),
                    ("invalid value type",)),
        HostileCase("bad array element type",
                    _raw(_with_kv(kv("x.arr", ARR, struct.pack("<IQ", 77, 1)))), ("array element type 77",)),
        HostileCase("arrays nested three deep",
                    _raw(_with_kv(kv("x.arr", ARR, struct.pack("<IQ", ARR, 1) + struct.pack("<IQ", ARR, 1)
                                     + struct.pack("<IQ", U8, 1) + b"\0"))), ("nested",)),
        HostileCase("bad UTF-8 in key", _raw(_with_kv(bad_utf8_key)), ("utf-8",)),
        HostileCase("duplicate key", _raw(_with_kv(kv_u32("llama.block_count", 3))), ("duplicate metadata key",)),
        HostileCase("missing architecture", _raw(base_model(kvs=base_kvs()[1:])), ("general.architecture",)),
        HostileCase("architecture is a number",
                    _raw(base_model(kvs=[kv_u32("general.architecture", 7), *base_kvs()[1:]])),
                    ("general.architecture",)),
        HostileCase("architecture with path characters",
                    _raw(base_model(kvs=[kv_str("general.architecture", "../../etc"), *base_kvs()[1:]])),
                    ("implausible general.architecture",)),
        HostileCase("context length is a string",
                    _raw(base_model(kvs=[*base_kvs()[:3], kv_str("llama.context_length", "big"),
                                         *base_kvs()[4:]])), ("llama.context_length", "integer")),
        HostileCase("token_type length mismatch",
                    _raw(base_model(kvs=[*base_kvs()[:9], kv_i32_array("tokenizer.ggml.token_type", [1, 1]),
                                         *base_kvs()[10:]])), ("token_type", "entries")),
        HostileCase("template with NUL byte",
                    _raw(base_model(kvs=base_kvs(template="{{ x }}\x00{{ y }}"))), ("chat template", "nul")),
        HostileCase("template is bad UTF-8",
                    _raw(base_model(kvs=[*base_kvs(template=None),
                                         kv_str("tokenizer.chat_template", b"{{ \xc3\x28 }}")])),
                    ("chat template", "utf-8")),
        HostileCase("alignment 33 (not a power of two)",
                    _raw(_with_kv(kv_u32("general.alignment", 33))), ("alignment", "power of two")),
        HostileCase("alignment 0", _raw(_with_kv(kv_u32("general.alignment", 0))), ("alignment",)),
        HostileCase("alignment as a string", _raw(_with_kv(kv_str("general.alignment", "32"))), ("alignment",)),
        HostileCase("alignment as u64 (llama.cpp asserts u32)",
                    _raw(_with_kv(kv("general.alignment", U64, struct.pack("<Q", 32)))),
                    ("general.alignment must be u32",)),
        HostileCase("token_type as u8 array (llama.cpp would read it as i32)",
                    _raw(base_model(kvs=[*base_kvs()[:9],
                                         kv("tokenizer.ggml.token_type", ARR,
                                            struct.pack("<IQ", U8, len(VOCAB)) + bytes(TOKEN_TYPES)),
                                         *base_kvs()[10:]])), ("token_type must be array of i32",)),
        HostileCase("scores as i8 array",
                    _raw(base_model(kvs=[*base_kvs(), kv("tokenizer.ggml.scores", ARR,
                                                         struct.pack("<IQ", I8, len(VOCAB)) + bytes(len(VOCAB)))])),
                    ("scores must be array of f32",)),
        HostileCase("tokens as u32 array",
                    _raw(base_model(kvs=[*base_kvs()[:8],
                                         kv("tokenizer.ggml.tokens", ARR, struct.pack("<IQ", U32, 2) + bytes(8)),
                                         *base_kvs()[9:]])), ("tokens must be array of str",)),
        HostileCase("duplicate tensor name",
                    _raw(_tensors(RawTensor("a.weight", (32,)), RawTensor("a.weight", (32,)))),
                    ("duplicate tensor name",)),
        HostileCase("n_dims 0", _raw(_tensors(RawTensor("a.weight", (), n_dims=0))), ("0 dimensions",)),
        HostileCase("n_dims 9", _raw(_tensors(RawTensor("a.weight", (2,) * 9))), ("9 dimensions",)),
        HostileCase("zero dimension", _raw(_tensors(RawTensor("a.weight", (32, 0)))), ("non-positive",)),
        HostileCase("negative dimension", _raw(_tensors(RawTensor("a.weight", (32, -4)))), ("non-positive",)),
        HostileCase("dimension product overflows",
                    _raw(base_model(tensors=[RawTensor("a.weight", (1 << 32, 1 << 32), offset=0)], data=b"\0" * 64)),
                    ("overflows",)),
        HostileCase("unknown ggml type 4",
                    _raw(_tensors(RawTensor("a.weight", (32,), ggml_type=4))), ("unknown ggml type 4",)),
        HostileCase("unknown ggml type 2^31",
                    _raw(_tensors(RawTensor("a.weight", (32,), ggml_type=1 << 31))), ("unknown ggml type",)),
        HostileCase("Q8_0 row not a block multiple",
                    _raw(_tensors(RawTensor("a.weight", (33, 2), ggml_type=GGML_Q8_0))), ("block size",)),
        HostileCase("misaligned tensor offset",
                    _raw(_tensors(RawTensor("a.weight", (32,)), RawTensor("b.weight", (32,), offset=130))),
                    ("not aligned",)),
        HostileCase("tensor data past EOF",
                    _raw(base_model(tensors=[RawTensor("a.weight", (1024, 1024))], data=b"\0" * 64)),
                    ("past end of file",)),
        HostileCase("tensor offset 2^63",
                    _raw(base_model(tensors=[RawTensor("a.weight", (32,), offset=1 << 63)], data=b"\0" * 128)),
                    ("past end of file",)),
        HostileCase("overlapping tensors",
                    _raw(_tensors(RawTensor("a.weight", (64,)), RawTensor("b.weight", (32,), offset=128))),
                    ("overlap",)),
        HostileCase("empty tensor name", _raw(_tensors(RawTensor("", (32,)))), ("empty name",)),
        HostileCase("tensor name 64 bytes", _raw(_tensors(RawTensor("n" * 64, (32,)))), ("name", "limit")),
        HostileCase("tensor name bad UTF-8", _raw(_tensors(RawTensor(b"\xff.weight", (32,)))), ("utf-8",)),
        HostileCase("truncated in header", _bytes(valid[:layout.kv_start - 3]), ("truncated",)),
        HostileCase("truncated in key/values", _bytes(valid[:layout.tensor_info_start - 10]), ("truncated",)),
        HostileCase("truncated in tensor infos", _bytes(valid[:layout.tensor_info_start + 20]), ("truncated",)),
        HostileCase("truncated in data", _bytes(valid[:layout.data_end - 1]), ("past end of file",)),
        HostileCase("directory instead of file", _directory, ("directory",)),
        HostileCase("missing file", _missing, ("not found",)),
    ]


def permission_denied_supported() -> bool:
    """chmod 000 does not stop root (or Windows) from reading; such runs skip that case."""
    return hasattr(os, "geteuid") and os.geteuid() != 0
