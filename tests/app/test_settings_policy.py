"""Managed policy: files that try to loosen each other, fail-closed reading, the Windows registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.settings.declarations import BY_KEY, security_settings
from app.settings.sources import (
    INSTALLER_REGISTRY_KEY,
    POLICY_REGISTRY_KEY,
    SITE_REGISTRY_KEY,
    Locations,
    SourceKind,
    env_name,
)
from app.settings.store import SettingsStore
from tests.app.settings_helpers import DictRegistry, linux_locations, write_json

STRICT = {
    "remote.allowed": False,
    "history.encryption": "required",
    "history.keyring_fallback": "refuse",
    "models.require_verification": True,
    "models.user_import_allowed": False,
    "history.export_allowed": False,
    "remote.allowed_hosts": ["llm.dept.gov.hk"],
    "remote.allow_insecure_http": False,
    "ui.theme": "dark",
}
LOOSE = {
    "remote.allowed": True,
    "history.encryption": "off",
    "history.keyring_fallback": "unencrypted-with-warning",
    "models.require_verification": False,
    "models.user_import_allowed": True,
    "history.export_allowed": True,
    "remote.allowed_hosts": ["llm.dept.gov.hk", "evil.example.com"],
    "remote.allow_insecure_http": True,
    "ui.theme": "light",
}


@pytest.mark.parametrize("strict_first", [True, False])
def test_policy_files_cannot_loosen_each_other(tmp_path: Path, strict_first: bool) -> None:
    loc = linux_locations(tmp_path)
    first, second = (STRICT, LOOSE) if strict_first else (LOOSE, STRICT)
    write_json(loc.policy_dir / "10-first.json", first)
    write_json(loc.policy_dir / "20-second.json", second)
    store = SettingsStore(loc)
    for key, strict in STRICT.items():
        eff = store.effective(key)
        assert eff.locked and eff.source is SourceKind.POLICY
        if BY_KEY[key].security is not None:
            assert eff.value == strict, key
    # Non-security settings: the later file in sorted order wins.
    assert store.get("ui.theme") == second["ui.theme"]
    assert store.problems == []


def test_allowed_hosts_from_several_policies_intersect(tmp_path: Path) -> None:
    loc = linux_locations(tmp_path)
    write_json(loc.policy_dir / "a.json", {"remote.allowed_hosts": ["a.gov.hk", "b.gov.hk", "c.gov.hk"]})
    write_json(loc.policy_dir / "b.json", {"remote.allowed_hosts": ["c.gov.hk", "b.gov.hk", "d.gov.hk"]})
    eff = SettingsStore(loc).effective("remote.allowed_hosts")
    assert eff.value == ["b.gov.hk", "c.gov.hk"]
    assert "a.json" in eff.origin and "b.json" in eff.origin


def test_policy_that_only_tightens_one_key_leaves_others_to_the_user(tmp_path: Path) -> None:
    loc = linux_locations(tmp_path)
    write_json(loc.policy_dir / "only.json", {"history.export_allowed": False})
    write_json(loc.user_settings, {"ui.theme": "dark"})
    store = SettingsStore(loc)
    assert store.get("history.export_allowed") is False and store.is_locked("history.export_allowed")
    assert store.get("remote.allowed") is False and not store.is_locked("remote.allowed")
    assert store.effective("ui.theme").source is SourceKind.USER


@pytest.mark.parametrize("content", ["{ broken", "[1, 2]", "\xff\xfe not utf-8", "directory"])
def test_malformed_or_unreadable_policy_fails_closed(tmp_path: Path, content: str) -> None:
    loc = linux_locations(tmp_path, env={env_name("history.enabled"): "false"})
    write_json(loc.policy_dir / "10-good.json", {"remote.allowed": True, "remote.allowed_hosts": ["x.gov.hk"],
                                                 "ui.font_size": 15})
    bad = loc.policy_dir / "20-bad.json"
    if content == "directory":
        bad.mkdir()  # exists but cannot be read as a file (works even when tests run as root)
    else:
        bad.write_bytes(content.encode("latin-1"))
    store = SettingsStore(loc)
    for s in security_settings():
        eff = store.effective(s.key)
        assert (eff.value, eff.locked, eff.fail_closed) == (s.fail_closed_value(), True, True), s.key
        assert "20-bad.json" in eff.reason
    assert store.get("remote.allowed") is False and store.get("models.require_verification") is True
    assert store.get("history.encryption") == "required" and store.get("remote.allowed_hosts") == []
    # Settings with no security meaning still come from the readable file and the user.
    assert store.get("ui.font_size") == 15 and store.get("history.enabled") is False
    assert any("20-bad.json" in str(p) and "policy" in str(p) for p in store.problems)
    assert "policy unreadable" in store.effective("remote.allowed").lock_message()


def test_bad_value_in_policy_fails_that_security_setting_closed_only(tmp_path: Path) -> None:
    loc = linux_locations(tmp_path)
    write_json(loc.user_settings, {"ui.font_size": 13})
    write_json(loc.policy_dir / "p.json", {"history.encryption": "maybe", "remote.allowed": True,
                                           "remote.allowed_hosts": ["h.gov.hk"], "ui.font_size": 900})
    store = SettingsStore(loc)
    enc = store.effective("history.encryption")
    assert (enc.value, enc.locked, enc.fail_closed) == ("required", True, True)
    assert store.get("remote.allowed") is True and not store.effective("remote.allowed").fail_closed
    # A bad non-security value is reported and ignored, not used and not locked.
    assert store.get("ui.font_size") == 13 and not store.is_locked("ui.font_size")
    text = "\n".join(map(str, store.problems))
    assert "history.encryption" in text and "failing closed" in text and "ui.font_size" in text


def test_policy_folder_that_cannot_be_listed_fails_closed(tmp_path: Path) -> None:
    loc = linux_locations(tmp_path)
    loc.policy_dir.parent.mkdir(parents=True)
    loc.policy_dir.write_text("not a folder")
    store = SettingsStore(loc)
    assert store.get("models.user_import_allowed") is False and store.is_locked("models.user_import_allowed")


def test_missing_policy_folder_is_no_policy(tmp_path: Path) -> None:
    store = SettingsStore(linux_locations(tmp_path))
    assert not any(e.locked for e in store.all())


def _win(tmp_path: Path, registry: DictRegistry) -> Locations:
    return Locations(user_settings=tmp_path / "settings.json", registry=registry)


def test_windows_registry_policy_and_site_defaults(tmp_path: Path) -> None:
    reg = DictRegistry({
        POLICY_REGISTRY_KEY: {
            "RemoteAllowed": 1,  # REG_DWORD
            "RemoteAllowedHosts": ["llm.dept.gov.hk"],  # REG_MULTI_SZ
            "RemoteEndpoints": '[{"id": "c", "url": "https://llm.dept.gov.hk/v1"}]',  # REG_SZ JSON
            "SamplingTemperature": "0.3",  # REG_SZ
            "BackendGpuLayers": 0xFFFFFFFF,  # -1 written as a DWORD
            "HistoryEncryption": "required",
        },
        SITE_REGISTRY_KEY: {"UiTheme": "dark", "UiFontSize": 14},
    })
    write_json(tmp_path / "settings.json", {"ui.font_size": 16, "sampling.temperature": 1.5})
    store = SettingsStore(_win(tmp_path, reg))
    assert store.get("remote.allowed") is True and store.is_locked("remote.allowed")
    assert store.get("remote.allowed_hosts") == ["llm.dept.gov.hk"]
    assert store.get("remote.endpoints")[0]["id"] == "c"
    assert store.get("sampling.temperature") == 0.3 and store.is_locked("sampling.temperature")
    assert store.get("backend.gpu_layers") == -1
    assert store.effective("ui.theme").source is SourceKind.SITE
    assert store.get("ui.font_size") == 16  # the user may change a site default
    assert store.effective("remote.allowed").origin == "HKLM\\" + POLICY_REGISTRY_KEY
    assert store.problems == []


def test_windows_registry_unreadable_policy_key_fails_closed(tmp_path: Path) -> None:
    reg = DictRegistry({POLICY_REGISTRY_KEY: {"RemoteAllowed": 1}}, broken=(POLICY_REGISTRY_KEY,))
    store = SettingsStore(_win(tmp_path, reg))
    assert store.get("remote.allowed") is False and store.effective("remote.allowed").fail_closed
    assert any("Access is denied" in str(p) for p in store.problems)


def test_windows_registry_bad_values_are_reported(tmp_path: Path) -> None:
    reg = DictRegistry({POLICY_REGISTRY_KEY: {"RemoteAllowed": 7, "UiFontSize": "big", "NoSuchPolicy": 1}})
    store = SettingsStore(_win(tmp_path, reg))
    assert store.effective("remote.allowed").fail_closed and store.get("remote.allowed") is False
    assert store.get("ui.font_size") == 11 and not store.is_locked("ui.font_size")
    text = "\n".join(map(str, store.problems))
    assert "NoSuchPolicy" in text and "ui.font_size" in text


def test_windows_registry_missing_keys_mean_no_policy(tmp_path: Path) -> None:
    reg = DictRegistry({})
    store = SettingsStore(_win(tmp_path, reg))
    assert not any(e.locked for e in store.all())
    assert reg.reads == [POLICY_REGISTRY_KEY, INSTALLER_REGISTRY_KEY, SITE_REGISTRY_KEY]
