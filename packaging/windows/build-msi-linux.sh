#!/usr/bin/env bash
# Compile Bauhinia.wxs with Debian's wixl to check the MSI authoring on Linux.
#
# The real MSI is built on Windows (build-windows.ps1). Here the payload is the *Linux* bundle (or
# any stand-in folder), renamed so the files the authoring names exist: bauhinia -> bauhinia.exe
# and a copy as bauhinia-gui.exe. The resulting MSI is for inspecting its tables (msiinfo), never
# for installing.
#
# Usage: build-msi-linux.sh --payload DIR --out FILE.msi [--version X.Y.Z]
# Needs: wixl (Debian package wixl).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PAYLOAD=""
OUT=""
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/app/__init__.py")"
while [ $# -gt 0 ]; do
  case "$1" in
    --payload) PAYLOAD="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --version) VERSION="$2"; shift 2 ;;
    *) echo "build-msi-linux: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -d "$PAYLOAD" ] && [ -n "$OUT" ] || { echo "usage: $0 --payload DIR --out FILE.msi" >&2; exit 2; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
STAGE="$WORK/stage"
cp -a "$PAYLOAD" "$STAGE"
if [ -f "$STAGE/bauhinia" ] && [ ! -f "$STAGE/bauhinia.exe" ]; then
  mv "$STAGE/bauhinia" "$STAGE/bauhinia.exe"
fi
[ -f "$STAGE/bauhinia-gui.exe" ] || cp "$STAGE/bauhinia.exe" "$STAGE/bauhinia-gui.exe"

# Harvest everything except the two executables Bauhinia.wxs names itself.
(cd "$WORK" && find stage -type f ! -path 'stage/bauhinia.exe' ! -path 'stage/bauhinia-gui.exe' | LC_ALL=C sort \
  | wixl-heat --prefix stage/ --directory-ref INSTALLDIR --component-group Payload \
      --var var.SourceDir --win64) > "$WORK/Payload.wxs"

# wixl lacks component conditions and Secure properties: compile a copy without them, then write
# them into the tables the way light.exe does (see wixl_compat.py).
PY="${PYTHON:-python3}"
"$PY" "$HERE/wixl_compat.py" strip "$HERE/Bauhinia.wxs" "$WORK/Bauhinia.wixl.wxs" "$WORK/removed.json"
mkdir -p "$(dirname "$OUT")"
# wixl resolves sources relative to the .wxs and refuses absolute ones: work inside $WORK.
ln -s "$ROOT/resources" "$WORK/resources"
OUT_ABS="$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")"
(cd "$WORK" && wixl --arch x64 -D Win64=yes -D SourceDir=stage -D "Version=$VERSION" -D ResourceDir=resources \
  -o "$OUT_ABS" Bauhinia.wixl.wxs Payload.wxs)
OUT="$OUT_ABS"
"$PY" "$HERE/wixl_compat.py" apply "$OUT" "$WORK/removed.json"
echo "$OUT"
