"""Theme, live language switch, importing a model from the window, remote models in the picker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QPalette

from app.ui.main_window import apply_theme

pytestmark = pytest.mark.ui


class ShoutingTranslator(QTranslator):
    """Stands in for a real .qm (issue 6 adds them): every source text comes back upper-cased."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return source.upper()

    def isEmpty(self) -> bool:
        return False


def test_theme_follows_the_setting_or_the_system(qapp: Any) -> None:
    def window_lightness() -> int:
        return int(qapp.palette().color(QPalette.ColorRole.Window).lightness())

    try:
        apply_theme("dark")
        assert window_lightness() < 100
        apply_theme("light")
        assert window_lightness() > 150
    finally:
        apply_theme("system")


def test_live_language_switch_retranslates(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    assert window.sidebar.new_button.text() == "New chat"
    translator = ShoutingTranslator()
    QCoreApplication.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: window.sidebar.new_button.text() == "NEW CHAT")
        assert window.composer.send_button.text() == "SEND"
        assert window.welcome.diagnostic_button.text() == "TRY THE DIAGNOSTIC MODEL"
        assert window.transcript.accessibleName() == "CONVERSATION"
        assert window.file_menu.title() == "&FILE"
        assert window.status.cancel_button.text() == "CANCEL"
    finally:
        QCoreApplication.removeTranslator(translator)
    qtbot.waitUntil(lambda: window.sidebar.new_button.text() == "New chat")


def test_import_a_model_from_the_welcome_page(make_window: Any, scripted_model_path: Path, qtbot: Any) -> None:
    window = make_window()
    window.import_file(scripted_model_path)
    qtbot.waitUntil(lambda: window.model is not None, timeout=120_000)
    assert window.stack.currentWidget() is window.chat_page
    assert "(your model)" in window.picker.currentText()
    assert window.model.ref == window.picker.currentData() and not window.model.diagnostic


def test_import_refused_by_policy_is_explained(make_window: Any, make_settings: Any, scripted_model_path: Path,
                                               qtbot: Any) -> None:
    window = make_window(make_settings(policy={"models.user_import_allowed": False}))
    window.import_model()
    assert "does not allow importing" in window.notice.text()


def test_remote_models_are_marked_as_leaving_the_pc(make_window: Any, make_settings: Any) -> None:
    settings = make_settings(policy={
        "remote.allowed": True,
        "remote.allowed_hosts": ["llm.dept.gov.hk"],
        "remote.endpoints": [{"id": "cluster", "url": "https://llm.dept.gov.hk/v1", "display_name": "Dept cluster",
                              "models": ["deepseek-r1"]}],
    })
    window = make_window(settings)
    i = window.picker.findData("remote:cluster/deepseek-r1")
    assert i > 0
    assert "leaves this PC" in window.picker.itemText(i)
    assert "llm.dept.gov.hk" in window.picker.itemData(i, Qt.ItemDataRole.ToolTipRole)


def _big_gguf(path: Path, mib: int) -> Path:
    """A valid GGUF of about ``mib`` MiB (one tensor): an import of it takes several chunks."""
    import gguf
    import numpy as np

    w = gguf.GGUFWriter(str(path), "llama")
    w.add_name("Big import test")
    w.add_context_length(256)
    w.add_block_count(1)
    w.add_embedding_length(8)
    w.add_tensor("token_embd.weight", np.zeros((mib * 1024 * 32, 8), dtype=np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


def test_an_import_runs_off_the_store_thread_and_closing_cancels_it(make_window: Any, qtbot: Any,
                                                                    tmp_path: Path) -> None:
    """Model import is a cancellable job with progress: while it runs, history calls (sidebar,
    search) are answered; closing the window cancels it and leaves no partial file or entry."""
    import threading

    from app.models.catalogue import user_models_path

    src = _big_gguf(tmp_path / "big.gguf", 24)
    window = make_window()
    started, seen = threading.Event(), []

    def hold(done: int, total: int) -> None:
        # Runs on the job thread (direct connection): keep the job mid-file until it is cancelled.
        seen.append((done, total))
        if not started.is_set():
            started.set()
            worker = window.job_worker
            for _ in range(3000):
                if worker._cancel is None or worker._cancel.cancelled:
                    break
                threading.Event().wait(0.01)

    window.job_worker.progress.connect(hold, Qt.ConnectionType.DirectConnection)
    window.import_file(src)
    qtbot.waitUntil(started.is_set, timeout=60_000)
    assert window.importing and window.status.load_bar.isVisible()
    answered: list[Any] = []
    window.store_client.call(lambda s: s.list_conversations(), answered.append)  # the sidebar's kind of call
    qtbot.waitUntil(lambda: bool(answered), timeout=10_000)  # not stuck behind the import
    assert window.importing
    window.close()
    assert window.closed_cleanly and not window.job_thread.isRunning()
    assert seen and seen[0][1] >= 24 and seen[-1][0] < seen[-1][1]  # stopped part-way
    folder = window.paths.models
    assert not any(folder.glob("*.part")) and not any(p.name.startswith(".") for p in folder.glob("*"))
    assert not user_models_path(window.paths).exists() or "big" not in user_models_path(window.paths).read_text()
