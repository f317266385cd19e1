"""The settings dialog's filter: finds a setting by its name or description in any of the three
interface languages, whichever one is shown (typing 匯出, 导出 or "export" finds the export
setting in an English, Traditional or Simplified Chinese window alike).

Qt-free: the Chinese texts come from the shipped ``.ts`` catalogues (``app.translation``), read
once; English is the source text. Every word of the query must occur (case-insensitive).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from app import translation
from app.settings.declarations import Setting, Text


@cache
def _catalogue(language: str) -> translation.Catalogue:
    return translation.load_catalogue(translation.ts_path(language), language)


def all_languages(text: Text) -> list[str]:
    """``text`` in English and in each translated language (untranslated ones repeat English)."""
    return [text.source] + [_catalogue(lang)(text.context, text.source) for lang in translation.TRANSLATED]


def haystack(setting: Setting, extra: Iterable[Text] = ()) -> str:
    """Everything a query is matched against: the key, the name and description in every
    language, and ``extra`` texts (the group title) likewise; lower-cased, one line each."""
    parts = [setting.key]
    for text in (setting.label, setting.description, *extra):
        parts += all_languages(text)
    return "\n".join(parts).casefold()


def matches(query: str, text: str) -> bool:
    """Whether every whitespace-separated word of ``query`` occurs in ``text`` (a ``haystack``)."""
    return all(word in text for word in query.casefold().split())
