"""Translation entry point for non-widget code (CLI, store, settings).

Strings go through Qt's translator when PySide6 and a QCoreApplication exist; otherwise the
CLI installs a translator of its own (see ``install_cli_translator``) and the English source text
is the fallback. ``pyside6-lupdate`` picks up ``tr("Context", "text")`` calls.
"""

from __future__ import annotations

from collections.abc import Callable

_translate: Callable[[str, str, str | None, int], str] | None = None


def _qt_translate() -> Callable[[str, str, str | None, int], str] | None:
    try:
        from PySide6.QtCore import QCoreApplication
    except ImportError:  # pragma: no cover - PySide6 is a hard dependency
        return None

    def translate(context: str, text: str, disambiguation: str | None, n: int) -> str:
        return QCoreApplication.translate(context, text, disambiguation, n)

    return translate


def tr(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Translate ``text`` in ``context``; ``n`` selects a plural form (``%n`` in the text)."""
    global _translate
    if _translate is None:
        _translate = _qt_translate() or (lambda c, t, d, k: t)
    result = _translate(context, text, disambiguation, n)
    if n >= 0 and "%n" in result:
        result = result.replace("%n", str(n))
    return result
