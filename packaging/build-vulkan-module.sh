#!/usr/bin/env bash
# Build llama.cpp's Vulkan backend as ONE loadable module (libggml-vulkan.so) for the portable wheel.
#
# Why a separate build: the portable wheel (packaging/build-llama-wheel.sh) already has the CPU
# variants; rebuilding the whole wheel to add Vulkan would recompile all of them. ggml-vulkan is a
# GGML_BACKEND_DL module that links only against libggml-base (matched by soname at run time), so
# it is built here from the SAME verified sdist with the SAME flags plus -DGGML_VULKAN=ON, as the
# single cmake target `ggml-vulkan` (that builds ggml-base too, for linking, and nothing else).
# build-llama-wheel.sh then drops the module into llama_cpp/lib of a copy of the CPU wheel.
#
# Needs (Debian 12): glslc, libvulkan-dev (1.3.239: too old for one block of the pinned ggml-vulkan,
# which packaging/vulkan_headers_compat.py guards), spirv-headers (its CMake config; the pinned
# llama.cpp calls find_package(SPIRV-Headers)). packaging/setup-dev.sh installs them when
# BAUHINIA_PACKAGING_TESTS=1. Debian 12's glslc (shaderc 2023.2) lacks GL_KHR_cooperative_matrix,
# GL_NV_cooperative_matrix2, GL_EXT_integer_dot_product, GL_EXT_bfloat16 and the fp4/fp8 extensions,
# so those fast paths are not compiled in (llama.cpp's CMake detects this and uses the plain shaders).
#
# Shader set: BAUHINIA_VULKAN_SHADER_TYPES (default: all; under CI=true the list below). A list
# patches the unpacked sdist's vulkan-shaders-gen (packaging/vulkan_shader_types.py) so that shader
# variants for the OTHER weight types are not compiled (a 4-byte placeholder is embedded instead). A
# module built that way runs only models quantised with the listed types: the CI build may use it,
# a release build must not (packaging/docs/deployment.md, "Vulkan").
#
# Cache (outside the repository, like the wheel): $BAUHINIA_PACKAGING_CACHE/vulkan/<key>/
#   libggml-vulkan.so and BUILD-INFO (seconds, cores, glslc, Vulkan headers, shader types).
# Usage: packaging/build-vulkan-module.sh   -> prints the module's path on the last line of stdout.
# Env:   BAUHINIA_VULKAN_SHADER_TYPES, BAUHINIA_PACKAGING_CACHE, PYTHON, BAUHINIA_NICE (10),
#        CMAKE_BUILD_PARALLEL_LEVEL (nproc), LLAMA_CPP_PYTHON_VERSION (as build-llama-wheel.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE="${BAUHINIA_PACKAGING_CACHE:-$HOME/.cache/bauhinia-packaging}"
PY="${PYTHON:-.venv/bin/python}"
# CI (.ci/run sets CI=true) builds only the shaders of the weight types its test models and the
# common quantisations (Q4_0, Q8_0, Q4_K_M, Q5_K_M, Q6_K) use: 244 s instead of 350 s (idle) to
# 1232 s (busy) for all shaders on 2 cores (packaging/docs/deployment.md, "Vulkan").
CI_SHADER_TYPES="f32 f16 q4_0 q4_1 q5_0 q5_1 q8_0 q4_k q5_k q6_k"
if [ "${CI:-}" = true ]; then default_types="$CI_SHADER_TYPES"; else default_types=all; fi
TYPES="${BAUHINIA_VULKAN_SHADER_TYPES:-$default_types}"

missing=()
command -v glslc >/dev/null || missing+=(glslc)
[ -f /usr/include/vulkan/vulkan.hpp ] || [ -n "${VULKAN_SDK:-}" ] || missing+=(libvulkan-dev)
[ -f /usr/share/cmake/SPIRV-Headers/SPIRV-HeadersConfig.cmake ] || [ -n "${VULKAN_SDK:-}" ] || missing+=(spirv-headers)
if [ ${#missing[@]} -gt 0 ]; then
  echo "build-vulkan-module: missing build tools: ${missing[*]} (apt-get install ${missing[*]})" >&2
  exit 1
fi

# The verified sdist and the flags of the CPU wheel, from build-llama-wheel.sh (one definition).
eval "$(PYTHON="$PY" bash packaging/build-llama-wheel.sh --print-source)"
: "${VERSION:?}" "${SDIST:?}" "${FLAGS:?}"
GLSLC_VERSION="$(glslc --version 2>/dev/null | sed -n 1p)"
VK_HEADERS="$(sed -n 's/^#define VK_HEADER_VERSION \([0-9]*\).*/\1/p' "${VULKAN_SDK:-/usr}/include/vulkan/vulkan_core.h" 2>/dev/null || true)"
VFLAGS="$FLAGS -DGGML_VULKAN=ON"
PATCHES="$(cat packaging/vulkan_headers_compat.py packaging/vulkan_shader_types.py | sha256sum | cut -c1-16)"
KEY="$(printf '%s|%s|%s|%s|%s|%s|%s' "$VERSION" "$VFLAGS" "$TYPES" "$GLSLC_VERSION" "$VK_HEADERS" "$(uname -m)" "$PATCHES" \
  | sha256sum | cut -c1-16)"
OUT="$CACHE/vulkan/ggml-vulkan-$VERSION-$KEY"

if [ -f "$OUT/libggml-vulkan.so" ]; then
  echo "build-vulkan-module: cached $OUT/libggml-vulkan.so" >&2
  echo "$OUT/libggml-vulkan.so"
  exit 0
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bauhinia-vulkan-build.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
tar -xzf "$SDIST" -C "$WORK"
LLAMA="$WORK/llama_cpp_python-$VERSION/vendor/llama.cpp"
# Debian 12's Vulkan headers (1.3.239) lack VK_EXT_layer_settings, which the pinned ggml-vulkan uses
# for a validation-layer option only; the patch guards that block (no change with newer headers).
"$PY" packaging/vulkan_headers_compat.py "$LLAMA/ggml/src/ggml-vulkan/ggml-vulkan.cpp" >&2
if [ "$TYPES" != "all" ]; then
  # shellcheck disable=SC2086
  "$PY" packaging/vulkan_shader_types.py "$LLAMA/ggml/src/ggml-vulkan/vulkan-shaders/vulkan-shaders-gen.cpp" $TYPES >&2
fi

echo "build-vulkan-module: building ggml-vulkan (llama-cpp-python $VERSION sources) with: $VFLAGS; shader types: $TYPES" >&2
start=$(date +%s)
# shellcheck disable=SC2086
nice -n "${BAUHINIA_NICE:-10}" cmake -S "$LLAMA" -B "$WORK/build" -DCMAKE_BUILD_TYPE=Release $VFLAGS >"$WORK/configure.log" 2>&1 \
  || { tail -n 40 "$WORK/configure.log" >&2; exit 1; }
grep -E "Vulkan|glslc" "$WORK/configure.log" >&2 || true
CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}" \
  nice -n "${BAUHINIA_NICE:-10}" cmake --build "$WORK/build" --target ggml-vulkan >"$WORK/build.log" 2>&1 \
  || { tail -n 60 "$WORK/build.log" >&2; exit 1; }
end=$(date +%s)
module="$(find "$WORK/build" -name 'libggml-vulkan.so' -type f | sed -n 1p)"
[ -n "$module" ] || { echo "build-vulkan-module: the build produced no libggml-vulkan.so" >&2; exit 1; }
# A backend module must export ggml_backend_init (GGML_BACKEND_DL) or ggml cannot load it.
nm -D --defined-only "$module" | grep -w ggml_backend_init >/dev/null \
  || { echo "build-vulkan-module: $module exports no ggml_backend_init (not a GGML_BACKEND_DL module)" >&2; exit 1; }
shaders="$(find "$WORK/build" -name '*.spv' -type f | wc -l)"

mkdir -p "$OUT.tmp"
rm -rf "${OUT:?}.tmp"/*
install -m 0644 "$module" "$OUT.tmp/libggml-vulkan.so"
printf 'version=%s\nflags=%s\nshader_types=%s\nspv_files=%s\nglslc=%s\nvk_header_version=%s\nseconds=%s\ncores=%s\n' \
  "$VERSION" "$VFLAGS" "$TYPES" "$shaders" "$GLSLC_VERSION" "$VK_HEADERS" "$((end - start))" "$(nproc)" >"$OUT.tmp/BUILD-INFO"
rm -rf "$OUT"
mv "$OUT.tmp" "$OUT"
echo "build-vulkan-module: built in $((end - start)) s ($shaders SPIR-V files)" >&2
echo "$OUT/libggml-vulkan.so"
