"""The window's task picker and a preset's reference documents (issue 17 §1): choosing the preset
in the bar attaches its documents to the turn (prepared off the UI thread by the domain's
``turn_documents``), the model gets them, the reply lists them as numbered sources and the prompt
shows them as attached; a missing one is one line in the notice and the turn runs. Real window
(offscreen), real DOCX/TXT read by the parsing process, scripted GGUF model, real store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtCore import Qt
from recording_provider import Recording
from ui.helpers import wait_idle

from app.documents.references import CACHE
from engine.diagnostic import Script

pytestmark = [pytest.mark.ui]

RULE = "Overtime claims must reach the finance section within thirty days of the work."
STYLE = "Sign off with the officer's post title."
ANSWER = Script(reasoning="Reading.", answer="Within thirty days [1].")


@pytest.fixture(scope="module")
def answer_model(scripted_model_factory: Any) -> Path:
    return Path(scripted_model_factory(script=ANSWER))


@pytest.fixture
def it_preset(admin_dir: Path) -> Path:
    refs = admin_dir / "refs"
    refs.mkdir()
    document = docx.Document()
    document.add_paragraph(RULE)
    document.save(str(refs / "rules.docx"))
    (refs / "style.txt").write_text(STYLE + "\n", encoding="utf-8")
    preset = {"id": "overtime", "name": {"en": "Overtime", "zh_HK": "超時工作"}, "system_prompt": "Use the rules.",
              "documents": ["refs/rules.docx", "refs/style.txt"]}
    (admin_dir / "presets.json").write_text(json.dumps({"presets": [preset]}), encoding="utf-8")
    CACHE.clear()
    return refs


def _send(window: Any, qtbot: Any, text: str) -> Any:
    window.composer.edit.setPlainText(text)
    window.composer.edit.setFocus()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.generating, timeout=60_000)
    wait_idle(qtbot, window, timeout=180_000)
    return window.transcript.items[-1]


@pytest.mark.slow
def test_the_chosen_presets_documents_reach_the_model(make_window: Any, answer_model: Path, it_preset: Path,
                                                     qtbot: Any) -> None:
    window = make_window(diagnostic=answer_model)
    qtbot.mouseClick(window.welcome.diagnostic_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model is not None, timeout=120_000)
    provider = window.engine._provider = Recording(window.engine._provider)  # the engine thread is idle

    plain = _send(window, qtbot, "When are overtime claims due?")  # a general chat: no documents
    assert plain.status == "complete" and not plain.sources and RULE not in provider.prompts[-1]

    bar = window.presets
    bar.combo.setCurrentIndex(bar.combo.findData("overtime"))  # as the user picks it
    assert bar.current() is not None and bar.current().id == "overtime"
    reply = _send(window, qtbot, "When are overtime claims due?")
    assert reply.status == "complete" and reply.content == ANSWER.answer
    assert RULE in provider.prompts[-1] and STYLE in provider.prompts[-1]
    assert provider.prompts[-1].endswith("When are overtime claims due?")
    assert [(Path(s.file).name, s.page) for s in reply.sources] == [("rules.docx", 1), ("style.txt", 1)]
    prompt = window.transcript.items[-2]
    assert [a.name for a in prompt.attachments] == ["rules.docx", "style.txt"]
    assert "[1] rules.docx" in window.transcript.doc_for(reply.id).toPlainText()
    assert CACHE.hits == 0 and len(CACHE) == 2

    reply = _send(window, qtbot, "And sick leave?")  # every turn with the preset: from the cache now
    assert RULE in provider.prompts[-1] and CACHE.hits == 2

    (it_preset / "style.txt").unlink()
    reply = _send(window, qtbot, "Once more.")
    assert reply.status == "complete" and [Path(s.file).name for s in reply.sources] == ["rules.docx"]
    assert window.notice.isVisible()
    assert window.notice.text() == ("Task \u201cOvertime\u201d: the reference document style.txt was not used: "
                                    "The file no longer exists.")

    bar.reset()  # back to a general chat: no documents
    _send(window, qtbot, "Thanks.")
    assert RULE not in provider.prompts[-1] and not window.transcript.items[-2].attachments
