"""UI test fixtures: offscreen Qt (set in the top conftest), an in-memory keyring (no keyring
backend exists headless), settings read from temporary admin/user folders, and windows that
are shut down cleanly after each test. Screenshots go to ``artifacts/screenshots/``."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from keyring_backend import MemoryKeyring

from app.paths import Paths, user_paths
from app.settings.sources import Locations
from app.settings.store import SettingsStore


@pytest.fixture(autouse=True)
def _memory_keyring_everywhere(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    """Every store/UI test runs with the in-memory keyring from the root conftest."""
    return memory_keyring


@pytest.fixture
def admin_dir(tmp_path: Path) -> Path:
    d = tmp_path / "etc-bauhinia"
    (d / "policies").mkdir(parents=True)
    return d


@pytest.fixture
def make_settings(_isolated_home: Path, admin_dir: Path,
                  monkeypatch: pytest.MonkeyPatch) -> Callable[..., SettingsStore]:
    """``make_settings(policy={...}, user={...})`` → a store over temporary folders."""
    # The catalogue's standard location is the admin folder too; never read the real /etc.
    import app.settings.sources as sources

    monkeypatch.setattr(sources, "admin_config_dir", lambda: admin_dir)

    def make(policy: dict[str, Any] | None = None, user: dict[str, Any] | None = None) -> SettingsStore:
        paths = user_paths()
        if policy:
            (admin_dir / "policies" / "test.json").write_text(json.dumps(policy), encoding="utf-8")
        if user:
            paths.config.mkdir(parents=True, exist_ok=True)
            (paths.config / "settings.json").write_text(json.dumps(user), encoding="utf-8")
        return SettingsStore(Locations(paths.config / "settings.json", policy_dir=admin_dir / "policies",
                                       site_defaults=admin_dir / "config.json", env={}))

    return make


@pytest.fixture
def paths(_isolated_home: Path) -> Paths:
    return user_paths().ensure()


@pytest.fixture
def make_window(qtbot: Any, make_settings: Callable[..., SettingsStore], paths: Paths) -> Iterator[Callable[..., Any]]:
    """``make_window(settings=None, diagnostic=path, start=True)`` → a shown ``MainWindow``;
    ``diagnostic`` is the model file the welcome page's diagnostic button loads."""
    from app.ui.main_window import MainWindow

    made: list[Any] = []

    def make(settings: SettingsStore | None = None, diagnostic: Path | None = None, start: bool = True) -> Any:
        def factory() -> Path:
            if diagnostic is None:
                raise RuntimeError("this test gave no diagnostic model")
            return diagnostic

        window = MainWindow(settings or make_settings(), paths, diagnostic_factory=factory)
        qtbot.addWidget(window)
        made.append(window)
        window.show()
        qtbot.waitExposed(window)
        if start:
            window.start()
        return window

    yield make
    for w in made:
        w.shutdown()
    # Destroy the windows now: an application-wide style sheet set by a later test (theme, zoom)
    # repolishes every widget still alive, and one waiting for its deferred delete crashed Qt.
    from PySide6.QtCore import QCoreApplication, QEvent

    for w in made:
        w.close()
        w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
