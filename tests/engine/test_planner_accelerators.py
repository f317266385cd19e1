"""The planner's rules for Ascend (CANN) and Moore Threads (MUSA), with injected devices.

No NPU or Moore Threads card is in this machine, so the devices are fakes built with
``make_device`` exactly as discovery builds real ones (a mock, as the project rules require
saying): ggml names a CANN device by its SoC ("Ascend910B3", "Ascend310P3") and registers MUSA
cards under the backend "MUSA". The models are the published shapes of real ones: DeepSeek-V3
(671B) and DeepSeek-V2-Lite (16B) tensor by tensor, and a 32B dense distill; the last tests read
the deepseek2 model llama.cpp itself generated (tests/fixtures_models.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from engine.devices import GIB, Device, make_device
from engine.errors import BackendError
from engine.planner import (
    DEFAULT_MARGIN_BYTES,
    ModelFootprint,
    cann_weight_types,
    choose_device,
    footprint_from_gguf,
    incompatibility,
    plan_offload,
)

CPU = make_device("CPU", "Kunpeng 920", "cpu", "CPU", 512 * GIB, 480 * GIB)
ASCEND_910B = make_device("CANN0", "Ascend910B3", "gpu", "CANN", 64 * GIB, 60 * GIB)
ASCEND_910B_32 = make_device("CANN1", "Ascend910B4", "gpu", "CANN", 32 * GIB, 30 * GIB)
ASCEND_310P = make_device("CANN0", "Ascend310P3", "gpu", "CANN", 48 * GIB, 44 * GIB)
MUSA_S4000 = make_device("MUSA0", "MTT S4000", "gpu", "MUSA", 48 * GIB, 47 * GIB)
MUSA_S80 = make_device("MUSA1", "MTT S80", "gpu", "MUSA", 16 * GIB, int(14.5 * GIB))

Q4_0 = 18 / 32  # bytes per weight: 32 weights in a block of 2 + 16 bytes
Q8_0 = 34 / 32


# ---------------------------------------------------------------------------------------------
# published shapes


@dataclass(frozen=True)
class DeepSeekShape:
    """DeepSeek V2/V3 hyper-parameters (the model cards' config.json)."""

    n_layer: int
    n_dense: int  # first_k_dense_replace
    n_embd: int
    n_head: int
    q_lora_rank: int  # 0: a plain Q projection (V2-Lite)
    kv_lora_rank: int
    nope: int
    rope: int
    v_dim: int
    dense_ff: int
    moe_ff: int
    n_expert: int
    n_shared: int
    vocab: int

    def attention_weights(self) -> int:
        qk = self.nope + self.rope
        q = (self.n_embd * self.q_lora_rank + self.q_lora_rank * self.n_head * qk if self.q_lora_rank
             else self.n_embd * self.n_head * qk)
        kv_a = self.n_embd * (self.kv_lora_rank + self.rope)
        kv_b = self.kv_lora_rank * self.n_head * (self.nope + self.v_dim)
        return q + kv_a + kv_b + self.n_head * self.v_dim * self.n_embd

    def ffn_weights(self, layer: int) -> int:
        if layer < self.n_dense:
            return 3 * self.n_embd * self.dense_ff
        return 3 * self.n_embd * self.moe_ff * (self.n_expert + self.n_shared)

    def params(self) -> int:
        layers = sum(self.attention_weights() + self.ffn_weights(i) for i in range(self.n_layer))
        return layers + 2 * self.vocab * self.n_embd

    def footprint(self, bytes_per_weight: float = Q4_0, quant: str = "Q4_0") -> ModelFootprint:
        norms = 4 * (2 * self.n_embd + self.q_lora_rank + self.kv_lora_rank)
        layer_bytes = tuple(
            int((self.attention_weights() + self.ffn_weights(i)) * bytes_per_weight) + norms
            + (4 * self.n_embd * self.n_expert if i >= self.n_dense else 0)  # F32 router
            for i in range(self.n_layer)
        )
        output = int(self.vocab * self.n_embd * bytes_per_weight) + 4 * self.n_embd
        return ModelFootprint(
            architecture="deepseek2", block_count=self.n_layer, embedding_length=self.n_embd,
            layer_bytes=layer_bytes, non_layer_bytes=2 * output, output_bytes=output,
            head_count=self.n_head, head_count_kv=1,  # llama.cpp's MLA GGUF: one latent "head"
            key_length=self.kv_lora_rank + self.rope, value_length=self.kv_lora_rank,
            kv_lora_rank=self.kv_lora_rank, rope_dimension_count=self.rope, expert_count=self.n_expert,
            context_length=163840, vocab_size=self.vocab, quantization=quant,
            tensor_types=frozenset({"F32", quant}),
        )


DEEPSEEK_V3 = DeepSeekShape(n_layer=61, n_dense=3, n_embd=7168, n_head=128, q_lora_rank=1536, kv_lora_rank=512,
                            nope=128, rope=64, v_dim=128, dense_ff=18432, moe_ff=2048, n_expert=256, n_shared=1,
                            vocab=129280)
DEEPSEEK_V2_LITE = DeepSeekShape(n_layer=27, n_dense=1, n_embd=2048, n_head=16, q_lora_rank=0, kv_lora_rank=512,
                                 nope=128, rope=64, v_dim=128, dense_ff=10944, moe_ff=1408, n_expert=64, n_shared=2,
                                 vocab=102400)


def qwen_32b(bytes_per_weight: float = Q8_0, quant: str = "Q8_0") -> ModelFootprint:
    """DeepSeek-R1-Distill-Qwen-32B (Qwen2.5-32B shape): 64 layers, 40 heads / 8 KV heads of 128."""
    n_embd, ff, vocab = 5120, 27648, 152064
    layer = int((2 * n_embd * n_embd + 2 * n_embd * 1024 + 3 * n_embd * ff) * bytes_per_weight) + 8 * n_embd
    output = int(vocab * n_embd * bytes_per_weight)
    return ModelFootprint(
        architecture="qwen2", block_count=64, embedding_length=n_embd, layer_bytes=(layer,) * 64,
        non_layer_bytes=2 * output, output_bytes=output, head_count=40, head_count_kv=8, vocab_size=vocab,
        quantization=quant, tensor_types=frozenset({"F32", quant}),
    )


def test_the_shapes_are_the_published_models() -> None:
    assert 660e9 < DEEPSEEK_V3.params() < 680e9  # 671B (the 14B multi-token-prediction layer is not loaded)
    assert 15.0e9 < DEEPSEEK_V2_LITE.params() < 16.5e9  # 15.7B
    assert 340 * GIB < DEEPSEEK_V3.footprint().weights_bytes < 360 * GIB
    assert 32 * GIB < qwen_32b().weights_bytes < 34 * GIB


# ---------------------------------------------------------------------------------------------
# CANN: which weights


@pytest.mark.parametrize(("device", "quant", "runs"), [
    (ASCEND_910B, "F16", True), (ASCEND_910B, "BF16", True), (ASCEND_910B, "Q8_0", True),
    (ASCEND_910B, "Q4_0", True), (ASCEND_910B, "MOSTLY_Q4_0", True),
    (ASCEND_910B, "Q4_K_M", False), (ASCEND_910B, "Q5_K_M", False), (ASCEND_910B, "Q6_K", False),
    (ASCEND_910B, "Q4_1", False), (ASCEND_910B, "IQ4_XS", False), (ASCEND_910B, "F32", True),
    (ASCEND_310P, "F16", True), (ASCEND_310P, "Q8_0", False), (ASCEND_310P, "Q4_0", False),
    (ASCEND_310P, "BF16", False),
    (MUSA_S4000, "Q4_K_M", True), (MUSA_S4000, "IQ4_XS", True), (MUSA_S80, "Q8_0", True),
])
def test_which_quantisations_each_device_runs(device: Device, quant: str, runs: bool) -> None:
    fp = replace(qwen_32b(), quantization=quant)
    why = incompatibility(device, fp)
    assert (why is None) == runs, why
    if not runs:
        assert device.id in why and device.name in why and quant.removeprefix("MOSTLY_") in why
        with pytest.raises(BackendError, match="CANN runs only"):
            choose_device([CPU, device], device.id, None, fp)
        assert choose_device([CPU, device], "auto", None, fp).device is CPU
    else:
        assert choose_device([CPU, device], device.id, None, fp).device is device


def test_the_refusal_names_what_that_soc_runs() -> None:
    fp = replace(qwen_32b(), quantization="Q4_K_M")
    assert "runs only F16, BF16, Q4_0 and Q8_0 weights there" in (incompatibility(ASCEND_910B, fp) or "")
    assert "runs only F16 weights there" in (incompatibility(ASCEND_310P, fp) or "")
    assert cann_weight_types(ASCEND_310P, fp) == {"F16"}


def test_bf16_is_for_dense_models_only_on_cann() -> None:
    """MUL_MAT_ID (the MoE experts) takes no BF16 on CANN: a BF16 mixture of experts is refused."""
    dense = replace(qwen_32b(), quantization="BF16")
    moe = replace(dense, expert_count=128)
    assert incompatibility(ASCEND_910B, dense) is None
    why = incompatibility(ASCEND_910B, moe)
    assert why is not None and "BF16" in why and "F16, Q4_0 and Q8_0" in why


def test_without_a_file_type_the_tensor_types_decide() -> None:
    fp = replace(qwen_32b(), quantization=None, tensor_types=frozenset({"F32", "Q4_0", "Q6_K"}))
    why = incompatibility(ASCEND_910B, fp)
    assert why is not None and "Q6_K" in why  # a Q4_0 file with a Q6_K output layer
    assert incompatibility(ASCEND_910B, replace(fp, tensor_types=frozenset({"F32", "Q4_0"}))) is None
    assert incompatibility(ASCEND_310P, replace(fp, tensor_types=frozenset({"F32", "F16"}))) is None


# ---------------------------------------------------------------------------------------------
# CANN and MUSA: memory


def test_a_32b_q8_model_fits_a_64gb_910b_and_part_of_a_32gb_one() -> None:
    fp = qwen_32b()
    full = plan_offload(ASCEND_910B, fp, 4096)
    assert full.fits_fully and full.n_gpu_layers == 65
    assert "all 65 layers on the GPU" in full.reason and "Ascend910B3" in full.reason
    part = plan_offload(ASCEND_910B_32, fp, 4096)
    assert part.n_gpu_layers == 57 and not part.fits_fully  # the figure packaging/docs/ascend-musa.md gives
    used = part.weights_bytes_on_device + part.kv_bytes_on_device + part.compute_buffer_bytes + DEFAULT_MARGIN_BYTES
    assert used <= ASCEND_910B_32.memory_free
    assert used + fp.layer_bytes[0] + fp.kv_bytes_per_layer(4096) > ASCEND_910B_32.memory_free
    c = choose_device([CPU, ASCEND_910B_32, ASCEND_910B], "auto", None, fp)
    assert c.device is ASCEND_910B and c.model_devices == ("CANN0",)
    c = choose_device([CPU, ASCEND_910B_32], "auto", None, fp)
    assert c.device is ASCEND_910B_32 and c.n_gpu_layers == part.n_gpu_layers


def test_a_q4_k_model_passes_over_the_npu_for_a_musa_card() -> None:
    fp = qwen_32b(Q4_0 * 1.07, "Q4_K_M")
    c = choose_device([CPU, ASCEND_910B, MUSA_S4000], "auto", None, fp)
    assert c.device is MUSA_S4000 and c.plan.fits_fully
    assert any("Ascend NPU" in s and "Q4_K_M" in s for s in c.passed_over)
    c = choose_device([CPU, ASCEND_910B, MUSA_S4000], "auto", ["CPU", "CANN"], fp)
    assert c.device is CPU and "Ascend NPU" in c.reason


# ---------------------------------------------------------------------------------------------
# MLA (DeepSeek V2/V3)


def test_mla_models_are_not_placed_on_cann() -> None:
    for shape in (DEEPSEEK_V2_LITE, DEEPSEEK_V3):
        fp = shape.footprint()  # Q4_0: a type CANN runs, so the architecture alone decides
        why = incompatibility(ASCEND_910B, fp)
        assert why is not None and "deepseek2 (MLA)" in why and "vLLM-Ascend or MindIE" in why
        with pytest.raises(BackendError, match="MLA"):
            choose_device([CPU, ASCEND_910B], "CANN0", None, fp)
        c = choose_device([CPU, ASCEND_910B], "auto", None, fp)
        assert c.device is CPU and "MLA" in c.reason
    with pytest.raises(BackendError, match=r"No allowed compute device.*MLA"):
        choose_device([CPU, ASCEND_910B], "auto", ["CANN"], DEEPSEEK_V2_LITE.footprint())
    for arch in ("deepseek32", "deepseek4"):
        assert incompatibility(ASCEND_910B, replace(DEEPSEEK_V2_LITE.footprint(), architecture=arch)) is not None


def test_v2_lite_fits_a_musa_card_with_the_latent_kv_cache() -> None:
    """At 32k tokens the MLA cache is 27 layers x 576 elements x 2 bytes per token: 0.95 GiB, where
    key+value length (576 + 512) would claim 1.8 GiB."""
    fp = DEEPSEEK_V2_LITE.footprint()
    assert fp.kv_bytes_per_layer(32768) == 32768 * 576 * 2
    assert fp.block_count * fp.kv_bytes_per_layer(32768) == pytest.approx(0.949 * GIB, rel=0.01)
    p = plan_offload(MUSA_S4000, fp, 32768)
    assert p.fits_fully and p.n_gpu_layers == 28
    assert p.kv_bytes_on_device == 27 * 32768 * 576 * 2
    c = choose_device([CPU, MUSA_S80, MUSA_S4000], "auto", None, fp, n_ctx=32768)
    assert c.device is MUSA_S4000 and c.model_devices == ("MUSA0",)
    # On the 16 GB S80 the 8.1 GiB of weights fit beside a 4k context; at 80k tokens all layers
    # still fit with the latent cache, where key+value sizing would leave layers on the CPU.
    assert plan_offload(MUSA_S80, fp, 4096).fits_fully
    naive = replace(fp, kv_lora_rank=None)
    assert naive.kv_bytes_per_layer(81920) > 1.8 * fp.kv_bytes_per_layer(81920)
    assert plan_offload(MUSA_S80, fp, 81920).fits_fully
    assert plan_offload(MUSA_S80, naive, 81920).n_gpu_layers < 28


def test_v3_on_one_card_is_too_few_layers_unless_policy_wants_the_gpu() -> None:
    fp = DEEPSEEK_V3.footprint()
    p = plan_offload(MUSA_S4000, fp, 4096)
    assert p.n_gpu_layers == 8  # ~6 GiB per MoE layer at Q4_0 (the figure in packaging/docs/ascend-musa.md)
    c = choose_device([CPU, MUSA_S4000], "auto", None, fp)
    assert c.device is CPU and "too few to be worth it" in c.reason
    c = choose_device([CPU, MUSA_S4000], "auto", ["MUSA"], fp)
    assert c.device is MUSA_S4000 and c.n_gpu_layers == p.n_gpu_layers


def test_the_generated_deepseek2_model_is_placed_by_the_same_rules(deepseek2_model_path: Path) -> None:
    """The deepseek2 file llama.cpp made (MLA + MoE, Q8_0): refused by the NPU, placed on MUSA with
    a 576-element cache per token and layer."""
    import engine.gguf_file as gguf_file

    fp = footprint_from_gguf(gguf_file.inspect(deepseek2_model_path))
    assert fp.uses_mla and fp.quantization == "Q8_0"
    c = choose_device([CPU, ASCEND_910B, MUSA_S80], "auto", None, fp)
    assert c.device is MUSA_S80 and c.plan.fits_fully
    assert c.plan.kv_bytes_on_device == fp.block_count * 4096 * 576 * 2
    assert any("CANN0" in s and "MLA" in s for s in c.passed_over)
