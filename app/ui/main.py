"""``bauhinia`` with no arguments: open the window (or bring the running one forward).

Kept light on purpose: only Qt is imported before the first paint; the history store opens
right after the window is shown and the engine is imported in its worker thread.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"


def _icon_path() -> Path | None:
    for candidate in (RESOURCES / "icons" / "hk.gov.bauhinia.svg",
                      RESOURCES / "icons" / "hicolor" / "256x256" / "apps" / "hk.gov.bauhinia.png"):
        if candidate.is_file():
            return candidate
    return None


def _exit_after_first_paint(app: QApplication, window: QWidget, timeout_ms: int = 60_000) -> None:
    """BAUHINIA_EXIT_AFTER_PAINT=1: once a widget of ``window`` has really received a paint event,
    print ``painted <unix time> <width>x<height>`` on stdout (and append it to the file
    BAUHINIA_PAINT_REPORT names, for the windowed Windows build, which has no stdout) and close the
    window (exit 0). If no paint comes within ``timeout_ms``, say so on stderr and exit 1.
    Start-up benchmarks and the packaging smoke tests (frozen bundle, installed DEB, Windows build)
    read that line."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QWidget as Widget

    class PaintProbe(QObject):
        painted = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (not self.painted and event.type() == QEvent.Type.Paint and isinstance(watched, Widget)
                    and watched.window() is window):
                self.painted = True
                QTimer.singleShot(0, report)
            return False

    probe = PaintProbe(app)

    def report() -> None:
        app.removeEventFilter(probe)
        size = window.size()
        line = f"painted {time.time():.6f} {size.width()}x{size.height()}\n"
        if sys.stdout is not None:  # a windowed (no console) Windows build has no stdout
            sys.stdout.write(line)
            sys.stdout.flush()
        report_file = os.environ.get("BAUHINIA_PAINT_REPORT")
        if report_file:
            with open(report_file, "a", encoding="utf-8") as f:
                f.write(line)
        window.close()

    def give_up() -> None:
        if not probe.painted:
            if sys.stderr is not None:
                sys.stderr.write("bauhinia: the window was not painted\n")
            app.exit(1)

    app.installEventFilter(probe)
    QTimer.singleShot(timeout_ms, give_up)


def has_display(argv: Sequence[str] = (), env: Mapping[str, str] | None = None,
                platform: str = sys.platform) -> bool:
    """Whether the window can open: always on Windows and macOS; elsewhere only in a desktop
    session (DISPLAY or WAYLAND_DISPLAY) or when a Qt platform was chosen (QT_QPA_PLATFORM or
    ``-platform``, e.g. offscreen or vnc). Without one Qt would abort the process (exit 134)."""
    if platform in ("win32", "darwin"):
        return True
    env = os.environ if env is None else env
    if any(arg == "-platform" or arg.startswith("-platform=") for arg in argv):
        return True
    return any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def run(argv: list[str]) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from app import __version__
    from app.i18n import install_translators
    from app.paths import user_paths
    from app.settings.store import SettingsStore
    from app.typed_settings import get_str
    from app.ui.main_window import MainWindow
    from app.ui.single_instance import InstanceServer, notify_running, server_name
    from app.ui.theme import apply_theme

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
    settings = SettingsStore()
    # Before any widget exists, so every text is created in the chosen language.
    install_translators(app, get_str(settings, "ui.language"))
    apply_theme(get_str(settings, "ui.theme"))  # palette and style sheet (resources/styles/app.qss)
    paths = user_paths().ensure()
    window = MainWindow(settings, paths)
    server.activated.connect(window.bring_to_front)
    window.show()
    if os.environ.get("BAUHINIA_EXIT_AFTER_PAINT"):  # start-up benchmark and packaging smoke test
        _exit_after_first_paint(app, window)
    app.processEvents()  # paint the window before the history store (and SQLAlchemy) load
    if not os.environ.get("BAUHINIA_EXIT_AFTER_PAINT"):
        QTimer.singleShot(0, window.start)
    code = app.exec()
    server.close()
    return int(code)
