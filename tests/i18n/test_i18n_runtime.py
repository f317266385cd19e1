"""Translators at run time: the CLI without a QApplication, Qt's own strings, live switching."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import cli_child
import pytest

from app import i18n

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def run_python(code: str, **env: str) -> str:
    full_env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    full_env.update(env)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=full_env, capture_output=True, text=True,
                         check=True, timeout=60)
    return out.stdout


CLI_PROBE = """
import json
from app.i18n import tr, current_language, install_translators
import sys
if len(sys.argv) > 1: pass
{install}
print(json.dumps({{
    "lang": current_language(),
    "thinking": tr("CLI", "Thinking…"),
    "deleted": tr("HistoryCli", "Deleted %n conversation(s).", n=3),
    "label": tr("Settings", "Interface language"),
    "qt_cancel": tr("QPlatformTheme", "Cancel"),
    "unknown": tr("CLI", "No such string anywhere"),
}}, ensure_ascii=False))
"""


def test_cli_translates_without_a_qapplication() -> None:
    out = json.loads(run_python(CLI_PROBE.format(install="install_translators(None, 'zh_HK')"), LANG="C.UTF-8"))
    assert out == {
        "lang": "zh_HK",
        "thinking": "思考中…",
        "deleted": "已刪除 3 個對話。",
        "label": "介面語言",
        # Qt's own catalogue serves the widgets (QTranslator); the domain's tr() answers only ours
        "qt_cancel": "Cancel",
        "unknown": "No such string anywhere",
    }
    out = json.loads(run_python(CLI_PROBE.format(install="install_translators(None, 'zh_CN')"), LANG="C.UTF-8"))
    assert out["thinking"] == "思考中…" and out["deleted"] == "已删除 3 个对话。" and out["label"] == "界面语言"


def test_cli_follows_the_system_locale_when_nothing_was_chosen() -> None:
    out = json.loads(run_python(CLI_PROBE.format(install=""), LANG="zh_CN.UTF-8"))
    assert out["lang"] == "zh_CN" and out["label"] == "界面语言"
    out = json.loads(run_python(CLI_PROBE.format(install=""), LANG="yue_HK.UTF-8"))
    assert out["lang"] == "zh_HK" and out["deleted"] == "已刪除 3 個對話。"
    out = json.loads(run_python(CLI_PROBE.format(install=""), LANG="en_GB.UTF-8"))
    assert out["lang"] == "en" and out["deleted"] == "Deleted 3 conversation(s)."


def test_cli_human_output_in_chinese() -> None:
    """``bauhinia policy show`` prints its headings in the interface language."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LANGUAGE")}
    env["LANG"] = "zh_HK.UTF-8"
    out = subprocess.run(cli_child.command("policy", "show"), cwd=ROOT, env=cli_child.child_env(base=env),
                         capture_output=True, text=True, timeout=120)
    if "__main__" not in (ROOT / "app" / "cli" / "main.py").read_text(encoding="utf-8"):
        pytest.skip("app.cli.main cannot be run with -m")
    assert out.returncode == 0, out.stderr
    assert "設定" in out.stdout and "來源" in out.stdout


@pytest.fixture
def restore_english() -> Iterator[None]:
    yield
    i18n.switch_language("en")


def test_formatting_follows_the_language() -> None:
    when = datetime(2025, 3, 4, 15, 6, 7)
    assert i18n.format_datetime(when, "en") == "4/3/2025 3:06\u202fpm"
    assert i18n.format_datetime(when, "zh_HK") == "4/3/2025 下午3:06"
    assert i18n.format_datetime(when, "zh_CN") == "2025/3/4 15:06"
    assert i18n.format_date(date(2025, 3, 4), "zh_HK", long=True) == "2025年3月4日星期二"
    assert i18n.format_number(1234567.5, language="zh_HK") == "1,234,567.5"
    assert i18n.format_number(3.14159, 2, "zh_CN") == "3.14"
    assert i18n.format_size(123456789, "en") == "117.7 MB"
    assert i18n.format_size(512, "zh_HK") == "512 位元組"
    assert i18n.format_size(512, "zh_CN") == "512 字节"


@pytest.mark.ui
def test_live_switch_retranslates_open_widgets(qtbot: Any, restore_english: None) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QDialogButtonBox, QLabel

    class Probe(QLabel):
        def __init__(self) -> None:
            super().__init__()
            self.retranslate()

        def retranslate(self) -> None:
            self.setText(QCoreApplication.translate("Sidebar", "New chat"))

        def changeEvent(self, event: QEvent) -> None:
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
            super().changeEvent(event)

    probe = Probe()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(probe)
    qtbot.addWidget(buttons)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    i18n.switch_language("zh_HK")
    qtbot.waitUntil(lambda: probe.text() == "新對話")
    assert i18n.tr("Sidebar", "New chat") == "新對話"
    qtbot.waitUntil(lambda: cancel.text() == "取消")  # Qt's own dialogs (zh_TW catalogue for HK)
    i18n.switch_language("zh_CN")
    qtbot.waitUntil(lambda: probe.text() == "新对话")
    i18n.switch_language("en")
    qtbot.waitUntil(lambda: probe.text() == "New chat")
    qtbot.waitUntil(lambda: cancel.text() == "Cancel")


@pytest.fixture
def main_window(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    import keyring
    from keyring_backend import MemoryKeyring

    import app.settings.sources as sources
    from app.paths import user_paths
    from app.settings.sources import Locations
    from app.settings.store import SettingsStore

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    admin = tmp_path / "etc-bauhinia"
    (admin / "policies").mkdir(parents=True)
    monkeypatch.setattr(sources, "admin_config_dir", lambda: admin)
    paths = user_paths().ensure()
    settings = SettingsStore(Locations(paths.config / "settings.json", policy_dir=admin / "policies",
                                       site_defaults=admin / "config.json", env={}))
    from app.ui.main_window import MainWindow

    def no_model() -> Path:
        raise RuntimeError("no diagnostic model in this test")

    window = MainWindow(settings, paths, diagnostic_factory=no_model)
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.show()
    window.start()
    yield window
    window.close()
    keyring.set_keyring(previous)


def _visible_texts(window: Any) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts = [a.text() for a in window.menuBar().actions()]
    texts += [w.text() for w in window.findChildren(QLabel) if w.isVisible() and w.text()]
    texts += [w.text() for w in window.findChildren(QAbstractButton) if w.isVisible() and w.text()]
    return texts


@pytest.mark.ui
def test_main_window_switches_language_live_with_screenshots(main_window: Any, qtbot: Any,
                                                             restore_english: None) -> None:
    window = main_window
    shots: dict[str, list[str]] = {}
    for language in ("en", "zh_HK", "zh_CN"):
        i18n.switch_language(language)
        qtbot.wait(50)
        shots[language] = _visible_texts(window)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        assert window.grab().save(str(SCREENSHOTS / f"main_window_{language}.png"))
    menus = {lang: [t for t in texts[:4]] for lang, texts in shots.items()}
    assert "&File" in menus["en"]
    assert "檔案(&F)" in menus["zh_HK"]
    assert "文件(&F)" in menus["zh_CN"]
    hk = "".join(shots["zh_HK"])
    cn = "".join(shots["zh_CN"])
    assert "紫荊助手" in hk and "紫荆助手" in cn
    # nothing visible stays in English once switched, except names and keys
    leftovers = [t for t in shots["zh_HK"] if t in shots["en"] and any(c.isalpha() and c.isascii() for c in t)
                 and t not in ("GGUF",)]
    assert not leftovers, leftovers


DOMAIN_PROBE = """
import json, sys
from app import translation
from app.store import errors  # noqa: F401  (the domain: store, settings, chat core)
from app.settings import declarations  # noqa: F401
import app.chat  # noqa: F401
translation.use_language({lang!r})
from app.translation import tr
out = {{
    "thinking": tr("CLI", "Thinking…"),
    "deleted": tr("HistoryCli", "Deleted %n conversation(s).", n=3),
    "qt_loaded": sorted(m for m in sys.modules if m.startswith("PySide6")),
}}
print(json.dumps(out, ensure_ascii=False))
"""


def test_domain_translates_without_loading_qt() -> None:
    """The domain's strings come from the Qt-free catalogue: no PySide6 module is imported, and no
    ``.qm`` is compiled or read for a lookup."""
    out = json.loads(run_python(DOMAIN_PROBE.format(lang="zh_HK"), LANG="C.UTF-8"))
    assert out == {"thinking": "思考中…", "deleted": "已刪除 3 個對話。", "qt_loaded": []}
    out = json.loads(run_python(DOMAIN_PROBE.format(lang="zh_CN"), LANG="C.UTF-8"))
    assert out["deleted"] == "已删除 3 个对话。" and out["qt_loaded"] == []


def test_an_injected_translator_is_used_by_the_domain() -> None:
    from app import translation
    from app.store.errors import HistoryError  # noqa: F401  (imports the domain module under test)

    seen: list[tuple[str, str]] = []

    def fake(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        seen.append((context, text))
        return "«" + text + "»"

    translation.set_translator(fake, "zh_HK")
    try:
        text = "Policy requires encrypted history."
        assert translation.tr("HistoryStore", text) == f"«{text}»"
        assert ("HistoryStore", "Policy requires encrypted history.") in seen
    finally:
        translation.set_translator(None)
