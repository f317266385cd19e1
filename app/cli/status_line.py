"""One updating status line on a terminal's stderr: prompt evaluation and summary progress for
``bauhinia ask``. Nothing is written when stderr is not a terminal (scripts, ``--json`` pipes),
so captured output stays exactly what it was."""

from __future__ import annotations

import sys
import unicodedata
from typing import TextIO

from app.i18n import tr


def _columns(text: str) -> int:
    """Terminal cells: CJK (wide and full-width) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def eta_text(seconds: float | None) -> str:
    """``about 12 s left`` / ``about 3 min 5 s left``; empty while no estimate exists."""
    if seconds is None:
        return ""
    whole = max(0, round(seconds))
    if whole < 60:
        return tr("CLI", "about %1 s left").replace("%1", str(whole))
    return tr("CLI", "about %1 min %2 s left").replace("%1", str(whole // 60)).replace("%2", str(whole % 60))


def prefill_text(done: int, total: int, eta_s: float | None) -> str:
    """``Reading the prompt: 42% (about 12 s left)``."""
    percent = 100 if total <= 0 else done * 100 // total
    line = tr("CLI", "Reading the prompt: %1%").replace("%1", str(percent))
    eta = eta_text(eta_s)
    return f"{line} ({eta})" if eta else line


class StatusLine:
    """``show`` replaces the line in place, ``clear`` removes it (call it before other output)."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty()) if callable(isatty) else False
        self.enabled = enabled
        self._cells = 0

    def show(self, text: str) -> None:
        if not self.enabled:
            return
        cells = _columns(text)
        self.stream.write("\r" + text + " " * max(0, self._cells - cells))
        self.stream.flush()
        self._cells = cells

    def clear(self) -> None:
        if not self.enabled or not self._cells:
            return
        self.stream.write("\r" + " " * self._cells + "\r")
        self.stream.flush()
        self._cells = 0
