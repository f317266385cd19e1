"""Typed setting reads return the declared type, for every declared setting, and refuse a getter
of the wrong kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.paths import user_paths
from app.settings.declarations import SETTINGS, Kind
from app.settings.sources import Locations
from app.settings.store import SettingsStore
from app.typed_settings import get_bool, get_float, get_int, get_str, get_str_list

GETTERS = {Kind.INT: (get_int, int), Kind.FLOAT: (get_float, float), Kind.BOOL: (get_bool, bool),
           Kind.STR: (get_str, str), Kind.ENUM: (get_str, str), Kind.STR_LIST: (get_str_list, list)}


def test_every_declared_setting_reads_as_its_type(tmp_path: Path) -> None:
    paths = user_paths()
    store = SettingsStore(Locations(paths.config / "settings.json", policy_dir=tmp_path / "policies",
                                    site_defaults=tmp_path / "config.json", env={}))
    checked = 0
    for s in SETTINGS:
        if s.kind not in GETTERS:
            continue
        getter, kind = GETTERS[s.kind]
        value = getter(store, s.key)
        assert type(value) is kind, (s.key, value)
        checked += 1
    assert checked >= 30
    with pytest.raises(TypeError, match=r"sampling\.max_tokens is declared int"):
        get_str(store, "sampling.max_tokens")
    with pytest.raises(TypeError):
        get_int(store, "chat.system_prompt")
