"""Shared by the audit tests."""

from __future__ import annotations

from pathlib import Path


def fill(folder: Path) -> Path:
    """Fill the file system holding ``folder`` completely; returns the ballast file."""
    ballast = folder / "ballast.bin"
    with ballast.open("wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\0" * 4096)
        except OSError:
            pass
        try:
            while True:
                fh.write(b"\0")
        except OSError:
            pass
    return ballast
