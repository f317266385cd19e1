"""The database key: 32 random bytes made on first run and kept only in the OS keyring.

The key never touches a file or a log. One key per profile (the keyring user name includes a
digest of the database path, so relocated profiles via BAUHINIA_HOME do not collide).
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors

from app.i18n import tr
from app.store.errors import HistoryKeyError, HistoryUnavailable

KEYRING_SERVICE = "Bauhinia"


def keyring_user(db_path: Path) -> str:
    digest = hashlib.sha256(str(db_path.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"history-key-{digest}"


def keyring_available() -> bool:
    """False when keyring has only its 'fail' backend (headless Linux without Secret Service)."""
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken backend configuration is as good as none
        return False
    priority = getattr(backend, "priority", 0)
    name = type(backend).__module__ + "." + type(backend).__name__
    return not name.startswith("keyring.backends.fail") and priority is not None and float(priority) > 0


def keyring_name() -> str:
    try:
        backend = keyring.get_keyring()
    except Exception as exc:
        return f"unavailable ({exc})"
    return f"{type(backend).__module__}.{type(backend).__name__}"


def load_key(db_path: Path) -> bytes | None:
    """The stored key, or None when the keyring has none for this profile."""
    try:
        value = keyring.get_password(KEYRING_SERVICE, keyring_user(db_path))
    except keyring.errors.KeyringError as exc:
        raise HistoryUnavailable(
            tr("HistoryStore", "The system keyring could not be read: {error}").format(error=exc)
        ) from exc
    if value is None:
        return None
    try:
        key = bytes.fromhex(value)
    except ValueError:
        key = b""
    if len(key) != 32:
        raise HistoryKeyError(
            tr("HistoryStore", "The history key in the system keyring is malformed; it cannot open the history.")
        )
    return key


def create_key(db_path: Path) -> bytes:
    """Make a new random key and store it in the keyring (first run)."""
    key = secrets.token_bytes(32)
    try:
        keyring.set_password(KEYRING_SERVICE, keyring_user(db_path), key.hex())
    except keyring.errors.KeyringError as exc:
        raise HistoryUnavailable(
            tr("HistoryStore", "The history key could not be saved in the system keyring: {error}").format(error=exc)
        ) from exc
    return key


def forget_key(db_path: Path) -> None:
    """Remove the profile's key (used when the database itself is deleted)."""
    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        keyring.delete_password(KEYRING_SERVICE, keyring_user(db_path))


def sqlcipher_key_pragma(key: bytes | str) -> str:
    """``PRAGMA key`` for a raw 32-byte key (no key derivation) or a passphrase (PBKDF2 in SQLCipher)."""
    if isinstance(key, bytes):
        return f"PRAGMA key = \"x'{key.hex()}'\""
    return "PRAGMA key = '" + key.replace("'", "''") + "'"
