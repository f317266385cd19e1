"""The audit log wired into the actions it records (issue 17 part 4): a model import, a model load
and a chat turn each add one verified line with the model's id and SHA-256 and never the text; the
window's engine worker records the same; an audit folder on a real full disk (64 KiB tmpfs) stops
the load, the import, and the turn's final write with one line, and the reply text is kept."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from fixtures_models import DEFAULT_SCRIPT
from keyring_backend import MemoryKeyring

from app.audit import AuditLog, AuditWriteError, ModelLoaded, verify_log
from app.chat import ChatTurn, TurnObserver, TurnRequest
from app.cli.main import main
from app.paths import user_paths
from app.settings.store import SettingsStore
from app.store import HistoryStore
from tests.audit.audit_helpers import fill

MARKER = "SECRET-MARKER-房屋政策"


@pytest.fixture(autouse=True)
def _keyring(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    return memory_keyring


def audit_policy(admin: Path, folder: Path) -> None:
    (admin / "policies").mkdir(parents=True, exist_ok=True)
    (admin / "policies" / "60-audit.json").write_text(
        json.dumps({"audit.enabled": True, "audit.path": str(folder)}), encoding="utf-8")


def records(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (folder / "audit.jsonl").read_text(encoding="utf-8").splitlines()]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def exhaust(disk: Path, folder: Path) -> Path:
    """Fill the disk, then the audit file's last page with the smallest records, so that no
    further record fits (tmpfs hands out whole pages: a full disk can still take a short line)."""
    ballast = fill(disk)
    log = AuditLog(folder)
    for _ in range(100):
        try:
            log.record(ModelLoaded("p"))
        except AuditWriteError:
            return ballast
    raise AssertionError("the audit log never filled up")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_load_and_turn_each_add_one_verified_line_without_text(
        _isolated_admin_dir: Path, tmp_path: Path, scripted_model_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "audit"
    audit_policy(_isolated_admin_dir, folder)
    digest = sha256_of(scripted_model_path)
    code, out, err = run(capsys, "models", "import", str(scripted_model_path), "--json")
    assert code == 0, err
    model_id = json.loads(out)["id"]
    assert [r["event"] for r in records(folder)] == ["import"]
    code, out, err = run(capsys, "ask", "-m", model_id, "--json", MARKER)
    assert code == 0, err
    answer = json.loads(out)
    assert answer["content"] == DEFAULT_SCRIPT.content
    imported, loaded, turn = records(folder)
    assert (imported["event"], imported["kind"], imported["model_id"], imported["file_sha256"],
            imported["file_name"]) == ("import", "model", model_id, digest, scripted_model_path.name)
    assert (loaded["event"], loaded["model_id"], loaded["model_sha256"]) == ("model_loaded", model_id, digest)
    assert loaded["backend"]
    assert (turn["event"], turn["model_id"], turn["model_sha256"], turn["conversation_id"],
            turn["finish_reason"], turn["documents"]) == (
        "turn_done", model_id, digest, answer["conversation_id"], "stop", [])
    assert (turn["prompt_tokens"], turn["completion_tokens"]) == (
        answer["usage"]["prompt_tokens"], answer["usage"]["completion_tokens"])
    code, out, _ = run(capsys, "audit", "verify", str(folder))
    assert code == 0 and "intact: 3 record(s)" in out
    text = (folder / "audit.jsonl").read_text(encoding="utf-8")
    for secret in (MARKER, "SECRET", "房屋", "香港政府", "Let me think", "Done."):
        assert secret not in text


def test_the_window_worker_records_the_load_and_the_turn(
        _isolated_admin_dir: Path, tmp_path: Path, scripted_model_path: Path, qtbot: Any) -> None:
    from app.chat import build_request
    from app.ui.tasks import EngineWorker, default_diagnostic_factory

    folder = tmp_path / "audit"
    audit_policy(_isolated_admin_dir, folder)
    paths = user_paths().ensure()
    store = HistoryStore.open(paths, encrypt=False)
    settings = SettingsStore()
    worker = EngineWorker(settings, paths, store, default_diagnostic_factory(paths.cache))
    failures: list[str] = []
    finished: list[tuple[Any, dict[str, Any]]] = []
    worker.loadFailed.connect(failures.append)
    worker.sendFailed.connect(lambda message, _text: failures.append(message))
    worker.replyFinished.connect(lambda rec, figures: finished.append((rec, figures)))
    try:
        worker.load(str(scripted_model_path))
        worker.send(build_request(settings, MARKER, ui_language="en"))
        assert not failures, failures
        ((rec, figures),) = finished
        assert rec.content == DEFAULT_SCRIPT.content and figures["terms"] == []
    finally:
        worker.shutdown()
        store.close()
    digest = sha256_of(scripted_model_path)
    loaded, turn = records(folder)
    assert (loaded["event"], loaded["model_sha256"], turn["event"], turn["model_sha256"]) == (
        "model_loaded", digest, "turn_done", digest)
    assert turn["conversation_id"] == rec.conversation_id and turn["completion_tokens"] == figures["completion_tokens"]
    assert verify_log(folder).ok and MARKER not in (folder / "audit.jsonl").read_text(encoding="utf-8")


def test_a_full_audit_disk_stops_the_turn_with_one_line_and_keeps_the_reply(
        _isolated_admin_dir: Path, small_disk: Path, scripted_model_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """``ask``: the model loads (its record fits), the disk fills while the reply streams; the
    turn's record cannot be written, so the reply is not finished in the history — it is printed,
    and kept in the history (recovered as interrupted), with one line on stderr."""
    import app.cli.ask as ask

    folder = small_disk / "audit"
    audit_policy(_isolated_admin_dir, folder)
    original = ask._Terminal.reply_delta
    filled: list[Path] = []

    def reply_delta(self: Any, content: str, reasoning: str) -> None:
        if not filled:
            filled.append(exhaust(small_disk, folder))
        original(self, content, reasoning)

    monkeypatch.setattr(ask._Terminal, "reply_delta", reply_delta)
    code, out, err = run(capsys, "ask", "-m", str(scripted_model_path), "--json", MARKER)
    assert code == 1 and filled
    assert err.startswith("bauhinia: The audit log ") and "action was stopped" in err and err.count("\n") == 1
    answer = json.loads(out)
    assert answer["content"] == DEFAULT_SCRIPT.content  # the reply is not lost
    events = [r["event"] for r in records(folder)]
    assert events[0] == "model_loaded" and "turn_done" not in events
    assert verify_log(folder).ok
    with HistoryStore.open(user_paths()) as store:  # reopened: the unfinished reply is recovered
        reply = store.thread(answer["conversation_id"])[-1]
        assert (reply.content, reply.status) == (DEFAULT_SCRIPT.content, "interrupted")


def test_retry_writes_the_record_then_saves_the_reply(small_disk: Path, scripted_model_path: Path) -> None:
    """The window's Retry saving (``ChatTurn.retry_save``) after a full audit disk."""
    from engine.loader import LoadOptions, load_session

    folder = small_disk / "audit"
    audit = AuditLog(folder)
    audit.record(ModelLoaded("m"))
    store = HistoryStore.open(user_paths(), encrypt=False)
    session, _ = load_session(scripted_model_path, LoadOptions(n_ctx=1024))
    ballast: list[Path] = []

    class FillOnStart(TurnObserver):
        def reply_started(self, record: Any) -> None:
            ballast.append(exhaust(small_disk, folder))

    try:
        turn = ChatTurn(session, store, model_label="m", audit=audit)
        result = turn.run(TurnRequest(None, MARKER, reply_language="en"), FillOnStart())
        assert result.audit_error and result.save_error == result.audit_error and result.record is None
        assert "\n" not in result.audit_error and "action was stopped" in result.audit_error
        assert result.content == DEFAULT_SCRIPT.content
        assert store.thread(result.conversation_id or "")[-1].status == "streaming"  # not finished unrecorded
        assert turn.retry_save().audit_error  # still full: still refused
        ballast[0].unlink()
        saved = turn.retry_save()
        assert saved.audit_error is None and saved.save_error is None and saved.record.status == "complete"
        assert saved.record.content == DEFAULT_SCRIPT.content
        assert records(folder)[-1]["event"] == "turn_done" and verify_log(folder).ok
    finally:
        session.close()
        store.close()


def test_a_full_audit_disk_stops_the_load_and_the_import(
        _isolated_admin_dir: Path, small_disk: Path, scripted_model_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = small_disk / "audit"
    audit_policy(_isolated_admin_dir, folder)
    exhaust(small_disk, folder)
    code, out, err = run(capsys, "ask", "-m", str(scripted_model_path), "--no-history", "--json", MARKER)
    assert code == 1 and out == "" and "action was stopped" in err and err.count("\n") == 1
    code, out, err = run(capsys, "models", "import", str(scripted_model_path))
    assert code == 1 and out == "" and "action was stopped" in err and err.count("\n") == 1
    assert not any(user_paths().models.glob("*.gguf"))  # the copy was removed
    code, out, _ = run(capsys, "models", "list", "--json")
    assert code == 0 and scripted_model_path.stem not in out
    assert all((r["event"], r["model_id"]) == ("model_loaded", "p") for r in records(folder))  # the pads only
    assert verify_log(folder).ok


def test_a_remote_model_and_its_turn_are_recorded_by_reference(
        _isolated_admin_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from remote_server import StubServer, chunk

    folder = tmp_path / "audit"
    with StubServer() as stub:
        stub.routes[("POST", "/v1/chat/completions")] = lambda h: h.send_sse(
            [chunk(content="遠端回覆", finish="stop"), "[DONE]"])
        (_isolated_admin_dir / "policies").mkdir(parents=True, exist_ok=True)
        (_isolated_admin_dir / "policies" / "60-audit.json").write_text(json.dumps({
            "audit.enabled": True, "audit.path": str(folder), "remote.allowed": True,
            "remote.allowed_hosts": ["127.0.0.1"],
            "remote.endpoints": [{"id": "cluster", "url": stub.url.removesuffix("/v1"), "display_name": "Dept",
                                  "models": ["house-model"]}],
        }), encoding="utf-8")
        code, out, err = run(capsys, "ask", "-m", "remote:cluster/house-model", "--no-history", "--json", MARKER)
    assert code == 0, err
    assert json.loads(out)["content"] == "遠端回覆"
    loaded, turn = records(folder)
    assert (loaded["event"], loaded["model_id"], loaded["backend"], loaded["model_sha256"]) == (
        "model_loaded", "remote:cluster/house-model", "remote", "")
    assert (turn["event"], turn["model_id"], turn["finish_reason"]) == (
        "turn_done", "remote:cluster/house-model", "stop")
    text = (folder / "audit.jsonl").read_text(encoding="utf-8")
    assert MARKER not in text and "遠端" not in text and verify_log(folder).ok
