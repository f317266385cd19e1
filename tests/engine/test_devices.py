"""Device discovery through llama.cpp's own ggml registry, device handles, and CPU facts.

The real-path tests call the installed llama.cpp (a static CPU build here). A ``GGML_BACKEND_DL``
build cannot be made in a test run (it is a 7-minute compile), so its registry is mocked with a
fake library object that behaves like ggml's C API: empty until ``ggml_backend_load_all_from_path``
is called. Windows' processor-information buffer is likewise built by hand.
"""

from __future__ import annotations

import ctypes
import os
import struct
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from engine import devices as devices_mod
from engine.devices import (
    GIB,
    count_core_records,
    cpu_facts,
    device_handles,
    discover_devices,
    mem_available,
    physical_cores_from_cpuinfo,
    physical_cores_from_sysfs,
)
from engine.errors import BackendError

# ---------------------------------------------------------------------------------------------
# real llama.cpp


def test_discovers_the_cpu_with_plausible_memory() -> None:
    found = discover_devices()
    cpus = [d for d in found if d.kind == "cpu"]
    assert len(cpus) == 1
    cpu = cpus[0]
    assert cpu.id == "CPU" and cpu.backend == "CPU"
    assert cpu.name  # the CPU's model name from ggml
    physical_ram = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    assert 256 * 1024**2 < cpu.memory_total <= physical_ram * 1.01
    assert 0 < cpu.memory_free <= cpu.memory_total
    # ggml calls all RAM free on Linux; discovery reports the kernel's MemAvailable instead
    available = mem_available()
    assert available is not None
    assert cpu.memory_free == pytest.approx(available, rel=0.2)
    assert cpu.memory_free < cpu.memory_total
    assert cpu.description.startswith(f"CPU: {cpu.name} (CPU, ") and "GiB free of" in cpu.description
    assert len({d.id for d in found}) == len(found)
    # a second call reads the registry again and sees the same devices
    assert [d.id for d in discover_devices()] == [d.id for d in found]


def test_device_handles_are_real_null_terminated_device_pointers() -> None:
    from llama_cpp import llama_cpp as bindings

    arr = device_handles(["cpu"])  # ids match case-insensitively
    assert len(arr) == 2
    assert arr[0] and arr[1] is None
    assert bindings._lib.ggml_backend_dev_name(arr[0]) == b"CPU"
    empty = device_handles([])
    assert len(empty) == 1 and empty[0] is None  # keeps a model off every GPU


def test_device_handles_refuse_unknown_ids() -> None:
    with pytest.raises(BackendError, match=r"'CUDA7' is not present \(this machine has: .*CPU"):
        device_handles(["CUDA7"])


# ---------------------------------------------------------------------------------------------
# a GGML_BACKEND_DL build (mocked: see the module docstring)


class FakeGgml:
    """ggml's registry API as plain functions; backends appear only after load_all_from_path."""

    def __init__(self, devices_after_load: list[tuple[str, str, int, str, int, int]]) -> None:
        self.loaded_from: list[bytes] = []
        self.devs: list[tuple[str, str, int, str, int, int]] = []
        after = devices_after_load

        def load_all(path: bytes) -> None:
            self.loaded_from.append(path)
            self.devs = list(after)

        def memory(dev: int, free: Any, total: Any) -> None:
            free._obj.value = self.devs[dev - 1][4]
            total._obj.value = self.devs[dev - 1][5]

        fns: dict[str, Any] = {
            "ggml_backend_reg_count": lambda: len({d[3] for d in self.devs}),
            "ggml_backend_reg_get": lambda i: i + 1,
            "ggml_backend_reg_name": lambda reg: self.devs[reg - 1][3].encode(),
            "ggml_backend_dev_count": lambda: len(self.devs),
            "ggml_backend_dev_get": lambda i: i + 1,
            "ggml_backend_dev_name": lambda dev: self.devs[dev - 1][0].encode(),
            "ggml_backend_dev_description": lambda dev: self.devs[dev - 1][1].encode(),
            "ggml_backend_dev_type": lambda dev: self.devs[dev - 1][2],
            "ggml_backend_dev_memory": memory,
            "ggml_backend_dev_backend_reg": lambda dev: dev,
            "ggml_backend_load_all_from_path": load_all,
        }
        self.lib = SimpleNamespace(**fns)


def test_backend_dl_build_loads_modules_once_when_registry_is_empty(tmp_path: Path) -> None:
    fake = FakeGgml(
        [
            ("CPU", "Intel(R) Core(TM) i5", 0, "CPU", 8 * GIB, 16 * GIB),
            ("Vulkan0", "Intel(R) UHD Graphics", 2, "Vulkan", 6 * GIB, 8 * GIB),
            ("CUDA0", "NVIDIA RTX A2000", 1, "CUDA", 5 * GIB, 6 * GIB),
            ("MTL0", "Apple M2", 1, "MTL", 10 * GIB, 12 * GIB),
            ("BLAS", "OpenBLAS", 3, "BLAS", 0, 0),
            ("Meta", "tensor-parallel wrapper", 4, "Meta", 0, 0),
        ]
    )
    reg = devices_mod._GgmlRegistry(fake.lib, tmp_path)
    assert fake.lib.ggml_backend_dev_count() == 0
    found = [d for d in (reg.device(h) for _, h in reg.handles()) if d is not None]
    assert fake.loaded_from == [os.fsencode(tmp_path)]
    assert [(d.id, d.kind, d.backend) for d in found] == [
        ("CPU", "cpu", "CPU"),
        ("Vulkan0", "igpu", "Vulkan"),
        ("CUDA0", "gpu", "CUDA"),
        ("MTL0", "gpu", "Metal"),
        ("BLAS", "accel", "BLAS"),
    ]
    assert found[1].description == "Vulkan0: Intel(R) UHD Graphics (Vulkan integrated GPU, 6.0 GiB free of 8.0 GiB)"
    cuda = found[2]
    assert (cuda.memory_free, cuda.memory_total, cuda.name) == (5 * GIB, 6 * GIB, "NVIDIA RTX A2000")
    reg.handles()
    assert len(fake.loaded_from) == 1  # loaded once
    # signatures were declared on the library's functions, as ctypes needs
    assert fake.lib.ggml_backend_dev_get.restype is ctypes.c_void_p
    assert fake.lib.ggml_backend_dev_memory.argtypes[1] is ctypes.POINTER(ctypes.c_size_t)


def test_static_build_is_not_reloaded(tmp_path: Path) -> None:
    fake = FakeGgml([])
    fake.devs = [("CPU", "cpu", 0, "CPU", GIB, GIB)]
    reg = devices_mod._GgmlRegistry(fake.lib, tmp_path)
    assert [name for name, _ in reg.handles()] == ["CPU"]
    assert fake.loaded_from == []


def test_build_with_no_loadable_backend_is_a_clear_error(tmp_path: Path) -> None:
    reg = devices_mod._GgmlRegistry(FakeGgml([]).lib, tmp_path)
    with pytest.raises(BackendError, match="found no compute backends"):
        reg.handles()


# ---------------------------------------------------------------------------------------------
# CPU facts

SMT_CPUINFO = "\n\n".join(
    f"processor\t: {cpu}\nmodel name\t: Intel(R) Xeon(R)\nphysical id\t: 0\ncore id\t\t: {core}\ncpu cores\t: 2"
    for cpu, core in ((0, 0), (1, 1), (2, 0), (3, 1))
)
TWO_SOCKETS = "\n\n".join(
    f"processor\t: {cpu}\nphysical id\t: {sock}\ncore id\t\t: 0" for cpu, sock in ((0, 0), (1, 1))
)
ARM_CPUINFO = "processor\t: 0\nBogoMIPS\t: 50.00\n\nprocessor\t: 1\nBogoMIPS\t: 50.00\n"


def test_physical_cores_from_cpuinfo() -> None:
    assert physical_cores_from_cpuinfo(SMT_CPUINFO, None) == 2
    assert physical_cores_from_cpuinfo(SMT_CPUINFO, {0, 2}) == 1  # both hyper-threads of core 0
    assert physical_cores_from_cpuinfo(SMT_CPUINFO, {0, 1}) == 2
    assert physical_cores_from_cpuinfo(TWO_SOCKETS, None) == 2  # same core id on two sockets
    assert physical_cores_from_cpuinfo(ARM_CPUINFO, None) is None


def make_sysfs(root: Path, siblings: dict[int, str]) -> Path:
    for cpu, sib in siblings.items():
        topo = root / f"cpu{cpu}" / "topology"
        topo.mkdir(parents=True)
        (topo / "thread_siblings_list").write_text(sib + "\n")
    (root / "cpufreq").mkdir()
    (root / "cpuidle").mkdir()
    return root


def test_physical_cores_from_sysfs(tmp_path: Path) -> None:
    root = make_sysfs(tmp_path, {0: "0,4", 1: "1,5", 2: "2,6", 3: "3,7", 4: "0,4", 5: "1,5", 6: "2,6", 7: "3,7"})
    assert physical_cores_from_sysfs(root, None) == 4
    assert physical_cores_from_sysfs(root, {0, 4}) == 1
    assert physical_cores_from_sysfs(tmp_path / "missing", None) is None


def test_windows_core_records_are_counted() -> None:
    def record(relationship: int, size: int) -> bytes:
        return struct.pack("<II", relationship, size) + bytes(size - 8)

    buf = record(0, 48) + record(2, 80) + record(0, 48) + record(3, 32) + record(0, 48)
    assert count_core_records(buf) == 3
    assert count_core_records(b"") == 0
    assert count_core_records(struct.pack("<II", 0, 0)) == 0  # a corrupt size cannot loop forever


def test_real_cpu_facts_are_consistent() -> None:
    facts = cpu_facts()
    assert facts.logical_cpus == os.cpu_count()
    assert 1 <= facts.usable_cpus <= facts.logical_cpus
    assert facts.usable_cpus == len(os.sched_getaffinity(0))
    assert facts.physical_cores is not None  # Linux exposes the topology
    assert 1 <= facts.physical_cores <= facts.usable_cpus
    cpuinfo = Path("/proc/cpuinfo").read_text()
    from_cpuinfo = physical_cores_from_cpuinfo(cpuinfo, set(os.sched_getaffinity(0)))
    if from_cpuinfo is not None:
        assert facts.physical_cores == from_cpuinfo


def test_mem_available_reads_meminfo(tmp_path: Path) -> None:
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       16000000 kB\nMemFree:  100 kB\nMemAvailable:    8000000 kB\n")
    assert mem_available(meminfo) == 8_000_000 * 1024
    meminfo.write_text("MemTotal:       16000000 kB\n")  # kernels before 3.14 lack the field
    assert mem_available(meminfo) is None
    assert mem_available(tmp_path / "missing") is None
