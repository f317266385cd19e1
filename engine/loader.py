"""Validate, place and load a model: the one path from a GGUF file to a ``ChatSession``.

Order matters for safety: the file is validated by our own parser before llama.cpp sees it; then
the device is chosen from discovered (or injected) devices and the offload planned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from engine import devices as devices_mod
from engine.device_fallback import DeviceFallback, classify_load_error, module_failures
from engine.devices import CpuFacts, Device, cpu_facts, device_handles, discover_devices, ensure_backends
from engine.errors import ModelLoadError
from engine.gguf_file import GGUFInfo, inspect
from engine.planner import (
    Choice,
    ModelFootprint,
    choose_device,
    choose_threads,
    footprint_from_gguf,
    is_allowed,
    plan_offload,
)
from engine.session import ChatSession, SessionConfig

DEFAULT_N_CTX = 4096


@dataclass(frozen=True)
class LoadOptions:
    backend: str = "auto"
    allow_list: Sequence[str] | None = None
    n_ctx: int = 0  # 0: the model's training context, capped by what memory allows
    max_n_ctx: int = 0  # an upper bound from IT's catalogue (0: none); memory still caps an n_ctx of 0
    gpu_layers: int = -1  # -1: as planned
    threads: int = 0  # 0: chosen from the CPU's physical cores
    kv_budget_mb: int = 512
    prompt_lookup: bool = True  # draft from the prompt (engine.prompt_lookup)
    chat_template: str | None = None


@dataclass(frozen=True)
class Placement:
    info: GGUFInfo
    choice: Choice
    n_ctx: int
    n_gpu_layers: int
    threads: int
    #: Set when a GPU failed (did not initialise, ran out of memory) and the CPU runs the model.
    fallback: DeviceFallback | None = None


def place(
    info: GGUFInfo,
    options: LoadOptions,
    *,
    devices: Sequence[Device] | None = None,
    cpu: CpuFacts | None = None,
) -> Placement:
    """Decide device, context, GPU layers and threads for ``info`` (no loading)."""
    devs = list(devices) if devices is not None else discover_devices()
    footprint = footprint_from_gguf(info)
    trained = info.context_length or DEFAULT_N_CTX
    if options.max_n_ctx > 0:
        trained = min(trained, options.max_n_ctx)
    # Never beyond what the model was trained for: llama.cpp would warn and quality collapses.
    n_ctx = (min(options.n_ctx, trained) if options.n_ctx
             else _context_memory_allows(devs, options, footprint, trained))
    choice = choose_device(devs, options.backend, options.allow_list, footprint, n_ctx=n_ctx)
    layers = choice.n_gpu_layers if options.gpu_layers < 0 or not choice.model_devices else options.gpu_layers
    threads = choose_threads(cpu or cpu_facts(), override=options.threads or None)
    return Placement(info=info, choice=choice, n_ctx=n_ctx, n_gpu_layers=layers, threads=threads)


def _context_memory_allows(devs: Sequence[Device], options: LoadOptions, footprint: ModelFootprint,
                           trained: int) -> int:
    """``model.context_length = 0``: the trained context, halved until the model, its KV cache and
    compute buffer fit the chosen device's free memory (or, for a partial offload, the host's);
    never below ``min(trained, DEFAULT_N_CTX)``."""
    floor = min(trained, DEFAULT_N_CTX)
    cpu = next((d for d in devs if d.kind == "cpu"), None)
    n_ctx = trained
    while n_ctx > floor:
        choice = choose_device(devs, options.backend, options.allow_list, footprint, n_ctx=n_ctx)
        if choice.plan.fits_fully or (cpu is not None and plan_offload(cpu, footprint, n_ctx).fits_fully):
            return n_ctx
        n_ctx = max(floor, n_ctx // 2)
    return floor


def load_session(
    path: str | Path,
    options: LoadOptions | None = None,
    *,
    devices: Sequence[Device] | None = None,
    cpu: CpuFacts | None = None,
    info: GGUFInfo | None = None,
    inspector: Callable[[str | Path], GGUFInfo] = inspect,
) -> tuple[ChatSession, Placement]:
    """Validate ``path``, place it and load it; raises ``ModelFileError``/``BackendError``/
    ``ModelLoadError`` with messages fit for users."""
    options = options or LoadOptions()
    # The app's own backend modules before llama.cpp's: Llama() on an empty registry would load
    # whatever it finds beside the program, in the working directory or via GGML_BACKEND_PATH.
    ensure_backends()
    info = info or inspector(path)
    devs = list(devices) if devices is not None else discover_devices()
    placement = place(info, options, devices=devs, cpu=cpu)
    if not placement.choice.model_devices:
        placement = replace(placement, fallback=_gpu_that_failed_to_start(options))
        return _open(path, info, options, placement), placement
    try:
        return _open(path, info, options, placement), placement
    except ModelLoadError as exc:
        # The GPU could not take it (out of memory, a driver fault): the CPU can, if policy allows.
        cpu_dev = next((d for d in devs if d.kind == "cpu"), None)
        if cpu_dev is None or not is_allowed(cpu_dev, options.allow_list):
            raise
        fallback = classify_load_error(placement.choice.device.id, str(exc))
        placement = replace(place(info, replace(options, backend="cpu"), devices=devs, cpu=cpu), fallback=fallback)
        return _open(path, info, options, placement), placement


def _open(path: str | Path, info: GGUFInfo, options: LoadOptions, placement: Placement) -> ChatSession:
    config = SessionConfig(
        n_ctx=placement.n_ctx,
        n_threads=placement.threads,
        n_gpu_layers=placement.n_gpu_layers,
        kv_budget_bytes=options.kv_budget_mb << 20,
        prompt_lookup=options.prompt_lookup,
        chat_template=options.chat_template,
        device_handles=device_handles(placement.choice.model_devices),
    )
    return ChatSession(path, config, architecture=info.architecture, file_chat_template=info.chat_template)


def _gpu_that_failed_to_start(options: LoadOptions) -> DeviceFallback | None:
    """A GPU backend module that did not initialise (so "auto" found no GPU), if policy allows it."""
    if options.backend.strip().casefold() == "cpu":
        return None
    allowed = None if options.allow_list is None else [e.strip().casefold() for e in options.allow_list]
    for failure in module_failures(devices_mod.MODULE_LOAD_LOG):
        backend = failure.device.casefold()  # "vulkan": allowed as "Vulkan" or as one of its devices
        if allowed is None or any(e.startswith(backend) for e in allowed):
            return failure
    return None


def check_loadable(path: str | Path) -> str | None:
    """``None`` when this llama.cpp build can read the model: its architecture, hyper-parameters and
    vocabulary (a vocab-only load, no weights are read); otherwise llama.cpp's reason in one line.

    ``engine.gguf_file.inspect`` validates the container; this asks the real loader, so an
    architecture llama.cpp does not know (or a missing hyper-parameter) is reported before a
    multi-GB load is attempted."""
    import os

    import llama_cpp

    from engine.devices import ensure_backends
    from engine.llama_logs import captured_llama_logs, tail

    ensure_backends()
    params = llama_cpp.llama_model_default_params()
    params.vocab_only = True
    with captured_llama_logs() as logs:
        model = llama_cpp.llama_model_load_from_file(os.fsencode(os.fspath(path)), params)
    if not model:
        errors = [ln for ln in "".join(logs).splitlines() if "error" in ln.lower() or "unknown" in ln.lower()]
        return tail(errors or logs, 1) or "llama.cpp could not read this model"
    llama_cpp.llama_model_free(model)
    return None
