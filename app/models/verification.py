"""SHA-256 verification of model files, cached so a 10 GB file is hashed once, not at every start.

The cache (``<cache>/model-hashes.json``) maps a resolved path to the file's size, mtime_ns and
inode and the SHA-256 measured for exactly that state; any change to one of the three means the
file is hashed again. The cache stores measurements, never verdicts: the expected hash always
comes from the catalogue or the user's import record.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

from app.i18n import tr
from app.models.catalogue import Catalogue, CatalogueEntry
from engine.errors import ModelFileError
from engine.types import CancelToken

CACHE_FILE = "model-hashes.json"
CACHE_VERSION = 1
Progress = Callable[[int, int], None]  # (bytes done, bytes total)


class Hasher(Protocol):
    def __call__(
        self, path: str | os.PathLike[str], *, progress: Progress | None = ..., cancel: CancelToken | None = ...
    ) -> str: ...


def default_hasher() -> Hasher:
    from engine.hashing import sha256_file

    hasher: Hasher = sha256_file
    return hasher


class State(Enum):
    VERIFIED = "verified"  # hash matches
    MISMATCH = "mismatch"  # hash differs: the file was changed or replaced
    UNVERIFIED = "unverified"  # not hashed yet, or changed since it was hashed
    MISSING = "missing"  # the file is not there, not readable, or not a regular file


@dataclass(frozen=True)
class Fingerprint:
    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> Fingerprint:
        st = path.stat()
        return cls(st.st_size, st.st_mtime_ns, st.st_ino)


@dataclass(frozen=True)
class Result:
    entry: CatalogueEntry
    state: State
    actual_sha256: str | None = None
    hashed_now: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"id": self.entry.id, "path": str(self.entry.path), "state": self.state.value,
                "expected_sha256": self.entry.sha256, "actual_sha256": self.actual_sha256,
                "hashed_now": self.hashed_now}


class ModelRefusedError(Exception):
    """A model may not be loaded; the message says why, in words for the user."""


class HashCache:
    """Path → (fingerprint, sha256), persisted atomically as JSON."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._entries: dict[str, dict[str, Any]] = self._load()

    def _load(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # a missing or damaged cache only costs a re-hash
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
            return {}
        entries = data.get("entries")
        return {k: v for k, v in entries.items() if isinstance(v, dict)} if isinstance(entries, dict) else {}

    @staticmethod
    def key(path: Path) -> str:
        return os.path.normcase(str(path.resolve()))

    def lookup(self, path: Path, fingerprint: Fingerprint) -> str | None:
        with self._lock:
            item = self._entries.get(self.key(path))
        if item is None:
            return None
        same = (item.get("size"), item.get("mtime_ns"), item.get("inode")) == (
            fingerprint.size, fingerprint.mtime_ns, fingerprint.inode)
        sha = item.get("sha256")
        return sha if same and isinstance(sha, str) else None

    def store(self, path: Path, fingerprint: Fingerprint, sha256: str) -> None:
        with self._lock:
            self._entries[self.key(path)] = {
                "size": fingerprint.size, "mtime_ns": fingerprint.mtime_ns, "inode": fingerprint.inode,
                "sha256": sha256,
            }
            payload = json.dumps({"version": CACHE_VERSION, "entries": self._entries}, indent=1)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            tmp.write_text(payload + "\n", encoding="utf-8")
            os.replace(tmp, self.path)


class Verifier:
    """Checks entries against their expected SHA-256, hashing only when the cache cannot answer."""

    def __init__(self, cache: HashCache, hasher: Hasher | None = None) -> None:
        self.cache = cache
        self._hasher = hasher

    @property
    def hasher(self) -> Hasher:
        if self._hasher is None:
            self._hasher = default_hasher()
        return self._hasher

    def cached_sha256(self, path: Path) -> str | None:
        try:
            return self.cache.lookup(path, Fingerprint.of(path))
        except OSError:
            return None

    def sha256(self, path: Path, progress: Progress | None = None, cancel: CancelToken | None = None,
               *, force: bool = False) -> tuple[str, bool]:
        """(sha256, hashed_now). Re-hashes when forced or when size/mtime/inode changed."""
        before = Fingerprint.of(path)
        if not force:
            cached = self.cache.lookup(path, before)
            if cached is not None:
                return cached, False
        digest = self.hasher(path, progress=progress, cancel=cancel).lower()
        # Only cache if the file did not change while it was being read.
        if Fingerprint.of(path) == before:
            self.cache.store(path, before, digest)
        return digest, True

    def state(self, entry: CatalogueEntry) -> Result:
        """What is known without reading the file (for ``models list`` and the model picker)."""
        try:
            fingerprint = Fingerprint.of(entry.path)
        except OSError:
            return Result(entry, State.MISSING)
        actual = self.cache.lookup(entry.path, fingerprint)
        if actual is None:
            return Result(entry, State.UNVERIFIED)
        return Result(entry, State.VERIFIED if actual == entry.sha256 else State.MISMATCH, actual)

    def verify(self, entry: CatalogueEntry, progress: Progress | None = None,
               cancel: CancelToken | None = None, *, force: bool = False) -> Result:
        """Hash if needed and compare; ``engine.errors.Cancelled`` propagates when cancelled."""
        try:
            actual, hashed = self.sha256(entry.path, progress, cancel, force=force)
        except (OSError, ModelFileError):  # gone, unreadable or not a regular file
            return Result(entry, State.MISSING)
        state = State.VERIFIED if actual == entry.sha256 else State.MISMATCH
        return Result(entry, state, actual, hashed)


@dataclass(frozen=True)
class LoadDecision:
    path: Path
    entry: CatalogueEntry | None
    result: Result | None
    warning: str = ""


def check_before_load(
    model: str,
    catalogue: Catalogue,
    verifier: Verifier,
    *,
    require_verification: bool,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> LoadDecision:
    """Resolve ``model`` (catalogue id or .gguf path) and verify it before its first load.

    Listed files are always checked (cheaply, via the cache, after the first time). A mismatching
    or unlisted file raises ``ModelRefusedError`` when policy requires verification; otherwise the
    decision carries a warning for the UI.
    """
    entry = catalogue.find(model)
    if entry is None:
        path = Path(model)
        if not path.is_file():
            raise ModelRefusedError(
                tr("Models", "No model with the id or path '%1'.").replace("%1", model))
        entry = catalogue.by_path(path)
        if entry is None:
            if require_verification:
                raise ModelRefusedError(tr(
                    "Models", "'%1' is not in the IT model catalogue or your imported models, and your "
                    "organisation only allows verified models.").replace("%1", str(path)))
            return LoadDecision(path, None, None, tr("Models", "This model file has not been verified."))
    result = verifier.verify(entry, progress, cancel)
    if result.state is State.MISSING:
        raise ModelRefusedError(
            tr("Models", "The model file for '%1' is missing: %2").replace("%1", entry.id).replace(
                "%2", str(entry.path)))
    if result.state is State.MISMATCH:
        message = tr(
            "Models", "The file for '%1' does not match its recorded SHA-256 (expected %2, found %3); "
            "it may be damaged or replaced.").replace("%1", entry.id).replace(
            "%2", str(entry.sha256)).replace("%3", str(result.actual_sha256))
        if require_verification:
            raise ModelRefusedError(message)
        return LoadDecision(entry.path, entry, result, message)
    return LoadDecision(entry.path, entry, result)
