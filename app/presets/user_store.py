"""The user's own presets: add, change and remove them in ``presets.json`` in the profile.

Each preset is checked by the same rules as IT's file (:func:`app.presets.loader.parse_preset`,
which agrees with ``packaging/policy/presets.schema.json``) before anything is written. Policy
``presets.user_allowed`` off refuses every change; IT's presets (locked) and the built-in ones
cannot be changed or removed, and their ids cannot be taken. The file is rewritten whole through a
temporary file (a full disk leaves the old one), and entries this version cannot read are kept as
they were. Every refusal is a ``PresetError`` with one translated line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.i18n import tr
from app.presets.collection import load_presets, user_presets_path
from app.presets.loader import CONTEXT, MAX_FILE_BYTES, parse_preset
from app.presets.model import LANGUAGES, Preset, PresetError
from app.typed_settings import get_bool


def preset_to_raw(preset: Preset) -> dict[str, Any]:
    """A preset as a ``presets.json`` entry (only what it sets)."""
    raw: dict[str, Any] = {"id": preset.id, "name": dict(preset.name)}
    if preset.description:
        raw["description"] = dict(preset.description)
    raw["system_prompt"] = dict(preset.system_prompt)
    if preset.sampling:
        raw["sampling"] = dict(preset.sampling)
    if preset.reply_language != "auto":
        raw["reply_language"] = preset.reply_language
    if preset.glossary:
        raw["glossary"] = str(preset.glossary)
    if preset.documents:
        raw["documents"] = [str(d) for d in preset.documents]
    return raw


def clean_texts(texts: Mapping[str, str]) -> dict[str, str]:
    """Only the languages given (an editor's empty fields are left out)."""
    return {lang: texts[lang].strip() for lang in LANGUAGES if texts.get(lang, "").strip()}


def _path(paths: Any) -> Path:
    from app.paths import user_paths

    return user_presets_path(paths or user_paths())


def _read_raw(file: Path) -> list[Any]:
    """The entries of the user's file as written (``[]`` when there is none yet)."""
    if not file.exists():
        return []
    try:
        data = file.read_bytes()
        if len(data) > MAX_FILE_BYTES:
            raise ValueError
        doc = json.loads(data.decode("utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise PresetError(tr(CONTEXT, "Your presets file {file} cannot be read, so it was not changed. Fix or "
                                      "remove it first.").format(file=file)) from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("presets"), list):
        raise PresetError(tr(CONTEXT, "Your presets file {file} cannot be read, so it was not changed. Fix or "
                                      "remove it first.").format(file=file))
    return list(doc["presets"])


def _write_raw(file: Path, entries: list[Any]) -> None:
    from app.store.private_files import private_dir, write_private_atomic

    text = json.dumps({"version": 1, "presets": entries}, ensure_ascii=False, indent=2) + "\n"
    try:
        private_dir(file.parent)
        write_private_atomic(file, text.encode("utf-8"))
    except OSError as exc:
        raise PresetError(tr(CONTEXT, "Your presets could not be saved to {file}: {error}").format(
            file=file, error=exc.strerror or exc)) from exc


def _require_allowed(settings: Any) -> None:
    if not get_bool(settings, "presets.user_allowed"):
        raise PresetError(tr(CONTEXT, "Your organisation's policy does not allow your own presets."))


def edit_refusal(preset: Preset | None, language: str = "en") -> str:
    """Why ``preset`` cannot be changed by the user ('' when it can: one of the user's own)."""
    if preset is None or preset.source == "user":
        return ""
    if preset.locked:
        return tr(CONTEXT, "{name} is managed by your organisation and cannot be changed.").format(
            name=preset.title(language))
    return tr(CONTEXT, "{name} is built in and cannot be changed; save a copy under a new id.").format(
        name=preset.title(language))


def _index(entries: list[Any], preset_id: str) -> int:
    return next((i for i, e in enumerate(entries) if isinstance(e, dict) and e.get("id") == preset_id), -1)


def save_user_preset(settings: Any, raw: Mapping[str, Any], *, replaces: str | None = None,
                     paths: Any = None) -> Preset:
    """Add a preset (``replaces=None``) or change the user's preset ``replaces`` (its id may change).
    Returns the preset as it will be read back."""
    _require_allowed(settings)
    file = _path(paths)
    preset = parse_preset(file, dict(raw), "user")  # the same rules as IT's file
    entries = _read_raw(file)
    others = load_presets(settings, paths)
    refusal = edit_refusal(others.find(replaces)) if replaces is not None else ""
    if refusal:
        raise PresetError(refusal)
    taken = others.find(preset.id)
    if taken is not None and taken.source != "user":
        raise PresetError(tr(CONTEXT, "The id {id} is already used by a built-in or IT preset; choose another.")
                          .format(id=preset.id))
    if replaces is not None:
        where = _index(entries, replaces)
        if where < 0:
            raise PresetError(tr(CONTEXT, "You have no preset {id}.").format(id=replaces))
        if preset.id != replaces and _index(entries, preset.id) >= 0:
            raise PresetError(tr(CONTEXT, "You already have a preset {id}.").format(id=preset.id))
        entries[where] = preset_to_raw(preset)
    else:
        if _index(entries, preset.id) >= 0:
            raise PresetError(tr(CONTEXT, "You already have a preset {id}.").format(id=preset.id))
        entries.append(preset_to_raw(preset))
    _write_raw(file, entries)
    return preset


def remove_user_preset(settings: Any, preset_id: str, *, paths: Any = None) -> None:
    """Remove one of the user's presets (IT's and the built-in ones cannot be removed)."""
    _require_allowed(settings)
    refusal = edit_refusal(load_presets(settings, paths).find(preset_id))
    if refusal:
        raise PresetError(refusal)
    file = _path(paths)
    entries = _read_raw(file)
    where = _index(entries, preset_id)
    if where < 0:
        raise PresetError(tr(CONTEXT, "You have no preset {id}.").format(id=preset_id))
    del entries[where]
    _write_raw(file, entries)
