"""The Vulkan backend module, really run: on Mesa lavapipe (a CPU Vulkan driver, no GPU needed).

What runs is what ships: the portable llama-cpp-python wheel that packaging/build-llama-wheel.sh
builds for the packages (CPU variant modules + libggml-vulkan.so, GGML_BACKEND_DL) is unpacked
into a folder that the child processes put first on ``sys.path``; the engine then loads every
backend module from that ``llama_cpp/lib`` exactly as the installed app does. ggml uses a
CPU-type Vulkan device only when ``GGML_VK_VISIBLE_DEVICES`` names it, so the children set
``GGML_VK_VISIBLE_DEVICES=0``.

Checked: doctor lists the Vulkan device with its memory; the planner offloads by free memory and
says why; ``backend.allow_list`` without Vulkan keeps models off it; greedy decoding on Vulkan
gives the CPU's tokens (the first GREEDY_TOKENS = 32 of each test model, every logit within
LOGIT_TOLERANCE = 0.1 of the CPU's; the scripted models must agree on all 32, a random-weight model
may part only at a near tie, where the CPU's lead is at most twice the tolerance); a Vulkan that
does not initialise, or runs out of memory, leaves the model on the CPU with one translated line
saying why.

Needs the wheel (built on first use: minutes, see packaging/docs/deployment.md) and lavapipe
(mesa-vulkan-drivers): runs with BAUHINIA_PACKAGING_TESTS=1, which CI sets and under which a
missing piece FAILS rather than skips (tests/packaging/test_vulkan_package.py holds CI to it).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cli_child
import isolation
import pytest
from fixtures_models import ModelFactory
from proctree import run_tree

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = os.environ.get("BAUHINIA_PACKAGING_TESTS") == "1"
#: A cold build of the portable wheel and the Vulkan module on 2 shared cores (~8-21 + 4-20 min).
BUILD_TIMEOUT_S = 60 * 60
#: Greedy tokens compared per model, from the first generated token on.
GREEDY_TOKENS = 32
#: Largest |logit(Vulkan) - logit(CPU)| allowed at any compared step (same quantised weights; the
#: backends differ in summation order, activation quantisation and f16 intermediates). Measured
#: here: 0.005 (scripted models), 0.055 (random-weight Q8_0, logits' spread ~1.9).
LOGIT_TOLERANCE = 0.1

pytestmark = [
    pytest.mark.slow,
    # The first test waits for the module fixture, which may build the wheel and the module cold.
    pytest.mark.timeout(BUILD_TIMEOUT_S + 10 * 60),
    pytest.mark.skipif(not PACKAGING, reason="the Vulkan module is built only with BAUHINIA_PACKAGING_TESTS=1 "
                       "(CI sets it; the build takes minutes, see packaging/docs/deployment.md)"),
]


def _lavapipe_icd() -> Path | None:
    found = sorted(Path("/usr/share/vulkan/icd.d").glob("lvp_icd.*.json"))
    return found[0] if found else None


@pytest.fixture(scope="module")
def vulkan_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the portable wheel's ``llama_cpp`` package, Vulkan module included."""
    if _lavapipe_icd() is None:
        pytest.fail("lavapipe is missing: packaging/setup-dev.sh installs mesa-vulkan-drivers when "
                    "BAUHINIA_PACKAGING_TESTS=1")
    env = isolation.packaging_build_env(dict(os.environ))
    env["PYTHON"] = sys.executable
    env.setdefault("BAUHINIA_NICE", "15")
    # run_tree: on timeout the whole build (cmake, compilers, glslc) is killed, not just bash.
    done = run_tree(["bash", str(ROOT / "packaging" / "build-llama-wheel.sh")], cwd=ROOT, env=env,
                    timeout=BUILD_TIMEOUT_S)
    assert done.returncode == 0, f"build-llama-wheel.sh failed:\n{done.stderr[-4000:]}"
    wheel = Path(done.stdout.strip().splitlines()[-1])
    site = tmp_path_factory.mktemp("vulkan-site")
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site, [n for n in zf.namelist() if n.startswith("llama_cpp/")])
    assert (site / "llama_cpp" / "lib" / "libggml-vulkan.so").is_file(), f"{wheel} has no Vulkan module"
    return site


def _env(site: Path, tmp: Path, extra: dict[str, str] | None = None, *,
         admin_dir: Path | None = None) -> dict[str, str]:
    home = tmp / "home"
    home.mkdir(parents=True, exist_ok=True)
    base = {**os.environ, "BAUHINIA_HOME": str(home), "GGML_VK_VISIBLE_DEVICES": "0", "LANG": "C.UTF-8"}
    env = cli_child.child_env({**(extra or {})}, admin_dir=admin_dir, base=base)
    env["PYTHONPATH"] = os.pathsep.join([str(site), env["PYTHONPATH"]])  # the wheel's llama_cpp first
    return env


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run_tree(cli_child.command(*args), env=env, timeout=600)


def _python(env: dict[str, str], code: str, *args: str) -> Any:
    """Run ``code`` in a child (its last stdout line is JSON) and return that value."""
    done = run_tree([sys.executable, "-c", code, *args], env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def admin(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "etc-bauhinia"
    (folder / "policies").mkdir(parents=True)
    yield folder


def _devices(doctor: dict[str, Any]) -> list[dict[str, Any]]:
    return [d for d in doctor["devices"] if d["backend"] == "Vulkan"]


def test_the_shipped_wheel_loads_the_vulkan_module_from_its_own_lib(vulkan_site: Path, tmp_path: Path) -> None:
    code = ("import json, llama_cpp; from engine.devices import discover_devices; "
            "print(json.dumps([llama_cpp.__file__, [d.id for d in discover_devices()]]))")
    where, ids = _python(_env(vulkan_site, tmp_path), code)
    assert where.startswith(str(vulkan_site))
    assert "Vulkan0" in ids and "CPU" in ids


def test_doctor_lists_the_vulkan_device_and_its_memory(vulkan_site: Path, tmp_path: Path, admin: Path) -> None:
    done = _cli(_env(vulkan_site, tmp_path, admin_dir=admin), "doctor", "--json")
    assert done.returncode == 0, done.stderr
    vk = _devices(json.loads(done.stdout))
    assert len(vk) == 1, done.stdout
    assert vk[0]["id"] == "Vulkan0" and "llvmpipe" in vk[0]["name"].lower()
    assert 0 < vk[0]["memory_free"] <= vk[0]["memory_total"]
    assert vk[0]["allowed"] is True and vk[0]["holds_layers"] is True


PLAN_CODE = r"""
import dataclasses, json, sys
from engine.devices import discover_devices
from engine.gguf_file import inspect
from engine.planner import DEFAULT_MARGIN_BYTES, choose_device, footprint_from_gguf, plan_offload
fp = footprint_from_gguf(inspect(sys.argv[1]))
devs = discover_devices()
vk = next(d for d in devs if d.backend == "Vulkan")
auto = choose_device(devs, "auto", None, fp, n_ctx=512)
full = plan_offload(vk, fp, 512)
# The same real device with only room for part of the model beside the compute buffer and reserve.
part_free = full.compute_buffer_bytes + DEFAULT_MARGIN_BYTES + fp.output_bytes + fp.layer_bytes[fp.block_count - 1] \
    + fp.kv_bytes_per_layer(512) + 1
small = dataclasses.replace(vk, memory_free=part_free)
part = choose_device([d if d is not vk else small for d in devs], "auto", None, fp, n_ctx=512, min_offload_fraction=0)
print(json.dumps({"auto": [auto.device.id, auto.n_gpu_layers, auto.reason], "total": full.total_layers,
                  "part": [part.device.id, part.n_gpu_layers, part.reason]}))
"""


def test_planner_offloads_to_vulkan_by_free_memory_and_says_why(
    vulkan_site: Path, tmp_path: Path, scripted_model_factory: ModelFactory
) -> None:
    model = scripted_model_factory(n_layer=4)
    got = _python(_env(vulkan_site, tmp_path), PLAN_CODE, str(model))
    device, layers, reason = got["auto"]
    assert (device, layers) == ("Vulkan0", got["total"])
    assert "free" in reason and f"all {got['total']} layers" in reason
    device, layers, reason = got["part"]
    assert device == "Vulkan0" and 0 < layers < got["total"], got
    assert f"{layers} of {got['total']} layers" in reason and "free" in reason


def test_allow_list_without_vulkan_keeps_models_off_it(
    vulkan_site: Path, tmp_path: Path, admin: Path, scripted_model_factory: ModelFactory
) -> None:
    (admin / "policies" / "10-backend.json").write_text(json.dumps({"backend.allow_list": ["cpu"]}), encoding="utf-8")
    env = _env(vulkan_site, tmp_path, admin_dir=admin)
    done = _cli(env, "doctor", "--json")
    assert done.returncode == 0, done.stderr
    vk = _devices(json.loads(done.stdout))
    assert vk and vk[0]["allowed"] is False and vk[0]["status"] == "refused"
    done = _cli(env, "selftest", "--json")
    load = next(c for c in json.loads(done.stdout)["checks"] if c["name"] == "load")
    assert load["passed"] and load["detail"].startswith("CPU,"), load
    # Naming the device in settings does not get round the policy.
    code = ("import json, sys; from engine.loader import LoadOptions, load_session; from engine.errors import "
            "BackendError\ntry:\n load_session(sys.argv[1], LoadOptions(backend='Vulkan0', allow_list=['cpu'], "
            "n_ctx=512))\nexcept BackendError as e:\n print(json.dumps(str(e)))")
    message = _python(env, code, str(scripted_model_factory()))
    assert "Vulkan0" in message and "not allowed" in message


GREEDY_CODE = r"""
import json, sys
import llama_cpp
import numpy as np
from engine.loader import LoadOptions, load_session
model, n = sys.argv[1], int(sys.argv[2])
prompt = "<｜begin▁of▁sentence｜><｜User｜>Hello, how are you?<｜Assistant｜><think>\n".encode()
runs = {}
for backend in ("cpu", "Vulkan0"):
    session, placement = load_session(model, LoadOptions(backend=backend, n_ctx=512, threads=2, prompt_lookup=False))
    llm = session._llm
    n_vocab = llm.n_vocab()
    tokens, rows = [], []
    llm.reset()
    llm.eval(llm.tokenize(prompt, add_bos=False, special=True))
    for _ in range(n):
        # llama.cpp's own logits of the last evaluated token (Llama.scores is not filled here)
        ptr = llama_cpp.llama_get_logits_ith(llm._ctx.ctx, -1)
        row = np.ctypeslib.as_array(ptr, shape=(n_vocab,)).astype(np.float64)
        t = int(row.argmax())
        tokens.append(t)
        rows.append(row)
        llm.eval([t])
    runs[backend] = (placement.choice.device.id, placement.n_gpu_layers, tokens, np.array(rows))
    session.close()
cpu, vk = runs["cpu"], runs["Vulkan0"]
same = 0
while same < n and cpu[2][same] == vk[2][same]:
    same += 1
# logits are comparable up to and including the first step where the tokens could differ
upto = min(n, same + 1)
print(json.dumps({"devices": [cpu[0], vk[0]], "vk_layers": vk[1], "cpu_tokens": cpu[2], "vk_tokens": vk[2],
                  "same": same, "max_logit_diff": float(np.abs(cpu[3][:upto] - vk[3][:upto]).max()),
                  "min_logit_spread": float(min(cpu[3].std(axis=1).min(), vk[3].std(axis=1).min())),
                  # the CPU's lead of its best token over the runner-up where the two first differ
                  "cpu_margin_at_divergence": None if same == n else float(np.diff(np.sort(cpu[3][same])[-2:])[0])}))
"""


@pytest.mark.parametrize(
    ("arch", "quant", "scripted"),
    [pytest.param("qwen2", "Q8_0", True, id="qwen2-q8_0-scripted"),
     pytest.param("llama", "Q8_0", True, id="llama-q8_0-scripted"),
     pytest.param("deepseek2", "Q8_0", True, id="deepseek2-q8_0-scripted"),
     pytest.param("qwen2", "Q8_0", False, id="qwen2-q8_0-random"),
     pytest.param("qwen2", "Q4_K_M", False, id="qwen2-q4_k_m-random")],
)
def test_greedy_tokens_on_vulkan_match_the_cpu(
    vulkan_site: Path, tmp_path: Path, scripted_model_factory: ModelFactory, arch: str, quant: str, scripted: bool
) -> None:
    kwargs: dict[str, Any] = {"arch": arch, "quant": quant}
    if not scripted:
        kwargs["script"] = None
    model = scripted_model_factory(**kwargs)
    got = _python(_env(vulkan_site, tmp_path), GREEDY_CODE, str(model), str(GREEDY_TOKENS))
    assert got["devices"] == ["CPU", "Vulkan0"] and got["vk_layers"] > 0, got
    assert got["min_logit_spread"] > 0.01, got  # real logits on both (not a row of zeros)
    assert got["max_logit_diff"] <= LOGIT_TOLERANCE, got
    if scripted:  # large margins: every token must agree
        assert got["same"] == GREEDY_TOKENS, f"greedy tokens differ from step {got['same']}: {got}"
    elif got["same"] < GREEDY_TOKENS:
        # Random weights have near ties. With every logit within the tolerance, the two argmaxes can
        # differ only where the CPU's best token leads by at most twice the tolerance.
        assert got["cpu_margin_at_divergence"] <= 2 * LOGIT_TOLERANCE, got


def _ask(env: dict[str, str], model: Path) -> subprocess.CompletedProcess[str]:
    return _cli(env, "ask", "-m", str(model), "--no-history", "--seed", "1", "--max-tokens", "8", "--json", "Hello")


def _fallback_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.strip()]


def test_vulkan_that_fails_to_initialise_falls_back_to_the_cpu_and_says_why(
    vulkan_site: Path, tmp_path: Path, admin: Path, scripted_model_factory: ModelFactory
) -> None:
    model = scripted_model_factory()
    # No Vulkan driver: the loader finds no ICD, so vkCreateInstance fails and ggml-vulkan does not come up.
    nothing = str(tmp_path / "no-such-icd.json")
    no_driver = {"VK_ICD_FILENAMES": nothing, "VK_DRIVER_FILES": nothing}
    done = _ask(_env(vulkan_site, tmp_path, no_driver, admin_dir=admin), model)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["usage"]["completion_tokens"] > 0
    lines = _fallback_lines(done.stderr)
    assert len(lines) == 1, done.stderr
    assert lines[0] == ("Vulkan could not be initialised (vkCreateInstance failed: no Vulkan driver (ICD) is "
                        "installed for this GPU); the model runs on the CPU instead."), lines
    # The same line in the user's language (the detail stays llama.cpp's/Vulkan's own words).
    done = _ask(_env(vulkan_site, tmp_path, {**no_driver, "LANG": "zh_HK.UTF-8", "LC_ALL": "zh_HK.UTF-8"},
                     admin_dir=admin), model)
    assert done.returncode == 0, done.stderr
    lines = _fallback_lines(done.stderr)
    assert len(lines) == 1 and lines[0].startswith("Vulkan ") and "CPU" in lines[0] and "vkCreateInstance" in lines[0]
    assert "could not be initialised" not in lines[0], lines
    # doctor names it too (engine.device_fallback.module_failures, the same reading of ggml's log).
    done = _cli(_env(vulkan_site, tmp_path, no_driver, admin_dir=admin), "doctor", "--json")
    assert done.returncode == 0, done.stderr
    doctor = json.loads(done.stdout)
    assert not _devices(doctor)
    why = "vkCreateInstance failed: no Vulkan driver (ICD) is installed for this GPU"
    assert {"backend": "Vulkan", "detail": why} in doctor["backend_failures"], doctor["backend_failures"]


def test_vulkan_out_of_memory_falls_back_to_the_cpu_and_says_why(
    vulkan_site: Path, tmp_path: Path, admin: Path, scripted_model_factory: ModelFactory
) -> None:
    model = scripted_model_factory()
    # ggml-vulkan's own limit, set below any weight buffer: every allocation on the device fails as
    # out of device memory, as on a card that is full.
    env = _env(vulkan_site, tmp_path, {"GGML_VK_FORCE_MAX_BUFFER_SIZE": "1024"}, admin_dir=admin)
    done = _ask(env, model)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["usage"]["completion_tokens"] > 0
    lines = _fallback_lines(done.stderr)
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("Vulkan0 ran out of memory loading the model (")
    assert lines[0].endswith("); the model runs on the CPU instead."), lines
    done = _cli(env, "selftest", "--json")
    load = next(c for c in json.loads(done.stdout)["checks"] if c["name"] == "load")
    assert load["passed"] and load["detail"].startswith("CPU,") and "Vulkan0 ran out of memory" in load["detail"]
