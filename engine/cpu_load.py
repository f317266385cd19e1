"""How many CPU cores other programs leave free right now: the starting point for the thread
controllers (issue 16).

Per-token timing finds the best thread count, but only by trying counts, and on a busy PC one
wrong try is expensive: with both cores of a 2-core PC taken by other programs, a token at 2
threads took 150-600 ms where 1 thread took 40-70 ms (spin barriers wait for a descheduled
thread). The kernel already knows how crowded the CPUs are: ``procs_running`` in ``/proc/stat``
counts every runnable task on the machine. Less our own runnable threads (our llama.cpp workers
may still be spinning, the GUI thread may be painting), that is how many cores other programs
want now. Measured here with 0, 1, 2, 3 busy-loop competitors: 20 of 20 readings were exactly
0, 1, 2, 3.

A reading is a few samples a fraction of a millisecond apart, and the median is used, so a task
that wakes for a moment (a timer, the compositor) does not count as load.

Windows has no run-queue count, so there the reading is CPU time (:class:`CpuTimeLoad`): the CPU
time all programs used since the previous reading (``GetSystemTimes``), less our own
(``time.process_time``), over the wall time, rounded to whole cores. That is an average since the
last reading (typically the user's reading and typing time, or the prompt's evaluation) rather
than a count of this instant, so it is a starting point only; the per-token timing corrects it.
The same class runs on Linux over ``/proc/stat``'s CPU times in the tests, so its arithmetic meets
real busy processes; only the ``GetSystemTimes`` call is Windows'.
Elsewhere (macOS, a locked-down container) the reading is ``None`` and the controllers fall back to
timing alone.
"""

from __future__ import annotations

import ctypes
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# What the thread controllers are given: a reading of free cores, or None where there is none.
FreeCores = Callable[[], int | None]

_SAMPLES = 5
_GAP_S = 0.0002
_MAX_STAT_BYTES = 1 << 20  # /proc/stat is a few KiB even with hundreds of CPUs


def _procs_running(proc: Path) -> int | None:
    with open(proc / "stat", "rb") as f:
        data = f.read(_MAX_STAT_BYTES)
    for line in data.splitlines():
        if line.startswith(b"procs_running "):
            value = line.split()[1]
            return int(value) if value.isdigit() else None
    return None


def _own_running(proc: Path) -> int:
    """Our own threads in state R (running or runnable)."""
    count = 0
    task_dir = proc / "self" / "task"
    for tid in os.listdir(task_dir):
        try:
            with open(task_dir / tid / "stat", "rb") as f:
                stat = f.read(4096)
        except OSError:
            continue  # the thread ended between the listing and the read
        # "pid (comm) S ...": comm may hold spaces and parentheses; the state follows the last ')'.
        close = stat.rfind(b")")
        if close >= 0 and stat[close + 2 : close + 3] == b"R":
            count += 1
    return count


def others_runnable(proc: Path = Path("/proc"), samples: int = _SAMPLES, gap_s: float = _GAP_S,
                    sleep: Callable[[float], None] = time.sleep) -> int | None:
    """Median over ``samples`` readings of the runnable tasks that are not ours; None where the
    kernel does not say."""
    readings: list[int] = []
    try:
        for i in range(samples):
            if i:
                sleep(gap_s)
            running = _procs_running(proc)
            if running is None:
                return None
            readings.append(max(0, running - _own_running(proc)))
    except (OSError, ValueError):
        return None
    readings.sort()
    return readings[len(readings) // 2]


def usable_cores() -> int:
    """The CPUs this process may run on (its affinity mask where the OS has one)."""
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        try:
            return max(1, len(affinity(0)))
        except OSError:
            pass
    return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class _Sample:
    wall: float
    busy: float  # CPU seconds all programs used, summed over the cores
    own: float  # CPU seconds this process used


class CpuTimeLoad:
    """Free cores from CPU-time counters: ``usable − round(others' busy cores)`` over the time
    since the previous reading. It never waits (a reading sits on the way to a reply's first
    token): a reading less than ``window_s`` after the previous one returns the previous result,
    and the first reading, or one more than ``max_age_s`` after the previous one, only starts a
    new window and returns None (timing alone decides that once)."""

    def __init__(self, system_busy: Callable[[], float | None], own_cpu: Callable[[], float] = time.process_time,
                 *, cores: Callable[[], int] = lambda: usable_cores(), clock: Callable[[], float] = time.monotonic,
                 window_s: float = 0.1, max_age_s: float = 300.0) -> None:
        self._system_busy = system_busy
        self._own_cpu = own_cpu
        self._cores = cores
        self._clock = clock
        self.window_s = window_s
        self.max_age_s = max_age_s
        self._last: _Sample | None = None
        self._result: int | None = None

    def __call__(self) -> int | None:
        busy = self._system_busy()
        if busy is None:
            return None
        now = _Sample(self._clock(), busy, self._own_cpu())
        last = self._last
        if last is None or now.wall - last.wall > self.max_age_s:
            self._last, self._result = now, None
            return None
        wall = now.wall - last.wall
        if wall < self.window_s:
            return self._result
        others = max(0.0, (now.busy - last.busy) - (now.own - last.own)) / wall
        self._last = now
        self._result = max(0, self._cores() - int(others + 0.5))
        return self._result


def proc_stat_busy(proc: Path = Path("/proc")) -> float | None:
    """CPU seconds all programs used (Linux ``/proc/stat``: every state but idle and iowait)."""
    try:
        with open(proc / "stat", "rb") as f:
            first = f.readline(4096).split()
        if first[:1] != [b"cpu"]:
            return None
        ticks = [int(v) for v in first[1:9]]  # user nice system idle iowait irq softirq steal
    except (OSError, ValueError, IndexError):
        return None
    if len(ticks) < 8:
        return None
    hz = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    return (sum(ticks) - ticks[3] - ticks[4]) / hz


class _FileTime(ctypes.Structure):
    _fields_ = [("low", ctypes.c_uint32), ("high", ctypes.c_uint32)]

    @property
    def seconds(self) -> float:
        return float((int(self.high) << 32) | int(self.low)) / 1e7  # 100 ns units


def windows_system_busy(kernel32: Any = None) -> float | None:
    """CPU seconds all programs used (Windows ``GetSystemTimes``: kernel time includes idle)."""
    api: Any = kernel32
    if api is None:
        windll = getattr(ctypes, "windll", None)
        api = None if windll is None else windll.kernel32
    if api is None:
        return None
    idle, kernel, user = _FileTime(), _FileTime(), _FileTime()
    try:
        ok = api.GetSystemTimes(ctypes.byref(idle), ctypes.byref(kernel), ctypes.byref(user))
    except (AttributeError, OSError):
        return None
    if not ok:
        return None
    return kernel.seconds + user.seconds - idle.seconds


_windows_load: CpuTimeLoad | None = None


def free_cores(proc: Path = Path("/proc")) -> int | None:
    """Cores no other program wants right now (0 when all are taken); None where unknown."""
    global _windows_load
    if sys.platform == "win32":
        if _windows_load is None:
            _windows_load = CpuTimeLoad(windows_system_busy)
        return _windows_load()
    return run_queue_free_cores(proc)


def run_queue_free_cores(proc: Path = Path("/proc")) -> int | None:
    """Linux's reading: the usable cores less the other programs' runnable tasks."""
    others = others_runnable(proc)
    return None if others is None else max(0, usable_cores() - others)


READINGS = ("auto", "runqueue", "cputime", "none")


def reading(kind: str) -> FreeCores:
    """A free-cores reading by name, for ``bauhinia bench --load-reading``: ``auto`` (what the app
    uses: the run queue on Linux, CPU time on Windows), ``runqueue`` (Linux), ``cputime`` (the
    Windows way, over ``/proc/stat`` on Linux) or ``none`` (timing alone)."""
    if kind == "auto":
        return free_cores
    if kind == "runqueue":
        return run_queue_free_cores
    if kind == "cputime":
        return CpuTimeLoad(windows_system_busy if sys.platform == "win32" else proc_stat_busy)
    if kind == "none":
        return no_reading
    raise ValueError(f"unknown load reading {kind!r}; one of {', '.join(READINGS)}")


def no_reading() -> int | None:
    """A reading that never says anything: timing alone decides (tests with scripted times)."""
    return None


__all__ = [
    "READINGS", "CpuTimeLoad", "FreeCores", "free_cores", "no_reading", "others_runnable", "proc_stat_busy",
    "reading", "run_queue_free_cores", "usable_cores", "windows_system_busy",
]
