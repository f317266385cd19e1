"""Where a model runs: which device, how many layers go onto it, and how many CPU threads.

Everything here is arithmetic over plain inputs (device list, model footprint, context size, CPU
facts) so it can be tested with fake GPUs; ``engine.devices`` supplies the real inputs.

Layer placement follows llama.cpp (``llama_model::load_tensors``): with ``n_gpu_layers = k`` the
output layer is offloaded first, then the last ``k - 1`` repeating layers; the token embeddings
always stay on the CPU. Each offloaded layer also keeps its KV cache on the device.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from engine.devices import GIB, CpuFacts, Device
from engine.errors import BackendError

MIB = 1024**2

#: Architectures whose attention is DeepSeek's multi-head latent attention: the KV cache holds
#: ``kv_lora_rank + rope_dimension_count`` elements per token per layer and no separate V.
MLA_ARCHITECTURES = frozenset({"deepseek2", "deepseek32", "deepseek4"})

#: Weight types llama.cpp's CANN backend multiplies on an Ascend 910B/910C (ggml-cann ``supports_op``
#: for MUL_MAT; docs/backend/CANN.md "DataType Supports"). Any other type runs its matrix
#: multiplications on the CPU, copying activations to and fro every layer. F32 is the norms and
#: biases every quantised file has. BF16 is accepted for dense models only: MUL_MAT_ID (the MoE
#: experts) takes F16/Q4_0/Q8_0 but not BF16.
CANN_WEIGHT_TYPES = frozenset({"F16", "Q4_0", "Q8_0"})
CANN_DENSE_EXTRA_TYPES = frozenset({"BF16"})
#: The Ascend 310P (Atlas 300I Duo): quantised MUL_MAT/MUL_MAT_ID are not supported there, and a
#: CANN module is built for one SoC family (``-DSOC_TYPE``), so F16 is all it runs.
CANN_310P_WEIGHT_TYPES = frozenset({"F16"})

DEFAULT_N_CTX = 4096
DEFAULT_N_UBATCH = 512
#: Kept free on a GPU for the driver's context, other programs and allocator slack.
DEFAULT_MARGIN_BYTES = 512 * MIB
#: ``auto`` offloads only when at least this share of the layers fits; a few layers on a GPU
#: save little and cost transfers and GPU memory other programs may need.
DEFAULT_MIN_OFFLOAD_FRACTION = 0.25


def gib(n: float) -> str:
    return f"{n / GIB:.1f} GiB"


@dataclass(frozen=True)
class ModelFootprint:
    """The sizes of a model that placement depends on.

    ``layer_bytes[i]`` is the bytes of the ``blk.i.*`` tensors; ``output_bytes`` the part of
    ``non_layer_bytes`` that belongs to the output layer (output head + final norm).
    ``quantization`` is the file type ("Q4_K_M", "Q8_0", "F16"); ``tensor_types`` the ggml type
    names present ("Q4_K", "Q6_K", "F32").
    """

    architecture: str
    block_count: int
    embedding_length: int
    layer_bytes: tuple[int, ...]
    non_layer_bytes: int
    output_bytes: int
    head_count: int | None = None
    head_count_kv: int | None = None
    key_length: int | None = None
    value_length: int | None = None
    kv_lora_rank: int | None = None
    rope_dimension_count: int | None = None
    expert_count: int | None = None
    context_length: int | None = None
    vocab_size: int | None = None
    file_size: int = 0
    quantization: str | None = None
    tensor_types: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def nominal_7b(cls) -> ModelFootprint:
        """DeepSeek-R1-Distill-Qwen-7B at Q4_K_M (its published shape, ~4.7 GB): what to plan
        for when no model is configured yet (``bauhinia doctor``)."""
        token_embd = 152064 * 3584 * 144 // 256  # Q4_K: 144 bytes per 256 weights
        output = 152064 * 3584 * 210 // 256  # Q6_K: 210 bytes per 256 weights
        return cls(
            architecture="qwen2",
            block_count=28,
            embedding_length=3584,
            layer_bytes=(140_000_000,) * 28,
            non_layer_bytes=token_embd + output + 3584 * 4,
            output_bytes=output + 3584 * 4,
            head_count=28,
            head_count_kv=4,
            context_length=131072,
            vocab_size=152064,
            file_size=4_683_073_920,
            quantization="Q4_K_M",
            tensor_types=frozenset({"F32", "Q4_K", "Q6_K"}),
        )

    @property
    def weights_bytes(self) -> int:
        return sum(self.layer_bytes) + self.non_layer_bytes

    @property
    def uses_mla(self) -> bool:
        return self.architecture in MLA_ARCHITECTURES and bool(self.kv_lora_rank)

    def kv_elements_per_token_layer(self) -> int:
        """KV-cache elements one token occupies in one layer."""
        if self.uses_mla:
            assert self.kv_lora_rank is not None
            return self.kv_lora_rank + (self.rope_dimension_count or 0)
        n_head = self.head_count or 1
        n_head_kv = self.head_count_kv or n_head
        head_dim = self.embedding_length // n_head
        key = self.key_length or head_dim
        value = self.value_length or head_dim
        return n_head_kv * (key + value)

    def kv_bytes_per_layer(self, n_ctx: int, kv_type_bytes: float = 2) -> int:
        return math.ceil(n_ctx * self.kv_elements_per_token_layer() * kv_type_bytes)

    def compute_buffer_bytes(self, n_ctx: int, n_ubatch: int = DEFAULT_N_UBATCH) -> int:
        """llama.cpp's scratch for one micro-batch, in F32: the attention scores
        (n_ctx × n_head per token) plus activations (a few × n_embd), or the logits (n_vocab),
        whichever is larger — the shape of Ollama's estimate, close to llama.cpp's reported
        CUDA compute buffer without flash attention (~0.3 GiB for a 7B model at 4096)."""
        n_embd = self.embedding_length
        n_head = self.head_count or 1
        n_vocab = self.vocab_size or 0
        attention = 1 + 4 * n_embd + n_ctx * (1 + n_head)
        logits = n_embd + n_vocab
        return 4 * n_ubatch * max(attention, logits)

    def bytes_needed(self, n_ctx: int, *, kv_type_bytes: float = 2, n_ubatch: int = DEFAULT_N_UBATCH) -> int:
        """Everything the model needs in one place: weights, the whole KV cache, compute buffer."""
        return (
            self.weights_bytes
            + self.block_count * self.kv_bytes_per_layer(n_ctx, kv_type_bytes)
            + self.compute_buffer_bytes(n_ctx, n_ubatch)
        )


class GGUFLike(Protocol):
    """What ``footprint_from_gguf`` reads from ``engine.gguf_file.GGUFInfo`` (duck-typed)."""

    @property
    def architecture(self) -> str: ...
    @property
    def block_count(self) -> int | None: ...
    @property
    def embedding_length(self) -> int | None: ...
    @property
    def head_count(self) -> int | None: ...
    @property
    def head_count_kv(self) -> int | None: ...
    @property
    def key_length(self) -> int | None: ...
    @property
    def value_length(self) -> int | None: ...
    @property
    def kv_lora_rank(self) -> int | None: ...
    @property
    def rope_dimension_count(self) -> int | None: ...
    @property
    def expert_count(self) -> int | None: ...
    @property
    def context_length(self) -> int | None: ...
    @property
    def vocab_size(self) -> int | None: ...
    @property
    def file_size(self) -> int: ...

    def layer_bytes(self) -> Mapping[int, int]: ...

    def non_layer_bytes(self) -> int: ...


_OUTPUT_TENSORS = ("output.weight", "output.bias", "output_norm.weight", "output_norm.bias")


def footprint_from_gguf(info: GGUFLike) -> ModelFootprint:
    """Build a footprint from an inspected GGUF file.

    Optional extras are used when the object has them: ``quantization`` (file type name) and
    ``tensors`` (items with ``name``, ``type_name``, ``nbytes``) for the output layer's exact
    size and the tensor types. Without ``tensors`` the output layer is taken as all non-layer
    bytes — an over-estimate, so plans err on the safe side.
    """
    per_layer = dict(info.layer_bytes())
    n_layer = max(info.block_count or 0, max(per_layer, default=-1) + 1)
    layer_bytes = tuple(per_layer.get(i, 0) for i in range(n_layer))
    non_layer = info.non_layer_bytes()

    tensors: Sequence[Any] = getattr(info, "tensors", ()) or ()
    by_name = {str(t.name): int(t.nbytes) for t in tensors}
    if by_name:
        output = sum(by_name.get(n, 0) for n in _OUTPUT_TENSORS)
        if "output.weight" not in by_name:  # tied embeddings: llama.cpp duplicates token_embd
            output += by_name.get("token_embd.weight", 0)
    else:
        output = non_layer
    types = frozenset(str(t.type_name) for t in tensors)
    quant = getattr(info, "quantization", None)
    quantization = str(quant) if quant and str(quant) != "unknown" else None

    n_embd = info.embedding_length or 0
    return ModelFootprint(
        architecture=info.architecture,
        block_count=len(layer_bytes),
        embedding_length=n_embd,
        layer_bytes=layer_bytes,
        non_layer_bytes=non_layer,
        output_bytes=min(output, non_layer) if non_layer else output,
        head_count=info.head_count,
        head_count_kv=info.head_count_kv,
        key_length=info.key_length,
        value_length=info.value_length,
        kv_lora_rank=info.kv_lora_rank,
        rope_dimension_count=info.rope_dimension_count,
        expert_count=info.expert_count,
        context_length=info.context_length,
        vocab_size=info.vocab_size,
        file_size=info.file_size,
        quantization=quantization,
        tensor_types=types,
    )


# --------------------------------------------------------------------------------------------
# offload plan


@dataclass(frozen=True)
class OffloadPlan:
    """How much of a model goes onto one device.

    ``n_gpu_layers`` is llama.cpp's parameter (``total_layers`` = repeating layers + output
    layer). ``fits_fully`` means the model, its KV cache and compute buffer fit in the device's
    free memory: on a GPU, every layer offloaded; on the CPU, no paging needed.
    """

    n_gpu_layers: int
    total_layers: int
    weights_bytes_on_device: int
    kv_bytes_on_device: int
    compute_buffer_bytes: int
    fits_fully: bool
    reason: str
    bytes_needed: int = 0


def plan_offload(
    device: Device,
    footprint: ModelFootprint,
    n_ctx: int,
    *,
    kv_type_bytes: float = 2,
    margin_bytes: int = DEFAULT_MARGIN_BYTES,
    n_ubatch: int = DEFAULT_N_UBATCH,
) -> OffloadPlan:
    """How many layers of ``footprint`` fit in ``device``'s free memory at context ``n_ctx``."""
    if n_ctx <= 0:
        raise ValueError("n_ctx must be positive")
    total_layers = footprint.block_count + 1
    kv_layer = footprint.kv_bytes_per_layer(n_ctx, kv_type_bytes)
    compute = footprint.compute_buffer_bytes(n_ctx, n_ubatch)
    needed = footprint.bytes_needed(n_ctx, kv_type_bytes=kv_type_bytes, n_ubatch=n_ubatch)

    if not device.is_offload_target:
        fits = needed <= device.memory_free
        reason = (
            f"{device.id} runs every layer; model needs {gib(needed)} at {n_ctx} tokens of context, "
            f"{gib(device.memory_free)} memory free" + ("" if fits else " — it will page from disk and run slowly")
        )
        return OffloadPlan(
            0,
            total_layers,
            footprint.weights_bytes,
            kv_layer * footprint.block_count,
            compute,
            fits,
            reason,
            needed,
        )

    budget = device.memory_free - margin_bytes - compute
    # Offload order: the output layer, then repeating layers from the last one down.
    steps = [(footprint.output_bytes, 0)] + [
        (footprint.layer_bytes[i], kv_layer) for i in reversed(range(footprint.block_count))
    ]
    n, weights, kv = 0, 0, 0
    for w, k in steps:
        if weights + kv + w + k > budget:
            break
        n, weights, kv = n + 1, weights + w, kv + k
    fits = n == total_layers
    head = f"{device.id} ({device.name}) has {gib(device.memory_free)} free; model needs {gib(needed)}"
    if fits:
        reason = f"{head} — all {total_layers} layers on the {device.kind.upper()}"
    elif n == 0:
        reason = f"{head} — not even one layer fits beside the compute buffer and a {gib(margin_bytes)} reserve"
    else:
        reason = f"{head} — {n} of {total_layers} layers on the {device.kind.upper()}, the rest on the CPU"
    return OffloadPlan(n, total_layers, weights, kv, compute if n else 0, fits, reason, needed)


# --------------------------------------------------------------------------------------------
# device choice


def _norm_quant(name: str) -> str:
    return name.upper().removeprefix("MOSTLY_").removeprefix("ALL_")


def cann_weight_types(device: Device, footprint: ModelFootprint) -> frozenset[str]:
    """The weight types ``device`` (an Ascend NPU; ggml names it by its SoC, "Ascend910B3",
    "Ascend310P3") runs for this model."""
    if "310P" in device.name.upper():
        return CANN_310P_WEIGHT_TYPES
    return CANN_WEIGHT_TYPES | (frozenset() if footprint.expert_count else CANN_DENSE_EXTRA_TYPES)


def _types_text(types: frozenset[str]) -> str:
    order = ["F16", "BF16", "Q4_0", "Q8_0"]
    names = sorted(types, key=lambda t: (order.index(t) if t in order else len(order), t))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def incompatibility(device: Device, footprint: ModelFootprint) -> str | None:
    """Why ``device`` cannot run this model, or ``None`` when it can.

    Only Ascend (CANN) devices refuse models today: weight types outside ``cann_weight_types``,
    and DeepSeek's MLA architectures, which llama.cpp's CANN backend lists as unsupported
    (docs/backend/CANN.md, "DeepSeek models"; its flash attention also needs equal K and V head
    sizes, and MLA's are 576 and 512). Those belong on a vLLM-Ascend or MindIE server.
    """
    if device.backend.upper() != "CANN":
        return None
    head = f"{device.id} ({device.name}) is an Ascend NPU"
    if footprint.architecture in MLA_ARCHITECTURES:
        return (
            f"{head}; llama.cpp's CANN backend does not run DeepSeek {footprint.architecture} (MLA) models — "
            "serve them from a vLLM-Ascend or MindIE endpoint"
        )
    allowed = cann_weight_types(device, footprint)
    tolerated = allowed | {"F32"}
    if footprint.quantization is not None:
        quant = _norm_quant(footprint.quantization)
        if quant in tolerated:
            return None
        what = quant
    else:
        odd = sorted({_norm_quant(t) for t in footprint.tensor_types} - tolerated)
        if not odd:
            return None
        what = "/".join(odd)
    return f"{head}; CANN runs only {_types_text(allowed)} weights there and this model is {what}"


@dataclass(frozen=True)
class Choice:
    """The device a model will use and why.

    ``model_devices`` is what to put in ``llama_model_params.devices`` (via
    ``engine.devices.device_handles``): empty for the CPU, which keeps the model off every GPU.
    ``passed_over`` says why other devices were not chosen.
    """

    device: Device
    reason: str
    plan: OffloadPlan
    model_devices: tuple[str, ...]
    passed_over: tuple[str, ...] = ()

    @property
    def n_gpu_layers(self) -> int:
        return self.plan.n_gpu_layers


def is_allowed(device: Device, allow_list: Sequence[str] | None) -> bool:
    """Allow-list entries name a device id ("CUDA0") or a backend ("CUDA", "CPU"); ``None``
    allows everything, an empty list nothing."""
    if allow_list is None:
        return True
    names = {device.id.casefold(), device.backend.casefold()}
    if device.backend == "Metal":
        names.add("mtl")
    return any(entry.strip().casefold() in names for entry in allow_list)


def choose_device(
    devices: Sequence[Device],
    setting: str,
    allow_list: Sequence[str] | None,
    footprint: ModelFootprint,
    *,
    n_ctx: int = DEFAULT_N_CTX,
    kv_type_bytes: float = 2,
    margin_bytes: int = DEFAULT_MARGIN_BYTES,
    min_offload_fraction: float = DEFAULT_MIN_OFFLOAD_FRACTION,
) -> Choice:
    """Pick the device for ``footprint`` from ``setting``: "auto", "cpu", or a device id/name.

    A named device that is missing, outside ``allow_list`` or unable to run the model raises
    ``BackendError``; "auto" passes over such devices and says why.
    """

    def plan(dev: Device) -> OffloadPlan:
        return plan_offload(dev, footprint, n_ctx, kv_type_bytes=kv_type_bytes, margin_bytes=margin_bytes)

    allowed_text = ", ".join(allow_list) if allow_list else "nothing"
    wanted = setting.strip()
    key = wanted.casefold()
    if key != "auto":
        return _choose_named(devices, wanted, allow_list, footprint, plan, allowed_text)

    passed: list[str] = []
    candidates: list[tuple[Device, OffloadPlan]] = []
    for dev in devices:
        if not dev.is_offload_target:
            continue
        if not is_allowed(dev, allow_list):
            passed.append(f"{dev.id} is not allowed by policy (allowed: {allowed_text})")
            continue
        why_not = incompatibility(dev, footprint)
        if why_not:
            passed.append(why_not)
            continue
        p = plan(dev)
        candidates.append((dev, p))

    cpu = next((d for d in devices if d.kind == "cpu"), None)
    cpu_ok = cpu is not None and is_allowed(cpu, allow_list)
    worth = [
        (d, p) for d, p in candidates if p.n_gpu_layers >= max(1, math.ceil(min_offload_fraction * p.total_layers))
    ]
    if not worth and not cpu_ok:
        worth = [(d, p) for d, p in candidates if p.n_gpu_layers > 0]
    if worth:
        dev, p = max(
            worth, key=lambda dp: (dp[0].kind == "gpu", dp[1].fits_fully, dp[1].n_gpu_layers, dp[0].memory_free)
        )
        others = [f"{d.id}: {q.reason}" for d, q in candidates if d is not dev]
        return Choice(dev, p.reason, p, (dev.id,), tuple(passed + others))

    for _dev, p in candidates:
        passed.append(f"{p.reason}; too few to be worth it" if p.n_gpu_layers else p.reason)
    if cpu is None or not cpu_ok:
        found = ", ".join(d.id for d in devices) or "none"
        detail = "; ".join(passed) or "no usable GPU"
        raise BackendError(
            f"No allowed compute device can run this model (policy allows: {allowed_text}; "
            f"this machine has: {found}). {detail}"
        )
    p = plan(cpu)
    lead = "; ".join(passed) if passed else "No GPU found by llama.cpp"
    return Choice(cpu, f"{lead} — using the CPU. {p.reason}", p, (), tuple(passed))


def _choose_named(
    devices: Sequence[Device],
    wanted: str,
    allow_list: Sequence[str] | None,
    footprint: ModelFootprint,
    plan: Callable[[Device], OffloadPlan],
    allowed_text: str,
) -> Choice:
    key = wanted.casefold()
    if key == "cpu":
        dev = next((d for d in devices if d.kind == "cpu"), None)
    else:
        dev = next((d for d in devices if d.id.casefold() == key), None) or next(
            (d for d in devices if d.name.casefold() == key), None
        )
    if dev is None:
        found = ", ".join(d.id for d in devices) or "none"
        raise BackendError(f"Compute device {wanted!r} was not found (this machine has: {found})")
    if not is_allowed(dev, allow_list):
        raise BackendError(
            f"Compute device {dev.id} is not allowed by your organisation's policy (allowed: {allowed_text})"
        )
    if dev.kind == "accel":
        raise BackendError(
            f"{dev.id} ({dev.name}) is an accelerator that works alongside the CPU; choose 'cpu' or a GPU"
        )
    why_not = incompatibility(dev, footprint)
    if why_not:
        raise BackendError(why_not)
    p = plan(dev)
    if dev.kind == "cpu":
        return Choice(dev, f"The CPU was chosen in settings. {p.reason}", p, ())
    return Choice(dev, f"{dev.id} was chosen in settings. {p.reason}", p, (dev.id,))


# --------------------------------------------------------------------------------------------
# threads


def choose_threads(cpu: CpuFacts, *, override: int | None = None) -> int:
    """Decode threads: the physical cores this process may use.

    Deliberately not llama-cpp-python's default of half the logical CPUs: on a 2-core machine
    without SMT that is 1 thread and ~30% slower decode (DESIGN §5). Hyper-threads share a core's
    memory bandwidth and vector units, so going past physical cores does not help. An override is
    kept within 1 … logical CPUs.
    """
    if override is not None:
        return max(1, min(override, cpu.logical_cpus))
    if cpu.physical_cores:
        return max(1, min(cpu.physical_cores, cpu.usable_cpus))
    return max(1, cpu.usable_cpus)
