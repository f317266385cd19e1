"""What CI and the install scripts promise (issue 12): lint and types in .ci/run, one set of pinned
versions for the dev install and the packages, and tests that keep to their isolation rules."""

from __future__ import annotations

import importlib.metadata as md
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
CONSTRAINTS = ROOT / "packaging" / "constraints.txt"
LOCK = ROOT / "packaging" / "requirements.lock"
#: The two systems the README promises, and Windows (the MSI build installs the same pins).
ENVIRONMENTS = {
    "debian12": {"python_version": "3.11", "python_full_version": "3.11.2", "sys_platform": "linux",
                 "platform_system": "Linux", "implementation_name": "cpython",
                 "platform_python_implementation": "CPython"},
    "ubuntu2404": {"python_version": "3.12", "python_full_version": "3.12.3", "sys_platform": "linux",
                   "platform_system": "Linux", "implementation_name": "cpython",
                   "platform_python_implementation": "CPython"},
    "windows": {"python_version": "3.12", "python_full_version": "3.12.10", "sys_platform": "win32",
                "platform_system": "Windows", "implementation_name": "cpython",
                "platform_python_implementation": "CPython"},
}


def _pins(path: Path) -> list[tuple[str, str, Marker | None]]:
    """(canonical name, version, marker) of every ``name==version [; marker]`` line."""
    pins = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith((" ", "#")):
            continue
        req = Requirement(line.rstrip(" \\"))
        (spec,) = req.specifier
        assert spec.operator == "==", line
        pins.append((canonicalize_name(req.name), spec.version, req.marker))
    return pins


def _pin_for(name: str, env: dict[str, str]) -> str | None:
    found = [v for n, v, m in _pins(CONSTRAINTS) if n == name and (m is None or m.evaluate(env))]
    assert len(found) <= 1, (name, env, found)
    return found[0] if found else None


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    return [Requirement(r) for r in [*project["dependencies"], *extras["test"], *extras["packaging"]]]


def test_ci_runs_ruff_and_mypy_before_the_tests() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in script.splitlines() if line.strip().startswith((".venv/bin/", "bash "))]
    assert commands == ["bash packaging/setup-dev.sh", ".venv/bin/ruff check .", ".venv/bin/mypy",
                        ".venv/bin/python -m pytest"]
    assert "set -euo pipefail" in script


@pytest.mark.parametrize("system", sorted(ENVIRONMENTS))
def test_every_declared_dependency_is_pinned_within_its_range(system: str) -> None:
    env = ENVIRONMENTS[system]
    for req in _declared():
        if req.marker is not None and not req.marker.evaluate(env):
            continue
        version = _pin_for(canonicalize_name(req.name), env)
        assert version is not None, f"{req.name} has no pin for {system}: run packaging/update-constraints.sh"
        assert req.specifier.contains(version, prereleases=True), (
            f"{req.name}=={version} is outside {req.specifier} ({system}): run packaging/update-constraints.sh")


def test_lock_and_constraints_hold_the_same_pins_and_the_lock_has_hashes() -> None:
    assert sorted(_pins(LOCK), key=str) == sorted(_pins(CONSTRAINTS), key=str)
    entries = re.findall(r"^(\S+==\S+)[^\n]*\n((?:[ \t]+--hash=sha256:[0-9a-f]{64}[^\n]*\n)*)",
                         LOCK.read_text(encoding="utf-8"), re.M)
    assert len(entries) == len(_pins(LOCK))
    assert all(hashes for _, hashes in entries), [name for name, hashes in entries if not hashes]


def test_dev_install_and_packaging_build_use_the_pinned_llama_cpp_python() -> None:
    setup = (ROOT / "packaging" / "setup-dev.sh").read_text(encoding="utf-8")
    assert "--require-hashes" in setup and "-r packaging/requirements.lock" in setup
    # build-llama-wheel.sh reads its version from the constraints with this sed expression.
    wheel_script = (ROOT / "packaging" / "build-llama-wheel.sh").read_text(encoding="utf-8")
    expr = "s/^llama-cpp-python==\\([^ ;]*\\).*/\\1/p"
    assert f"sed -n '{expr}' packaging/constraints.txt" in wheel_script
    version = subprocess.run(["sed", "-n", expr, str(CONSTRAINTS)], capture_output=True, text=True,
                             check=True).stdout.strip()
    assert version == _pin_for("llama-cpp-python", ENVIRONMENTS["debian12"])
    assert md.version("llama-cpp-python") == version, "the dev venv is not on the pinned llama-cpp-python"
    freeze = (ROOT / "packaging" / "freeze.sh").read_text(encoding="utf-8")
    installs = [line for line in freeze.splitlines() if '"${PIP[@]}" install' in line]
    assert installs and all('-c "$ROOT/packaging/constraints.txt"' in line for line in installs), installs


def test_dev_venv_matches_the_pins() -> None:
    """After packaging/setup-dev.sh, every pinned package that applies here is installed at its pin."""
    from packaging.markers import default_environment

    env = dict(default_environment())
    wrong = []
    for name, version, marker in _pins(CONSTRAINTS):
        if marker is not None and not marker.evaluate(env):
            continue
        try:
            installed = md.version(name)
        except md.PackageNotFoundError:
            installed = "missing"
        if installed != version:
            wrong.append(f"{name}: {installed} (pinned {version})")
    assert not wrong, "re-run packaging/setup-dev.sh: " + ", ".join(wrong)


def _test_sources() -> list[Path]:
    return [p for p in (ROOT / "tests").rglob("*.py") if "benchmarks" not in p.parts and p.name != Path(__file__).name]


def test_tests_import_first_party_modules_plainly() -> None:
    pattern = re.compile(r"importorskip\(\s*[\"'](app|engine)\b")
    assert [str(p) for p in _test_sources() if pattern.search(p.read_text(encoding="utf-8"))] == []


def test_cli_subprocesses_go_through_the_isolating_launcher() -> None:
    """Running ``-m app.cli.main``, the console script or ``-c "from app.ui.main import run ..."``
    directly would read the real /etc/bauhinia: tests/cli_child.py is the way."""
    pattern = re.compile(r"[\"']-m[\"'],\s*[\"']app\.cli|\.venv/bin/bauhinia|[\"']bin[\"']\s*/\s*[\"']bauhinia[\"']"
                         r"|[\"']-c[\"'],\s*[\"'][^\"']*from app\.(ui|cli)\.main import")
    assert [str(p) for p in _test_sources() if pattern.search(p.read_text(encoding="utf-8"))] == []
