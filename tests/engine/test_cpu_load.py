"""The free-cores reading (engine.cpu_load): parsed from a fake /proc tree, bounded against odd
contents, and read from the real kernel with real busy-loop competitor processes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from engine import cpu_load
from engine.busy_competitor import busy_competitors


def write_stat(root: Path, running: int) -> None:
    (root / "stat").write_text(
        "cpu  1 2 3 4 5 6 7 0 0 0\nctxt 9\nbtime 1\nprocesses 5\n"
        f"procs_running {running}\nprocs_blocked 0\n")


def fake_proc(root: Path, running: int, own_states: list[str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    write_stat(root, running)
    for i, state in enumerate(own_states):
        task = root / "self" / "task" / str(100 + i)
        task.mkdir(parents=True)
        # A thread name with spaces and a ')' must not confuse the state field.
        (task / "stat").write_text(f"{100 + i} (llama worker) x) {state} 1 2 3 4")
    return root


def test_others_are_the_runnable_tasks_that_are_not_ours(tmp_path: Path) -> None:
    proc = fake_proc(tmp_path, running=5, own_states=["R", "S", "R", "D"])
    assert cpu_load.others_runnable(proc, sleep=lambda _s: None) == 3


def test_never_negative_and_none_where_the_kernel_does_not_say(tmp_path: Path) -> None:
    assert cpu_load.others_runnable(fake_proc(tmp_path / "a", 1, ["R", "R"]), sleep=lambda _s: None) == 0
    odd = tmp_path / "b"
    odd.mkdir()
    (odd / "stat").write_text("cpu 1 2 3\nprocs_running lots\n")
    assert cpu_load.others_runnable(odd, sleep=lambda _s: None) is None
    (odd / "stat").write_text("cpu 1 2 3\n")
    assert cpu_load.others_runnable(odd, sleep=lambda _s: None) is None
    assert cpu_load.others_runnable(tmp_path / "missing") is None
    assert cpu_load.free_cores(tmp_path / "missing") is None
    assert cpu_load.no_reading() is None


def test_a_reading_is_the_median_of_its_samples(tmp_path: Path) -> None:
    proc = fake_proc(tmp_path, running=2, own_states=["R"])
    later = iter([9, 2, 2, 3])  # one sample catches a burst of short-lived tasks
    # Samples (others): 1, 8, 1, 1, 2 -> median 1.
    assert cpu_load.others_runnable(proc, samples=5, sleep=lambda _s: write_stat(proc, next(later))) == 1


@pytest.mark.skipif(not Path("/proc/stat").is_file(), reason="the kernel reading is Linux's")
def test_real_competitors_are_seen_and_take_their_cores() -> None:
    cores = cpu_load.usable_cores()
    with busy_competitors(2):
        deadline = time.monotonic() + 20.0  # their interpreters need a moment to start
        seen = cpu_load.others_runnable()
        while (seen is None or seen < 2) and time.monotonic() < deadline:
            time.sleep(0.05)
            seen = cpu_load.others_runnable()
        assert seen is not None and seen >= 2
        free = cpu_load.free_cores()
        assert free is not None and free <= max(0, cores - 2)


class Counters:
    """Scripted CPU-time counters and clock for CpuTimeLoad: ``run(seconds)`` advances the wall
    clock and the CPU time used by other programs (``others`` cores) and by us (``ours``)."""

    def __init__(self) -> None:
        self.wall = 100.0
        self.busy = 0.0
        self.own = 0.0
        self.others = 0.0
        self.ours = 0.0

    def run(self, seconds: float) -> None:
        self.wall += seconds
        self.busy += (self.others + self.ours) * seconds
        self.own += self.ours * seconds

    def load(self) -> cpu_load.CpuTimeLoad:
        return cpu_load.CpuTimeLoad(lambda: self.busy, lambda: self.own, cores=lambda: 2,
                                    clock=lambda: self.wall, window_s=0.1, max_age_s=300.0)


def test_cpu_time_reading_counts_the_others_not_us() -> None:
    c = Counters()
    load = c.load()
    assert load() is None, "the first reading only starts a window (it never waits)"
    c.others, c.ours = 1.0, 1.0  # one busy program, and our own decoding on the other core
    c.run(2.0)
    assert load() == 1
    c.others = 2.0
    c.run(2.0)
    c.others = 1.0
    c.run(2.0)  # the last 4 s averaged 1.5 busy cores: rounds to 2
    assert load() == 0
    c.others, c.ours = 0.0, 2.0
    c.run(0.04)
    assert load() == 0, "too soon after the last reading: its result again"
    c.run(1.0)
    assert load() == 2


def test_cpu_time_reading_after_a_long_quiet_stretch_starts_afresh() -> None:
    c = Counters()
    load = c.load()
    load()
    c.run(600.0)  # ten quiet minutes, then a scan starts on both cores
    c.others = 2.0
    assert load() is None, "ten minutes old: a new window, not an average that hides the scan"
    c.run(0.5)
    assert load() == 0


def test_cpu_time_reading_without_counters_is_none() -> None:
    assert cpu_load.CpuTimeLoad(lambda: None)() is None


def test_windows_system_times_are_read_as_busy_seconds() -> None:
    """Windows' GetSystemTimes through a stand-in (no Windows here): kernel time includes idle."""

    class Kernel32:
        ok = 1

        def GetSystemTimes(self, idle: object, kernel: object, user: object) -> int:
            for ref, seconds in ((idle, 30.0), (kernel, 50.0), (user, 20.0)):
                ticks = int(seconds * 1e7)
                ref._obj.low, ref._obj.high = ticks & 0xFFFFFFFF, ticks >> 32  # type: ignore[attr-defined]
            return self.ok

    api = Kernel32()
    assert cpu_load.windows_system_busy(api) == pytest.approx(40.0)
    api.ok = 0
    assert cpu_load.windows_system_busy(api) is None
    assert cpu_load.windows_system_busy(object()) is None


@pytest.mark.skipif(not Path("/proc/stat").is_file(), reason="reads Linux's CPU times")
def test_cpu_time_reading_sees_real_competitors() -> None:
    """The CPU-time arithmetic (Windows' way) against real busy processes, over /proc/stat."""
    assert cpu_load.proc_stat_busy() is not None
    cores = cpu_load.usable_cores()
    load = cpu_load.CpuTimeLoad(cpu_load.proc_stat_busy)
    with busy_competitors(2):
        deadline = time.monotonic() + 20.0
        while (cpu_load.others_runnable() or 0) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)  # their interpreters need a moment to start
        assert load() is None  # starts the window with the competitors spinning
        time.sleep(0.5)
        free = load()
    assert free is not None and free <= max(0, cores - 2)


def test_readings_by_name() -> None:
    assert cpu_load.reading("auto") is cpu_load.free_cores
    assert cpu_load.reading("none")() is None
    assert isinstance(cpu_load.reading("cputime"), cpu_load.CpuTimeLoad)
    runqueue = cpu_load.reading("runqueue")()
    assert runqueue is None or 0 <= runqueue <= cpu_load.usable_cores()
    with pytest.raises(ValueError, match="unknown load reading"):
        cpu_load.reading("psychic")
