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
that wakes for a moment (a timer, the compositor) does not count as load. Where ``/proc`` cannot
be read (Windows, macOS, a locked-down container) the reading is ``None`` and the controllers
fall back to timing alone.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

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


def free_cores(proc: Path = Path("/proc")) -> int | None:
    """Cores no other program wants right now (0 when all are taken); None where unknown."""
    others = others_runnable(proc)
    return None if others is None else max(0, usable_cores() - others)


def no_reading() -> int | None:
    """A reading that never says anything: timing alone decides (tests with scripted times)."""
    return None


__all__ = ["FreeCores", "free_cores", "no_reading", "others_runnable", "usable_cores"]
