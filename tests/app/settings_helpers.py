"""Shared helpers for the settings tests: temporary admin/user locations and a registry stand-in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.settings.sources import Locations


class DictRegistry:
    """Stands in for HKLM (winreg exists only on Windows): ``{key path: {value name: value}}``.

    ``broken`` lists key paths that exist but cannot be read (access denied)."""

    def __init__(self, keys: dict[str, dict[str, Any]], broken: tuple[str, ...] = ()) -> None:
        self.keys = keys
        self.broken = broken
        self.reads: list[str] = []

    def read(self, key_path: str) -> dict[str, Any] | None:
        self.reads.append(key_path)
        if key_path in self.broken:
            raise PermissionError(5, "Access is denied", key_path)
        values = self.keys.get(key_path)
        return None if values is None else dict(values)


def write_json(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def linux_locations(root: Path, env: dict[str, str] | None = None) -> Locations:
    etc = root / "etc" / "bauhinia"
    return Locations(
        user_settings=root / "home" / "config" / "settings.json",
        policy_dir=etc / "policies",
        site_defaults=etc / "config.json",
        env=env or {},
    )
