"""Effective settings: the layers stacked in precedence order, and user writes that refuse locks.

Precedence, lowest to highest: built-in default → site defaults → user file → environment →
installer (Windows MSI values, locked) → managed policy (Group Policy / policies/*.json, locked).
A value set by policy or the installer (or forced to its safest value because such a source was
unreadable) is *locked*: ``set`` refuses it, and a user file or environment variable that names it
is simply outranked. Group Policy overrides an installer value, so GPO reports stay the truth.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.i18n import tr
from app.paths import make_private_dir
from app.settings.declarations import SETTINGS, Scope, Setting, lookup
from app.settings.sources import (
    Layer,
    Locations,
    Problem,
    SourceKind,
    default_locations,
    read_environment,
    read_installer,
    read_policy,
    read_site,
    read_user,
)


class SettingsError(Exception):
    """A settings change was refused; the message is fit to show the user."""


class LockedSettingError(SettingsError):
    """The setting is managed by policy and cannot be changed here."""


class AdminOnlySettingError(SettingsError):
    """Only an administrator (site defaults or policy) may set this."""


@dataclass(frozen=True)
class Effective:
    """One setting's value as the application sees it, and where it came from."""

    setting: Setting
    value: Any
    source: SourceKind
    origin: str  # file, registry key, "environment" or "built-in"
    locked: bool
    fail_closed: bool = False
    reason: str = ""

    @property
    def key(self) -> str:
        return self.setting.key

    @property
    def editable(self) -> bool:
        """Whether the user may change it (the UI greys it out otherwise)."""
        return not self.locked and self.setting.scope is Scope.USER

    def lock_message(self) -> str:
        if self.fail_closed:
            return tr("Settings", "Managed by your organisation (policy unreadable; safest value used)")
        if self.locked:
            return tr("Settings", "Managed by your organisation")
        if self.setting.scope is Scope.ADMIN:
            return tr("Settings", "Set by your administrator")
        return ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "key": self.key,
            "value": self.value,
            "source": self.source.value,
            "origin": self.origin,
            "locked": self.locked,
            "scope": self.setting.scope.value,
            "restart": self.setting.restart,
        }
        if self.fail_closed:
            out["fail_closed"] = True
            out["reason"] = self.reason
        return out


class SettingsStore:
    """Reads every source once (``reload`` to re-read) and answers ``get``/``effective``."""

    def __init__(self, locations: Locations | None = None) -> None:
        self.locations = locations if locations is not None else default_locations()
        self._effective: dict[str, Effective] = {}
        self._user: Layer = Layer(SourceKind.USER)
        self._user_corrupt = False
        self.problems: list[Problem] = []
        self.reload()

    # -- reading ---------------------------------------------------------------------------
    def reload(self) -> None:
        policy = read_policy(self.locations)
        installer = read_installer(self.locations)
        site = read_site(self.locations)
        self._user, self._user_corrupt = read_user(self.locations)
        env = read_environment(self.locations)
        self.problems = [*policy.problems, *installer.problems, *site.problems, *self._user.problems,
                         *env.problems]
        effective: dict[str, Effective] = {}
        for s in SETTINGS:
            current = Effective(s, s.default, SourceKind.DEFAULT, "built-in", locked=False)
            for layer in (site, self._user, env):
                if s.key in layer.values:
                    current = Effective(s, layer.values[s.key], layer.kind, layer.origins[s.key], False)
            for locked in (installer, policy):
                if s.key in locked.values:
                    reason = locked.fail_closed.get(s.key, "")
                    current = Effective(
                        s, locked.values[s.key], locked.kind, locked.origins[s.key],
                        locked=True, fail_closed=bool(reason), reason=reason,
                    )
            effective[s.key] = current
        self._effective = effective

    def effective(self, key: str) -> Effective:
        lookup(key)
        return self._effective[key]

    def get(self, key: str) -> Any:
        """The effective value of a declared setting; ``UnknownSettingError`` otherwise."""
        value = self.effective(key).value
        return list(value) if isinstance(value, list) else value

    def is_locked(self, key: str) -> bool:
        return self.effective(key).locked

    def all(self) -> list[Effective]:
        return [self._effective[s.key] for s in SETTINGS]

    # -- writing ---------------------------------------------------------------------------
    def set(self, key: str, value: Any) -> Effective:
        """Store a user value; refuses locked and admin-only settings and invalid values."""
        current = self.effective(key)
        self._check_writable(current)
        clean = current.setting.validate(value)
        values = dict(self._user.values)
        values[key] = clean
        self._write_user(values)
        return self.effective(key)

    def reset(self, key: str) -> Effective:
        """Forget the user's value so the site default or built-in default applies again."""
        current = self.effective(key)
        self._check_writable(current)
        values = dict(self._user.values)
        values.pop(key, None)
        self._write_user(values)
        return self.effective(key)

    def _check_writable(self, current: Effective) -> None:
        if current.locked:
            raise LockedSettingError(
                tr("Settings", "'%1' is managed by your organisation and cannot be changed.").replace(
                    "%1", current.key
                )
            )
        if current.setting.scope is Scope.ADMIN:
            raise AdminOnlySettingError(
                tr("Settings", "'%1' can only be set by an administrator.").replace("%1", current.key)
            )

    def _write_user(self, values: dict[str, Any]) -> None:
        path = self.locations.user_settings
        make_private_dir(path.parent)
        if self._user_corrupt and path.exists():
            # Keep the unreadable file for inspection instead of silently overwriting it.
            path.replace(path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}"))
        ordered = {s.key: values[s.key] for s in SETTINGS if s.key in values}
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(ordered, fh, ensure_ascii=False, indent=2)
                fh.write("\n")
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.reload()
