"""Which files make up one audit log, oldest first: ``audit.000001.jsonl`` … then ``audit.jsonl``."""

from __future__ import annotations

import re
from pathlib import Path

LOG_NAME = "audit.jsonl"


def current_file(location: Path) -> Path:
    """The file being written: ``location`` itself, or ``audit.jsonl`` when it is a folder."""
    return location / LOG_NAME if location.is_dir() or not location.suffix else location


def _pattern(current: Path) -> re.Pattern[str]:
    return re.compile(re.escape(current.stem) + r"\.(\d{6,})" + re.escape(current.suffix))


def base_of(path: Path) -> Path:
    """The current file of the series a rotated file belongs to (``audit.000003.jsonl`` → ``audit.jsonl``)."""
    m = re.fullmatch(r"(.+)\.\d{6,}(\.[^.]+)", path.name)
    return path.with_name(m.group(1) + m.group(2)) if m else path


def rotated_files(current: Path) -> list[Path]:
    """Rotated files of ``current``'s series, oldest first."""
    pattern = _pattern(current)
    try:
        names = [(int(m.group(1)), p) for p in current.parent.iterdir() if (m := pattern.fullmatch(p.name))]
    except FileNotFoundError:
        return []
    return [p for _, p in sorted(names)]


def series(current: Path) -> list[Path]:
    """Every file of the log, oldest first (the current file last, when it exists)."""
    return rotated_files(current) + ([current] if current.exists() else [])


def next_rotated_name(current: Path) -> Path:
    existing = rotated_files(current)
    number = int(_pattern(current).fullmatch(existing[-1].name).group(1)) + 1 if existing else 1  # type: ignore[union-attr]
    return current.with_name(f"{current.stem}.{number:06d}{current.suffix}")
