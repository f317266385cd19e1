"""`bauhinia audit verify`, the audit settings under policy, and the history CLI writing its records
first (a real store, a real policy file, a real full tmpfs)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from keyring_backend import MemoryKeyring

from app.audit import AuditLog, ModelLoaded, audit_log, verify_log
from app.cli.main import main
from app.paths import user_paths
from app.settings.store import SettingsError, SettingsStore
from app.store import HistoryStore
from tests.audit.audit_helpers import fill


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def policy(admin: Path, values: dict[str, object]) -> None:
    (admin / "policies").mkdir(parents=True, exist_ok=True)
    (admin / "policies" / "60-audit.json").write_text(json.dumps(values), encoding="utf-8")


def records(folder: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (folder / "audit.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def seeded(memory_keyring: MemoryKeyring) -> str:
    with HistoryStore.open(user_paths()) as store:
        conv = store.new_conversation(model="tiny")
        store.add_message(conv.id, "user", "secret question about 房屋政策")
        store.add_message(conv.id, "assistant", "secret answer")
        return conv.id


def test_verify_command_exit_status_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "log"
    audit = AuditLog(folder)
    for i in range(3):
        audit.record(ModelLoaded(f"model-{i}"))
    code, out, _ = run(capsys, "audit", "verify", str(folder))
    assert code == 0 and "intact: 3 record(s) in 1 file(s)" in out
    raw = (folder / "audit.jsonl").read_bytes().splitlines()
    (folder / "audit.jsonl").write_bytes(raw[0] + b"\n" + raw[2] + b"\n")
    code, _, err = run(capsys, "audit", "verify", str(folder / "audit.jsonl"))
    assert code == 1 and err.startswith("bauhinia: audit.jsonl, line 2: ") and err.count("\n") == 1
    code, out, _ = run(capsys, "audit", "verify", str(folder), "--json")
    assert code == 1 and json.loads(out)["line"] == 2 and json.loads(out)["ok"] is False
    code, _, err = run(capsys, "audit", "verify", str(tmp_path / "none"))
    assert code == 1 and "There is no audit log" in err


def test_policy_turns_it_on_and_the_user_cannot_turn_it_off(_isolated_admin_dir: Path, tmp_path: Path) -> None:
    assert not audit_log().enabled  # off by default: nothing is written
    policy(_isolated_admin_dir, {"audit.enabled": True, "audit.path": str(tmp_path / "audit")})
    settings = SettingsStore()
    assert settings.get("audit.enabled") is True and settings.is_locked("audit.enabled")
    with pytest.raises(SettingsError):
        settings.set("audit.enabled", False)
    user_file = user_paths().config / "settings.json"
    user_file.parent.mkdir(parents=True, exist_ok=True)
    user_file.write_text(json.dumps({"audit.enabled": False}), encoding="utf-8")  # edited by hand
    assert SettingsStore().get("audit.enabled") is True
    log = audit_log()
    assert log.enabled and isinstance(log, AuditLog) and log.path == tmp_path / "audit" / "audit.jsonl"


def test_history_actions_are_recorded_without_text(seeded: str, _isolated_admin_dir: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "audit"
    policy(_isolated_admin_dir, {"audit.enabled": True, "audit.path": str(folder)})
    out_file = tmp_path / "export.json"
    assert run(capsys, "history", "export", seeded, "--format", "json", "-o", str(out_file))[0] == 0
    assert run(capsys, "history", "import", str(out_file), "--json")[0] == 0
    assert run(capsys, "history", "purge", "--older-than", "0", "--json")[0] == 0
    logged = records(folder)
    assert [r["event"] for r in logged] == ["export", "import", "delete"]
    digest = hashlib.sha256(out_file.read_bytes()).hexdigest()
    assert logged[0]["file_sha256"] == digest and logged[0]["conversation_ids"] == [seeded]
    assert logged[1]["file_name"] == "export.json" and logged[1]["file_sha256"] == digest
    assert logged[2]["older_than_days"] == 0
    text = (folder / "audit.jsonl").read_text(encoding="utf-8")
    assert "secret" not in text and "房屋" not in text
    assert verify_log(folder).ok


def test_export_refused_by_policy_is_recorded(seeded: str, _isolated_admin_dir: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "audit"
    policy(_isolated_admin_dir, {"audit.enabled": True, "audit.path": str(folder),
                                 "history.export_allowed": False})
    code, _, _ = run(capsys, "history", "export", seeded, "--format", "md")
    assert code == 1
    assert [(r["event"], r["setting"]) for r in records(folder)] == [("policy_refusal", "history.export_allowed")]


def test_full_audit_disk_stops_the_export(seeded: str, _isolated_admin_dir: Path, small_disk: Path,
                                          tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = small_disk / "audit"
    policy(_isolated_admin_dir, {"audit.enabled": True, "audit.path": str(folder)})
    out_file = tmp_path / "export.md"
    assert run(capsys, "history", "export", seeded, "--format", "md", "-o", str(out_file))[0] == 0
    out_file.unlink()
    fill(small_disk)
    for _ in range(50):  # the log's last page may still take a record or two
        code, out, err = run(capsys, "history", "export", seeded, "--format", "md", "-o", str(out_file))
        if code != 0:
            break
        out_file.unlink()
    assert code == 1 and "audit log" in err and "action was stopped" in err and err.count("\n") == 1
    assert not out_file.exists()  # no export without its record
    assert verify_log(folder).ok
    code, out, _ = run(capsys, "history", "export", seeded, "--format", "md")
    assert code == 1 and out == ""  # not to standard output either
