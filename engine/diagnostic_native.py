"""The llama.cpp calls the diagnostic-model generator needs: tensor inventory and quantisation.

``deepseek2`` (MLA + MoE) has an intricate tensor set that changes between llama.cpp versions, so
instead of hard-coding it we ask llama.cpp itself: ``llama_model_init_from_user`` builds a model
from metadata alone and calls us back once per tensor it creates, which tells us every name and
shape the installed loader expects.  Everything goes through ``llama_cpp.llama_cpp._lib`` (see
DESIGN §5: ``llama_cpp._ggml`` may hold a second, empty backend registry).
"""

from __future__ import annotations

import ctypes
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.llama_logs import captured_llama_logs
from engine.llama_logs import tail as _tail

#: ``llama_ftype`` values for the quantisations the generator offers.
FTYPES: dict[str, int] = {"F32": 0, "F16": 1, "Q8_0": 7, "Q4_K_M": 15}

_GGML_MAX_DIMS = 4
_lock = threading.Lock()
_declared = False


class _TensorHead(ctypes.Structure):
    """The leading fields of ``struct ggml_tensor`` (type, buffer, ne[4]); stable across ggml."""

    _fields_ = (
        ("type", ctypes.c_int),
        ("buffer", ctypes.c_void_p),
        ("ne", ctypes.c_int64 * _GGML_MAX_DIMS),
    )


class _GgufInitParams(ctypes.Structure):
    _fields_ = (("no_alloc", ctypes.c_bool), ("ctx", ctypes.c_void_p))


@dataclass(frozen=True)
class TensorSpec:
    """One tensor a loader expects: its name and numpy shape (outermost dimension first)."""

    name: str
    shape: tuple[int, ...]


def _llama() -> Any:
    import llama_cpp.llama_cpp as bindings

    return bindings


def _lib() -> Any:
    """llama.cpp's shared library with the few ggml/gguf symbols we call declared."""
    global _declared
    lib = _llama()._lib
    with _lock:
        if not _declared:
            lib.gguf_init_from_file.argtypes = [ctypes.c_char_p, _GgufInitParams]
            lib.gguf_init_from_file.restype = ctypes.c_void_p
            lib.gguf_free.argtypes = [ctypes.c_void_p]
            lib.gguf_free.restype = None
            lib.ggml_get_name.argtypes = [ctypes.c_void_p]
            lib.ggml_get_name.restype = ctypes.c_char_p
            _declared = True
    return lib


def tensor_inventory(metadata_path: Path) -> list[TensorSpec]:
    """Every tensor llama.cpp creates for the hyper-parameters in ``metadata_path``.

    ``metadata_path`` is a GGUF file with metadata and no tensors.  The model is built on the CPU
    only (an empty device list) and freed again; the tensors' contents are never computed.
    """
    from engine.devices import ensure_backends

    llama = _llama()
    lib = _lib()
    # Our own modules first: llama_backend_init() on an empty registry would search the program's
    # folder, the working directory and GGML_BACKEND_PATH for backends.
    ensure_backends()
    llama.llama_backend_init()
    specs: list[TensorSpec] = []

    def record(tensor: int, _userdata: int | None) -> None:
        head = ctypes.cast(tensor, ctypes.POINTER(_TensorHead)).contents
        dims = [int(n) for n in head.ne]
        while len(dims) > 1 and dims[-1] == 1:
            dims.pop()
        name = lib.ggml_get_name(tensor).decode()
        specs.append(TensorSpec(name=name, shape=tuple(reversed(dims))))

    callback = llama.llama_model_set_tensor_data_t(record)
    gguf_ctx = lib.gguf_init_from_file(os.fsencode(metadata_path), _GgufInitParams(True, None))
    if not gguf_ctx:
        raise RuntimeError(f"llama.cpp could not read the metadata file {metadata_path}")
    no_devices = (ctypes.c_void_p * 1)(None)  # CPU only: an empty, NULL-terminated device list
    params = llama.llama_model_default_params()
    params.devices = ctypes.cast(no_devices, ctypes.c_void_p)
    try:
        with captured_llama_logs() as logs:
            model = llama.llama_model_init_from_user(gguf_ctx, callback, None, params)
        if not model:
            raise RuntimeError(f"llama.cpp refused the generated hyper-parameters: {_tail(logs)}")
        llama.llama_model_free(model)
    finally:
        lib.gguf_free(gguf_ctx)
    return specs


def quantize(source: Path, target: Path, quant: str, *, threads: int | None = None) -> None:
    """Convert the F32/F16 GGUF ``source`` to ``quant`` (``F16``, ``Q8_0``, ``Q4_K_M``) at ``target``.

    llama.cpp picks a compatible fallback type for tensors whose rows are too short for a
    K-quant, exactly as it does for real models; ``general.file_type`` still names ``quant``.
    """
    llama = _llama()
    params = llama.llama_model_quantize_default_params()
    params.ftype = FTYPES[quant]
    params.nthread = threads or os.cpu_count() or 1
    with captured_llama_logs() as logs:
        status = llama.llama_model_quantize(os.fsencode(source), os.fsencode(target), ctypes.byref(params))
    if status != 0:
        raise RuntimeError(f"llama_model_quantize failed ({status}) for {source} → {quant}: {_tail(logs)}")
