"""Turn an unencrypted history database into an encrypted one (``history.encryption = required``).

SQLCipher's ``sqlcipher_export`` copies every table, index, trigger and FTS5 index of the plain
file into a new file attached with the key. The copy is synced and checked (it opens with the
key, passes ``integrity_check``, and holds the same rows) before it takes the database's name;
then the plaintext — the old file, its WAL, SHM and rollback journal, unencrypted backups and
kept damaged copies — is overwritten with zeros and removed. Nothing is written unencrypted.

The swap survives a crash at any point: the plaintext is first renamed to ``*.plaintext-wipe``
(the next start finishes wiping it, or puts it back if the encrypted copy had not taken its
place yet) and an unfinished copy (``*.encrypting``) is ciphertext and is simply discarded.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from app.store import backups as backup_mod
from app.store.database import SQLITE_HEADER, _connect_fn, file_kind
from app.store.private_files import fsync_dir, fsync_file, touch_private, wipe

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
WIPE_SUFFIX = ".plaintext-wipe"
PIN_SUFFIX = ".plaintext-pin"
COPY_SUFFIX = ".encrypting"
_COUNTED = ("conversations", "messages", "schema_migrations")


class EncryptionFailed(Exception):
    """The encrypted copy could not be made or did not check out; the plain file is unchanged."""


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _family(path: Path) -> Iterator[Path]:
    """The file and the SQLite side files that may hold its pages."""
    yield path
    for suffix in SIDE_SUFFIXES:
        yield _side(path, suffix)


def _is_plain(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


def _key_operand(key: bytes | str) -> str:
    """The KEY operand of ATTACH: a raw key as SQLCipher's ``x'<hex>'`` form, or the passphrase."""
    return f"x'{key.hex()}'" if isinstance(key, bytes) else key


def _counts(conn: Any) -> dict[str, int]:
    out = {}
    for table in _COUNTED:
        try:
            out[table] = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        except sqlcipher.OperationalError:  # a table an older schema lacks counts as absent
            out[table] = -1
    return out


def plaintext_leftovers(db: Path) -> list[Path]:
    """Unencrypted copies of history that may sit beside an encrypted database."""
    found: list[Path] = []
    folder = backup_mod.backup_dir(db)
    if folder.is_dir():
        found += [p for p in folder.iterdir() if p.is_file() and _is_plain(p)]
    for damaged in db.parent.glob(db.name + ".damaged-*"):
        if damaged.is_file() and _is_plain(damaged):
            found += list(_family(damaged))
    return [p for p in found if p.exists()]


def _pin_sides(db: Path) -> list[Path]:
    """Hard-link the WAL and journal before SQLite opens the plain file.

    Opening rolls back a hot journal and closing checkpoints the WAL, and SQLite then deletes
    those files without overwriting them; the extra link keeps their blocks reachable so they
    can be wiped. Where links are not supported the plain unlink is all that happens."""
    pins = []
    for suffix in SIDE_SUFFIXES:
        side, pin = _side(db, suffix), _side(db, PIN_SUFFIX + suffix)
        if side.exists():
            with contextlib.suppress(OSError):
                pin.unlink(missing_ok=True)
                os.link(side, pin)
                pins.append(pin)
    return pins


def _drop_pins(db: Path) -> None:
    """Wipe the pinned copies, except a pin that is still the live WAL/journal (just unlinked)."""
    for suffix in SIDE_SUFFIXES:
        side, pin = _side(db, suffix), _side(db, PIN_SUFFIX + suffix)
        if not pin.exists():
            continue
        live = False
        with contextlib.suppress(OSError):
            live = side.exists() and os.path.samefile(side, pin)
        if live:
            pin.unlink()
        else:
            wipe(pin)


def finish_interrupted(db: Path) -> None:
    """Complete or undo a conversion that a crash interrupted (called before opening)."""
    old = _side(db, WIPE_SUFFIX)
    copy = _side(db, COPY_SUFFIX)
    if old.exists() and file_kind(db) == "missing":
        # Crashed between moving the plaintext aside and putting the copy in place: undo.
        for src in _family(old):
            if src.exists():
                dst = _side(db, src.name[len(old.name):])
                src.replace(dst)
    wipe_database(old)
    _drop_pins(db)
    if copy.exists():
        copy.unlink()


def encrypt_database(db: Path, key: bytes | str) -> None:
    """Replace the plain database ``db`` by an encrypted copy under ``key``; wipe the plaintext.

    Raises EncryptionFailed (the plain file unchanged) when the copy cannot be made or verified.
    """
    copy = _side(db, COPY_SUFFIX)
    for stale in _family(copy):
        stale.unlink(missing_ok=True)
    touch_private(copy)
    _pin_sides(db)
    try:
        plain = _connect_fn(str(db), None)()
        try:
            before = _counts(plain)
            plain.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(copy), _key_operand(key)))
            plain.execute("SELECT sqlcipher_export('encrypted')")
            plain.execute("DETACH DATABASE encrypted")
        finally:
            plain.close()
        fsync_file(copy)
        if file_kind(copy) != "encrypted":
            raise EncryptionFailed("the copy is not encrypted")
        check = _connect_fn(str(copy), key)()
        try:
            result = check.execute("PRAGMA integrity_check").fetchone()[0]
            after = _counts(check)
        finally:
            check.close()
        if result != "ok" or after != before:
            raise EncryptionFailed(f"the encrypted copy does not match ({result})")
    except EncryptionFailed:
        _discard(copy)
        _drop_pins(db)
        raise
    except Exception as exc:
        _discard(copy)
        _drop_pins(db)
        raise EncryptionFailed(str(exc)) from exc
    old = _side(db, WIPE_SUFFIX)
    for src in _family(db):
        if src.exists():
            src.replace(_side(old, src.name[len(db.name):]))
    copy.replace(db)
    fsync_dir(db.parent)
    for path in [*_family(old), *plaintext_leftovers(db)]:
        wipe(path)
    _drop_pins(db)


def wipe_database(db: Path) -> None:
    """Overwrite and remove a database file and its side files."""
    for path in _family(db):
        wipe(path)


def _discard(copy: Path) -> None:
    for path in _family(copy):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


__all__ = ["EncryptionFailed", "encrypt_database", "finish_interrupted", "plaintext_leftovers", "wipe_database"]
