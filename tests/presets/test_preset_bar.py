"""The window's task picker (offscreen Qt): the presets in the interface language, IT's marked as
managed, none chosen at a new conversation, and the chosen one in the window's request."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.chat.request import build_request
from app.settings.store import SettingsStore

IT_PRESET = {"id": "it-brief", "name": {"en": "Brief", "zh_HK": "簡報", "zh_CN": "简报"},
             "description": {"en": "A short brief.", "zh_HK": "簡短簡報。"},
             "system_prompt": {"en": "IT brief prompt."}}


def test_the_bar_lists_presets_and_feeds_the_request(qtbot: Any, _isolated_admin_dir: Path) -> None:
    from app.i18n import switch_language
    from app.ui.preset_bar import PresetBar

    _isolated_admin_dir.mkdir(parents=True, exist_ok=True)
    (_isolated_admin_dir / "presets.json").write_text(json.dumps({"presets": [IT_PRESET]}), encoding="utf-8")
    settings = SettingsStore()
    bar = PresetBar(settings)
    qtbot.addWidget(bar)
    items = [bar.combo.itemText(i) for i in range(bar.combo.count())]
    assert items[0] == "General chat" and "Reply to a citizen's letter" in items
    assert items[-1] == "Brief (managed by your organisation)"
    assert bar.current() is None
    bar.choose("it-brief")
    assert bar.current().id == "it-brief" and bar.about.text() == "A short brief."
    req = build_request(settings, "text", ui_language="en", preset=bar.current())
    assert req.catalogue_prompt == "IT brief prompt."
    switch_language("zh_HK")
    bar._fill()  # what LanguageChange does (no QApplication translator install in this test)
    items = [bar.combo.itemText(i) for i in range(bar.combo.count())]
    assert "回覆市民來信" in items and bar.about.text() == "簡短簡報。"
    assert bar.current().id == "it-brief"  # the choice survives a language change
    bar.reset()
    assert bar.current() is None and bar.about.text() == ""
