"""The generated diagnostic models load in real llama.cpp and say exactly what they are scripted to."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import gguf
import pytest
from jinja2.sandbox import ImmutableSandboxedEnvironment
from llama_cpp import Llama

from engine.chat_formats import BOS, DEEPSEEK_R1_TEMPLATE, DEEPSEEK_SPECIAL_TOKENS, EOS
from engine.diagnostic import DEFAULT_SCRIPT, Script, build_bench_model, build_model, diagnostic_model_path
from engine.gguf_file import inspect as inspect_gguf

ModelFactory = Callable[..., Path]
FTYPE = {"F16": gguf.LlamaFileType.MOSTLY_F16, "Q8_0": gguf.LlamaFileType.MOSTLY_Q8_0,
         "Q4_K_M": gguf.LlamaFileType.MOSTLY_Q4_K_M}


def _field(reader: gguf.GGUFReader, key: str) -> Any:
    field = reader.get_field(key)
    assert field is not None, key
    return field.contents()


def _open(path: Path, n_ctx: int = 512) -> Llama:
    # One thread: tiny models gain nothing from more, and on a busy 2-core machine a second
    # spin-waiting thread makes decoding ~300x slower.
    return Llama(model_path=str(path), n_ctx=n_ctx, n_threads=1, n_threads_batch=1, verbose=False)


@pytest.fixture
def open_model() -> Iterator[Callable[[Path], Llama]]:
    opened: list[Llama] = []

    def opener(path: Path) -> Llama:
        llm = _open(path)
        opened.append(llm)
        return llm

    yield opener
    for llm in opened:
        llm.close()


def _r1_prompt(llm: Llama, user: str = "政策是甚麼？") -> list[int]:
    template = llm.metadata["tokenizer.chat_template"]
    env = ImmutableSandboxedEnvironment()
    text = env.from_string(template).render(
        messages=[{"role": "user", "content": user}], add_generation_prompt=True, bos_token=BOS
    )
    assert text.endswith("<｜Assistant｜><think>\n")
    return llm.tokenize(text.encode(), add_bos=False, special=True)


def _generate(llm: Llama, *, temp: float, seed: int, limit: int = 400) -> list[int]:
    """Sample after the R1 prompt until EOS (not included); the sampler chain a chat client uses."""
    llm.set_seed(seed)
    out: list[int] = []
    for token in llm.generate(_r1_prompt(llm), temp=temp, top_k=40, top_p=0.95, min_p=0.05,
                              repeat_penalty=1.0, reset=True):
        if token == llm.token_eos():
            return out
        out.append(token)
        assert len(out) < limit, "no EOS: the model left its script"
    raise AssertionError("unreachable")


ARCHS = ["llama", "qwen2", "deepseek2"]


@pytest.mark.parametrize("quant", ["Q8_0", "Q4_K_M"])
@pytest.mark.parametrize("arch", ARCHS)
def test_each_arch_and_quant_loads_and_follows_the_script(
    scripted_model_factory: ModelFactory, open_model: Callable[[Path], Llama], arch: str, quant: str
) -> None:
    path = scripted_model_factory(arch=arch, quant=quant)
    reader = gguf.GGUFReader(path)
    assert _field(reader, "general.architecture") == arch
    assert _field(reader, "general.file_type") == FTYPE[quant]
    assert _field(reader, "tokenizer.chat_template") == DEEPSEEK_R1_TEMPLATE
    assert _field(reader, f"{arch}.block_count") == 2
    info = inspect_gguf(path)  # the engine's own reader agrees
    assert (info.architecture, info.quantization, info.block_count) == (arch, quant, 2)

    llm = open_model(path)
    assert llm.metadata["general.architecture"] == arch
    text = llm.detokenize(_generate(llm, temp=0.0, seed=1)).decode()
    assert text == DEFAULT_SCRIPT.completion_text


@pytest.mark.parametrize("temp", [0.6, 1.0])
@pytest.mark.parametrize("seed", [1, 7, 12345])
@pytest.mark.parametrize("model", ["scripted_model_path", "scripted_llama_path", "deepseek2_model_path"])
def test_sampling_reproduces_the_script(
    request: pytest.FixtureRequest, open_model: Callable[[Path], Llama], model: str, seed: int, temp: float
) -> None:
    llm = open_model(request.getfixturevalue(model))
    assert llm.detokenize(_generate(llm, temp=temp, seed=seed)).decode() == DEFAULT_SCRIPT.completion_text


def test_stream_splits_cjk_inside_tokens_yet_joins_intact(
    scripted_model_path: Path, open_model: Callable[[Path], Llama]
) -> None:
    llm = open_model(scripted_model_path)
    tokens = _generate(llm, temp=0.8, seed=3)
    pieces = [llm.detokenize([t]) for t in tokens]
    assert b"".join(pieces).decode() == DEFAULT_SCRIPT.completion_text

    def decodes(piece: bytes) -> bool:
        try:
            piece.decode()
        except UnicodeDecodeError:
            return False
        return True

    assert sum(not decodes(p) for p in pieces) >= 10  # most CJK characters straddle two tokens
    assert len(tokens) == len(set(tokens))  # a bigram chain needs a distinct token per position

    # llama-cpp-python's own streaming must hold partial characters back, never emit U+FFFD.
    stream = llm.create_completion(_r1_prompt(llm), max_tokens=200, temperature=0.7, seed=5, stream=True)
    chunks = list(stream)
    text = "".join(c["choices"][0]["text"] for c in chunks)
    assert "\ufffd" not in text
    assert text == DEFAULT_SCRIPT.completion_text
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"


def test_repeated_answer_streams_every_repetition(
    scripted_model_factory: ModelFactory, open_model: Callable[[Path], Llama]
) -> None:
    script = Script(reasoning="想一想。", answer="政策：網絡。", repeat_answer=12)
    llm = open_model(scripted_model_factory(script=script))
    tokens = _generate(llm, temp=1.0, seed=2)
    assert llm.detokenize(tokens).decode() == script.completion_text
    assert script.content == "政策：網絡。" * 12
    assert len(tokens) > 40  # long enough for a cancel test to stop it part-way


def test_script_longer_than_the_embedding_still_holds(
    scripted_model_factory: ModelFactory, request: pytest.FixtureRequest
) -> None:
    # 1,600+ chain states in 64 dimensions: most state vectors are random, not orthogonal.
    script = Script(reasoning="我需要想清楚這個問題。Think first.", answer=" ".join(f"item{i}" for i in range(1500)))
    path = scripted_model_factory(script=script, arch="llama", quant="Q4_K_M")  # build time: bench_cancel.py
    llm = _open(path, n_ctx=2048)
    request.addfinalizer(llm.close)
    for temp, seed in ((0.0, 1), (1.0, 9)):
        tokens = _generate(llm, temp=temp, seed=seed, limit=2000)
        assert llm.detokenize(tokens).decode() == script.completion_text


def test_special_tokens_are_single_ids(scripted_model_path: Path, open_model: Callable[[Path], Llama]) -> None:
    llm = open_model(scripted_model_path)
    ids = set()
    for text in DEEPSEEK_SPECIAL_TOKENS:
        tokens = llm.tokenize(text.encode(), add_bos=False, special=True)
        assert len(tokens) == 1, text
        ids.add(tokens[0])
    assert len(ids) == len(DEEPSEEK_SPECIAL_TOKENS)
    assert llm.token_bos() == llm.tokenize(BOS.encode(), add_bos=False, special=True)[0]
    assert llm.token_eos() == llm.tokenize(EOS.encode(), add_bos=False, special=True)[0]
    # add_bos_token is set, so a plain prompt starts with BOS
    assert llm.tokenize(b"hello", add_bos=True)[0] == llm.token_bos()


def test_random_model_loads_and_babbles(random_model_path: Path, open_model: Callable[[Path], Llama]) -> None:
    llm = open_model(random_model_path)
    texts = set()
    for seed in (1, 2):
        out = llm.create_completion(_r1_prompt(llm), max_tokens=16, temperature=1.0, seed=seed)
        assert out["usage"]["completion_tokens"] >= 1
        texts.add(out["choices"][0]["text"])
    assert DEFAULT_SCRIPT.reasoning not in "".join(texts)
    assert len(texts) == 2  # random weights and different seeds: different text


def test_chat_template_can_be_left_out(tmp_path: Path) -> None:
    path = build_model(tmp_path / "plain.gguf", chat_template=None, quant="F16")
    reader = gguf.GGUFReader(path)
    assert reader.get_field("tokenizer.chat_template") is None
    assert _field(reader, "general.file_type") == FTYPE["F16"]
    assert _field(reader, "tokenizer.ggml.pre") == "deepseek-r1-qwen"
    assert _field(reader, "general.name") == "Bauhinia diagnostic"


def test_q4_k_m_uses_k_quants_when_rows_allow(tmp_path: Path) -> None:
    path = build_model(tmp_path / "k.gguf", quant="Q4_K_M", n_embd=256)
    types = {t.name: t.tensor_type for t in gguf.GGUFReader(path).tensors}
    assert types["blk.0.attn_q.weight"] == gguf.GGMLQuantizationType.Q4_K
    assert types["blk.0.ffn_norm.weight"] == gguf.GGMLQuantizationType.F32


def test_cache_builds_once_and_keys_by_parameters(tmp_path: Path) -> None:
    folder = tmp_path / "models"
    first = diagnostic_model_path(folder)
    stamp = first.stat().st_mtime_ns
    assert diagnostic_model_path(folder) == first
    assert first.stat().st_mtime_ns == stamp
    other = diagnostic_model_path(folder, seed=1)
    assert other != first
    assert sorted(p.name for p in folder.iterdir()) == sorted([first.name, other.name])  # no temp files left


def test_same_parameters_give_identical_files(tmp_path: Path) -> None:
    a = build_model(tmp_path / "a.gguf", arch="llama")
    b = build_model(tmp_path / "b.gguf", arch="llama")
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("script", [Script("x", "answer"), Script("ok", "fine", repeat_answer=0)])
def test_invalid_scripts_are_refused(tmp_path: Path, script: Script) -> None:
    folder = tmp_path / "models"
    with pytest.raises(ValueError):
        build_model(folder / "bad.gguf", script=script)
    assert not folder.exists() or not any(folder.iterdir())


@pytest.mark.slow
def test_bench_model_has_real_proportions(tmp_path: Path) -> None:
    if os.environ.get("BAUHINIA_SKIP_BENCH_MODEL"):
        pytest.skip("BAUHINIA_SKIP_BENCH_MODEL is set")
    started = time.monotonic()
    path = build_bench_model(tmp_path / "bench.gguf")
    print(f"bench model built in {time.monotonic() - started:.1f} s")
    size_mib = path.stat().st_size / 2**20
    assert 430 <= size_mib <= 500, size_mib
    reader = gguf.GGUFReader(path)
    assert _field(reader, "qwen2.block_count") == 24
    assert _field(reader, "qwen2.embedding_length") == 896
    assert _field(reader, "general.file_type") == FTYPE["Q4_K_M"]
    assert len(_field(reader, "tokenizer.ggml.tokens")) == 151_936
    llm = _open(path)
    try:
        out = llm.create_completion(_r1_prompt(llm, "Hello"), max_tokens=4, temperature=0.0)
        assert out["usage"]["completion_tokens"] == 4
    finally:
        llm.close()
