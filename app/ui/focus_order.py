"""The main window's Tab order, in reading order: the sidebar (New chat, search, conversations), the
model picker, the notice's buttons, the welcome page's buttons, the conversation, the current
message's actions (Thinking … Delete, as the bar shows them), then the composer area top to
bottom, left to right (task preset, attachments and library above the prompt; the prompt; Deep
thinking, Attach, Stop, Send beside it). Shift+Tab walks it backwards, so from the prompt the
message actions are a few keys away."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

#: Composer controls in reading order (attribute names); any other focusable child follows them.
COMPOSER_ORDER = ("cancel_edit", "edit", "think_toggle", "attach_button", "stop_button", "send_button")


def _tab_focusable(w: QWidget) -> bool:
    return bool(w.focusPolicy() & Qt.FocusPolicy.TabFocus)


def _area(container: QWidget, first: Iterable[QWidget | None] = ()) -> list[QWidget]:
    """``first`` (in that order), then the container's other Tab-focusable descendants in
    creation order."""
    ordered = [w for w in first if w is not None]
    ordered += [w for w in container.findChildren(QWidget) if _tab_focusable(w) and w not in ordered
                and not w.objectName().startswith("qt_")]
    return [w for w in ordered if _tab_focusable(w)]


def focus_chain(window: Any) -> list[QWidget]:
    """The window's controls in the order Tab visits them (hidden ones are skipped by Qt)."""
    sidebar, composer, bar = window.sidebar, window.composer, window.transcript.actions_bar
    chain: list[QWidget] = [sidebar.new_button, sidebar.search, sidebar.list, window.picker, window.retry,
                            window.dismiss, *_area(window.welcome), window.transcript]
    chain += [bar.buttons[name] for name in bar.ACTIONS if name in bar.buttons]
    chain += _area(window.presets)
    documents = getattr(window, "documents_ui", None)  # attachment chips, "Use my library"
    if documents is not None:
        chain += _area(documents.panel)
    chain += _area(composer, (getattr(composer, name, None) for name in COMPOSER_ORDER))
    seen: set[int] = set()
    unique = []
    for w in chain:
        if id(w) not in seen and w.window() is window:  # popups (a completer's list) have their own chain
            seen.add(id(w))
            unique.append(w)
    return unique


def apply_focus_order(window: Any) -> None:
    chain = focus_chain(window)
    for first, second in itertools.pairwise(chain):
        window.setTabOrder(first, second)
