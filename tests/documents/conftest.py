"""One parsing child for a test module (spawning a fresh interpreter per file is slow on 2 cores)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring_backend import MemoryKeyring

from app.documents import ExtractLimits, ParserProcess
from app.paths import user_paths
from app.store import HistoryStore

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="module")
def parser() -> Iterator[ParserProcess]:
    with ParserProcess(ExtractLimits()) as shared:
        yield shared


@pytest.fixture
def store(memory_keyring: MemoryKeyring) -> Iterator[HistoryStore]:
    """The real encrypted history database (SQLCipher, in-memory test keyring) in the isolated home."""
    with HistoryStore.open(user_paths()) as opened:
        assert opened.encrypted
        yield opened
