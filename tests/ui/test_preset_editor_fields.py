"""File → Presets…, every field (issue 17 §1): names, descriptions and prompts in three languages,
reply language, every sampling key the model takes, a glossary picked with the file dialog and a
list of reference documents; a saved preset validates against presets.schema.json and reads back
into the same form. Files are checked when picked (a bad glossary or document is one line and is
not taken); IT's and the built-in presets keep the file buttons disabled."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import jsonschema

from app.paths import user_paths
from app.presets.model import SAMPLING_TYPES
from app.ui.preset_editor import FORM_SAMPLING, PresetEditor

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "packaging" / "policy" / "presets.schema.json").read_text(encoding="utf-8"))
SAMPLING = {"temperature": "0.3", "top_p": "0.9", "top_k": "50", "min_p": "0.1", "repeat_penalty": "1.1",
            "max_tokens": "700", "seed": "42"}
TEXTS = {"en": ("Circular answers", "Answers from the circulars.", "Answer from the circulars."),
         "zh_HK": ("通告問答", "根據通告回答。", "請根據通告回答。"),
         "zh_CN": ("通告问答", "根据通告回答。", "请根据通告回答。")}


def _editor(qtbot: Any, settings: Any) -> PresetEditor:
    editor = PresetEditor(settings, user_paths(), confirm=lambda _t, _x: True)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _files(tmp_path: Path) -> tuple[Path, Path, Path]:
    glossary = tmp_path / "titles.csv"
    glossary.write_text("en,zh_HK,zh_CN\nChief Executive,行政長官,行政长官\n", encoding="utf-8")
    circular = tmp_path / "circular.docx"
    document = docx.Document()
    document.add_paragraph("Overtime claims are due within thirty days.")
    document.save(str(circular))
    notes = tmp_path / "notes.txt"
    notes.write_text("Sign with the post title.\n", encoding="utf-8")
    return glossary, circular, notes


def test_every_sampling_key_the_model_takes_is_in_the_form() -> None:
    assert FORM_SAMPLING == tuple(SAMPLING_TYPES) == tuple(SAMPLING)


def test_every_field_round_trips_and_the_file_validates(qtbot: Any, make_settings: Any, tmp_path: Path) -> None:
    glossary, circular, notes = _files(tmp_path)
    settings = make_settings()
    editor = _editor(qtbot, settings)
    editor.new_button.click()
    editor.id.setText("circulars")
    for lang, (name, about, prompt) in TEXTS.items():
        editor.texts[lang].name.setText(name)
        editor.texts[lang].description.setText(about)
        editor.texts[lang].prompt.setPlainText(prompt)
    editor.reply.setCurrentIndex(editor.reply.findData("zh_HK"))
    for key, value in SAMPLING.items():
        editor.sampling[key].setText(value)
    assert editor.glossary.shown.isReadOnly()  # picked, never typed
    editor.glossary.choose_file = lambda: str(glossary)
    editor.glossary.choose_button.click()
    editor.documents.choose_files = lambda: [str(circular), str(notes), str(circular)]  # twice: listed once
    editor.documents.add_button.click()
    assert editor.documents.paths() == [str(circular), str(notes)] and editor.error.text() == ""
    assert editor.save(), editor.error.text()

    doc = json.loads((user_paths().data / "presets.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, SCHEMA)
    (saved,) = doc["presets"]
    assert saved == {
        "id": "circulars",
        "name": {lang: t[0] for lang, t in TEXTS.items()},
        "description": {lang: t[1] for lang, t in TEXTS.items()},
        "system_prompt": {lang: t[2] for lang, t in TEXTS.items()},
        "sampling": {"temperature": 0.3, "top_p": 0.9, "top_k": 50, "min_p": 0.1, "repeat_penalty": 1.1,
                     "max_tokens": 700, "seed": 42},
        "reply_language": "zh_HK",
        "glossary": str(glossary),
        "documents": [str(circular), str(notes)],
    }

    again = _editor(qtbot, settings)  # a fresh dialog reads it back into the same form
    again.list.setCurrentRow([p.id for p in again.presets].index("circulars"))
    assert again.form_raw() == saved
    for key, value in SAMPLING.items():
        assert float(again.sampling[key].text()) == float(value)
    assert again.glossary.path() == str(glossary) and again.documents.paths() == [str(circular), str(notes)]
    assert again.save_button.isEnabled() and again.documents.add_button.isEnabled()

    again.documents.list.setCurrentRow(0)
    again.documents.remove_button.click()
    again.glossary.clear_button.click()
    again.sampling["seed"].setText("")
    assert again.save()
    (changed,) = json.loads((user_paths().data / "presets.json").read_text(encoding="utf-8"))["presets"]
    jsonschema.validate({"presets": [changed]}, SCHEMA)
    assert changed["documents"] == [str(notes)] and "glossary" not in changed and "seed" not in changed["sampling"]


def test_bad_files_are_one_line_and_not_taken(qtbot: Any, make_settings: Any, tmp_path: Path) -> None:
    _glossary, circular, _notes = _files(tmp_path)
    editor = _editor(qtbot, make_settings(policy={"documents.max_file_mb": 1}))
    editor.new_button.click()
    bad = tmp_path / "columns.csv"
    bad.write_text("name,value\nx,y\n", encoding="utf-8")
    editor.glossary.choose_file = lambda: str(bad)
    editor.glossary.choose_button.click()
    assert editor.glossary.path() == "" and editor.error.text().startswith("columns.csv cannot be used as a glossary:")
    assert "\n" not in editor.error.text()
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (1024 * 1024 + 1))
    program = tmp_path / "tool.exe"
    program.write_bytes(b"MZ")
    editor.documents.choose_files = lambda: [str(big), str(circular), str(program)]
    editor.documents.add_button.click()
    assert editor.documents.paths() == [str(circular)]
    assert editor.error.text() == ("big.txt cannot be a reference document: The file is larger than the 1 MB limit "
                                   "for documents. tool.exe cannot be a reference document: This kind of file is "
                                   "not supported. Use DOCX, PDF, XLSX, CSV, PPTX, HTML, TXT or MD.")
    editor.glossary.choose_file = lambda: ""  # the dialog cancelled: nothing changes
    editor.glossary.choose_button.click()
    assert editor.glossary.path() == ""
    editor.sampling["top_k"].setText("1.5")  # a whole number: the loader's rule
    editor.id.setText("x")
    editor.texts["en"].name.setText("X")
    editor.texts["en"].prompt.setPlainText("P")
    assert not editor.save() and "'sampling.top_k' must be a number from 0 to 1000" in editor.error.text()
    editor.sampling["top_k"].setText("")
    editor.sampling["repeat_penalty"].setText("3")
    assert not editor.save() and "'sampling.repeat_penalty' must be a number from 0.5 to 2.0" in editor.error.text()


def test_it_and_builtin_presets_keep_the_file_buttons_disabled(qtbot: Any, make_settings: Any, admin_dir: Path,
                                                               tmp_path: Path) -> None:
    glossary, circular, _notes = _files(tmp_path)
    (admin_dir / "presets.json").write_text(json.dumps({"presets": [
        {"id": "it-brief", "name": "Brief", "system_prompt": "P", "glossary": str(glossary),
         "documents": [str(circular)], "sampling": {"top_p": 0.5}}]}), encoding="utf-8")
    editor = _editor(qtbot, make_settings())
    editor.list.setCurrentRow([p.id for p in editor.presets].index("it-brief"))
    assert editor.reason.text() == "Brief is managed by your organisation and cannot be changed."
    assert editor.documents.paths() == [str(circular)] and editor.glossary.path() == str(glossary)
    assert editor.sampling["top_p"].text() == "0.5" and editor.sampling["top_p"].isReadOnly()
    assert not editor.glossary.choose_button.isEnabled() and not editor.glossary.clear_button.isEnabled()
    assert not editor.documents.add_button.isEnabled()
    editor.documents.list.setCurrentRow(0)
    assert not editor.documents.remove_button.isEnabled()
    editor.list.setCurrentRow([p.id for p in editor.presets].index("summarise"))
    assert "built in" in editor.reason.text() and not editor.documents.add_button.isEnabled()
    editor.copy_button.click()  # a copy is the user's: editable
    assert editor.documents.add_button.isEnabled() and editor.glossary.choose_button.isEnabled()
