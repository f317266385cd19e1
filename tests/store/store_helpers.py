"""Byte-level helpers for store tests (what an attacker with the disk would see)."""

from __future__ import annotations

from pathlib import Path


def file_bytes(db: Path) -> bytes:
    """The database file and its WAL, as raw bytes (what an attacker with the disk sees)."""
    data = b""
    for suffix in ("", "-wal"):
        p = db.with_name(db.name + suffix)
        if p.exists():
            data += p.read_bytes()
    return data


def profile_bytes(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
