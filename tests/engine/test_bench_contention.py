"""`bauhinia bench --contention`: busy competitors are bounded and always stopped; the table has
every cell. The figures themselves are not checked (benchmarks, not timed tests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from engine.bench_contention import run_contention
from engine.busy_competitor import busy_competitors
from engine.session import ChatSession, SessionConfig

ROOT = Path(__file__).resolve().parents[2]
WAIT_S = 60.0  # generous: the machine is shared


def gone(pid: int) -> bool:
    """No such process, or only its zombie is left (nothing runs)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def wait_gone(pids: list[int]) -> bool:
    end = time.monotonic() + WAIT_S
    while time.monotonic() < end:
        if all(gone(p) for p in pids):
            return True
        time.sleep(0.05)
    return False


def children() -> set[int]:
    me = str(os.getpid())
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == me and fields[0] != "Z":
                found.add(int(entry))
    return found


def test_competitors_run_and_are_stopped_on_exception() -> None:
    seen: list[int] = []
    with pytest.raises(RuntimeError, match="boom"), busy_competitors(1) as pids:
        seen.extend(pids)
        assert len(pids) == 1 and not gone(pids[0])
        raise RuntimeError("boom")
    assert seen and all(gone(p) for p in seen), "stopped and reaped by the time the block is left"


def test_a_competitor_stops_on_its_own_after_its_time() -> None:
    with busy_competitors(1, max_seconds=0.3) as pids:
        assert wait_gone(pids)


def test_a_competitor_stops_when_its_parent_is_killed(tmp_path: Path) -> None:
    code = (
        "import sys, time\n"
        "from engine.busy_competitor import busy_competitors\n"
        "if __name__ == '__main__':\n"
        "    with busy_competitors(1, max_seconds=300) as pids:\n"
        "        print(pids[0], flush=True)\n"
        "        time.sleep(300)\n"
    )
    script = tmp_path / "parent.py"
    script.write_text(code, encoding="utf-8")
    with subprocess.Popen([sys.executable, str(script)], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}) as parent:
        try:
            assert parent.stdout is not None
            pid = int(parent.stdout.readline())
            assert not gone(pid)
        finally:
            parent.kill()  # no finally block runs in the parent: only the competitor's own check helps
            parent.wait()
    assert wait_gone([pid])


class Recording:
    """Real competitors, remembering their process ids."""

    def __init__(self) -> None:
        self.pids: list[int] = []

    def __call__(self, n: int) -> AbstractContextManager[Any]:
        @contextmanager
        def run() -> Iterator[list[int]]:
            with busy_competitors(n) as pids:
                self.pids.extend(pids)
                yield pids
        return run()


@pytest.fixture()
def session(random_model_path: Path) -> Iterator[ChatSession]:
    s = ChatSession(random_model_path, SessionConfig(n_ctx=1024, n_threads=2))
    yield s
    s.close()


def test_table_has_every_cell_and_threads_are_restored(session: ChatSession) -> None:
    rec = Recording()
    result = run_contention(session, max_threads=2, loads=[0, 1], tokens=6, competitors=rec, warmup_s=0.0)
    assert len(rec.pids) == 1 and all(gone(p) for p in rec.pids)
    assert result.threads == [1, 2] and [r.load for r in result.rows] == [0, 1]
    for row in result.rows:
        assert set(row.fixed) == {1, 2} and all(v > 0 for v in row.fixed.values())
        assert row.adaptive > 0 and 1 <= row.adaptive_threads <= 2
        assert row.ratio == row.adaptive / row.fixed[row.best_fixed_threads]
        assert row.adaptive_next > 0 and row.ratio_next == row.adaptive_next / row.fixed[row.best_fixed_threads]
    data = result.to_json()
    assert data["rows"][1]["fixed"].keys() == {"1", "2"}
    assert session.threads == (2, 2) and session.thread_controllers is not None


@pytest.mark.parametrize("new_chat", [False, True])
def test_new_chat_replies_evaluate_the_whole_prompt(session: ChatSession, new_chat: bool) -> None:
    result = run_contention(session, max_threads=2, loads=[0], tokens=4, replies=2, new_chat=new_chat,
                            competitors=Recording(), warmup_s=0.0)
    assert len(result.rows) == 1 and result.replies == 2
    turn = session.last_turn
    if new_chat:
        assert turn.evaluated_prompt_tokens == turn.prompt_tokens, "the whole prompt again"
    else:
        assert turn.evaluated_prompt_tokens < turn.prompt_tokens / 4, "the prompt stayed in the KV cache"


def test_competitors_stop_when_the_bench_is_interrupted(session: ChatSession) -> None:
    rec = Recording()

    def interrupt(_s: float) -> None:
        assert rec.pids and not any(gone(p) for p in rec.pids)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_contention(session, max_threads=2, loads=[1], tokens=4, competitors=rec, sleep=interrupt)
    assert rec.pids and all(gone(p) for p in rec.pids)
    assert session.threads == (2, 2) and session.thread_controllers is not None


def test_cli_contention_json(capsys: pytest.CaptureFixture[str], random_model_path: Path) -> None:
    before = children()
    code = main(["bench", "-m", str(random_model_path), "--json", "--decode-tokens", "8", "--history-tokens", "200",
                 "--repeats", "1", "--contention", "--contention-tokens", "4", "--max-load", "1",
                 "--load-reading", "none", "--contention-new-chat"])
    out, _ = capsys.readouterr()
    assert code == 0
    data = json.loads(out)
    assert data["load_reading"] == "none"
    table = data["contention"]
    assert [r["load"] for r in table["rows"]] == [0, 1]
    assert len(table["threads"]) >= 1 and table["tokens"] == 4
    assert children() <= before, "no competitor left running"


def test_cli_contention_table(capsys: pytest.CaptureFixture[str], random_model_path: Path) -> None:
    code = main(["bench", "-m", str(random_model_path), "--decode-tokens", "8", "--history-tokens", "200",
                 "--repeats", "1", "--contention", "--contention-tokens", "4", "--max-load", "0"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "adaptive/best" in out and "settled at token" in out and "next/best" in out
