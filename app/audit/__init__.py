"""The audit log (issue 17 part 4): metadata-only, hash-chained JSON lines.

Callers write the record *before* the action and stop the action on ``AuditWriteError``::

    from app.audit import Exported, audit_log
    audit_log().record(Exported(format="json", conversation_ids=(cid,), file_name=out.name,
                                file_sha256=sha256_of_bytes))   # AuditWriteError → stop, show str(exc)

``audit_log()`` reads ``audit.enabled`` / ``audit.path`` / ``audit.max_bytes`` (a policy can lock
``audit.enabled`` on; the user cannot turn it off then) and returns a log whose ``record`` does
nothing when auditing is off.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.audit.events import (
    AuditEvent,
    AuditFieldError,
    Deleted,
    DocumentAdded,
    DocumentRef,
    Exported,
    Imported,
    ModelLoaded,
    PolicyRefusal,
    TurnDone,
)
from app.audit.log import AuditLog, AuditWriteError, DisabledAuditLog
from app.audit.verify import VerifyResult, verify_log
from app.typed_settings import get_int, get_str

DEFAULT_FOLDER_NAME = "audit"


def audit_location(settings: Any | None = None) -> Path:
    """The configured ``audit.path``, or ``<user data folder>/audit``."""
    if settings is None:
        from app.settings.store import SettingsStore

        settings = SettingsStore()
    configured = get_str(settings, "audit.path")
    if configured:
        return Path(configured)
    from app.paths import user_paths

    return user_paths().data / DEFAULT_FOLDER_NAME


def audit_log(settings: Any | None = None) -> AuditLog | DisabledAuditLog:
    """The log the settings ask for (``DisabledAuditLog`` when ``audit.enabled`` is false)."""
    if settings is None:
        from app.settings.store import SettingsStore

        settings = SettingsStore()
    if not settings.get("audit.enabled"):
        return DisabledAuditLog()
    from app.audit.eventlog import platform_mirror

    return AuditLog(audit_location(settings), max_bytes=get_int(settings, "audit.max_bytes"),
                    mirror=platform_mirror())


__all__ = [
    "AuditEvent",
    "AuditFieldError",
    "AuditLog",
    "AuditWriteError",
    "Deleted",
    "DisabledAuditLog",
    "DocumentAdded",
    "DocumentRef",
    "Exported",
    "Imported",
    "ModelLoaded",
    "PolicyRefusal",
    "TurnDone",
    "VerifyResult",
    "audit_location",
    "audit_log",
    "verify_log",
]
