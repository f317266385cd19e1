"""Render chat templates safely.

GGUF chat templates are untrusted Jinja (CVE-2024-34359 executed code through exactly this), so
they render only in an ``ImmutableSandboxedEnvironment``; files without one get DeepSeek's format.
Rendering is bounded too: the output is counted as it is produced (``MAX_RENDER_CHARS``), string
and number operators and size arguments cannot build huge values, and a watchdog stops a render
that runs longer than ``RENDER_TIMEOUT_S`` (a loop that prints nothing still ends).
"""

from __future__ import annotations

import ctypes
import functools
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NoReturn

import jinja2
import jinja2.meta
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
#: A real chat template renders a long conversation in milliseconds.
RENDER_TIMEOUT_S = 5.0
#: Template variables that switch reasoning on (DeepSeek V3.1+/V4, some R1-distill GGUFs).
THINKING_VARIABLES = ("enable_thinking", "thinking")

_MLA_ARCHES = {"deepseek2", "deepseek32", "deepseek4"}


def _raise_exception(message: str) -> NoReturn:
    raise TemplateError(f"chat template error: {message}")


def _strftime_now(fmt: str) -> str:
    return datetime.now().strftime(fmt)


class _RenderTimeout(BaseException):
    """Raised inside the rendering thread by the watchdog (a BaseException, so no template
    ``try`` equivalent or library ``except Exception`` swallows it)."""


def _too_big() -> NoReturn:
    raise TemplateError("chat template tried to build an oversized value")


def _check_size_args(args: Sequence[Any], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_RENDER_CHARS:
            _too_big()


def _bounded_filter(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)  # keeps jinja's pass_context/pass_environment marker
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _check_size_args(args[1:], kwargs)
        return fn(*args, **kwargs)

    return wrapper


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, plus limits on the values a template can build."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_RENDER_CHARS:
                    _too_big()
        if operator == "**" and isinstance(right, int) and abs(right) > 1024:
            _too_big()
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, (str, list, tuple)) and len(result) > MAX_RENDER_CHARS:
            _too_big()
        return result

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _check_size_args(args, kwargs)  # e.g. ''.ljust(10**9)
        return super().call(__context, __obj, *args, **kwargs)


def _environment() -> ImmutableSandboxedEnvironment:
    env = _BoundedSandbox(trim_blocks=True, lstrip_blocks=True, autoescape=False, undefined=jinja2.Undefined)
    env.filters = {name: _bounded_filter(fn) for name, fn in env.filters.items()}
    env.globals["raise_exception"] = _raise_exception
    env.globals["strftime_now"] = _strftime_now
    return env


class _Watchdog:
    """Interrupts the calling thread if a render outlasts ``timeout_s``."""

    def __init__(self, timeout_s: float) -> None:
        self._thread_id = threading.get_ident()
        self._lock = threading.Lock()
        self._done = False
        self.fired = False
        self._timer = threading.Timer(timeout_s, self._fire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def _fire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.fired = True
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread_id),
                                                       ctypes.py_object(_RenderTimeout))

    def disarm(self) -> None:
        """Called inside the guarded block once rendering is over; a timeout already delivered
        or pending surfaces here, still inside the block."""
        with self._lock:
            self._done = True
        self._timer.cancel()

    def __exit__(self, *exc: object) -> None:
        self.disarm()


def builtin_template_for(architecture: str) -> str:
    """DeepSeek V3-style chat for MLA models, R1-distill style (reasoning) for the rest."""
    return DEEPSEEK_V3_TEMPLATE if architecture in _MLA_ARCHES else DEEPSEEK_R1_TEMPLATE


@dataclass(frozen=True)
class RenderedPrompt:
    text: str
    starts_in_reasoning: bool


class ChatTemplate:
    """A compiled, sandboxed chat template."""

    def __init__(self, source: str, *, bos_token: str = BOS, eos_token: str = EOS,
                 render_timeout_s: float = RENDER_TIMEOUT_S) -> None:
        if len(source) > MAX_TEMPLATE_CHARS:
            raise TemplateError("chat template is too large")
        self.source = source
        self.bos_token = bos_token
        self.eos_token = eos_token
        self.render_timeout_s = render_timeout_s
        env = _environment()
        try:
            ast = env.parse(source)
            self._template = env.from_string(ast)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"chat template does not parse: {exc.message} (line {exc.lineno})") from exc
        names = jinja2.meta.find_undeclared_variables(ast)
        #: Whether the template reads ``enable_thinking``/``thinking`` (a "Deep thinking" switch).
        self.thinking_switch = any(v in names for v in THINKING_VARIABLES)

    def render(self, messages: Sequence[ChatMessage], *, add_generation_prompt: bool = True,
               thinking: bool | None = None) -> RenderedPrompt:
        """``thinking`` (None: the template's own default) is passed as both ``enable_thinking``
        and ``thinking``, the two names DeepSeek's templates read."""
        # Reasoning is never fed back: only role and content reach the template.
        payload: list[dict[str, Any]] = [{"role": m.role, "content": m.content} for m in messages]
        variables: dict[str, Any] = {
            "messages": payload,
            "add_generation_prompt": add_generation_prompt,
            "bos_token": self.bos_token,
            "eos_token": self.eos_token,
        }
        if thinking is not None:
            variables.update(dict.fromkeys(THINKING_VARIABLES, thinking))
        text = self._render_bounded(variables)
        stripped = text.rstrip()
        starts = add_generation_prompt and stripped.endswith(THINK_OPEN)
        return RenderedPrompt(text=text, starts_in_reasoning=starts)

    def _render_bounded(self, variables: dict[str, Any]) -> str:
        parts: list[str] = []
        size = 0
        try:
            with _Watchdog(self.render_timeout_s) as dog:
                for piece in self._template.generate(**variables):
                    size += len(piece)
                    if size > MAX_RENDER_CHARS:
                        raise TemplateError("chat template produced an oversized prompt")
                    parts.append(piece)
                dog.disarm()
        except _RenderTimeout:
            raise TemplateError(
                f"chat template took longer than {self.render_timeout_s:g} s to render") from None
        except SecurityError as exc:
            raise TemplateError(f"chat template tried an unsafe operation: {exc}") from exc
        except TemplateError:
            raise
        except RecursionError:
            raise TemplateError("chat template recursed too deeply") from None
        except MemoryError:
            raise TemplateError("chat template ran out of memory") from None
        except Exception as exc:  # any Jinja runtime failure is the template's fault, not a crash
            raise TemplateError(f"chat template failed to render: {exc}") from exc
        return "".join(parts)
