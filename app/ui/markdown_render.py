"""Model output → inert HTML for a QTextDocument.

Model output is untrusted: raw HTML is escaped (markdown-it with ``html: False``), images become
plain text (nothing is ever fetched), links stay links that the view confirms before opening, and
fenced code is highlighted by Pygments with inline styles plus a "copy" anchor the view handles.
No Qt here, so it is cheap to test and to import.

The view's own anchors (copy code, open/close Thinking) are ``bauhinia:<nonce>/<action>``, with a
random nonce the view makes and the model never sees; the view acts only on anchors carrying its
current nonce. A link the model writes with the ``bauhinia:`` scheme is rendered as its text
alone, so it is not even clickable.
"""

from __future__ import annotations

import html
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: Scheme of the anchors the transcript view handles itself (never passed to the OS).
SCHEME = "bauhinia:"
COPY_CODE = "copy-code"
TOGGLE_THINKING = "toggle-thinking"


def new_nonce() -> str:
    """A fresh anchor nonce (unguessable: the model cannot write a link that carries it)."""
    return secrets.token_hex(12)


def own_anchor(nonce: str, action: str, arg: str = "") -> str:
    return f"{SCHEME}{nonce}/{action}" + (f"/{arg}" if arg else "")


def parse_own_anchor(anchor: str, nonce: str) -> tuple[str, str] | None:
    """``(action, arg)`` of an anchor this renderer made with ``nonce``; ``None`` for anything else."""
    prefix = f"{SCHEME}{nonce}/"
    if not nonce or not anchor.startswith(prefix):
        return None
    action, _, arg = anchor[len(prefix):].partition("/")
    return action, arg


def is_own_scheme(href: str) -> bool:
    return href.strip().lower().startswith(SCHEME)


def plain_tooltip(text: str) -> str:
    """Tool-tip text that Qt shows literally: Qt guesses rich text for tool-tips and offers no
    plain-text switch, so the text is escaped and wrapped as rich text explicitly."""
    return '<p style="white-space:pre-wrap">' + html.escape(text) + "</p>"


def _one_decimal(value: float) -> str:
    return f"{value:.1f}"


@dataclass(frozen=True)
class Labels:
    """Translated words the HTML needs (the UI passes them in; this module has no translator),
    and how to write a number of seconds in the interface language."""

    copy_code: str = "Copy code"
    thinking: str = "Thinking"
    thinking_done: str = "Thinking (%1 s)"
    image: str = "Image (not loaded): %1"
    seconds: Callable[[float], str] = _one_decimal


@dataclass(frozen=True)
class Colours:
    code_background: str = "#f4f4f4"
    muted: str = "#666666"
    border: str = "#cccccc"
    dark: bool = False


@dataclass(frozen=True)
class Rendered:
    html: str
    code_blocks: tuple[str, ...]


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")


@lru_cache(maxsize=2)
def _formatter(dark: bool) -> Any:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(noclasses=True, nowrap=True, style="monokai" if dark else "default")


@lru_cache(maxsize=64)
def _lexer(lang: str) -> Any:
    from pygments.lexers import TextLexer, get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(lang) if lang else TextLexer()
    except ClassNotFound:
        return TextLexer()


def highlight_code(code: str, lang: str, dark: bool = False) -> str:
    from pygments import highlight

    return str(highlight(code, _lexer(lang.strip().lower()), _formatter(dark)))


def _unlink_own_scheme(tokens: Sequence[Any]) -> None:
    """Turn links the text itself writes with the ``bauhinia:`` scheme into their plain text."""
    from markdown_it.token import Token

    for tok in tokens:
        children = tok.children or []
        inside = False
        for k, child in enumerate(children):
            if child.type == "link_open" and is_own_scheme(str(child.attrGet("href") or "")):
                children[k] = Token("text", "", 0)
                inside = True
            elif child.type == "link_close" and inside:
                children[k] = Token("text", "", 0)
                inside = False


def render_markdown(text: str, labels: Labels | None = None, colours: Colours | None = None,
                    code_offset: int = 0, nonce: str = "") -> Rendered:
    """Render ``text`` (CommonMark + tables) to HTML that Qt's rich-text engine shows safely.
    ``code_offset`` numbers the copy anchors of code blocks when ``text`` is one part of a reply;
    ``nonce`` marks those anchors as the view's own."""
    labels = labels or Labels()
    colours = colours or Colours()
    md = _parser()
    tokens = md.parse(text)
    _unlink_own_scheme(tokens)
    blocks: list[str] = []

    def fence(tokens: Sequence[Any], idx: int, options: Any, env: Any) -> str:
        tok = tokens[idx]
        code = tok.content
        n = code_offset + len(blocks)
        blocks.append(code.rstrip("\n"))
        lang = (tok.info or "").split()[0] if tok.info else ""
        body = highlight_code(code, lang, colours.dark)
        caption = html.escape(lang) + " · " if lang else ""
        return (
            f'<p style="margin:0"><span style="color:{colours.muted}">{caption}</span>'
            f'<a href="{own_anchor(nonce, COPY_CODE, str(n))}">{html.escape(labels.copy_code)}</a></p>'
            f'<table width="100%" cellpadding="6" cellspacing="0" bgcolor="{colours.code_background}">'
            f"<tr><td><pre>{body}</pre></td></tr></table>\n"
        )

    def code_block(tokens: Sequence[Any], idx: int, options: Any, env: Any) -> str:
        tokens[idx].info = ""
        return fence(tokens, idx, options, env)

    def image(tokens: Sequence[Any], idx: int, options: Any, env: Any) -> str:
        tok = tokens[idx]
        alt = "".join(c.content for c in (tok.children or [])) or str(tok.attrGet("src") or "")
        shown = labels.image.replace("%1", f"{alt} <{tok.attrGet('src') or ''}>")
        return f'<span style="color:{colours.muted}">[{html.escape(shown)}]</span>'

    renderer = md.renderer
    saved = {name: renderer.rules.get(name) for name in ("fence", "code_block", "image")}
    renderer.rules["fence"] = fence
    renderer.rules["code_block"] = code_block
    renderer.rules["image"] = image
    try:
        out = renderer.render(tokens, md.options, {})
    finally:
        for name, rule in saved.items():
            if rule is None:
                renderer.rules.pop(name, None)
            else:
                renderer.rules[name] = rule
    out = out.replace("<table>", f'<table border="1" cellspacing="0" cellpadding="4" '
                                  f'style="border-color:{colours.border}">')
    return Rendered(out, tuple(blocks))


def render_thinking(reasoning: str, *, expanded: bool, seconds: float | None, labels: Labels | None = None,
                    colours: Colours | None = None, nonce: str = "") -> str:
    """The collapsible "Thinking" header (an anchor the view toggles) and, when open, the text."""
    labels = labels or Labels()
    colours = colours or Colours()
    title = labels.thinking if seconds is None else labels.thinking_done.replace("%1", labels.seconds(seconds))
    arrow = "▾" if expanded else "▸"
    out = f'<p style="margin:0"><a href="{own_anchor(nonce, TOGGLE_THINKING)}">{arrow} {html.escape(title)}</a></p>'
    if expanded and reasoning:
        body = html.escape(reasoning).replace("\n", "<br>")
        out += (f'<table width="100%" cellpadding="6" cellspacing="0"><tr><td style="border-left:3px solid '
                f'{colours.border}"><span style="color:{colours.muted}">{body}</span></td></tr></table>')
    return out


def plain_escape(text: str) -> str:
    """User prompts are shown as typed: escaped, line breaks kept."""
    return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"


def split_blocks(text: str) -> list[str]:
    """Split Markdown at blank lines that are not inside a fenced code block. While a reply streams,
    every part but the last is finished, so the view renders only the last one again."""
    parts: list[str] = []
    current: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        stripped = line.lstrip()
        if fence is None and stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        elif fence is not None and stripped.startswith(fence):
            fence = None
        if fence is None and not line.strip() and current and any(x.strip() for x in current):
            parts.append("\n".join(current))
            current = []
            continue
        current.append(line)
    if current:
        parts.append("\n".join(current))
    return parts


def reasoning_html(paragraph: str, colours: Colours | None = None) -> str:
    """One paragraph of the open Thinking section (the streaming view adds them one by one)."""
    colours = colours or Colours()
    body = html.escape(paragraph).replace("\n", "<br>")
    return (f'<table width="100%" cellpadding="6" cellspacing="0"><tr><td style="border-left:3px solid '
            f'{colours.border}"><span style="color:{colours.muted}">{body}</span></td></tr></table>')
