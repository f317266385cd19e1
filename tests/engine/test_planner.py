"""Device choice, offload planning and thread choice.

GPUs cannot run here, so most tests use fake ``Device`` values (a mock of a GPU, as the project
rules require saying): an 8 GB and a 24 GB card, an Ascend NPU, an iGPU. The footprints are built
from published shapes of real models. The last tests run the real discovery on this CPU.
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pytest

from engine.devices import GIB, CpuFacts, Device, cpu_facts, discover_devices, make_device
from engine.errors import BackendError
from engine.planner import (
    DEFAULT_MARGIN_BYTES,
    MIB,
    ModelFootprint,
    choose_device,
    choose_threads,
    footprint_from_gguf,
    incompatibility,
    is_allowed,
    plan_offload,
)

# ---------------------------------------------------------------------------------------------
# fake devices (mocks: no GPU in this machine)

CPU = make_device("CPU", "AMD EPYC 7B13", "cpu", "CPU", 64 * GIB, 48 * GIB)
GPU8 = make_device("CUDA0", "NVIDIA GeForce RTX 4060", "gpu", "CUDA", 8 * GIB, int(7.4 * GIB))
GPU24 = make_device("CUDA1", "NVIDIA GeForce RTX 4090", "gpu", "CUDA", 24 * GIB, int(22.1 * GIB))
VULKAN24 = make_device("Vulkan0", "NVIDIA GeForce RTX 4090", "gpu", "Vulkan", 24 * GIB, int(22.1 * GIB))
IGPU = make_device("Vulkan1", "Intel(R) Iris(R) Xe Graphics", "igpu", "Vulkan", 16 * GIB, 12 * GIB)
ASCEND = make_device("CANN0", "Ascend910B", "gpu", "CANN", 64 * GIB, 60 * GIB)
BLAS = make_device("BLAS", "OpenBLAS", "accel", "BLAS", 0, 0)


def llama2_7b_q4_k_m() -> ModelFootprint:
    """Llama-2-7B Q4_K_M (3.80 GiB): 32 layers of ~121 MB, no GQA (32 KV heads of 128)."""
    token_embd = 32000 * 4096 * 144 // 256  # Q4_K: 144 bytes per 256 weights
    output = 32000 * 4096 * 210 // 256  # Q6_K: 210 bytes per 256 weights
    return ModelFootprint(
        architecture="llama",
        block_count=32,
        embedding_length=4096,
        layer_bytes=(121_000_000,) * 32,
        non_layer_bytes=token_embd + output + 4096 * 4,
        output_bytes=output + 4096 * 4,
        head_count=32,
        head_count_kv=32,
        vocab_size=32000,
        context_length=4096,
        quantization="Q4_K_M",
        tensor_types=frozenset({"F32", "Q4_K", "Q6_K"}),
    )


def r1_distill_qwen_7b_q4_k_m() -> ModelFootprint:
    """DeepSeek-R1-Distill-Qwen-7B Q4_K_M (~4.4 GiB): 28 layers, GQA with 4 KV heads, 152k vocab."""
    token_embd = 152064 * 3584 * 144 // 256
    output = 152064 * 3584 * 210 // 256
    return ModelFootprint(
        architecture="qwen2",
        block_count=28,
        embedding_length=3584,
        layer_bytes=(145_000_000,) * 28,
        non_layer_bytes=token_embd + output,
        output_bytes=output,
        head_count=28,
        head_count_kv=4,
        vocab_size=152064,
        quantization="Q4_K_M",
        tensor_types=frozenset({"F32", "Q4_K", "Q6_K"}),
    )


def deepseek2_design_shape() -> ModelFootprint:
    """The DESIGN §5 deepseek2 shape: 1 KV head, key/value length 576/512, LoRA rank 512, rope 64."""
    return ModelFootprint(
        architecture="deepseek2",
        block_count=2,
        embedding_length=128,
        layer_bytes=(1_000_000, 2_000_000),
        non_layer_bytes=500_000,
        output_bytes=250_000,
        head_count=1,
        head_count_kv=1,
        key_length=576,
        value_length=512,
        kv_lora_rank=512,
        rope_dimension_count=64,
        expert_count=2,
        vocab_size=300,
        quantization="Q8_0",
    )


def assert_plan_is_tight(device: Device, fp: ModelFootprint, n_ctx: int) -> int:
    """The plan uses no more than free memory and one more layer would not fit."""
    p = plan_offload(device, fp, n_ctx)
    used = p.weights_bytes_on_device + p.kv_bytes_on_device + p.compute_buffer_bytes + DEFAULT_MARGIN_BYTES
    assert used <= device.memory_free
    if not p.fits_fully:
        next_layer = fp.block_count - p.n_gpu_layers  # index of the next repeating layer to offload
        extra = fp.layer_bytes[next_layer] + fp.kv_bytes_per_layer(n_ctx)
        assert used + extra > device.memory_free
    return p.n_gpu_layers


# ---------------------------------------------------------------------------------------------
# footprint arithmetic


def test_kv_cache_formula_for_ordinary_attention() -> None:
    fp = llama2_7b_q4_k_m()
    # 32 KV heads × (128 + 128) × 2 bytes × 4096 tokens = 64 MiB per layer, 2 GiB in all
    assert fp.kv_bytes_per_layer(4096) == 64 * MIB
    assert fp.block_count * fp.kv_bytes_per_layer(4096) == 2 * GIB
    gqa = r1_distill_qwen_7b_q4_k_m()
    assert gqa.kv_bytes_per_layer(4096) == 4096 * 4 * (128 + 128) * 2
    # q8_0 KV cache: 34 bytes per 32 elements
    assert fp.kv_bytes_per_layer(4096, kv_type_bytes=34 / 32) == 34 * MIB


def test_mla_kv_cache_is_latent_plus_rope_not_key_plus_value() -> None:
    fp = deepseek2_design_shape()
    assert fp.uses_mla
    assert fp.kv_elements_per_token_layer() == 512 + 64
    naive = replace(fp, architecture="llama")  # same numbers read as ordinary attention
    assert not naive.uses_mla
    assert naive.kv_elements_per_token_layer() == 1 * (576 + 512)
    ratio = naive.kv_bytes_per_layer(8192) / fp.kv_bytes_per_layer(8192)
    assert ratio == pytest.approx(1088 / 576)
    assert 1.85 < ratio < 1.95
    for arch in ("deepseek32", "deepseek4"):
        assert replace(fp, architecture=arch).kv_bytes_per_layer(8192) == fp.kv_bytes_per_layer(8192)


def test_compute_buffer_grows_with_context_and_vocabulary() -> None:
    fp = llama2_7b_q4_k_m()
    small, big = fp.compute_buffer_bytes(4096), fp.compute_buffer_bytes(32768)
    assert 200 * MIB < small < 500 * MIB  # llama.cpp reports ~0.3 GiB CUDA compute for 7B at 4096
    assert big > 6 * small
    short_ctx = replace(fp, vocab_size=1_000_000)
    assert short_ctx.compute_buffer_bytes(512) > fp.compute_buffer_bytes(512)


def test_nominal_7b_is_a_plausible_distill() -> None:
    fp = ModelFootprint.nominal_7b()
    assert 4.2 * GIB < fp.weights_bytes < 4.6 * GIB
    assert abs(fp.weights_bytes - fp.file_size) < 10 * MIB  # the GGUF header and metadata are small
    assert plan_offload(GPU8, fp, 4096).fits_fully
    assert not plan_offload(GPU8, fp, 32768).fits_fully


# ---------------------------------------------------------------------------------------------
# offload plans (fake GPUs)


def test_7b_fits_fully_on_24gb_gpu() -> None:
    fp = llama2_7b_q4_k_m()
    p = plan_offload(GPU24, fp, 4096)
    assert p.fits_fully
    assert p.n_gpu_layers == p.total_layers == 33
    assert p.weights_bytes_on_device == sum(fp.layer_bytes) + fp.output_bytes
    assert p.kv_bytes_on_device == 2 * GIB
    assert "all 33 layers" in p.reason and "CUDA1" in p.reason and "22.1 GiB free" in p.reason
    assert_plan_is_tight(GPU24, fp, 4096)


def test_7b_fits_partially_on_8gb_gpu() -> None:
    fp = llama2_7b_q4_k_m()
    n = assert_plan_is_tight(GPU8, fp, 8192)
    p = plan_offload(GPU8, fp, 8192)
    assert not p.fits_fully
    assert 20 <= n <= 30, n  # ~6.3 GiB budget / (121 MB weights + 128 MiB KV) per layer
    assert p.n_gpu_layers == n and p.total_layers == 33
    assert f"{n} of 33 layers" in p.reason


def test_bigger_context_means_fewer_layers() -> None:
    for fp in (llama2_7b_q4_k_m(), r1_distill_qwen_7b_q4_k_m()):
        layers = [assert_plan_is_tight(GPU8, fp, n_ctx) for n_ctx in (2048, 8192, 16384, 32768)]
        assert layers == sorted(layers, reverse=True)
        assert layers[0] > layers[-1]
    # the GQA distill fits fully at 4096 but not at 32768 (KV 1.75 GiB + ~1.8 GiB compute)
    qwen = r1_distill_qwen_7b_q4_k_m()
    assert plan_offload(GPU8, qwen, 4096).fits_fully
    assert not plan_offload(GPU8, qwen, 32768).fits_fully


def test_tiny_gpu_gets_no_layers_and_cpu_always_zero() -> None:
    fp = llama2_7b_q4_k_m()
    tiny = make_device("Vulkan0", "Old card", "gpu", "Vulkan", GIB, 600 * MIB)
    p = plan_offload(tiny, fp, 4096)
    assert p.n_gpu_layers == 0 and p.weights_bytes_on_device == 0 and not p.fits_fully
    cpu_plan = plan_offload(CPU, fp, 4096)
    assert cpu_plan.n_gpu_layers == 0
    assert cpu_plan.fits_fully  # 48 GiB of RAM free
    assert "runs every layer" in cpu_plan.reason
    small_ram = replace(CPU, memory_free=2 * GIB)
    assert not plan_offload(small_ram, fp, 4096).fits_fully


def test_margin_costs_layers() -> None:
    fp = llama2_7b_q4_k_m()
    loose = plan_offload(GPU8, fp, 8192, margin_bytes=0).n_gpu_layers
    tight = plan_offload(GPU8, fp, 8192, margin_bytes=2 * GIB).n_gpu_layers
    assert loose > tight


# ---------------------------------------------------------------------------------------------
# device choice (fake GPUs)


def test_auto_picks_the_gpu_that_fits_with_a_reason() -> None:
    fp = llama2_7b_q4_k_m()
    c = choose_device([CPU, GPU8, GPU24], "auto", None, fp)
    assert c.device is GPU24
    assert c.model_devices == ("CUDA1",)
    assert c.n_gpu_layers == 33
    assert "CUDA1 (NVIDIA GeForce RTX 4090) has 22.1 GiB free; model needs" in c.reason
    assert any(s.startswith("CUDA0:") for s in c.passed_over)


def test_auto_takes_a_partial_offload_when_it_is_worth_it() -> None:
    c = choose_device([CPU, GPU8], "auto", None, llama2_7b_q4_k_m(), n_ctx=8192)
    assert c.device is GPU8 and 0 < c.n_gpu_layers < 33


def test_auto_falls_back_to_cpu_when_too_few_layers_fit() -> None:
    small = make_device("CUDA0", "NVIDIA GeForce GT 1030", "gpu", "CUDA", 2 * GIB, int(1.6 * GIB))
    c = choose_device([CPU, small], "auto", None, llama2_7b_q4_k_m())
    assert c.device is CPU
    assert c.model_devices == ()
    assert "too few to be worth it" in c.reason and "using the CPU" in c.reason


def test_auto_prefers_discrete_gpu_over_igpu_and_uses_igpu_alone() -> None:
    fp = r1_distill_qwen_7b_q4_k_m()
    assert choose_device([CPU, IGPU, GPU24], "auto", None, fp).device is GPU24
    assert choose_device([CPU, IGPU], "auto", None, fp).device is IGPU


def test_accelerator_devices_never_hold_layers() -> None:
    c = choose_device([CPU, BLAS], "auto", None, llama2_7b_q4_k_m())
    assert c.device is CPU
    with pytest.raises(BackendError, match="alongside the CPU"):
        choose_device([CPU, BLAS], "BLAS", None, llama2_7b_q4_k_m())


def test_allow_list_is_obeyed_by_auto() -> None:
    fp = llama2_7b_q4_k_m()
    devices = [CPU, GPU8, GPU24, VULKAN24]
    c = choose_device(devices, "auto", ["Vulkan", "CPU"], fp)
    assert c.device is VULKAN24
    c = choose_device(devices, "auto", ["cuda0", "CPU"], fp, n_ctx=8192)  # ids match case-insensitively
    assert c.device is GPU8
    c = choose_device(devices, "auto", ["CPU"], fp)
    assert c.device is CPU
    assert any("not allowed by policy" in s for s in c.passed_over)
    for allow in (["CPU"], ["Vulkan", "CPU"], ["CUDA0"]):
        for n_ctx in (2048, 32768):
            chosen = choose_device(devices, "auto", allow, fp, n_ctx=n_ctx).device
            assert is_allowed(chosen, allow), (allow, n_ctx, chosen.id)


def test_named_cpu_and_named_gpu() -> None:
    fp = llama2_7b_q4_k_m()
    c = choose_device([CPU, GPU24], "cpu", ["CPU", "CUDA"], fp)
    assert c.device is CPU and c.model_devices == () and c.n_gpu_layers == 0
    c = choose_device([CPU, GPU8, GPU24], "CUDA0", None, fp)
    assert c.device is GPU8 and c.model_devices == ("CUDA0",)
    c = choose_device([CPU, GPU8, GPU24], "NVIDIA GeForce RTX 4090", None, fp)  # by hardware name
    assert c.device is GPU24


def test_refusals_are_clear() -> None:
    fp = llama2_7b_q4_k_m()
    with pytest.raises(BackendError, match=r"'CUDA3' was not found \(this machine has: CPU, CUDA0\)"):
        choose_device([CPU, GPU8], "CUDA3", None, fp)
    with pytest.raises(BackendError, match="CUDA0 is not allowed by your organisation's policy"):
        choose_device([CPU, GPU8], "CUDA0", ["CPU"], fp)
    with pytest.raises(BackendError, match="CPU is not allowed"):
        choose_device([CPU, GPU8], "cpu", ["CUDA"], fp)
    with pytest.raises(BackendError, match="No allowed compute device"):
        choose_device([CPU, GPU8], "auto", [], fp)
    with pytest.raises(BackendError, match="No allowed compute device"):
        choose_device([CPU, GPU8], "auto", ["Vulkan"], fp)


def test_gpu_only_policy_uses_a_partial_gpu_rather_than_refusing() -> None:
    small = make_device("CUDA0", "NVIDIA GeForce GT 1030", "gpu", "CUDA", 2 * GIB, int(1.6 * GIB))
    c = choose_device([CPU, small], "auto", ["CUDA"], llama2_7b_q4_k_m())
    assert c.device is small and 0 < c.n_gpu_layers < 33


def test_ascend_refuses_k_quants_and_takes_supported_types() -> None:
    q4km = llama2_7b_q4_k_m()
    why = incompatibility(ASCEND, q4km)
    assert why is not None and "F16, BF16, Q4_0 and Q8_0" in why and "Q4_K_M" in why
    with pytest.raises(BackendError, match="CANN runs only F16, BF16, Q4_0 and Q8_0"):
        choose_device([CPU, ASCEND], "CANN0", None, q4km)
    c = choose_device([CPU, ASCEND], "auto", None, q4km)
    assert c.device is CPU and "Ascend" in c.reason and "Q4_K_M" in c.reason
    for quant in ("Q4_0", "Q8_0", "F16", "MOSTLY_Q8_0"):
        ok = replace(q4km, quantization=quant)
        assert incompatibility(ASCEND, ok) is None
        assert choose_device([CPU, ASCEND], "auto", None, ok).device is ASCEND
    # without a file type the tensor types decide
    assert incompatibility(ASCEND, replace(q4km, quantization=None)) is not None
    pure = replace(q4km, quantization=None, tensor_types=frozenset({"F32", "Q8_0"}))
    assert incompatibility(ASCEND, pure) is None
    assert incompatibility(GPU24, q4km) is None


# ---------------------------------------------------------------------------------------------
# footprints from GGUF files


@dataclass
class DuckInfo:
    """A GGUFLike without a tensor list: the output layer is taken as all non-layer bytes."""

    architecture: str = "llama"
    block_count: int | None = 4
    embedding_length: int | None = 64
    head_count: int | None = 4
    head_count_kv: int | None = 2
    key_length: int | None = None
    value_length: int | None = None
    kv_lora_rank: int | None = None
    rope_dimension_count: int | None = None
    expert_count: int | None = None
    context_length: int | None = 2048
    vocab_size: int | None = 100
    file_size: int = 10_000

    def layer_bytes(self) -> dict[int, int]:
        return {0: 100, 1: 100, 3: 120}  # layer 2 missing: counted as 0

    def non_layer_bytes(self) -> int:
        return 500


def test_footprint_from_duck_typed_info() -> None:
    fp = footprint_from_gguf(DuckInfo())
    assert fp.layer_bytes == (100, 100, 0, 120)
    assert fp.block_count == 4 and fp.output_bytes == 500 and fp.quantization is None
    assert fp.kv_elements_per_token_layer() == 2 * (16 + 16)


def write_gguf(path: Path, *, tied: bool) -> None:
    import gguf

    w = gguf.GGUFWriter(str(path), "llama")
    w.add_block_count(2)
    w.add_embedding_length(64)
    w.add_head_count(4)
    w.add_head_count_kv(2)
    w.add_context_length(256)
    w.add_feed_forward_length(128)
    w.add_file_type(gguf.LlamaFileType.MOSTLY_F16)
    w.add_tokenizer_model("gpt2")
    w.add_token_list([bytes([i]).decode("latin-1") for i in range(100)])
    rng = np.random.default_rng(0)
    w.add_tensor("token_embd.weight", rng.standard_normal((100, 64)).astype(np.float16))
    for i in range(2):
        for name, shape in (("attn_q", (64, 64)), ("attn_k", (32, 64)), ("ffn_up", (128, 64))):
            w.add_tensor(f"blk.{i}.{name}.weight", rng.standard_normal(shape).astype(np.float16))
        w.add_tensor(f"blk.{i}.attn_norm.weight", np.ones(64, dtype=np.float32))
    w.add_tensor("output_norm.weight", np.ones(64, dtype=np.float32))
    if not tied:
        w.add_tensor("output.weight", rng.standard_normal((100, 64)).astype(np.float16))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


@pytest.mark.parametrize("tied", [False, True])
def test_footprint_from_a_real_gguf_file(tmp_path: Path, tied: bool) -> None:
    import engine.gguf_file as gguf_file

    path = tmp_path / "tiny.gguf"
    write_gguf(path, tied=tied)
    fp = footprint_from_gguf(gguf_file.inspect(path))
    per_layer = (64 * 64 + 32 * 64 + 128 * 64) * 2 + 64 * 4
    assert fp.architecture == "llama"
    assert fp.layer_bytes == (per_layer, per_layer)
    assert fp.non_layer_bytes == 100 * 64 * 2 * (1 if tied else 2) + 64 * 4
    assert fp.output_bytes == 100 * 64 * 2 + 64 * 4  # tied: llama.cpp duplicates token_embd
    assert fp.quantization == "F16"
    assert fp.tensor_types == frozenset({"F16", "F32"})
    assert fp.head_count_kv == 2 and fp.vocab_size == 100
    assert incompatibility(ASCEND, fp) is None


def llama_cpp_report(path: Path, n_ctx: int) -> tuple[float, float]:
    """(KV cache MiB, CPU compute buffer MiB) as llama.cpp itself logs them when it loads ``path``."""
    from llama_cpp import Llama

    buf = io.StringIO()
    with contextlib.redirect_stderr(buf):
        Llama(str(path), n_ctx=n_ctx, n_threads=2, verbose=True).close()
    log = buf.getvalue()
    kv = re.search(r"llama_kv_cache: size =\s*([\d.]+) MiB", log)
    compute = re.search(r"CPU compute buffer size =\s*([\d.]+) MiB", log)
    assert kv and compute, log[-2000:]
    return float(kv.group(1)), float(compute.group(1))


@pytest.mark.parametrize("fixture", ["scripted_model_path", "scripted_llama_path"])
def test_estimates_match_what_llama_cpp_allocates(fixture: str, request: pytest.FixtureRequest) -> None:
    """The KV formula equals llama.cpp's own KV cache size (to its 0.01 MiB print precision); the
    compute-buffer estimate is within 15% of llama.cpp's CPU compute buffer."""
    import engine.gguf_file as gguf_file

    path: Path = request.getfixturevalue(fixture)
    fp = footprint_from_gguf(gguf_file.inspect(path))
    for n_ctx in (2048, 8192):
        kv_mib, compute_mib = llama_cpp_report(path, n_ctx)
        assert fp.block_count * fp.kv_bytes_per_layer(n_ctx) / MIB == pytest.approx(kv_mib, abs=0.006)
        assert fp.compute_buffer_bytes(n_ctx) / MIB == pytest.approx(compute_mib, rel=0.15)


def test_footprint_of_the_deepseek2_diagnostic_model_uses_mla(deepseek2_model_path: Path) -> None:
    import engine.gguf_file as gguf_file

    fp = footprint_from_gguf(gguf_file.inspect(deepseek2_model_path))
    assert fp.architecture == "deepseek2" and fp.uses_mla
    assert fp.kv_elements_per_token_layer() == (fp.kv_lora_rank or 0) + (fp.rope_dimension_count or 0) == 576
    naive = replace(fp, architecture="llama")
    assert naive.kv_bytes_per_layer(4096) / fp.kv_bytes_per_layer(4096) == pytest.approx(1088 / 576)


# ---------------------------------------------------------------------------------------------
# threads


def test_threads_are_physical_cores_not_half_the_logical_cpus() -> None:
    assert choose_threads(CpuFacts(physical_cores=2, logical_cpus=2, usable_cpus=2)) == 2
    assert choose_threads(CpuFacts(physical_cores=8, logical_cpus=16, usable_cpus=16)) == 8
    assert choose_threads(CpuFacts(physical_cores=8, logical_cpus=16, usable_cpus=4)) == 4
    assert choose_threads(CpuFacts(physical_cores=None, logical_cpus=6, usable_cpus=6)) == 6
    facts = CpuFacts(physical_cores=4, logical_cpus=8, usable_cpus=8)
    assert choose_threads(facts, override=3) == 3
    assert choose_threads(facts, override=64) == 8
    assert choose_threads(facts, override=0) == 1


# ---------------------------------------------------------------------------------------------
# the real path on this machine (no GPU here: the CPU must be found and chosen)


def test_real_discovery_and_auto_choice_on_this_cpu() -> None:
    devices = discover_devices()
    cpu = next(d for d in devices if d.kind == "cpu")
    if any(d.is_offload_target for d in devices):
        pytest.skip("this machine has a GPU; the CPU-only expectation does not apply")
    c = choose_device(devices, "auto", None, r1_distill_qwen_7b_q4_k_m())
    assert c.device == cpu
    assert c.model_devices == () and c.n_gpu_layers == 0
    assert "No GPU found by llama.cpp" in c.reason and "using the CPU" in c.reason
    threads = choose_threads(cpu_facts())
    facts = cpu_facts()
    assert threads == (min(facts.physical_cores, facts.usable_cpus) if facts.physical_cores else facts.usable_cpus)
