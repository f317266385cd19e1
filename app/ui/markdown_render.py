"""Model output → inert HTML for a QTextDocument.

Model output is untrusted: raw HTML is escaped (markdown-it with ``html: False``), images become
plain text (nothing is ever fetched), links stay links that the view confirms before opening, and
fenced code is highlighted by Pygments with inline styles plus a "copy" anchor the view handles.
No Qt here, so it is cheap to test and to import.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: Anchors the transcript view handles itself (never passed to the OS).
COPY_CODE = "bauhinia:copy-code/"
TOGGLE_THINKING = "bauhinia:toggle-thinking"


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


def render_markdown(text: str, labels: Labels | None = None, colours: Colours | None = None,
                    code_offset: int = 0) -> Rendered:
    """Render ``text`` (CommonMark + tables) to HTML that Qt's rich-text engine shows safely.
    ``code_offset`` numbers the copy anchors of code blocks when ``text`` is one part of a reply."""
    labels = labels or Labels()
    colours = colours or Colours()
    md = _parser()
    tokens = md.parse(text)
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
            f'<a href="{COPY_CODE}{n}">{html.escape(labels.copy_code)}</a></p>'
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
                    colours: Colours | None = None) -> str:
    """The collapsible "Thinking" header (an anchor the view toggles) and, when open, the text."""
    labels = labels or Labels()
    colours = colours or Colours()
    title = labels.thinking if seconds is None else labels.thinking_done.replace("%1", labels.seconds(seconds))
    arrow = "▾" if expanded else "▸"
    out = f'<p style="margin:0"><a href="{TOGGLE_THINKING}">{arrow} {html.escape(title)}</a></p>'
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
