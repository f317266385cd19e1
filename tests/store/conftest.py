"""Store test fixtures: an in-memory keyring (no backend exists headless) and opened stores."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring_backend import MemoryKeyring

from app.paths import Paths, user_paths
from app.store import HistoryStore

sys.path.insert(0, str(Path(__file__).resolve().parent))  # store_helpers.py


@pytest.fixture(autouse=True)
def _memory_keyring_everywhere(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    """Every store/UI test runs with the in-memory keyring from the root conftest."""
    return memory_keyring


@pytest.fixture
def paths(_isolated_home: Path) -> Paths:
    return user_paths()


@pytest.fixture
def store(paths: Paths) -> Iterator[HistoryStore]:
    s = HistoryStore.open(paths)
    yield s
    s.close()


@pytest.fixture
def plain_store(paths: Paths) -> Iterator[HistoryStore]:
    s = HistoryStore.open(paths, encrypt=False)
    yield s
    s.close()
