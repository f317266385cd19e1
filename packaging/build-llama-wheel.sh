#!/usr/bin/env bash
# Build the llama-cpp-python wheel that goes into packages (DESIGN §5).
#
# Why a separate build: the developer install compiles llama.cpp for *this* CPU. A package must run
# on old and new CPUs, so here llama.cpp is built with
#   GGML_NATIVE=OFF          no -march=native
#   GGML_BACKEND_DL=ON       every backend is a loadable module in llama_cpp/lib
#   GGML_CPU_ALL_VARIANTS=ON one CPU module per instruction-set level; ggml scores them at run time
#                            and loads the best one this CPU supports (ggml_backend_load_best).
#   CMAKE_INSTALL_BINDIR=llama_cpp/lib
#                            ggml installs backend modules to ${CMAKE_INSTALL_BINDIR}; without this
#                            they would land in site-packages/bin instead of next to libllama.so,
#                            where ggml_backend_load_all_from_path(<llama_cpp>/lib) looks.
#   LLAVA_BUILD=OFF          libmtmd (multimodal) is only imported by image chat handlers, which
#                            Bauhinia does not use; skipping it saves build time.
#
# CPU variants. On x86-64 GGML_CPU_ALL_VARIANTS builds 15 CPU modules (x64 sse42 sandybridge
# ivybridge piledriver haswell skylakex cannonlake cascadelake icelake cooperlake zen4 alderlake
# sapphirerapids), each a full compile of ggml-cpu. On 2 shared cores that is far over the ~15 min a
# CI build may take, and this llama.cpp version's CMake offers no option to choose the list. So the
# unpacked sdist is patched to keep BAUHINIA_CPU_VARIANTS (default below) - the other
# ggml_add_cpu_backend_variant(...) lines are commented out; set BAUHINIA_CPU_VARIANTS=all for
# the full list. The default covers every x86-64 CPU with a module tuned for each common level:
#   x64           any x86-64 (baseline, SSE2)           sse42        Nehalem-era and Atom-class
#   sandybridge   AVX                                    haswell      AVX2/FMA/F16C (2013+ Intel, Zen1-3)
#   skylakex      AVX-512 (Skylake-X..Ice Lake servers)  alderlake    AVX-VNNI (12th gen Core and later)
#   zen4          AVX-512 VNNI/BF16/VBMI (Zen 4/5, Ice Lake+ server fall back to skylakex)
# A CPU between two levels loads the highest module it supports, so no CPU is left without one.
#
# pip's cache is bypassed (--no-cache-dir) because it may hold the native dev wheel. The sdist and
# the result are cached OUTSIDE the repository, keyed by version + flags + variants, so CI (a fresh
# clone on the same machine) reuses them:
#   ~/.cache/bauhinia-packaging/wheels/<key>/llama_cpp_python-*.whl  (+ BUILD-INFO)
#
# Other accelerators are further loadable modules from the same sources; on a machine with the SDK:
#   NVIDIA CUDA  : BAUHINIA_LLAMA_EXTRA_CMAKE="-DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES=70;75;80;86;89;90"
#                  (CUDA toolkit 12.x; the package then needs the CUDA runtime libraries at run time)
#   Huawei Ascend: BAUHINIA_LLAMA_EXTRA_CMAKE="-DGGML_CANN=ON -DSOC_TYPE=Ascend910B3"
#                  (source the CANN toolkit first: . /usr/local/Ascend/ascend-toolkit/set_env.sh;
#                   CANN runs F16/Q8_0/Q4_0 weights, BF16 too on 910B/C for dense models, F16 only
#                   on 310P; see packaging/docs/ascend-musa.md)
#   Moore Threads: BAUHINIA_LLAMA_EXTRA_CMAKE="-DGGML_MUSA=ON" (MUSA SDK in /usr/local/musa)
# Vulkan is built by default (BAUHINIA_VULKAN=1), but not here: packaging/build-vulkan-module.sh
# builds only the ggml-vulkan module (cached separately) and this script adds it to llama_cpp/lib
# of a copy of the CPU wheel (cached as <wheel dir>-vulkan-<module sha>). BAUHINIA_VULKAN=0 gives
# the CPU-only wheel.
#
# Usage: packaging/build-llama-wheel.sh   -> prints the wheel path on the last line of stdout.
#        packaging/build-llama-wheel.sh --print-source -> VERSION=, SDIST= (verified), FLAGS= lines
#        for build-vulkan-module.sh (shell-quoted, for eval).
# Env:   LLAMA_CPP_PYTHON_VERSION (default: the version pinned in packaging/constraints.txt, the same
#        one the dev install uses; the downloaded sdist is checked against packaging/requirements.lock's
#        sha256), BAUHINIA_PACKAGING_CACHE, PYTHON, BAUHINIA_CPU_VARIANTS,
#        BAUHINIA_LLAMA_EXTRA_CMAKE, BAUHINIA_NICE (10), CMAKE_BUILD_PARALLEL_LEVEL (nproc),
#        BAUHINIA_VULKAN (1), BAUHINIA_VULKAN_SHADER_TYPES (see build-vulkan-module.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=wheel
case "${1:-}" in
  "") ;;
  --print-source) MODE=source ;;
  *) echo "build-llama-wheel: unknown argument $1" >&2; exit 2 ;;
esac

VERSION="${LLAMA_CPP_PYTHON_VERSION:-$(sed -n 's/^llama-cpp-python==\([^ ;]*\).*/\1/p' packaging/constraints.txt)}"
[ -n "$VERSION" ] || { echo "build-llama-wheel: no llama-cpp-python pin in packaging/constraints.txt" >&2; exit 1; }
CACHE="${BAUHINIA_PACKAGING_CACHE:-$HOME/.cache/bauhinia-packaging}"
PY="${PYTHON:-.venv/bin/python}"
VARIANTS="${BAUHINIA_CPU_VARIANTS:-x64 sse42 sandybridge haswell skylakex alderlake zen4}"
FLAGS="-DGGML_NATIVE=OFF -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON -DCMAKE_INSTALL_BINDIR=llama_cpp/lib -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF -DLLAVA_BUILD=OFF ${BAUHINIA_LLAMA_EXTRA_CMAKE:-}"
PYTAG="$("$PY" -c 'import sys; print(f"cp{sys.version_info[0]}{sys.version_info[1]}")')"
KEY="$(printf '%s|%s|%s|%s|%s' "$VERSION" "$FLAGS" "$VARIANTS" "$PYTAG" "$(uname -m)" | sha256sum | cut -c1-16)"
OUT="$CACHE/wheels/llama-cpp-python-$VERSION-$KEY"

# with_vulkan WHEEL: print WHEEL, or (BAUHINIA_VULKAN=1) a cached copy of it with libggml-vulkan.so
# in llama_cpp/lib (wheel unpack/pack rewrite RECORD with the module's hash).
with_vulkan() {
  local base="$1" module vkey dir unpacked
  if [ "${BAUHINIA_VULKAN:-1}" != 1 ]; then
    echo "$base"
    return
  fi
  module="$(PYTHON="$PY" bash packaging/build-vulkan-module.sh | tail -n1)"
  vkey="$(sha256sum "$module" | cut -c1-16)"
  dir="$(dirname "$base")-vulkan-$vkey"
  if ! ls "$dir"/llama_cpp_python-*.whl >/dev/null 2>&1; then
    rm -rf "$dir.tmp" && mkdir -p "$dir.tmp/unpacked"
    "$PY" -m wheel unpack -d "$dir.tmp/unpacked" "$base" >&2
    unpacked="$(ls -d "$dir.tmp/unpacked"/llama_cpp_python-*)"
    install -m 0644 "$module" "$unpacked/llama_cpp/lib/libggml-vulkan.so"
    "$PY" -m wheel pack -d "$dir.tmp" "$unpacked" >&2
    rm -rf "$dir.tmp/unpacked"
    cp "$(dirname "$base")/BUILD-INFO" "$dir.tmp/BUILD-INFO"
    sed 's/^/vulkan_/' "$(dirname "$module")/BUILD-INFO" >>"$dir.tmp/BUILD-INFO"
    rm -rf "$dir" && mv "$dir.tmp" "$dir"
    echo "build-llama-wheel: added $module to the wheel" >&2
  fi
  ls "$dir"/llama_cpp_python-*.whl
}

existing="$(ls "$OUT"/llama_cpp_python-*.whl 2>/dev/null | head -n1 || true)"
if [ -n "$existing" ] && [ "$MODE" = wheel ]; then
  echo "build-llama-wheel: cached $existing" >&2
  with_vulkan "$existing"
  exit 0
fi

# The source distribution, downloaded once with pip (the ordinary client) and kept in the cache.
SDIST_DIR="$CACHE/sdist"
mkdir -p "$SDIST_DIR"
sdist="$(ls "$SDIST_DIR"/llama_cpp_python-"$VERSION".tar.gz 2>/dev/null || true)"
if [ -z "$sdist" ]; then
  "$PY" -m pip download --no-cache-dir --no-deps --no-binary llama-cpp-python -d "$SDIST_DIR" "llama-cpp-python==$VERSION" >&2
  sdist="$(ls "$SDIST_DIR"/llama_cpp_python-"$VERSION".tar.gz)"
fi
# The sdist must be the file the lock names (a cached or downloaded file that differs is refused).
"$PY" - "$sdist" "$VERSION" packaging/requirements.lock <<'PYEOF' >&2
import hashlib, re, sys
sdist, version, lock = sys.argv[1:4]
m = re.search(r"^llama-cpp-python==(\S+)[^\n]*\n((?:[ \t]+--hash=sha256:\w+[^\n]*\n)+)",
              open(lock, encoding="utf-8").read(), re.M)
if not m or m.group(1) != version:
    print(f"build-llama-wheel: WARNING: {version} is not the version in {lock}; sdist hash not checked")
    sys.exit(0)
digest = hashlib.sha256(open(sdist, "rb").read()).hexdigest()
if digest not in re.findall(r"sha256:(\w+)", m.group(2)):
    sys.exit(f"build-llama-wheel: {sdist} has sha256 {digest}, which {lock} does not list; delete it and retry")
print(f"build-llama-wheel: {sdist.rsplit('/', 1)[-1]} sha256 matches {lock}")
PYEOF
if [ "$MODE" = source ]; then
  printf 'VERSION=%q\nSDIST=%q\nFLAGS=%q\n' "$VERSION" "$(realpath "$sdist")" "$FLAGS"
  exit 0
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bauhinia-llama-build.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
tar -xzf "$sdist" -C "$WORK"
SRC="$WORK/llama_cpp_python-$VERSION"
if [ "$VARIANTS" != "all" ]; then
  "$PY" - "$SRC/vendor/llama.cpp/ggml/src/CMakeLists.txt" $VARIANTS <<'PYEOF' >&2
import re, sys
path, keep = sys.argv[1], set(sys.argv[2:])
text = open(path, encoding="utf-8").read()
pattern = re.compile(r"^(\s*)(ggml_add_cpu_backend_variant\((\w+)\b[^)]*\))", re.M)
block = text.index("if (GGML_CPU_ALL_VARIANTS)")
x86 = text[text.index('GGML_SYSTEM_ARCH STREQUAL "x86"', block):text.index('GGML_SYSTEM_ARCH STREQUAL "ARM"', block)]
names = {m.group(3) for m in pattern.finditer(x86)}
unknown = keep - names
if unknown:
    sys.exit(f"unknown CPU variants {sorted(unknown)}; this llama.cpp offers {sorted(names)}")
def repl(m):
    if m.group(3) in names and m.group(3) not in keep:
        return f"{m.group(1)}# bauhinia: variant not built: {m.group(2)}"
    return m.group(0)
open(path, "w", encoding="utf-8").write(pattern.sub(repl, text))
print("build-llama-wheel: CPU variants kept:", " ".join(sorted(keep)), "| left out:", " ".join(sorted(names - keep)))
PYEOF
fi

mkdir -p "$OUT.tmp"
rm -rf "${OUT:?}.tmp"/*
echo "build-llama-wheel: building llama-cpp-python $VERSION with: $FLAGS" >&2
start=$(date +%s)
# nice: the build machine is shared with other work.
CMAKE_ARGS="$FLAGS" CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}" \
  nice -n "${BAUHINIA_NICE:-10}" "$PY" -m pip wheel --no-cache-dir --no-deps -w "$OUT.tmp" "$SRC" >&2
end=$(date +%s)
whl="$(ls "$OUT.tmp"/llama_cpp_python-*.whl)"
# A wheel without CPU variant modules would find no backend at run time: refuse it.
"$PY" - "$whl" <<'PYEOF' >&2
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
cpu = sorted(n for n in names if n.startswith("llama_cpp/lib/libggml-cpu-"))
if not cpu:
    sys.exit(f"no ggml-cpu variant modules under llama_cpp/lib in {sys.argv[1]}")
print("build-llama-wheel: CPU modules:", ", ".join(n.rsplit("/", 1)[1] for n in cpu))
PYEOF
printf 'version=%s\nflags=%s\ncpu_variants=%s\npython=%s\nseconds=%s\ncores=%s\n' \
  "$VERSION" "$FLAGS" "$VARIANTS" "$PYTAG" "$((end - start))" "$(nproc)" > "$OUT.tmp/BUILD-INFO"
mv "$OUT.tmp" "$OUT"
echo "build-llama-wheel: built in $((end - start)) s" >&2
with_vulkan "$(ls "$OUT"/llama_cpp_python-*.whl)"
