"""packaging/gpu-check.sh and packaging/build-gpu-module.sh, as far as a machine without a GPU allows.

`gpu-check.sh --cpu-only` runs for real: the module step prints the CUDA flags and the toolkit check,
`bauhinia doctor` and `bauhinia bench` run through the test CLI launcher (tests/cli_child.py: the
test's admin folder, never /etc/bauhinia) on a generated model, and the greedy agreement compares
the CPU with itself. A broken model must fail the check. build-gpu-module.sh's toolkit checks are
run against fake toolkit folders (an `nvcc` that only prints a version, empty headers): enough to
prove what each backend's check looks for and which CMake flags it passes; the compile itself
needs the real SDK (packaging/docs/deployment.md, "GPU and NPU modules").
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import cli_child
import isolation
import pytest

ROOT = Path(__file__).resolve().parents[2]
GPU_CHECK = ROOT / "packaging" / "gpu-check.sh"
BUILD_MODULE = ROOT / "packaging" / "build-gpu-module.sh"
SMALL_BENCH = "--decode-tokens 8 --history-tokens 64 --repeats 1"


def gpu_check(out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = cli_child.child_env({
        "PYTHON": sys.executable,
        "GPU_CHECK_CLI": f"{sys.executable} {Path(cli_child.__file__).resolve()}",
        "GPU_CHECK_BENCH_ARGS": SMALL_BENCH,
    })
    return subprocess.run(["bash", str(GPU_CHECK), "--cpu-only", "--out", str(out), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600, check=False)


def steps(out: Path) -> dict[str, tuple[str, str]]:
    rows = [line.split("\t") for line in (out / "steps.tsv").read_text(encoding="utf-8").splitlines()]
    return {r[0]: (r[1], r[3]) for r in rows}


def test_cpu_only_mode_runs_every_step_but_the_gpu_ones(tmp_path: Path, random_model_path: Path) -> None:
    out = tmp_path / "out"
    proc = gpu_check(out, "--model", str(random_model_path), "--tokens", "12")
    assert proc.returncode == 0, proc.stderr[-3000:]
    s = steps(out)
    assert list(s) == ["build", "doctor", "model", "bench cpu", "agreement"]
    assert s["build"][0] == "SKIP" and "libggml-cuda.so" in s["build"][1] and "-DGGML_CUDA=ON" in s["build"][1]
    assert s["doctor"][0] == "PASS" and s["doctor"][1].startswith("CPU: ") and "allowed" in s["doctor"][1]
    assert s["bench cpu"][0] == "PASS" and s["bench cpu"][1].endswith("tokens/s on CPU")
    assert s["agreement"][0] == "PASS" and "first 12 of 12 tokens equal" in s["agreement"][1]

    doctor = json.loads((out / "doctor.json").read_text(encoding="utf-8"))
    cpu = next(d for d in doctor["devices"] if d["type"] == "cpu")
    assert cpu["status"] == "allowed" and cpu["memory_total"] > 0
    bench = json.loads((out / "bench-cpu.json").read_text(encoding="utf-8"))
    assert bench["device"] == "CPU" and bench["decode_tokens_per_s"] > 0 and bench["model"] == str(random_model_path)
    agreement = json.loads((out / "agreement.json").read_text(encoding="utf-8"))
    assert agreement["equal"] and agreement["n"] == 12 and len(agreement["a"]["tokens"]) == 12
    assert agreement["a"]["tokens"] == agreement["b"]["tokens"]
    # The figures table: stdout and figures.md; the throw-away profile stayed inside OUT.
    assert "decode tokens/s" in proc.stdout and f"{bench['decode_tokens_per_s']:.3f}" in proc.stdout
    assert proc.stdout.strip() in (out / "figures.md").read_text(encoding="utf-8")
    assert (out / "home").is_dir()


def test_a_model_that_cannot_load_fails_the_check(tmp_path: Path) -> None:
    junk = tmp_path / "junk.gguf"
    junk.write_bytes(b"GGUF" + b"\0" * 60)
    out = tmp_path / "out"
    proc = gpu_check(out, "--model", str(junk), "--tokens", "4")
    assert proc.returncode == 1
    s = steps(out)
    assert s["doctor"][0] == "PASS"
    assert s["bench cpu"][0] == "FAIL" and s["bench cpu"][1] and "Traceback" not in s["bench cpu"][1]
    assert s["agreement"][0] == "FAIL"
    assert not (out / "bench-cpu.json").exists() and not (out / "agreement.json").exists()
    assert "FAIL" in proc.stdout


@pytest.mark.parametrize("args", [["--tokens", "0"], ["--bogus"], ["--model"]])
def test_usage_errors(tmp_path: Path, args: list[str]) -> None:
    proc = subprocess.run(["bash", str(GPU_CHECK), *args], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          check=False)
    assert proc.returncode == 2 and "usage:" in proc.stderr


def test_the_portable_wheel_is_what_the_check_runs_on(tmp_path: Path, random_model_path: Path) -> None:
    """With --wheel, doctor/bench/agreement import llama_cpp from the unpacked GGML_BACKEND_DL wheel
    (OUT/site), where a CUDA module would be dropped. The wheel is the packaging build's
    (tests/packaging/test_pipeline.py makes it under BAUHINIA_PACKAGING_TESTS=1)."""
    cache = Path(isolation.packaging_build_env({})["BAUHINIA_PACKAGING_CACHE"]) / "wheels"
    wheels = sorted(cache.glob("llama-cpp-python-*/llama_cpp_python-*.whl"))
    if not wheels:
        if os.environ.get("BAUHINIA_PACKAGING_TESTS") == "1":
            pytest.fail(f"no portable wheel in {cache}: run packaging/build-llama-wheel.sh")
        pytest.skip("no portable llama-cpp-python wheel built on this machine (BAUHINIA_PACKAGING_TESTS unset)")
    out = tmp_path / "out"
    proc = gpu_check(out, "--wheel", str(wheels[0]), "--model", str(random_model_path), "--tokens", "4")
    assert proc.returncode == 0, proc.stderr[-3000:]
    s = steps(out)
    assert s["site"][0] == "PASS" and s["doctor"][0] == "PASS" and s["agreement"][0] == "PASS"
    assert sorted(p.name for p in (out / "site" / "llama_cpp" / "lib").glob("libggml-cpu-*.so"))


# ---------------------------------------------------------------------------------------------
# build-gpu-module.sh: flags and toolkit checks (fake toolkit folders)


def build_module(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items()
            if k not in ("CUDA_HOME", "CUDA_PATH", "ASCEND_TOOLKIT_HOME", "MUSA_PATH", "BAUHINIA_CUDA_ROOT")}
    base["PATH"] = "/usr/bin:/bin"  # no nvcc, npu-smi or SDK on PATH unless a test puts one there
    return subprocess.run(["bash", str(BUILD_MODULE), *args], cwd=ROOT, env={**base, **(env or {})},
                          capture_output=True, text=True, timeout=60, check=False)


def printed(proc: subprocess.CompletedProcess[str]) -> dict[str, str]:
    assert proc.returncode == 0, proc.stderr
    return dict(line.split("=", 1) for line in proc.stdout.splitlines())


def fake_cuda(root: Path, *, cublas: bool = True, stub: bool = True) -> Path:
    (root / "bin").mkdir(parents=True)
    nvcc = root / "bin" / "nvcc"
    nvcc.write_text("#!/bin/sh\necho 'Cuda compilation tools, release 12.4, V12.4.131'\n", encoding="utf-8")
    nvcc.chmod(0o755)
    if cublas:
        (root / "include").mkdir()
        (root / "include" / "cublas_v2.h").write_text("", encoding="utf-8")
    if stub:
        (root / "lib64" / "stubs").mkdir(parents=True)
        (root / "lib64" / "stubs" / "libcuda.so").write_bytes(b"")
    return root


def test_cuda_flags_and_toolkit_check(tmp_path: Path) -> None:
    info = printed(build_module("cuda", "--print"))
    assert info["target"] == "ggml-cuda" and info["module"] == "libggml-cuda.so"
    assert "-DGGML_CUDA=ON" in info["flags"] and "-DCMAKE_CUDA_ARCHITECTURES=75-real;" in info["flags"]
    assert info["toolkit"] == "none" and "nvcc" in info["missing"]

    root = fake_cuda(tmp_path / "cuda")
    env = {"BAUHINIA_CUDA_ROOT": str(root), "BAUHINIA_CUDA_ARCHS": "90-real"}
    info = printed(build_module("cuda", "--print", env=env))
    assert info["toolkit"] == "CUDA 12.4.131" and info["missing"] == ""
    assert info["flags"] == (f"-DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES=90-real -DCUDAToolkit_ROOT={root} "
                             f"-DCMAKE_CUDA_COMPILER={root}/bin/nvcc")
    ok = build_module("cuda", "--check", env=env)
    assert ok.returncode == 0 and ok.stdout.strip() == "ok: cuda (CUDA 12.4.131)"

    # CUDA_HOME: the ordinary way; no CUDAToolkit_ROOT flag then. This machine's case (a toolkit
    # without cuBLAS and without the driver stub) is refused before any build, in one line.
    bare = fake_cuda(tmp_path / "bare", cublas=False, stub=False)
    proc = build_module("cuda", "--check", env={"CUDA_HOME": str(bare)})
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1
    assert "cuBLAS headers (cublas_v2.h" in proc.stderr and "libcuda.so" in proc.stderr
    assert "CUDAToolkit_ROOT" not in printed(build_module("cuda", "--print", env={"CUDA_HOME": str(bare)}))["flags"]
    proc = build_module("cuda", env={"CUDA_HOME": str(bare)})  # a build refuses the same way
    assert proc.returncode == 1 and "cannot build libggml-cuda.so" in proc.stderr


def test_cann_needs_the_toolkit_environment_and_a_soc(tmp_path: Path) -> None:
    info = printed(build_module("cann", "--print"))
    assert info["flags"] == "-DGGML_CANN=ON"
    assert "set_env.sh" in info["missing"] and "BAUHINIA_CANN_SOC" in info["missing"]
    home = tmp_path / "ascend-toolkit" / "latest"
    (home / "include" / "acl").mkdir(parents=True)
    (home / "include" / "acl" / "acl.h").write_text("", encoding="utf-8")
    (home / "x86_64-linux").mkdir()
    (home / "x86_64-linux" / "ascend_toolkit_install.info").write_text("version=8.1.RC1\n", encoding="utf-8")
    env = {"ASCEND_TOOLKIT_HOME": str(home), "BAUHINIA_CANN_SOC": "Ascend910B3"}
    info = printed(build_module("cann", "--print", env=env))
    assert info["flags"] == "-DGGML_CANN=ON -DSOC_TYPE=Ascend910B3" and info["missing"] == ""
    assert info["toolkit"] == "CANN 8.1.RC1" and info["module"] == "libggml-cann.so"
    assert build_module("cann", "--check", env=env).returncode == 0
    proc = build_module("cann", "--check", env={"ASCEND_TOOLKIT_HOME": str(home)})
    assert proc.returncode == 1 and "SoC to build for" in proc.stderr


def test_musa_flags_and_sdk_check(tmp_path: Path) -> None:
    musa = tmp_path / "musa"
    (musa / "bin").mkdir(parents=True)
    clang = musa / "bin" / "clang++"
    clang.write_text("#!/bin/sh\necho 'clang version 14.0.0 (MUSA SDK 4.0)'\n", encoding="utf-8")
    clang.chmod(0o755)
    info = printed(build_module("musa", "--print", env={"MUSA_PATH": str(musa), "BAUHINIA_MUSA_ARCHS": "22;31"}))
    assert info["flags"] == "-DGGML_MUSA=ON -DMUSA_ARCHITECTURES=22;31" and info["missing"] == ""
    assert info["module"] == "libggml-musa.so" and "MUSA SDK 4.0" in info["toolkit"]
    proc = build_module("musa", "--check", env={"MUSA_PATH": str(tmp_path / "none")})
    assert proc.returncode == 1 and "the MUSA SDK" in proc.stderr


@pytest.mark.parametrize("args", [[], ["rocm"], ["cuda", "--bogus"], ["cuda", "--print", "x"]])
def test_build_module_usage(args: list[str]) -> None:
    proc = build_module(*args)
    assert proc.returncode == 2 and "usage:" in proc.stderr


# ---------------------------------------------------------------------------------------------
# the guides


def anchors(markdown: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens."""
    import re

    out = set()
    for line in markdown.splitlines():
        m = re.match(r"#{1,6} (.+)", line)
        if m:
            out.add(re.sub(r"[^\w\- ]", "", m.group(1).strip().lower()).replace(" ", "-"))
    return out


def test_the_guides_link_each_other_and_every_local_link_resolves() -> None:
    """deployment.md links the Ascend/MUSA page, which links back and to the cluster guide; every
    relative link names an existing file and heading."""
    import re

    docs = ROOT / "packaging" / "docs"
    assert "(ascend-musa.md)" in (docs / "deployment.md").read_text(encoding="utf-8")
    page = (docs / "ascend-musa.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([\w.-]+\.md)?(?:#([\w-]+))?\)", page)
    assert ("deployment.md", "gpu-and-npu-modules-cuda-cann-musa") in links
    assert {f for f, _ in links} >= {"deployment.md", "remote-cluster.md"}
    for file, anchor in links:
        text = (docs / file).read_text(encoding="utf-8") if file else page
        if anchor:
            assert anchor in anchors(text), (file, anchor)


# ---------------------------------------------------------------------------------------------
# the report of a GPU run (its inputs written as the GPU steps write them; no GPU here)


def report_main(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "packaging" / "gpu_check_report.py"), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)


def test_the_gpu_report_puts_gpu_and_cpu_side_by_side(tmp_path: Path) -> None:
    (tmp_path / "steps.tsv").write_text(
        "build\tPASS\t412.0\tlibggml-cuda.so in 401 s\ndoctor\tPASS\t3.1\tCUDA0: NVIDIA H200\n"
        "bench gpu\tPASS\t20.0\tdecode 250.0 tokens/s on CUDA0\nbench cpu\tPASS\t60.0\tdecode 25.0 tokens/s on CPU\n"
        "agreement\tFAIL\t9.0\t30/32 tokens equal\n", encoding="utf-8")
    figures = {"prefill_tokens_per_s": 8000.0, "decode_tokens_per_s": 250.0, "bare_decode_tokens_per_s": 260.0,
               "ttft_s": 0.02, "followup_ttft_s": 0.01, "switch_ttft_s": 0.05}
    (tmp_path / "bench-gpu.json").write_text(json.dumps({"device": "CUDA0", **figures}), encoding="utf-8")
    cpu = {k: v / 10 if k.endswith("per_s") else v * 10 for k, v in figures.items()}
    (tmp_path / "bench-cpu.json").write_text(json.dumps({"device": "CPU", **cpu}), encoding="utf-8")
    agreement = {"n": 32, "agreed": 30, "first_divergence": 30, "margin_at_divergence": 0.0123, "near_tie": True,
                 "equal": False, "a": {"device": "CPU", "n_gpu_layers": 0, "tokens": [1] * 32},
                 "b": {"device": "CUDA0", "n_gpu_layers": 25, "tokens": [1] * 30 + [2, 2]}}
    (tmp_path / "agreement.json").write_text(json.dumps(agreement), encoding="utf-8")
    proc = report_main("report", str(tmp_path))
    assert proc.returncode == 1  # the agreement step failed
    lines = proc.stdout.splitlines()
    head = next(ln for ln in lines if ln.startswith("figure"))
    assert head.split() == ["figure", "CUDA0", "CPU", "CUDA0/CPU"]
    decode = next(ln for ln in lines if ln.startswith("decode tokens/s"))
    assert decode.split()[-3:] == ["250.000", "25.000", "10.00"]
    assert ("greedy agreement: CUDA0 (25 layers offloaded) vs CPU: first 30 of 32 tokens equal; they part at token 30, "
            "reference top-2 logit margin 0.0123 (a near-tie)") in proc.stdout
    assert (tmp_path / "figures.md").read_text(encoding="utf-8").startswith("```\nstep")


def test_why_no_gpu_names_what_doctor_found(tmp_path: Path) -> None:
    doctor = {"devices": [{"id": "CPU"}], "devices_error": None,
              "backend_failures": [{"backend": "CUDA", "detail": "libcublas.so.13: cannot open shared object file"}]}
    (tmp_path / "doctor.json").write_text(json.dumps(doctor), encoding="utf-8")
    proc = report_main("why", str(tmp_path / "doctor.json"))
    assert proc.stdout.strip() == "CPU; CUDA not loaded: libcublas.so.13: cannot open shared object file"
    assert report_main("device", str(tmp_path), "CUDA").returncode == 1


@pytest.mark.slow
def test_configure_only_runs_cmake_on_the_verified_sources(tmp_path: Path) -> None:
    """`--configure-only` for CANN (its CMake needs only the toolkit folder and the SoC to
    configure, so a fake toolkit will do): the sdist and base flags come from
    build-llama-wheel.sh --print-source, CMake configures the module target with the SoC, and the
    work folder is removed. Needs the sdist in the packaging cache (no download in tests)."""
    env = isolation.packaging_build_env({})
    constraints = (ROOT / "packaging" / "constraints.txt").read_text(encoding="utf-8")
    version = next(line.split("==")[1].split()[0].split(";")[0] for line in constraints.splitlines()
                   if line.startswith("llama-cpp-python=="))
    sdist = Path(env["BAUHINIA_PACKAGING_CACHE"]) / "sdist" / f"llama_cpp_python-{version}.tar.gz"
    if not sdist.exists():
        if os.environ.get("BAUHINIA_PACKAGING_TESTS") == "1":
            pytest.fail(f"{sdist} is missing: run packaging/build-llama-wheel.sh")
        pytest.skip(f"{sdist} not downloaded on this machine (BAUHINIA_PACKAGING_TESTS unset)")
    home = tmp_path / "toolkit"
    (home / "include" / "acl").mkdir(parents=True)
    (home / "include" / "acl" / "acl.h").write_text("", encoding="utf-8")
    work = tmp_path / "tmp"
    work.mkdir()
    proc = build_module("cann", "--configure-only", env={
        "ASCEND_TOOLKIT_HOME": str(home), "BAUHINIA_CANN_SOC": "Ascend910B3", "TMPDIR": str(work),
        "PYTHON": sys.executable, "BAUHINIA_PACKAGING_CACHE": env["BAUHINIA_PACKAGING_CACHE"],
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "CANN: SOC_VERSION =  ascend910b3" in proc.stderr and "Including CANN backend" in proc.stderr
    assert "-DGGML_BACKEND_DL=ON" in proc.stderr and "-DGGML_CANN=ON -DSOC_TYPE=Ascend910B3" in proc.stderr
    line = proc.stdout.strip().splitlines()[-1]
    assert line.startswith("build-gpu-module: configured ggml-cann in ") and "compile units" in line
    assert list(work.iterdir()) == []  # the extracted sources and build folder are gone
