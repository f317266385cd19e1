"""The desktop entry, AppStream metadata and icons that the DEB installs.

Validated with the same tools distributions use (desktop-file-validate, appstreamcli); each test
skips only when its tool is not installed (Debian: desktop-file-utils, appstream).
"""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app import __version__

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ROOT / "resources" / "linux" / "hk.gov.bauhinia.desktop"
METAINFO = ROOT / "resources" / "linux" / "hk.gov.bauhinia.metainfo.xml"
ICONS = ROOT / "resources" / "icons"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (apt-get install desktop-file-utils appstream)")
    return path


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_validates() -> None:
    result = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", result.stdout  # no hints or warnings either


def test_desktop_file_is_translated_and_starts_the_window() -> None:
    entry = _desktop_entry()
    assert entry["Name[zh_HK]"] == "紫荊助手"
    assert entry["Name[zh_CN]"] == "紫荆助手"
    for lang in ("zh_HK", "zh_CN"):
        assert entry[f"Comment[{lang}]"] and entry[f"Comment[{lang}]"] != entry["Comment"]
    # `bauhinia` with no arguments opens the window (DESIGN §3); a %F would pass files as commands.
    assert entry["Exec"] == "bauhinia"
    assert entry["Icon"] == DESKTOP.stem
    assert entry["Terminal"] == "false"


def test_metainfo_validates() -> None:
    result = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Infos are fine (the `developer` tag is newer than bookworm's AppStream 0.16); no warnings.
    assert "W:" not in result.stdout and "E:" not in result.stdout, result.stdout


def test_metainfo_matches_desktop_file_and_version() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == DESKTOP.stem
    assert root.find("launchable").text == DESKTOP.name  # type: ignore[union-attr]
    names = {n.get("{http://www.w3.org/XML/1998/namespace}lang"): n.text for n in root.findall("name")}
    assert names[None] == "Bauhinia" and names["zh-HK"] == "紫荊助手" and names["zh-CN"] == "紫荆助手"
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == __version__, (
        "add a <release> entry for the new version to the metainfo"
    )


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_hicolor_icons_have_the_sizes_their_folders_claim() -> None:
    pngs = sorted((ICONS / "hicolor").glob("*/apps/hk.gov.bauhinia.png"))
    sizes = {p.parent.parent.name for p in pngs}
    assert {"16x16", "32x32", "48x48", "64x64", "128x128", "256x256"} <= sizes
    for p in pngs:
        w, h = (int(x) for x in p.parent.parent.name.split("x"))
        assert _png_size(p) == (w, h), p
    ET.parse(ICONS / "hk.gov.bauhinia.svg")  # well-formed scalable icon


def test_windows_icon_holds_the_standard_sizes() -> None:
    data = (ICONS / "hk.gov.bauhinia.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    dims = set()
    for i in range(count):
        w, _h, _colors, _res, _planes, _bpp, size, offset = struct.unpack("<BBBBHHII", data[6 + 16 * i : 22 + 16 * i])
        dims.add(256 if w == 0 else w)
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + size <= len(data)
    assert {16, 32, 48, 256} <= dims
