"""Which model to use when none is named: the ``model.default`` setting, else the catalogue's
default entry. One rule for the CLI (``app.model_resolver``) and the window, in a module light
enough for the window to import on the UI thread (no engine)."""

from __future__ import annotations

from typing import Any

from app.typed_settings import SettingsReader, get_str


def default_model_ref(settings: SettingsReader, catalogue: Any) -> str | None:
    ref = get_str(settings, "model.default")
    if ref:
        return ref
    entry = catalogue.default_entry()
    return str(entry.id) if entry is not None else None
