"""`bauhinia policy show` and `bauhinia models list/inspect/import/verify`, run in-process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import app.cli.main as cli_main
from app.paths import user_paths
from app.settings import sources
from tests.app.catalogue_helpers import make_gguf, sha256_of, write_catalogue
from tests.app.settings_helpers import write_json


@pytest.fixture
def etc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary /etc/bauhinia; only this suite's command modules are registered."""
    folder = tmp_path / "etc-bauhinia"
    folder.mkdir()
    monkeypatch.setattr(sources, "admin_config_dir", lambda: folder)
    monkeypatch.setattr(cli_main, "COMMAND_MODULES", ("app.cli.policy_cmds", "app.cli.models_cmds"))
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli_main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return json.loads(out)


def test_policy_show_json_reports_value_source_and_lock(etc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_json(etc / "policies" / "10-it.json", {"remote.allowed": False, "ui.theme": "dark"})
    write_json(etc / "config.json", {"ui.font_size": 13})
    write_json(user_paths().config / "settings.json", {"ui.theme": "light", "sampling.top_k": 10})
    data = run_json(capsys, "policy", "show", "--json")
    rows = {r["key"]: r for r in data["settings"]}
    assert (rows["ui.theme"]["value"], rows["ui.theme"]["source"], rows["ui.theme"]["locked"]) == (
        "dark", "policy", True)
    assert (rows["ui.font_size"]["value"], rows["ui.font_size"]["source"]) == (13, "site")
    assert (rows["sampling.top_k"]["value"], rows["sampling.top_k"]["source"]) == (10, "user")
    assert rows["sampling.top_p"]["source"] == "default" and not rows["sampling.top_p"]["locked"]
    assert data["problems"] == [] and data["locations"]["policy"] == str(etc / "policies" / "*.json")


def test_policy_show_human_and_fail_closed(etc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (etc / "policies").mkdir()
    (etc / "policies" / "broken.json").write_text("{oops")
    code, out, err = run(capsys, "policy", "show")
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("remote.allowed "))
    assert "false" in line and "policy" in line and "locked (fail-closed)" in line
    assert "broken.json" in err and "malformed policy" in err


def _catalogue(etc: Path, tmp_path: Path) -> Path:
    model = make_gguf(etc / "models" / "r1.gguf", "R1 tiny")
    write_catalogue(etc / "models.json", [{
        "id": "r1", "file": "models/r1.gguf", "sha256": sha256_of(model), "default": True,
        "display_name": {"en": "DeepSeek R1 (tiny)", "zh_HK": "深度求索 R1（細）", "zh_CN": "深度求索 R1（小）"}}])
    return model


def test_models_list_verify_and_languages(etc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         memory_keyring: object) -> None:
    """The verification cache persists between commands (its MAC key is in the keyring)."""
    model = _catalogue(etc, tmp_path)
    write_json(user_paths().config / "settings.json", {"ui.language": "zh_HK"})
    listed = run_json(capsys, "models", "list", "--json")
    first = listed["models"][0]
    assert (first["id"], first["display_name"], first["source"], first["verification"]) == (
        "r1", "深度求索 R1（細）", "catalogue", "unverified")
    assert first["path"] == str(model)
    verified = run_json(capsys, "models", "verify", "--json")
    assert verified["ok"] and verified["results"][0]["state"] == "verified"
    assert run_json(capsys, "models", "list", "--json")["models"][0]["verification"] == "verified"
    code, out, _ = run(capsys, "models", "list")
    assert code == 0 and "r1 *" in out and "verified" in out
    make_gguf(model, "Swapped", rows=9)
    code, out, err = run(capsys, "models", "verify", "r1")
    assert code == 1 and "mismatch" in out
    # The user chose zh_HK, so the CLI answers in HK Chinese (one line on stderr).
    assert err.count("\n") == 1 and "r1 (mismatch)" in err and "核實" in err
    code, _, err = run(capsys, "models", "verify", "nope")
    assert code == 1 and "nope" in err and err.count("\n") == 1


def test_models_inspect(etc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = make_gguf(tmp_path / "x.gguf", "Inspect me")
    data = run_json(capsys, "models", "inspect", str(model), "--json", "--hash")
    assert data["architecture"] == "llama" and data["name"] == "Inspect me"
    assert data["file_size"] == model.stat().st_size and data["sha256"] == sha256_of(model)
    assert {"parameters", "quantization", "context_length", "has_chat_template"} <= set(data)
    code, out, _ = run(capsys, "models", "inspect", str(model))
    assert code == 0 and "architecture" in out and "sha256" not in out
    junk = tmp_path / "junk.gguf"
    junk.write_bytes(b"not a model at all")
    code, out, err = run(capsys, "models", "inspect", str(junk))
    assert code == 1 and out == "" and err.startswith("bauhinia: ") and err.count("\n") == 1


def test_models_import_then_list_and_policy_refusal(etc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    memory_keyring: object) -> None:
    _catalogue(etc, tmp_path)
    src = make_gguf(tmp_path / "mine.gguf", "Mine", rows=5)
    imported = run_json(capsys, "models", "import", str(src), "--name", "My model", "--json")
    assert imported["id"] == "mine" and imported["copied"] and imported["sha256"] == sha256_of(src)
    listed = {m["id"]: m for m in run_json(capsys, "models", "list", "--json")["models"]}
    assert listed["mine"]["source"] == "user" and listed["mine"]["verification"] == "verified"
    assert listed["mine"]["display_name"] == "My model"
    write_json(etc / "policies" / "p.json", {"models.user_import_allowed": False})
    code, _, err = run(capsys, "models", "import", str(src))
    assert code == 1 and "does not allow importing models" in err
    listed = run_json(capsys, "models", "list", "--json")
    assert [m["id"] for m in listed["models"]] == ["r1"] and listed["user_imports_allowed"] is False
