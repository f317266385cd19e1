"""Audit test fixtures: a real small tmpfs for the full-disk tests (mounting needs root)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from small_disk import mounted_tmpfs


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with mounted_tmpfs(tmp_path / "small-disk", "64k") as mnt:
        yield mnt
