"""Chat templates render DeepSeek formats correctly and cannot escape the sandbox."""

from __future__ import annotations

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
