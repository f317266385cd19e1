"""One parsing child for a test module (spawning a fresh interpreter per file is slow on 2 cores)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.documents import ExtractLimits, ParserProcess

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="module")
def parser() -> Iterator[ParserProcess]:
    with ParserProcess(ExtractLimits()) as shared:
        yield shared
