"""Exceptions the engine raises; each carries a message fit to show a user."""

from __future__ import annotations


class EngineError(Exception):
    """Base class for every error the engine reports to callers.

    ``kind`` names the failure for the application, which maps each kind to a translated
    message (the engine's own text is English detail for logs and ``--json``)."""

    kind: str = "engine"


class ModelFileError(EngineError):
    """A model file is missing, unreadable, malformed or hostile.

    ``offset`` is the byte position where parsing failed, when known.
    """

    kind = "model_file"

    def __init__(self, message: str, *, path: str | None = None, offset: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.offset = offset


class BackendError(EngineError):
    """No usable compute backend/device, or the requested one is not allowed."""

    kind = "backend"


class ModelLoadError(EngineError):
    """llama.cpp refused to load a (validated) model, e.g. out of memory."""

    kind = "model_load"


class TemplateError(EngineError):
    """A chat template failed to render or tried to escape the sandbox."""

    kind = "template"


class ContextOverflowError(EngineError):
    """The prompt cannot fit the context even after dropping every droppable turn."""

    kind = "context_overflow"


class Cancelled(EngineError):
    """An operation (hashing, loading) was cancelled by the caller."""

    kind = "cancelled"


class RemoteError(EngineError):
    """A remote (OpenAI-compatible) endpoint failed; ``kind`` classifies the failure."""

    def __init__(self, message: str, *, kind: str, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status
