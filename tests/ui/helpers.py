"""Helpers shared by the UI tests (imported as ``ui.helpers``; ``tests/`` is on ``sys.path``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def screenshot(widget: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    assert widget.grab().save(str(path)), f"could not write {path}"
    return path


def wait_idle(qtbot: Any, window: Any, timeout: int = 60_000) -> None:
    qtbot.waitUntil(lambda: not window.generating and window.store_client.pending == 0, timeout=timeout)
