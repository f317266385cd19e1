"""Session-wide test set-up: no network, an isolated BAUHINIA_HOME, offscreen Qt."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import netguard  # noqa: E402

netguard.install()

pytest_plugins = ["fixtures_models"]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own profile; nothing touches the real user's data."""
    home = tmp_path / "bauhinia-home"
    monkeypatch.setenv("BAUHINIA_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def _isolated_admin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Tests never read the machine's real /etc/bauhinia (policy, site defaults, catalogue)."""
    from app.settings import sources

    folder = tmp_path / "etc-bauhinia"
    monkeypatch.setattr(sources, "admin_config_dir", lambda: folder)
    return folder


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """A test that switches the interface language must not leak it into the next test."""
    yield
    import app.i18n as i18n

    if i18n._language not in (None, "en"):
        i18n.install_translators(None, "en")


@pytest.fixture
def memory_keyring() -> Iterator[object]:
    """An in-memory keyring for the test (no keyring backend works headless here)."""
    import keyring
    from keyring_backend import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
