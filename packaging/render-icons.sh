#!/usr/bin/env bash
# Render the application icon (resources/icons/hk.gov.bauhinia.svg) into the PNG sizes the hicolor
# theme and AppStream want, and a Windows .ico for the executable and the MSI. The outputs are
# committed, so package builds do not need rsvg-convert; re-run this only after editing the SVG.
# Needs: rsvg-convert (Debian librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/../resources/icons"
SVG=hk.gov.bauhinia.svg
for n in 16 22 24 32 48 64 128 256 512; do
  mkdir -p "hicolor/${n}x${n}/apps"
  rsvg-convert -w "$n" -h "$n" "$SVG" -o "hicolor/${n}x${n}/apps/hk.gov.bauhinia.png"
done
# A Windows icon holding PNG images (valid since Windows Vista), written with the standard library.
python3 - <<'PY'
import struct
from pathlib import Path
sizes = [16, 24, 32, 48, 64, 128, 256]
images = [Path(f"hicolor/{n}x{n}/apps/hk.gov.bauhinia.png").read_bytes() for n in sizes]
header = struct.pack("<HHH", 0, 1, len(images))
offset = 6 + 16 * len(images)
entries, blobs = b"", b""
for n, data in zip(sizes, images):
    dim = 0 if n >= 256 else n  # 0 means 256 in an ICONDIRENTRY
    entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(blobs))
    blobs += data
Path("hk.gov.bauhinia.ico").write_bytes(header + entries + blobs)
PY
echo "render-icons: done"
