"""SIGKILL during streaming (≥ 50 runs) and two processes on one profile, on real files."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from child_writer import expected_reply

from app.paths import Paths
from app.store import HistoryStore
from app.store import keys as store_keys

CHILD = Path(__file__).with_name("child_writer.py")
RUNS = 50


def _child(mode: str, key_hex: str, home: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, BAUHINIA_HOME=str(home), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.Popen(
        [sys.executable, str(CHILD), mode, key_hex],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _new_profile(paths: Paths, encrypt: bool) -> str:
    with HistoryStore.open(paths, encrypt=encrypt) as store:
        assert store.encrypted == encrypt
    key = store_keys.load_key(paths.database)
    return key.hex() if encrypt and key else "-"


@pytest.mark.slow
def test_sigkill_while_streaming_never_loses_committed_text(paths: Paths, _isolated_home: Path) -> None:
    rng = random.Random(20240611)
    key_hex = _new_profile(paths, encrypt=True)
    committed: dict[str, str] = {}  # message id -> exact content the child saw committed
    done: dict[str, int] = {}  # finished replies -> their index
    partial: dict[str, int] = {}  # replies being streamed when killed
    for _run in range(RUNS):
        proc = _child("stream", key_hex, _isolated_home)
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith("READY"), first + proc.stderr.read() if proc.stderr else ""
        time.sleep(rng.uniform(0.0, 0.6))
        proc.send_signal(signal.SIGKILL)
        out, _err = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        began: dict[str, int] = {}
        for line in out.splitlines():
            kind, mid, *rest = line.split(" ", 2)
            if kind == "COMMIT":
                committed[mid] = rest[0]
            elif kind == "BEGIN":
                began[mid] = int(rest[0])
            elif kind == "DONE":
                done[mid] = int(rest[0])
        partial.update({m: n for m, n in began.items() if m not in done})
    # The next start recovers whatever the last child left streaming.
    with HistoryStore.open(paths) as store:
        assert store.integrity_check() == "ok"
        for mid, content in committed.items():
            assert store.get_message(mid).content == content
        for mid, n in done.items():
            msg = store.get_message(mid)
            assert (msg.status, msg.content) == ("complete", expected_reply(n))
        recovered = with_text = 0
        for mid, n in partial.items():
            msg = store.get_message(mid)
            if msg.status == "complete":  # finished just before the kill, before it could say so
                assert msg.content == expected_reply(n)
                continue
            assert msg.status == "interrupted", msg
            assert expected_reply(n).startswith(msg.content)
            recovered += 1
            with_text += bool(msg.content)
        with store.session() as s:
            from sqlalchemy import text

            assert s.execute(text("SELECT count(*) FROM messages WHERE status = 'streaming'")).scalar_one() == 0
    assert len(committed) >= RUNS and recovered >= RUNS // 2
    # Partial replies kept real text (flushed batches), not just empty rows.
    assert with_text >= RUNS // 3


@pytest.mark.slow
def test_two_processes_on_one_profile(paths: Paths, _isolated_home: Path) -> None:
    key_hex = _new_profile(paths, encrypt=True)
    cycles = 12
    procs = [_child(f"pair:{cycles}", key_hex, _isolated_home) for _ in range(2)]
    outputs = [p.communicate(timeout=240) for p in procs]
    for p, (out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
        lines = [ln for ln in out.splitlines() if ln.startswith("CYCLE")]
        assert len(lines) == cycles
        # Neither process ever mistook the other's live stream for a crash.
        assert all("recovered=0" in ln for ln in lines), lines
    conv_ids = re.findall(r"conv=(\w+)", "".join(o for o, _ in outputs))
    with HistoryStore.open(paths) as store:
        assert store.integrity_check() == "ok"
        assert store.count_conversations() == 2 * cycles
        for cid in conv_ids:
            thread = store.thread(cid)
            assert [m.status for m in thread] == ["complete", "complete"]
            assert thread[1].content == "".join(f"t{i} " for i in range(30))
