"""Where setting values come from: built-in defaults, site defaults, the user's file, the
environment, the installer's locked values (Windows MSI) and managed policy — read from the
places DESIGN §2 names, every base injectable.

Administrator files (policy, site defaults) are read only when non-administrators cannot change
them (``app.admin_files``); a refused policy file counts as unreadable, so security settings fail
closed. Path settings are expanded (``%VAR%``, ``$VAR``) and must be absolute (``app.paths``).

Each reader returns a ``Layer`` of already-validated values plus the problems it met. Nothing
here decides precedence (that is ``store.py``); but the policy reader does decide how policy files
that disagree are merged (the stricter value wins for security settings) and which security
settings must fail closed because a policy source could not be read.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

from app.admin_files import file_problem, folder_problem
from app.i18n import tr
from app.paths import PathSettingError, expand_path, machine_folders, system_config_dir, user_paths
from app.settings.declarations import (
    BY_KEY,
    BY_POLICY_NAME,
    CONTEXT,
    OLD_NAMES,
    REMOVED_KEYS,
    SETTINGS,
    InvalidValueError,
    Kind,
    Scope,
    Setting,
    fill,
    security_settings,
)

POLICY_REGISTRY_KEY = r"Software\Policies\Bauhinia\Bauhinia"
SITE_REGISTRY_KEY = r"Software\Bauhinia\Bauhinia"
#: Locked values the MSI writes (its properties); ranks below Group Policy, above everything else.
INSTALLER_REGISTRY_KEY = r"Software\Bauhinia\Bauhinia\Installer"
ENV_PREFIX = "BAUHINIA_SETTING_"
# Keys a JSON file may carry besides settings (schema pointer, admin comments).
META_KEYS = frozenset({"$schema", "$comment", "_comment"})


class SourceKind(Enum):
    DEFAULT = "default"
    SITE = "site"
    USER = "user"
    ENVIRONMENT = "environment"
    INSTALLER = "installer"
    POLICY = "policy"


#: Sources only an administrator can write: their values are the organisation's word.
ADMIN_SOURCES = frozenset({SourceKind.SITE, SourceKind.INSTALLER, SourceKind.POLICY})


@dataclass(frozen=True)
class Problem:
    """Something wrong in one source, worded for an administrator."""

    origin: str
    key: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.origin}: {self.key}" if self.key else self.origin
        return f"{where}: {self.message}"


@dataclass
class Layer:
    kind: SourceKind
    values: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Security settings that must take their safest value, locked (policy layer only).
    fail_closed: dict[str, str] = field(default_factory=dict)  # key → reason


class RegistryReader(Protocol):
    """Reads the values under one ``HKEY_LOCAL_MACHINE`` key."""

    def read(self, key_path: str) -> dict[str, Any] | None:
        """``{value name: value}`` (REG_DWORD → int, REG_SZ → str, REG_MULTI_SZ → list[str]);
        ``None`` when the key does not exist; ``OSError`` when it exists but cannot be read."""
        ...


class WinregReader:
    """The real Windows registry (64-bit view); only constructed on Windows."""

    def read(self, key_path: str) -> dict[str, Any] | None:  # pragma: no cover - Windows only
        winreg: Any = importlib.import_module("winreg")  # typeshed hides it off Windows

        access = winreg.KEY_READ | getattr(winreg, "KEY_WOW64_64KEY", 0)
        try:
            handle = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key_path, 0, access)
        except FileNotFoundError:
            return None
        values: dict[str, Any] = {}
        with handle:
            index = 0
            while True:
                try:
                    name, value, _type = winreg.EnumValue(handle, index)
                except OSError:  # ERROR_NO_MORE_ITEMS
                    break
                values[name] = value
                index += 1
        return values


@dataclass(frozen=True)
class Locations:
    """Every place settings are read from; tests pass temporary ones."""

    user_settings: Path
    policy_dir: Path | None = None
    site_defaults: Path | None = None
    registry: RegistryReader | None = None
    env: Mapping[str, str] = field(default_factory=dict)
    #: Owners trusted as administrators for policy/site files; ``None``: ``admin_files.admin_uids()``.
    admin_uids: frozenset[int] | None = None
    #: Platform whose path rules apply to path settings ("" = Windows when a registry is read,
    #: else this machine's), and its machine folders (``%ProgramData%`` …).
    platform: str = ""
    trusted_folders: Mapping[str, str] = field(default_factory=dict)

    @property
    def path_platform(self) -> str:
        return self.platform or ("win32" if self.registry is not None else sys.platform)

    def describe(self) -> dict[str, str]:
        out = {"user_settings": str(self.user_settings)}
        if self.policy_dir is not None:
            out["policy"] = str(self.policy_dir / "*.json")
        if self.site_defaults is not None:
            out["site_defaults"] = str(self.site_defaults)
        if self.registry is not None:
            out["policy_registry"] = "HKLM\\" + POLICY_REGISTRY_KEY
            out["installer_registry"] = "HKLM\\" + INSTALLER_REGISTRY_KEY
            out["site_registry"] = "HKLM\\" + SITE_REGISTRY_KEY
        return out


def admin_config_dir() -> Path:
    """Admin-owned folder of site defaults, policy and the catalogue (tests replace this function)."""
    return system_config_dir()


def default_locations(
    env: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    system_dir: Path | None = None,
    registry: RegistryReader | None = None,
) -> Locations:
    """The platform's real locations. ``BAUHINIA_HOME`` moves only the user's file, never policy."""
    env = dict(os.environ) if env is None else dict(env)
    user_file = user_paths(env).config / "settings.json"
    if platform == "win32":
        return Locations(user_file, registry=registry or WinregReader(), env=env, platform=platform,
                         trusted_folders=machine_folders(platform))
    base = system_dir if system_dir is not None else admin_config_dir()
    return Locations(user_file, policy_dir=base / "policies", site_defaults=base / "config.json", env=env,
                     platform=platform)


# ----------------------------------------------------------------------------------------------
# Turning raw values into validated ones
# ----------------------------------------------------------------------------------------------

def _resolve_name(name: str, *, registry: bool) -> tuple[Setting | None, str | None]:
    """Map a file key or registry value name to its declaration; (None, why) when unknown."""
    if registry:
        if name in BY_POLICY_NAME:
            return BY_POLICY_NAME[name], None
        for old, new in OLD_NAMES.items():
            if _camel(old) == name:
                return BY_KEY[new], None
        return None, tr(CONTEXT, "unknown policy value name")
    if name in BY_KEY:
        return BY_KEY[name], None
    if name in OLD_NAMES:
        return BY_KEY[OLD_NAMES[name]], None
    if name in REMOVED_KEYS:
        return None, None
    return None, tr(CONTEXT, "unknown setting")


def _camel(key: str) -> str:
    return "".join(part.capitalize() for part in key.replace("_", ".").split("."))


def coerce_registry(setting: Setting, raw: Any) -> Any:
    """Registry types → declared types (the ADMX writes DWORDs, strings and multi-strings)."""
    kind = setting.kind
    if kind is Kind.BOOL:
        if isinstance(raw, int) and not isinstance(raw, bool) and raw in (0, 1):
            return bool(raw)
        if isinstance(raw, str) and raw.strip() in ("0", "1"):
            return raw.strip() == "1"
        return raw
    if kind is Kind.INT:
        if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 2**31:
            return raw - 2**32  # a REG_DWORD is unsigned; -1 arrives as 0xFFFFFFFF
        if isinstance(raw, str):
            try:
                return int(raw.strip())
            except ValueError:
                return raw
        return raw
    if kind is Kind.FLOAT:
        if isinstance(raw, str):
            try:
                return float(raw.strip())
            except ValueError:
                return raw
        return raw
    if kind is Kind.STR_LIST and isinstance(raw, str):
        return _json_or_raw(raw)
    if kind is Kind.ENDPOINTS and isinstance(raw, str):
        return _json_or_raw(raw)
    return raw


def _json_or_raw(raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def _ingest(
    raw: Mapping[str, Any],
    origin: str,
    layer: Layer,
    *,
    registry: bool = False,
    admin_source: bool = True,
    loc: Locations | None = None,
) -> dict[str, Any]:
    """Validate every entry of one file or registry key; returns ``{key: value}`` of good ones.

    Bad entries become problems; for a policy source a bad security value also marks that key
    for failing closed (the caller decides, via ``admin_source`` and the layer kind).
    """
    good: dict[str, Any] = {}
    for name, value in raw.items():
        if not registry and name in META_KEYS:
            continue
        setting, why = _resolve_name(name, registry=registry)
        if setting is None:
            if why:
                layer.problems.append(Problem(origin, name, fill(tr(CONTEXT, "%1 (ignored)"), why)))
            continue
        if not admin_source and setting.scope is Scope.ADMIN:
            layer.problems.append(
                Problem(origin, setting.key, tr(CONTEXT, "only an administrator may set this (ignored)"))
            )
            continue
        if registry:
            value = coerce_registry(setting, value)
        try:
            good[setting.key] = _expanded(setting, setting.validate(value), loc)
        except InvalidValueError as exc:
            if layer.kind in (SourceKind.POLICY, SourceKind.INSTALLER) and setting.security is not None:
                layer.fail_closed[setting.key] = fill(tr(CONTEXT, "invalid value in %1"), origin)
                layer.problems.append(
                    Problem(origin, setting.key, fill(tr(CONTEXT, "%1; failing closed"), str(exc)))
                )
            else:
                layer.problems.append(
                    Problem(origin, setting.key, fill(tr(CONTEXT, "%1; ignored"), str(exc)))
                )
    return good


def _expanded(setting: Setting, value: Any, loc: Locations | None) -> Any:
    """A path setting with its variables expanded; ``InvalidValueError`` when that fails."""
    if not setting.path or not value or loc is None:
        return value
    try:
        return expand_path(str(value), loc.env, loc.trusted_folders, loc.path_platform)
    except PathSettingError as exc:
        raise InvalidValueError(f"{setting.key}: {exc}") from None


def _load_json_object(path: Path) -> dict[str, Any]:
    """Parse ``path`` as one JSON object; OSError/ValueError for unreadable or malformed files."""
    with path.open("rb") as fh:
        data = json.loads(fh.read().decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError(tr(CONTEXT, "the file must hold one JSON object of setting names and values"))
    return data


# ----------------------------------------------------------------------------------------------
# Readers
# ----------------------------------------------------------------------------------------------

def read_policy(loc: Locations) -> Layer:
    """Managed policy: every ``policies/*.json`` (sorted) and/or the HKLM policy key."""
    layer = Layer(SourceKind.POLICY)
    failed: list[str] = []
    if loc.policy_dir is not None:
        unsafe = folder_problem(loc.policy_dir, loc.admin_uids)
        try:
            if unsafe:
                raise PermissionError(unsafe)
            files = sorted(p for p in loc.policy_dir.iterdir() if p.name.endswith(".json"))
        except FileNotFoundError:
            files = []
        except OSError as exc:
            files = []
            failed.append(str(loc.policy_dir))
            layer.problems.append(
                Problem(str(loc.policy_dir), None, fill(tr(CONTEXT, "cannot list policy folder: %1"), str(exc)))
            )
        for path in files:
            try:
                unsafe = file_problem(path, loc.admin_uids)
                if unsafe:
                    raise PermissionError(fill(tr(CONTEXT, "refused: %1"), unsafe))
                data = _load_json_object(path)
            except (OSError, ValueError) as exc:
                failed.append(str(path))
                layer.problems.append(
                    Problem(str(path), None, fill(tr(CONTEXT, "unreadable or malformed policy: %1"), str(exc)))
                )
                continue
            _merge_policy(layer, _ingest(data, str(path), layer, loc=loc), str(path))
    if loc.registry is not None:
        origin = "HKLM\\" + POLICY_REGISTRY_KEY
        try:
            values = loc.registry.read(POLICY_REGISTRY_KEY)
        except OSError as exc:
            values = None
            failed.append(origin)
            layer.problems.append(
                Problem(origin, None, fill(tr(CONTEXT, "cannot read policy key: %1"), str(exc)))
            )
        if values is not None:
            _merge_policy(layer, _ingest(values, origin, layer, registry=True, loc=loc), origin)
    _close_failed(layer, failed)
    return layer


def _close_failed(layer: Layer, failed: list[str]) -> None:
    """Every security setting takes its safest value when a locked source could not be read."""
    if failed:
        for s in security_settings():
            layer.fail_closed.setdefault(s.key, fill(tr(CONTEXT, "policy could not be read: %1"), ", ".join(failed)))
    for key in layer.fail_closed:
        layer.values[key] = BY_KEY[key].fail_closed_value()
        layer.origins[key] = "fail-closed"


def read_installer(loc: Locations) -> Layer:
    """Locked values the Windows installer wrote (MSI properties) under
    ``HKLM\\Software\\Bauhinia\\Bauhinia\\Installer``. They rank below Group Policy (which
    overrides them value by value) and above site defaults and the user. An unreadable key makes
    security settings fail closed, as for policy."""
    layer = Layer(SourceKind.INSTALLER)
    if loc.registry is None:
        return layer
    origin = "HKLM\\" + INSTALLER_REGISTRY_KEY
    failed: list[str] = []
    try:
        values = loc.registry.read(INSTALLER_REGISTRY_KEY)
    except OSError as exc:
        values = None
        failed.append(origin)
        layer.problems.append(Problem(origin, None, fill(tr(CONTEXT, "cannot read installer key: %1"), str(exc))))
    if values is not None:
        _take(layer, _ingest(values, origin, layer, registry=True, loc=loc), origin)
    _close_failed(layer, failed)
    return layer


def _merge_policy(layer: Layer, good: Mapping[str, Any], origin: str) -> None:
    for key, value in good.items():
        setting = BY_KEY[key]
        if key in layer.values and setting.security is not None:
            merged = setting.stricter(layer.values[key], value)
            if merged != layer.values[key]:
                layer.origins[key] = origin if merged == value else f"{layer.origins[key]} + {origin}"
            layer.values[key] = merged
        else:
            layer.values[key] = value
            layer.origins[key] = origin


def read_site(loc: Locations) -> Layer:
    """Site defaults (IT-set starting values the user may change): config.json and/or HKLM key."""
    layer = Layer(SourceKind.SITE)
    if loc.site_defaults is not None:
        origin = str(loc.site_defaults)
        try:
            unsafe = file_problem(loc.site_defaults, loc.admin_uids)
            if unsafe:
                raise PermissionError(fill(tr(CONTEXT, "refused: %1"), unsafe))
            data = _load_json_object(loc.site_defaults)
        except FileNotFoundError:
            data = {}
        except (OSError, ValueError) as exc:
            data = {}
            layer.problems.append(
                Problem(origin, None, fill(tr(CONTEXT, "unreadable or malformed site defaults: %1"), str(exc)))
            )
        _take(layer, _ingest(data, origin, layer, loc=loc), origin)
    if loc.registry is not None:
        origin = "HKLM\\" + SITE_REGISTRY_KEY
        try:
            values = loc.registry.read(SITE_REGISTRY_KEY) or {}
        except OSError as exc:
            values = {}
            layer.problems.append(
                Problem(origin, None, fill(tr(CONTEXT, "cannot read site defaults key: %1"), str(exc)))
            )
        _take(layer, _ingest(values, origin, layer, registry=True, loc=loc), origin)
    return layer


def read_user(loc: Locations) -> tuple[Layer, bool]:
    """The user's own settings.json; returns (layer, file_is_corrupt)."""
    layer = Layer(SourceKind.USER)
    origin = str(loc.user_settings)
    try:
        data = _load_json_object(loc.user_settings)
    except FileNotFoundError:
        return layer, False
    except (OSError, ValueError) as exc:
        layer.problems.append(
            Problem(origin, None, fill(tr(CONTEXT, "unreadable or malformed settings file: %1"), str(exc)))
        )
        return layer, True
    _take(layer, _ingest(data, origin, layer, admin_source=False, loc=loc), origin)
    return layer, False


def env_name(key: str) -> str:
    return ENV_PREFIX + key.upper().replace(".", "_")


_ENV_NAMES = {env_name(s.key): s for s in SETTINGS}


def read_environment(loc: Locations) -> Layer:
    """``BAUHINIA_SETTING_<KEY>`` overrides for user-level settings (JSON, or plain text for text
    settings). They rank below policy, so they can never loosen it."""
    layer = Layer(SourceKind.ENVIRONMENT)
    raw: dict[str, Any] = {}
    for name, text in loc.env.items():
        if not name.startswith(ENV_PREFIX):
            continue
        setting = _ENV_NAMES.get(name)
        if setting is None:
            layer.problems.append(Problem("environment", name, tr(CONTEXT, "unknown setting (ignored)")))
            continue
        raw[setting.key] = text if setting.kind in (Kind.STR, Kind.ENUM) else _json_or_raw(text)
    _take(layer, _ingest(raw, "environment", layer, admin_source=False, loc=loc), "environment")
    return layer


def _take(layer: Layer, good: Mapping[str, Any], origin: str) -> None:
    for key, value in good.items():
        layer.values[key] = value
        layer.origins[key] = origin
