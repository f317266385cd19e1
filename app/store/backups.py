"""Whole-database backups: taken before every migration and once a day, restorable after damage.

A backup is a consistent snapshot made with SQLite's online backup API into a file keyed like
the original, so an encrypted history has encrypted backups. Deleting or purging conversations
discards the backups (they would otherwise keep what the user deleted); the next start makes a
fresh one.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from app.store.database import _connect_fn
from app.store.private_files import private_dir, touch_private

KEEP = 3


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def list_backups(db_path: Path) -> tuple[Path, ...]:
    """Backups of this database, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return ()
    found = [p for p in folder.glob(db_path.stem + "-*.sqlite3") if p.is_file()]
    return tuple(sorted(found, key=lambda p: p.name, reverse=True))


def take_backup(db_path: Path, key: bytes | str | None, reason: str) -> Path:
    """Snapshot the database into ``backups/`` and keep only the newest ``KEEP``."""
    folder = private_dir(backup_dir(db_path))
    stamp = time.strftime("%Y%m%d-%H%M%S") + f"-{time.time_ns() % 1_000_000_000:09d}"
    target = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite3"
    partial = touch_private(target.with_suffix(".partial"))
    try:
        src = _connect_fn(str(db_path), key)()
        try:
            dst = _connect_fn(str(partial), key)()
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except BaseException:
        partial.unlink(missing_ok=True)  # a half-written copy must not keep the disk full
        raise
    os.replace(partial, target)
    for old in list_backups(db_path)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def newest_backup_age_s(db_path: Path) -> float | None:
    backups = list_backups(db_path)
    if not backups:
        return None
    return time.time() - backups[0].stat().st_mtime


def discard_backups(db_path: Path) -> int:
    """Remove every backup (after a deletion, so deleted conversations do not survive in them)."""
    removed = 0
    for path in list_backups(db_path):
        path.unlink(missing_ok=True)
        removed += 1
    return removed


def restore_backup(db_path: Path, backup: Path) -> Path:
    """Put ``backup`` in place of the database; the old file is kept beside it, renamed."""
    aside = db_path.with_name(f"{db_path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    if db_path.exists():
        os.replace(db_path, aside)
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))
    shutil.copy2(backup, db_path)
    return aside


__all__ = [
    "discard_backups",
    "list_backups",
    "newest_backup_age_s",
    "restore_backup",
    "take_backup",
]
