"""The terminology check under a reply in the window (issue 17 §2): scripted models answer with and
without the approved term; the block lists only the missing renderings, in the interface language,
and comes back when the conversation is reopened (it is stored with the reply, schema v5)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from ui.helpers import screenshot, wait_idle

from app.glossary import TermCheck
from app.ui.markdown_render import Colours
from app.ui.term_check_view import term_check_html, term_check_key, term_check_text
from engine.diagnostic import Script

APPROVED = "行政長官"
WITH_TERM = Script(reasoning="想一想。", answer=f"{APPROVED}今日會見傳媒。")
WITHOUT_TERM = Script(reasoning="想一想。", answer="特首今日會見傳媒。")
GLOSSARY = "en,zh_HK,zh_CN\nChief Executive,行政長官,行政长官\nLegislative Council,立法會,立法会\n"
PROMPT = "Translate: The Chief Executive met the Legislative Council."
HEADING = {"en": "Terminology check", "zh_HK": "術語檢查", "zh_CN": "术语检查"}


@pytest.mark.parametrize("language", ["en", "zh_HK", "zh_CN"])
def test_the_block_lists_only_missing_terms_escaped_and_translated(language: str) -> None:
    from app import i18n

    i18n.switch_language(language)  # the conftest switches back to English after the test
    checks = [TermCheck("Chief Executive", APPROVED, False), TermCheck("<b>Council</b>", "立法會", True)]
    block = term_check_html(checks, Colours())
    assert HEADING[language] in block and "Chief Executive → 行政長官" in block
    assert "立法會" not in block and "<b>Council" not in block  # found terms are not listed
    evil = term_check_html([TermCheck("<script>x</script>", "<i>y</i>", False)], Colours())
    assert "<script>" not in evil and "&lt;script&gt;" in evil and "<i>y" not in evil
    everything = term_check_text([TermCheck("a", "b", True), TermCheck("c", "d", True)])
    assert everything.startswith(HEADING[language]) and "2" in everything
    assert term_check_html([], Colours()) == "" and term_check_text([]) == ""
    assert term_check_key(checks) != term_check_key([TermCheck("Chief Executive", APPROVED, True), checks[1]])
    if language != "en":
        assert "approved" not in block and "reply" not in everything  # the words are translated


def _send(window: Any, qtbot: Any, text: str) -> None:
    window.composer.edit.setPlainText(text)
    window.composer.edit.setFocus()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)
    wait_idle(qtbot, window)


@pytest.mark.ui
@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "zh_HK"])
def test_missing_terms_are_shown_under_the_reply_and_again_on_reopen(
        make_window: Any, make_settings: Any, admin_dir: Path, scripted_model_factory: Any, qtbot: Any,
        language: str) -> None:
    (admin_dir / "glossary").mkdir()
    (admin_dir / "glossary" / "titles.csv").write_text(GLOSSARY, encoding="utf-8")
    from app import i18n

    i18n.switch_language(language)
    settings = make_settings(user={"reply.language": "zh_HK"})
    window = make_window(settings, diagnostic=Path(scripted_model_factory(script=WITHOUT_TERM)))
    qtbot.mouseClick(window.welcome.diagnostic_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model is not None, timeout=120_000)
    _send(window, qtbot, PROMPT)
    reply = window.transcript.items[-1]
    assert reply.content == WITHOUT_TERM.content
    shown = window.transcript.doc_for(reply.id).toPlainText()
    assert HEADING[language] in shown
    assert "Chief Executive → 行政長官" in shown and "Legislative Council → 立法會" in shown
    assert shown.index(WITHOUT_TERM.content) < shown.index(HEADING[language])  # under the reply
    assert not window.notice.isVisible()  # no longer a notice line above the conversation
    screenshot(window, f"terminology-check-under-reply-{language}")
    cid = window.conversation_id
    window.new_chat()
    assert not window.transcript.items
    window.open_conversation(cid)
    qtbot.waitUntil(lambda: bool(window.transcript.items), timeout=60_000)
    again = window.transcript.items[-1]
    assert again.id == reply.id and [(t.term, t.found) for t in again.terms] == [
        ("Chief Executive", False), ("Legislative Council", False)]
    reopened = window.transcript.doc_for(again.id).toPlainText()
    assert HEADING[language] in reopened and "Chief Executive → 行政長官" in reopened


@pytest.mark.ui
@pytest.mark.slow
def test_a_reply_with_the_approved_term_says_so_and_a_reply_without_glossary_shows_nothing(
        make_window: Any, make_settings: Any, admin_dir: Path, scripted_model_factory: Any, qtbot: Any) -> None:
    settings = make_settings(user={"reply.language": "zh_HK"})
    window = make_window(settings, diagnostic=Path(scripted_model_factory(script=WITH_TERM)))
    qtbot.mouseClick(window.welcome.diagnostic_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model is not None, timeout=120_000)
    _send(window, qtbot, "Translate: The Chief Executive met the press.")  # no glossary yet
    first = window.transcript.items[-1]
    assert first.terms == () and "Terminology check" not in window.transcript.doc_for(first.id).toPlainText()
    (admin_dir / "glossary").mkdir()
    (admin_dir / "glossary" / "titles.csv").write_text(GLOSSARY, encoding="utf-8")
    _send(window, qtbot, "Translate: The Chief Executive met the press.")
    second = window.transcript.items[-1]
    shown = window.transcript.doc_for(second.id).toPlainText()
    assert "Terminology check" in shown and "every approved term (1)" in shown and "→" not in shown
