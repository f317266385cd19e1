"""`bauhinia doctor`: every device with its backend, memory and allowed/refused status.

The first tests inject devices (no GPU or NPU here; the fakes are built by ``make_device``, as
discovery builds real ones — a mock, as the project rules require saying) by replacing
``engine.devices.discover_devices``, and run the real command; the policy is a real policy file
in the test's admin folder. The last tests use this machine's real CPU.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from app.paths import user_paths
from engine.devices import GIB, Device, make_device
from tests.app.settings_helpers import write_json

CPU = make_device("CPU", "AMD EPYC 7B13", "cpu", "CPU", 64 * GIB, 48 * GIB)
CUDA = make_device("CUDA0", "NVIDIA H200", "gpu", "CUDA", 141 * GIB, 139 * GIB)
ASCEND = make_device("CANN0", "Ascend910B3", "gpu", "CANN", 64 * GIB, 60 * GIB)
MUSA = make_device("MUSA0", "MTT S4000", "gpu", "MUSA", 48 * GIB, 47 * GIB)
BLAS = make_device("BLAS", "OpenBLAS", "accel", "BLAS", 0, 0)
ALL = [CPU, CUDA, ASCEND, MUSA, BLAS]


def doctor_json(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code = main(["doctor", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    report: dict[str, Any] = json.loads(out)
    return report


def doctor_text(capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["doctor"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.fixture
def injected(monkeypatch: pytest.MonkeyPatch) -> list[Device]:
    import engine.devices

    devices = list(ALL)
    monkeypatch.setattr(engine.devices, "discover_devices", lambda: list(devices))
    return devices


def _policy(admin: Path, values: dict[str, Any]) -> None:
    write_json(admin / "policies" / "50-test.json", values)


def by_id(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {d["id"]: d for d in report["devices"]}


def test_every_device_is_listed_with_backend_memory_and_status(
        injected: list[Device], capsys: pytest.CaptureFixture[str]) -> None:
    report = doctor_json(capsys)
    devices = by_id(report)
    assert list(devices) == ["CPU", "CUDA0", "CANN0", "MUSA0", "BLAS"]
    for dev in injected:
        row = devices[dev.id]
        assert (row["backend"], row["type"], row["memory_total"], row["memory_free"]) == (
            dev.backend, dev.kind, dev.memory_total, dev.memory_free)
        assert row["status"] == "allowed" and row["allowed"] is True and row["policy"] is None
        assert "no allow-list is set" in row["reason"]
    assert report["backends"] == ["BLAS", "CANN", "CPU", "CUDA", "MUSA"]
    assert report["allow_list"] == {"value": [], "source": "default", "locked": False}
    # The nominal 7B Q4_K_M plan: the NPU cannot run K-quants, the accelerator holds no layers.
    assert "Q4_K_M" in devices["CANN0"]["model_note"] and devices["CUDA0"]["model_note"] is None
    assert devices["BLAS"]["holds_layers"] is False and devices["CUDA0"]["holds_layers"] is True
    assert report["chosen_backend"]["device"] == "CUDA0"


def test_policy_allow_list_refuses_devices_and_says_why(
        injected: list[Device], capsys: pytest.CaptureFixture[str], _isolated_admin_dir: Path) -> None:
    _policy(_isolated_admin_dir, {"backend.allow_list": ["CPU", "CANN"]})
    report = doctor_json(capsys)
    devices = by_id(report)
    assert {i: d["status"] for i, d in devices.items()} == {
        "CPU": "allowed", "CUDA0": "refused", "CANN0": "allowed", "MUSA0": "refused", "BLAS": "refused"}
    refused = devices["CUDA0"]
    assert refused["allowed"] is False and refused["policy"] == "backend.allow_list"
    assert refused["reason"] == "not in backend.allow_list (allowed: CPU, CANN)"
    assert devices["CANN0"]["reason"] == "listed in backend.allow_list (CPU, CANN)"
    assert report["allow_list"] == {"value": ["CPU", "CANN"], "source": "policy", "locked": True}
    # The allowed NPU cannot run the planned Q4_K_M model, so the CPU is chosen, and doctor says why.
    chosen = report["chosen_backend"]
    assert chosen["device"] == "CPU" and "Ascend" in chosen["reason"] and "Q4_K_M" in chosen["reason"]
    assert any("CUDA0 is not allowed by policy" in s for s in chosen["passed_over"])

    text = doctor_text(capsys)
    cuda_line = text.splitlines().index(next(ln for ln in text.splitlines() if ln.strip().startswith("CUDA0")))
    assert "CUDA" in text.splitlines()[cuda_line] and "139.0 of 141.0 GiB free" in text.splitlines()[cuda_line]
    assert "REFUSED: not in backend.allow_list (allowed: CPU, CANN)" in text.splitlines()[cuda_line + 1]
    assert text.count("REFUSED") == 3 and text.count("ALLOWED") == 2


def test_a_device_id_in_the_allow_list_allows_that_device_only(
        injected: list[Device], capsys: pytest.CaptureFixture[str], _isolated_admin_dir: Path) -> None:
    _policy(_isolated_admin_dir, {"backend.allow_list": ["musa0"]})
    devices = by_id(doctor_json(capsys))
    assert [i for i, d in devices.items() if d["allowed"]] == ["MUSA0"]
    assert devices["CPU"]["reason"] == "not in backend.allow_list (allowed: musa0)"


def test_doctor_speaks_the_users_language(injected: list[Device], capsys: pytest.CaptureFixture[str],
                                          _isolated_admin_dir: Path) -> None:
    _policy(_isolated_admin_dir, {"backend.allow_list": ["CPU"]})
    for language, refused, allowed in (("zh_HK", "已拒絕", "已允許"), ("zh_CN", "已拒绝", "已允许")):
        write_json(user_paths().config / "settings.json", {"ui.language": language})
        text = doctor_text(capsys)
        assert refused in text and allowed in text and "backend.allow_list" in text
        assert "REFUSED" not in text
        report = doctor_json(capsys)
        assert by_id(report)["CUDA0"]["status"] == "refused"  # the JSON keys and states stay English


def test_the_real_cpu_allowed_then_refused_by_policy(capsys: pytest.CaptureFixture[str],
                                                    _isolated_admin_dir: Path) -> None:
    report = doctor_json(capsys)
    cpu = next(d for d in report["devices"] if d["type"] == "cpu")
    assert cpu["backend"] == "CPU" and cpu["allowed"] and cpu["memory_total"] >= cpu["memory_free"] > 0
    assert report["chosen_backend"]["device"] == "CPU"

    _policy(_isolated_admin_dir, {"backend.allow_list": ["Vulkan"]})
    report = doctor_json(capsys)
    cpu = next(d for d in report["devices"] if d["type"] == "cpu")
    assert cpu["status"] == "refused" and cpu["reason"] == "not in backend.allow_list (allowed: Vulkan)"
    assert report["chosen_backend"]["device"] is None
    assert "No allowed compute device" in report["chosen_backend"]["reason"]


def test_an_installed_module_that_did_not_load_is_reported(
        injected: list[Device], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A CUDA module copied in without the CUDA runtime: ggml logs why it did not load, and doctor
    says so beside the devices that did come up (the line is ggml's own, as engine.devices kept it)."""
    import engine.devices

    monkeypatch.setattr(engine.devices, "MODULE_LOAD_LOG", [
        "load_backend: failed to load /opt/app/llama_cpp/lib/libggml-cuda.so: libcudart.so.13: "
        "cannot open shared object file: No such file or directory\n",
        "load_backend: loaded CPU backend from /opt/app/llama_cpp/lib/libggml-cpu-haswell.so\n",
    ])
    report = doctor_json(capsys)
    assert report["backend_failures"] == [
        {"backend": "CUDA", "detail": "libcudart.so.13: cannot open shared object file: No such file or directory"}]
    text = doctor_text(capsys)
    assert "CUDA: installed but not loaded (libcudart.so.13: cannot open shared object file" in text
    monkeypatch.setattr(engine.devices, "MODULE_LOAD_LOG", [])
    assert doctor_json(capsys)["backend_failures"] == []
