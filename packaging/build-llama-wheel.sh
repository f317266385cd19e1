#!/usr/bin/env bash
# Build the llama-cpp-python wheel that goes into packages (DESIGN §5).
#
# Why a separate build: the developer install compiles llama.cpp for *this* CPU. A package must run
# on old and new CPUs, so here llama.cpp is built with
#   GGML_NATIVE=OFF          no -march=native
#   GGML_BACKEND_DL=ON       every backend is a loadable module in llama_cpp/lib
#   GGML_CPU_ALL_VARIANTS=ON one CPU module per instruction-set level (x64, sse42, sandybridge,
#                            haswell, skylakex, icelake, zen4, alderlake, sapphirerapids, ...);
#                            ggml scores them at run time and loads the best one the CPU supports.
#   LLAVA_BUILD=OFF          the multimodal library (libmtmd) is only imported by image chat
#                            handlers, which Bauhinia does not use; skipping it saves build time.
#   CMAKE_INSTALL_BINDIR=llama_cpp/lib
#                            ggml installs backend modules to ${CMAKE_INSTALL_BINDIR}; without this
#                            they would land in site-packages/bin instead of next to libllama.so,
#                            where ggml_backend_load_all_from_path(<llama_cpp>/lib) looks.
# pip's cache is bypassed (--no-cache-dir --no-binary) because it may hold the native dev wheel.
# The result is cached OUTSIDE the repository, keyed by version + flags, so CI (a fresh clone on
# the same machine) reuses it:  ~/.cache/bauhinia-packaging/wheels/<key>/llama_cpp_python-*.whl
#
# Other accelerators are separate loadable modules built from the same sources; add the flag to
# CMAKE_ARGS on a machine with the SDK (the key changes, so they get their own cache entry):
#   NVIDIA CUDA  : BAUHINIA_LLAMA_EXTRA_CMAKE="-DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES=70;75;80;86;89;90"
#                  (CUDA toolkit 12.x; the package then needs the CUDA runtime libraries at run time)
#   Huawei Ascend: BAUHINIA_LLAMA_EXTRA_CMAKE="-DGGML_CANN=ON -DSOC_TYPE=Ascend910B3"
#                  (CANN toolkit sourced: . /usr/local/Ascend/ascend-toolkit/set_env.sh;
#                   weights must be F16/Q4_0/Q8_0)
#   Moore Threads: BAUHINIA_LLAMA_EXTRA_CMAKE="-DGGML_MUSA=ON" (MUSA SDK in /usr/local/musa)
#   Vulkan       : built as a stand-alone module by packaging/build-vulkan-module.sh (needs glslc and
#                  libvulkan-dev) so the CPU wheel does not have to be rebuilt for it.
#
# Usage: packaging/build-llama-wheel.sh   -> prints the wheel path on the last line of stdout.
# Env:   LLAMA_CPP_PYTHON_VERSION (default 0.3.36), BAUHINIA_PACKAGING_CACHE, PYTHON,
#        BAUHINIA_LLAMA_EXTRA_CMAKE, BAUHINIA_LLAMA_VARIANTS_NOTE (free text, goes into the key).
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION="${LLAMA_CPP_PYTHON_VERSION:-0.3.36}"
CACHE="${BAUHINIA_PACKAGING_CACHE:-$HOME/.cache/bauhinia-packaging}"
PY="${PYTHON:-.venv/bin/python}"
FLAGS="-DGGML_NATIVE=OFF -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON -DCMAKE_INSTALL_BINDIR=llama_cpp/lib -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF -DLLAVA_BUILD=OFF ${BAUHINIA_LLAMA_EXTRA_CMAKE:-}"
PYTAG="$("$PY" -c 'import sys; print(f"cp{sys.version_info[0]}{sys.version_info[1]}")')"
KEY="$(printf '%s|%s|%s|%s' "$VERSION" "$FLAGS" "$PYTAG" "$(uname -m)" | sha256sum | cut -c1-16)"
OUT="$CACHE/wheels/llama-cpp-python-$VERSION-$KEY"

existing="$(ls "$OUT"/llama_cpp_python-*.whl 2>/dev/null | head -n1 || true)"
if [ -n "$existing" ]; then
  echo "build-llama-wheel: cached $existing" >&2
  echo "$existing"
  exit 0
fi

mkdir -p "$OUT.tmp"
rm -rf "${OUT:?}.tmp"/*
echo "build-llama-wheel: building llama-cpp-python $VERSION with: $FLAGS" >&2
start=$(date +%s)
# nice: the build machine is shared; CMAKE_BUILD_PARALLEL_LEVEL defaults to all cores.
CMAKE_ARGS="$FLAGS" CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}" \
  nice -n "${BAUHINIA_NICE:-10}" "$PY" -m pip wheel --no-cache-dir --no-deps \
  --no-binary llama-cpp-python -w "$OUT.tmp" "llama-cpp-python==$VERSION" >&2
end=$(date +%s)
whl="$(ls "$OUT.tmp"/llama_cpp_python-*.whl)"
# A wheel without CPU variant modules would silently fall back to nothing at run time: refuse it.
"$PY" - "$whl" <<'PYEOF' >&2
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
cpu = sorted(n for n in names if "/lib/libggml-cpu-" in n)
if not cpu:
    sys.exit(f"no ggml-cpu variant modules under llama_cpp/lib in {sys.argv[1]}")
print("build-llama-wheel: CPU variants:", ", ".join(n.rsplit("/", 1)[1] for n in cpu))
PYEOF
printf 'version=%s\nflags=%s\npython=%s\nseconds=%s\n' "$VERSION" "$FLAGS" "$PYTAG" "$((end - start))" \
  > "$OUT.tmp/BUILD-INFO"
mv "$OUT.tmp" "$OUT"
echo "build-llama-wheel: built in $((end - start)) s" >&2
ls "$OUT"/llama_cpp_python-*.whl
