"""Issue 11 item 13 (folders): the profile folders are 0700, and folders an earlier release made
0755 are narrowed on start; the settings file is written 0600 in a 0700 folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.paths import make_private_dir, user_paths
from app.settings.sources import Locations
from app.settings.store import SettingsStore

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_profile_folders_are_created_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        paths = user_paths({"BAUHINIA_HOME": str(tmp_path / "profile")}).ensure()
    finally:
        os.umask(old)
    for folder in (tmp_path / "profile", paths.data, paths.config, paths.cache, paths.logs, paths.models):
        assert _mode(folder) == 0o700, folder


def test_existing_0755_profile_folders_are_narrowed_on_start(tmp_path: Path) -> None:
    paths = user_paths({"BAUHINIA_HOME": str(tmp_path / "profile")})
    for folder in (paths.data, paths.config, paths.cache, paths.logs, paths.models):
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o755)
    (paths.data / "history.sqlite3").write_bytes(b"")
    paths.ensure()
    for folder in (paths.data, paths.config, paths.cache, paths.logs, paths.models):
        assert _mode(folder) == 0o700, folder


def test_make_private_dir_creates_missing_parents_and_keeps_0700(tmp_path: Path) -> None:
    make_private_dir(tmp_path / "a" / "b")
    assert _mode(tmp_path / "a" / "b") == 0o700


def test_settings_file_is_0600_in_a_0700_folder(tmp_path: Path) -> None:
    store = SettingsStore(Locations(user_settings=tmp_path / "cfg" / "settings.json"))
    store.set("ui.theme", "dark")
    assert _mode(tmp_path / "cfg") == 0o700
    assert _mode(tmp_path / "cfg" / "settings.json") == 0o600
