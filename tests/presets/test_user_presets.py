"""The user's own presets (issue 17 §1): add, change, remove in the profile's presets.json, checked
by the same rules as IT's file (and valid against the shipped JSON schema), refused under policy
``presets.user_allowed`` off, never over IT's or the built-in ones; ``presets add/remove`` on the
command line; one translated line for every refusal and the file untouched by a refused change."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from app.cli.main import main
from app.paths import user_paths
from app.presets import PresetError, load_presets
from app.presets.user_store import edit_refusal, remove_user_preset, save_user_preset
from app.settings.store import SettingsStore

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "packaging" / "policy" / "presets.schema.json").read_text(encoding="utf-8"))
MINE = {"id": "my-memo", "name": {"en": "Memo", "zh_HK": "備忘"}, "system_prompt": {"en": "Write a memo."},
        "sampling": {"temperature": 0.3}, "reply_language": "zh_HK"}
IT_PRESET = {"id": "it-brief", "name": "Brief", "system_prompt": "IT brief prompt."}


def _file() -> Path:
    return user_paths().data / "presets.json"


def _write(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_add_change_and_remove_a_preset_in_the_profile() -> None:
    settings = SettingsStore()
    saved = save_user_preset(settings, MINE)
    assert saved.source == "user" and saved.sampling == {"temperature": 0.3}
    doc = json.loads(_file().read_text(encoding="utf-8"))
    jsonschema.validate(doc, SCHEMA)  # the file is what IT's presets.json may be
    assert stat.S_IMODE(_file().stat().st_mode) == 0o600
    found = load_presets(settings).find("my-memo")
    assert found is not None and found.title("zh_HK") == "備忘" and found.prompt("zh_CN") == "Write a memo."
    changed = dict(MINE, id="my-memo-2", system_prompt={"en": "Write a shorter memo."})
    save_user_preset(settings, changed, replaces="my-memo")
    presets = load_presets(settings)
    assert presets.find("my-memo") is None and presets.find("my-memo-2").prompt() == "Write a shorter memo."  # type: ignore[union-attr]
    with pytest.raises(PresetError, match="You already have a preset my-memo-2"):
        save_user_preset(settings, changed)
    remove_user_preset(settings, "my-memo-2")
    assert load_presets(settings).find("my-memo-2") is None
    assert json.loads(_file().read_text(encoding="utf-8")) == {"version": 1, "presets": []}


def test_it_and_builtin_presets_cannot_be_changed_removed_or_shadowed(_isolated_admin_dir: Path) -> None:
    _write(_isolated_admin_dir / "presets.json", {"presets": [IT_PRESET]})
    settings = SettingsStore()
    it = load_presets(settings).find("it-brief")
    assert it is not None and edit_refusal(it) == "Brief is managed by your organisation and cannot be changed."
    for call in (lambda: save_user_preset(settings, dict(IT_PRESET, name="Mine"), replaces="it-brief"),
                 lambda: remove_user_preset(settings, "it-brief")):
        with pytest.raises(PresetError, match="managed by your organisation"):
            call()
    with pytest.raises(PresetError, match="built in and cannot be changed; save a copy"):
        remove_user_preset(settings, "summarise")
    for taken in ("it-brief", "summarise"):
        with pytest.raises(PresetError, match=f"The id {taken} is already used"):
            save_user_preset(settings, dict(MINE, id=taken))
    assert not _file().exists()


def test_policy_off_refuses_every_change_and_leaves_the_file(_isolated_admin_dir: Path) -> None:
    save_user_preset(SettingsStore(), MINE)
    before = _file().read_bytes()
    _write(_isolated_admin_dir / "policies" / "60-presets.json", {"presets.user_allowed": False})
    settings = SettingsStore()
    for call in (lambda: save_user_preset(settings, dict(MINE, id="other")),
                 lambda: remove_user_preset(settings, "my-memo")):
        with pytest.raises(PresetError, match="Your organisation's policy does not allow your own presets"):
            call()
    assert _file().read_bytes() == before


@pytest.mark.parametrize(("change", "message"), [
    ({"sampling": {"temperature": 9}}, "'sampling.temperature' must be a number from 0.0 to 2.0"),
    ({"id": "Bad Id"}, "'id' must be"),
    ({"name": {"zh_HK": "甲"}}, "'name' needs an English (en) text"),
])
def test_an_invalid_preset_is_refused_by_the_files_own_rules(change: dict[str, Any], message: str) -> None:
    save_user_preset(SettingsStore(), MINE)
    before = _file().read_bytes()
    with pytest.raises(PresetError, match=re.escape(message)) as info:
        save_user_preset(SettingsStore(), dict(MINE, **change), replaces="my-memo")
    assert "\n" not in str(info.value)
    assert _file().read_bytes() == before
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": 1, "presets": [dict(MINE, **change)]}, SCHEMA)


def test_a_broken_user_file_is_not_overwritten_and_unknown_entries_are_kept() -> None:
    _file().parent.mkdir(parents=True, exist_ok=True)
    _file().write_text('{"presets": [', encoding="utf-8")
    with pytest.raises(PresetError, match="cannot be read, so it was not changed"):
        save_user_preset(SettingsStore(), MINE)
    assert _file().read_text(encoding="utf-8") == '{"presets": ['
    odd = {"id": "from-a-newer-version", "name": "x", "system_prompt": "y", "colour": "red"}
    _write(_file(), {"version": 1, "presets": [odd]})
    save_user_preset(SettingsStore(), MINE)
    assert json.loads(_file().read_text(encoding="utf-8"))["presets"][0] == odd


def test_presets_add_and_remove_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "mine.json"
    _write(source, MINE)
    assert main(["presets", "add", str(source)]) == 0
    assert capsys.readouterr().out.strip() == "Saved your preset my-memo."
    assert main(["presets", "add", str(source)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "You already have a preset my-memo" in err
    _write(source, {"presets": [dict(MINE, system_prompt="Changed."), dict(MINE, id="second")]})
    assert main(["presets", "add", "--replace", str(source)]) == 0
    assert capsys.readouterr().out.splitlines() == ["Saved your preset my-memo.", "Saved your preset second."]
    assert load_presets(SettingsStore()).find("my-memo").prompt() == "Changed."  # type: ignore[union-attr]
    assert main(["presets", "list", "--json"]) == 0
    listed = {p["id"]: p["source"] for p in json.loads(capsys.readouterr().out)["presets"]}
    assert listed["my-memo"] == listed["second"] == "user"
    assert main(["presets", "remove", "second"]) == 0 and "Removed your preset second." in capsys.readouterr().out
    assert main(["presets", "remove", "summarise"]) == 1
    assert "built in" in capsys.readouterr().err
    assert main(["presets", "add", str(tmp_path / "missing.json")]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_refusals_are_translated() -> None:
    from app.i18n import switch_language

    switch_language("zh_HK")
    with pytest.raises(PresetError) as info:
        remove_user_preset(SettingsStore(), "summarise")
    assert "built in" not in str(info.value) and "cannot" not in str(info.value)
