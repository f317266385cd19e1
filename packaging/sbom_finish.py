"""Complete the CycloneDX SBOM of the frozen app with what a Python environment scan cannot see.

``cyclonedx-py environment`` lists the Python distributions in the packaging venv. The frozen app
also contains the CPython interpreter, the PyInstaller bootloader, and a llama.cpp build whose
compile flags matter for audits (which CPU variants / GPU backends it can load). This adds those
as components and properties, so the SBOM describes what is actually shipped.
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


def finish(sbom: dict[str, Any], wheel: Path, python: Path) -> dict[str, Any]:
    components: list[dict[str, Any]] = sbom.setdefault("components", [])
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
