"""The GGUF validator: real files written by gguf-py read back field by field, and a corpus of
broken and hostile files that must each give a clean ModelFileError."""

from __future__ import annotations

import json
import os
import random
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

import gguf
import numpy as np
import pytest
from gguf.quants import quantize

import engine.gguf_file as gguf_file
from engine.errors import ModelFileError
from engine.gguf_file import GGUFInfo, inspect

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile_corpus as hc

ROOT = Path(__file__).resolve().parents[2]
Q8 = gguf.GGMLQuantizationType.Q8_0
R1_TEMPLATE = "{% for m in messages %}<｜{{ m['role'] }}｜>{{ m['content'] }}{% endfor %}<｜Assistant｜><think>\n"


def _vocab(n_extra: int = 0) -> tuple[list[str], list[int]]:
    """A byte-level vocabulary plus DeepSeek specials; types 3 = control, 4 = user-defined."""
    tokens = ["<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>"] + [f"<0x{i:02X}>" for i in range(256)]
    types = [3, 3] + [6] * 256
    tokens += [f"tok{i}" for i in range(n_extra)]
    types += [1] * n_extra
    tokens += ["<｜User｜>", "<｜Assistant｜>", "<think>", "</think>"]
    types += [4, 4, 4, 4]
    return tokens, types


def _writer_common(w: gguf.GGUFWriter, tokens: list[str], types: list[int]) -> None:
    w.add_tokenizer_model("gpt2")
    w.add_token_list(tokens)
    w.add_token_types(types)
    w.add_token_merges(["a b"])
    w.add_bos_token_id(0)
    w.add_eos_token_id(1)


def _finish(w: gguf.GGUFWriter) -> None:
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def write_llama(path: Path) -> dict[str, np.ndarray]:
    """A llama-shaped 2-layer file with F32, F16 and Q8_0 tensors; returns the tensors written."""
    rng = np.random.default_rng(1)
    tensors = {
        "token_embd.weight": rng.standard_normal((262, 64)).astype(np.float32),
        "blk.0.attn_norm.weight": np.ones(64, np.float32),
        "blk.0.attn_q.weight": rng.standard_normal((64, 64)).astype(np.float16),
        "blk.1.attn_norm.weight": np.ones(64, np.float32),
        "blk.1.ffn_down.weight": rng.standard_normal((64, 128)).astype(np.float32),
        "output_norm.weight": np.ones(64, np.float32),
    }
    w = gguf.GGUFWriter(str(path), "llama")
    w.add_name("Tiny Llama")
    w.add_context_length(4096)
    w.add_block_count(2)
    w.add_embedding_length(64)
    w.add_feed_forward_length(128)
    w.add_head_count(4)
    w.add_head_count_kv(2)
    w.add_rope_dimension_count(16)
    w.add_file_type(gguf.LlamaFileType.MOSTLY_Q8_0)
    tokens, types = _vocab()
    _writer_common(w, tokens, types)
    w.add_chat_template(R1_TEMPLATE)
    for name, arr in tensors.items():
        w.add_tensor(name, arr)
    q = rng.standard_normal((96, 64)).astype(np.float32)
    w.add_tensor("output.weight", quantize(q, Q8), raw_dtype=Q8)
    tensors["output.weight"] = q
    _finish(w)
    return tensors


def test_llama_file_every_field(tmp_path: Path) -> None:
    path = tmp_path / "llama.gguf"
    written = write_llama(path)
    info = inspect(path)
    assert info.path == str(path)
    assert info.file_size == path.stat().st_size
    assert info.version == 3
    assert info.architecture == "llama"
    assert info.name == "Tiny Llama"
    assert info.parameters == sum(a.size for a in written.values())
    assert info.quantization == "Q8_0"
    assert info.file_type == int(gguf.LlamaFileType.MOSTLY_Q8_0)
    assert info.context_length == 4096
    assert info.block_count == 2
    assert info.embedding_length == 64
    assert (info.head_count, info.head_count_kv) == (4, 2)
    assert info.rope_dimension_count == 16
    assert (info.key_length, info.value_length, info.kv_lora_rank) == (None, None, None)
    assert (info.expert_count, info.expert_used_count) == (None, None)
    assert info.vocab_size == 262
    assert info.chat_template == R1_TEMPLATE and info.has_chat_template
    assert info.bos_token == "<｜begin▁of▁sentence｜>"
    assert info.eos_token == "<｜end▁of▁sentence｜>"
    assert info.special_tokens == ("<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>", "<｜User｜>",
                                   "<｜Assistant｜>", "<think>", "</think>")
    md = info.metadata
    assert md["llama.feed_forward_length"] == 128
    assert md["tokenizer.ggml.tokens"] == "<array of 262 str>"
    assert md["tokenizer.ggml.token_type"] == "<array of 262 i32>"
    assert md["tokenizer.ggml.merges"] == ("a b",)
    with pytest.raises(TypeError):
        md["x"] = 1  # type: ignore[index]

    # Names, shapes (numpy order), types, offsets and sizes agree with gguf-py and the raw bytes.
    reader = gguf.GGUFReader(str(path))
    expected_offsets = {t.name: (int(t.data_offset), int(t.n_bytes)) for t in reader.tensors}
    raw = path.read_bytes()
    by_name = {t.name: t for t in info.tensors}
    assert list(by_name) == [t.name for t in reader.tensors]
    for name, arr in written.items():
        t = by_name[name]
        assert t.shape == arr.shape
        assert (t.offset, t.nbytes) == expected_offsets[name]
        if name == "output.weight":
            assert (t.ggml_type, t.type_name) == (int(Q8), "Q8_0")
            assert raw[t.offset : t.offset + t.nbytes] == quantize(arr, Q8).tobytes()
        else:
            assert t.type_name == ("F16" if arr.dtype == np.float16 else "F32")
            assert raw[t.offset : t.offset + t.nbytes] == arr.tobytes()
        assert t.n_elements == arr.size

    layers = info.layer_bytes()
    assert layers == {
        0: 64 * 4 + 64 * 64 * 2,
        1: 64 * 4 + 64 * 128 * 4,
    }
    assert info.non_layer_bytes() == 262 * 64 * 4 + 64 * 4 + 96 * 64 // 32 * 34
    assert sum(layers.values()) + info.non_layer_bytes() == sum(t.nbytes for t in info.tensors)


def test_to_json_has_the_cli_contract_fields(tmp_path: Path) -> None:
    path = tmp_path / "llama.gguf"
    write_llama(path)
    info = inspect(path)
    doc = info.to_json(sha256="ab" * 32)
    for key in ("architecture", "name", "parameters", "quantization", "context_length",
                "has_chat_template", "file_size", "sha256", "layers", "vocab_size", "special_tokens"):
        assert key in doc, key
    assert doc["sha256"] == "ab" * 32
    assert doc["layers"] == 2
    assert doc["layer_bytes"] == {"0": info.layer_bytes()[0], "1": info.layer_bytes()[1]}
    assert "sha256" not in info.to_json()
    assert json.loads(json.dumps(doc, ensure_ascii=False)) == doc


def test_qwen2_without_file_type_reports_dominant_tensor_type(tmp_path: Path) -> None:
    path = tmp_path / "qwen2.gguf"
    w = gguf.GGUFWriter(str(path), "qwen2")
    w.add_block_count(1)
    w.add_context_length(131072)
    w.add_embedding_length(64)
    w.add_head_count(4)
    w.add_head_count_kv([2])  # per-layer form: the largest value bounds the KV cache
    tokens, types = _vocab()
    _writer_common(w, tokens, types)
    w.add_tensor("token_embd.weight", np.zeros((262, 64), np.float16))
    w.add_tensor("blk.0.attn_q.weight", np.zeros((64, 64), np.float32))
    _finish(w)
    info = inspect(path)
    assert info.architecture == "qwen2"
    assert info.file_type is None
    assert info.quantization == "F16"  # 262*64*2 bytes beat 64*64*4
    assert info.context_length == 131072
    assert info.head_count_kv == 2
    assert info.name is None
    assert not info.has_chat_template and info.chat_template is None
    assert info.to_json()["has_chat_template"] is False


def test_deepseek2_mla_and_moe_fields(tmp_path: Path) -> None:
    path = tmp_path / "ds2.gguf"
    w = gguf.GGUFWriter(str(path), "deepseek2")
    w.add_name("DeepSeek Tiny")
    w.add_block_count(2)
    w.add_context_length(163840)
    w.add_embedding_length(128)
    w.add_head_count(1)
    w.add_head_count_kv(1)
    w.add_key_length(576)
    w.add_value_length(512)
    w.add_key_length_mla(192)
    w.add_value_length_mla(128)
    w.add_rope_dimension_count(64)
    w.add_q_lora_rank(512)
    w.add_kv_lora_rank(512)
    w.add_leading_dense_block_count(1)
    w.add_expert_count(2)
    w.add_expert_used_count(2)
    w.add_expert_shared_count(1)
    w.add_file_type(gguf.LlamaFileType.MOSTLY_F16)
    tokens, types = _vocab()
    _writer_common(w, tokens, types)
    w.add_chat_template(R1_TEMPLATE)
    w.add_tensor("token_embd.weight", np.zeros((262, 128), np.float16))
    w.add_tensor("blk.1.ffn_gate_exps.weight", np.zeros((2, 64, 128), np.float16))
    _finish(w)
    info = inspect(path)
    assert info.architecture == "deepseek2"
    assert (info.key_length, info.value_length) == (576, 512)
    assert (info.kv_lora_rank, info.rope_dimension_count) == (512, 64)
    assert (info.expert_count, info.expert_used_count) == (2, 2)
    assert info.metadata["deepseek2.leading_dense_block_count"] == 1
    assert info.quantization == "F16"
    exps = info.tensors[1]
    assert exps.shape == (2, 64, 128) and exps.nbytes == 2 * 64 * 128 * 2
    assert info.layer_bytes() == {1: exps.nbytes}


def test_version_2_and_custom_alignment(tmp_path: Path) -> None:
    v2 = tmp_path / "v2.gguf"
    hc.base_model(version=2).write(v2)
    assert inspect(v2).version == 2

    aligned = tmp_path / "align.gguf"
    w = gguf.GGUFWriter(str(aligned), "llama")
    w.add_custom_alignment(256)
    w.add_tensor("a.weight", np.zeros(10, np.float32))
    w.add_tensor("b.weight", np.zeros(10, np.float32))
    _finish(w)
    info = inspect(aligned)
    assert info.metadata["general.alignment"] == 256
    assert [t.offset % 256 for t in info.tensors] == [0, 0]
    assert info.quantization == "F32"
    assert info.vocab_size is None and info.bos_token is None and info.special_tokens == ()


def test_vocabulary_of_150k_tokens(tmp_path: Path) -> None:
    """A Qwen-sized vocabulary: summarised in metadata, ids resolved anywhere in it, and the
    special-token list capped."""
    path = tmp_path / "vocab.gguf"
    tokens, types = _vocab(n_extra=151_936 - 262)
    types[1000:3000] = [3] * 2000  # more control tokens than the cap
    w = gguf.GGUFWriter(str(path), "qwen2")
    _writer_common(w, tokens, types)
    w.add_eos_token_id(len(tokens) - 1)
    w.add_token_merges([f"tok{i} tok{i + 1}" for i in range(151_000)])
    _finish(w)
    info = inspect(path)
    assert info.vocab_size == 151_936
    assert info.eos_token == "</think>"
    assert info.metadata["tokenizer.ggml.tokens"] == "<array of 151936 str>"
    assert info.metadata["tokenizer.ggml.merges"] == "<array of 151000 str>"
    assert len(info.special_tokens) == gguf_file.MAX_SPECIAL_TOKENS
    assert info.special_tokens[:3] == ("<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>", tokens[1000])


def test_out_of_range_special_id_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bad-bos.gguf"
    kvs = [k for k in hc.base_kvs() if b"bos_token_id" not in k]
    hc.base_model(kvs=[*kvs, hc.kv_u32("tokenizer.ggml.bos_token_id", 10_000)]).write(path)
    info = inspect(path)
    assert info.bos_token is None  # llama.cpp likewise ignores an out-of-range id
    assert info.eos_token == "</s>"


def test_arrays_of_arrays_are_refused(tmp_path: Path) -> None:
    """gguf-py can write them but llama.cpp cannot read them: refuse early, with a clear message."""
    path = tmp_path / "nested.gguf"
    inner = struct.pack("<IQ", hc.U8, 2) + b"\x01\x02"
    extra = hc.kv("x.nested", hc.ARR, struct.pack("<IQ", hc.ARR, 2) + inner + inner)
    hc.base_model(kvs=[*hc.base_kvs(), extra]).write(path)
    with pytest.raises(ModelFileError, match="nested arrays"):
        inspect(path)


def test_template_escape_is_not_executed(tmp_path: Path) -> None:
    """The validator stores the template as text and never renders it: a template that would
    list Python's classes and run a shell command if evaluated is accepted as inert text."""
    marker = tmp_path / "pwned"
    evil = ("{{ ''.__class__.__mro__[1].__subclasses__() }}"
            f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}")
    path = tmp_path / "evil.gguf"
    hc.base_model(kvs=hc.base_kvs(template=evil)).write(path)
    info = inspect(path)
    assert info.chat_template == evil
    assert not marker.exists()


@pytest.mark.parametrize("case", hc.hostile_cases(), ids=lambda c: c.name)
@pytest.mark.timeout(20)
def test_hostile_file_gives_model_file_error(tmp_path: Path, case: hc.HostileCase) -> None:
    path = tmp_path / "hostile.gguf"
    case.make(path)
    with pytest.raises(ModelFileError) as err:
        inspect(path)
    message = str(err.value)
    assert "\n" not in message
    for word in case.words:
        assert word.lower() in message.lower(), (word, message)
    assert err.value.path == str(path)
    if err.value.offset is not None and path.is_file():
        assert 0 <= err.value.offset <= path.stat().st_size


def test_corpus_is_large_and_distinct() -> None:
    cases = hc.hostile_cases()
    assert len(cases) >= 20
    assert len({c.name for c in cases}) == len(cases)


def test_permission_denied(tmp_path: Path) -> None:
    base = Path(tempfile.mkdtemp(prefix="bauhinia-perm-"))
    try:
        base.chmod(0o755)
        path = base / "locked.gguf"
        hc.base_model().write(path)
        path.chmod(0)
        if os.name != "posix":  # pragma: no cover - Windows has no chmod 000
            pytest.skip("chmod cannot deny reading on this platform")
        if os.geteuid() != 0:
            with pytest.raises(ModelFileError, match="permission denied"):
                inspect(path)
            return
        # Root reads anything: a child process imports the engine, drops to "nobody", then reads.
        code = ("import os, sys; from engine.gguf_file import inspect\n"
                "from engine.errors import ModelFileError\n"
                "os.setgroups([]); os.setgid(65534); os.setuid(65534)\n"
                "try:\n inspect(sys.argv[1])\nexcept ModelFileError as e:\n print('MFE:', e)\n")
        proc = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True,
                              text=True, timeout=60, check=False)
        assert "MFE: permission denied" in proc.stdout, proc.stdout + proc.stderr
    finally:
        for p in base.iterdir():
            p.chmod(0o600)
            p.unlink()
        base.rmdir()


def _assert_prefixes_fail(path: Path, data: bytes, lengths: list[int]) -> int:
    """Write ``data`` once, then cut it down to each length (longest first) and inspect it."""
    path.write_bytes(data)
    failures = 0
    for n in sorted(lengths, reverse=True):
        os.truncate(path, n)
        try:
            inspect(path)
        except ModelFileError:
            failures += 1
        else:
            raise AssertionError(f"prefix of {n} bytes was accepted")
    return failures


@pytest.mark.timeout(120)
def test_truncation_at_every_offset_of_a_raw_file(tmp_path: Path) -> None:
    data, layout = hc.base_model().build()
    # Every offset class is crossed: header, key/values, tensor infos, padding, data.
    assert 0 < layout.kv_start < layout.tensor_info_start < layout.tensor_info_end
    assert layout.tensor_info_end < layout.data_start < layout.data_end == len(data)
    assert _assert_prefixes_fail(tmp_path / "t.gguf", data, list(range(len(data)))) == len(data)
    (tmp_path / "full.gguf").write_bytes(data)
    inspect(tmp_path / "full.gguf")


@pytest.mark.timeout(120)
def test_truncation_of_a_gguf_py_file(tmp_path: Path) -> None:
    src = tmp_path / "llama.gguf"
    write_llama(src)
    data = src.read_bytes()
    end = max(t.offset + t.nbytes for t in inspect(src).tensors)
    # Dense near the start (header, key/values, tensor infos), then a stride through the data.
    cut = sorted(n for n in set(range(0, 12_000)) | set(range(12_000, end, 499)) | {end - 1} if n < end)
    assert _assert_prefixes_fail(tmp_path / "t.gguf", data, cut) == len(cut)


@pytest.mark.timeout(120)
def test_random_corruption_never_escapes_as_another_exception(tmp_path: Path) -> None:
    """Seeded byte flips across the header and metadata: each result is a GGUFInfo or a
    specific ModelFileError, nothing else. (An ad hoc run of 20,000 on this file and on a gguf-py
    file found none either; 1,500 keep the suite quick.)"""
    data, layout = hc.base_model().build()
    rng = random.Random(20240605)
    path = tmp_path / "fuzz.gguf"
    path.write_bytes(data)
    outcomes = {"ok": 0, "error": 0}
    fd = os.open(path, os.O_RDWR)
    try:
        for _ in range(1500):
            spots = [rng.randrange(layout.data_start) for _ in range(rng.randint(1, 4))]
            for i in spots:
                os.pwrite(fd, bytes([rng.choice([0, 0xFF, 0x7F, 0x80, rng.randrange(256)])]), i)
            try:
                result = inspect(path)
            except ModelFileError as exc:
                # The catch-all in inspect() would hide a parser bug: no case may reach it.
                assert not str(exc).startswith("malformed GGUF file ("), str(exc)
                outcomes["error"] += 1
            else:
                assert isinstance(result, GGUFInfo)
                outcomes["ok"] += 1
            for i in spots:
                os.pwrite(fd, data[i : i + 1], i)
    finally:
        os.close(fd)
    assert outcomes["error"] > 0 and outcomes["ok"] > 0


def test_metadata_size_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big-meta.gguf"
    hc.base_model().write(path)
    monkeypatch.setattr(gguf_file, "MAX_METADATA_BYTES", 512)
    with pytest.raises(ModelFileError, match="metadata larger than"):
        inspect(path)


def test_directory_missing_and_special_files(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="directory"):
        inspect(tmp_path)
    with pytest.raises(ModelFileError, match="not found"):
        inspect(tmp_path / "nope.gguf")
    if os.path.exists("/dev/null"):
        with pytest.raises(ModelFileError, match="not a regular file"):
            inspect("/dev/null")
