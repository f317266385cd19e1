"""A model id's SHA-256 for the record: the IT catalogue's (or the user's import list), else the
verified hash cached for a model file path; "" when neither knows it (never hashed here: an
export must not read a multi-GB file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def model_sha256_lookup(settings: Any, paths: Any = None) -> Any:
    from app.models.catalogue import load_catalogue
    from app.models.verification import CACHE_FILE, HashCache, Verifier
    from app.paths import user_paths

    paths = paths or user_paths()
    catalogue = load_catalogue(settings, paths)
    verifier = Verifier(HashCache(paths.cache / CACHE_FILE))

    def lookup(model_id: str) -> str:
        entry = catalogue.find(model_id)
        if entry is not None and entry.sha256:
            return entry.sha256
        candidate = Path(model_id)
        if candidate.suffix.lower() == ".gguf" and candidate.is_file():
            return verifier.cached_sha256(candidate) or ""
        return ""

    return lookup
