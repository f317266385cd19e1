"""Errors the history store raises; each message is fit to show a user and says what to do next."""

from __future__ import annotations

from pathlib import Path


class HistoryError(Exception):
    """Base class for every history-store failure."""


class HistoryUnavailable(HistoryError):
    """History cannot start (policy refuses, no keyring, directory not writable…)."""


class HistoryKeyError(HistoryError):
    """The database is encrypted and its key is missing or does not open it."""


class HistoryTooNew(HistoryError):
    """The database was written by a newer Bauhinia; it is left untouched."""

    def __init__(self, message: str, *, found: int, known: int) -> None:
        super().__init__(message)
        self.found = found
        self.known = known


class HistoryCorrupt(HistoryError):
    """The database file is damaged; ``backups`` lists copies that can be restored."""

    def __init__(self, message: str, *, backups: tuple[Path, ...] = ()) -> None:
        super().__init__(message)
        self.backups = backups


class HistoryStorageFull(HistoryError):
    """The disk (or the database's size limit) is full; nothing already saved was lost."""


class HistoryReadOnly(HistoryError):
    """The database or its directory cannot be written."""


class HistoryNotFound(HistoryError, KeyError):
    """No conversation or message with that id."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not found"


class HistoryImportError(HistoryError):
    """An import file is invalid; nothing was imported."""


class HistoryBusy(HistoryError):
    """Another Bauhinia process held the database longer than the wait allows."""


class HistoryExportDenied(HistoryError):
    """Policy (``history.export_allowed = false``) forbids writing conversations out in bulk."""
