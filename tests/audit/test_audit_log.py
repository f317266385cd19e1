"""The audit log on real files: metadata-only records, the hash chain and its verifier, rotation,
private files, concurrent writers, and a real full disk (tmpfs)."""

from __future__ import annotations

import json
import multiprocessing
import os
import stat
from pathlib import Path

import pytest

from app.audit import (
    AuditFieldError,
    AuditLog,
    AuditWriteError,
    Deleted,
    DocumentAdded,
    DocumentRef,
    Exported,
    Imported,
    ModelLoaded,
    PolicyRefusal,
    TurnDone,
    verify_log,
)
from app.audit.chain import GENESIS, sha256_hex
from app.audit.files import series
from tests.audit.audit_helpers import fill

H = "ab" * 32


def seven_events() -> list[object]:
    return [
        ModelLoaded("deepseek-r1-7b", H, backend="cpu"),
        TurnDone("deepseek-r1-7b", H, prompt_tokens=120, completion_tokens=48, conversation_id="c1",
                 documents=(DocumentRef("/home/me/secret plans/budget.pdf", "cd" * 32),), finish_reason="stop"),
        Exported("json", ("c1",), file_name="out.json", file_sha256="ef" * 32),
        Imported("history", file_name="in.json", file_sha256=H),
        Deleted(older_than_days=30),
        PolicyRefusal("history.export_allowed", "export"),
        DocumentAdded(DocumentRef("C:\\Users\\me\\Documents\\minutes.docx", H)),
    ]


def lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines()


def write_lines(path: Path, items: list[bytes]) -> None:
    path.write_bytes(b"".join(x + b"\n" for x in items))


@pytest.fixture
def log(tmp_path: Path) -> AuditLog:
    audit = AuditLog(tmp_path / "audit", user="alice", host="pc-17")
    for event in seven_events():
        audit.record(event)  # type: ignore[arg-type]
    return audit


def test_records_carry_metadata_and_chain(log: AuditLog) -> None:
    raw = lines(log.path)
    records = [json.loads(x) for x in raw]
    assert [r["event"] for r in records] == [
        "model_loaded", "turn_done", "export", "import", "delete", "policy_refusal", "document_added"]
    assert [r["seq"] for r in records] == list(range(1, 8))
    assert all(r["user"] == "alice" and r["host"] == "pc-17" and r["time"].endswith("Z") for r in records)
    assert records[0]["prev"] == GENESIS
    assert all(records[i]["prev"] == sha256_hex(raw[i - 1]) for i in range(1, 7))
    turn = records[1]
    assert set(turn) == {"v", "seq", "time", "user", "host", "event", "model_id", "model_sha256", "prompt_tokens",
                         "completion_tokens", "conversation_id", "documents", "finish_reason", "prev", "h"}
    assert turn["documents"] == [{"name": "budget.pdf", "sha256": "cd" * 32}]  # no folder path
    assert records[6]["document"]["name"] == "minutes.docx"
    result = verify_log(log.path)
    assert result.ok and result.records == 7 and result.problem == ""


def test_events_cannot_carry_text(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        TurnDone("m", content="the whole secret message")  # type: ignore[call-arg]
    with pytest.raises(AuditFieldError):
        TurnDone("m\nsecond line")
    with pytest.raises(AuditFieldError):
        ModelLoaded("x" * 300)
    with pytest.raises(AuditFieldError):
        Exported("json", file_sha256="not a hash")
    with pytest.raises(AuditFieldError):
        TurnDone("m", prompt_tokens=-1)
    with pytest.raises(AuditFieldError):
        TurnDone("m", documents=("budget text",))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        AuditLog(tmp_path).record({"event": "turn_done", "text": "hello"})  # type: ignore[arg-type]


def test_files_are_private(log: AuditLog) -> None:
    assert stat.S_IMODE(log.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.path.parent.stat().st_mode) == 0o700


def test_edited_line_is_named(log: AuditLog) -> None:
    raw = lines(log.path)
    raw[2] = raw[2].replace(b'"json"', b'"md"')
    write_lines(log.path, raw)
    result = verify_log(log.path)
    assert not result.ok and result.line == 3 and "line 3: the line was changed" in result.problem


def test_resealed_edit_shows_at_the_next_line(log: AuditLog) -> None:
    from app.audit.chain import seal

    raw = lines(log.path)
    body = json.loads(raw[1])
    del body["h"]
    body["completion_tokens"] = 1
    raw[1] = seal(body)  # a forger who recomputes the line's own hash still breaks the chain
    write_lines(log.path, raw)
    result = verify_log(log.path)
    assert not result.ok and result.line == 3 and "does not follow the line before it" in result.problem


def test_deleted_line_is_found(log: AuditLog) -> None:
    raw = lines(log.path)
    del raw[3]
    write_lines(log.path, raw)
    result = verify_log(log.path)
    assert not result.ok and result.line == 4


def test_reordered_lines_are_found(log: AuditLog) -> None:
    raw = lines(log.path)
    raw[4], raw[5] = raw[5], raw[4]
    write_lines(log.path, raw)
    result = verify_log(log.path)
    assert not result.ok and result.line == 5


def test_garbage_line(log: AuditLog) -> None:
    with log.path.open("ab") as fh:
        fh.write(b"not json\n")
    result = verify_log(log.path.parent)
    assert not result.ok and result.line == 8 and "not a valid audit record" in result.problem


def test_torn_tail_from_a_crash_is_cut_before_the_next_record(log: AuditLog) -> None:
    with log.path.open("ab") as fh:
        fh.write(b'{"v":1,"seq":8,"time":"2026')  # a crash mid-write: never acknowledged
    assert not verify_log(log.path).ok
    log.record(ModelLoaded("m2"))
    result = verify_log(log.path)
    assert result.ok and result.records == 8


def test_rotation_continues_the_chain(tmp_path: Path) -> None:
    audit = AuditLog(tmp_path / "audit", max_bytes=4096, user="bob", host="h")
    for i in range(60):
        audit.record(TurnDone("model", H, prompt_tokens=i, completion_tokens=i))
    files = series(audit.path)
    assert len(files) >= 4 and files[-1] == audit.path and files[0].name == "audit.000001.jsonl"
    assert all(p.stat().st_size <= 4096 for p in files)
    assert json.loads(lines(files[1])[0])["prev"] == sha256_hex(lines(files[0])[-1])
    result = verify_log(tmp_path / "audit")
    assert result.ok and result.records == 60 and len(result.files) == len(files)
    assert verify_log(files[1]).ok  # a rotated file's path verifies its whole series
    files[1].unlink()
    broken = verify_log(audit.path)
    assert not broken.ok and broken.file == files[2] and broken.line == 1


def _writer(folder: str, worker: int) -> None:
    audit = AuditLog(Path(folder), max_bytes=8192, user=f"w{worker}", host="h")
    for i in range(40):
        audit.record(TurnDone("model", prompt_tokens=i))


def test_concurrent_writers_keep_one_chain(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path / "audit"), w)) for w in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    result = verify_log(tmp_path / "audit")
    assert result.ok and result.records == 120


def test_full_disk_stops_the_action_and_keeps_the_log_intact(small_disk: Path) -> None:
    audit = AuditLog(small_disk / "audit", user="carol", host="h")
    audit.record(ModelLoaded("m", H))
    before = audit.path.read_bytes()
    ballast = fill(small_disk)
    with pytest.raises(AuditWriteError) as info:
        for _ in range(50):  # the page already allocated may take a few lines first
            audit.record(TurnDone("m", H, prompt_tokens=1, completion_tokens=2))
    message = str(info.value)
    assert "cannot be written" in message and "No space left" in message and "\n" not in message
    assert audit.path.read_bytes().startswith(before)
    assert verify_log(audit.path).ok  # no half line was left behind
    kept = verify_log(audit.path).records
    os.unlink(ballast)
    audit.record(Deleted(older_than_days=1))
    result = verify_log(audit.path)
    assert result.ok and result.records == kept + 1


def test_unwritable_folder_is_an_audit_write_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    with pytest.raises(AuditWriteError, match="cannot be written"):
        AuditLog(blocker / "audit").record(ModelLoaded("m"))
