"""File → Presets… (issue 17 §1): the user makes, changes and removes presets in the window; IT's
and the built-in ones are read-only with the reason (and can be copied); policy
``presets.user_allowed`` off makes the whole dialog read-only; a refused save keeps the form and
writes nothing; the task picker shows the new preset once the dialog closes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ui.helpers import screenshot

from app.paths import user_paths
from app.ui.preset_editor import PresetEditor

IT_PRESET = {"id": "it-brief", "name": {"en": "Brief", "zh_HK": "簡報"}, "system_prompt": "IT brief prompt."}


def _editor(qtbot: Any, settings: Any) -> PresetEditor:
    editor = PresetEditor(settings, user_paths(), confirm=lambda _t, _x: True)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _select(editor: PresetEditor, preset_id: str) -> None:
    editor.list.setCurrentRow([p.id for p in editor.presets].index(preset_id))


def _user_file() -> Path:
    return user_paths().data / "presets.json"


def test_copy_a_builtin_edit_it_and_delete_it(qtbot: Any, make_settings: Any) -> None:
    editor = _editor(qtbot, make_settings())
    _select(editor, "summarise")
    assert editor.id.isReadOnly() and not editor.save_button.isEnabled() and not editor.delete_button.isEnabled()
    assert "built in and cannot be changed" in editor.reason.text() and editor.reason.isVisible()
    editor.copy_button.click()
    assert editor.id.text() == "summarise-2" and not editor.id.isReadOnly() and editor.save_button.isEnabled()
    editor.texts["en"].name.setText("My summary")
    editor.texts["zh_HK"].prompt.setPlainText("請用三點摘要。")
    editor.sampling["temperature"].setText("0.2")
    editor.save_button.click()
    assert editor.error.text() == ""
    mine = editor.selected()
    assert mine is not None and mine.id == "summarise-2" and mine.source == "user"
    assert mine.prompt("zh_HK") == "請用三點摘要。" and mine.sampling["temperature"] == 0.2
    assert mine.prompt("en") == next(p for p in editor.presets if p.id == "summarise").prompt("en")  # copied
    assert editor.save_button.isEnabled() and editor.delete_button.isEnabled()  # its own: editable
    editor.texts["en"].prompt.setPlainText("Three bullet points.")
    editor.save_button.click()
    saved = json.loads(_user_file().read_text(encoding="utf-8"))["presets"]
    assert [p["id"] for p in saved] == ["summarise-2"] and saved[0]["system_prompt"]["en"] == "Three bullet points."
    screenshot(editor, "preset-editor")
    editor.delete_button.click()
    assert json.loads(_user_file().read_text(encoding="utf-8"))["presets"] == []
    assert "summarise-2" not in [p.id for p in editor.presets] and editor.changed


def test_an_it_preset_is_read_only_with_the_reason(qtbot: Any, make_settings: Any, admin_dir: Path) -> None:
    (admin_dir / "presets.json").write_text(json.dumps({"presets": [IT_PRESET]}), encoding="utf-8")
    editor = _editor(qtbot, make_settings())
    _select(editor, "it-brief")
    assert editor.reason.text() == "Brief is managed by your organisation and cannot be changed."
    assert editor.texts["en"].prompt.isReadOnly() and not editor.reply.isEnabled()
    assert not editor.save_button.isEnabled() and not editor.delete_button.isEnabled()
    assert editor.copy_button.isEnabled()


def test_policy_off_makes_the_dialog_read_only(qtbot: Any, make_settings: Any) -> None:
    editor = _editor(qtbot, make_settings(policy={"presets.user_allowed": False}))
    assert editor.policy_note.isVisible()
    assert editor.policy_note.text() == "Your organisation's policy does not allow your own presets."
    editor.new_button.click()
    assert editor.id.isReadOnly() and not editor.save_button.isEnabled() and not editor.copy_button.isEnabled()
    assert not _user_file().exists()


def test_a_refused_save_keeps_the_form_and_writes_nothing(qtbot: Any, make_settings: Any) -> None:
    editor = _editor(qtbot, make_settings())
    editor.new_button.click()
    editor.id.setText("memo")
    editor.texts["en"].name.setText("Memo")
    editor.texts["en"].prompt.setPlainText("Write a memo.")
    editor.sampling["temperature"].setText("hot")
    assert not editor.save()
    assert "'sampling.temperature' must be a number" in editor.error.text() and "\n" not in editor.error.text()
    assert editor.texts["en"].prompt.toPlainText() == "Write a memo." and not _user_file().exists()
    editor.sampling["temperature"].setText("")
    editor.id.setText("summarise")  # a built-in's id
    assert not editor.save() and "already used by a built-in or IT preset" in editor.error.text()
    editor.id.setText("memo")
    assert editor.save() and editor.selected().id == "memo"  # type: ignore[union-attr]


@pytest.mark.ui
def test_the_window_menu_opens_it_and_the_task_picker_follows(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    action = window.preset_editor_ui.action
    assert action in window.file_menu.actions() and action.text() == "&Presets…"
    action.trigger()
    editor = window.preset_editor_ui.dialog
    assert editor is not None and editor.isVisible()
    editor.new_button.click()
    editor.id.setText("memo")
    editor.texts["en"].name.setText("Memo")
    editor.texts["zh_HK"].name.setText("備忘錄")
    editor.texts["en"].prompt.setPlainText("Write a memo.")
    assert editor.save()
    editor.reject()
    qtbot.waitUntil(lambda: window.presets.combo.findData("memo") >= 0, timeout=5_000)
    from app import i18n

    i18n.switch_language("zh_HK")
    qtbot.waitUntil(lambda: action.text() == "工作範本(&P)…", timeout=5_000)
