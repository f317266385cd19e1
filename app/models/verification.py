"""SHA-256 verification of model files, cached so a 10 GB file is hashed once, not at every start.

The cache (``<cache>/model-hashes.json``) maps a resolved path to the file's fingerprint (size,
mtime, change time, inode, device: see :mod:`engine.model_file`) and the SHA-256 measured for
exactly that state. A normal user cannot set the change time back, so a file overwritten in place
with its mtime restored is hashed again. Every entry carries an HMAC-SHA256 whose key lives only
in the OS keyring: an entry written by anyone without the key is ignored (the file is re-hashed),
and without a keyring nothing is cached at all. The cache stores measurements, never verdicts:
the expected hash always comes from the catalogue or the user's import record.

Files are opened once (:class:`engine.model_file.ModelHandle`); the hash is read through that
handle and the caller loads through it too.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

from app.i18n import tr
from app.models.catalogue import Catalogue, CatalogueEntry
from engine.errors import ModelFileError
from engine.model_file import Fingerprint, ModelHandle
from engine.types import CancelToken

__all__ = ["Fingerprint", "HashCache", "KeyringMacKey", "ModelHandle", "Verifier", "check_before_load"]

CACHE_FILE = "model-hashes.json"
CACHE_VERSION = 2
KEYRING_SERVICE = "Bauhinia"
Progress = Callable[[int, int], None]  # (bytes done, bytes total)


class Hasher(Protocol):
    def __call__(
        self, handle: ModelHandle, *, progress: Progress | None = ..., cancel: CancelToken | None = ...
    ) -> str: ...


def default_hasher() -> Hasher:
    def hash_handle(handle: ModelHandle, *, progress: Progress | None = None,
                    cancel: CancelToken | None = None) -> str:
        return handle.sha256(progress, cancel)

    return hash_handle


class State(Enum):
    VERIFIED = "verified"  # hash matches
    MISMATCH = "mismatch"  # hash differs: the file was changed or replaced
    UNVERIFIED = "unverified"  # not hashed yet, or changed since it was hashed
    MISSING = "missing"  # the file is not there, not readable, or not a regular file


def fingerprint_of(path: Path) -> Fingerprint:
    """The fingerprint of the file at ``path`` now (``OSError``/``ModelFileError`` when unusable)."""
    with ModelHandle.open(path) as handle:
        return handle.opened


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


class MacKey(Protocol):
    def get(self, *, create: bool) -> bytes | None: ...


class KeyringMacKey:
    """The key that authenticates hash-cache entries: 32 random bytes kept only in the OS keyring.

    ``None`` when no keyring is usable (then nothing is trusted from the cache: files are hashed
    at every load). The key is read once per object."""

    def __init__(self, cache_path: Path) -> None:
        digest = hashlib.sha256(os.path.normcase(str(cache_path.resolve())).encode("utf-8")).hexdigest()[:16]
        self.user = f"model-hash-key-{digest}"
        self._key: bytes | None = None

    def get(self, *, create: bool) -> bytes | None:
        if self._key is not None:
            return self._key
        import keyring
        import keyring.errors

        from app.store.keys import keyring_available

        if not keyring_available():
            return None
        try:
            value = keyring.get_password(KEYRING_SERVICE, self.user)
            key = bytes.fromhex(value) if value else b""
            if len(key) != 32:
                if not create:
                    return None
                key = secrets.token_bytes(32)
                keyring.set_password(KEYRING_SERVICE, self.user, key.hex())
        except (keyring.errors.KeyringError, ValueError, OSError):
            return None  # an unusable keyring costs a re-hash, never a wrong answer
        self._key = key
        return key

    def forget(self) -> None:
        """Remove the key from the keyring (a throw-away profile's cache, e.g. after selftest)."""
        import keyring
        import keyring.errors

        self._key = None
        with contextlib.suppress(keyring.errors.KeyringError, OSError):
            keyring.delete_password(KEYRING_SERVICE, self.user)


class HashCache:
    """Path → (fingerprint, sha256) and built-model name → sha256, each entry under an HMAC;
    persisted atomically as JSON."""

    def __init__(self, path: Path, key: MacKey | None = None) -> None:
        self.path = path
        self.key_source: MacKey = key if key is not None else KeyringMacKey(path)
        self._lock = threading.Lock()
        self._entries, self._built = self._load()

    def _load(self) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}, {}  # a missing or damaged cache only costs a re-hash
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
            return {}, {}

        def section(name: str) -> dict[str, dict[str, Any]]:
            items = data.get(name)
            return {k: v for k, v in items.items() if isinstance(v, dict)} if isinstance(items, dict) else {}

        return section("entries"), section("built")

    @staticmethod
    def key(path: Path) -> str:
        return os.path.normcase(str(path.resolve()))

    @staticmethod
    def _mac(key: bytes, *fields: Any) -> str:
        blob = json.dumps([CACHE_VERSION, *fields], separators=(",", ":"))
        return hmac.new(key, blob.encode("utf-8"), hashlib.sha256).hexdigest()

    def _checked(self, item: dict[str, Any] | None, *fields: Any) -> str | None:
        """The entry's sha256 when its MAC is genuine under the keyring's key."""
        if item is None:
            return None
        sha, mac = item.get("sha256"), item.get("mac")
        if not isinstance(sha, str) or not isinstance(mac, str):
            return None
        key = self.key_source.get(create=False)
        if key is None or not hmac.compare_digest(mac, self._mac(key, *fields, sha)):
            return None
        return sha

    def lookup(self, path: Path, fingerprint: Fingerprint) -> str | None:
        name = self.key(path)
        with self._lock:
            item = self._entries.get(name)
        if item is None or item.get("fingerprint") != fingerprint.as_list():
            return None
        return self._checked(item, "file", name, fingerprint.as_list())

    def store(self, path: Path, fingerprint: Fingerprint, sha256: str) -> None:
        key = self.key_source.get(create=True)
        if key is None:
            return  # without the keyring's key an entry could be forged: cache nothing
        name = self.key(path)
        mac = self._mac(key, "file", name, fingerprint.as_list(), sha256)
        with self._lock:
            self._entries[name] = {"fingerprint": fingerprint.as_list(), "sha256": sha256, "mac": mac}
            self._save()

    def built_sha256(self, name: str) -> str | None:
        """The SHA-256 recorded when the app itself built the model ``name`` (MAC-checked)."""
        with self._lock:
            item = self._built.get(name)
        return self._checked(item, "built", name)

    def record_built(self, name: str, sha256: str) -> bool:
        key = self.key_source.get(create=True)
        if key is None:
            return False
        with self._lock:
            self._built[name] = {"sha256": sha256, "mac": self._mac(key, "built", name, sha256)}
            self._save()
        return True

    def _save(self) -> None:
        payload = json.dumps({"version": CACHE_VERSION, "entries": self._entries, "built": self._built}, indent=1)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(payload + "\n", encoding="utf-8")
        os.replace(tmp, self.path)


class Verifier:
    """Checks entries against their expected SHA-256, hashing only when the cache cannot answer."""

    def __init__(self, cache: HashCache, hasher: Hasher | None = None) -> None:
        self.cache = cache
        self.hasher: Hasher = hasher or default_hasher()

    def cached_sha256(self, path: Path) -> str | None:
        try:
            return self.cache.lookup(path, fingerprint_of(path))
        except (OSError, ModelFileError):
            return None

    def measure(self, handle: ModelHandle, progress: Progress | None = None, cancel: CancelToken | None = None,
                *, force: bool = False) -> tuple[str, bool]:
        """(sha256, hashed_now) of the open file, from the cache when its fingerprint is unchanged."""
        before = handle.fingerprint()
        if not force:
            cached = self.cache.lookup(handle.path, before)
            if cached is not None and before == handle.opened:
                handle.checked_sha256 = cached
                return cached, False
        digest = self.hasher(handle, progress=progress, cancel=cancel).lower()
        # Only cache (and vouch for the handle) if the file did not change while it was being read.
        after = handle.fingerprint()
        if after == before:
            self.cache.store(handle.path, before, digest)
            handle.opened = after
            handle.checked_sha256 = digest
        return digest, True

    def sha256(self, path: Path, progress: Progress | None = None, cancel: CancelToken | None = None,
               *, force: bool = False) -> tuple[str, bool]:
        """(sha256, hashed_now) of the file at ``path``."""
        with ModelHandle.open(path) as handle:
            return self.measure(handle, progress, cancel, force=force)

    def state(self, entry: CatalogueEntry) -> Result:
        """What is known without reading the file (for ``models list`` and the model picker)."""
        try:
            fingerprint = fingerprint_of(entry.path)
        except (OSError, ModelFileError):
            return Result(entry, State.MISSING)
        actual = self.cache.lookup(entry.path, fingerprint)
        if actual is None:
            return Result(entry, State.UNVERIFIED)
        return Result(entry, State.VERIFIED if actual == entry.sha256 else State.MISMATCH, actual)

    def open_checked(self, entry: CatalogueEntry, progress: Progress | None = None,
                     cancel: CancelToken | None = None, *, force: bool = False) -> tuple[Result, ModelHandle | None]:
        """Open the entry's file once and compare its hash; the handle (left open) is what was
        checked, to be loaded through and closed by the caller. No handle when the file is missing."""
        try:
            handle = ModelHandle.open(entry.path)
        except (OSError, ModelFileError):  # gone, unreadable or not a regular file
            return Result(entry, State.MISSING), None
        try:
            actual, hashed = self.measure(handle, progress, cancel, force=force)
        except BaseException:
            handle.close()
            raise
        state = State.VERIFIED if actual == entry.sha256 else State.MISMATCH
        return Result(entry, state, actual, hashed), handle

    def verify(self, entry: CatalogueEntry, progress: Progress | None = None,
               cancel: CancelToken | None = None, *, force: bool = False) -> Result:
        """Hash if needed and compare; ``engine.errors.Cancelled`` propagates when cancelled."""
        try:
            result, handle = self.open_checked(entry, progress, cancel, force=force)
        except ModelFileError:
            return Result(entry, State.MISSING)
        if handle is not None:
            handle.close()
        return result


@dataclass(frozen=True)
class LoadDecision:
    """What may be loaded: ``handle`` is the open, checked file (load through it, then close it)."""

    path: Path
    entry: CatalogueEntry | None
    result: Result | None
    handle: ModelHandle
    warning: str = ""


def mismatch_message(entry: CatalogueEntry) -> str:
    if entry.source == "catalogue":
        return tr("Models", "'%1' was not loaded: its file does not match the SHA-256 in IT's model catalogue "
                            "(damaged or replaced).").replace("%1", entry.id)
    return tr("Models", "The file for '%1' does not match the SHA-256 recorded when it was imported; it may be "
                        "damaged or replaced.").replace("%1", entry.id)


def check_before_load(
    model: str,
    catalogue: Catalogue,
    verifier: Verifier,
    *,
    require_verification: bool,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> LoadDecision:
    """Resolve ``model`` (catalogue id or .gguf path), open it once and verify it before loading.

    Listed files are always checked (cheaply, via the cache, after the first time). A file that
    does not match IT's catalogue hash is always refused. An unlisted file, or a user import that
    no longer matches its recorded hash, is refused when policy requires verification; otherwise
    the decision carries a warning for the UI.
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
            try:
                handle = ModelHandle.open(path)
            except ModelFileError as exc:
                raise ModelRefusedError(str(exc)) from exc
            return LoadDecision(path, None, None, handle, tr("Models", "This model file has not been verified."))
    result, checked = verifier.open_checked(entry, progress, cancel)
    if result.state is State.MISSING or checked is None:
        raise ModelRefusedError(
            tr("Models", "The model file for '%1' is missing: %2").replace("%1", entry.id).replace(
                "%2", str(entry.path)))
    if result.state is State.MISMATCH:
        message = mismatch_message(entry)
        if require_verification or entry.source == "catalogue":
            checked.close()
            raise ModelRefusedError(message)
        return LoadDecision(entry.path, entry, result, checked, message)
    return LoadDecision(entry.path, entry, result, checked)
