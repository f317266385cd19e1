"""First run: the window's diagnostic model (the app's own, built on demand, as the welcome page's
button loads it) answers in readable text in the interface language, with the report of what it
checked; ``bauhinia ask -m diagnostic`` prints the same report."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from ui.helpers import wait_idle

from app import i18n
from app.diagnostic_report import diagnostic_script
from app.store.keys import keyring_name
from app.ui.tasks import default_diagnostic_factory

pytestmark = pytest.mark.ui

#: What the report must say in each language, written out here (not taken from the code under test).
EXPECTED = {
    "en": {"answer": "The diagnostic model works. It checked:", "model": "Model: loaded on ",
           "speed": re.compile(r"Speed: \d+\.\d tokens/s while writing this reply\."),
           "history": "History: encrypted (SQLCipher).", "keyring": "Keyring: available ("},
    "zh_HK": {"answer": "診斷模型運作正常。檢查結果：", "model": "模型：已載入到 ",
              "speed": re.compile(r"速度：撰寫這個回覆時每秒 \d+\.\d 個記號。"),
              "history": "對話記錄：已加密（SQLCipher）。", "keyring": "系統密碼庫：可用（"},
    "zh_CN": {"answer": "诊断模型运行正常。检查结果：", "model": "模型：已加载到 ",
              "speed": re.compile(r"速度：生成此回复时每秒 \d+\.\d 个词元。"),
              "history": "历史记录：已加密（SQLCipher）。", "keyring": "系统密钥环：可用（"},
}
NUMBER = re.compile(r"\d+(?:\.\d+)?")


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.switch_language("en")


def _ask_cli(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    from app.cli.main import main

    capsys.readouterr()
    code = main(["ask", "-m", "diagnostic", "--no-history", "--json", "Hello"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return dict(json.loads(out))


@pytest.mark.parametrize("language", ["en", "zh_HK", "zh_CN"])
def test_the_diagnostic_model_answers_with_a_readable_report(
        language: str, make_window: Any, make_settings: Any, paths: Any, qtbot: Any,
        capsys: pytest.CaptureFixture[str]) -> None:
    i18n.switch_language(language)
    window = make_window(make_settings(user={"ui.language": language}))
    # The fixture hands the window a prepared model; this test wants the app's own diagnostic model.
    window.engine._diagnostic_factory = default_diagnostic_factory(paths.cache)
    qtbot.mouseClick(window.welcome.diagnostic_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model is not None and not window.loading, timeout=180_000)
    assert window.model.diagnostic
    window.composer.edit.setPlainText("Hello")
    window.composer.submit()
    qtbot.waitUntil(lambda: window.generating, timeout=10_000)
    wait_idle(qtbot, window)

    reply = window.transcript.items[-1]
    want = EXPECTED[language]
    assert reply.status == "complete"
    assert "\ufffd" not in reply.content + reply.reasoning
    assert reply.reasoning.strip() == diagnostic_script().reasoning
    assert reply.content.startswith(str(want["answer"]) + "\n\n- "), reply.content
    lines = reply.content.split("\n\n", 1)[1].splitlines()
    assert len(lines) == 4 and all(line.startswith("- ") for line in lines), lines
    assert lines[0].startswith("- " + str(want["model"])) and window.model.device in lines[0]
    assert isinstance(want["speed"], re.Pattern) and want["speed"].fullmatch(lines[1][2:]), lines[1]
    assert lines[2] == "- " + str(want["history"])
    assert lines[3].startswith("- " + str(want["keyring"])) and keyring_name() in lines[3]
    if language != "en":
        assert not re.search(r"[A-Za-z]{4,}", lines[2].replace("SQLCipher", "")), "translated"
    # The report is what was recorded, too: the history holds the same text.
    assert window.store.thread(window.conversation_id, limit=5)[-1].content == reply.content

    # The CLI, in the same profile and language, prints the same report (numbers aside: speed).
    cli = _ask_cli(capsys)
    assert NUMBER.sub("N", cli["content"]) == NUMBER.sub("N", reply.content)
    assert cli["reasoning"].strip() == reply.reasoning.strip()


def test_a_language_switch_rebuilds_the_diagnostic_model_in_the_new_language(
        make_window: Any, make_settings: Any, paths: Any, qtbot: Any) -> None:
    window = make_window(make_settings())
    window.engine._diagnostic_factory = default_diagnostic_factory(paths.cache)
    qtbot.mouseClick(window.welcome.diagnostic_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model is not None and not window.loading, timeout=180_000)
    english = window.model
    i18n.switch_language("zh_HK")  # live, as Settings → Language does
    qtbot.waitUntil(lambda: window.model is not None and window.model is not english and not window.loading,
                    timeout=60_000)
    window.composer.edit.setPlainText("你好")
    window.composer.submit()
    qtbot.waitUntil(lambda: window.generating, timeout=10_000)
    wait_idle(qtbot, window)
    reply = window.transcript.items[-1].content
    assert reply.startswith(str(EXPECTED["zh_HK"]["answer"])), reply  # the model's own words, too
    assert str(EXPECTED["zh_HK"]["history"]) in reply
