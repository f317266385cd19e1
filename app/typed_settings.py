"""Typed reads of declared settings: each returns its declared Python type, checked against the
declaration, so callers stop wrapping ``settings.get`` in ``int()``/``str()``/``bool()``.

A getter of the wrong kind for a key (``get_int`` on a string setting) raises ``TypeError``: a
programming error a test catches, not something a user can cause. ``settings`` is anything with
``get(key)`` (``SettingsStore``, a test double).
"""

from __future__ import annotations

from typing import Any, Protocol

from app.settings.declarations import Kind, lookup


class SettingsReader(Protocol):
    def get(self, key: str) -> Any: ...


def _checked(settings: SettingsReader, key: str, *kinds: Kind) -> Any:
    declared = lookup(key).kind
    if declared not in kinds:
        raise TypeError(f"{key} is declared {declared.value}, not {'/'.join(k.value for k in kinds)}")
    return settings.get(key)


def get_int(settings: SettingsReader, key: str) -> int:
    return int(_checked(settings, key, Kind.INT))


def get_float(settings: SettingsReader, key: str) -> float:
    return float(_checked(settings, key, Kind.FLOAT))


def get_bool(settings: SettingsReader, key: str) -> bool:
    return bool(_checked(settings, key, Kind.BOOL))


def get_str(settings: SettingsReader, key: str) -> str:
    """A text or choice setting (``None`` reads as ``""``)."""
    value = _checked(settings, key, Kind.STR, Kind.ENUM)
    return "" if value is None else str(value)


def get_str_list(settings: SettingsReader, key: str) -> list[str]:
    return [str(v) for v in (_checked(settings, key, Kind.STR_LIST) or [])]
