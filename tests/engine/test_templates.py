"""Chat templates render DeepSeek formats correctly and cannot escape the sandbox."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from engine.chat_formats import DEEPSEEK_R1_TEMPLATE, DEEPSEEK_V3_TEMPLATE
from engine.errors import TemplateError
from engine.templates import ChatTemplate, builtin_template_for
from engine.types import ChatMessage

CONVERSATION = [
    ChatMessage("system", "You are helpful."),
    ChatMessage("user", "你好"),
    ChatMessage("assistant", "<think>secret plan</think>\n\nHello!", reasoning="secret plan"),
    ChatMessage("user", "政策?"),
]


def test_r1_template_drops_reasoning_and_opens_think_block() -> None:
    p = ChatTemplate(DEEPSEEK_R1_TEMPLATE).render(CONVERSATION)
    assert p.text == (
        "<｜begin▁of▁sentence｜>You are helpful.<｜User｜>你好"
        "<｜Assistant｜>\n\nHello!<｜end▁of▁sentence｜><｜User｜>政策?<｜Assistant｜><think>\n"
    )
    assert "secret plan" not in p.text
    assert p.starts_in_reasoning


def test_v3_template_plain_assistant_turn() -> None:
    p = ChatTemplate(DEEPSEEK_V3_TEMPLATE).render([ChatMessage("user", "Hi")])
    assert p.text == "<｜begin▁of▁sentence｜><｜User｜>Hi<｜Assistant｜>"
    assert not p.starts_in_reasoning


def test_reasoning_field_is_never_rendered() -> None:
    tpl = ChatTemplate("{% for m in messages %}{{ m }}{% endfor %}")
    text = tpl.render([ChatMessage("assistant", "visible", reasoning="hidden")]).text
    assert "visible" in text and "hidden" not in text


def test_builtin_choice_by_architecture() -> None:
    assert builtin_template_for("deepseek2") is DEEPSEEK_V3_TEMPLATE
    assert builtin_template_for("qwen2") is DEEPSEEK_R1_TEMPLATE
    assert builtin_template_for("llama") is DEEPSEEK_R1_TEMPLATE


@pytest.mark.parametrize(
    "hostile",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ self.__init__.__globals__ }}",
        "{% set x = messages.append(1) %}{{ x }}",
        "{{ messages.__class__.__base__.__subclasses__() }}",
        "{{ raise_exception('nope') }}",
        "{% for x in range(10**9) %}{% endfor %}",
    ],
)
def test_hostile_templates_raise_template_error(hostile: str) -> None:
    with pytest.raises(TemplateError):
        ChatTemplate(hostile).render([ChatMessage("user", "x")])


def test_syntax_error_is_reported() -> None:
    with pytest.raises(TemplateError, match="does not parse"):
        ChatTemplate("{% if %}")


def test_oversized_template_refused() -> None:
    with pytest.raises(TemplateError):
        ChatTemplate("x" * (300 * 1024))


# -- thinking switch (llama.cpp's own DeepSeek templates, tests/data/chat_templates) -------------
TEMPLATES = Path(__file__).resolve().parents[1] / "data" / "chat_templates"
SWITCHED = ["deepseek-ai-DeepSeek-V3.1.jinja", "deepseek-ai-DeepSeek-V4.jinja",
            "deepseek-ai-DeepSeek-R1-Distill-Qwen-32B.jinja"]


@pytest.mark.parametrize("name", SWITCHED)
def test_thinking_switch_reaches_deepseek_templates(name: str) -> None:
    tpl = ChatTemplate((TEMPLATES / name).read_text(encoding="utf-8"))
    assert tpl.thinking_switch
    chat = [ChatMessage("system", "Be brief."), ChatMessage("user", "政策?")]
    on = tpl.render(chat, thinking=True)
    off = tpl.render(chat, thinking=False)
    # The rendered prompt ends in an open <think> exactly when thinking is on.
    assert on.text.rstrip().endswith("<think>") and on.starts_in_reasoning
    assert not off.text.rstrip().endswith("<think>") and not off.starts_in_reasoning
    assert off.text.rstrip().endswith("</think>")


def test_templates_without_a_switch_say_so() -> None:
    assert not ChatTemplate(DEEPSEEK_R1_TEMPLATE).thinking_switch
    assert not ChatTemplate(DEEPSEEK_V3_TEMPLATE).thinking_switch
    # No switch: the variables change nothing.
    tpl = ChatTemplate(DEEPSEEK_R1_TEMPLATE)
    chat = [ChatMessage("user", "Hi")]
    assert tpl.render(chat, thinking=False).text == tpl.render(chat).text == tpl.render(chat, thinking=True).text


# -- render limits ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("hostile", "why"),
    [
        # Prints hundreds of megabytes, one chunk at a time.
        ("{% for i in range(100000) %}{% for j in range(100000) %}{{ 'x' * 1000 }}{% endfor %}{% endfor %}",
         "oversized prompt"),
        # Builds one huge value without printing it.
        ("{% set s = 'x' * 1000000000 %}{{ s|length }}", "oversized value"),
        ("{{ ''.ljust(2000000000) }}", "oversized value"),
        ("{{ 'x'|center(2000000000) }}", "oversized value"),
        ("{% set ns = namespace(s='xx') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
         "oversized value"),
        ("{{ 10 ** 100000000 }}", "oversized value"),
    ],
)
def test_hostile_templates_hit_the_output_limits(hostile: str, why: str) -> None:
    with pytest.raises(TemplateError, match=why):
        ChatTemplate(hostile).render([ChatMessage("user", "x")])


def test_a_render_that_runs_too_long_is_stopped() -> None:
    # 10^15 iterations that print nothing: only the watchdog ends it.
    forever = ("{% for i in range(100000) %}{% for j in range(100000) %}{% for k in range(100000) %}"
               "{% set x = k %}{% endfor %}{% endfor %}{% endfor %}")
    tpl = ChatTemplate(forever, render_timeout_s=0.5)
    started = time.monotonic()
    with pytest.raises(TemplateError, match=r"took longer than 0\.5 s"):
        tpl.render([ChatMessage("user", "x")])
    assert time.monotonic() - started < 60  # bounded (generous margin), not a speed claim
    # The thread is usable afterwards and a normal render is not disturbed by a stale timer.
    ok = ChatTemplate(DEEPSEEK_R1_TEMPLATE, render_timeout_s=0.5)
    for _ in range(3):
        assert ok.render(CONVERSATION).starts_in_reasoning
    time.sleep(0.7)
    assert ok.render(CONVERSATION).starts_in_reasoning
