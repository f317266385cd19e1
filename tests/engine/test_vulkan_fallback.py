"""GPU → CPU fallback rules (engine.device_fallback, engine.loader) without a GPU.

tests/engine/test_vulkan_lavapipe.py runs the same paths on a real Vulkan driver; here the
choices around them are pinned down: which log lines count as a failed GPU module, how a load
error is classified, that the CPU takes over only when policy allows it, and the translated line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fixtures_models import ModelFactory

from app.device_fallback_text import fallback_notice, join_warnings
from app.translation import use_language
from engine import devices as devices_mod
from engine import loader
from engine.device_fallback import DeviceFallback, classify_load_error, module_failures, probe_vulkan
from engine.devices import GIB, make_device
from engine.errors import BackendError, ModelLoadError
from engine.loader import LoadOptions, load_session

CPU = make_device("CPU", "Test CPU", "cpu", "CPU", 16 * GIB, 12 * GIB)
VK_INIT_FAILED = ("load_backend: failed to initialize backend from /x/libggml-vulkan.so: "
                  "ggml_backend_init returned NULL\n")
VK = make_device("Vulkan0", "llvmpipe (LLVM 15.0.6, 256 bits)", "igpu", "Vulkan", 8 * GIB, 8 * GIB)


def test_module_failures_name_gpu_backends_and_ignore_cpu_variants() -> None:
    log = [
        "load_backend: failed to load /x/lib/libggml-cpu-zen4.so: illegal instruction\n",
        "load_backend: failed to initialize backend from /x/lib/libggml-cuda.so: ggml_backend_init returned NULL\n",
        "load_backend: failed to load /x/lib/libggml-cann.so: libascendcl.so: cannot open shared object file\n",
        "load_backend: loaded CPU backend from /x/lib/libggml-cpu-haswell.so\n",
    ]
    got = {f.device: f for f in module_failures(log)}
    assert set(got) == {"CUDA", "CANN"}
    assert got["CUDA"].cause == "init" and got["CUDA"].detail == "ggml_backend_init returned NULL"
    assert got["CANN"].detail == "libascendcl.so: cannot open shared object file"


def test_vulkan_module_failure_asks_the_vulkan_loader_why(monkeypatch: pytest.MonkeyPatch) -> None:
    import engine.device_fallback as fb

    monkeypatch.setattr(fb, "probe_vulkan", lambda: "vkCreateInstance failed: no Vulkan driver (ICD) is installed")
    (got,) = module_failures([VK_INIT_FAILED])
    assert got == DeviceFallback("Vulkan", "init", "vkCreateInstance failed: no Vulkan driver (ICD) is installed")


def test_probe_vulkan_reports_a_missing_driver(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import ctypes.util

    if ctypes.util.find_library("vulkan") is None:
        assert probe_vulkan() == "the Vulkan loader libvulkan.so.1 is not installed"
        return
    monkeypatch.setenv("VK_ICD_FILENAMES", str(tmp_path / "none.json"))
    monkeypatch.setenv("VK_DRIVER_FILES", str(tmp_path / "none.json"))
    assert probe_vulkan() == "vkCreateInstance failed: no Vulkan driver (ICD) is installed for this GPU"


@pytest.mark.parametrize(
    ("message", "cause"),
    [
        ("llama.cpp could not load the model: Failed to load model (alloc_tensor_range: failed to allocate "
         "Vulkan0 buffer of size 13421772)", "memory"),
        ("llama.cpp could not load the model: ErrorOutOfDeviceMemory", "memory"),
        ("llama.cpp could not load the model: Failed to create llama_context (device lost)", "load"),
    ],
)
def test_load_errors_are_classified(message: str, cause: str) -> None:
    got = classify_load_error("Vulkan0", message)
    assert (got.device, got.cause) == ("Vulkan0", cause)
    assert "\n" not in got.english() and got.english().endswith("running on the CPU instead")


def test_the_notice_is_one_translated_line() -> None:
    fb = DeviceFallback("Vulkan0", "memory", "failed to allocate Vulkan0 buffer")
    assert fallback_notice(None) == ""
    assert fallback_notice(fb) == ("Vulkan0 ran out of memory loading the model (failed to allocate Vulkan0 buffer); "
                                   "the model runs on the CPU instead.")
    try:
        for lang in ("zh_HK", "zh_CN"):
            use_language(lang)
            for cause in ("init", "memory", "load"):
                line = fallback_notice(DeviceFallback("Vulkan0", cause, "detail"))
                assert "\n" not in line and "Vulkan0" in line and "detail" in line and "CPU" in line
                assert "instead" not in line, line  # translated, not the English source
    finally:
        use_language("en")
    assert join_warnings("", "a", "", "b") == "a\nb"


class _Opened:
    def __init__(self, placement: Any) -> None:
        self.placement = placement


@pytest.fixture
def fake_open(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """``loader._open`` that fails on any GPU placement (as out of device memory) and records tries."""
    tries: list[str] = []

    def fake(path: Any, info: Any, options: Any, placement: Any) -> Any:
        tries.append(placement.choice.device.id)
        if placement.choice.model_devices:
            raise ModelLoadError("llama.cpp could not load the model: failed to allocate Vulkan0 buffer")
        return _Opened(placement)

    monkeypatch.setattr(loader, "_open", fake)
    monkeypatch.setattr(loader, "ensure_backends", lambda: None)
    return tries


def test_a_gpu_that_fails_to_load_leaves_the_model_on_the_cpu(
    fake_open: list[str], scripted_model_factory: ModelFactory
) -> None:
    _, placement = load_session(scripted_model_factory(), LoadOptions(n_ctx=512), devices=[CPU, VK])
    assert fake_open == ["Vulkan0", "CPU"]
    assert placement.choice.device is CPU and placement.n_gpu_layers == 0
    assert placement.fallback is not None and placement.fallback.device == "Vulkan0"
    assert placement.fallback.cause == "memory"


def test_no_fallback_when_policy_forbids_the_cpu(fake_open: list[str], scripted_model_factory: ModelFactory) -> None:
    with pytest.raises(ModelLoadError):
        load_session(scripted_model_factory(), LoadOptions(n_ctx=512, allow_list=["Vulkan"]), devices=[CPU, VK])
    assert fake_open == ["Vulkan0"]


def test_a_vulkan_module_that_did_not_start_is_reported_only_when_allowed(
    fake_open: list[str], scripted_model_factory: ModelFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(devices_mod, "MODULE_LOAD_LOG", [VK_INIT_FAILED])
    import engine.device_fallback as fb

    monkeypatch.setattr(fb, "probe_vulkan", lambda: "no driver")
    model = scripted_model_factory()
    _, placement = load_session(model, LoadOptions(n_ctx=512), devices=[CPU])
    assert placement.fallback == DeviceFallback("Vulkan", "init", "no driver")
    _, placement = load_session(model, LoadOptions(n_ctx=512, allow_list=["Vulkan0", "cpu"]), devices=[CPU])
    assert placement.fallback is not None
    _, placement = load_session(model, LoadOptions(n_ctx=512, allow_list=["cpu"]), devices=[CPU])
    assert placement.fallback is None  # Vulkan is not allowed anyway: nothing to explain
    _, placement = load_session(model, LoadOptions(n_ctx=512, backend="cpu"), devices=[CPU])
    assert placement.fallback is None  # the CPU was chosen in settings


def test_a_named_device_that_is_missing_is_still_an_error(
    fake_open: list[str], scripted_model_factory: ModelFactory
) -> None:
    with pytest.raises(BackendError):
        load_session(scripted_model_factory(), LoadOptions(n_ctx=512, backend="Vulkan0"), devices=[CPU])
