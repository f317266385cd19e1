"""What each reply was made with, in the DOCX/PDF record (schema v5): the sampling it used (not the
settings at export), its terminology check and its numbered sources; read back from real files of
a real SQLCipher store, both formats from one record with one manifest."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from keyring_backend import MemoryKeyring

from app.export.service import export_files
from app.paths import user_paths
from app.settings.store import SettingsStore
from app.store import HistoryStore
from engine.types import SamplingParams
from tests.export.export_helpers import docx_text, pdf_text, sha256sum_check

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "build" / "export-sample"
COLD = SamplingParams(temperature=0.1, top_p=0.5, top_k=5, seed=42, max_tokens=300)
WARM = SamplingParams(temperature=0.9, top_p=0.95, top_k=40, seed=None, max_tokens=2048, thinking=True)
TERMS = [{"term": "Chief Executive", "expected": "行政長官", "found": False},
         {"term": "Legislative Council", "expected": "立法會", "found": True}]
SOURCES = [{"file": "/library/房屋政策.pdf", "page": 3, "text": "SECRET passage"}, {"file": "notes.txt", "page": None}]


@pytest.fixture
def store(memory_keyring: MemoryKeyring) -> Any:
    with HistoryStore.open(user_paths()) as s:
        yield s


def _conversation(store: HistoryStore, second: SamplingParams) -> str:
    conv = store.new_conversation(model="tiny", title="行政長官 record")
    store.add_message(conv.id, "user", "Translate: The Chief Executive met the Legislative Council.")
    store.add_message(conv.id, "assistant", "特首與立法會會面。", sampling=COLD, term_check=TERMS, citations=SOURCES)
    store.add_message(conv.id, "user", "Again, shorter.")
    store.add_message(conv.id, "assistant", "特首會見議員。", sampling=second)
    return conv.id


def _export(store: HistoryStore, cid: str, folder: Path, audited: list[Any]) -> dict[str, str]:
    SettingsStore().set("sampling.temperature", 1.7)  # the setting at export time must not show
    outputs = {"docx": folder / "rec.docx", "pdf": folder / "rec.pdf"}
    results = export_files(store, cid, outputs, settings=SettingsStore(), audit=audited.append)
    assert [r.path for r in results] == list(outputs.values())
    assert {r.manifest for r in results} == {folder / "rec.sha256"}
    check = sha256sum_check(folder / "rec.sha256")
    assert check.returncode == 0 and "rec.docx: OK" in check.stdout and "rec.pdf: OK" in check.stdout
    assert [e.format for e in audited] == ["docx", "pdf"]
    return {"docx": docx_text(outputs["docx"]), "pdf": re.sub(r"\s+", "", pdf_text(outputs["pdf"]))}


def test_replies_that_differ_show_their_own_sampling_term_check_and_sources(store: HistoryStore,
                                                                           tmp_path: Path) -> None:
    cid = _conversation(store, WARM)
    texts = _export(store, cid, tmp_path, [])
    docx = texts["docx"]
    assert "differs between replies: shown with each reply" in docx
    assert "temperature=0.1, top_p=0.5, top_k=5" in docx and "seed=42" in docx and "max_tokens=300" in docx
    assert "temperature=0.9" in docx and "seed=random" in docx and "thinking=on" in docx
    assert "1.7" not in docx and "settings at export" not in docx
    assert docx.index("temperature=0.1") < docx.index("Again, shorter.") < docx.index("temperature=0.9")
    assert "Terminology check: approved terms not used: Chief Executive → 行政長官" in docx
    assert "立法會 " not in docx.split("Terminology check", 1)[1].split("\n", 1)[0]  # a found term is not listed
    assert "Sources: [1] /library/房屋政策.pdf, p. 3; [2] notes.txt" in docx
    assert "SECRET" not in docx  # no passage text was kept, so none is exported
    pdf = texts["pdf"]
    for sample in ("temperature=0.1,top_p=0.5", "temperature=0.9", "Terminologycheck:approvedtermsnotused:"
                   "ChiefExecutive→行政長官", "[1]/library/房屋政策.pdf,p.3;[2]notes.txt", "differsbetweenreplies"):
        assert sample in pdf, sample
    assert "1.7" not in pdf
    import pypdfium2 as pdfium

    SAMPLE_DIR.mkdir(parents=True, exist_ok=True)  # the rendered page for the closing note
    document = pdfium.PdfDocument(str(tmp_path / "rec.pdf"))
    document[0].render(scale=1.5).to_pil().save(SAMPLE_DIR / "record-replies-page1.png")
    document.close()


def test_replies_that_agree_show_the_sampling_once_in_the_metadata(store: HistoryStore, tmp_path: Path) -> None:
    cid = _conversation(store, COLD)
    docx = _export(store, cid, tmp_path, [])["docx"]
    assert "Sampling (every reply)" in docx
    assert docx.count("temperature=0.1") == 1 and "1.7" not in docx


@pytest.mark.parametrize("language", ["zh_HK", "zh_CN"])
def test_the_reply_notes_are_translated(store: HistoryStore, tmp_path: Path, language: str) -> None:
    from app import i18n

    i18n.switch_language(language)
    cid = _conversation(store, WARM)
    docx = _export(store, cid, tmp_path, [])["docx"]
    heading = {"zh_HK": "術語檢查", "zh_CN": "术语检查"}[language]
    assert heading in docx and "Terminology check" not in docx and "Sources" not in docx


def test_a_failed_second_file_keeps_the_first_and_says_which(store: HistoryStore, tmp_path: Path) -> None:
    cid = _conversation(store, COLD)
    written: list[Any] = []
    outputs = {"docx": tmp_path / "ok.docx", "pdf": tmp_path / "missing" / "no.pdf"}
    with pytest.raises(OSError):
        export_files(store, cid, outputs, settings=SettingsStore(), audit=lambda _e: None, written=written)
    assert [r.path for r in written] == [tmp_path / "ok.docx"]
    assert sha256sum_check(tmp_path / "ok.sha256").returncode == 0
    assert not (tmp_path / "missing").exists()
