"""The model gate: turn a model reference (catalogue id, .gguf path, the diagnostic model, a model
the app builds, ``remote:<endpoint>/<model>``) into a ``ChatProvider``.

Every load goes through :func:`open_provider` (or its two halves, :func:`acquire` then
:func:`load_acquired`): resolve → verify (catalogue hash, policy, built-model record) → place under
policy (``backend.choice``, ``backend.allow_list``) → load through the same open file that was
verified. ``bauhinia ask``, the window, ``bench`` and ``selftest`` all use it.

Each load writes a ``model_loaded`` audit record (model id, SHA-256, backend) once the verified
load succeeded; a record that cannot be written closes the model again and raises
``AuditWriteError``: no model is used unrecorded."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.i18n import tr
from app.models.built import BuiltModel
from app.paths import Paths, user_paths
from app.typed_settings import get_bool, get_int, get_str
from engine.errors import Cancelled, EngineError
from engine.loader import LoadOptions, Placement
from engine.model_file import ModelHandle
from engine.provider import ChatProvider
from engine.types import CancelToken

if TYPE_CHECKING:
    from app.models.catalogue import CatalogueEntry


class ModelNotAvailableError(EngineError):
    """No model given or configured, or policy refused the one given."""


@dataclass
class OpenedModel:
    provider: ChatProvider
    label: str
    placement: Placement | None = None
    warning: str = ""
    remote: bool = False
    #: The SHA-256 the loaded file was verified with ("" when it was not hashed, or remote).
    sha256: str = ""
    #: Names the exact loaded bytes for caches of model state (``app.kv_keep``): the SHA-256 when
    #: known, else the opened file's fingerprint (size, mtime, ctime, inode, device).
    state_identity: str = ""


def _record_load(settings: Any, opened: OpenedModel, backend: str) -> OpenedModel:
    """Write ``model_loaded`` for an opened model; closes it and re-raises on ``AuditWriteError``."""
    from app.audit import ModelLoaded, audit_log

    try:
        audit_log(settings).record(ModelLoaded(model_id=opened.label, model_sha256=opened.sha256, backend=backend))
    except BaseException:
        opened.provider.close()
        raise
    return opened


def load_options(settings: Any) -> LoadOptions:
    allow = list(settings.get("backend.allow_list") or []) or None
    return LoadOptions(
        backend=get_str(settings, "backend.choice"),
        allow_list=allow,
        n_ctx=get_int(settings, "model.context_length"),
        gpu_layers=get_int(settings, "backend.gpu_layers"),
        threads=get_int(settings, "backend.threads"),
        kv_budget_mb=get_int(settings, "engine.kv_snapshot_budget_mb"),
        prompt_lookup=get_bool(settings, "engine.prompt_lookup"),
    )


def _catalogue(settings: Any, paths: Paths) -> Any:
    from app.models.catalogue import load_catalogue

    return load_catalogue(settings, paths)


def _default_ref(settings: Any, catalogue: Any) -> str | None:
    """The model to use when none is named: the setting, else the catalogue's default."""
    from app.default_model import default_model_ref

    return default_model_ref(settings, catalogue)


def default_model_path(settings: Any, paths: Paths | None = None) -> Path | None:
    catalogue = _catalogue(settings, paths or user_paths())
    ref = _default_ref(settings, catalogue)
    if ref is None or ref.startswith("remote:"):
        return None
    entry = catalogue.find(ref)
    return entry.path if entry is not None else Path(ref)


#: References that name the diagnostic model (``ask -m diagnostic``; the window's picker uses
#: ``diagnostic:``).
DIAGNOSTIC_REFS = frozenset({"diagnostic", "diagnostic:"})


@dataclass
class Acquired:
    """A model file resolved and verified, open for loading (step 2 of the gate)."""

    handle: ModelHandle
    label: str
    entry: CatalogueEntry | None = None
    warning: str = ""

    def close(self) -> None:
        self.handle.close()


def acquire(
    ref: str | BuiltModel,
    settings: Any,
    *,
    paths: Paths | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: CancelToken | None = None,
    diagnostic: BuiltModel | None = None,
) -> Acquired:
    """Resolve a local model reference and verify it: steps 1 and 2 of the gate.

    ``ref`` is a catalogue id, a .gguf path, a diagnostic reference (``diagnostic``/``diagnostic:``:
    ``diagnostic`` or the default diagnostic model), or a :class:`BuiltModel`. The result holds the
    open, checked file; :func:`load_acquired` loads through it."""
    from app.models.built import BUILT_DIR, diagnostic_model, open_built
    from app.models.verification import CACHE_FILE, HashCache, ModelRefusedError, Verifier, check_before_load

    paths = paths or user_paths()
    verifier = Verifier(HashCache(paths.cache / CACHE_FILE))
    if isinstance(ref, str) and ref in DIAGNOSTIC_REFS:
        ref = diagnostic or diagnostic_model()
    if isinstance(ref, BuiltModel):
        handle = open_built(ref, paths.cache / BUILT_DIR, verifier, progress=progress, cancel=cancel)
        return Acquired(handle, ref.label)
    catalogue = _catalogue(settings, paths)
    try:
        decision = check_before_load(
            ref, catalogue, verifier, require_verification=get_bool(settings, "models.require_verification"),
            progress=progress, cancel=cancel,
        )
    except ModelRefusedError as exc:
        raise ModelNotAvailableError(str(exc)) from exc
    if decision.handle.checked_sha256 is None and settings.get("audit.enabled"):
        # The audit log names the model by its hash: an unlisted file is hashed once (then cached).
        try:
            verifier.measure(decision.handle, progress, cancel)
        except BaseException:
            decision.handle.close()
            raise
    label = decision.entry.id if decision.entry is not None else decision.path.name
    return Acquired(decision.handle, label, decision.entry, decision.warning)


def refuse_embedding_model(entry: CatalogueEntry | None) -> None:
    """An embedding model (``"role": "embedding"``) is not a chat model: refused before llama.cpp
    loads it (``ask -m``, the window, a ``model.default`` that names one)."""
    if entry is not None and entry.role == "embedding":
        raise ModelNotAvailableError(tr(
            "Models", "'%1' is an embedding model for the document library, not a chat model; choose a chat "
            "model.").replace("%1", entry.id))


def load_acquired(
    acquired: Acquired,
    settings: Any,
    *,
    n_ctx: int | None = None,
    kv_budget_mb: int | None = None,
) -> OpenedModel:
    """Place the acquired model under policy (``backend.choice``, ``backend.allow_list`` …) and
    load it through its open handle: steps 3 and 4 of the gate. Closes the handle.

    ``n_ctx``/``kv_budget_mb`` override the settings for measurements (``bauhinia bench``); the
    device and backend policy cannot be overridden."""
    from engine.gguf_file import inspect
    from engine.loader import load_session

    handle = acquired.handle
    try:
        refuse_embedding_model(acquired.entry)
        options = load_options(settings)
        if n_ctx is not None:
            options = replace(options, n_ctx=n_ctx)
        if kv_budget_mb is not None:
            options = replace(options, kv_budget_mb=kv_budget_mb)
        entry = acquired.entry
        if entry is not None and entry.context_length:
            # IT's length bounds the context; a setting of 0 is still capped by memory (loader.place).
            options = replace(options, max_n_ctx=entry.context_length)
        info = inspect(handle.load_path)
        session, placement = load_session(handle.load_path, options, info=info)
        try:
            handle.ensure_unchanged()
        except BaseException:
            session.close()
            raise
        sha = handle.checked_sha256 or (entry.sha256 if entry is not None else "") or ""
        identity = sha.lower() or "file:" + ":".join(str(v) for v in handle.opened.as_list())
    finally:
        handle.close()
    from app.device_fallback_text import fallback_notice, join_warnings

    warning = join_warnings(acquired.warning, fallback_notice(placement.fallback))
    return _record_load(settings, OpenedModel(session, acquired.label, placement, warning, sha256=sha.lower(),
                                              state_identity=identity),
                        str(placement.choice.device.backend))


def open_provider(
    ref: str | BuiltModel | None,
    settings: Any,
    *,
    paths: Paths | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: CancelToken | None = None,
    diagnostic: BuiltModel | None = None,
    n_ctx: int | None = None,
    kv_budget_mb: int | None = None,
) -> OpenedModel:
    """The one gate every model load goes through: resolve → verify → place under policy → load.

    Raises ``EngineError`` subclasses with user-fit text. ``remote:`` references go to the remote
    provider (its own allow-list)."""
    from app.remote_endpoints import is_remote_ref
    from app.remote_endpoints import open_provider as open_remote

    paths = paths or user_paths()
    if ref is None:
        ref = _default_ref(settings, _catalogue(settings, paths))
    if not ref:
        raise ModelNotAvailableError(tr(
            "Models", "No model is configured. Pass -m with a .gguf file or a catalogue id, or ask IT to "
            "set a default model."))
    if isinstance(ref, str) and is_remote_ref(ref):
        return _record_load(settings, OpenedModel(open_remote(settings, ref), ref, remote=True), "remote")
    acquired = acquire(ref, settings, paths=paths, progress=progress, cancel=cancel, diagnostic=diagnostic)
    if cancel is not None and cancel.cancelled:
        acquired.close()
        raise Cancelled("cancelled")
    opened = load_acquired(acquired, settings, n_ctx=n_ctx, kv_budget_mb=kv_budget_mb)
    if isinstance(ref, str) and ref in DIAGNOSTIC_REFS and (diagnostic is None or diagnostic.report):
        from app.diagnostic_report import ReportingProvider  # the window and the CLI: one report

        opened.provider = ReportingProvider(opened.provider, opened.placement, settings, paths)
    return opened
