"""Translated strings for the Qt-free domain (store, settings, models, chat core, CLI).

The domain asks :func:`tr` and never imports Qt: the strings come from the installed
:class:`Translator`. By default that is a :class:`Catalogue` read from the shipped
``translations/bauhinia_<lang>.ts`` (the same file Qt Linguist edits and ``lrelease`` compiles for
the widgets), so a lookup is a dictionary access: nothing is compiled or loaded from Qt. Adapters
choose the language with :func:`use_language` (``app.i18n.install_translators`` does it for the
window and the CLI) or inject any other translator with :func:`set_translator` (tests, a host
application). Until one of them is called the first lookup follows the system locale.
"""

from __future__ import annotations

import os
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

LANGUAGES: tuple[str, ...] = ("en", "zh_HK", "zh_CN")
TRANSLATED: tuple[str, ...] = ("zh_HK", "zh_CN")
#: A shipped catalogue is a few hundred kB; anything far larger is not ours.
MAX_CATALOGUE_BYTES = 16 * 1024 * 1024

#: ``translator(context, source_text, disambiguation, n)`` → text (``%n`` not yet substituted).
Translator = Callable[[str, str, "str | None", int], str]


def translations_dir() -> Path:
    """``translations/`` beside the sources, or inside a frozen bundle."""
    override = os.environ.get("BAUHINIA_TRANSLATIONS")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "translations"
    return Path(__file__).resolve().parent.parent / "translations"


def ts_path(language: str) -> Path:
    return translations_dir() / f"bauhinia_{language}.ts"


@dataclass(frozen=True)
class Catalogue:
    """The finished translations of one language: ``(context, source, comment)`` → plural forms."""

    language: str
    entries: dict[tuple[str, str, str], tuple[str, ...]] = field(default_factory=dict)

    def __call__(self, context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        forms = self.entries.get((context, text, disambiguation or ""))
        if not forms:
            return text
        # Chinese has one plural form; should a language with more arrive, its rule goes here.
        return forms[0]


def load_catalogue(path: Path, language: str) -> Catalogue:
    """Read the finished messages of a ``.ts`` file (unfinished and obsolete ones are skipped)."""
    if not path.is_file() or path.stat().st_size > MAX_CATALOGUE_BYTES:
        return Catalogue(language)
    entries: dict[tuple[str, str, str], tuple[str, ...]] = {}
    root = ET.parse(path).getroot()
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source")
            translation = msg.find("translation")
            if source is None or translation is None:
                continue
            if translation.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            numerus = translation.findall("numerusform")
            forms = tuple(f.text or "" for f in numerus) if numerus else (translation.text or "",)
            if any(forms):
                entries[(name, source, msg.findtext("comment") or "")] = forms
    return Catalogue(language, entries)


def _identity(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return text


_lock = threading.RLock()
_language: str | None = None
_translator: Translator | None = None


def use_language(language: str) -> str:
    """Translate into ``language`` (``en``, ``zh_HK``, ``zh_CN``) from now on; returns it."""
    global _language, _translator
    if language not in LANGUAGES:
        raise ValueError(f"unknown interface language {language!r}")
    translator: Translator = load_catalogue(ts_path(language), language) if language in TRANSLATED else _identity
    with _lock:
        _language, _translator = language, translator
    return language


def set_translator(translator: Translator | None, language: str | None = None) -> None:
    """Inject a translator (``None``: back to "not chosen yet", the system locale on next use)."""
    global _language, _translator
    with _lock:
        _translator, _language = translator, (language if translator is not None else None)


def current_language() -> str | None:
    """The language chosen with :func:`use_language`/:func:`set_translator`, or ``None``."""
    return _language


def _ensure_chosen() -> Translator:
    translator = _translator
    if translator is not None:
        return translator
    with _lock:
        if _translator is None:
            from app.locale_choice import system_ui_language

            use_language(system_ui_language(qt_languages=()))
        assert _translator is not None
        return _translator


def tr(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Translate ``text`` in ``context``; ``n`` selects a plural form (``%n`` in the text)."""
    result = _ensure_chosen()(context, text, disambiguation, n) or text
    if n >= 0 and "%n" in result:
        result = result.replace("%n", str(n))
    return result
