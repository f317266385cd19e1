"""All presets a user sees: the shipped ones, IT's presets.json, and the user's own when allowed.

IT's file comes from ``presets.path`` or, when that is empty, ``presets.json`` beside the model
catalogue (``/etc/bauhinia`` on Linux, ``%ProgramData%\\Bauhinia`` on Windows). Like the
catalogue, a file that non-administrators can change is refused (:mod:`app.admin_files`). An IT
preset with a built-in's id replaces it; a user preset cannot take an id already in use."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.i18n import tr
from app.presets.loader import CONTEXT, read_presets_file
from app.presets.model import Preset, PresetError, Source
from app.typed_settings import get_bool, get_str

BUILTIN_FILE = Path(__file__).resolve().parents[2] / "resources" / "presets" / "builtin.json"
FILE_NAME = "presets.json"


@dataclass
class PresetList:
    presets: list[Preset]
    problems: list[str] = field(default_factory=list)
    it_path: Path | None = None
    user_allowed: bool = True

    def find(self, preset_id: str) -> Preset | None:
        return next((p for p in self.presets if p.id == preset_id), None)


def it_presets_path(settings: Any) -> Path:
    configured = get_str(settings, "presets.path")
    if configured:
        return Path(configured)
    from app.models.catalogue import catalogue_path

    return catalogue_path(settings).parent / FILE_NAME


def user_presets_path(paths: Any) -> Path:
    return Path(paths.data) / FILE_NAME


def _read(path: Path, source: Source, problems: list[str], missing_ok: bool) -> list[Preset]:
    if missing_ok and not path.exists():
        return []
    try:
        presets, skipped = read_presets_file(path, source)
    except PresetError as exc:
        problems.append(str(exc))
        return []
    problems.extend(skipped)
    return presets


def load_presets(settings: Any, paths: Any = None, builtin: Path = BUILTIN_FILE) -> PresetList:
    from app.admin_files import file_problem
    from app.paths import user_paths

    problems: list[str] = []
    merged: dict[str, Preset] = {p.id: p for p in _read(builtin, "builtin", problems, missing_ok=False)}
    it_path = it_presets_path(settings)
    if it_path.exists():
        unsafe = file_problem(it_path)
        if unsafe:
            problems.append(tr(CONTEXT, "Presets {file}: refused: {problem}").format(file=it_path.name, problem=unsafe))
        else:
            merged.update({p.id: p for p in _read(it_path, "it", problems, missing_ok=True)})
    allowed = get_bool(settings, "presets.user_allowed")
    if allowed:
        for preset in _read(user_presets_path(paths or user_paths()), "user", problems, missing_ok=True):
            if preset.id in merged:
                problems.append(tr(CONTEXT, "Your preset {id}: the id is already used by a built-in or IT preset "
                                            "(skipped)").format(id=preset.id))
                continue
            merged[preset.id] = preset
    return PresetList(list(merged.values()), problems, it_path, allowed)
