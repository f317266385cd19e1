"""The long-command runner kills the whole process tree on timeout and keeps the log."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from proctree import TreeTimeout, is_gone, run_logged, run_tree


def _wait_for_pid(path: Path) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        text = path.read_text() if path.exists() else ""
        if text.strip():
            return int(text)
        time.sleep(0.05)
    raise AssertionError(f"{path} was never written")


def test_timeout_kills_grandchildren_and_keeps_the_log(tmp_path: Path) -> None:
    pidfile = tmp_path / "grandchild.pid"
    log = tmp_path / "logs" / "run.log"
    script = f"echo started; sleep 300 & echo $! > {pidfile}; echo to-stderr >&2; wait"
    with pytest.raises(TreeTimeout) as err:
        run_logged(["sh", "-c", script], log=log, timeout=2)
    grandchild = _wait_for_pid(pidfile)
    deadline = time.monotonic() + 30
    while not is_gone(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert is_gone(grandchild), f"sleep {grandchild} survived the timeout"
    text = log.read_text()
    assert "started" in text and "to-stderr" in text
    assert "started" in str(err.value) and str(log) in str(err.value)


def test_a_grandchild_in_its_own_session_is_killed_too(tmp_path: Path) -> None:
    """setsid leaves the process group; the /proc walk still finds it."""
    pidfile = tmp_path / "escaped.pid"
    script = f"setsid sh -c 'echo $$ > {pidfile}; exec sleep 300' & wait"
    with pytest.raises(TreeTimeout):
        run_logged(["sh", "-c", script], log=tmp_path / "run.log", timeout=2)
    escaped = _wait_for_pid(pidfile)
    deadline = time.monotonic() + 30
    while not is_gone(escaped) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert is_gone(escaped)


def test_success_returns_status_and_leaves_nothing_running(tmp_path: Path) -> None:
    pidfile = tmp_path / "background.pid"
    log = tmp_path / "ok.log"
    done = run_logged(["sh", "-c", f"sleep 300 & echo $! > {pidfile}; echo fine; exit 3"], log=log, timeout=120)
    assert done.returncode == 3 and "fine" in done.tail()
    assert is_gone(_wait_for_pid(pidfile)), "a background process outlived its command"


def test_run_tree_captures_output_and_kills_the_tree_on_timeout(tmp_path: Path) -> None:
    done = run_tree(["sh", "-c", "cat; echo err >&2; exit 4"], timeout=60, input="in")
    assert (done.returncode, done.stdout, done.stderr) == (4, "in", "err\n")
    pidfile = tmp_path / "daemon.pid"
    with pytest.raises(TreeTimeout) as err:
        run_tree(["sh", "-c", f"echo partial; sleep 300 >/dev/null 2>&1 & echo $! > {pidfile}; wait"], timeout=2)
    assert "partial" in str(err.value)
    daemon = _wait_for_pid(pidfile)
    deadline = time.monotonic() + 30
    while not is_gone(daemon) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert is_gone(daemon)
