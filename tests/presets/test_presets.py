"""Presets (issue 17 part 1): the shipped file, IT's presets.json under the admin-file rules, the
user's own under policy, one-line translated errors that agree with the JSON schema, the request
rules (below a locked prompt, locked sampling and reply language win), and ``ask --preset`` in a
real child process with a scripted model."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import cli_child
import jsonschema
import pytest
from keyring_backend import MemoryKeyring

from app.chat.request import build_request
from app.cli.main import main
from app.paths import user_paths
from app.presets import load_presets, read_presets_file
from app.presets.collection import BUILTIN_FILE
from app.presets.model import LANGUAGES
from app.settings.store import SettingsStore
from engine.diagnostic import Script

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "packaging" / "policy" / "presets.schema.json").read_text(encoding="utf-8"))
BUILTIN_IDS = ["reply-citizen-letter", "translate-en-zh-hk", "translate-zh-en", "summarise", "minutes-from-notes"]
IT_PRESET = {"id": "it-brief", "name": {"en": "Brief", "zh_HK": "簡報", "zh_CN": "简报"},
             "system_prompt": {"en": "IT brief prompt.", "zh_HK": "資訊科技簡報提示。"},
             "sampling": {"temperature": 0.2, "max_tokens": 300, "seed": 7}, "reply_language": "zh_HK"}


def write_json(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def policy(admin: Path, values: dict[str, object]) -> None:
    write_json(admin / "policies" / "60-presets.json", values)


def test_builtin_presets_are_valid_complete_and_in_three_languages() -> None:
    doc = json.loads(BUILTIN_FILE.read_text(encoding="utf-8"))
    jsonschema.validate(doc, SCHEMA)
    presets, problems = read_presets_file(BUILTIN_FILE, "builtin")
    assert problems == [] and [p.id for p in presets] == BUILTIN_IDS
    for p in presets:
        for lang in LANGUAGES:
            assert p.name.get(lang) and p.description.get(lang) and p.system_prompt.get(lang), (p.id, lang)
        assert p.name["zh_HK"] != p.name["en"] and not p.locked
    letter = next(p for p in presets if p.id == "reply-citizen-letter")
    assert letter.reply_language == "zh_HK" and "閣下" in letter.prompt("zh_HK") and "本署" in letter.prompt("en")
    assert next(p for p in presets if p.id == "translate-zh-en").reply_language == "en"


def test_the_pyinstaller_spec_bundles_the_builtin_presets() -> None:
    spec = (ROOT / "packaging" / "pyinstaller" / "bauhinia.spec").read_text(encoding="utf-8")
    assert '"presets")' in spec and BUILTIN_FILE.relative_to(ROOT).as_posix() == "resources/presets/builtin.json"


BAD = [
    ({"id": "Bad Id", "name": "x", "system_prompt": "y"}, "'id' must be"),
    ({"id": "a", "name": "x", "system_prompt": "y", "colour": "red"}, "unknown field 'colour'"),
    ({"id": "a", "name": "x", "system_prompt": "y", "sampling": {"temperature": 9}}, "'sampling.temperature' must be"),
    ({"id": "a", "name": "x", "system_prompt": "y", "sampling": {"top_k": 1.5}}, "'sampling.top_k' must be"),
    ({"id": "a", "name": "x", "system_prompt": "y", "sampling": {"warmth": 1}}, "unknown setting 'warmth'"),
    ({"id": "a", "name": "x", "system_prompt": "y", "reply_language": "fr"}, "'reply_language' must be one of"),
    ({"id": "a", "name": {"zh_HK": "甲"}, "system_prompt": "y"}, "'name' needs an English (en) text"),
    ({"id": "a", "name": {"en": "x", "fr": "y"}, "system_prompt": "y"}, "unknown language 'fr'"),
    ({"id": "a", "name": "x"}, "'system_prompt' must be"),
]


@pytest.mark.parametrize(("preset", "message"), BAD)
def test_a_bad_preset_is_skipped_with_one_line_and_the_schema_agrees(tmp_path: Path, preset: dict[str, Any],
                                                                     message: str) -> None:
    good = {"id": "good", "name": "Good", "system_prompt": "ok"}
    path = write_json(tmp_path / "presets.json", {"version": 1, "presets": [preset, good]})
    presets, problems = read_presets_file(path, "it")
    assert [p.id for p in presets] == ["good"]
    assert len(problems) == 1 and message in problems[0] and "\n" not in problems[0]
    assert problems[0].startswith("Presets presets.json, preset ")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": 1, "presets": [preset]}, SCHEMA)
    jsonschema.validate({"version": 1, "presets": [good]}, SCHEMA)


def test_a_broken_file_is_one_line_and_keeps_the_builtins(_isolated_admin_dir: Path) -> None:
    (_isolated_admin_dir).mkdir(parents=True, exist_ok=True)
    (_isolated_admin_dir / "presets.json").write_text('{"presets": [', encoding="utf-8")
    found = load_presets(SettingsStore())
    assert [p.id for p in found.presets] == BUILTIN_IDS
    assert len(found.problems) == 1 and "not valid UTF-8 JSON (line 1)" in found.problems[0]


def test_problem_lines_are_translated(tmp_path: Path) -> None:
    from app.i18n import switch_language

    path = write_json(tmp_path / "presets.json", {"presets": [{"id": "a", "name": "x", "system_prompt": "y",
                                                              "reply_language": "fr"}]})
    switch_language("zh_HK")
    (line,) = read_presets_file(path, "it")[1]
    assert line.startswith("工作範本 presets.json") and "reply_language" in line
    switch_language("zh_CN")
    (line,) = read_presets_file(path, "it")[1]
    assert line.startswith("工作模板 presets.json")


def test_it_presets_are_locked_replace_builtins_and_must_be_admin_owned(_isolated_admin_dir: Path) -> None:
    replaced = {"id": "summarise", "name": "Department summary", "system_prompt": "Summarise per circular 3/2026."}
    path = write_json(_isolated_admin_dir / "presets.json", {"version": 1, "presets": [IT_PRESET, replaced]})
    found = load_presets(SettingsStore())
    assert found.problems == [] and found.it_path == path
    summary = found.find("summarise")
    brief = found.find("it-brief")
    assert summary is not None and summary.source == "it" and summary.locked
    assert summary.prompt("zh_HK") == "Summarise per circular 3/2026."
    assert brief is not None and brief.locked and brief.title("zh_CN") == "简报"
    os.chmod(path, 0o666)  # anyone may change it: it is not IT's word any more
    found = load_presets(SettingsStore())
    assert found.find("it-brief") is None and found.find("summarise").source == "builtin"  # type: ignore[union-attr]
    assert len(found.problems) == 1 and "refused" in found.problems[0]


def test_presets_path_setting_moves_the_it_file(_isolated_admin_dir: Path, tmp_path: Path) -> None:
    elsewhere = write_json(tmp_path / "share" / "tasks.json", {"presets": [IT_PRESET]})
    policy(_isolated_admin_dir, {"presets.path": str(elsewhere)})
    settings = SettingsStore()
    assert settings.is_locked("presets.path")
    found = load_presets(settings)
    assert found.it_path == elsewhere and found.find("it-brief") is not None


def test_user_presets_follow_policy(_isolated_admin_dir: Path) -> None:
    mine = {"id": "mine", "name": "Mine", "system_prompt": "My prompt."}
    clash = {"id": "summarise", "name": "Mine too", "system_prompt": "x"}
    write_json(user_paths().data / "presets.json", {"presets": [mine, clash]})
    found = load_presets(SettingsStore())
    assert found.find("mine") is not None and found.find("mine").source == "user"  # type: ignore[union-attr]
    assert found.find("summarise").source == "builtin"  # type: ignore[union-attr]
    assert any("summarise" in p and "already used" in p for p in found.problems)
    policy(_isolated_admin_dir, {"presets.user_allowed": False})
    settings = SettingsStore()
    found = load_presets(settings)
    assert found.find("mine") is None and not found.user_allowed and settings.is_locked("presets.user_allowed")


def test_presets_list_cli(_isolated_admin_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_json(_isolated_admin_dir / "presets.json", {"presets": [IT_PRESET]})
    assert main(["presets", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [p["id"] for p in listed["presets"]] == [*BUILTIN_IDS, "it-brief"]
    assert listed["presets"][-1]["locked"] is True and listed["problems"] == []
    assert main(["presets", "list"]) == 0
    out = capsys.readouterr().out
    assert "reply-citizen-letter" in out and "Reply to a citizen's letter" in out and "IT (locked)" in out


def request_with(preset_id: str, **kwargs: Any) -> Any:
    settings = SettingsStore()
    preset = load_presets(settings).find(preset_id)
    return build_request(settings, "text", ui_language="en", preset=preset, **kwargs)


def test_request_uses_the_preset_prompt_sampling_and_reply_language(_isolated_admin_dir: Path) -> None:
    write_json(_isolated_admin_dir / "presets.json", {"presets": [IT_PRESET]})
    req = request_with("it-brief")
    assert req.catalogue_prompt == "資訊科技簡報提示。" and req.reply_language == "zh_HK"
    assert (req.params.temperature, req.params.max_tokens, req.params.seed) == (0.2, 300, 7)
    assert request_with("it-brief", seed=3, max_tokens=50).params.seed == 3  # the command line beats the preset
    assert request_with("translate-zh-en").catalogue_prompt.startswith("You are a translator")
    plain = build_request(SettingsStore(), "text", ui_language="en")
    assert plain.catalogue_prompt == "" and plain.params.temperature == 0.6


def test_policy_beats_the_preset(_isolated_admin_dir: Path) -> None:
    from app.chat.request import system_prompt_for

    write_json(_isolated_admin_dir / "presets.json", {"presets": [IT_PRESET]})
    policy(_isolated_admin_dir, {"chat.system_prompt": "Locked by policy.", "sampling.temperature": 0.9,
                                 "reply.language": "en"})
    req = request_with("it-brief")
    assert system_prompt_for(req, None) == "Locked by policy."
    assert req.params.temperature == 0.9 and req.params.max_tokens == 300  # only the locked one stays
    assert req.reply_language == "en" and req.catalogue_prompt == "IT brief prompt."


@pytest.fixture(scope="module")
def scripted(scripted_model_factory: Any) -> Path:
    return Path(scripted_model_factory(script=Script(reasoning="想一想。", answer="特首今日會見傳媒。")))


def test_ask_preset_uses_its_glossary_and_reply_language(scripted: Path, _isolated_admin_dir: Path,
                                                         memory_keyring: MemoryKeyring) -> None:
    glossary = "en,zh_HK,zh_CN\nChief Executive,行政長官,行政长官\n"
    (_isolated_admin_dir).mkdir(parents=True, exist_ok=True)
    (_isolated_admin_dir / "titles.csv").write_text(glossary, encoding="utf-8")
    write_json(_isolated_admin_dir / "presets.json", {"presets": [{**IT_PRESET, "glossary": "titles.csv"}]})
    prompt = "Translate: The Chief Executive met the press today."
    proc = subprocess.run(cli_child.command("ask", "-m", str(scripted), "--no-history", "--json",
                                            "--preset", "it-brief", prompt),
                          env=cli_child.child_env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["terms"] == [{"term": "Chief Executive", "expected": "行政長官", "found": False}]
    proc = subprocess.run(cli_child.command("ask", "-m", str(scripted), "--no-history", "--preset", "nope", prompt),
                          env=cli_child.child_env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0 and "No preset 'nope'" in proc.stderr and proc.stderr.count("\n") == 1


def test_the_window_request_carries_the_preset_glossary(_isolated_admin_dir: Path) -> None:
    """The window's engine worker builds the turn's glossary from the request (app/ui/tasks.py)."""
    from app.presets import glossary_for_turn

    _isolated_admin_dir.mkdir(parents=True, exist_ok=True)
    (_isolated_admin_dir / "titles.csv").write_text("en,zh_HK,zh_CN\nChief Executive,行政長官,行政长官\n",
                                                    encoding="utf-8")
    write_json(_isolated_admin_dir / "presets.json", {"presets": [{**IT_PRESET, "glossary": "titles.csv"}]})
    req = request_with("it-brief")
    assert req.preset_glossary == str(_isolated_admin_dir / "titles.csv")
    glossary, warning = glossary_for_turn(SettingsStore(), req.preset_glossary)
    assert warning == "" and glossary is not None
    assert [m.expected for m in glossary.match("The Chief Executive spoke.", "en", "zh_HK")] == ["行政長官"]
    assert request_with("summarise").preset_glossary == ""
    assert glossary_for_turn(SettingsStore(), "")[0] is None  # no preset glossary, none configured
    broken, warning = glossary_for_turn(SettingsStore(), str(_isolated_admin_dir / "missing.csv"))
    assert broken is None and warning.startswith("The preset's glossary was not used for this reply:")
