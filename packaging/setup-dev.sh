#!/usr/bin/env bash
# Install everything Bauhinia needs on a fresh Debian 12 / Ubuntu 24.04 into ./.venv.
# Used by both README commands and by .ci/run. Safe to re-run (it only adds what is missing).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# System packages: Python venv + headers, a compiler and cmake for llama.cpp, Qt's runtime
# libraries (offscreen and xcb), a CJK font so Chinese renders, D-Bus for the keyring, and an X
# server with the at-spi2 bus for the screen-reader test (tests/ui/test_atspi_walk.py).
APT_PACKAGES=(
  python3 python3-venv python3-dev build-essential cmake git pkg-config ca-certificates
  libgl1 libegl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libx11-xcb1
  fonts-noto-cjk fonts-dejavu-core
  dbus-daemon gnome-keyring
  xvfb at-spi2-core
)
if [ "${BAUHINIA_PACKAGING_TESTS:-0}" = 1 ]; then
  # Building and install-testing the DEB/MSI (CI): WiX for Linux, MSI tables, lintian, validators,
  # a clean Debian root, and the ELF tools the DEB build uses.
  APT_PACKAGES+=(wixl msitools lintian desktop-file-utils appstream debootstrap dpkg-dev fakeroot
                 binutils patchelf)
  # The Vulkan backend module (packaging/build-vulkan-module.sh) and Mesa's lavapipe, a CPU Vulkan
  # driver that lets CI run it with no GPU (tests/engine/test_vulkan_lavapipe.py).
  APT_PACKAGES+=(glslc libvulkan-dev spirv-headers mesa-vulkan-drivers)
fi
if [ -n "${BAUHINIA_SETUP_EXTRA_APT:-}" ]; then
  # shellcheck disable=SC2206
  APT_PACKAGES+=(${BAUHINIA_SETUP_EXTRA_APT})
fi
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
LOG_DIR=build/setup-dev
mkdir -p "$LOG_DIR"

# run_step LABEL LOG COMMAND...: the command's full output goes to LOG; the terminal gets one line
# when it starts, a heartbeat every 30 s with the time so far and what pip is doing, and the end of
# the log if it fails.
run_step() {
  local label=$1 log=$2 started=$SECONDS pid rc tick
  shift 2
  "$@" >"$log" 2>&1 &
  pid=$!
  tick=0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    tick=$((tick + 1))
    if [ $((tick % 30)) = 0 ] && kill -0 "$pid" 2>/dev/null; then
      local elapsed=$((SECONDS - started)) doing
      doing="$(grep -E '^ *(Collecting|Downloading|Building|Installing|Processing|Using cached|Obtaining)' "$log" \
               | tail -n1 | sed 's/^ *//' | cut -c1-90 || true)"
      case "$doing" in
        "Building wheel for llama-cpp-python"*started*) doing="compiling llama.cpp (pip: $doing)" ;;
      esac
      printf 'setup: ... %s still running, %d min %02d s so far%s\n' "$label" $((elapsed / 60)) $((elapsed % 60)) \
        "${doing:+ - $doing}"
    fi
  done
  rc=0
  wait "$pid" || rc=$?
  if [ "$rc" != 0 ]; then
    echo "setup: $label FAILED (exit $rc); the last lines of $log:" >&2
    grep -v "^WARNING: Location '.*' is ignored" "$log" | tail -n 40 >&2
    exit "$rc"
  fi
  printf 'setup: %s done in %d min %02d s (log: %s)\n' "$label" $(((SECONDS - started) / 60)) \
    $(((SECONDS - started) % 60)) "$log"
}

# Pinned, hash-checked dependencies (packaging/requirements.lock, written by
# packaging/update-constraints.sh), then the app itself as an editable install without dependencies.
LLAMA_VERSION="$(sed -n 's/^llama-cpp-python==\([^ ;]*\).*/\1/p' packaging/constraints.txt)"
have_llama="$(.venv/bin/python -c 'import importlib.metadata as m; print(m.version("llama-cpp-python"))' 2>/dev/null || true)"
if [ "$have_llama" != "$LLAMA_VERSION" ]; then
  echo "setup: installing llama-cpp-python $LLAMA_VERSION: unless pip has it cached from an earlier run, this compiles"
  echo "       llama.cpp from source - about 7-10 minutes on 2 cores ($(nproc) here); a line every 30 s shows progress."
fi
run_step "pip/setuptools/wheel" "$LOG_DIR/pip-bootstrap.log" \
  .venv/bin/python -m pip install --disable-pip-version-check --progress-bar off --upgrade pip setuptools wheel
run_step "Python packages (packaging/requirements.lock)" "$LOG_DIR/pip-install.log" \
  .venv/bin/python -m pip install --disable-pip-version-check --progress-bar off --require-hashes \
  -r packaging/requirements.lock
run_step "Bauhinia (editable)" "$LOG_DIR/pip-editable.log" \
  .venv/bin/python -m pip install --disable-pip-version-check --progress-bar off --no-deps --no-build-isolation -e .
# Compile the Qt translations (.ts → .qm); they are build outputs, not checked in.
.venv/bin/python translations/update.py --release
