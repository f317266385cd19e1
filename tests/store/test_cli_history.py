"""`bauhinia history …` end to end, in-process (the keyring is the in-memory test backend)."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring

from app.cli.main import main
from app.paths import user_paths
from app.store import HistoryStore


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def seeded() -> str:
    with HistoryStore.open(user_paths()) as store:
        conv = store.new_conversation(model="tiny")
        store.add_message(conv.id, "user", "香港的房屋政策")
        store.add_message(conv.id, "assistant", "Public housing policy answer", reasoning="thinking here")
        return conv.id


def test_list_show_search(capsys: pytest.CaptureFixture[str], seeded: str) -> None:
    code, out, _ = _run(capsys, "history", "list", "--json")
    assert code == 0
    assert [c["id"] for c in json.loads(out)["conversations"]] == [seeded]
    code, out, _ = _run(capsys, "history", "list")
    assert code == 0 and seeded in out and "香港的房屋政策" in out
    code, out, _ = _run(capsys, "history", "show", seeded, "--json")
    shown = json.loads(out)
    assert [m["content"] for m in shown["messages"]] == ["香港的房屋政策", "Public housing policy answer"]
    code, out, _ = _run(capsys, "history", "show", seeded)
    assert "thinking here" in out
    code, out, _ = _run(capsys, "history", "search", "政策", "--json")
    results = json.loads(out)["results"]
    assert code == 0 and results[0]["conversation_id"] == seeded
    code, out, _ = _run(capsys, "history", "search", "政策")
    assert "[政策]" in out


def test_export_import_purge(capsys: pytest.CaptureFixture[str], seeded: str, tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    code, _, _ = _run(capsys, "history", "export", seeded, "--format", "json", "-o", str(target))
    assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["conversations"][0]["id"] == seeded
    code, out, _ = _run(capsys, "history", "export", seeded, "--format", "md")
    assert code == 0 and out.startswith("# 香港的房屋政策")
    code, out, _ = _run(capsys, "history", "import", str(target), "--json")
    assert code == 0 and len(json.loads(out)["imported"]) == 1
    code, out, _ = _run(capsys, "history", "purge", "--older-than", "0", "--json")
    assert code == 0 and json.loads(out) == {"deleted": 2}
    code, out, _ = _run(capsys, "history", "list", "--json")
    assert json.loads(out)["conversations"] == []


def test_errors_are_one_line(capsys: pytest.CaptureFixture[str], seeded: str, tmp_path: Path) -> None:
    code, _, err = _run(capsys, "history", "show", "01ARZ3NDEKTSV4RRFFQ69G5FAV")
    assert code == 1 and err.count("\n") == 1 and "No conversation" in err
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "bauhinia-history", "version": 1, "conversations": [{}]}', encoding="utf-8")
    code, _, err = _run(capsys, "history", "import", str(bad))
    assert code == 1 and "Nothing was imported" in err and err.count("\n") == 1
    for backup in (user_paths().data / "backups").glob("*"):
        backup.unlink()
    code, _, err = _run(capsys, "history", "restore")
    assert code == 1 and "no backup" in err


def test_no_keyring_follows_policy(capsys: pytest.CaptureFixture[str], _isolated_home: Path) -> None:
    keyring.set_keyring(FailKeyring())
    config = _isolated_home / "config"
    config.mkdir(parents=True, exist_ok=True)
    # Default fallback is "passphrase"; with no terminal there is no passphrase to ask for.
    code, _, err = _run(capsys, "history", "list")
    assert code == 1 and "passphrase" in err and "Traceback" not in err


def test_import_reads_utf16_and_bom_exports(capsys: pytest.CaptureFixture[str], seeded: str, tmp_path: Path) -> None:
    """The early "is this JSON?" check of the bounded reader still accepts every JSON encoding."""
    target = tmp_path / "export.json"
    assert main(["history", "export", seeded, "--format", "json", "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    for encoding in ("utf-8-sig", "utf-16", "utf-16-be", "utf-32"):
        other = tmp_path / f"export-{encoding}.json"
        other.write_bytes(text.encode(encoding))
        code, out, err = _run(capsys, "history", "import", str(other), "--json")
        assert code == 0 and len(json.loads(out)["imported"]) == 1, (encoding, err)
