"""Complete the CycloneDX SBOM of the frozen app with what a Python environment scan cannot see.

``cyclonedx-py environment`` lists the Python distributions in the packaging venv. The frozen app
also contains the CPython interpreter, the PyInstaller bootloader, a llama.cpp build whose
compile flags matter for audits (which CPU variants / GPU backends it can load), and the SQLCipher
library with its crypto provider (OpenSSL) compiled into the sqlcipher3 wheel - a different build
per platform. This adds those as components and properties, read from the packaging interpreter
at build time (SQLCipher through ``app.sqlcipher_build``: ``PRAGMA cipher_version`` and
``cipher_provider_version``, the same text the About dialog shows), so the SBOM describes what is
actually shipped. The interface's icon set (a few Lucide SVGs in ``resources/icons/lucide``, described
by its ``source.json``) is added too, with its licence.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import zipfile
from pathlib import Path
from typing import Any


def _python_version(python: Path) -> str:
    out = subprocess.run(
        [str(python), "-c", "import platform; print(platform.python_version())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def _llama_build_info(wheel: Path) -> dict[str, str]:
    info: dict[str, str] = {}
    build_info = wheel.parent / "BUILD-INFO"
    if build_info.is_file():
        for line in build_info.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            info[key.strip()] = value.strip()
    with zipfile.ZipFile(wheel) as zf:
        libs = sorted(
            n.rsplit("/", 1)[1]
            for n in zf.namelist()
            if n.startswith("llama_cpp/lib/") and (".so" in n or n.endswith(".dll"))
        )
    info["modules"] = " ".join(libs)
    return info


def _sqlcipher_build(python: Path) -> dict[str, str]:
    out = subprocess.run(
        [str(python), "-m", "app.sqlcipher_build"], check=True, capture_output=True, text=True
    )
    info: dict[str, str] = json.loads(out.stdout)
    return info


def _sqlcipher_components(info: dict[str, str]) -> list[dict[str, Any]]:
    """SQLCipher and its crypto provider as the sqlcipher3 wheel ships them."""
    if not info.get("cipher_version"):
        raise SystemExit("sbom_finish: the packaging interpreter has no working sqlcipher3 module")
    version = info["cipher_version"].split()[0]
    comps: list[dict[str, Any]] = [{
        "type": "library",
        "bom-ref": f"sqlcipher@{version}",
        "name": "sqlcipher",
        "version": version,
        "purl": f"pkg:github/sqlcipher/sqlcipher@v{version}",
        "licenses": [{"license": {"id": "BSD-3-Clause"}}],
        "description": f"SQLCipher {info['cipher_version']} on SQLite {info.get('sqlite_version', '')}, "
                       f"compiled into {info.get('distribution', 'sqlcipher3')}",
        "properties": [{"name": f"bauhinia:sqlcipher:{k}", "value": v} for k, v in sorted(info.items())],
    }]
    provider_version = info.get("provider_version", "")
    parts = provider_version.split()
    if info.get("provider", "").lower() == "openssl" and len(parts) >= 2:
        comps.append({
            "type": "library",
            "bom-ref": f"openssl@{parts[1]}",
            "name": "openssl",
            "version": parts[1],
            "purl": f"pkg:generic/openssl/openssl@{parts[1]}",
            # OpenSSL 3 is Apache-2.0; 1.x had the OpenSSL/SSLeay licence.
            "licenses": [{"license": {"id": "Apache-2.0" if parts[1][:1] >= "3" else "OpenSSL"}}],
            "description": f"crypto provider of SQLCipher ({provider_version}), "
                           f"linked into {info.get('distribution', 'sqlcipher3')}",
        })
    return comps


ICON_SET = Path(__file__).resolve().parent.parent / "resources" / "icons" / "lucide"


def icon_set_component(folder: Path = ICON_SET) -> dict[str, Any]:
    """The shipped subset of an SVG icon set, from the ``source.json`` beside its files."""
    src = json.loads((folder / "source.json").read_text(encoding="utf-8"))
    files = sorted(p.name for p in folder.glob("*.svg"))
    return {
        "type": "library",
        "bom-ref": f"{src['name']}@{src['version']}",
        "name": src["name"],
        "version": src["version"],
        "purl": src["purl"],
        "licenses": [{"expression": src["license"]}],
        "description": f"{len(files)} SVG icons of {src['name']} in resources/icons/{folder.name} "
                       f"(licence text: resources/icons/{folder.name}/LICENSE)",
        "externalReferences": [{"type": "website", "url": src["website"]}],
        "properties": [
            {"name": "bauhinia:icons:tarball", "value": src["tarball"]},
            {"name": "bauhinia:icons:tarball-sha256", "value": src["tarball_sha256"]},
            {"name": "bauhinia:icons:files", "value": " ".join(files)},
        ],
    }


def finish(sbom: dict[str, Any], wheel: Path, python: Path) -> dict[str, Any]:
    components: list[dict[str, Any]] = sbom.setdefault("components", [])
    components.extend(_sqlcipher_components(_sqlcipher_build(python)))
    components.append(icon_set_component())
    py_version = _python_version(python)
    components.append(
        {
            "type": "application",
            "bom-ref": f"cpython@{py_version}",
            "name": "cpython",
            "version": py_version,
            "purl": f"pkg:generic/python/cpython@{py_version}",
            "licenses": [{"license": {"id": "PSF-2.0"}}],
            "description": "Python interpreter embedded in the frozen app",
        }
    )
    info = _llama_build_info(wheel)
    for comp in components:
        if comp.get("name", "").lower().replace("_", "-") == "llama-cpp-python":
            props = comp.setdefault("properties", [])
            props.append({"name": "bauhinia:llama.cpp:cmake-flags", "value": info.get("flags", "")})
            props.append({"name": "bauhinia:llama.cpp:modules", "value": info.get("modules", "")})
            comp["description"] = "Python bindings with a vendored llama.cpp/ggml build (portable, DL backends)"
    try:
        import PyInstaller  # optional: present in the packaging extra

        pyi_version = PyInstaller.__version__
    except ImportError:
        pyi_version = "unknown"
    components.append(
        {
            "type": "application",
            "bom-ref": f"pyinstaller-bootloader@{pyi_version}",
            "name": "pyinstaller-bootloader",
            "version": pyi_version,
            "purl": f"pkg:pypi/pyinstaller@{pyi_version}",
            "licenses": [{"expression": "GPL-2.0-or-later WITH Bootloader-exception"}],
            "description": "PyInstaller bootloader that starts the frozen app",
        }
    )
    return sbom


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--environment-sbom", type=Path, required=True)
    parser.add_argument("--llama-wheel", type=Path, required=True)
    parser.add_argument("--python", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    sbom = json.loads(args.environment_sbom.read_text(encoding="utf-8"))
    finished = finish(sbom, args.llama_wheel, args.python)
    args.out.write_text(json.dumps(finished, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
