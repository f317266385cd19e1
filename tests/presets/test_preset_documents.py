"""A task preset's reference documents (issue 17 §1): attached to every turn made with the preset,
through the attachments' path (the parsing process, ``documents.max_file_mb``, whole text or the
best passages, numbered sources after the user's own attachments); a missing file is one line and
the turn goes on; documents off by policy leave them out (said once); the text is cached per
(path, size, mtime). Real DOCX/TXT files, the real parsing child, ``ask`` as a CLI child with a
scripted GGUF model."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import cli_child
import pytest
from docx_files import write_docx

from app.documents.model import ExtractLimits
from app.documents.references import CACHE, DocumentCache, References, read_references
from app.documents.retrieval_turn import DocumentsRefused, turn_documents
from app.presets import load_presets, preset_references
from app.presets.collection import BUILTIN_FILE
from app.presets.loader import read_presets_file
from app.settings.store import SettingsStore
from engine.diagnostic import Script

RULE = "Overtime claims must reach the finance section within thirty days of the work."
STYLE = "Address the citizen as Mr or Ms and sign off with the officer's post title."
ANSWER = Script(reasoning="Reading.", answer="Claims are due within thirty days [1].")


def write_json(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def it_preset(*documents: str) -> dict[str, Any]:
    return {"id": "overtime", "name": {"en": "Overtime", "zh_HK": "超時工作", "zh_CN": "加班"},
            "system_prompt": "Answer from the rules.", "documents": list(documents)}


@pytest.fixture
def references(_isolated_admin_dir: Path) -> Path:
    """IT's presets.json with a DOCX (relative to the file) and a TXT reference document."""
    folder = _isolated_admin_dir / "refs"
    folder.mkdir(parents=True)
    write_docx(folder / "rules.docx", "Leave is applied for in advance.", RULE)
    (folder / "style.txt").write_text(STYLE + "\n", encoding="utf-8")
    write_json(_isolated_admin_dir / "presets.json", {"presets": [it_preset("refs/rules.docx", "refs/style.txt")]})
    CACHE.clear()
    return folder


def _turn(settings: Any, question: str, refs: Any, *, budget: int = 4000, attach: tuple[str, ...] = (),
          warned: list[str] | None = None) -> Any:
    return turn_documents(settings, question, list(attach), False, budget_tokens=budget, references=refs,
                          warn=(warned if warned is not None else []).append)


def test_builtin_presets_have_no_reference_documents() -> None:
    presets, problems = read_presets_file(BUILTIN_FILE, "builtin")
    assert problems == [] and presets and all(p.documents == () for p in presets)
    assert all(preset_references(p) is None for p in presets)


def test_the_references_join_every_turn_after_the_users_attachments(references: Path, tmp_path: Path) -> None:
    settings = SettingsStore()
    preset = load_presets(settings).find("overtime")
    refs = preset_references(preset, "zh_HK")
    assert refs == References("超時工作", (str(references / "rules.docx"), str(references / "style.txt")))
    mine = write_docx(tmp_path / "memo.docx", "My own memo about the roster.")
    context = _turn(settings, "When are overtime claims due?", refs, attach=(str(mine),))
    assert [(Path(s.file).name, s.page) for s in context.sources] == [
        ("memo.docx", 1), ("rules.docx", 1), ("style.txt", 1)]
    assert RULE in context.block and STYLE in context.block and context.block.index("[2] rules.docx") > 0
    assert [(a.name, a.whole) for a in context.attachments] == [
        ("memo.docx", True), ("rules.docx", True), ("style.txt", True)]
    alone = _turn(settings, "When are overtime claims due?", refs)  # no attachment of the user's: still there
    assert [Path(s.file).name for s in alone.sources] == ["rules.docx", "style.txt"]


def test_too_long_for_the_budget_gives_the_best_passages(references: Path) -> None:
    filler = [f"Section {i}: the office is cleaned on weekday {i % 5} by the contractor team." for i in range(150)]
    write_docx(references / "rules.docx", *filler[:70], RULE, *filler[70:])
    refs = preset_references(load_presets(SettingsStore()).find("overtime"))
    context = _turn(SettingsStore(), "overtime claims finance", refs, budget=300)
    assert context.notice.startswith("The attached documents are longer than the model's context")
    assert any(RULE in s.text for s in context.sources) and len(context.sources) < 150
    assert not context.attachments[0].whole


def test_a_missing_reference_is_one_line_and_the_turn_goes_on(references: Path) -> None:
    (references / "style.txt").unlink()
    settings = SettingsStore()
    warned: list[str] = []
    context = _turn(settings, "question", preset_references(load_presets(settings).find("overtime")), warned=warned)
    assert warned == ["Task \u201cOvertime\u201d: the reference document style.txt was not used: "
                      "The file no longer exists."]
    assert [Path(s.file).name for s in context.sources] == ["rules.docx"]
    (references / "rules.docx").unlink()
    warned.clear()
    assert _turn(settings, "question", preset_references(load_presets(settings).find("overtime")),
                 warned=warned) is None  # nothing to add: the question goes alone
    assert len(warned) == 2 and all("\n" not in w for w in warned)
    from app import i18n

    i18n.switch_language("zh_HK")
    warned.clear()
    _turn(settings, "question", preset_references(load_presets(settings).find("overtime"), "zh_HK"), warned=warned)
    assert warned[0].startswith("工作範本「超時工作」：未有使用參考文件 rules.docx：")


def test_the_size_policy_applies_to_references(references: Path, _isolated_admin_dir: Path) -> None:
    (references / "style.txt").write_bytes(b"x" * (1024 * 1024 + 10))
    write_json(_isolated_admin_dir / "policies" / "50.json", {"documents.max_file_mb": 1})
    settings = SettingsStore()
    warned: list[str] = []
    context = _turn(settings, "q", preset_references(load_presets(settings).find("overtime")), warned=warned)
    assert [Path(s.file).name for s in context.sources] == ["rules.docx"]
    assert warned == ["Task \u201cOvertime\u201d: the reference document style.txt was not used: "
                      "The file is larger than the 1 MB limit for documents."]


def test_documents_off_by_policy_leave_them_out_and_say_so_once(references: Path, _isolated_admin_dir: Path) -> None:
    write_json(_isolated_admin_dir / "policies" / "50.json", {"documents.enabled": False})
    settings = SettingsStore()
    preset = load_presets(settings).find("overtime")
    warned: list[str] = []
    for _ in range(2):
        assert _turn(settings, "q", preset_references(preset), warned=warned) is None
    assert warned == ["Documents are turned off by your organisation's policy, so the reference documents of "
                      "\u201cOvertime\u201d are not used."]
    with pytest.raises(DocumentsRefused):  # the user's own attachments are still refused, as before
        _turn(settings, "q", preset_references(preset), attach=(str(references / "style.txt"),))


def test_the_text_is_cached_per_path_size_and_mtime(references: Path) -> None:
    cache = DocumentCache(max_entries=2)
    refs = References("Overtime", (str(references / "rules.docx"), str(references / "style.txt")))
    limits = ExtractLimits()
    first = read_references(refs, limits, print, cache)
    assert (cache.misses, cache.hits, len(cache)) == (2, 0, 2)
    again = read_references(refs, limits, print, cache)
    assert (cache.misses, cache.hits) == (2, 2) and [d for _p, d in again] == [d for _p, d in first]
    style = references / "style.txt"
    style.write_text("Sign with the post title only.\n", encoding="utf-8")
    os.utime(style, ns=(style.stat().st_atime_ns, style.stat().st_mtime_ns + 5_000_000_000))
    changed = read_references(refs, limits, print, cache)
    assert changed[1][1].text.strip() == "Sign with the post title only." and cache.misses == 3
    other = write_docx(references / "other.docx", "Another rule.")
    read_references(References("x", (str(other),)), limits, print, cache)
    assert len(cache) == 2  # bounded: the least recently used went


# -- ask --preset ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def answer_model(scripted_model_factory: Any) -> Path:
    return Path(scripted_model_factory(script=ANSWER))


def _ask(model: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cli_child.command("ask", "-m", str(model), "--no-history", *extra),
                          env=cli_child.child_env(), capture_output=True, text=True, timeout=300)
    assert cli_child.BLOCKED not in proc.stderr
    assert proc.returncode == 0, proc.stderr
    return proc


def test_ask_preset_json_shows_the_reference_passage_in_sources(answer_model: Path, references: Path,
                                                                 tmp_path: Path) -> None:
    question = "When must overtime claims reach the finance section?"
    out = json.loads(_ask(answer_model, "--json", "--preset", "overtime", question).stdout)
    assert out["content"] == ANSWER.answer
    assert [(Path(s["file"]).name, s["page"]) for s in out["sources"]] == [("rules.docx", 1), ("style.txt", 1)]
    assert RULE in out["sources"][0]["text"] and out["sources"][0]["file"] == str(references / "rules.docx")
    plain = json.loads(_ask(answer_model, "--json", question).stdout)
    assert plain["sources"] == [] and out["usage"]["prompt_tokens"] > plain["usage"]["prompt_tokens"] + 20
    mine = write_docx(tmp_path / "memo.docx", "My memo.")
    both = json.loads(_ask(answer_model, "--json", "--preset", "overtime", "--attach", str(mine), question).stdout)
    assert [Path(s["file"]).name for s in both["sources"]] == ["memo.docx", "rules.docx", "style.txt"]


def test_ask_preset_with_a_missing_reference_says_one_line_and_answers(answer_model: Path, references: Path) -> None:
    (references / "rules.docx").unlink()
    proc = _ask(answer_model, "--json", "--preset", "overtime", "When are claims due?")
    out = json.loads(proc.stdout)
    lines = [line for line in proc.stderr.splitlines() if "rules.docx" in line]
    assert lines == ["bauhinia: Task \u201cOvertime\u201d: the reference document rules.docx was not used: "
                     "The file no longer exists."]
    assert "Traceback" not in proc.stderr and out["content"] == ANSWER.answer
    assert [Path(s["file"]).name for s in out["sources"]] == ["style.txt"]
