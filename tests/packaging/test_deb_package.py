"""The DEB: control data, layout and lintian, built by packaging/deb/build-deb.sh.

These tests package a small stand-in bundle (a shell script where the frozen executable goes), so
they check the packaging itself in seconds; the real frozen app is packaged, linted and installed
into a clean Debian root by tests/packaging/test_pipeline.py (BAUHINIA_PACKAGING_TESTS=1).
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from app import __version__

ROOT = Path(__file__).resolve().parents[2]
BUILD_DEB = ROOT / "packaging" / "deb" / "build-deb.sh"
# What the frozen Qt app needs headless (DESIGN §5: found on a clean debootstrap root).
HEADLESS_LIBS = {"libgl1", "libegl1", "libxkbcommon0", "libfontconfig1", "libdbus-1-3", "libglib2.0-0"}


def _need(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (apt-get install dpkg-dev lintian)")


def _depends_list() -> list[str]:
    lines = (ROOT / "packaging" / "deb" / "depends.txt").read_text(encoding="utf-8").splitlines()
    return [ln.split()[0] for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def test_depends_cover_what_qt_needs_headless() -> None:
    deps = _depends_list()
    assert set(deps) >= HEADLESS_LIBS, HEADLESS_LIBS - set(deps)
    assert "libxcb-cursor0" in deps  # Qt >= 6.5's xcb platform plugin refuses to start without it
    assert len(deps) == len(set(deps))


@pytest.fixture(scope="module")
def stand_in_deb(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    _need("dpkg-deb")
    tmp = tmp_path_factory.mktemp("deb")
    bundle = tmp / "bundle"
    (bundle / "_internal" / "llama_cpp" / "lib").mkdir(parents=True)
    exe = bundle / "bauhinia"
    exe.write_text(f'#!/bin/sh\necho "bauhinia {__version__}"\n', encoding="utf-8")
    exe.chmod(0o755)
    with zipfile.ZipFile(bundle / "_internal" / "base_library.zip", "w") as zf:
        zf.writestr("abc.pyc", b"stand-in")
    result = subprocess.run(
        ["bash", str(BUILD_DEB), "--bundle", str(bundle), "--work", str(tmp / "root"), "--out", str(tmp / "out"),
         "--revision", "3", "--sbom", str(tmp / "no-sbom.json")],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    deb = Path(result.stdout.strip().splitlines()[-1])
    return deb, tmp / "root"


def _field(deb: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True).stdout.strip()


def test_deb_name_version_and_control_fields(stand_in_deb: tuple[Path, Path]) -> None:
    deb, _ = stand_in_deb
    assert deb.name == f"bauhinia_{__version__}-3_amd64.deb"
    assert _field(deb, "Package") == "bauhinia"
    assert _field(deb, "Version") == f"{__version__}-3"
    assert _field(deb, "Architecture") == "amd64"
    depends = {d.strip().split()[0] for d in _field(deb, "Depends").split(",")}
    assert set(_depends_list()) <= depends
    assert "fonts-noto-cjk" in _field(deb, "Recommends")
    assert int(_field(deb, "Installed-Size")) > 0


def test_deb_layout(stand_in_deb: tuple[Path, Path]) -> None:
    deb, _ = stand_in_deb
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    paths = {line.split()[5].removeprefix(".") for line in listing.splitlines()}
    links = {
        line.split()[5].removeprefix("."): line.split()[-1] for line in listing.splitlines() if line.startswith("l")
    }
    for expected in (
        "/usr/lib/bauhinia/bauhinia",
        "/usr/share/applications/hk.gov.bauhinia.desktop",
        "/usr/share/metainfo/hk.gov.bauhinia.metainfo.xml",
        "/usr/share/icons/hicolor/48x48/apps/hk.gov.bauhinia.png",
        "/usr/share/icons/hicolor/scalable/apps/hk.gov.bauhinia.svg",
        "/usr/share/doc/bauhinia/copyright",
        "/usr/share/doc/bauhinia/changelog.Debian.gz",
        "/usr/share/doc/bauhinia/examples/models.json",
        "/usr/share/man/man1/bauhinia.1.gz",
        "/etc/bauhinia/",
        "/etc/bauhinia/policies/",
    ):
        assert expected in paths, expected
    assert links["/usr/bin/bauhinia"] == "../lib/bauhinia/bauhinia"
    assert not any(p.startswith("/opt") for p in paths)
    # Examples only: no file under /etc, so nothing is a conffile and upgrades never prompt.
    assert [p for p in paths if p.startswith("/etc/") and not p.endswith("/")] == []
    control = subprocess.run(["dpkg-deb", "-I", str(deb)], capture_output=True, text=True, check=True).stdout
    assert "conffiles" not in control
    for script in ("preinst", "postinst", "prerm", "postrm"):
        assert script not in control


def test_changelog_records_the_rebuild_revision(stand_in_deb: tuple[Path, Path]) -> None:
    _, root = stand_in_deb
    text = subprocess.run(
        ["gzip", "-dc", str(root / "usr/share/doc/bauhinia/changelog.Debian.gz")],
        capture_output=True, text=True, check=True,
    ).stdout
    assert text.startswith(f"bauhinia ({__version__}-3) ")


def test_stand_in_deb_is_lintian_clean(stand_in_deb: tuple[Path, Path]) -> None:
    _need("lintian")
    deb, _ = stand_in_deb
    result = subprocess.run(
        ["lintian", "--fail-on", "error,warning", str(deb)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
