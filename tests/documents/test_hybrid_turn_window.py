"""The window's "Use my library" with an embedding model named by policy (issue 14): the turn's
passages come from the hybrid search, prepared off the UI thread; the model is loaded by the first
library turn, reused by the next, and closed when the window shuts down. Real window (offscreen),
scripted chat model, generated embedding GGUF through the catalogue, the SQLCipher store."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from keyring_backend import MemoryKeyring
from PySide6.QtCore import QCoreApplication, QEvent, Qt

from app.cli.main import main
from app.paths import user_paths
from app.settings.store import SettingsStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "app"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from catalogue_helpers import sha256_of, write_catalogue
from test_embeddings import TEXTS
from test_library import write_docx
from ui.helpers import wait_idle

pytestmark = [pytest.mark.ui]


@pytest.fixture
def indexed(memory_keyring: MemoryKeyring, _isolated_admin_dir: Path, random_model_path: Path,
            tmp_path: Path) -> Path:
    model = _isolated_admin_dir / "models" / "embed.gguf"
    model.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(random_model_path, model)
    write_catalogue(_isolated_admin_dir / "models.json", [
        {"id": "embed", "file": "models/embed.gguf", "sha256": sha256_of(model), "role": "embedding"}])
    (_isolated_admin_dir / "policies").mkdir(parents=True, exist_ok=True)
    (_isolated_admin_dir / "policies" / "50.json").write_text(
        json.dumps({"documents.embedding_model": "embed"}), encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    for i, body in enumerate(TEXTS):
        write_docx(docs / f"d{i}.docx", body)
    assert main(["docs", "add", str(docs), "--json"]) == 0
    return docs


def _send(window: Any, qtbot: Any, question: str) -> Any:
    window.composer.edit.setPlainText(question)
    window.composer.edit.setFocus()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.generating, timeout=60_000)
    wait_idle(qtbot, window, timeout=120_000)
    return window.transcript.items[-1]


@pytest.mark.slow
def test_use_my_library_finds_passages_by_vector(indexed: Path, scripted_model_path: Path, qtbot: Any,
                                                  capfd: pytest.CaptureFixture[str]) -> None:
    from app.ui.main_window import MainWindow

    window = MainWindow(SettingsStore(), user_paths().ensure(), diagnostic_factory=lambda: scripted_model_path)
    try:
        window.show()
        qtbot.waitExposed(window)
        window.start()
        assert "embed" not in [window.picker.itemData(i) for i in range(window.picker.count())]
        qtbot.mouseClick(window.welcome.diagnostic_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.model is not None, timeout=120_000)
        docs = window.documents_ui
        cache = docs.turns.embedders
        assert cache.loads == 0  # nothing loaded before a library turn
        docs.library.setChecked(True)
        reply = _send(window, qtbot, "qqzx")  # no keyword matches: only vectors find passages
        assert reply.status == "complete"
        assert sorted(s.text for s in reply.sources) == sorted(TEXTS)
        assert cache.loads == 1
        again = _send(window, qtbot, "qqzx again")
        assert len(again.sources) == len(TEXTS) and cache.loads == 1  # the same model, kept
        assert cache._embedder is not None
        assert "keywords only" not in window.notice.text()
    finally:
        window.shutdown()
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert cache._embedder is None  # closed with the window
    assert "Traceback" not in capfd.readouterr().err
