"""The documentation screenshots (``packaging/docs/screenshots/``): the welcome page and a
conversation, in English, HK Traditional and Simplified Chinese, light and dark.

``BAUHINIA_WRITE_SCREENSHOTS=1`` regenerates them; otherwise the test renders the same windows and
checks that every file exists, is a PNG of the size the window renders at now, and is not blank
— so a change of window size or a missing language shows up as a failure rather than a stale
picture."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage
from ui.helpers import ROOT, wait_idle

from app import i18n
from app.history_recorder import open_history
from app.ui import theme
from app.ui.message_html import MessageItem

pytestmark = pytest.mark.ui

SHOTS = ROOT / "packaging" / "docs" / "screenshots"
WRITE = os.environ.get("BAUHINIA_WRITE_SCREENSHOTS") == "1"
SIZE = (1200, 760)

CONTENT: dict[str, dict[str, Any]] = {
    "en": {
        "titles": ["Summary of the 2026 Policy Address", "Translate a press release into Chinese",
                   "Draft a reply to a public enquiry about opening hours of district libraries"],
        "question": "Summarise the main points of the attached memo in three bullets.",
        "reasoning": "The memo covers the budget, staffing and the timetable. Three bullets, one each.",
        "answer": "**Main points**\n\n- The budget rises by 3 % to cover the new service counters.\n"
                  "- Two posts are added for the enquiry hotline.\n- The pilot starts in April.\n\n"
                  "```python\ntotal = 1_030_000  # HK$\n```",
    },
    "zh_HK": {
        "titles": ["2026年施政報告摘要", "把新聞稿翻譯成英文", "回覆市民查詢公共圖書館開放時間的草稿"],
        "question": "請用三點概括附件備忘錄的重點。",
        "reasoning": "備忘錄談及預算、人手和時間表，每項一點。",
        "answer": "**重點**\n\n- 預算增加 3%，用於新的服務櫃檯。\n- 查詢熱線增設兩個職位。\n- 試驗計劃於四月開始。\n\n"
                  "```python\ntotal = 1_030_000  # 港元\n```",
    },
    "zh_CN": {
        "titles": ["2026年施政报告摘要", "把新闻稿翻译成英文", "回复市民查询公共图书馆开放时间的草稿"],
        "question": "请用三点概括附件备忘录的要点。",
        "reasoning": "备忘录谈及预算、人手和时间表，每项一点。",
        "answer": "**要点**\n\n- 预算增加 3%，用于新的服务柜台。\n- 查询热线增设两个职位。\n- 试点计划于四月开始。\n\n"
                  "```python\ntotal = 1_030_000  # 港元\n```",
    },
}


@pytest.fixture(autouse=True)
def restore() -> Iterator[None]:
    yield
    i18n.switch_language("en")
    theme.apply_theme("system")


def _check_or_write(window: Any, name: str) -> Path:
    path: Path = SHOTS / f"{name}.png"
    image = window.grab().toImage()
    assert (image.width(), image.height()) == SIZE
    if WRITE:
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert image.save(str(path)), f"could not write {path}"
    assert path.is_file(), f"{path} is missing: run with BAUHINIA_WRITE_SCREENSHOTS=1"
    stored = QImage(str(path))
    assert not stored.isNull() and (stored.width(), stored.height()) == SIZE, f"{path} is stale"
    assert len({stored.pixel(x, y) for x in range(0, SIZE[0], 37) for y in range(0, SIZE[1], 29)}) > 8
    return path


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", ["en", "zh_HK", "zh_CN"])
def test_screenshots(make_window: Any, make_settings: Any, paths: Any, qtbot: Any, language: str,
                     scheme: str) -> None:
    i18n.switch_language(language)
    theme.apply_theme(scheme)
    text = CONTENT[language]
    settings = make_settings()
    welcome = make_window(settings)
    welcome.resize(*SIZE)
    qtbot.waitUntil(lambda: (welcome.width(), welcome.height()) == SIZE)
    _check_or_write(welcome, f"welcome-{language}-{scheme}")
    welcome.close()

    store = open_history(settings, paths)
    try:
        for title in text["titles"]:
            store.new_conversation(title)
    finally:
        store.close()
    window = make_window(settings)
    window.resize(*SIZE)
    qtbot.waitUntil(lambda: len(window.sidebar.model.records) == 3)
    wait_idle(qtbot, window)
    window.stack.setCurrentWidget(window.chat_page)
    window.sidebar.select(window.sidebar.model.records[0].id)
    window.transcript.set_items([
        MessageItem("u1", "user", text["question"]),
        MessageItem("a1", "assistant", text["answer"], reasoning=text["reasoning"], parent_id="u1",
                    thinking_s=2.4),
    ])
    window.transcript.set_current(1)
    window.picker.setCurrentIndex(max(0, window.picker.findData("diagnostic:")))
    window.status.set_model(window.picker.currentText(), "llama.cpp", "CPU", 8192)
    window.status.set_speed(23.5)
    window.status.set_context_used(1200)
    window.composer.set_can_send(True)
    window.composer.edit.setFocus()
    qtbot.waitUntil(lambda: (window.width(), window.height()) == SIZE)
    qtbot.wait(50)
    _check_or_write(window, f"chat-{language}-{scheme}")
