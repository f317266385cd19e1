"""Render chat templates safely.

GGUF chat templates are untrusted Jinja (CVE-2024-34359 executed code through exactly this), so
they render only in an ``ImmutableSandboxedEnvironment``; files without one get DeepSeek's format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NoReturn

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from engine.chat_formats import (
    BOS,
    DEEPSEEK_R1_TEMPLATE,
    DEEPSEEK_V3_TEMPLATE,
    EOS,
    THINK_OPEN,
)
from engine.errors import TemplateError
from engine.types import ChatMessage

MAX_TEMPLATE_CHARS = 256 * 1024
MAX_RENDER_CHARS = 16 * 1024 * 1024

_MLA_ARCHES = {"deepseek2", "deepseek32", "deepseek4"}


def _raise_exception(message: str) -> NoReturn:
    raise TemplateError(f"chat template error: {message}")


def _strftime_now(fmt: str) -> str:
    return datetime.now().strftime(fmt)


def _environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        trim_blocks=True, lstrip_blocks=True, autoescape=False, undefined=jinja2.Undefined
    )
    env.globals["raise_exception"] = _raise_exception
    env.globals["strftime_now"] = _strftime_now
    return env


def builtin_template_for(architecture: str) -> str:
    """DeepSeek V3-style chat for MLA models, R1-distill style (reasoning) for the rest."""
    return DEEPSEEK_V3_TEMPLATE if architecture in _MLA_ARCHES else DEEPSEEK_R1_TEMPLATE


@dataclass(frozen=True)
class RenderedPrompt:
    text: str
    starts_in_reasoning: bool


class ChatTemplate:
    """A compiled, sandboxed chat template."""

    def __init__(self, source: str, *, bos_token: str = BOS, eos_token: str = EOS) -> None:
        if len(source) > MAX_TEMPLATE_CHARS:
            raise TemplateError("chat template is too large")
        self.source = source
        self.bos_token = bos_token
        self.eos_token = eos_token
        try:
            self._template = _environment().from_string(source)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"chat template does not parse: {exc.message} (line {exc.lineno})") from exc

    def render(self, messages: Sequence[ChatMessage], *, add_generation_prompt: bool = True) -> RenderedPrompt:
        # Reasoning is never fed back: only role and content reach the template.
        payload: list[dict[str, Any]] = [{"role": m.role, "content": m.content} for m in messages]
        try:
            text = self._template.render(
                messages=payload,
                add_generation_prompt=add_generation_prompt,
                bos_token=self.bos_token,
                eos_token=self.eos_token,
            )
        except SecurityError as exc:
            raise TemplateError(f"chat template tried an unsafe operation: {exc}") from exc
        except TemplateError:
            raise
        except Exception as exc:  # any Jinja runtime failure is the template's fault, not a crash
            raise TemplateError(f"chat template failed to render: {exc}") from exc
        if len(text) > MAX_RENDER_CHARS:
            raise TemplateError("chat template produced an oversized prompt")
        stripped = text.rstrip()
        starts = add_generation_prompt and stripped.endswith(THINK_OPEN)
        return RenderedPrompt(text=text, starts_in_reasoning=starts)
