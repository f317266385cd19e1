#!/usr/bin/env bash
# The whole packaging pipeline, as CI runs it (tests/packaging/test_pipeline.py calls this when
# BAUHINIA_PACKAGING_TESTS=1):
#   portable llama-cpp-python wheel with the Vulkan module (cached outside the repo) -> frozen one-folder app + SBOM ->
#   smoke run of the frozen app (CLI, the window headless, a chat turn) -> DEB -1 and -2 -> lintian, desktop-file-validate, appstreamcli ->
#   MSI authoring compiled with wixl over the Linux bundle + table check -> clean-system install,
#   upgrade -1 -> -2 and remove in a debootstrap root -> SHA-256 sums -> signing hook.
# Artefacts and build/packaging/artifacts/pipeline-report.json (timings) end up in
# build/packaging/artifacts/. Needs root (chroot) and the apt packages listed in
# packaging/docs/deployment.md ("Building the packages").
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
B="$ROOT/build/packaging"
ART="$B/artifacts"
DEV_PY="${DEV_PY:-$ROOT/.venv/bin/python}"
export QT_QPA_PLATFORM=offscreen
log() { printf '\nci-packaging: == %s\n' "$*" >&2; }
now() { date +%s; }
declare -A T

for tool in wixl wixl-heat msiinfo msibuild lintian desktop-file-validate appstreamcli debootstrap dpkg-deb objdump strip patchelf \
    dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "ci-packaging: $tool is missing (see deployment.md)" >&2; exit 1; }
done
rm -rf "$ART"
mkdir -p "$ART"

# Build tools from the packaging extra into the dev venv (PyInstaller, cyclonedx-bom).
t=$(now)
mapfile -t extra < <("$DEV_PY" -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml","rb"))["project"]["optional-dependencies"]["packaging"]))')
"$DEV_PY" -m pip install -q --disable-pip-version-check -c packaging/constraints.txt "${extra[@]}"
T[tools]=$(( $(now) - t ))

log "portable llama-cpp-python wheel"
t=$(now)
wheel="$(PYTHON="$DEV_PY" bash packaging/build-llama-wheel.sh | tail -n1)"
T[llama_wheel]=$(( $(now) - t ))

log "freeze"
t=$(now)
bundle="$(BAUHINIA_LLAMA_WHEEL="$wheel" DEV_PY="$DEV_PY" bash packaging/freeze.sh | tail -n1)"
T[freeze]=$(( $(now) - t ))
bundle_mb=$(( $(du -sk "$bundle" | cut -f1) / 1024 ))

log "smoke run of the frozen app"
t=$(now)
"$bundle/bauhinia" --version
# The Qt-free domain reads its strings from the bundled .ts catalogues: the CLI speaks HK Chinese.
LANG=zh_HK.UTF-8 "$bundle/bauhinia" policy show | head -n1 | grep -q '設定' \
  || { echo "the frozen CLI does not answer in zh_HK (translations/*.ts not bundled?)" >&2; exit 1; }
"$bundle/bauhinia" doctor --json >"$ART/doctor-frozen.json"
"$DEV_PY" - "$ART/doctor-frozen.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
assert "cpu" in json.dumps(doc).lower(), "the frozen app's doctor lists no CPU backend"
PY
ls "$bundle/_internal/llama_cpp/lib/" | grep -q '^libggml-cpu-' || { echo "no CPU modules in the bundle" >&2; exit 1; }
vulkan_module=absent
if [ "${BAUHINIA_VULKAN:-1}" = 1 ]; then  # build-llama-wheel.sh adds the Vulkan module by default
  [ -f "$bundle/_internal/llama_cpp/lib/libggml-vulkan.so" ] || { echo "no Vulkan module in the bundle" >&2; exit 1; }
  vulkan_module=present
fi
selftest=absent
if "$bundle/bauhinia" --help | grep -qw selftest; then
  # The selftest includes a keyring round-trip: give it a real, private Secret Service (a D-Bus
  # session with gnome-keyring unlocked) whose keyrings live in a throw-away home.
  KEYHOME="$B/keyring-home"
  rm -rf "$KEYHOME" && mkdir -p "$KEYHOME/run" && chmod 700 "$KEYHOME/run"
  if ! env -u DBUS_SESSION_BUS_ADDRESS -u GNOME_KEYRING_CONTROL -u PYTHON_KEYRING_BACKEND \
      HOME="$KEYHOME" XDG_DATA_HOME="$KEYHOME/data" XDG_CONFIG_HOME="$KEYHOME/config" \
      XDG_RUNTIME_DIR="$KEYHOME/run" BAUHINIA_HOME="$KEYHOME/bauhinia" \
      dbus-run-session -- sh -c 'printf "bauhinia-ci" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 && exec "$0" selftest --json' \
      "$bundle/bauhinia" >"$ART/selftest-frozen.json"; then
    cat "$ART/selftest-frozen.json" >&2
    echo "ci-packaging: the frozen selftest failed" >&2
    exit 1
  fi
  selftest=pass
fi
T[smoke]=$(( $(now) - t ))

log "the frozen window, headless, and one chat turn on the diagnostic model"
t=$(now)
# shellcheck source=packaging/frozen-smoke.sh
. packaging/frozen-smoke.sh
SMOKE="$B/smoke"
rm -rf "$SMOKE" && mkdir -p "$SMOKE/home"
smoke_window "$SMOKE" frozen timeout 300 env BAUHINIA_HOME="$SMOKE/home" QT_QPA_PLATFORM=offscreen BAUHINIA_EXIT_AFTER_PAINT=1 \
  "$bundle/bauhinia"
# The diagnostic model's bytes, built by the dev venv from the same engine/diagnostic.py, given to
# the frozen CLI as a path; `-m diagnostic` (the CLI's own name for it) too when this build has it.
diag="$("$DEV_PY" -c 'import sys; from engine.diagnostic import diagnostic_model_path; print(diagnostic_model_path(sys.argv[1]))' "$B/diagnostic")"
cp "$diag" "$ART/diagnostic.gguf"
smoke_chat "$SMOKE" frozen-path timeout 300 env BAUHINIA_HOME="$SMOKE/home" "$bundle/bauhinia" ask -m "$diag" --no-history --seed 1 --json "Hello"
chat_ref=path
if "$bundle/bauhinia" ask --help | grep -qw diagnostic; then
  smoke_chat "$SMOKE" frozen-diagnostic timeout 300 env BAUHINIA_HOME="$SMOKE/home" "$bundle/bauhinia" ask -m diagnostic --no-history --seed 1 --json "Hello"
  chat_ref="path+diagnostic"
fi
cp "$SMOKE"/*.out "$SMOKE"/*.err "$ART/" 2>/dev/null || true
T[window_and_chat]=$(( $(now) - t ))

log "DEB"
t=$(now)
deb1="$(bash packaging/deb/build-deb.sh --bundle "$bundle" --revision 1 --out "$ART" | tail -n1)"
deb2="$(bash packaging/deb/build-deb.sh --bundle "$bundle" --revision 2 --out "$B/upgrade-test" | tail -n1)"
T[deb]=$(( $(now) - t ))

log "lintian, desktop-file-validate, appstreamcli"
t=$(now)
lintian --fail-on error,warning --info "$deb1" | tee "$ART/lintian.txt"
desktop-file-validate "$B/deb-root-1/usr/share/applications/hk.gov.bauhinia.desktop"
appstreamcli validate --no-net "$B/deb-root-1/usr/share/metainfo/hk.gov.bauhinia.metainfo.xml"
T[lint]=$(( $(now) - t ))

log "MSI authoring (wixl, Linux payload - for table checks only, not for installing)"
t=$(now)
version="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' app/__init__.py)"
msi="$B/msi-check/bauhinia-authoring-check_${version}_x64.msi"
PYTHON="$DEV_PY" bash packaging/windows/build-msi-linux.sh --payload "$bundle" --out "$msi" >/dev/null
"$DEV_PY" packaging/windows/check_msi.py "$msi"
msi_mb=$(( $(du -sk "$msi" | cut -f1) / 1024 ))
T[msi]=$(( $(now) - t ))

log "clean-system install / upgrade / remove"
t=$(now)
BAUHINIA_DIAGNOSTIC_GGUF="$ART/diagnostic.gguf" bash packaging/deb/install-test.sh "$deb1" "$deb2" "$ART/install-test.json"
T[install_test]=$(( $(now) - t ))

log "checksums and signing hook"
rm -f "$ART/diagnostic.gguf"  # a test input, not an artefact
(cd "$ART" && sha256sum -- *.deb bauhinia.cdx.json >SHA256SUMS && cat SHA256SUMS)
bash packaging/sign.sh "$ART"/*.deb

total=0
for k in "${!T[@]}"; do total=$(( total + T[$k] )); done
"$DEV_PY" - "$ART/pipeline-report.json" <<PY
import json, sys
timings = {$(for k in "${!T[@]}"; do printf '"%s": %s, ' "$k" "${T[$k]}"; done)}
report = {
    "timings_s": timings,
    "total_s": $total,
    "llama_wheel": "$(basename "$wheel")",
    "vulkan_module": "$vulkan_module",
    "vulkan_shader_types": "$(sed -n 's/^vulkan_shader_types=//p' "$(dirname "$wheel")/BUILD-INFO" 2>/dev/null)",
    "bundle_mb": $bundle_mb,
    "deb": "$(basename "$deb1")",
    "deb_mb": round($(stat -c %s "$deb1") / 2**20, 1),
    "msi_check_mb": $msi_mb,
    "selftest_frozen": "$selftest",
    "window_frozen": [ln for ln in open("$SMOKE/window-frozen.out", encoding="utf-8").read().splitlines()
                      if ln.startswith("painted ")][0],
    "chat_frozen": "$chat_ref",
    "install_test": json.load(open("$ART/install-test.json")),
}
json.dump(report, open(sys.argv[1], "w"), indent=2)
print(json.dumps(report, indent=2))
PY
log "done in ${total} s"
