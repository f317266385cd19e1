"""The window in three languages: the language chosen in Settings applies at once to every open
window (no restart), replies are converted to the script of the reply language while they stream
(the history keeps both texts), the default system prompt follows the reply language, and the
main states are photographed in English, HK Traditional and Simplified Chinese."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget
from ui.helpers import on_ui_thread, screenshot, wait_idle

from app import i18n
from app.reply_language import ReplyTexts, default_system_prompt
from engine.diagnostic import Script

pytestmark = [pytest.mark.ui, pytest.mark.slow]

# What a DeepSeek model often does: a Simplified answer to a Hong Kong user.
SIMPLIFIED = Script(reasoning="用户问数据政策，我来想想。", answer="这个软件会保存数据文件，网络设置请看默认值。")
# Long enough that Stop lands mid-stream — in the reasoning too, so the first batch of deltas is
# still inside Thinking however fast the machine is; scripted chains need unique pieces, hence the numbers.
LONG = Script(reasoning="這個問題我需要想清楚，先看看資料。" + " ".join(f"think{i}" for i in range(400)),
              answer=" ".join(f"item{i}" for i in range(1500)))


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    i18n.switch_language("en")
    yield
    i18n.switch_language("en")


@pytest.fixture(scope="session")
def simplified_model(scripted_model_factory: Any) -> Path:
    return Path(scripted_model_factory(script=SIMPLIFIED))


@pytest.fixture(scope="session")
def long_cjk_model(scripted_model_factory: Any) -> Path:
    return Path(scripted_model_factory(script=LONG))


def _choose(dialog: Any, key: str, value: str) -> None:
    combo = dialog.editors[key]
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(value))


def _load(window: Any, qtbot: Any) -> None:
    qtbot.mouseClick(window.welcome.diagnostic_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model is not None, timeout=120_000)


def _send(window: Any, qtbot: Any, text: str) -> None:
    window.composer.edit.setPlainText(text)
    window.composer.edit.setFocus()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)


def test_language_switch_from_settings_is_live(make_window: Any, make_settings: Any, qtbot: Any) -> None:
    window = make_window(make_settings(policy={"sampling.temperature": 0.2}))
    screenshot(window, "welcome-en")
    expected = {
        "zh_HK": ("檔案(&F)", "設定", "由貴機構管理", "歡迎"),
        "zh_CN": ("文件(&F)", "设置", "由贵单位管理", "欢迎"),
    }
    for language, (file_menu, title, managed, welcome) in expected.items():
        window.open_settings()
        dialog = window.settings_dialog
        qtbot.waitUntil(dialog.isVisible)
        assert "restart" not in dialog.notes["ui.language"].text()
        _choose(dialog, "ui.language", language)
        dialog.accept()  # OK: written to the user's settings and switched at once
        assert window.settings.get("ui.language") == language
        assert i18n.current_language() == language
        # The open window retranslates (Qt posts LanguageChange to every window), without a restart.
        qtbot.waitUntil(lambda m=file_menu: window.file_menu.title() == m)
        assert welcome in window.welcome.findChild(QWidget, "welcomeTitle").text()
        qtbot.wait(50)  # the menu bar lays out its new titles
        screenshot(window, f"welcome-{language}")
        # Settings in the new language, with the locked value greyed and explained.
        window.open_settings()
        dialog = window.settings_dialog
        qtbot.waitUntil(dialog.isVisible)
        assert dialog.windowTitle() == title
        temp = dialog.editors["sampling.temperature"]
        assert not temp.isEnabled()
        assert managed in dialog.notes["sampling.temperature"].text()
        names = {"zh_HK": "繁體中文（香港）", "zh_CN": "简体中文"}  # each language named in itself
        assert dialog.editors["ui.language"].currentText() == names[language]
        assert {box.title() for box in dialog.groups.values()}.isdisjoint({"Appearance", "Sampling", "History"})
        dialog.findChild(QWidget, "settingsScroll").ensureWidgetVisible(temp)
        screenshot(dialog, f"settings-locked-{language}")
        dialog.reject()
    # Back to English from the dialog too.
    window.open_settings()
    dialog = window.settings_dialog
    qtbot.waitUntil(dialog.isVisible)
    _choose(dialog, "ui.language", "en")
    dialog.accept()
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File")


def test_reply_is_shown_in_hk_traditional_and_both_texts_are_kept(
        make_window: Any, make_settings: Any, simplified_model: Path, qtbot: Any) -> None:
    settings = make_settings(user={"reply.language": "zh_HK"})
    window = make_window(settings, diagnostic=simplified_model)
    _load(window, qtbot)
    requests: list[Any] = []
    window._engine_send.connect(requests.append)
    _send(window, qtbot, "請介紹這個軟件")
    wait_idle(qtbot, window)
    # What a one-shot conversion of the whole text gives; the streamed pieces must add up to it.
    whole = ReplyTexts("zh_HK", "en")
    shown_content = whole.content(SIMPLIFIED.content) + whole.finish()[0]
    whole = ReplyTexts("zh_HK", "en")
    shown_reasoning = whole.reasoning(SIMPLIFIED.reasoning) + whole.finish()[1]
    assert shown_content != SIMPLIFIED.content and "軟件" in shown_content and "网络" not in shown_content
    reply = window.transcript.items[-1]
    assert reply.content == shown_content and reply.reasoning == shown_reasoning
    assert "軟件" in window.transcript.doc_for(reply.id).toPlainText()
    stored = window.store.thread(window.conversation_id)[-1]
    assert (stored.content, stored.reasoning) == (shown_content, shown_reasoning)
    assert (stored.content_raw, stored.reasoning_raw) == (SIMPLIFIED.content, SIMPLIFIED.reasoning)
    # No system prompt of the user's: ours, in the reply language, is used but not stored.
    (req,) = requests
    assert req.system_prompt == "" and req.default_system_prompt == default_system_prompt("zh_HK", "en")
    assert "繁體中文（香港）" in req.default_system_prompt
    assert window.store.get_conversation(window.conversation_id).system_prompt is None
    # The user's own prompt wins.
    settings.set("chat.system_prompt", "Answer briefly.")
    assert window._request("x", None).system_prompt == "Answer briefly."


def test_reply_follows_the_interface_script_and_streams_in_three_languages(
        make_window: Any, make_settings: Any, long_cjk_model: Path, qtbot: Any) -> None:
    """reply.language 'auto': a Simplified interface shows the (Traditional) reasoning in
    Simplified. A screenshot of the streaming reply with its open Thinking section per language."""
    window = make_window(make_settings(), diagnostic=long_cjk_model)
    _load(window, qtbot)
    shots: list[Path] = []
    state = {"language": "en"}
    taken: set[str] = set()

    def first_delta(message_id: str, content: str, reasoning: str) -> None:
        if state["language"] in taken:
            return
        taken.add(state["language"])
        window.transcript.flush_now()
        item = window.transcript.item(message_id)
        assert item is not None and item.thinking_open
        shots.append(screenshot(window, f"streaming-reasoning-{state['language']}"))
        qtbot.keyClick(window.composer.edit, Qt.Key.Key_Escape)  # Stop

    hook = on_ui_thread(window.engine.replyDelta, first_delta)
    for language in ("en", "zh_HK", "zh_CN"):
        state["language"] = language
        i18n.switch_language(language)
        qtbot.wait(20)  # the posted LanguageChange events
        window.act_new.trigger()
        _send(window, qtbot, "Tell me everything")
        wait_idle(qtbot, window)
        reply = window.transcript.items[-1]
        assert reply.status == "cancelled" and reply.reasoning
        if language != "en":  # named in the interface language, though loaded under English
            assert "Diagnostic" not in window.status.model_label.text()
        stored = window.store.thread(window.conversation_id)[-1]
        assert stored.reasoning == reply.reasoning
        if language == "zh_CN":  # shown in Simplified, the model's Traditional text kept too
            raw = stored.reasoning_raw
            assert raw is not None and raw.startswith("這") and LONG.reasoning.startswith(raw)
            convert = ReplyTexts("auto", "zh_CN")
            assert reply.reasoning == convert.reasoning(raw) + convert.finish()[1]
            assert reply.reasoning.startswith("这") and "這" not in reply.reasoning
        else:  # English interface: as written; HK interface: already HK Traditional
            assert LONG.reasoning.startswith(reply.reasoning) and stored.reasoning_raw is None
    del hook
    assert [p.name for p in shots] == [f"streaming-reasoning-{lang}.png" for lang in ("en", "zh_HK", "zh_CN")]
