"""Reply-language setting → system prompt, conversion target and the per-stream filter."""

from __future__ import annotations

import pytest

from app.reply_language import (
    REPLY_CHOICES,
    ReplyTexts,
    default_system_prompt,
    make_reply_filter,
    reply_language,
    reply_target,
)
from engine.script_convert import Target


def test_choices_match_the_settings_declaration() -> None:
    from app.settings.declarations import SETTINGS

    declared = next(s for s in SETTINGS if s.key == "reply.language")
    assert tuple(declared.choices or ()) == REPLY_CHOICES


@pytest.mark.parametrize(("setting", "ui", "expected"), [
    ("auto", "en", "en"), ("auto", "zh_HK", "zh_HK"), ("auto", "zh_CN", "zh_CN"), ("auto", "weird", "en"),
    ("en", "zh_HK", "en"), ("zh_HK", "en", "zh_HK"), ("zh_CN", "zh_HK", "zh_CN"),
])
def test_reply_language_follows_setting_then_ui(setting: str, ui: str, expected: str) -> None:
    assert reply_language(setting, ui) == expected


def test_prompts_are_written_in_the_language_they_ask_for() -> None:
    en = default_system_prompt("en", "zh_HK")
    hk = default_system_prompt("zh_HK", "en")
    cn = default_system_prompt("zh_CN", "en")
    assert "English" in en
    assert "繁體中文（香港）" in hk and "軟件" in hk and "网络" not in hk
    assert "简体中文" in cn and "软件" in cn and "軟件" not in cn
    assert len({en, hk, cn, default_system_prompt("auto", "zh_HK")}) == 4
    assert "提問的語言" in default_system_prompt("auto", "zh_HK")


def test_targets() -> None:
    assert reply_target("zh_HK", "en") is Target.HK_TRADITIONAL
    assert reply_target("zh_CN", "en") is Target.CN_SIMPLIFIED
    assert reply_target("auto", "zh_HK") is Target.HK_TRADITIONAL
    assert reply_target("en", "zh_HK") is None
    assert reply_target("auto", "en") is None
    assert make_reply_filter("en", "zh_CN") is None


def test_filter_converts_a_stream_and_each_call_is_fresh() -> None:
    a = make_reply_filter("zh_HK", "en")
    b = make_reply_filter("zh_HK", "en")
    assert a is not None and b is not None and a is not b
    out = a.feed("软") + a.feed("件和网") + a.feed("络") + a.flush()
    assert out == "軟件和網絡"
    assert b.feed("English stays.") + b.flush() == "English stays."


def test_reply_texts_keep_raw_and_shown() -> None:
    texts = ReplyTexts("zh_HK", "en")
    shown_r = texts.reasoning("用户想要")
    shown_c = texts.content("打开默认") + texts.content("设置。`数据`") + texts.content("里")
    tail_c, tail_r = texts.finish()
    assert texts.raw_content == "打开默认设置。`数据`里"
    assert texts.shown_content == "打開預設設定。`数据`裏"
    assert texts.raw_reasoning == "用户想要"
    assert texts.shown_reasoning == "用户想要"  # HK glyph 户, 想要 unchanged
    assert shown_c + tail_c == texts.shown_content
    assert shown_r + tail_r == texts.shown_reasoning
    assert tail_c == "裏"  # held back until the stream ended: 里 could have started a phrase
    plain = ReplyTexts("en", "zh_HK")
    assert not plain.converts
    assert plain.content("软件") == "软件"
    assert plain.finish() == ("", "")
