"""Interface language: translators, run-time switching and locale-aware formatting.

Qt code uses ``self.tr()``/``QCoreApplication.translate``; everything else (CLI, store, settings,
chat core) calls :func:`tr`, which is ``app.translation.tr``: Qt-free, answered from the ``.ts``
catalogue of the chosen language (see that module). :func:`install_translators` is the adapters'
single switch: it chooses the domain's language and loads ``translations/bauhinia_<lang>.qm`` plus
Qt's own ``qtbase`` file (Hong Kong uses Qt's ``zh_TW``: Qt ships no ``zh_HK``) for the widgets.
With a QCoreApplication they are installed on it — installing or removing a translator makes Qt
send ``LanguageChange`` to every widget, which is how open windows retranslate.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app import translation
from app.translation import LANGUAGES, TRANSLATED, tr, translations_dir, ts_path

__all__ = ["LANGUAGES", "TRANSLATED", "tr", "translations_dir", "ts_path"]
QT_CATALOGUE = {"zh_HK": "qtbase_zh_TW", "zh_CN": "qtbase_zh_CN"}
# Locales for formatting: HK offices write dates day-first in English too.
QLOCALE_NAME = {"en": "en_HK", "zh_HK": "zh_HK", "zh_CN": "zh_CN"}

_lock = threading.RLock()
_language: str | None = None  # None: nothing installed yet
_translators: list[Any] = []  # QTranslator objects, ours first
_installed_on: Any = None  # the QCoreApplication they are installed on, if any


def qm_path(language: str) -> Path:
    return translations_dir() / f"bauhinia_{language}.qm"


def lrelease_command() -> list[str] | None:
    """``pyside6-lrelease`` (or the ``lrelease`` inside PySide6), if this installation has one."""
    try:
        import PySide6
    except ImportError:  # pragma: no cover
        return None
    bundled = Path(PySide6.__file__).resolve().parent / ("lrelease.exe" if os.name == "nt" else "lrelease")
    if bundled.exists():
        return [str(bundled)]
    for name in ("pyside6-lrelease", "lrelease"):
        found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
        if found:
            return [found]
    return None


def qm_is_stale(language: str) -> bool:
    """The ``.qm`` is missing or older than its ``.ts``."""
    ts, qm = ts_path(language), qm_path(language)
    if not ts.exists():
        return False
    return not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime


def compile_translations(languages: tuple[str, ...] = TRANSLATED, force: bool = False) -> list[Path]:
    """Build stale ``.qm`` files from the ``.ts`` files with lrelease; returns the files written.

    Written to a temporary file and renamed, so a reader never sees half a catalogue.
    """
    command = lrelease_command()
    written: list[Path] = []
    for language in languages:
        ts, qm = ts_path(language), qm_path(language)
        if not ts.exists() or not (force or qm_is_stale(language)):
            continue
        if command is None:
            raise RuntimeError(tr("I18n", "pyside6-lrelease is not available to build the translations."))
        fd, tmp = tempfile.mkstemp(suffix=".qm", dir=str(qm.parent))
        os.close(fd)
        try:
            subprocess.run([*command, "-silent", str(ts), "-qm", tmp], check=True, capture_output=True)
            os.replace(tmp, qm)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        written.append(qm)
    return written


def _load(language: str) -> list[Any]:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    if language not in TRANSLATED:
        return []
    if qm_is_stale(language) and lrelease_command() is not None and os.access(qm_path(language).parent, os.W_OK):
        compile_translations((language,))  # a source checkout: keep the catalogue current
    loaded: list[Any] = []
    ours = QTranslator()
    if ours.load(str(qm_path(language))):
        loaded.append(ours)
    qt_own = QTranslator()
    if qt_own.load(QT_CATALOGUE[language], QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        loaded.append(qt_own)
    return loaded


def install_translators(app: Any, language: str) -> list[Any]:
    """Make ``language`` (``en``/``zh_HK``/``zh_CN``, or ``system``) the interface language.

    ``app`` is the QCoreApplication/QApplication, or ``None`` for the CLI. Replaces whatever was
    installed before, so calling it again switches language at run time.
    """
    from PySide6.QtCore import QCoreApplication, QLocale

    global _language, _translators, _installed_on
    if language not in LANGUAGES:
        from app.locale_choice import resolve_ui_language

        language = resolve_ui_language(language)
    if app is None:
        app = QCoreApplication.instance()
    translation.use_language(language)
    with _lock:
        new = _load(language)
        old, old_app = _translators, _installed_on
        # Install the new ones first: Qt consults the most recently installed translator first.
        if app is not None:
            for translator in reversed(new):
                app.installTranslator(translator)
        if old_app is not None:
            for translator in old:
                try:
                    old_app.removeTranslator(translator)
                except RuntimeError:  # that application object is gone
                    break
        previous = _language
        _translators, _installed_on, _language = new, app, language
        QLocale.setDefault(locale_for(language))
        if app is not None and not new and not old and previous not in (None, language):
            # English to English installs nothing; still tell the windows to refresh their texts.
            from PySide6.QtCore import QEvent

            QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
    return list(new)


def switch_language(language: str) -> str:
    """Switch the interface language of the running application; returns the language now used."""
    install_translators(None, language)
    return current_language()


def current_language() -> str:
    """The interface language in use (following the system locale if none was chosen yet)."""
    if _language is None:
        chosen = translation.current_language()
        if chosen is not None:
            return chosen
        from app.locale_choice import system_ui_language

        return system_ui_language()
    return _language


# --- locale-aware formatting ---------------------------------------------------------------


def locale_for(language: str | None = None) -> Any:
    """The QLocale that formats numbers, dates and sizes for ``language`` (default: current)."""
    from PySide6.QtCore import QLocale

    return QLocale(QLOCALE_NAME.get(language or current_language(), "en_HK"))


def format_number(value: float, decimals: int = -1, language: str | None = None) -> str:
    """``1234567.5`` → ``1,234,567.5``; ``decimals`` fixes the digits after the point."""
    loc = locale_for(language)
    if isinstance(value, int) and decimals < 0:
        return str(loc.toString(value))
    if decimals < 0:
        from PySide6.QtCore import QLocale

        return str(loc.toString(float(value), "f", QLocale.FloatingPointPrecisionOption.FloatingPointShortest))
    return str(loc.toString(float(value), "f", decimals))


def format_size(n_bytes: int, language: str | None = None) -> str:
    """File and memory sizes the way Explorer and file managers write them (1024-based, ``MB``)."""
    from PySide6.QtCore import QLocale

    loc = locale_for(language)
    return str(loc.formattedDataSize(int(n_bytes), 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat))


def format_datetime(value: datetime, language: str | None = None, long: bool = False) -> str:
    """A timestamp in local time; aware datetimes are converted, naive ones are taken as local."""
    from PySide6.QtCore import QDateTime, QLocale

    loc = locale_for(language)
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    qdt = QDateTime(value.year, value.month, value.day, value.hour, value.minute, value.second)
    fmt = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return str(loc.toString(qdt, fmt))


def format_date(value: date, language: str | None = None, long: bool = False) -> str:
    from PySide6.QtCore import QDate, QLocale

    loc = locale_for(language)
    fmt = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return str(loc.toString(QDate(value.year, value.month, value.day), fmt))
