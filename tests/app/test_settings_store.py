"""Layered settings on Linux-style files: precedence, locks, admin-only keys, migration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.settings.declarations import SETTINGS, UnknownSettingError
from app.settings.sources import SourceKind, default_locations, env_name
from app.settings.store import AdminOnlySettingError, LockedSettingError, SettingsStore
from tests.app.settings_helpers import linux_locations, write_json


def test_nothing_configured_gives_declared_defaults(tmp_path: Path) -> None:
    store = SettingsStore(linux_locations(tmp_path))
    for s in SETTINGS:
        eff = store.effective(s.key)
        assert eff.value == s.default and eff.source is SourceKind.DEFAULT and not eff.locked
    assert store.problems == []


def test_precedence_default_site_user_environment_policy(tmp_path: Path) -> None:
    loc = linux_locations(tmp_path, env={env_name("ui.font_size"): "20", env_name("ui.theme"): "dark"})
    write_json(loc.site_defaults, {"ui.font_size": 12, "ui.theme": "light", "sampling.top_k": 20,
                                   "chat.system_prompt": "site"})
    write_json(loc.user_settings, {"ui.font_size": 16, "ui.theme": "system", "sampling.top_k": 30})
    write_json(loc.policy_dir / "10-theme.json", {"ui.theme": "light"})
    store = SettingsStore(loc)
    assert (store.get("chat.system_prompt"), store.effective("chat.system_prompt").source) == (
        "site", SourceKind.SITE)
    assert (store.get("sampling.top_k"), store.effective("sampling.top_k").source) == (30, SourceKind.USER)
    assert (store.get("ui.font_size"), store.effective("ui.font_size").source) == (20, SourceKind.ENVIRONMENT)
    theme = store.effective("ui.theme")
    assert (theme.value, theme.source, theme.locked) == ("light", SourceKind.POLICY, True)
    assert theme.origin.endswith("10-theme.json")
    assert not theme.editable and theme.lock_message() == "Managed by your organisation"
    assert store.get("sampling.temperature") == 0.6


def test_user_cannot_override_a_lock_by_ui_file_or_environment(tmp_path: Path) -> None:
    loc = linux_locations(tmp_path, env={env_name("sampling.max_tokens"): "999"})
    write_json(loc.policy_dir / "lock.json", {"sampling.max_tokens": 512})
    write_json(loc.user_settings, {"sampling.max_tokens": 4096})
    store = SettingsStore(loc)
    assert store.get("sampling.max_tokens") == 512 and store.is_locked("sampling.max_tokens")
    with pytest.raises(LockedSettingError, match="managed by your organisation"):
        store.set("sampling.max_tokens", 100)
    with pytest.raises(LockedSettingError):
        store.reset("sampling.max_tokens")
    assert json.loads(loc.user_settings.read_text()) == {"sampling.max_tokens": 4096}
    # The same store honours the user's value once the policy is withdrawn.
    (loc.policy_dir / "lock.json").unlink()
    store.reload()
    assert store.get("sampling.max_tokens") == 999  # environment still outranks the user file


def test_admin_only_settings_refuse_user_file_environment_and_set(tmp_path: Path) -> None:
    loc = linux_locations(tmp_path, env={env_name("remote.allowed"): "true"})
    write_json(loc.user_settings, {"remote.allowed": True, "models.require_verification": False})
    write_json(loc.site_defaults, {"models.require_verification": True})
    store = SettingsStore(loc)
    assert store.get("remote.allowed") is False
    req = store.effective("models.require_verification")
    assert (req.value, req.source, req.locked, req.editable) == (True, SourceKind.SITE, False, False)
    messages = [str(p) for p in store.problems]
    assert any("remote.allowed" in m and "only an administrator" in m and "environment" in m for m in messages)
    assert any("remote.allowed" in m and "settings.json" in m for m in messages)
    with pytest.raises(AdminOnlySettingError):
        store.set("remote.allowed", True)


def test_set_validates_writes_atomically_and_reset_restores_site_default(tmp_path: Path) -> None:
    loc = linux_locations(tmp_path)
    write_json(loc.site_defaults, {"ui.font_size": 12})
    store = SettingsStore(loc)
    eff = store.set("ui.font_size", 18)
    assert (eff.value, eff.source) == (18, SourceKind.USER)
    assert json.loads(loc.user_settings.read_text(encoding="utf-8")) == {"ui.font_size": 18}
    with pytest.raises(ValueError, match="above the maximum 32"):
        store.set("ui.font_size", 99)
    with pytest.raises(ValueError, match="whole number"):
        store.set("ui.font_size", "18")
    with pytest.raises(ValueError, match="one of"):
        store.set("ui.theme", "purple")
    assert store.get("ui.font_size") == 18
    assert store.reset("ui.font_size").source is SourceKind.SITE
    assert store.get("ui.font_size") == 12
    assert list(loc.user_settings.parent.glob(".settings-*")) == []


def test_unknown_keys_are_refused_at_run_time(tmp_path: Path) -> None:
    store = SettingsStore(linux_locations(tmp_path))
    with pytest.raises(UnknownSettingError):
        store.get("ui.colour")
    with pytest.raises(KeyError):
        store.set("no.such", 1)


def test_bad_user_values_are_reported_not_used(tmp_path: Path) -> None:
    loc = linux_locations(tmp_path)
    write_json(loc.user_settings, {"ui.font_size": 500, "sampling.temperature": "hot", "ui.colour": "red",
                                   "ui.theme": "dark"})
    store = SettingsStore(loc)
    assert store.get("ui.font_size") == 11 and store.get("sampling.temperature") == 0.6
    assert store.get("ui.theme") == "dark"
    text = "\n".join(map(str, store.problems))
    assert "ui.font_size" in text and "sampling.temperature" in text and "ui.colour: unknown setting" in text


def test_renamed_and_removed_keys_migrate(tmp_path: Path) -> None:
    loc = linux_locations(tmp_path)
    write_json(loc.user_settings, {"ui.locale": "zh_HK", "history.keep_days": 30, "ui.show_tray_icon": True})
    store = SettingsStore(loc)
    assert store.get("ui.language") == "zh_HK" and store.get("history.retention_days") == 30
    assert store.problems == []  # removed keys are dropped quietly
    store.set("ui.theme", "dark")
    assert json.loads(loc.user_settings.read_text()) == {
        "ui.language": "zh_HK", "ui.theme": "dark", "history.retention_days": 30}


def test_corrupt_user_file_is_reported_and_kept_aside_on_next_write(tmp_path: Path) -> None:
    loc = linux_locations(tmp_path)
    loc.user_settings.parent.mkdir(parents=True)
    loc.user_settings.write_text("{not json", encoding="utf-8")
    store = SettingsStore(loc)
    assert any("malformed settings file" in str(p) for p in store.problems)
    store.set("ui.theme", "dark")
    kept = list(loc.user_settings.parent.glob("settings.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_text() == "{not json"
    assert store.get("ui.theme") == "dark" and store.problems == []


def test_default_locations_move_only_user_file_with_bauhinia_home(tmp_path: Path) -> None:
    env = {"BAUHINIA_HOME": str(tmp_path / "portable")}
    loc = default_locations(env=env, platform="linux", system_dir=tmp_path / "etc")
    assert loc.user_settings == tmp_path / "portable" / "config" / "settings.json"
    assert loc.policy_dir == tmp_path / "etc" / "policies"
    assert loc.site_defaults == tmp_path / "etc" / "config.json"
    # BAUHINIA_HOME never moves the admin folder (conftest points it at a temporary folder so tests
    # cannot read this machine's real policy; the real default is /etc/bauhinia).
    from app.paths import system_config_dir
    from app.settings import sources

    assert default_locations(env=env, platform="linux").policy_dir == sources.admin_config_dir() / "policies"
    assert system_config_dir() == Path("/etc/bauhinia")
    win = default_locations(env=env, platform="win32", registry=object())  # type: ignore[arg-type]
    assert win.policy_dir is None and win.registry is not None
