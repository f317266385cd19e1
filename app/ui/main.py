"""``bauhinia`` with no arguments: open the window (or bring the running one forward).

Kept light on purpose: only Qt is imported before the first paint; the history store opens
right after the window is shown and the engine is imported in its worker thread.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"


def _icon_path() -> Path | None:
    for candidate in (RESOURCES / "icons" / "hk.gov.bauhinia.svg",
                      RESOURCES / "icons" / "hicolor" / "256x256" / "apps" / "hk.gov.bauhinia.png"):
        if candidate.is_file():
            return candidate
    return None


def _stylesheet() -> str:
    path = RESOURCES / "styles" / "app.qss"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def run(argv: list[str]) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from app import __version__
    from app.i18n import install_translators
    from app.paths import user_paths
    from app.settings.store import SettingsStore
    from app.ui.main_window import MainWindow, apply_theme
    from app.ui.single_instance import InstanceServer, notify_running, server_name

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "bauhinia", *argv])
    assert isinstance(app, QApplication)
    app.setApplicationName("Bauhinia")
    app.setApplicationDisplayName("Bauhinia 紫荊助手")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Bauhinia")
    app.setDesktopFileName("hk.gov.bauhinia")
    name = server_name()
    if notify_running(name):
        return 0
    server = InstanceServer(name)
    server.listen()
    icon = _icon_path()
    if icon is not None:
        app.setWindowIcon(QIcon(str(icon)))
    qss = _stylesheet()
    if qss:
        app.setStyleSheet(qss)
    settings = SettingsStore()
    # Before any widget exists, so every text is created in the chosen language.
    install_translators(app, str(settings.get("ui.language")))
    apply_theme(str(settings.get("ui.theme")))
    paths = user_paths().ensure()
    window = MainWindow(settings, paths)
    server.activated.connect(window.bring_to_front)
    window.show()
    app.processEvents()  # paint the window before the history store (and SQLAlchemy) load
    if os.environ.get("BAUHINIA_EXIT_AFTER_PAINT"):  # start-up benchmark: report the paint, then quit
        sys.stdout.write(f"painted {time.time():.6f}\n")
        sys.stdout.flush()
        QTimer.singleShot(0, window.close)
    else:
        QTimer.singleShot(0, window.start)
    code = app.exec()
    server.close()
    return int(code)
