"""Session-wide test set-up: no network, an isolated home and admin folder, offscreen Qt.

Isolation (tests/isolation.py): from the moment this file is imported, HOME, the XDG folders and
BAUHINIA_HOME point into a session folder and the admin folder is a temporary one, so session-
and module-scoped fixtures are covered too; every test then gets folders of its own. Child
processes inherit the environment; those that run the CLI go through tests/cli_child.py, which
carries the admin folder over (the app has no switch for it, on purpose).
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import isolation  # noqa: E402  (captures the real home before it is replaced below)
import netguard  # noqa: E402

netguard.install()

_SESSION = Path(tempfile.mkdtemp(prefix="bauhinia-tests-"))
atexit.register(shutil.rmtree, _SESSION, ignore_errors=True)
os.environ.update(isolation.home_env(_SESSION))
os.environ["BAUHINIA_HOME"] = str(_SESSION / "bauhinia-home")
os.environ[isolation.ADMIN_DIR_VAR] = str(_SESSION / "etc-bauhinia")


def _session_admin_dir() -> Path:
    return _SESSION / "etc-bauhinia"


from app.settings import sources as _sources  # noqa: E402

_sources.admin_config_dir = _session_admin_dir

pytest_plugins = ["fixtures_models"]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own profile; nothing touches the real user's data."""
    home = tmp_path / "bauhinia-home"
    monkeypatch.setenv("BAUHINIA_HOME", str(home))
    for name, value in isolation.home_env(tmp_path).items():
        monkeypatch.setenv(name, value)
    return home


@pytest.fixture(autouse=True)
def _isolated_admin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Tests never read the machine's real /etc/bauhinia (policy, site defaults, catalogue)."""
    from app.settings import sources

    folder = tmp_path / "etc-bauhinia"
    monkeypatch.setattr(sources, "admin_config_dir", lambda: folder)
    monkeypatch.setenv(isolation.ADMIN_DIR_VAR, str(folder))
    # The admin folder of a test belongs to whoever runs the tests: trust that uid as well as root,
    # so the suite also passes when run by a normal user (the README's test command).
    from app import admin_files

    monkeypatch.setattr(admin_files, "admin_uids", lambda: frozenset({0, os.getuid()}))
    return folder


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """A test that switches the interface language must not leak it into the next test."""
    yield
    import app.i18n as i18n

    if i18n._language not in (None, "en"):
        i18n.install_translators(None, "en")
    from app import translation

    if translation.current_language() not in (None, "en"):
        translation.use_language("en")


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
