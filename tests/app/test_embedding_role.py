"""Embedding models (``"role": "embedding"`` in the catalogue) are not chat models (issue 14): the
window's model picker and the settings' default-model list leave them out (one domain rule,
``Catalogue.chat_entries``), ``models list`` marks them, and loading one as a chat model
(``ask -m``, the window, a ``model.default`` that names one) is refused with one line before
llama.cpp sees the file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.cli import main as cli_main
from app.model_resolver import ModelNotAvailableError, open_provider
from app.models.catalogue import load_catalogue
from app.paths import user_paths
from app.settings.store import SettingsStore
from tests.app.catalogue_helpers import make_gguf, sha256_of, write_catalogue

REFUSED = "is an embedding model for the document library, not a chat model"


@pytest.fixture
def catalogue(_isolated_admin_dir: Path) -> Path:
    """IT lists a chat model and an embedding model; the embedding one even claims to be the default."""
    chat = make_gguf(_isolated_admin_dir / "models" / "chat.gguf", "Chat")
    emb = make_gguf(_isolated_admin_dir / "models" / "emb.gguf", "Embed", rows=6)
    write_catalogue(_isolated_admin_dir / "models.json", [
        {"id": "emb", "file": "models/emb.gguf", "sha256": sha256_of(emb), "role": "embedding", "default": True,
         "display_name": {"en": "Library vectors"}},
        {"id": "chat", "file": "models/chat.gguf", "sha256": sha256_of(chat), "display_name": {"en": "Chat one"}}])
    return emb


@pytest.fixture
def no_llama_load(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Any attempt to load a file with llama.cpp is recorded (and fails)."""
    import engine.loader

    loaded: list[Path] = []

    def load_session(path: Any, *_args: Any, **_kwargs: Any) -> Any:
        loaded.append(Path(path))
        raise AssertionError("llama.cpp was asked to load a model")

    monkeypatch.setattr(engine.loader, "load_session", load_session)
    return loaded


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli_main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_chat_entries_leave_embedding_models_out(catalogue: Path) -> None:
    loaded = load_catalogue(SettingsStore(), user_paths())
    assert [e.id for e in loaded.entries] == ["emb", "chat"]
    assert [e.id for e in loaded.chat_entries()] == ["chat"]
    entry = loaded.default_entry()
    assert entry is not None and entry.id == "chat"  # an embedding model is never the default chat model


def test_settings_default_model_list_has_no_embedding_model(catalogue: Path, qtbot: Any) -> None:
    from app.ui.settings_models import DefaultModelBox, catalogue_entries

    entries = catalogue_entries(SettingsStore(), user_paths())
    assert [e.id for e in entries] == ["chat"]
    box = DefaultModelBox(entries, "")
    qtbot.addWidget(box)
    assert [box.itemData(i) for i in range(box.count())] == ["", "chat"]
    assert box.itemText(0) == "Catalogue default (Chat one)"


def test_models_list_marks_the_role(catalogue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(capsys, "models", "list", "--json")
    assert code == 0
    assert {m["id"]: m["role"] for m in json.loads(out)["models"]} == {"emb": "embedding", "chat": "chat"}
    code, out, _err = _run(capsys, "models", "list")
    header, *rows = out.splitlines()
    assert code == 0 and header.split()[:4] == ["ID", "NAME", "ROLE", "SOURCE"]
    by_id = {row.split()[0]: row for row in rows}
    assert "embedding (library search)" in by_id["emb"] and "embedding" not in by_id["chat"]
    assert by_id["chat"].split()[3] == "chat"


@pytest.mark.parametrize("how", ["id", "path"])
def test_ask_refuses_an_embedding_model(catalogue: Path, no_llama_load: list[Path], how: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    ref = "emb" if how == "id" else str(catalogue)
    code, out, err = _run(capsys, "ask", "-m", ref, "--no-history", "hello")
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and REFUSED in err and "'emb'" in err and "Traceback" not in err
    assert no_llama_load == []


def test_the_gate_refuses_it_for_every_caller(catalogue: Path, no_llama_load: list[Path],
                                              _isolated_admin_dir: Path) -> None:
    """``open_provider`` is what the window's engine thread, ``bench`` and ``ask`` call; a
    ``model.default`` naming the embedding model is refused the same way."""
    with pytest.raises(ModelNotAvailableError, match=REFUSED):
        open_provider("emb", SettingsStore())
    (_isolated_admin_dir / "policies").mkdir(parents=True, exist_ok=True)
    (_isolated_admin_dir / "policies" / "m.json").write_text(json.dumps({"model.default": "emb"}), encoding="utf-8")
    with pytest.raises(ModelNotAvailableError, match=REFUSED):
        open_provider(None, SettingsStore())
    assert no_llama_load == []


@pytest.fixture
def window(qtbot: Any, memory_keyring: Any) -> Iterator[Any]:
    from PySide6.QtCore import QCoreApplication, QEvent

    from app.ui.main_window import MainWindow

    def no_diagnostic() -> Path:
        raise RuntimeError("not used here")

    made = MainWindow(SettingsStore(), user_paths().ensure(), diagnostic_factory=no_diagnostic)
    qtbot.addWidget(made)
    yield made
    made.shutdown()
    made.close()
    made.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_window_picker_and_configured_embedding_model(catalogue: Path, _isolated_admin_dir: Path,
                                                      no_llama_load: list[Path], window: Any, qtbot: Any) -> None:
    (_isolated_admin_dir / "policies").mkdir(parents=True, exist_ok=True)
    (_isolated_admin_dir / "policies" / "m.json").write_text(json.dumps({"model.default": "emb"}), encoding="utf-8")
    window.settings.reload()
    window.show()
    window.start()  # loads the configured model: the embedding model, refused
    picked = [window.picker.itemData(i) for i in range(window.picker.count())]
    assert "emb" not in picked and "chat" in picked
    assert "Library vectors" not in [window.picker.itemText(i) for i in range(window.picker.count())]
    qtbot.waitUntil(lambda: REFUSED in window.notice.text(), timeout=60_000)
    assert window.model is None and no_llama_load == []
