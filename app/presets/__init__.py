"""Presets ("tasks"): built-in, IT-managed and the user's own (issue 17 part 1)."""

from app.presets.collection import PresetList, it_presets_path, load_presets, user_presets_path
from app.presets.loader import read_presets_file
from app.presets.model import Preset, PresetError
from app.presets.turn import apply_preset, glossary_for_turn, preset_glossary, preset_references

__all__ = [
    "Preset", "PresetError", "PresetList", "apply_preset", "glossary_for_turn", "it_presets_path", "load_presets",
    "preset_glossary", "preset_references", "read_presets_file", "user_presets_path",
]
