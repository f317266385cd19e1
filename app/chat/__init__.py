"""The chat core: one chat turn written once, shared by the window and ``bauhinia ask``.

Qt-free (a test scans the imports): the window's worker turns :class:`TurnObserver` callbacks
into signals, the CLI prints them. ``ChatTurn`` and friends load on first use, so importing the
request types (the window does at start-up) does not load the script converter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.chat.observer import TurnObserver
from app.chat.request import CURRENT, ThinkingMode, TurnRequest, build_request, sampling_params, system_prompt_for

if TYPE_CHECKING:
    from app.chat.turn import ChatTurn, TurnRefused, TurnResult

__all__ = [
    "CURRENT",
    "ChatTurn",
    "ThinkingMode",
    "TurnObserver",
    "TurnRefused",
    "TurnRequest",
    "TurnResult",
    "build_request",
    "sampling_params",
    "system_prompt_for",
]

_LAZY = {"ChatTurn", "TurnRefused", "TurnResult"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from app.chat import turn

        return getattr(turn, name)
    raise AttributeError(name)
