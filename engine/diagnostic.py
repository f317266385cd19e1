"""Generated GGUF models for self-tests, benchmarks and the test-suite (no downloads needed).

A *scripted* model is a deterministic bigram chain: every transformer block's output projections
are zero, so the last hidden state is the (RMS-normed) embedding of the current token, and the
embeddings and ``output.weight`` are chosen so that each chain token predicts the next one with a
logit margin of :data:`LOGIT_SCALE`.  After the DeepSeek-R1 generation prompt (which ends in
``<think>\\n``) such a model streams ``reasoning``, ``</think>``, ``\\n\\n``, the answer and EOS,
whatever the sampling temperature.  ``script=None`` gives random weights (random text) instead.

Models are written with gguf-py as F16/F32 and converted by ``llama_model_quantize``; the deepseek2
tensor set is taken from llama.cpp itself (see :mod:`engine.diagnostic_native`).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import gguf
import numpy as np
import numpy.typing as npt

from engine.chat_formats import DEEPSEEK_R1_TEMPLATE, EOS, THINK_CLOSE
from engine.diagnostic_native import TensorSpec, quantize, tensor_inventory
from engine.diagnostic_vocab import Vocab, base_vocab, encode_token_text, pad_vocab, split_unique

Arch = Literal["llama", "qwen2", "deepseek2"]
Quant = Literal["F16", "Q8_0", "Q4_K_M"]
VocabKind = Literal["tiny", "qwen2-size"]

#: Bump when the generated files change, so cached models are rebuilt.
GENERATOR_VERSION = 1
#: Logit of the scripted next token above every unrelated token (cross-talk can eat up to half).
LOGIT_SCALE = 80.0
QWEN2_VOCAB_SIZE = 151_936
#: ``tokenizer.ggml.pre`` values used by real DeepSeek-R1-family conversions of each architecture.
PRE_TOKENIZERS: dict[str, str] = {"qwen2": "deepseek-r1-qwen", "llama": "llama-bpe", "deepseek2": "deepseek-v3"}

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Script:
    """What a scripted model says after the R1 generation prompt.

    The stream is ``reasoning + "</think>" + "\\n\\n" + answer * repeat_answer`` and then EOS.
    Each text must be empty or at least two bytes long.
    """

    reasoning: str
    answer: str
    repeat_answer: int = 1

    @property
    def content(self) -> str:
        """The reply after the reasoning block, as a chat client should show it."""
        return self.answer * self.repeat_answer

    @property
    def completion_text(self) -> str:
        """The raw generated text (special ``<｜…｜>`` markers are not printed; EOS ends it)."""
        return f"{self.reasoning}{THINK_CLOSE}\n\n{self.content}"


#: CJK whose UTF-8 bytes straddle token boundaries, plus English: streaming tests use it to prove
#: that no U+FFFD appears and that the pieces concatenate to the exact text.
DEFAULT_SCRIPT = Script(reasoning="用戶問政策。Let me think.", answer="香港政府的政策：資料、軟件、網絡。Done.")


@dataclass(frozen=True)
class _Hparams:
    n_layer: int
    n_embd: int
    n_head: int
    n_head_kv: int
    n_ff: int
    n_ctx_train: int
    rope_freq_base: float
    rms_eps: float


@dataclass(frozen=True)
class _Chain:
    """Token ids of a scripted model: ``start`` (last prompt token) then ``ids`` (ends with EOS)."""

    start: int
    ids: tuple[int, ...]


def _tiny_hparams(arch: Arch, n_layer: int, n_embd: int, n_ctx_train: int) -> _Hparams:
    if n_embd % 32 or n_embd < 32:
        raise ValueError("n_embd must be a positive multiple of 32 (quantisation block size)")
    n_head = max(1, n_embd // 32)
    return _Hparams(
        n_layer=n_layer,
        n_embd=n_embd,
        n_head=1 if arch == "deepseek2" else n_head,
        n_head_kv=1 if arch == "deepseek2" else max(1, n_head // 2),
        n_ff=2 * n_embd,
        n_ctx_train=n_ctx_train,
        rope_freq_base=500_000.0 if arch == "llama" else 1_000_000.0 if arch == "qwen2" else 10_000.0,
        rms_eps=1e-5 if arch == "llama" else 1e-6,
    )


def _make_vocab(script: Script | None, kind: VocabKind) -> tuple[Vocab, _Chain | None]:
    vocab = base_vocab()
    chain: _Chain | None = None
    if script is not None:
        if script.repeat_answer < 1:
            raise ValueError("repeat_answer must be at least 1")
        # "\n" ends the prompt and "\n\n" separates reasoning from answer: keep both out of the texts.
        taken = set(vocab.ids) | {encode_token_text(b"\n\n")}
        pieces = split_unique(script.reasoning.encode(), taken)
        ids = [vocab.add(encode_token_text(p)) for p in pieces]
        ids.append(vocab.id_of(THINK_CLOSE))
        ids.append(vocab.add(encode_token_text(b"\n\n")))
        for piece in split_unique(script.content.encode(), taken):
            ids.append(vocab.add(encode_token_text(piece)))
        ids.append(vocab.id_of(EOS))
        chain = _Chain(start=vocab.id_of(encode_token_text(b"\n")), ids=tuple(ids))
    if kind == "qwen2-size":
        pad_vocab(vocab, QWEN2_VOCAB_SIZE)
    return vocab, chain


def _write_metadata(
    writer: gguf.GGUFWriter, arch: Arch, hp: _Hparams, vocab: Vocab, chat_template: str | None, name: str
) -> None:
    writer.add_name(name)
    writer.add_file_type(1)  # MOSTLY_F16 (the unquantised file); llama_model_quantize rewrites it
    writer.add_context_length(hp.n_ctx_train)
    writer.add_embedding_length(hp.n_embd)
    writer.add_block_count(hp.n_layer)
    writer.add_feed_forward_length(hp.n_ff)
    writer.add_head_count(hp.n_head)
    writer.add_head_count_kv(hp.n_head_kv)
    writer.add_rope_freq_base(hp.rope_freq_base)
    writer.add_layer_norm_rms_eps(hp.rms_eps)
    writer.add_vocab_size(len(vocab))
    if arch == "llama":
        writer.add_rope_dimension_count(hp.n_embd // hp.n_head)
    if arch == "deepseek2":
        # MLA + MoE shape known to load and generate with llama.cpp (DESIGN §5).
        writer.add_key_length(576)
        writer.add_value_length(512)
        writer.add_key_length_mla(192)
        writer.add_value_length_mla(128)
        writer.add_rope_dimension_count(64)
        writer.add_q_lora_rank(512)
        writer.add_kv_lora_rank(512)
        writer.add_leading_dense_block_count(1)
        writer.add_expert_count(2)
        writer.add_expert_used_count(2)
        writer.add_expert_shared_count(1)
        writer.add_expert_feed_forward_length(hp.n_ff)
        writer.add_expert_weights_scale(1.0)
        writer.add_expert_weights_norm(True)
        writer.add_expert_gating_func(gguf.ExpertGatingFuncType.SIGMOID)
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre(PRE_TOKENIZERS[arch])
    writer.add_token_list(vocab.tokens)
    writer.add_token_types(vocab.token_types)
    writer.add_token_merges(vocab.merges)
    writer.add_bos_token_id(vocab.id_of("<｜begin▁of▁sentence｜>"))
    writer.add_eos_token_id(vocab.id_of(EOS))
    writer.add_add_bos_token(True)
    writer.add_add_eos_token(False)
    if chat_template is not None:
        writer.add_chat_template(chat_template)


def _dense_specs(arch: Arch, hp: _Hparams, n_vocab: int) -> list[TensorSpec]:
    """The tensors of a llama/qwen2 model (numpy shapes, (out, in))."""
    head_dim = hp.n_embd // hp.n_head
    q_dim, kv_dim = hp.n_head * head_dim, hp.n_head_kv * head_dim
    specs = [TensorSpec("token_embd.weight", (n_vocab, hp.n_embd))]
    for i in range(hp.n_layer):
        blk = f"blk.{i}."
        specs += [
            TensorSpec(blk + "attn_norm.weight", (hp.n_embd,)),
            TensorSpec(blk + "attn_q.weight", (q_dim, hp.n_embd)),
            TensorSpec(blk + "attn_k.weight", (kv_dim, hp.n_embd)),
            TensorSpec(blk + "attn_v.weight", (kv_dim, hp.n_embd)),
            TensorSpec(blk + "attn_output.weight", (hp.n_embd, q_dim)),
            TensorSpec(blk + "ffn_norm.weight", (hp.n_embd,)),
            TensorSpec(blk + "ffn_gate.weight", (hp.n_ff, hp.n_embd)),
            TensorSpec(blk + "ffn_up.weight", (hp.n_ff, hp.n_embd)),
            TensorSpec(blk + "ffn_down.weight", (hp.n_embd, hp.n_ff)),
        ]
        if arch == "qwen2":
            specs += [
                TensorSpec(blk + "attn_q.bias", (q_dim,)),
                TensorSpec(blk + "attn_k.bias", (kv_dim,)),
                TensorSpec(blk + "attn_v.bias", (kv_dim,)),
            ]
    specs += [TensorSpec("output_norm.weight", (hp.n_embd,)), TensorSpec("output.weight", (n_vocab, hp.n_embd))]
    return specs


#: Per-layer deepseek2 tensors a real DeepSeek-V3/R1 conversion carries (llama.cpp also offers
#: optional extras — biases, alternative MLA layouts — that real files do not have).
_DEEPSEEK2_LAYER_TENSORS = frozenset(
    {
        "attn_norm.weight", "attn_q_a_norm.weight", "attn_kv_a_norm.weight", "attn_q_a.weight",
        "attn_q_b.weight", "attn_kv_a_mqa.weight", "attn_k_b.weight", "attn_v_b.weight",
        "attn_output.weight", "ffn_norm.weight", "ffn_gate.weight", "ffn_up.weight", "ffn_down.weight",
        "ffn_gate_inp.weight", "exp_probs_b.bias", "ffn_gate_exps.weight", "ffn_up_exps.weight",
        "ffn_down_exps.weight", "ffn_gate_shexp.weight", "ffn_up_shexp.weight", "ffn_down_shexp.weight",
    }
)


def _deepseek2_specs(hp: _Hparams, vocab: Vocab, directory: Path) -> list[TensorSpec]:
    """Ask llama.cpp which tensors its deepseek2 loader creates for these hyper-parameters."""
    fd, name = tempfile.mkstemp(suffix=".meta.gguf", dir=directory)
    os.close(fd)
    meta = Path(name)
    try:
        writer = gguf.GGUFWriter(meta, "deepseek2")
        _write_metadata(writer, "deepseek2", hp, vocab, None, "inventory")
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_ti_data_to_file()
        writer.close()
        specs = tensor_inventory(meta)
    finally:
        meta.unlink(missing_ok=True)
    kept: list[TensorSpec] = []
    for spec in specs:
        parts = spec.name.split(".", 2)
        if parts[0] != "blk" or parts[2] in _DEEPSEEK2_LAYER_TENSORS:
            kept.append(spec)
        elif parts[2] == "ffn_gate_up_exps.weight":
            # Metadata-only loading offers the fused form first; real files (and every llama.cpp
            # version) use separate expert gate and up tensors.
            experts, double_ff, n_embd = spec.shape
            prefix = f"blk.{parts[1]}."
            kept.append(TensorSpec(prefix + "ffn_gate_exps.weight", (experts, double_ff // 2, n_embd)))
            kept.append(TensorSpec(prefix + "ffn_up_exps.weight", (experts, double_ff // 2, n_embd)))
    return kept


#: Tensors whose output is added to the residual stream; zero in a scripted model.
_RESIDUAL_WRITERS = ("attn_output.weight", "ffn_down.weight", "ffn_down_exps.weight", "ffn_down_shexp.weight")


def _sign_vectors(count: int, dim: int, rng: np.random.Generator) -> FloatArray:
    """``count`` ±1 vectors of length ``dim``: orthogonal (Hadamard rows) while they last."""
    out = np.empty((count, dim), dtype=np.float32)
    orthogonal = 0
    if dim & (dim - 1) == 0:
        hadamard = np.ones((1, 1), dtype=np.float32)
        while hadamard.shape[0] < dim:
            hadamard = np.block([[hadamard, hadamard], [hadamard, -hadamard]])
        orthogonal = min(count, dim)
        out[:orthogonal] = hadamard[:orthogonal]
    if count > orthogonal:
        out[orthogonal:] = rng.choice(np.array([-1.0, 1.0], dtype=np.float32), size=(count - orthogonal, dim))
    return out


def _scripted_io(chain: _Chain, n_vocab: int, n_embd: int, rng: np.random.Generator) -> tuple[FloatArray, FloatArray]:
    """Embedding and output matrices realising the bigram chain ``start → ids[0] → … → EOS``."""
    states = [chain.start, *chain.ids[:-1]]
    vectors = _sign_vectors(len(states), n_embd, rng)
    embedding = rng.standard_normal((n_vocab, n_embd), dtype=np.float32)
    output = np.zeros((n_vocab, n_embd), dtype=np.float32)
    for state, target, vector in zip(states, chain.ids, vectors, strict=True):
        embedding[state] = vector  # RMS norm of a ±1 vector is the vector itself
        output[target] = vector * (LOGIT_SCALE / n_embd)
    return embedding, output


def _tensor_values(
    spec: TensorSpec, scripted: bool, rng: np.random.Generator, io: tuple[FloatArray, FloatArray] | None
) -> npt.NDArray[np.floating]:
    name = spec.name
    if io is not None and name == "token_embd.weight":
        return io[0]
    if io is not None and name == "output.weight":
        return io[1]
    if name.endswith("norm.weight"):
        return np.ones(spec.shape, dtype=np.float32)
    if name.endswith(".bias") or (scripted and name.endswith(_RESIDUAL_WRITERS)):
        return np.zeros(spec.shape, dtype=np.float32)
    std = 0.02
    if name == "output.weight":  # random model: logits of a few units, so sampling varies
        std = 2.0 / np.sqrt(spec.shape[-1])
    elif name == "token_embd.weight":
        std = 1.0
    return _random_normal(spec.shape, std, rng)


#: Above this many elements a tensor is tiled from a pool of random numbers: drawing hundreds of
#: millions of normals (and converting them to F16) dominated the real-proportion model's build.
_POOL_THRESHOLD = 1 << 22
_POOL_SIZE = 1_048_573  # prime, so consecutive rows start at different pool offsets


def _random_normal(shape: tuple[int, ...], std: float, rng: np.random.Generator) -> npt.NDArray[np.floating]:
    """N(0, std²) values: F32 for vectors, F16 (the unquantised file's type) for matrices."""
    dtype = np.dtype(np.float32 if len(shape) == 1 else np.float16)
    count = int(np.prod(shape))
    if count <= _POOL_THRESHOLD:
        return (rng.standard_normal(shape, dtype=np.float32) * np.float32(std)).astype(dtype)
    out: npt.NDArray[np.floating] = np.empty(count, dtype=dtype)
    out[:_POOL_SIZE] = rng.standard_normal(_POOL_SIZE, dtype=np.float32) * np.float32(std)
    filled = _POOL_SIZE
    while filled < count:  # double the filled prefix: memcpy speed, period stays _POOL_SIZE
        step = min(filled, count - filled)
        out[filled : filled + step] = out[:step]
        filled += step
    return out.reshape(shape)


def _write_raw(
    path: Path, arch: Arch, hp: _Hparams, vocab: Vocab, specs: list[TensorSpec],
    tensors: Iterator[npt.NDArray[np.floating]], chat_template: str | None, name: str,
) -> None:
    """Stream the unquantised model: matrices as F16 (exact for the scripted values), vectors F32."""
    writer = gguf.GGUFWriter(path, arch)
    _write_metadata(writer, arch, hp, vocab, chat_template, name)
    dtypes = [np.dtype(np.float32 if len(spec.shape) == 1 else np.float16) for spec in specs]
    for spec, dtype in zip(specs, dtypes, strict=True):
        writer.add_tensor_info(spec.name, spec.shape, dtype, int(np.prod(spec.shape)) * dtype.itemsize)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_ti_data_to_file()
    for values, dtype in zip(tensors, dtypes, strict=True):
        writer.write_tensor_data(values.astype(dtype, copy=False))
    writer.close()


def _build(
    path: Path, *, arch: Arch, quant: Quant, script: Script | None, hp: _Hparams,
    chat_template: str | None, vocab_kind: VocabKind, seed: int, name: str,
) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    vocab, chain = _make_vocab(script, vocab_kind)
    rng = np.random.default_rng(seed)
    specs = _deepseek2_specs(hp, vocab, path.parent) if arch == "deepseek2" else _dense_specs(arch, hp, len(vocab))
    io = _scripted_io(chain, len(vocab), hp.n_embd, rng) if chain is not None else None

    def tensors() -> Iterator[npt.NDArray[np.floating]]:
        for spec in specs:
            yield _tensor_values(spec, chain is not None, rng, io)

    fd_raw, raw_name = tempfile.mkstemp(prefix=".raw-", suffix=".gguf", dir=path.parent)
    fd_out, out_name = tempfile.mkstemp(prefix=".quant-", suffix=".gguf", dir=path.parent)
    os.close(fd_raw)
    os.close(fd_out)
    raw, out = Path(raw_name), Path(out_name)
    try:
        _write_raw(raw, arch, hp, vocab, specs, tensors(), chat_template, name)
        quantize(raw, out, quant)
        os.replace(out, path)
    finally:
        raw.unlink(missing_ok=True)
        out.unlink(missing_ok=True)
    return path


def build_model(
    path: Path | str,
    *,
    arch: Arch = "qwen2",
    quant: Quant = "Q8_0",
    script: Script | None = DEFAULT_SCRIPT,
    n_layer: int = 2,
    n_embd: int = 64,
    n_ctx_train: int = 4096,
    chat_template: str | None = DEEPSEEK_R1_TEMPLATE,
    vocab: VocabKind = "tiny",
    seed: int = 0,
    name: str = "Bauhinia diagnostic",
) -> Path:
    """Write a small GGUF model to ``path`` (atomically) and return the path.

    ``script`` makes it a deterministic bigram chain (see the module docstring); ``None`` gives
    random weights.  ``chat_template=None`` leaves ``tokenizer.chat_template`` out.  For
    ``Q4_K_M`` with ``n_embd`` not a multiple of 256, llama.cpp quantises the too-short rows with
    a fallback type, as it does for real models with such shapes.
    """
    hp = _tiny_hparams(arch, n_layer, n_embd, n_ctx_train)
    return _build(
        Path(path), arch=arch, quant=quant, script=script, hp=hp, chat_template=chat_template,
        vocab_kind=vocab, seed=seed, name=name,
    )


def _cache_key(params: dict[str, object]) -> str:
    try:
        import llama_cpp

        llama_version = str(llama_cpp.__version__)
    except ImportError:  # pragma: no cover - the generator needs llama_cpp anyway
        llama_version = "none"
    blob = json.dumps({"generator": GENERATOR_VERSION, "llama_cpp": llama_version, **params}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:20]


def diagnostic_file_name(
    *,
    arch: Arch = "qwen2",
    quant: Quant = "Q8_0",
    script: Script | None = DEFAULT_SCRIPT,
    n_layer: int = 2,
    n_embd: int = 64,
    n_ctx_train: int = 4096,
    chat_template: str | None = DEEPSEEK_R1_TEMPLATE,
    vocab: VocabKind = "tiny",
    seed: int = 0,
    name: str = "Bauhinia diagnostic",
) -> str:
    """The cache file name of the model these parameters build (unique per parameters and
    generator/llama.cpp version)."""
    params: dict[str, object] = {
        "arch": arch, "quant": quant, "n_layer": n_layer, "n_embd": n_embd, "n_ctx_train": n_ctx_train,
        "chat_template": chat_template, "vocab": vocab, "seed": seed, "name": name,
        "script": None if script is None else [script.reasoning, script.answer, script.repeat_answer],
    }
    kind = "random" if script is None else "scripted"
    return f"diagnostic-{arch}-{quant}-{kind}-{_cache_key(params)}.gguf"


def diagnostic_model_path(
    cache_dir: Path | str,
    *,
    arch: Arch = "qwen2",
    quant: Quant = "Q8_0",
    script: Script | None = DEFAULT_SCRIPT,
    n_layer: int = 2,
    n_embd: int = 64,
    n_ctx_train: int = 4096,
    chat_template: str | None = DEEPSEEK_R1_TEMPLATE,
    vocab: VocabKind = "tiny",
    seed: int = 0,
    name: str = "Bauhinia diagnostic",
) -> Path:
    """The cached model for these parameters, built on first use (concurrent builders are safe:
    each writes its own temporary file and the last atomic rename wins with identical content).

    For tests and benchmarks only: it trusts whatever file has the predicted name. The application
    loads generated models through ``app.models.built.open_built``, which loads only bytes it built
    or whose recorded hash they match."""
    path = Path(cache_dir) / diagnostic_file_name(
        arch=arch, quant=quant, script=script, n_layer=n_layer, n_embd=n_embd, n_ctx_train=n_ctx_train,
        chat_template=chat_template, vocab=vocab, seed=seed, name=name,
    )
    if not path.is_file():
        build_model(
            path, arch=arch, quant=quant, script=script, n_layer=n_layer, n_embd=n_embd,
            n_ctx_train=n_ctx_train, chat_template=chat_template, vocab=vocab, seed=seed, name=name,
        )
    return path


#: DeepSeek-R1-Distill-Qwen-style proportions (Qwen2.5-0.5B shapes, untied output).
BENCH_HPARAMS = _Hparams(
    n_layer=24, n_embd=896, n_head=14, n_head_kv=2, n_ff=4864, n_ctx_train=32_768,
    rope_freq_base=1_000_000.0, rms_eps=1e-6,
)


def build_bench_model(path: Path | str, *, seed: int = 0) -> Path:
    """A real-proportion random-weight qwen2 model (~460 MiB at Q4_K_M) for speed measurements."""
    return _build(
        Path(path), arch="qwen2", quant="Q4_K_M", script=None, hp=BENCH_HPARAMS, chat_template=DEEPSEEK_R1_TEMPLATE,
        vocab_kind="qwen2-size", seed=seed, name="Bauhinia bench (random weights)",
    )


__all__ = [
    "DEFAULT_SCRIPT", "LOGIT_SCALE", "Arch", "Quant", "Script", "build_bench_model", "build_model",
    "diagnostic_file_name", "diagnostic_model_path",
]
