"""A preset ("task"): a named system prompt with sampling, reply language and terminology.

Texts (name, description, system prompt) are given per language (en, zh_HK, zh_CN) and fall
back to English. ``source`` tells where it came from: ``builtin`` (shipped), ``it`` (the
administrator's presets.json; locked, users cannot edit it) or ``user``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Source = Literal["builtin", "it", "user"]
LANGUAGES: tuple[str, ...] = ("en", "zh_HK", "zh_CN")
REPLY_LANGUAGES: tuple[str, ...] = ("auto", "en", "zh_HK", "zh_CN")
#: Sampling keys a preset may override, with their types (the ``sampling.*`` settings).
SAMPLING_TYPES: dict[str, type] = {
    "temperature": float,
    "top_p": float,
    "top_k": int,
    "min_p": float,
    "repeat_penalty": float,
    "max_tokens": int,
    "seed": int,
}


class PresetError(Exception):
    """A presets file that cannot be used (one translated line)."""


def _text(texts: Mapping[str, str], language: str) -> str:
    for lang in (language, "en"):
        if texts.get(lang):
            return texts[lang]
    return next((t for t in texts.values() if t), "")


@dataclass(frozen=True)
class Preset:
    id: str
    name: Mapping[str, str]
    description: Mapping[str, str] = field(default_factory=dict)
    system_prompt: Mapping[str, str] = field(default_factory=dict)
    sampling: Mapping[str, float | int] = field(default_factory=dict)
    reply_language: str = "auto"
    glossary: Path | None = None
    documents: tuple[Path, ...] = ()
    source: Source = "builtin"

    @property
    def locked(self) -> bool:
        """IT's presets cannot be edited by users (the built-in ones are copied to change them)."""
        return self.source == "it"

    def title(self, language: str = "en") -> str:
        return _text(self.name, language) or self.id

    def about(self, language: str = "en") -> str:
        return _text(self.description, language)

    def prompt(self, language: str = "en") -> str:
        return _text(self.system_prompt, language)

    def to_json(self, language: str = "en") -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.title(language),
            "description": self.about(language),
            "source": self.source,
            "locked": self.locked,
            "reply_language": self.reply_language,
            "sampling": dict(self.sampling),
            "glossary": str(self.glossary) if self.glossary else None,
            "documents": [str(d) for d in self.documents],
        }
