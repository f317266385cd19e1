#!/usr/bin/env bash
# Freeze Bauhinia into a one-folder bundle (build/packaging/dist/bauhinia) with the portable
# llama-cpp-python wheel, and write its CycloneDX SBOM.
#
# Steps: portable llama wheel (cached, build-llama-wheel.sh) -> a clean venv WITHOUT pip/setuptools
# holding only the app and its run-time dependencies -> SBOM of exactly that environment ->
# PyInstaller added to the venv -> freeze with packaging/pyinstaller/bauhinia.spec -> every app.* and
# engine.* module imported inside the frozen bundle (`bauhinia --self-check-imports`; fails the build).
# The packaging venv is installed into with the dev venv's pip (`pip --python`), so the SBOM lists
# run-time components only, not the build tools. Every install is pinned by packaging/constraints.txt
# (the same versions as the dev install; see packaging/update-constraints.sh).
#
# Env: PYTHON (interpreter for the venv, default python3), DEV_PY (default .venv/bin/python),
#      BAUHINIA_LLAMA_WHEEL (use this wheel instead of building/caching one).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
B="$ROOT/build/packaging"
DEV_PY="${DEV_PY:-$ROOT/.venv/bin/python}"
PY="${PYTHON:-python3}"
mkdir -p "$B"

log() { printf 'freeze: %s\n' "$*" >&2; }
t0=$(date +%s)

wheel="${BAUHINIA_LLAMA_WHEEL:-}"
if [ -z "$wheel" ]; then
  wheel="$(PYTHON="$DEV_PY" bash packaging/build-llama-wheel.sh | tail -n1)"
fi
log "llama-cpp-python wheel: $wheel"
t1=$(date +%s)

# Compile translations (the .qm files are build outputs, not committed).
if compgen -G "translations/*.ts" >/dev/null; then
  for ts in translations/*.ts; do
    "$(dirname "$DEV_PY")/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
  done
fi

VENV="$B/venv"
rm -rf "$VENV"
"$PY" -m venv --without-pip "$VENV"
PIP=("$DEV_PY" -m pip --python "$VENV/bin/python" --disable-pip-version-check)
nice -n 10 "${PIP[@]}" install -q -c "$ROOT/packaging/constraints.txt" "$wheel"
# The app itself, non-editable; llama-cpp-python is already satisfied by the portable wheel.
nice -n 10 "${PIP[@]}" install -q -c "$ROOT/packaging/constraints.txt" "$ROOT"
# BAUHINIA_ALLOW_NATIVE_WHEEL=1 lets a developer try the rest of the pipeline with the dev wheel
# (it would crash on older CPUs: never ship that bundle).
"$VENV/bin/python" - "${BAUHINIA_ALLOW_NATIVE_WHEEL:-0}" <<'PY'
import importlib.metadata as md, sys
dist = md.distribution("llama_cpp_python")
files = [str(f) for f in dist.files or []]
if not any("/lib/libggml-cpu-" in f for f in files):
    if sys.argv[1] != "1":
        sys.exit("packaging venv does not hold the portable llama wheel (no libggml-cpu-* modules)")
    print("freeze: WARNING: native (non-portable) llama wheel - for trying the pipeline only", file=sys.stderr)
PY
t2=$(date +%s)

# SBOM of the run-time environment (before any build tool is installed into it).
mkdir -p "$B/artifacts"
"$(dirname "$DEV_PY")/cyclonedx-py" environment --pyproject "$ROOT/pyproject.toml" --mc-type application \
  --output-reproducible --of JSON -o "$B/sbom.environment.json" "$VENV/bin/python"
"$DEV_PY" "$ROOT/packaging/sbom_finish.py" --environment-sbom "$B/sbom.environment.json" \
  --llama-wheel "$wheel" --python "$VENV/bin/python" --out "$B/artifacts/bauhinia.cdx.json"

# PyInstaller: the same version as the packaging extra in the dev venv.
PYI_VERSION="$("$DEV_PY" -c 'import importlib.metadata as m; print(m.version("pyinstaller"))')"
nice -n 10 "${PIP[@]}" install -q -c "$ROOT/packaging/constraints.txt" "pyinstaller==$PYI_VERSION"
t3=$(date +%s)
rm -rf "$B/dist/bauhinia" "$B/work"
nice -n 10 "$VENV/bin/python" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$B/dist" --workpath "$B/work" packaging/pyinstaller/bauhinia.spec
t4=$(date +%s)
# Every app.* and engine.* module must import INSIDE the bundle (catches an `excludes` entry or a
# module the analysis missed, which would otherwise only show when a user opens that part).
QT_QPA_PLATFORM=offscreen "$B/dist/bauhinia/bauhinia" --self-check-imports \
  || { log "the frozen bundle cannot import all of app/ and engine/ (see above)"; exit 1; }
t5=$(date +%s)
du -sh "$B/dist/bauhinia" >&2
log "timings (s): llama wheel $((t1 - t0)), venv $((t2 - t1)), sbom+pyinstaller install $((t3 - t2)), freeze $((t4 - t3)), import check $((t5 - t4))"
echo "$B/dist/bauhinia"
