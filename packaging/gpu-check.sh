#!/usr/bin/env bash
# The prepared check for a machine with an NVIDIA GPU (issue 15): build the CUDA module, then
#   1. build    packaging/build-gpu-module.sh cuda (for this GPU's compute capability) and the
#               portable CPU wheel (packaging/build-llama-wheel.sh, BAUHINIA_VULKAN=0), unpacked
#               into OUT/site with the module in llama_cpp/lib; everything below runs on it
#               (PYTHONPATH), so the GGML_BACKEND_DL loading path is the one a package uses
#   2. doctor   `bauhinia doctor --json` must list a CUDA device (OUT/doctor.json)
#   3. model    the benchmark model (random weights, real proportions, ~460 MiB Q4_K_M)
#   4. bench    `bauhinia bench -m MODEL --json` with backend.choice = that device, then = cpu
#   5. agree    greedy tokens on the device vs the CPU: the first N must be equal
#               (engine/agreement.py; a parting at a near-tie of the CPU's two best logits is
#               reported as such, but still counts as a failure)
# and print the figures table (also OUT/figures.md, OUT/summary in steps.tsv + the JSON files).
#
# Usage: packaging/gpu-check.sh [--cpu-only] [--model GGUF] [--wheel WHL] [--tokens N] [--out DIR]
#   --cpu-only  every step except the GPU ones, on any machine: the module step only prints the
#               flags and the toolkit check (build-gpu-module.sh --print), doctor must list the
#               CPU, bench runs on the CPU only and agreement compares the CPU with itself.
#               tests/packaging/test_gpu_check.py runs this mode.
#   --model     a GGUF to use instead of building the benchmark model
#   --wheel     a portable llama-cpp-python wheel to use instead of building one (with --cpu-only
#               it is still unpacked and used, which exercises the module-loading path)
#   --tokens    N for the agreement (default 32)
#   --out       where results go (default: a new folder under $TMPDIR); BAUHINIA_HOME is OUT/home
# Env:   PYTHON (.venv/bin/python), GPU_CHECK_CLI (the bauhinia command; default: bauhinia next to
#        PYTHON), GPU_CHECK_BENCH_ARGS (extra `bauhinia bench` arguments), BAUHINIA_CUDA_ARCHS
#        (default: this GPU's compute capability from nvidia-smi, e.g. 90-real), and the build
#        scripts' variables (BAUHINIA_PACKAGING_CACHE, BAUHINIA_CPU_VARIANTS, BAUHINIA_NICE, …).
# Exit:  0 when every step passed (SKIP is not a failure), 1 otherwise, 2 for a usage error.
set -uo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: packaging/gpu-check.sh [--cpu-only] [--model GGUF] [--wheel WHL] [--tokens N] [--out DIR]" >&2
  exit 2
}
CPU_ONLY=0 MODEL="" WHEEL="" TOKENS=32 OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cpu-only) CPU_ONLY=1 ;;
    --model | --wheel | --tokens | --out)
      [ $# -ge 2 ] && [ -n "$2" ] || usage
      case "$1" in --model) MODEL="$2" ;; --wheel) WHEEL="$2" ;; --tokens) TOKENS="$2" ;; --out) OUT="$2" ;; esac
      shift ;;
    *) usage ;;
  esac
  shift
done
[[ "$TOKENS" =~ ^[1-9][0-9]*$ ]] || usage
BACKEND=cuda
PY="$(realpath -s "${PYTHON:-.venv/bin/python}")"
OUT="$(realpath -m "${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/bauhinia-gpu-check.XXXXXX")}")"
mkdir -p "$OUT"
: >"$OUT/steps.tsv"
rm -f "$OUT"/bench-*.json "$OUT/agreement.json"
export BAUHINIA_HOME="$OUT/home"  # a throw-away profile: settings, built models, history
read -r -a CLI <<<"${GPU_CHECK_CLI:-$(dirname "$PY")/bauhinia}"
read -r -a BENCH_ARGS <<<"${GPU_CHECK_BENCH_ARGS:-}"
REPORT=(env PYTHONPATH="${PYTHONPATH:-}" "$PY" packaging/gpu_check_report.py)

started=0
begin() { started=$(date +%s%N); echo "gpu-check: $1 …" >&2; }
record() { # record NAME STATUS DETAIL
  local secs
  secs="$(awk -v ns=$(($(date +%s%N) - started)) 'BEGIN { printf "%.1f", ns / 1e9 }')"
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$secs" "$3" >>"$OUT/steps.tsv"
  echo "gpu-check: $1: $2 ($secs s) $3" >&2
}
info() { sed -n "s/^$1=//p" "$2" 2>/dev/null | head -n1; }

# 1. build ----------------------------------------------------------------------------------------
begin build
module=""
if [ "$CPU_ONLY" = 1 ]; then
  if bash packaging/build-gpu-module.sh "$BACKEND" --print >"$OUT/module.txt" 2>"$OUT/build.err"; then
    missing="$(info missing "$OUT/module.txt")"
    record build SKIP "--cpu-only: would build $(info module "$OUT/module.txt") with $(info flags "$OUT/module.txt"); toolkit: $(info toolkit "$OUT/module.txt")${missing:+; missing: $missing}"
  else
    record build FAIL "build-gpu-module.sh --print: $(tail -n1 "$OUT/build.err")"
  fi
else
  if [ -z "${BAUHINIA_CUDA_ARCHS:-}" ] && command -v nvidia-smi >/dev/null; then
    cc="$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | head -n1 | tr -d '. ')"
    [ -n "$cc" ] && export BAUHINIA_CUDA_ARCHS="$cc-real"
  fi
  if module="$(bash packaging/build-gpu-module.sh "$BACKEND" 2>"$OUT/build.err" | tail -n1)" && [ -f "$module" ]; then
    cp "$(dirname "$module")/BUILD-INFO" "$OUT/module-BUILD-INFO"
  else
    module=""
    record build FAIL "build-gpu-module.sh $BACKEND: $(tail -n1 "$OUT/build.err")"
  fi
fi
if [ -n "$module" ] || [ -n "$WHEEL" ]; then
  wheel="$WHEEL"
  if [ -z "$wheel" ]; then
    wheel="$(BAUHINIA_VULKAN=0 bash packaging/build-llama-wheel.sh 2>>"$OUT/build.err" | tail -n1)"
  fi
  if [ -f "$wheel" ] && rm -rf "$OUT/site" && "$PY" -m zipfile -e "$wheel" "$OUT/site" \
      && { [ -z "$module" ] || install -m 0644 "$module" "$OUT/site/llama_cpp/lib/"; }; then
    export PYTHONPATH="$OUT/site${PYTHONPATH:+:$PYTHONPATH}"
    REPORT=(env PYTHONPATH="$PYTHONPATH" "$PY" packaging/gpu_check_report.py)
    wheel_secs="$(info seconds "$(dirname "$wheel")/BUILD-INFO")"
    used="$("$PY" -c 'import llama_cpp; print(llama_cpp.__file__)' 2>&1)"
    if [[ "$used" != "$OUT/site/"* ]]; then
      record site FAIL "python imports llama_cpp from $used, not from OUT/site"
    elif [ -n "$module" ]; then
      record build PASS "$(basename "$module") in $(info seconds "$OUT/module-BUILD-INFO") s ($(info toolkit "$OUT/module-BUILD-INFO"), ${BAUHINIA_CUDA_ARCHS:-default archs}, $(info objects "$OUT/module-BUILD-INFO") units, $(info cores "$OUT/module-BUILD-INFO") cores; needs $(info needs "$OUT/module-BUILD-INFO")); wheel $(basename "$wheel")${wheel_secs:+ in $wheel_secs s}"
    else
      record site PASS "unpacked $(basename "$wheel") (no GPU module) into OUT/site"
    fi
  else
    record site FAIL "could not unpack the wheel ${wheel:-(none built)}: $(tail -n1 "$OUT/build.err" 2>/dev/null)"
  fi
fi

# 2. doctor ---------------------------------------------------------------------------------------
begin doctor
want=$([ "$CPU_ONLY" = 1 ] && echo CPU || echo CUDA)
DEVICE=""
if "${CLI[@]}" doctor --json >"$OUT/doctor.json" 2>"$OUT/doctor.err"; then
  if found="$("${REPORT[@]}" device "$OUT" "$want")"; then
    DEVICE="${found%%$'\t'*}"
    record doctor PASS "${found#*$'\t'}"
  else
    why="$("${REPORT[@]}" why "$OUT/doctor.json" 2>&1)"
    record doctor FAIL "no $want device listed (found: $why)"
  fi
else
  record doctor FAIL "bauhinia doctor: $(tail -n1 "$OUT/doctor.err")"
fi

# 3. model ----------------------------------------------------------------------------------------
begin model
if [ -n "$MODEL" ]; then
  record model SKIP "given: $MODEL"
elif "${REPORT[@]}" model "$OUT/bench.gguf" 2>"$OUT/model.err"; then
  MODEL="$OUT/bench.gguf"
  record model PASS "built $(du -m "$MODEL" | cut -f1) MiB benchmark model"
else
  record model FAIL "$(tail -n1 "$OUT/model.err")"
fi

# 4. bench ----------------------------------------------------------------------------------------
settings_dir="$(env PYTHONPATH="$PWD" "$PY" -c 'from app.paths import user_paths; print(user_paths().config)')"
bench() { # bench CHOICE NAME
  begin "bench $2"
  mkdir -p "$settings_dir"
  printf '{"backend.choice": "%s"}\n' "$1" >"$settings_dir/settings.json"
  local json="$OUT/bench-$2.json" detail
  if "${CLI[@]}" bench -m "$MODEL" --json "${BENCH_ARGS[@]}" >"$json" 2>"$OUT/bench-$2.err"; then
    if detail="$("${REPORT[@]}" bench "$json" "$3")"; then
      record "bench $2" PASS "$detail"
      return
    fi
    record "bench $2" FAIL "$detail"
  else
    record "bench $2" FAIL "$(tail -n1 "$OUT/bench-$2.err")"
  fi
  rm -f "$json"
}
if [ -z "$MODEL" ]; then
  record bench SKIP "no model"
else
  if [ "$CPU_ONLY" = 0 ]; then
    if [ -n "$DEVICE" ]; then bench "$DEVICE" gpu "$DEVICE"; else begin "bench gpu"; record "bench gpu" SKIP "no $want device"; fi
  fi
  bench cpu cpu CPU
fi

# 5. agreement ------------------------------------------------------------------------------------
begin agreement
if [ -z "$MODEL" ]; then
  record agreement SKIP "no model"
elif [ "$CPU_ONLY" = 0 ] && [ -z "$DEVICE" ]; then
  record agreement SKIP "no $want device"
else
  target=$([ "$CPU_ONLY" = 1 ] && echo cpu || echo "$DEVICE")
  summary="$("${REPORT[@]}" agree "$MODEL" "$target" cpu "$TOKENS" "$OUT/agreement.json" 2>"$OUT/agreement.err")"
  case $? in
    0) record agreement PASS "$summary" ;;
    1) record agreement FAIL "$summary" ;;
    *) rm -f "$OUT/agreement.json"; record agreement FAIL "$(tail -n1 "$OUT/agreement.err")" ;;
  esac
fi

echo "gpu-check: results in $OUT" >&2
"${REPORT[@]}" report "$OUT"
