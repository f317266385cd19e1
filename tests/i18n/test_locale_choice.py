"""System locale → interface language, with the environment and Qt's list injected."""

from __future__ import annotations

import pytest

from app.locale_choice import language_for_locale, posix_preferences, resolve_ui_language, system_ui_language

TABLE = {
    "zh_HK": "zh_HK",
    "zh_HK.UTF-8": "zh_HK",
    "zh_HK.Big5HKSCS": "zh_HK",
    "zh-Hant-HK": "zh_HK",
    "zh_Hant_HK": "zh_HK",
    "zh-MO": "zh_HK",
    "yue": "zh_HK",
    "yue_HK": "zh_HK",
    "yue-Hant-HK": "zh_HK",
    "yue_Hans_CN": "zh_HK",
    "zh_CN": "zh_CN",
    "zh_CN.GB18030": "zh_CN",
    "zh-Hans-CN": "zh_CN",
    "zh_Hans_HK": "zh_CN",  # Simplified script wins over the region
    "zh-Hans": "zh_CN",
    "zh_SG": "zh_CN",
    "zh-Hans-SG": "zh_CN",
    "zh": "zh_CN",
    "en_US.UTF-8": "en",
    "en-GB": "en",
    "en_HK": "en",
    "zh_TW": None,
    "zh-Hant-TW": None,
    "zh-Hant": None,
    "fr_FR.UTF-8": None,
    "ja-JP": None,
    "C": None,
    "POSIX": None,
    "C.UTF-8": None,
    "": None,
}


@pytest.mark.parametrize(("name", "expected"), TABLE.items())
def test_locale_table(name: str, expected: str | None) -> None:
    assert language_for_locale(name) == expected


def test_lc_all_beats_lang_and_language_list_comes_first() -> None:
    env = {"LANG": "en_US.UTF-8", "LC_ALL": "zh_HK.UTF-8"}
    assert posix_preferences(env) == ["zh_HK.UTF-8"]
    assert system_ui_language(env, qt_languages=[]) == "zh_HK"
    env = {"LANG": "zh_CN.UTF-8", "LANGUAGE": "fr:zh_HK:en"}
    assert system_ui_language(env, qt_languages=[]) == "zh_HK"  # no French: the next preference


def test_language_is_ignored_under_the_c_locale() -> None:
    assert system_ui_language({"LANG": "C", "LANGUAGE": "zh_CN"}, qt_languages=[]) == "en"


def test_qt_list_is_used_when_the_environment_says_nothing() -> None:
    # Windows: no LANG; the display language comes from QLocale.system().uiLanguages().
    assert system_ui_language({}, qt_languages=["zh-Hant-HK", "zh-HK", "en-US"]) == "zh_HK"
    assert system_ui_language({}, qt_languages=["zh-Hans-CN"]) == "zh_CN"
    assert system_ui_language({}, qt_languages=["de-DE"]) == "en"
    assert system_ui_language({}, qt_languages=[]) == "en"


def test_setting_overrides_the_system() -> None:
    env = {"LANG": "zh_CN.UTF-8"}
    assert resolve_ui_language("system", env, []) == "zh_CN"
    assert resolve_ui_language("zh_HK", env, []) == "zh_HK"
    assert resolve_ui_language("en", env, []) == "en"
    assert resolve_ui_language("bogus", {"LANG": "yue_HK"}, []) == "zh_HK"
