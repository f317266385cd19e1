"""The audit log's event records: metadata only, by construction.

Each event is a frozen dataclass whose fields are identifiers, hashes, file names and counts —
there is no field that could hold a message or a document's text, and every text field is
checked on creation: bounded length, one line, no control characters; ``*sha256`` fields are
64 hex digits (or empty); ``file_name``/``name`` fields keep only the last path component. A
caller cannot add a field (the dataclasses have no ``**extra``), so the log cannot receive
content by mistake.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any, ClassVar

MAX_TEXT = 256  # characters in one text field (ids, names, settings)
MAX_ITEMS = 200  # items in one list field (documents, conversation ids)
_HEX64 = re.compile(r"[0-9a-f]{64}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


class AuditFieldError(ValueError):
    """An event field holds something the audit log does not take (a programming error)."""


def _text(owner: str, name: str, raw: Any) -> str:
    if not isinstance(raw, str):
        raise AuditFieldError(f"{owner}.{name}: expected text, got {type(raw).__name__}")
    value: str = raw
    if len(value) > MAX_TEXT or _CONTROL.search(value):
        raise AuditFieldError(f"{owner}.{name}: at most {MAX_TEXT} characters on one line")
    if name.endswith("sha256"):
        value = value.lower()
        if value and not _HEX64.fullmatch(value):
            raise AuditFieldError(f"{owner}.{name}: expected 64 hex digits")
    if name in ("name", "file_name") and value:
        value = PureWindowsPath(PurePosixPath(value).name).name  # a file name, never a folder path
    return value


def _number(owner: str, name: str, value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or value != value:
        raise AuditFieldError(f"{owner}.{name}: expected a count of zero or more")
    return value


def _clean(owner: str, name: str, value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return _number(owner, name, value)
    if isinstance(value, DocumentRef):
        return value.to_json()
    if isinstance(value, tuple):
        if len(value) > MAX_ITEMS:
            raise AuditFieldError(f"{owner}.{name}: more than {MAX_ITEMS} items")
        return [_clean(owner, name, item) for item in value]
    return _text(owner, name, value)


_HINTS: dict[str, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    hints = _HINTS.get(cls.__qualname__)
    if hints is None:
        hints = _HINTS[cls.__qualname__] = typing.get_type_hints(cls)
    return hints


def _conforms(value: Any, hint: Any) -> bool:
    """Whether ``value`` has the field's declared type (lists of documents hold DocumentRefs …)."""
    origin = typing.get_origin(hint)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return isinstance(value, tuple) and all(_conforms(v, item) for v in value)
    if origin in (typing.Union, types.UnionType):
        return any(_conforms(value, option) for option in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if hint in (int, float):
        return isinstance(value, (int, float) if hint is float else int) and not isinstance(value, bool)
    return isinstance(value, hint)


@dataclass(frozen=True)
class DocumentRef:
    """A document by name and content hash (never its text)."""

    name: str
    sha256: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", _text("DocumentRef", "name", self.name))
        object.__setattr__(self, "sha256", _text("DocumentRef", "sha256", self.sha256))

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "sha256": self.sha256}


@dataclass(frozen=True)
class AuditEvent:
    """Base of every event; ``EVENT`` is the ``event`` value written on the line."""

    EVENT: ClassVar[str] = ""

    def __post_init__(self) -> None:
        if type(self) is AuditEvent or not self.EVENT:
            raise AuditFieldError("use one of the event types (ModelLoaded, TurnDone, …)")
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, list):
                value = tuple(value)
                object.__setattr__(self, f.name, value)
            if not _conforms(value, _hints(type(self))[f.name]):
                raise AuditFieldError(f"{type(self).__name__}.{f.name}: not of the declared type")
            _clean(type(self).__name__, f.name, value)  # raises on anything that is not metadata
            if isinstance(value, str):
                object.__setattr__(self, f.name, _text(type(self).__name__, f.name, value))

    def fields(self) -> dict[str, Any]:
        """The event's own fields as JSON values, in declaration order."""
        return {f.name: _clean(type(self).__name__, f.name, getattr(self, f.name)) for f in dataclasses.fields(self)}


@dataclass(frozen=True)
class ModelLoaded(AuditEvent):
    EVENT: ClassVar[str] = "model_loaded"
    model_id: str
    model_sha256: str = ""
    backend: str = ""


@dataclass(frozen=True)
class TurnDone(AuditEvent):
    EVENT: ClassVar[str] = "turn_done"
    model_id: str
    model_sha256: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    conversation_id: str = ""
    documents: tuple[DocumentRef, ...] = ()
    finish_reason: str = ""


@dataclass(frozen=True)
class Exported(AuditEvent):
    EVENT: ClassVar[str] = "export"
    format: str
    conversation_ids: tuple[str, ...] = ()
    file_name: str = ""  # empty: written to standard output
    file_sha256: str = ""


@dataclass(frozen=True)
class Imported(AuditEvent):
    EVENT: ClassVar[str] = "import"
    kind: str  # "history" or "model"
    file_name: str = ""
    file_sha256: str = ""
    model_id: str = ""


@dataclass(frozen=True)
class Deleted(AuditEvent):
    EVENT: ClassVar[str] = "delete"
    conversation_ids: tuple[str, ...] = ()
    older_than_days: float | None = None  # a purge by age


@dataclass(frozen=True)
class PolicyRefusal(AuditEvent):
    EVENT: ClassVar[str] = "policy_refusal"
    setting: str
    action: str


@dataclass(frozen=True)
class DocumentAdded(AuditEvent):
    EVENT: ClassVar[str] = "document_added"
    document: DocumentRef


EVENT_TYPES: tuple[type[AuditEvent], ...] = (
    ModelLoaded, TurnDone, Exported, Imported, Deleted, PolicyRefusal, DocumentAdded)
