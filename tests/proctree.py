"""Run a long child command for a test so that a timeout leaves nothing behind but its log.

``subprocess.run(..., timeout=...)`` kills only the direct child: a shell script's cmake, gcc or
pip keep running under the rest of the suite, and ``capture_output`` loses everything written so
far. ``run_logged`` instead

- starts the command in its own session (so its own process group, whatever it spawns joins it),
- writes stdout and stderr, interleaved, straight into a log file (nothing is lost if pytest or
  the machine stops us half-way; the file is readable while the command runs),
- on timeout, and on any exception while waiting (pytest-timeout's alarm, Ctrl-C), kills the
  whole tree: every process of the group plus every descendant found through /proc (which also
  catches one that started a session of its own), SIGTERM first and SIGKILL after a grace period,
- returns the exit status with the log's tail for an assertion message.

``run_tree`` is the drop-in for ``subprocess.run(..., capture_output=True, text=True, timeout=...)``
when the command starts processes of its own (a D-Bus session, a keyring daemon, a build): same
session and tree killing, output captured in memory.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GRACE_S = 10.0


class TreeTimeout(AssertionError):
    """The command ran past its timeout; its process tree was killed. The message ends with the log's tail."""


@dataclass(frozen=True)
class Finished:
    returncode: int
    log: Path

    def tail(self, chars: int = 4000) -> str:
        return log_tail(self.log, chars)


def log_tail(log: Path, chars: int = 4000) -> str:
    try:
        data = log.read_bytes()
    except OSError:
        return ""
    return data[-chars:].decode("utf-8", errors="replace")


def _process_table() -> list[tuple[int, int, int]]:
    """(pid, parent pid, process group) of every process, from /proc."""
    table: list[tuple[int, int, int]] = []
    if not Path("/proc").is_dir():
        return table
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid pgrp ..." - comm may hold spaces and ')': split after the last ')'.
        fields = stat[stat.rfind(")") + 2:].split()
        table.append((int(entry.name), int(fields[1]), int(fields[2])))
    return table


def tree_members(leader: int) -> list[int]:
    """Every process of ``leader``'s group, and every descendant of ``leader`` or of a group member
    (one that started a session of its own has left the group but not the family tree)."""
    table = _process_table()
    children: dict[int, list[int]] = {}
    for pid, ppid, _ in table:
        children.setdefault(ppid, []).append(pid)
    found: set[int] = set()
    todo = [pid for pid, _, pgrp in table if pgrp == leader] + children.get(leader, [])
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.add(pid)
            todo.extend(children.get(pid, []))
    found.discard(leader)
    return sorted(found)


def is_gone(pid: int) -> bool:
    """True when ``pid`` no longer runs (absent, or a zombie nobody has reaped yet)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat[stat.rfind(")") + 2:].split()[0] in ("Z", "X")


def kill_tree(proc: subprocess.Popen[Any]) -> None:
    """Kill ``proc``'s process group and all its descendants; reap ``proc``."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        pids = set(tree_members(proc.pid))
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)  # the session leader's pid is the group id
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        deadline = time.monotonic() + GRACE_S
        while time.monotonic() < deadline and not (proc.poll() is not None and all(map(is_gone, pids))):
            time.sleep(0.05)
        if proc.poll() is not None and all(map(is_gone, pids)):
            break
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=GRACE_S)


def run_logged(
    cmd: Sequence[str],
    *,
    log: Path,
    timeout: float,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Finished:
    """Run ``cmd`` with its output in ``log``; raise ``TreeTimeout`` (tree killed) past ``timeout`` s."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        proc = subprocess.Popen(
            list(cmd), cwd=cwd, env=None if env is None else dict(env),
            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            returncode = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_tree(proc)
            raise TreeTimeout(
                f"{' '.join(cmd)} ran past {timeout:.0f} s and was killed with all its processes; "
                f"log: {log}\n{log_tail(log)}"
            ) from None
        except BaseException:
            kill_tree(proc)
            raise
        # The command ended; anything it left running in the background must not outlive it.
        if any(not is_gone(pid) for pid in tree_members(proc.pid)):
            kill_tree(proc)
    return Finished(returncode, log)



def run_tree(
    cmd: Sequence[str],
    *,
    timeout: float,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    input: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Like ``subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)``, but the command
    runs in its own session and, on timeout or when it ends, nothing it started is left running."""
    proc = subprocess.Popen(
        list(cmd), cwd=cwd, env=None if env is None else dict(env), text=True,
        stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )
    try:
        out, err = proc.communicate(input, timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_tree(proc)
        try:
            out, err = proc.communicate(timeout=GRACE_S)
        except subprocess.TimeoutExpired:  # a daemon that left the tree still holds the pipes
            out, err = "", ""
        raise TreeTimeout(f"{' '.join(cmd)} ran past {timeout:.0f} s and was killed with all its processes\n"
                          f"--- stdout ---\n{out[-4000:]}\n--- stderr ---\n{err[-4000:]}") from None
    except BaseException:
        kill_tree(proc)
        raise
    if any(not is_gone(pid) for pid in tree_members(proc.pid)):
        kill_tree(proc)
    return subprocess.CompletedProcess(list(cmd), proc.returncode, out, err)
