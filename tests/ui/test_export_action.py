"""File → Export conversation… (issue 17 §3) in the window: a real conversation with a scripted model
and the glossary, exported off the UI thread to DOCX and PDF that are read back (the reply, its term
check and the sampling it used; the reasoning only when ticked), the manifest checked by the real
``sha256sum -c``; the export ban disables the action with its reason; a failure is one translated
line that names what was written."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from ui.helpers import screenshot, wait_idle

from app.ui.export_action import ExportChoice, ExportDialog, file_stem
from engine.diagnostic import Script
from tests.export.export_helpers import docx_text, pdf_text, sha256sum_check

pytestmark = [pytest.mark.ui, pytest.mark.slow]

REPLY = Script(reasoning="先想一想政策。", answer="特首今日會見傳媒。")
GLOSSARY = "en,zh_HK,zh_CN\nChief Executive,行政長官,行政长官\n"


def _chat(make_window: Any, make_settings: Any, admin_dir: Path, factory: Any, qtbot: Any,
          policy: dict[str, Any] | None = None) -> Any:
    (admin_dir / "glossary").mkdir(exist_ok=True)
    (admin_dir / "glossary" / "titles.csv").write_text(GLOSSARY, encoding="utf-8")
    settings = make_settings(policy=policy, user={"reply.language": "zh_HK", "sampling.temperature": 0.25,
                                                  "sampling.seed": 9})
    window = make_window(settings, diagnostic=Path(factory(script=REPLY)))
    qtbot.mouseClick(window.welcome.diagnostic_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model is not None, timeout=120_000)
    window.composer.edit.setPlainText("Translate: The Chief Executive met the press.")
    window.composer.edit.setFocus()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    return window


def _export(window: Any, qtbot: Any, choice: ExportChoice) -> Any:
    ui = window.export_ui
    ui.last = None
    asked: list[Path] = []

    def chooser(_window: Any, stem: Path) -> ExportChoice:
        asked.append(stem)
        return choice

    ui.chooser = chooser
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert ui.last is None and ui.running  # queued to the store thread: the UI thread did not render
    qtbot.waitUntil(lambda: ui.last is not None, timeout=120_000)
    assert asked and asked[0].name == "Translate The Chief Executive met the press"  # from the title
    return ui.last


def test_export_writes_docx_and_pdf_with_the_replys_record_and_a_manifest(
        make_window: Any, make_settings: Any, admin_dir: Path, scripted_model_factory: Any, qtbot: Any,
        tmp_path: Path) -> None:
    window = _chat(make_window, make_settings, admin_dir, scripted_model_factory, qtbot)
    outcome = _export(window, qtbot, ExportChoice(tmp_path / "record"))
    assert outcome.error == "" and [r.path.name for r in outcome.written] == ["record.docx", "record.pdf"]
    assert window.notice.text().startswith("Exported record.docx, record.pdf") and "record.sha256" in \
        window.notice.text()
    check = sha256sum_check(tmp_path / "record.sha256")
    assert check.returncode == 0 and "record.docx: OK" in check.stdout and "record.pdf: OK" in check.stdout
    docx = docx_text(tmp_path / "record.docx")
    pdf = re.sub(r"\s+", "", pdf_text(tmp_path / "record.pdf"))
    assert REPLY.content in docx and REPLY.content in pdf
    assert "Terminology check: approved terms not used: Chief Executive → 行政長官" in docx
    assert "Sampling (every reply)" in docx and "temperature=0.25" in docx and "seed=9" in docx
    assert "temperature=0.25" in pdf and "Terminologycheck" in pdf
    assert REPLY.reasoning not in docx and re.sub(r"\s+", "", REPLY.reasoning) not in pdf  # off by default
    screenshot(window, "export-done")
    with_reasoning = _export(window, qtbot, ExportChoice(tmp_path / "full", ("docx",), with_reasoning=True))
    assert with_reasoning.error == "" and REPLY.reasoning in docx_text(tmp_path / "full.docx")
    assert not (tmp_path / "full.pdf").exists()


def test_a_failure_is_one_translated_line_and_nothing_is_lost(
        make_window: Any, make_settings: Any, admin_dir: Path, scripted_model_factory: Any, qtbot: Any,
        tmp_path: Path) -> None:
    window = _chat(make_window, make_settings, admin_dir, scripted_model_factory, qtbot)
    outcome = _export(window, qtbot, ExportChoice(tmp_path / "missing" / "record"))
    assert outcome.written == [] and "Cannot write" in outcome.error and str(tmp_path / "missing") in outcome.error
    text = window.notice.text()
    assert text.startswith("Nothing was exported: Cannot write") and "\n" not in text and "Traceback" not in text
    assert not (tmp_path / "missing").exists()
    assert window.store.thread(window.conversation_id)[-1].content == REPLY.content  # history untouched
    from app import i18n

    i18n.switch_language("zh_HK")
    qtbot.waitUntil(lambda: window.export_ui.action.text() == "匯出對話(&E)…", timeout=5_000)
    _export(window, qtbot, ExportChoice(tmp_path / "missing" / "record"))
    assert window.notice.text().startswith("沒有匯出任何檔案")


def test_the_export_ban_disables_the_action_with_its_reason_and_audits_a_refusal(
        make_window: Any, make_settings: Any, admin_dir: Path, scripted_model_factory: Any, qtbot: Any,
        tmp_path: Path) -> None:
    audit = tmp_path / "audit"
    window = _chat(make_window, make_settings, admin_dir, scripted_model_factory, qtbot,
                   policy={"history.export_allowed": False, "audit.enabled": True, "audit.path": str(audit)})
    ui = window.export_ui
    assert not ui.action.isEnabled()
    assert ui.action.toolTip() == "Exporting conversations is turned off by your organisation's policy."
    asked: list[Path] = []

    def chooser(_window: Any, stem: Path) -> ExportChoice:
        asked.append(stem)
        return ExportChoice(tmp_path / "x")

    ui.chooser = chooser
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    ui.trigger()  # even if reached another way
    assert asked == [] and window.notice.text() == ui.action.toolTip()
    assert not list(tmp_path.glob("x*"))
    # The service refuses too (and audits it), should a caller skip the action's check.
    from app.ui.export_action import run_export

    window.store.export_allowed = False
    outcome = run_export(window.store, window.conversation_id, ExportChoice(tmp_path / "x"),
                         settings=window.settings, language="en")
    assert outcome.written == [] and "turned off" in outcome.error and not list(tmp_path.glob("x*"))
    events = [json.loads(line)["event"] for line in (audit / "audit.jsonl").read_text().splitlines()]
    assert events[-1] == "policy_refusal"


def test_dialog_defaults_and_file_names(qtbot: Any, tmp_path: Path) -> None:
    dialog = ExportDialog(tmp_path / "name")
    qtbot.addWidget(dialog)
    choice = dialog.choice()
    assert choice == ExportChoice(tmp_path / "name", ("docx", "pdf"), False)  # reasoning off by default
    dialog.pdf.setChecked(False)
    dialog.docx.setChecked(False)
    assert not dialog.ok.isEnabled()
    assert file_stem('房屋/政策: "草稿"?', "01ABC") == "房屋 政策 草稿"
    assert file_stem("...", "01ABC") == "conversation-01ABC"
