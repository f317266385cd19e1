#!/usr/bin/env bash
# Install everything Bauhinia needs on a fresh Debian 12 / Ubuntu 24.04 into ./.venv.
# Used by both README commands and by .ci/run. Safe to re-run (it only adds what is missing).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# System packages: Python venv + headers, a compiler and cmake for llama.cpp, Qt's runtime
# libraries (offscreen and xcb), a CJK font so Chinese renders, and D-Bus for the keyring.
APT_PACKAGES=(
  python3 python3-venv python3-dev build-essential cmake git pkg-config ca-certificates
  libgl1 libegl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libx11-xcb1
  fonts-noto-cjk fonts-dejavu-core
)
EXTRAS="test"
if [ "${BAUHINIA_PACKAGING_TESTS:-0}" = 1 ]; then
  # Building and install-testing the DEB/MSI (CI): WiX for Linux, MSI tables, lintian, validators,
  # a clean Debian root, and the ELF tools the DEB build uses.
  APT_PACKAGES+=(wixl msitools lintian desktop-file-utils appstream debootstrap dpkg-dev fakeroot
                 binutils patchelf)
  EXTRAS="test,packaging"
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
.venv/bin/python -m pip install -q --upgrade pip setuptools wheel
# llama-cpp-python compiles llama.cpp from source the first time (~7 min on 2 cores); pip caches it.
.venv/bin/python -m pip install -q -e ".[${EXTRAS}]"
# Compile the Qt translations (.ts → .qm); they are build outputs, not checked in.
.venv/bin/python translations/update.py --release
