#!/usr/bin/env bash
# Build one accelerator backend of llama.cpp as a loadable module (GGML_BACKEND_DL):
#   cuda -> libggml-cuda.so   (NVIDIA; also the source of the MUSA build)
#   cann -> libggml-cann.so   (Huawei Ascend NPUs, one module per SoC family)
#   musa -> libggml-musa.so   (Moore Threads GPUs)
#
# Like packaging/build-vulkan-module.sh, only the module's CMake target is built (it pulls in
# ggml-base for linking, nothing else), from the SAME verified sdist with the SAME flags as the
# portable CPU wheel (packaging/build-llama-wheel.sh --print-source: one definition), so the
# module loads beside that wheel's libggml-base. Drop the result into llama_cpp/lib of the
# installed app (packaging/docs/deployment.md, "GPU and NPU modules").
#
# Usage: packaging/build-gpu-module.sh BACKEND [MODE]
#   MODE (none)        build the module; its path is the last line of stdout
#        --print       the backend's CMake flags and what the toolkit check found; builds nothing,
#                      needs no sdist and no network (exit 0)
#        --check       the toolkit check alone: "ok", or exit 1 with one line naming what is missing
#        --configure-only
#                      CMake's configure step only (seconds): proves toolkit + flags on a machine
#                      too small to compile the module
# Env:   BAUHINIA_CUDA_ARCHS   CMAKE_CUDA_ARCHITECTURES (default below; "native" = this machine's
#                              GPU; CUDA 13 dropped 50-72, CUDA 12.x may add "70-real")
#        BAUHINIA_CUDA_ROOT    a toolkit outside the default places (passed as CUDAToolkit_ROOT);
#                              otherwise CUDA_HOME, CUDA_PATH or the nvcc on PATH
#        BAUHINIA_CANN_SOC     SOC_TYPE, e.g. Ascend910B3 or Ascend310P3 (default: CMake asks npu-smi)
#        ASCEND_TOOLKIT_HOME   set by the CANN toolkit's set_env.sh
#        BAUHINIA_MUSA_ARCHS   MUSA_ARCHITECTURES (llama.cpp's default: 21;22;31 = S80/S3000, S4000, S5000)
#        MUSA_PATH             the MUSA SDK (default /usr/local/musa, as llama.cpp)
#        and build-llama-wheel.sh's: BAUHINIA_PACKAGING_CACHE, PYTHON, LLAMA_CPP_PYTHON_VERSION,
#        BAUHINIA_NICE (10), CMAKE_BUILD_PARALLEL_LEVEL (nproc).
# Cache: $BAUHINIA_PACKAGING_CACHE/gpu/ggml-<backend>-<version>-<key>/ (module + BUILD-INFO with
#        seconds, cores, toolkit and the libraries the module needs at run time).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: packaging/build-gpu-module.sh cuda|cann|musa [--print|--check|--configure-only]" >&2
  exit 2
}
BACKEND="${1:-}"
MODE="${2:---build}"
case "$MODE" in --build | --print | --check | --configure-only) ;; *) usage ;; esac
[ $# -le 2 ] || usage
CACHE="${BAUHINIA_PACKAGING_CACHE:-$HOME/.cache/bauhinia-packaging}"
PY="${PYTHON:-.venv/bin/python}"

missing=()   # what the toolkit check did not find, one phrase each
toolkit=""   # the toolkit's own version line, for BUILD-INFO

joined() { # joined ITEM... : the items separated by "; "
  local out="" item
  for item in "$@"; do out="${out:+$out; }$item"; done
  echo "$out"
}

first_file() { # first_file PATTERN... : the first existing file among the (globbed) patterns
  local p
  for p in "$@"; do
    [ -e "$p" ] && { echo "$p"; return 0; }
  done
  return 1
}

case "$BACKEND" in
  cuda)
    root="${BAUHINIA_CUDA_ROOT:-${CUDA_HOME:-${CUDA_PATH:-}}}"
    if [ -n "$root" ]; then
      nvcc="$root/bin/nvcc"
    else
      nvcc="$(command -v nvcc || true)"
      root="$( [ -n "$nvcc" ] && dirname "$(dirname "$(readlink -f "$nvcc")")" || echo /usr/local/cuda)"
    fi
    if [ -x "$nvcc" ]; then
      toolkit="CUDA $("$nvcc" --version | sed -n 's/.*release [0-9.]*, V\([0-9.]*\).*/\1/p')"
    else
      missing+=("nvcc (the CUDA toolkit: NVIDIA's cuda-toolkit-12-x/13-x packages, Debian's nvidia-cuda-toolkit, or an nvidia/cuda:*-devel container)")
    fi
    # shellcheck disable=SC2086
    first_file "$root"/include/cublas_v2.h "$root"/targets/*/include/cublas_v2.h /usr/include/cublas_v2.h >/dev/null \
      || missing+=("cuBLAS headers (cublas_v2.h: libcublas-dev-<version> / cuda-libraries-dev)")
    first_file "$root"/lib64/stubs/libcuda.so "$root"/targets/*/lib/stubs/libcuda.so "$root"/lib64/libcuda.so \
      /usr/lib/x86_64-linux-gnu/libcuda.so /usr/lib/aarch64-linux-gnu/libcuda.so >/dev/null \
      || missing+=("the driver API library to link against (lib64/stubs/libcuda.so: cuda-driver-dev-<version>)")
    ARCHS="${BAUHINIA_CUDA_ARCHS:-75-real;80-real;86-real;89-real;90-real;90-virtual}"
    MFLAGS="-DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES=$ARCHS"
    if [ -n "${BAUHINIA_CUDA_ROOT:-}" ]; then
      MFLAGS="$MFLAGS -DCUDAToolkit_ROOT=$root -DCMAKE_CUDA_COMPILER=$nvcc"
    fi
    ;;
  cann)
    home="${ASCEND_TOOLKIT_HOME:-}"
    if [ -z "$home" ]; then
      missing+=("the CANN toolkit environment (install CANN, then: . /usr/local/Ascend/ascend-toolkit/set_env.sh)")
    elif [ ! -f "$home/include/acl/acl.h" ]; then
      missing+=("CANN headers (acl/acl.h under ASCEND_TOOLKIT_HOME=$home)")
    else
      version="$(cat "$home"/*/ascend_toolkit_install.info 2>/dev/null | sed -n 's/^version=//p' | head -n1 || true)"
      toolkit="CANN ${version:-(version unknown)}"
    fi
    MFLAGS="-DGGML_CANN=ON"
    if [ -n "${BAUHINIA_CANN_SOC:-}" ]; then
      MFLAGS="$MFLAGS -DSOC_TYPE=$BAUHINIA_CANN_SOC"
    elif ! command -v npu-smi >/dev/null; then
      missing+=("the SoC to build for (BAUHINIA_CANN_SOC=Ascend910B3, Ascend310P3 …, or build where npu-smi sees the NPU)")
    fi
    ;;
  musa)
    musa="${MUSA_PATH:-/usr/local/musa}"
    if [ -x "$musa/bin/mcc" ] || [ -x "$musa/bin/clang++" ]; then
      toolkit="MUSA $("$musa/bin/clang++" --version 2>/dev/null | head -n1 || true)"
    else
      missing+=("the MUSA SDK (clang++ and mcc in MUSA_PATH=$musa)")
    fi
    MFLAGS="-DGGML_MUSA=ON${BAUHINIA_MUSA_ARCHS:+ -DMUSA_ARCHITECTURES=$BAUHINIA_MUSA_ARCHS}"
    ;;
  *) usage ;;
esac
TARGET="ggml-$BACKEND"
MODULE="lib$TARGET.so"

if [ "$MODE" = --print ]; then
  printf 'backend=%s\ntarget=%s\nmodule=%s\nflags=%s\ntoolkit=%s\nmissing=%s\n' \
    "$BACKEND" "$TARGET" "$MODULE" "$MFLAGS" "${toolkit:-none}" "$(joined "${missing[@]}")"
  exit 0
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "build-gpu-module: cannot build $MODULE, missing: $(joined "${missing[@]}")" >&2
  exit 1
fi
if [ "$MODE" = --check ]; then
  echo "ok: $BACKEND ($toolkit)"
  exit 0
fi

eval "$(PYTHON="$PY" BAUHINIA_PACKAGING_CACHE="$CACHE" bash packaging/build-llama-wheel.sh --print-source)"
: "${VERSION:?}" "${SDIST:?}" "${FLAGS:?}"
ALL_FLAGS="$FLAGS $MFLAGS"
KEY="$(printf '%s|%s|%s|%s' "$VERSION" "$ALL_FLAGS" "$toolkit" "$(uname -m)" | sha256sum | cut -c1-16)"
OUT="$CACHE/gpu/$TARGET-$VERSION-$KEY"
if [ "$MODE" = --build ] && [ -f "$OUT/$MODULE" ]; then
  echo "build-gpu-module: cached $OUT/$MODULE" >&2
  echo "$OUT/$MODULE"
  exit 0
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bauhinia-$BACKEND-build.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
tar -xzf "$SDIST" -C "$WORK"
LLAMA="$WORK/llama_cpp_python-$VERSION/vendor/llama.cpp"
echo "build-gpu-module: configuring $TARGET (llama-cpp-python $VERSION sources) with: $ALL_FLAGS" >&2
start=$(date +%s)
GENERATOR=()
command -v ninja >/dev/null && GENERATOR=(-G Ninja)
# shellcheck disable=SC2086
nice -n "${BAUHINIA_NICE:-10}" cmake -S "$LLAMA" -B "$WORK/build" "${GENERATOR[@]}" -DCMAKE_BUILD_TYPE=Release $ALL_FLAGS \
  >"$WORK/configure.log" 2>&1 || { tail -n 40 "$WORK/configure.log" >&2; exit 1; }
configured=$(date +%s)
# Compile units of the module (what the build will take): object files the generator lists.
objects="$(grep -rhoE "CMakeFiles/$TARGET\.dir/[^ :]*\.o" "$WORK/build" --include=build.ninja --include=build.make \
  | sort -u | wc -l || true)"
if [ "$MODE" = --configure-only ]; then
  grep -iE "CUDA|CANN|MUSA|SOC" "$WORK/configure.log" >&2 || true
  echo "build-gpu-module: configured $TARGET in $((configured - start)) s: $objects compile units ($toolkit)"
  exit 0
fi

CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}" \
  nice -n "${BAUHINIA_NICE:-10}" cmake --build "$WORK/build" --target "$TARGET" >"$WORK/build.log" 2>&1 \
  || { tail -n 60 "$WORK/build.log" >&2; exit 1; }
end=$(date +%s)
module="$(find "$WORK/build" -name "$MODULE" -type f | head -n1)"
[ -n "$module" ] || { echo "build-gpu-module: the build produced no $MODULE" >&2; exit 1; }
# A backend module must export ggml_backend_init (GGML_BACKEND_DL) or ggml cannot load it.
nm -D --defined-only "$module" | grep -qw ggml_backend_init \
  || { echo "build-gpu-module: $module exports no ggml_backend_init (not a GGML_BACKEND_DL module)" >&2; exit 1; }
needs="$(readelf -d "$module" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | grep -v '^libggml' | tr '\n' ' ' || true)"

mkdir -p "$OUT.tmp"
rm -rf "${OUT:?}.tmp"/*
install -m 0644 "$module" "$OUT.tmp/$MODULE"
printf 'version=%s\nbackend=%s\nflags=%s\ntoolkit=%s\nneeds=%s\nobjects=%s\nseconds=%s\ncores=%s\n' \
  "$VERSION" "$BACKEND" "$ALL_FLAGS" "$toolkit" "$needs" "$objects" "$((end - start))" "$(nproc)" >"$OUT.tmp/BUILD-INFO"
rm -rf "$OUT"
mv "$OUT.tmp" "$OUT"
echo "build-gpu-module: built $MODULE in $((end - start)) s; it needs at run time: $needs" >&2
echo "$OUT/$MODULE"
