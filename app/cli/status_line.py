"""One updating status line on a terminal's stderr: prompt evaluation and summary progress for
``bauhinia ask``. Nothing is written when stderr is not a terminal (scripts, ``--json`` pipes),
so captured output stays exactly what it was."""

from __future__ import annotations

import sys
import unicodedata
from typing import TYPE_CHECKING, TextIO

from app.i18n import tr

if TYPE_CHECKING:
    from app.documents.summarise import SummaryProgress


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


def summary_text(progress: SummaryProgress) -> str:
    """``Summarising section 3 of 12… 40%`` (the percent: that section's prompt being read);
    empty for the answer step, whose own prompt progress follows."""
    if progress.stage == "answer":
        return ""
    if progress.stage == "sections":
        line = tr("CLI", "Summarising section %1 of %2…")
    else:
        line = tr("CLI", "Combining the summaries: %1 of %2…")
    line = line.replace("%1", str(progress.index)).replace("%2", str(progress.total))
    prefill = progress.prefill
    if prefill is not None and prefill.total_tokens:
        line += f" {prefill.done_tokens * 100 // prefill.total_tokens}%"
    return line


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
        if not text:
            self.clear()
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
