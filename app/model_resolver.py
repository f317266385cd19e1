"""Turn a model reference (catalogue id, .gguf path, ``remote:<endpoint>/<model>``) into a
``ChatProvider``, applying verification policy and the backend settings on the way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.i18n import tr
from app.paths import Paths, user_paths
from engine.errors import EngineError
from engine.loader import LoadOptions, Placement
from engine.provider import ChatProvider
from engine.types import CancelToken


class ModelNotAvailableError(EngineError):
    """No model given or configured, or policy refused the one given."""


@dataclass
class OpenedModel:
    provider: ChatProvider
    label: str
    placement: Placement | None = None
    warning: str = ""
    remote: bool = False


def load_options(settings: Any) -> LoadOptions:
    allow = list(settings.get("backend.allow_list") or []) or None
    return LoadOptions(
        backend=str(settings.get("backend.choice")),
        allow_list=allow,
        n_ctx=int(settings.get("model.context_length")),
        gpu_layers=int(settings.get("backend.gpu_layers")),
        threads=int(settings.get("backend.threads")),
        kv_budget_mb=int(settings.get("engine.kv_snapshot_budget_mb")),
    )


def _catalogue(settings: Any, paths: Paths) -> Any:
    from app.models.catalogue import load_catalogue

    return load_catalogue(settings, paths)


def _default_ref(settings: Any, catalogue: Any) -> str | None:
    """The model to use when none is named: the setting, else the catalogue's default."""
    ref = str(settings.get("model.default") or "")
    if ref:
        return ref
    entry = catalogue.default_entry()
    return entry.id if entry is not None else None


def default_model_path(settings: Any, paths: Paths | None = None) -> Path | None:
    catalogue = _catalogue(settings, paths or user_paths())
    ref = _default_ref(settings, catalogue)
    if ref is None or ref.startswith("remote:"):
        return None
    entry = catalogue.find(ref)
    return entry.path if entry is not None else Path(ref)


def open_provider(
    ref: str | None,
    settings: Any,
    *,
    paths: Paths | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: CancelToken | None = None,
) -> OpenedModel:
    """Resolve, verify (per policy) and load. Raises ``EngineError`` subclasses with user-fit text."""
    from app.models.verification import CACHE_FILE, HashCache, ModelRefusedError, Verifier, check_before_load
    from app.remote_endpoints import is_remote_ref
    from app.remote_endpoints import open_provider as open_remote

    paths = paths or user_paths()
    catalogue = _catalogue(settings, paths)  # read once: resolving and verifying both use it
    ref = ref or _default_ref(settings, catalogue)
    if not ref:
        raise ModelNotAvailableError(tr(
            "Models", "No model is configured. Pass -m with a .gguf file or a catalogue id, or ask IT to "
            "set a default model."))
    if is_remote_ref(ref):
        return OpenedModel(open_remote(settings, ref), ref, remote=True)

    from engine.loader import load_session

    verifier = Verifier(HashCache(paths.cache / CACHE_FILE))
    try:
        decision = check_before_load(
            ref, catalogue, verifier, require_verification=bool(settings.get("models.require_verification")),
            progress=progress, cancel=cancel,
        )
    except ModelRefusedError as exc:
        raise ModelNotAvailableError(str(exc)) from exc
    options = load_options(settings)
    if decision.entry is not None and decision.entry.context_length:
        options = LoadOptions(**{**options.__dict__, "n_ctx": min(options.n_ctx, decision.entry.context_length)})
    session, placement = load_session(decision.path, options)
    label = decision.entry.id if decision.entry is not None else decision.path.name
    return OpenedModel(session, label, placement, decision.warning)
