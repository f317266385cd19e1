"""Compute devices llama.cpp can use on this machine, and facts about the CPU.

Discovery goes through ggml's backend registry in the *same* shared library llama.cpp uses
(``llama_cpp.llama_cpp._lib``), never through ``llama_cpp._ggml``: wheels cannot hold symlinks, so
``libggml.so`` and ``libggml.so.0`` are separate copies and the second one has its own, empty
registry (DESIGN §5). llama-cpp-python binds none of the ``ggml_backend_dev_*`` functions, so their
ctypes signatures are declared here. In a ``GGML_BACKEND_DL`` build the registry starts empty and
the backend modules (CPU variants, CUDA, Vulkan, CANN …) are loaded from the package's ``lib``
directory once, on first use.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from engine.errors import BackendError

DeviceKind = Literal["cpu", "gpu", "igpu", "accel"]

GIB = 1024**3

# enum ggml_backend_dev_type (ggml-backend.h); META (4) wraps other devices and is never listed.
_DEV_TYPE_KINDS: dict[int, DeviceKind] = {0: "cpu", 1: "gpu", 2: "igpu", 3: "accel"}

_KIND_LABELS: dict[DeviceKind, str] = {"cpu": "CPU", "gpu": "GPU", "igpu": "integrated GPU", "accel": "accelerator"}

# ggml registry names that differ from the name people use for the backend.
_BACKEND_ALIASES = {"MTL": "Metal"}


@dataclass(frozen=True)
class Device:
    """One device as ggml reports it.

    ``id`` is ggml's device name ("CUDA0", "Vulkan0", "CPU"), which is what settings and policy
    name; ``name`` is the hardware's own name ("NVIDIA GeForce RTX 4090"); ``description`` is a
    one-line summary for people (doctor output, logs).
    """

    id: str
    name: str
    description: str
    kind: DeviceKind
    backend: str
    memory_total: int
    memory_free: int

    @property
    def is_offload_target(self) -> bool:
        """Whether model layers can live on it (llama.cpp places layers on GPUs and iGPUs only)."""
        return self.kind in ("gpu", "igpu")


def summarize(device_id: str, name: str, kind: DeviceKind, backend: str, memory_total: int, memory_free: int) -> str:
    """The one-line ``Device.description`` used for both discovered and constructed devices."""
    label = _KIND_LABELS[kind]
    what = label if backend.casefold() == label.casefold() else f"{backend} {label}"
    return f"{device_id}: {name} ({what}, {memory_free / GIB:.1f} GiB free of {memory_total / GIB:.1f} GiB)"


def make_device(
    device_id: str, name: str, kind: DeviceKind, backend: str, memory_total: int, memory_free: int
) -> Device:
    """Build a ``Device`` with its summary filled in (discovery and test fakes share this)."""
    return Device(
        id=device_id,
        name=name,
        description=summarize(device_id, name, kind, backend, memory_total, memory_free),
        kind=kind,
        backend=backend,
        memory_total=memory_total,
        memory_free=memory_free,
    )


# --------------------------------------------------------------------------------------------
# ggml backend registry through ctypes


class _GgmlRegistry:
    """The ggml backend-registry functions of llama.cpp's own library, with declared signatures."""

    def __init__(self, lib: Any, lib_dir: Path | None) -> None:
        self._lib = lib
        self._lib_dir = lib_dir
        vp, cp, sz = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t
        self._declare("ggml_backend_reg_count", sz, [])
        self._declare("ggml_backend_reg_get", vp, [sz])
        self._declare("ggml_backend_reg_name", cp, [vp])
        self._declare("ggml_backend_dev_count", sz, [])
        self._declare("ggml_backend_dev_get", vp, [sz])
        self._declare("ggml_backend_dev_name", cp, [vp])
        self._declare("ggml_backend_dev_description", cp, [vp])
        self._declare("ggml_backend_dev_type", ctypes.c_int, [vp])
        self._declare("ggml_backend_dev_memory", None, [vp, ctypes.POINTER(sz), ctypes.POINTER(sz)])
        self._declare("ggml_backend_dev_backend_reg", vp, [vp])
        self._declare("ggml_backend_load_all_from_path", None, [cp])
        self._loaded = False
        self._lock = threading.Lock()

    def _declare(self, name: str, restype: Any, argtypes: list[Any]) -> None:
        fn = getattr(self._lib, name)
        fn.restype = restype
        fn.argtypes = argtypes

    def ensure_loaded(self) -> None:
        """Load backend modules once when the registry is empty (a ``GGML_BACKEND_DL`` build)."""
        with self._lock:
            if self._loaded:
                return
            if int(self._lib.ggml_backend_reg_count()) == 0 and self._lib_dir is not None:
                load_backend_modules(self._lib, self._lib_dir)
            self._loaded = True
            if int(self._lib.ggml_backend_dev_count()) == 0:
                raise BackendError(
                    "llama.cpp found no compute backends (not even the CPU); "
                    f"the backend libraries in {self._lib_dir} may be missing or unusable"
                )

    def handles(self) -> list[tuple[str, int]]:
        """``(device name, ggml_backend_dev_t address)`` for every registered device."""
        self.ensure_loaded()
        out: list[tuple[str, int]] = []
        for i in range(int(self._lib.ggml_backend_dev_count())):
            dev = self._lib.ggml_backend_dev_get(i)
            if dev:
                out.append((_text(self._lib.ggml_backend_dev_name(dev)), int(dev)))
        return out

    def device(self, dev: int) -> Device | None:
        kind = _DEV_TYPE_KINDS.get(int(self._lib.ggml_backend_dev_type(dev)))
        if kind is None:
            return None
        free, total = ctypes.c_size_t(0), ctypes.c_size_t(0)
        self._lib.ggml_backend_dev_memory(dev, ctypes.byref(free), ctypes.byref(total))
        reg = self._lib.ggml_backend_dev_backend_reg(dev)
        backend = _text(self._lib.ggml_backend_reg_name(reg)) if reg else ""
        backend = _BACKEND_ALIASES.get(backend, backend)
        dev_id = _text(self._lib.ggml_backend_dev_name(dev))
        name = _text(self._lib.ggml_backend_dev_description(dev)) or dev_id
        free_bytes = int(free.value)
        if kind == "cpu" and free_bytes == int(total.value):
            # ggml's CPU device reports all RAM as free outside Windows; ask the kernel instead.
            available = mem_available()
            if available is not None:
                free_bytes = min(free_bytes, available)
        return make_device(dev_id, name, kind, backend or dev_id, int(total.value), free_bytes)


#: ggml's loader also loads whatever shared library this variable names (an out-of-tree backend).
BACKEND_PATH_ENV = "GGML_BACKEND_PATH"


def scrub_backend_environment() -> None:
    """Remove ``GGML_BACKEND_PATH`` from the process environment (the C one too: ``os.environ``
    calls ``unsetenv``), so no library outside the app's own directory is ever loaded as a backend."""
    os.environ.pop(BACKEND_PATH_ENV, None)


# Also at import: nothing that runs after the engine is imported may pick the variable up.
scrub_backend_environment()


def load_backend_modules(lib: Any, lib_dir: Path) -> None:
    """Load the backend modules (best CPU variant, GPU backends) from the app's own ``lib_dir`` only.

    ``ggml_backend_load_all_from_path`` searches just the folder it is given, and then loads the
    library named by ``GGML_BACKEND_PATH``; the variable is removed first, so that never happens."""
    scrub_backend_environment()
    from engine.device_fallback import explain_unloaded_modules
    from engine.llama_logs import captured_llama_logs

    with captured_llama_logs() as logs:
        lib.ggml_backend_load_all_from_path(os.fsencode(lib_dir))
        # A release ggml loads silently: ask again, aloud, why a GPU module did not come up.
        explain_unloaded_modules(lib, lib_dir)
    MODULE_LOAD_LOG[:] = logs


#: ggml's log lines from the last ``load_backend_modules`` (why a backend module failed, if one did).
MODULE_LOAD_LOG: list[str] = []


def _text(raw: bytes | None) -> str:
    return raw.decode("utf-8", errors="replace").strip() if raw else ""


def mem_available(meminfo: Path = Path("/proc/meminfo")) -> int | None:
    """Linux ``MemAvailable`` in bytes (RAM usable without swapping), ``None`` elsewhere."""
    try:
        text = meminfo.read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key == "MemAvailable":
            parts = value.split()
            if parts and parts[0].isdigit():
                return int(parts[0]) * 1024
    return None


_registry: _GgmlRegistry | None = None
_registry_lock = threading.Lock()


def _get_registry() -> _GgmlRegistry:
    global _registry
    with _registry_lock:
        if _registry is None:
            scrub_backend_environment()
            try:
                import llama_cpp
                from llama_cpp import llama_cpp as bindings
            except ImportError as exc:  # pragma: no cover - the package is a hard dependency
                raise BackendError(f"llama-cpp-python is not installed or failed to load: {exc}") from exc
            lib_dir = Path(llama_cpp.__file__).resolve().parent / "lib"
            _registry = _GgmlRegistry(bindings._lib, lib_dir if lib_dir.is_dir() else None)
        return _registry


def ensure_backends() -> None:
    """Load llama.cpp's backend modules (once) so that models can be opened."""
    _get_registry().ensure_loaded()


def discover_devices() -> list[Device]:
    """Every CPU, GPU, iGPU and accelerator device of the installed llama.cpp, in ggml's order.

    Memory figures are read now (free memory changes as other programs run).
    """
    reg = _get_registry()
    devices = [reg.device(dev) for _, dev in reg.handles()]
    return [d for d in devices if d is not None]


def device_handles(ids: Sequence[str]) -> ctypes.Array[ctypes.c_void_p]:
    """A NULL-terminated ``ggml_backend_dev_t`` array for ``llama_model_params.devices``.

    An empty ``ids`` gives ``[NULL]``, which keeps the model off every GPU (``n_gpu_layers=0``
    alone does not). Assign it with ``params.devices = ctypes.cast(arr, ctypes.c_void_p)`` and keep
    the array alive until the model has loaded.
    """
    by_name = {name.casefold(): handle for name, handle in _get_registry().handles()}
    arr = (ctypes.c_void_p * (len(ids) + 1))()
    for i, dev_id in enumerate(ids):
        handle = by_name.get(dev_id.casefold())
        if handle is None:
            known = ", ".join(sorted(n for n, _ in _get_registry().handles())) or "none"
            raise BackendError(f"Compute device {dev_id!r} is not present (this machine has: {known})")
        arr[i] = handle
    arr[len(ids)] = None
    return arr


# --------------------------------------------------------------------------------------------
# CPU facts


@dataclass(frozen=True)
class CpuFacts:
    """What the thread choice needs: physical cores (``None`` when unknowable) and logical CPUs.

    ``usable_cpus`` is the number of logical CPUs this process may run on (affinity / cgroup
    masks), ``logical_cpus`` the number the machine has.
    """

    physical_cores: int | None
    logical_cpus: int
    usable_cpus: int


def cpu_facts(*, sysfs_root: Path = Path("/sys/devices/system/cpu"), cpuinfo: Path = Path("/proc/cpuinfo")) -> CpuFacts:
    """Count this machine's CPUs. Paths are parameters so tests can feed recorded topologies."""
    logical = os.cpu_count() or 1
    usable_set = _usable_cpu_set()
    usable = len(usable_set) if usable_set is not None else logical
    physical: int | None
    if sys.platform.startswith("linux"):
        physical = _linux_physical_cores(usable_set, sysfs_root=sysfs_root, cpuinfo=cpuinfo)
    elif sys.platform == "win32":  # pragma: no cover - Windows only
        physical = _windows_physical_cores()
    elif sys.platform == "darwin":  # pragma: no cover - macOS only
        physical = _sysctl_int("hw.physicalcpu")
    else:  # pragma: no cover
        physical = None
    return CpuFacts(physical_cores=physical, logical_cpus=logical, usable_cpus=max(1, usable))


def _usable_cpu_set() -> set[int] | None:
    getaffinity = getattr(os, "sched_getaffinity", None)
    if getaffinity is None:
        return None
    try:
        return set(getaffinity(0))
    except OSError:
        return None


def _linux_physical_cores(usable: set[int] | None, *, sysfs_root: Path, cpuinfo: Path) -> int | None:
    """Distinct cores among the usable CPUs: sysfs topology first, then /proc/cpuinfo."""
    from_sysfs = physical_cores_from_sysfs(sysfs_root, usable)
    if from_sysfs is not None:
        return from_sysfs
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return physical_cores_from_cpuinfo(text, usable)


def physical_cores_from_sysfs(root: Path, usable: set[int] | None) -> int | None:
    """Count distinct ``core_cpus_list`` / ``thread_siblings_list`` sets of the usable CPUs."""
    cores: set[str] = set()
    try:
        entries = sorted(root.glob("cpu[0-9]*"))
    except OSError:
        return None
    for entry in entries:
        try:
            cpu = int(entry.name[3:])
        except ValueError:
            continue
        if usable is not None and cpu not in usable:
            continue
        topo = entry / "topology"
        siblings = None
        for name in ("core_cpus_list", "thread_siblings_list"):
            try:
                siblings = (topo / name).read_text(encoding="ascii").strip()
                break
            except OSError:
                continue
        if siblings is None:
            return None
        cores.add(siblings)
    return len(cores) or None


def physical_cores_from_cpuinfo(text: str, usable: set[int] | None) -> int | None:
    """Count distinct (physical id, core id) pairs; ``None`` when the file lacks them (ARM)."""
    cores: set[tuple[str, str]] = set()
    for block in text.split("\n\n"):
        fields: dict[str, str] = {}
        for line in block.splitlines():
            key, sep, value = line.partition(":")
            if sep:
                fields[key.strip()] = value.strip()
        if "processor" not in fields:
            continue
        try:
            cpu = int(fields["processor"])
        except ValueError:
            continue
        if usable is not None and cpu not in usable:
            continue
        if "core id" not in fields:
            return None
        cores.add((fields.get("physical id", "0"), fields["core id"]))
    return len(cores) or None


def count_core_records(buffer: bytes) -> int:
    """Count ``RelationProcessorCore`` (0) records in a Windows
    ``SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX`` buffer: each record starts with
    ``DWORD Relationship; DWORD Size``."""
    count, offset = 0, 0
    while offset + 8 <= len(buffer):
        relationship = int.from_bytes(buffer[offset : offset + 4], "little")
        size = int.from_bytes(buffer[offset + 4 : offset + 8], "little")
        if size < 8:
            break
        if relationship == 0:
            count += 1
        offset += size
    return count


def _windows_physical_cores() -> int | None:  # pragma: no cover - Windows only
    try:
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        fn = kernel32.GetLogicalProcessorInformationEx
        fn.restype = ctypes.c_int
        fn.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(ctypes.c_uint32)]
        size = ctypes.c_uint32(0)
        fn(0, None, ctypes.byref(size))
        if size.value == 0:
            return None
        buf = ctypes.create_string_buffer(size.value)
        if not fn(0, buf, ctypes.byref(size)):
            return None
        return count_core_records(buf.raw[: size.value]) or None
    except (OSError, AttributeError):
        return None


def _sysctl_int(name: str) -> int | None:  # pragma: no cover - macOS only
    try:
        out = subprocess.run(["sysctl", "-n", name], capture_output=True, text=True, timeout=5, check=True)
        return int(out.stdout.strip())
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
