"""Which interface language a first start uses, from the system locale.

Hong Kong (``zh_HK``, ``zh_Hant_HK``, Macau, any ``yue_*``) → ``zh_HK``; Mainland and Singapore
Simplified (``zh_CN``, ``zh_Hans_*``, ``zh_SG``, bare ``zh``) → ``zh_CN``; everything else →
``en``. Preferences are tried in order (``LANGUAGE=fr:zh_HK`` gives ``zh_HK``: we have no French,
and the user's next choice is one we have). The environment and Qt's list are parameters so tests
can inject them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence

UI_LANGUAGES: tuple[str, ...] = ("en", "zh_HK", "zh_CN")
SETTING_CHOICES: tuple[str, ...] = ("system", *UI_LANGUAGES)

_HK_REGIONS = {"HK", "MO"}
_CN_REGIONS = {"CN", "SG", "MY"}


def language_for_locale(name: str) -> str | None:
    """Map one locale name (``zh_HK.UTF-8``, ``zh-Hant-HK``, ``yue``) to a UI language, or None."""
    name = name.strip()
    if not name or name in {"C", "POSIX"}:
        return None
    name = name.split(".", 1)[0].split("@", 1)[0]  # drop the codeset and modifier
    parts = [p for p in re.split(r"[-_]", name) if p]
    if not parts:
        return None
    lang = parts[0].lower()
    script = next((p.title() for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    region = next((p.upper() for p in parts[1:] if (len(p) == 2 and p.isalpha()) or (len(p) == 3 and p.isdigit())),
                  None)
    if lang == "yue":
        return "zh_HK"
    if lang == "zh":
        if script == "Hans":
            return "zh_CN"
        if region in _HK_REGIONS:
            return "zh_HK"
        if script == "Hant":
            return None  # Taiwan Traditional: no translation of ours fits (see module docstring)
        if region is None or region in _CN_REGIONS:
            return "zh_CN"
        return None
    if lang == "en":
        return "en"
    return None


def posix_preferences(env: Mapping[str, str]) -> list[str]:
    """Locale names from the environment in the order gettext honours them."""
    locale = next((env[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(k)), "")
    prefs: list[str] = []
    language = env.get("LANGUAGE", "")
    if language and locale not in {"C", "POSIX"}:
        prefs.extend(p for p in language.split(":") if p)
    if locale:
        prefs.append(locale)
    return prefs


def qt_ui_languages() -> list[str]:
    """``QLocale.system().uiLanguages()`` (the Windows display language on Windows)."""
    try:
        from PySide6.QtCore import QLocale
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        return []
    return [str(x) for x in QLocale.system().uiLanguages()]


def system_ui_language(env: Mapping[str, str] | None = None,
                       qt_languages: Sequence[str] | None = None) -> str:
    """The UI language a first start picks: the first supported system preference, else English."""
    env = os.environ if env is None else env
    prefs = posix_preferences(env)
    prefs.extend(qt_ui_languages() if qt_languages is None else qt_languages)
    for name in prefs:
        found = language_for_locale(name)
        if found is not None:
            return found  # else a language we do not have: try the user's next preference
    return "en"


def resolve_ui_language(setting: str, env: Mapping[str, str] | None = None,
                        qt_languages: Sequence[str] | None = None) -> str:
    """The ``ui.language`` setting (``system`` | ``en`` | ``zh_HK`` | ``zh_CN``) → a UI language."""
    if setting in UI_LANGUAGES:
        return setting
    return system_ui_language(env, qt_languages)
