"""Keep the last conversation's KV state across a restart, encrypted (issue 16 §3).

When the model closes (the app quits, another model is chosen), the conversation the cache holds
is written with :mod:`engine.kv_file` beside the history database; after the next load it is
parked in the session again, so the first reply to that conversation restores the cache instead
of re-reading the whole conversation (seconds to tens of seconds on a CPU).

The rules that keep this from leaking anything the history would not:
- only when the history is encrypted with a keyring key: the file key is derived from it, so
  a profile without one (plaintext history, passphrase mode) never gets a file;
- never for an off-the-record conversation, nor when history is off;
- within ``engine.kv_keep_mb`` (0 disables it, and IT can lock it);
- the file is the store's: deleting its conversation or purging history wipes it, and a file that
  fails any check is wiped and forgotten.

Dependencies are passed in (the session, the store), so the window and tests use the same code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from app.store.store import kept_state_path
from engine.kv_file import KVFileError, KVFileHeader, build_id, decode, derive_key, encode, read_bounded, read_header
from engine.kvcache import KVSnapshot


class KeepingSession(Protocol):
    n_ctx: int

    @property
    def current_conversation(self) -> str | None: ...

    def export_snapshot(self, conversation_id: str) -> KVSnapshot | None: ...

    def adopt_snapshot(self, conversation_id: str, snapshot: KVSnapshot) -> bool: ...


@dataclass(frozen=True)
class KeepResult:
    """What happened, for the log and the tests (never shown as an error: this is a cache)."""

    kept: bool
    reason: str
    conversation_id: str | None = None
    nbytes: int = 0


def _file_key(store: Any) -> bytes | None:
    material = store.key_material() if store is not None else None
    return derive_key(material) if material else None


def _supports(session: Any) -> bool:
    return all(hasattr(session, name) for name in ("export_snapshot", "adopt_snapshot", "current_conversation"))


def keep_state(session: Any, store: Any, *, model_sha256: str | None, budget_mb: int,
               history_enabled: bool = True) -> KeepResult:
    """Write the current conversation's state (replacing any older file) if the rules allow."""
    if not _supports(session) or store is None or store.path is None:
        return KeepResult(False, "no local session or no history file")
    path = kept_state_path(store.path)
    cid = session.current_conversation
    key = _file_key(store)
    if budget_mb <= 0 or not history_enabled or key is None or not model_sha256 or cid is None \
            or store.is_off_the_record(cid):
        wipe_kept_state(store.path)
        return KeepResult(False, "not allowed here (budget 0, history off, no keyring key, or off the record)")
    snapshot = session.export_snapshot(cid)
    if snapshot is None:
        return KeepResult(False, "the session holds no state for it", cid)
    if snapshot.nbytes > budget_mb << 20:
        wipe_kept_state(store.path)
        return KeepResult(False, "larger than the budget", cid, snapshot.nbytes)
    header = KVFileHeader(conversation_id=cid, model_sha256=model_sha256, n_ctx=int(session.n_ctx), build=build_id(),
                          n_tokens=len(snapshot.tokens), state_bytes=len(snapshot.state))
    data = encode(snapshot, header, key)
    try:
        _write_atomic(path, data)
    except OSError as exc:  # a full disk or a read-only profile: the cache is simply not kept
        wipe_kept_state(store.path)
        return KeepResult(False, f"not written: {exc.strerror or exc}", cid)
    return KeepResult(True, "kept", cid, len(data))


def offer_kept_state(session: Any, store: Any, *, model_sha256: str | None, budget_mb: int) -> KeepResult:
    """Park the kept state in ``session`` if it was written for this model and context and its
    conversation still exists; a file that fails a check is wiped."""
    if not _supports(session) or store is None or store.path is None:
        return KeepResult(False, "no local session or no history file")
    path = kept_state_path(store.path)
    if not path.exists():
        return KeepResult(False, "nothing kept")
    key = _file_key(store)
    if key is None or budget_mb <= 0 or not model_sha256:
        wipe_kept_state(store.path)
        return KeepResult(False, "not allowed here")
    try:
        data = read_bounded(path, (budget_mb << 20) + (1 << 20) + 4 * int(session.n_ctx))
        header, snapshot = decode(data, key, model_sha256=model_sha256, n_ctx=int(session.n_ctx), build=build_id(),
                                  max_state_bytes=budget_mb << 20)
    except KVFileError as exc:
        if "another model" in str(exc):  # kept for a model that may be loaded again: leave it
            return KeepResult(False, str(exc))
        wipe_kept_state(store.path)
        return KeepResult(False, str(exc))
    if not _conversation_exists(store, header.conversation_id):
        wipe_kept_state(store.path)
        return KeepResult(False, "its conversation no longer exists", header.conversation_id)
    if not session.adopt_snapshot(header.conversation_id, snapshot):
        return KeepResult(False, "the session's memory budget is smaller", header.conversation_id)
    return KeepResult(True, "restored", header.conversation_id, len(data))


def _conversation_exists(store: Any, conversation_id: str) -> bool:
    from app.store import HistoryError

    try:
        store.get_conversation(conversation_id)
    except (HistoryError, KeyError):
        return False
    return True


def kept_conversation(db_path: Path) -> str | None:
    """The conversation a kept file belongs to (its authenticated header; nothing decrypted)."""
    path = kept_state_path(db_path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096 + 64)
        return read_header(head)[0].conversation_id
    except (OSError, KVFileError):
        return None


def wipe_kept_state(db_path: Path, conversation_id: str | None = None) -> bool:
    """Remove the kept file (only if it belongs to ``conversation_id`` when one is given)."""
    path = kept_state_path(db_path)
    if conversation_id is not None and kept_conversation(db_path) not in (conversation_id, None):
        return False
    try:  # the content is encrypted: unlinking is enough (no need to overwrite hundreds of MB)
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError:
        return False
    return True


def _write_atomic(path: Path, data: bytes) -> None:
    from app.store.private_files import fsync_dir, write_private_atomic

    write_private_atomic(path, data)
    fsync_dir(path.parent)
