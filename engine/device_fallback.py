"""When a GPU cannot take the model, the CPU does - and the user learns why, in one line.

Two ways a GPU backend (Vulkan, CUDA …) can let a load down:

* ``init``: its module is installed but did not come up - the Vulkan loader or driver is missing
  or broken, so ggml registered no device. Discovery then simply finds no GPU; the cause is in
  the lines ggml logged while loading the modules (``engine.devices`` keeps them) and, for
  Vulkan, in what ``vkCreateInstance`` answers (``probe_vulkan``).
* ``memory`` / ``load``: the device was chosen, but llama.cpp failed to allocate on it or to load
  the model there (``ModelLoadError``). ``engine.loader`` then loads on the CPU instead.

Either way the load carries a ``DeviceFallback``; the application turns it into one translated
line (``app.device_fallback_text``). Detail strings are llama.cpp's own English words.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

FallbackCause = Literal["init", "memory", "load"]

# ggml-backend-reg.cpp's messages when a module file cannot be loaded or does not initialise.
_MODULE_FAILURE = re.compile(
    r"(failed to load|failed to initialize backend from|failed to find ggml_backend_init in)\s+(\S*?ggml-(\w+)[\w.-]*)"
    r"(?::\s*(.*))?",
    re.I,
)
_MEMORY_WORDS = ("out of memory", "outofdevicememory", "unable to allocate", "failed to allocate",
                 "buffer size exceeds", "erroroutof", "memory")
_BACKEND_NAMES = {"vulkan": "Vulkan", "cuda": "CUDA", "cann": "CANN", "musa": "MUSA", "hip": "ROCm",
                  "sycl": "SYCL", "metal": "Metal", "opencl": "OpenCL"}


@dataclass(frozen=True)
class DeviceFallback:
    """Why the model runs on the CPU instead of ``device`` (a device id such as "Vulkan0", or a
    backend name such as "Vulkan" when no device came up)."""

    device: str
    cause: FallbackCause
    detail: str

    def english(self) -> str:
        """The one line for logs and ``--json`` (the UI shows the translated form)."""
        what = {
            "init": f"{self.device} could not be initialised",
            "memory": f"{self.device} ran out of memory loading the model",
            "load": f"{self.device} could not load the model",
        }[self.cause]
        return f"{what} ({self.detail}); running on the CPU instead"


def module_failures(log_lines: Sequence[str]) -> list[DeviceFallback]:
    """GPU backend modules that ggml failed to load or initialise, from its log lines.

    CPU variant modules are left out: ggml tries them by score and a failed one is normal."""
    out: dict[str, DeviceFallback] = {}
    for line in "".join(log_lines).splitlines():
        m = _MODULE_FAILURE.search(line)
        if not m:
            continue
        key = m.group(3).lower()
        if key in ("cpu", "base") or key not in _BACKEND_NAMES:
            continue
        backend = _BACKEND_NAMES[key]
        reason = (m.group(4) or m.group(1)).strip()
        if backend == "Vulkan":
            reason = probe_vulkan() or reason
        out.setdefault(backend, DeviceFallback(backend, "init", _one_line(reason)))
    return list(out.values())


_MODULE_FILE = re.compile(r"^(?:lib)?ggml-(\w+)\.(?:so|dll|dylib)$")


def explain_unloaded_modules(lib: Any, lib_dir: Path) -> None:
    """Load once more, with ggml's logging on, each GPU backend module in ``lib_dir`` whose backend
    is not registered: ``ggml_backend_load_all_from_path`` is silent in release builds, while
    ``ggml_backend_load`` logs why a module does not load ("libvulkan.so.1: cannot open …") or
    does not initialise. Only files in the app's own ``lib_dir`` are touched (the loader's rule)."""
    for name, restype, argtypes in (
        ("ggml_backend_load", ctypes.c_void_p, [ctypes.c_char_p]),
        ("ggml_backend_reg_count", ctypes.c_size_t, []),
        ("ggml_backend_reg_get", ctypes.c_void_p, [ctypes.c_size_t]),
        ("ggml_backend_reg_name", ctypes.c_char_p, [ctypes.c_void_p]),
    ):
        fn = getattr(lib, name, None)
        if fn is None:
            return  # not ggml (a test double)
        fn.restype, fn.argtypes = restype, argtypes
    registered = set()
    for i in range(int(lib.ggml_backend_reg_count())):
        name = lib.ggml_backend_reg_name(lib.ggml_backend_reg_get(i))
        registered.add((name or b"").decode("utf-8", "replace").casefold())
    try:
        files = sorted(lib_dir.iterdir())
    except OSError:
        return
    for path in files:
        m = _MODULE_FILE.match(path.name)
        key = m.group(1).lower() if m else ""
        if key in _BACKEND_NAMES and _BACKEND_NAMES[key].casefold() not in registered and key not in registered:
            lib.ggml_backend_load(os.fsencode(path))


def classify_load_error(device_id: str, message: str) -> DeviceFallback:
    """A ``ModelLoadError`` on a GPU as a fallback: out of memory, or another load failure."""
    low = message.lower()
    cause: FallbackCause = "memory" if any(w in low for w in _MEMORY_WORDS) else "load"
    return DeviceFallback(device_id, cause, _one_line(message))


def _one_line(text: str, limit: int = 240) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# --------------------------------------------------------------------------------------------
# Vulkan: ask the loader what is wrong (ggml only says "ggml_backend_init returned NULL")

_VK_RESULTS = {
    -1: "out of host memory",
    -2: "out of device memory",
    -3: "initialization failed",
    -7: "a required extension is missing",
    -9: "no Vulkan driver (ICD) is installed for this GPU",
}


class _VkInstanceCreateInfo(ctypes.Structure):
    _fields_ = [
        ("sType", ctypes.c_int),
        ("pNext", ctypes.c_void_p),
        ("flags", ctypes.c_uint32),
        ("pApplicationInfo", ctypes.c_void_p),
        ("enabledLayerCount", ctypes.c_uint32),
        ("ppEnabledLayerNames", ctypes.c_void_p),
        ("enabledExtensionCount", ctypes.c_uint32),
        ("ppEnabledExtensionNames", ctypes.c_void_p),
    ]


def _vulkan_library() -> str:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return "vulkan-1.dll"
    return "libvulkan.so.1"


def probe_vulkan() -> str | None:
    """Why Vulkan does not come up on this machine, in a few words; ``None`` when an instance can
    be created and has at least one device (then the fault lies elsewhere)."""
    name = _vulkan_library()
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return f"the Vulkan loader {name} is not installed"
    create = lib.vkCreateInstance
    create.restype = ctypes.c_int
    create.argtypes = [ctypes.POINTER(_VkInstanceCreateInfo), ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
    enumerate_devices = lib.vkEnumeratePhysicalDevices
    enumerate_devices.restype = ctypes.c_int
    enumerate_devices.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_uint32), ctypes.c_void_p]
    destroy = lib.vkDestroyInstance
    destroy.restype = None
    destroy.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    info = _VkInstanceCreateInfo(sType=1)  # VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO
    instance = ctypes.c_void_p()
    result = int(create(ctypes.byref(info), None, ctypes.byref(instance)))
    if result != 0:
        return f"vkCreateInstance failed: {_VK_RESULTS.get(result, f'VkResult {result}')}"
    try:
        count = ctypes.c_uint32(0)
        result = int(enumerate_devices(instance, ctypes.byref(count), None))
        if result != 0:
            return f"vkEnumeratePhysicalDevices failed: {_VK_RESULTS.get(result, f'VkResult {result}')}"
        if count.value == 0:
            return "the Vulkan driver reports no device"
        return None
    finally:
        destroy(instance, None)
