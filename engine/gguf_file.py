"""Bounds-checked, pure-Python GGUF reader: validate an untrusted model file before anything
else (``gguf.GGUFReader``, llama.cpp) is allowed to look at it.

Every failure is a :class:`engine.errors.ModelFileError` with a one-line message, the path and,
where known, the byte offset. The reader keeps at most the metadata section in memory (bounded by
:data:`MAX_METADATA_BYTES`), never maps the file (a file truncated under a mapping would crash the
process with SIGBUS), and never renders or evaluates the chat template.
"""

from __future__ import annotations

import array
import itertools
import os
import re
import stat
import struct
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, BinaryIO, NamedTuple, NoReturn

import numpy as np
import numpy.typing as npt
from gguf import GGML_QUANT_SIZES, GGMLQuantizationType, LlamaFileType

from engine.errors import ModelFileError

GGUF_MAGIC = b"GGUF"
SUPPORTED_VERSIONS = (2, 3)
DEFAULT_ALIGNMENT = 32

MAX_TENSORS = 1_000_000
MAX_KVS = 100_000
MAX_KEY_BYTES = 64 * 1024
MAX_STRING_BYTES = 16 * 1024 * 1024
MAX_TEMPLATE_BYTES = 1024 * 1024
MAX_ARRAY_ELEMENTS = 8 * 1024 * 1024
MAX_METADATA_BYTES = 256 * 1024 * 1024  # header + key/values + tensor infos
MAX_TENSOR_NAME_BYTES = 63  # llama.cpp's GGML_MAX_NAME is 64 including the NUL
MAX_DIMS = 4
MAX_ARCH_BYTES = 64
INT64_MAX = (1 << 63) - 1

SHORT_ARRAY_ELEMENTS = 16  # arrays up to this length are kept in ``metadata``; longer are summarised
MAX_SPECIAL_TOKENS = 1024
MAX_SPECIAL_TOKEN_CHARS = 256

_READ_CHUNK = 1 << 20

# GGUF value types (gguf.GGUFValueType), as plain ints for the hot loops.
_T_UINT8, _T_INT8, _T_UINT16, _T_INT16, _T_UINT32, _T_INT32 = 0, 1, 2, 3, 4, 5
_T_FLOAT32, _T_BOOL, _T_STRING, _T_ARRAY, _T_UINT64, _T_INT64, _T_FLOAT64 = 6, 7, 8, 9, 10, 11, 12

_SCALAR_FORMATS: dict[int, str] = {
    _T_UINT8: "<B",
    _T_INT8: "<b",
    _T_UINT16: "<H",
    _T_INT16: "<h",
    _T_UINT32: "<I",
    _T_INT32: "<i",
    _T_FLOAT32: "<f",
    _T_BOOL: "<B",
    _T_UINT64: "<Q",
    _T_INT64: "<q",
    _T_FLOAT64: "<d",
}
_SCALAR_SIZES = {t: struct.calcsize(f) for t, f in _SCALAR_FORMATS.items()}
_NP_DTYPES = {_T_UINT8: "<u1", _T_INT8: "<i1", _T_UINT16: "<u2", _T_INT16: "<i2", _T_UINT32: "<u4",
              _T_INT32: "<i4", _T_UINT64: "<u8", _T_INT64: "<i8", _T_FLOAT32: "<f4", _T_FLOAT64: "<f8",
              _T_BOOL: "<u1"}
_TYPE_NAMES = {
    _T_UINT8: "u8", _T_INT8: "i8", _T_UINT16: "u16", _T_INT16: "i16", _T_UINT32: "u32", _T_INT32: "i32",
    _T_FLOAT32: "f32", _T_BOOL: "bool", _T_STRING: "str", _T_ARRAY: "array", _T_UINT64: "u64",
    _T_INT64: "i64", _T_FLOAT64: "f64",
}
_INT_TYPES = frozenset({_T_UINT8, _T_INT8, _T_UINT16, _T_INT16, _T_UINT32, _T_INT32, _T_UINT64, _T_INT64})

_U32 = struct.Struct("<I")
_U64 = struct.Struct("<Q")
_I64 = struct.Struct("<q")

# key -> (value type, array element type or None)
_REQUIRED_TYPES: dict[str, tuple[int, int | None]] = {
    "general.architecture": (_T_STRING, None),
    "general.alignment": (_T_UINT32, None),
    "tokenizer.ggml.tokens": (_T_ARRAY, _T_STRING),
    "tokenizer.ggml.scores": (_T_ARRAY, _T_FLOAT32),
    "tokenizer.ggml.token_type": (_T_ARRAY, _T_INT32),
    "tokenizer.ggml.merges": (_T_ARRAY, _T_STRING),
    "tokenizer.chat_template": (_T_STRING, None),
}

_ARCH_RE = re.compile(r"[A-Za-z0-9_.\-]+")
_LAYER_RE = re.compile(r"blk\.(\d+)\.")

_TOKEN_TYPE_CONTROL = 3
_TOKEN_TYPE_USER_DEFINED = 4


@dataclass(frozen=True)
class TensorInfo:
    """One tensor's header entry; ``offset`` is absolute in the file, ``nbytes`` its data size."""

    name: str
    shape: tuple[int, ...]
    ggml_type: int
    type_name: str
    offset: int
    nbytes: int

    @property
    def n_elements(self) -> int:
        n = 1
        for d in self.shape:
            n *= d
        return n


@dataclass(frozen=True)
class GGUFInfo:
    """What a validated GGUF file declares: identity, size, hyper-parameters, tokenizer facts."""

    path: str
    file_size: int
    version: int
    architecture: str
    name: str | None
    parameters: int
    quantization: str
    file_type: int | None
    context_length: int | None
    block_count: int | None
    embedding_length: int | None
    head_count: int | None
    head_count_kv: int | None
    key_length: int | None
    value_length: int | None
    kv_lora_rank: int | None
    rope_dimension_count: int | None
    expert_count: int | None
    expert_used_count: int | None
    vocab_size: int | None
    chat_template: str | None
    bos_token: str | None
    eos_token: str | None
    special_tokens: tuple[str, ...]
    metadata: Mapping[str, object] = field(repr=False)
    tensors: tuple[TensorInfo, ...] = field(repr=False)

    @property
    def has_chat_template(self) -> bool:
        return bool(self.chat_template)

    def layer_bytes(self) -> dict[int, int]:
        """Bytes of the tensors named ``blk.N.*``, per layer N (what offloading a layer moves)."""
        out: dict[int, int] = {}
        for t in self.tensors:
            m = _LAYER_RE.match(t.name)
            if m:
                n = int(m.group(1))
                out[n] = out.get(n, 0) + t.nbytes
        return dict(sorted(out.items()))

    def non_layer_bytes(self) -> int:
        """Bytes of the tensors outside any layer: token embeddings, output norm, output head."""
        return sum(t.nbytes for t in self.tensors if not _LAYER_RE.match(t.name))

    def to_json(self, *, sha256: str | None = None) -> dict[str, object]:
        """The ``bauhinia models inspect --json`` object (DESIGN §3 fields first)."""
        out: dict[str, object] = {
            "path": self.path,
            "architecture": self.architecture,
            "name": self.name,
            "parameters": self.parameters,
            "quantization": self.quantization,
            "context_length": self.context_length,
            "has_chat_template": self.has_chat_template,
            "file_size": self.file_size,
        }
        if sha256 is not None:
            out["sha256"] = sha256
        out.update(
            {
                "version": self.version,
                "file_type": self.file_type,
                "layers": self.block_count,
                "embedding_length": self.embedding_length,
                "head_count": self.head_count,
                "head_count_kv": self.head_count_kv,
                "key_length": self.key_length,
                "value_length": self.value_length,
                "kv_lora_rank": self.kv_lora_rank,
                "rope_dimension_count": self.rope_dimension_count,
                "expert_count": self.expert_count,
                "expert_used_count": self.expert_used_count,
                "vocab_size": self.vocab_size,
                "bos_token": self.bos_token,
                "eos_token": self.eos_token,
                "special_tokens": list(self.special_tokens),
                "tensor_count": len(self.tensors),
                "layer_bytes": {str(k): v for k, v in self.layer_bytes().items()},
                "non_layer_bytes": self.non_layer_bytes(),
            }
        )
        return out


def inspect(path: str | os.PathLike[str]) -> GGUFInfo:
    """Validate ``path`` as a GGUF file and describe it; raises ``ModelFileError`` on any defect."""
    spath = os.fspath(path)
    try:
        with _open_regular(spath) as f:
            size = os.fstat(f.fileno()).st_size
            return _Parser(f, spath, size).parse()
    except ModelFileError:
        raise
    except OSError as exc:
        raise ModelFileError(f"cannot read model file: {exc.strerror or exc}", path=spath) from exc
    except MemoryError as exc:
        raise ModelFileError("model file metadata does not fit in memory", path=spath) from exc
    except Exception as exc:  # defensive: a parser bug must still surface as a file error
        detail = " ".join(str(exc).split())[:200]
        raise ModelFileError(f"malformed GGUF file ({type(exc).__name__}: {detail})", path=spath) from exc


def _open_regular(path: str) -> BinaryIO:
    try:
        st = os.stat(path)
    except FileNotFoundError as exc:
        raise ModelFileError("model file not found", path=path) from exc
    except PermissionError as exc:
        raise ModelFileError("permission denied reading model file", path=path) from exc
    except OSError as exc:
        raise ModelFileError(f"cannot access model file: {exc.strerror or exc}", path=path) from exc
    if stat.S_ISDIR(st.st_mode):
        raise ModelFileError("model path is a directory, not a file", path=path)
    if not stat.S_ISREG(st.st_mode):
        raise ModelFileError("model path is not a regular file", path=path)
    try:
        return open(path, "rb")
    except PermissionError as exc:
        raise ModelFileError("permission denied reading model file", path=path) from exc
    except OSError as exc:
        raise ModelFileError(f"cannot open model file: {exc.strerror or exc}", path=path) from exc


@dataclass
class _StringArray:
    """A long string array: its length and, when kept, where each string's bytes start in the
    metadata buffer (decoded only on demand)."""

    count: int
    starts: array.array[int] | None

    def __len__(self) -> int:
        return self.count


@dataclass
class _BigArray:
    """A numeric array too long to keep as a list: its element type and where its bytes lie."""

    elem_type: int
    count: int
    start: int


_Value = object  # a decoded metadata value: scalar, str, short list, or a lazy long array


class _TensorSpec(NamedTuple):
    """A tensor-info entry as read; ``info_at`` is where the entry starts, for error messages."""

    name: str
    shape: tuple[int, ...]
    ggml_type: int
    rel_offset: int
    nbytes: int
    info_at: int


class _Parser:
    """Reads the metadata section through a growing, capped buffer that starts at file offset 0."""

    def __init__(self, f: BinaryIO, path: str, size: int) -> None:
        self.f = f
        self.path = path
        self.size = size
        self.buf = bytearray()
        self.pos = 0
        # Facts about each key, for type checks and for pointing errors at the right byte.
        self.bad_utf8_keys: set[str] = set()
        self.key_offsets: dict[str, int] = {}
        self.key_types: dict[str, int] = {}
        self.array_types: dict[str, int] = {}  # element type of each top-level array

    # -- low-level reading -------------------------------------------------------------------

    def fail(self, message: str, offset: int | None = -1) -> NoReturn:
        """Raise for ``offset`` (default: the read position; ``None``: no single place)."""
        at = self.pos if offset == -1 else offset
        where = "" if at is None else f" (at byte {at})"
        raise ModelFileError(message + where, path=self.path, offset=at)

    def need(self, n: int, what: str) -> None:
        """Make ``buf[pos:pos+n]`` available, or fail cleanly if the file or the cap is exceeded."""
        end = self.pos + n
        if end <= len(self.buf):
            return
        if end > self.size:
            self.fail(f"truncated GGUF file: {what} extends past end of file ({self.size} bytes)")
        if end > MAX_METADATA_BYTES:
            self.fail(f"GGUF metadata larger than {MAX_METADATA_BYTES >> 20} MiB")
        want = min(max(end - len(self.buf), _READ_CHUNK), self.size - len(self.buf),
                   MAX_METADATA_BYTES - len(self.buf))
        self.f.seek(len(self.buf))
        while want > 0:
            chunk = self.f.read(want)
            if not chunk:
                if len(self.buf) < end:
                    self.fail("model file shrank while being read")
                break
            self.buf += chunk
            want -= len(chunk)

    def u32(self, what: str) -> int:
        self.need(4, what)
        (v,) = _U32.unpack_from(self.buf, self.pos)
        self.pos += 4
        return int(v)

    def u64(self, what: str) -> int:
        self.need(8, what)
        (v,) = _U64.unpack_from(self.buf, self.pos)
        self.pos += 8
        return int(v)

    def i64(self, what: str) -> int:
        self.need(8, what)
        (v,) = _I64.unpack_from(self.buf, self.pos)
        self.pos += 8
        return int(v)

    def raw_string(self, what: str, limit: int) -> tuple[int, int]:
        """Bounds-check a length-prefixed string; return its (start, end) in ``buf``."""
        at = self.pos
        n = self.u64(f"{what} length")
        if n > limit:
            self.fail(f"{what} is {n} bytes long (limit {limit})", at)
        self.need(n, what)
        start = self.pos
        self.pos += n
        return start, self.pos

    def text(self, start: int, end: int) -> str:
        return self.buf[start:end].decode("utf-8", errors="replace")

    # -- structure -----------------------------------------------------------------------------

    def parse(self) -> GGUFInfo:
        if self.size == 0:
            raise ModelFileError("model file is empty", path=self.path, offset=0)
        if self.size < 4:
            self.fail("file too short to be a GGUF model", 0)
        self.need(4, "magic")
        magic = bytes(self.buf[0:4])
        if magic != GGUF_MAGIC:
            self.fail(f"not a GGUF file (magic {magic!r}, expected b'GGUF')", 0)
        self.pos = 4
        version = self.u32("version")
        if version not in SUPPORTED_VERSIONS:
            if version & 0xFFFF == 0 and (version >> 24) in SUPPORTED_VERSIONS:
                self.fail("big-endian GGUF files are not supported", 4)
            self.fail(f"unsupported GGUF version {version} (supported: 2, 3)", 4)
        at = self.pos
        n_tensors = self.u64("tensor count")
        n_kv = self.u64("key/value count")
        if n_tensors > MAX_TENSORS:
            self.fail(f"tensor count {n_tensors} exceeds the limit of {MAX_TENSORS}", at)
        if n_kv > MAX_KVS:
            self.fail(f"key/value count {n_kv} exceeds the limit of {MAX_KVS}", at + 8)
        rest = self.size - self.pos
        # Smallest encodings: key/value = 8 (len) + 1 (key) + 4 (type) + 1 (u8 value);
        # tensor info = 8 (len) + 1 (name) + 4 (n_dims) + 8 (one dim) + 4 (type) + 8 (offset).
        if n_kv * 14 + n_tensors * 33 > rest:
            self.fail(f"{n_tensors} tensors and {n_kv} key/values cannot fit in a {self.size}-byte file", at)

        metadata: dict[str, object] = {}
        for _ in range(n_kv):
            key, value = self.key_value(metadata)
            metadata[key] = value

        self.check_types()
        alignment = self.alignment(metadata)
        tensor_specs = [self.tensor_info(i) for i in range(n_tensors)]
        data_start = _align(self.pos, alignment)
        tensors = self.place_tensors(tensor_specs, data_start, alignment)
        return self.summarise(version, metadata, tensors)

    def key_value(self, seen: Mapping[str, object]) -> tuple[str, object]:
        at = self.pos
        start, end = self.raw_string("key", MAX_KEY_BYTES)
        if start == end:
            self.fail("empty metadata key", at)
        try:
            key = self.buf[start:end].decode("utf-8")
        except UnicodeDecodeError:
            self.fail("metadata key is not valid UTF-8", at)
        if key in seen:
            self.fail(f"duplicate metadata key {key!r}", at)
        self.key_offsets[key] = at
        vtype_at = self.pos
        vtype = self.u32(f"value type of {key!r}")
        if vtype not in _TYPE_NAMES:
            self.fail(f"invalid value type {vtype} for key {key!r}", vtype_at)
        self.key_types[key] = vtype
        return key, self.value(key, vtype)

    def value(self, key: str, vtype: int) -> _Value:
        if vtype == _T_STRING:
            start, end = self.raw_string(f"string value of {key!r}", MAX_STRING_BYTES)
            try:
                return self.buf[start:end].decode("utf-8")
            except UnicodeDecodeError:
                self.bad_utf8_keys.add(key)
                return self.text(start, end)
        if vtype == _T_ARRAY:
            return self.array_value(key)
        fmt = _SCALAR_FORMATS[vtype]
        n = _SCALAR_SIZES[vtype]
        self.need(n, f"value of {key!r}")
        (v,) = struct.unpack_from(fmt, self.buf, self.pos)
        self.pos += n
        if vtype == _T_BOOL:
            return bool(v)
        return v

    def array_value(self, key: str) -> _Value:
        at = self.pos
        etype = self.u32(f"array element type of {key!r}")
        if etype == _T_ARRAY:  # llama.cpp's reader refuses these, so refuse them early and clearly
            self.fail(f"nested arrays (arrays of arrays) are not supported, in {key!r}", at)
        if etype not in _TYPE_NAMES:
            self.fail(f"invalid array element type {etype} for key {key!r}", at)
        self.array_types[key] = etype
        count = self.u64(f"array length of {key!r}")
        if count > MAX_ARRAY_ELEMENTS:
            self.fail(f"array {key!r} has {count} elements (limit {MAX_ARRAY_ELEMENTS})", at + 4)
        min_size = 8 if etype == _T_STRING else _SCALAR_SIZES[etype]
        if count * min_size > self.size - self.pos:
            self.fail(f"array {key!r} of {count} elements extends past end of file", at + 4)
        if etype == _T_STRING:
            return self.string_array(key, count)
        nbytes = count * _SCALAR_SIZES[etype]
        self.need(nbytes, f"array {key!r}")
        start = self.pos
        self.pos += nbytes
        if count <= SHORT_ARRAY_ELEMENTS:
            items = list(struct.unpack_from(f"<{count}{_SCALAR_FORMATS[etype][1]}", self.buf, start))
            return [bool(x) for x in items] if etype == _T_BOOL else items
        return _BigArray(etype, count, start)

    def string_array(self, key: str, count: int) -> _Value:
        """Scan ``count`` strings without decoding them: fast on 150k-token vocabularies.

        Only the token list keeps where each string starts (for looking up special tokens);
        other long string arrays (merges) are bounds-checked and skipped.
        """
        keep = count <= SHORT_ARRAY_ELEMENTS or key == "tokenizer.ggml.tokens"
        starts: array.array[int] = array.array("Q")
        append = starts.append
        buf = self.buf
        limit = len(buf)
        unpack = _U64.unpack_from
        pos = self.pos
        for _ in range(count):
            if pos + 8 > limit:
                self.pos = pos
                self.need(8, f"string length in array {key!r}")
                limit = len(buf)
            (n,) = unpack(buf, pos)
            if n > MAX_STRING_BYTES:
                self.fail(f"string in array {key!r} is {n} bytes long (limit {MAX_STRING_BYTES})", pos)
            pos += 8
            if keep:
                append(pos)
            pos += n
            if pos > limit:
                self.pos = pos - n
                self.need(n, f"string in array {key!r}")
                limit = len(buf)
        self.pos = pos
        arr = _StringArray(count, starts if keep else None)
        if count <= SHORT_ARRAY_ELEMENTS:
            return [self.string_at(s) for s in starts]
        return arr

    def string_at(self, start: int) -> str:
        """Decode the length-prefixed string whose bytes begin at ``start`` (already checked)."""
        (n,) = _U64.unpack_from(self.buf, start - 8)
        return self.text(start, start + n)

    def check_types(self) -> None:
        """Keys that llama.cpp reads with type-asserting getters or raw casts must have exactly
        the type it expects: a mismatch there aborts the process or reads out of bounds."""
        for key, (vtype, etype) in _REQUIRED_TYPES.items():
            if key not in self.key_types:
                continue
            got = self.key_types[key]
            got_elem = self.array_types.get(key)
            if got != vtype or (etype is not None and got_elem != etype):
                want = _TYPE_NAMES[vtype] if etype is None else f"array of {_TYPE_NAMES[etype]}"
                have = _TYPE_NAMES[got] if got_elem is None else f"array of {_TYPE_NAMES[got_elem]}"
                self.fail(f"{key} must be {want}, not {have}", self.at_key(key))

    def alignment(self, metadata: Mapping[str, object]) -> int:
        if "general.alignment" not in metadata:
            return DEFAULT_ALIGNMENT
        a = metadata["general.alignment"]
        if type(a) is not int or a <= 0 or a & (a - 1) or a > (1 << 30):
            self.fail(f"general.alignment must be a power of two, not {a!r}", self.at_key("general.alignment"))
        return a

    def at_key(self, key: str) -> int | None:
        """Where ``key`` was read, for errors about its value (None when the key is absent)."""
        return self.key_offsets.get(key)

    def tensor_info(self, index: int) -> _TensorSpec:
        at = self.pos
        start, end = self.raw_string(f"name of tensor {index}", MAX_KEY_BYTES)
        if start == end:
            self.fail(f"tensor {index} has an empty name", at)
        if end - start > MAX_TENSOR_NAME_BYTES:
            self.fail(f"tensor {index} name is {end - start} bytes long (limit {MAX_TENSOR_NAME_BYTES})", at)
        try:
            name = self.buf[start:end].decode("utf-8")
        except UnicodeDecodeError:
            self.fail(f"tensor {index} name is not valid UTF-8", at)
        dims_at = self.pos
        n_dims = self.u32(f"dimension count of tensor {name!r}")
        if not 1 <= n_dims <= MAX_DIMS:
            self.fail(f"tensor {name!r} has {n_dims} dimensions (must be 1..{MAX_DIMS})", dims_at)
        shape_ne: list[int] = []
        total = 1
        for _ in range(n_dims):
            d_at = self.pos
            d = self.i64(f"dimension of tensor {name!r}")
            if d <= 0:
                self.fail(f"tensor {name!r} has a non-positive dimension {d}", d_at)
            total *= d
            if total > INT64_MAX:
                self.fail(f"tensor {name!r} element count overflows 64 bits", d_at)
            shape_ne.append(d)
        type_at = self.pos
        ggml_type = self.u32(f"type of tensor {name!r}")
        if ggml_type not in _QUANT_SIZES:
            self.fail(f"tensor {name!r} has unknown ggml type {ggml_type}", type_at)
        offset = self.u64(f"offset of tensor {name!r}")
        block, type_size = _QUANT_SIZES[ggml_type]
        if shape_ne[0] % block:
            self.fail(f"tensor {name!r} row of {shape_ne[0]} is not a multiple of its block size {block}",
                      type_at)
        nbytes = total // block * type_size
        # GGUF stores ne[0] (the contiguous dimension) first; numpy shape order is the reverse.
        shape = tuple(reversed(shape_ne))
        return _TensorSpec(name, shape, ggml_type, offset, nbytes, at)

    def place_tensors(
        self, specs: list[_TensorSpec], data_start: int, alignment: int
    ) -> tuple[TensorInfo, ...]:
        names: set[str] = set()
        data_size = self.size - data_start
        out: list[TensorInfo] = []
        for name, shape, ggml_type, rel, nbytes, info_at in specs:
            if name in names:
                self.fail(f"duplicate tensor name {name!r}", info_at)
            names.add(name)
            if rel % alignment:
                self.fail(f"tensor {name!r} offset {rel} is not aligned to {alignment}", info_at)
            if rel > data_size or nbytes > data_size - rel:
                self.fail(f"tensor {name!r} data ({nbytes} bytes at data offset {rel}) lies past end of file",
                          info_at)
            out.append(TensorInfo(name, shape, ggml_type, _QUANT_NAMES[ggml_type], data_start + rel, nbytes))
        by_offset = sorted(out, key=lambda t: t.offset)
        for prev, cur in itertools.pairwise(by_offset):
            if cur.offset < prev.offset + prev.nbytes:
                self.fail(f"tensors {prev.name!r} and {cur.name!r} overlap", cur.offset)
        return tuple(out)

    # -- summary -------------------------------------------------------------------------------

    def summarise(self, version: int, md: dict[str, object], tensors: tuple[TensorInfo, ...]) -> GGUFInfo:
        arch = md.get("general.architecture")
        if not isinstance(arch, str) or not arch:
            self.fail("missing or invalid general.architecture", self.at_key("general.architecture"))
        if len(arch) > MAX_ARCH_BYTES or not _ARCH_RE.fullmatch(arch):
            self.fail(f"implausible general.architecture {arch[:40]!r}", self.at_key("general.architecture"))

        def opt_str(key: str) -> str | None:
            v = md.get(key)
            if v is None:
                return None
            if not isinstance(v, str):
                self.fail(f"{key} must be a string", self.at_key(key))
            return v

        def opt_int(key: str) -> int | None:
            v = md.get(key)
            if v is None:
                return None
            if isinstance(v, list) and v and all(type(x) is int for x in v):
                v = max(v)  # per-layer values (e.g. head counts): the largest bounds the cost
            elif isinstance(v, _BigArray) and v.elem_type in _INT_TYPES:
                v = int(self.numbers(v).max())
            if type(v) is not int or v < 0:
                self.fail(f"{key} must be a non-negative integer", self.at_key(key))
            return v

        tkey = "tokenizer.chat_template"
        chat_template = opt_str(tkey)
        if chat_template is not None:
            if len(chat_template.encode("utf-8")) > MAX_TEMPLATE_BYTES:
                self.fail(f"chat template longer than {MAX_TEMPLATE_BYTES >> 10} KiB", self.at_key(tkey))
            if "\x00" in chat_template or "tokenizer.chat_template" in self.bad_utf8_keys:
                self.fail("chat template contains NUL or invalid UTF-8", self.at_key(tkey))

        tokens = md.get("tokenizer.ggml.tokens")
        vocab_size: int | None = None
        token_text = _TokenTexts(self, tokens)
        if tokens is not None:
            vocab_size = len(token_text)
            if vocab_size == 0:
                self.fail("tokenizer.ggml.tokens is empty", self.at_key("tokenizer.ggml.tokens"))
            for k in ("tokenizer.ggml.scores", "tokenizer.ggml.token_type"):
                v = md.get(k)
                if v is not None and _length(v) != vocab_size:
                    self.fail(f"{k} has {_length(v)} entries but the vocabulary has {vocab_size}", self.at_key(k))

        def token(key: str) -> str | None:
            tid = md.get(key)
            if type(tid) is not int or vocab_size is None or not 0 <= tid < vocab_size:
                return None  # llama.cpp also ignores an out-of-range special id
            return token_text[tid]

        special: list[str] = []
        types = md.get("tokenizer.ggml.token_type")
        if types is not None and vocab_size is not None:
            special = [token_text[i][:MAX_SPECIAL_TOKEN_CHARS] for i in self.special_token_ids(types)]

        file_type = opt_int("general.file_type")
        parameters = sum(t.n_elements for t in tensors)
        return GGUFInfo(
            path=self.path,
            file_size=self.size,
            version=version,
            architecture=arch,
            name=opt_str("general.name"),
            parameters=parameters,
            quantization=_quantization(file_type, tensors),
            file_type=file_type,
            context_length=opt_int(f"{arch}.context_length"),
            block_count=opt_int(f"{arch}.block_count"),
            embedding_length=opt_int(f"{arch}.embedding_length"),
            head_count=opt_int(f"{arch}.attention.head_count"),
            head_count_kv=opt_int(f"{arch}.attention.head_count_kv"),
            key_length=opt_int(f"{arch}.attention.key_length"),
            value_length=opt_int(f"{arch}.attention.value_length"),
            kv_lora_rank=opt_int(f"{arch}.attention.kv_lora_rank"),
            rope_dimension_count=opt_int(f"{arch}.rope.dimension_count"),
            expert_count=opt_int(f"{arch}.expert_count"),
            expert_used_count=opt_int(f"{arch}.expert_used_count"),
            vocab_size=vocab_size,
            chat_template=chat_template,
            bos_token=token("tokenizer.ggml.bos_token_id"),
            eos_token=token("tokenizer.ggml.eos_token_id"),
            special_tokens=tuple(special),
            metadata=MappingProxyType({k: _public(v) for k, v in md.items()}),
            tensors=tensors,
        )

    def numbers(self, big: _BigArray) -> npt.NDArray[Any]:
        """A long numeric array as numpy values (a copy, so the buffer stays resizable)."""
        size = _SCALAR_SIZES[big.elem_type]
        raw = bytes(self.buf[big.start : big.start + big.count * size])
        return np.frombuffer(raw, dtype=_NP_DTYPES[big.elem_type], count=big.count)

    def special_token_ids(self, types: object) -> list[int]:
        """Ids of control (3) and user-defined (4) tokens, at most ``MAX_SPECIAL_TOKENS``."""
        wanted = (_TOKEN_TYPE_CONTROL, _TOKEN_TYPE_USER_DEFINED)
        if isinstance(types, _BigArray) and types.elem_type in _INT_TYPES:
            values = self.numbers(types)
            ids = np.flatnonzero((values == wanted[0]) | (values == wanted[1]))
            return [int(i) for i in ids[:MAX_SPECIAL_TOKENS]]
        if isinstance(types, list) and all(type(x) is int for x in types):
            return [i for i, t in enumerate(types) if t in wanted][:MAX_SPECIAL_TOKENS]
        self.fail("tokenizer.ggml.token_type must be an integer array", self.at_key("tokenizer.ggml.token_type"))


class _TokenTexts:
    """Index access to token texts, decoded one at a time from the spans the scan kept."""

    def __init__(self, parser: _Parser, tokens: object) -> None:
        self.parser = parser
        self.strings: list[str] | None = None
        self.spans: array.array[int] | None = None
        if tokens is None:
            return
        if isinstance(tokens, _StringArray) and tokens.starts is not None:
            self.spans = tokens.starts
        elif isinstance(tokens, list) and all(isinstance(t, str) for t in tokens):
            self.strings = tokens
        else:
            parser.fail("tokenizer.ggml.tokens must be an array of strings", parser.at_key("tokenizer.ggml.tokens"))

    def __len__(self) -> int:
        if self.spans is not None:
            return len(self.spans)
        return len(self.strings) if self.strings is not None else 0

    def __getitem__(self, i: int) -> str:
        if self.spans is not None:
            return self.parser.string_at(self.spans[i])
        assert self.strings is not None
        return self.strings[i]


def _length(v: object) -> int:
    if isinstance(v, _BigArray):
        return v.count
    if isinstance(v, _StringArray | list):
        return len(v)
    return -1


def _public(v: object) -> object:
    """What ``GGUFInfo.metadata`` shows: scalars and short arrays as is, big arrays summarised."""
    if isinstance(v, _BigArray):
        return f"<array of {v.count} {_TYPE_NAMES[v.elem_type]}>"
    if isinstance(v, _StringArray):
        return f"<array of {len(v)} str>"
    if isinstance(v, list):
        return tuple(_public(x) for x in v)
    return v


def _align(n: int, alignment: int) -> int:
    return (n + alignment - 1) // alignment * alignment


def _quantization(file_type: int | None, tensors: tuple[TensorInfo, ...]) -> str:
    """``Q4_K_M`` etc. from ``general.file_type``, else the type holding the most tensor bytes."""
    if file_type is not None and file_type != LlamaFileType.GUESSED:
        try:
            name = LlamaFileType(file_type).name
        except ValueError:
            name = ""
        if name:
            return name.removeprefix("MOSTLY_").removeprefix("ALL_")
    if not tensors:
        return "unknown"
    by_type: dict[str, int] = {}
    for t in tensors:
        by_type[t.type_name] = by_type.get(t.type_name, 0) + t.nbytes
    return max(by_type.items(), key=lambda kv: kv[1])[0]


_QUANT_SIZES: dict[int, tuple[int, int]] = {int(k): v for k, v in GGML_QUANT_SIZES.items()}
_QUANT_NAMES: dict[int, str] = {int(t): t.name for t in GGMLQuantizationType}
