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
