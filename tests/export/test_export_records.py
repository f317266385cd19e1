"""`bauhinia history export ID --format docx|pdf`: real store, real files read back (python-docx,
pypdfium2), the manifest checked by the real ``sha256sum -c``, the ban and the audit record."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from docx import Document
from docx.oxml.ns import qn
from keyring_backend import MemoryKeyring
from sqlalchemy import text as sql

from app.cli.main import main
from app.paths import user_paths
from app.store import HistoryStore
from tests.export.export_helpers import docx_text, pdf_text, sha256sum_check

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DIR = ROOT / "build" / "export-sample"
MODEL_SHA = "5f" * 32
EN = "Please summarise the public housing policy."
ZH_HK = "請以正式書面語草擬回覆市民來信，並列明房屋署的資料。"
ZH_CN = "请用简体中文总结这份文件的数据和网络设置。"
ATTACHMENT = "房屋署通告-2026.pdf"
ATTACHMENT_SHA = "ab" * 32
REASONING = "The user asked for a summary; reasoning text only in opt-in exports."


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def policy(admin: Path, values: dict[str, object]) -> None:
    (admin / "policies").mkdir(parents=True, exist_ok=True)
    (admin / "policies" / "60-export.json").write_text(json.dumps(values), encoding="utf-8")


@pytest.fixture
def seeded(memory_keyring: MemoryKeyring, _isolated_admin_dir: Path) -> str:
    catalogue = {"models": [{"id": "tiny", "file": "tiny.gguf", "sha256": MODEL_SHA,
                             "display_name": {"en": "Tiny"}}]}
    _isolated_admin_dir.mkdir(parents=True, exist_ok=True)
    (_isolated_admin_dir / "models.json").write_text(json.dumps(catalogue), encoding="utf-8")
    with HistoryStore.open(user_paths()) as store:
        conv = store.new_conversation(model="tiny", title="房屋政策 Housing policy 住房政策")
        store.add_message(conv.id, "user", EN)
        store.add_message(conv.id, "assistant", ZH_HK, reasoning=REASONING)
        store.add_message(conv.id, "user", ZH_CN)
        store.add_message(conv.id, "assistant", "Summary line one.\nSummary line two.")
        first = store.thread(conv.id)[0].id
        with store.session(write=True) as s:  # as a turn with an attached file records it (schema v4)
            s.execute(sql("INSERT INTO message_attachments (message_id, name, sha256, format, pages, tokens, whole)"
                          " VALUES (:m, :n, :h, 'pdf', 3, 900, 1)"), {"m": first, "n": ATTACHMENT, "h": ATTACHMENT_SHA})
        return conv.id


def metadata_present(text: str, conv_id: str) -> None:
    for label in ("Conversation id", "Created", "Updated", "Exported", "Author", "Machine", "App version",
                  "Model SHA-256", "Sampling (settings at export; not recorded with the replies)", "Attachments",
                  "Citations", "Reasoning"):
        assert label in text, label
    assert conv_id in text and "tiny" in text and MODEL_SHA in text
    assert f"{ATTACHMENT} (SHA-256 {ATTACHMENT_SHA})" in text
    assert "temperature=" in text and "top_p=" in text
    from app import __version__
    from app.audit.log import os_user

    assert f"Bauhinia {__version__}" in text and os_user() in text


def test_docx_holds_three_languages_metadata_and_cjk_fonts(seeded: str, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "record.docx"
    code, stdout, err = run(capsys, "history", "export", seeded, "--format", "docx", "-o", str(out))
    assert code == 0, err
    text = docx_text(out)
    for sample in (EN, ZH_HK, ZH_CN, "房屋政策 Housing policy 住房政策", "Summary line two."):
        assert sample in text
    metadata_present(text, seeded)
    assert REASONING not in text  # reasoning is off by default
    doc = Document(str(out))
    assert doc.core_properties.title == "房屋政策 Housing policy 住房政策"
    assert doc.core_properties.identifier == seeded
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    cjk_fonts = {r._r.rPr.rFonts.get(qn("w:eastAsia")) for p in doc.paragraphs for r in p.runs
                 if re.search(r"[\u4e00-\u9fff]", r.text)}
    assert cjk_fonts and None not in cjk_fonts  # every CJK run names its East-Asian face
    normal = doc.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia"))
    assert normal
    manifest = tmp_path / "record.sha256"
    assert str(manifest) in stdout
    check = sha256sum_check(manifest)
    assert check.returncode == 0 and "record.docx: OK" in check.stdout


def test_pdf_is_a4_with_cjk_fonts_embedded_and_reads_back(seeded: str, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "record.pdf"
    code, _, err = run(capsys, "history", "export", seeded, "--format", "pdf", "-o", str(out), "--with-reasoning")
    assert code == 0, err
    text = pdf_text(out)
    squashed = re.sub(r"\s+", "", text)  # the PDF wraps lines where the page ends
    for sample in (EN, ZH_HK, ZH_CN, REASONING, "Summary line two."):
        assert re.sub(r"\s+", "", sample) in squashed, sample  # 民 and 面 too, not radicals ⺠ ⾯
    for label in ("Conversationid", "Author", "Machine", "Appversion", "ModelSHA-256", "Sampling(settingsatexport",
                  "Attachments", "Citations", "Reasoningincluded"):
        assert label in squashed, label
    assert seeded in squashed and MODEL_SHA in squashed and f"{ATTACHMENT}(SHA-256{ATTACHMENT_SHA})" in squashed
    pdf = pdfium.PdfDocument(str(out))
    width, height = pdf[0].get_size()
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    raw = out.read_bytes()
    fonts = set(re.findall(rb"/FontName\s*/[A-Z]{6}\+([^\s/]+)", raw))
    assert any(b"CJK" in f for f in fonts), fonts  # a subset of Noto Sans CJK is in the file
    assert raw.count(b"/FontFile") >= len(fonts)  # each font is embedded, none only referenced
    SAMPLE_DIR.mkdir(parents=True, exist_ok=True)
    page = pdf[0].render(scale=1.5).to_pil()
    page.save(SAMPLE_DIR / "record-page1.png")
    shutil.copyfile(out, SAMPLE_DIR / "record.pdf")
    pdf.close()
    check = sha256sum_check(tmp_path / "record.sha256")
    assert check.returncode == 0 and "record.pdf: OK" in check.stdout
    shutil.copyfile(tmp_path / "record.sha256", SAMPLE_DIR / "record.sha256")  # the sample verifies too


def test_manifest_lists_both_files_and_catches_a_change(seeded: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("docx", "pdf"):
        assert run(capsys, "history", "export", seeded, "--format", fmt, "-o", str(tmp_path / f"rec.{fmt}"))[0] == 0
    manifest = tmp_path / "rec.sha256"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    assert [line.split("  ")[1] for line in lines] == ["rec.docx", "rec.pdf"]
    assert sha256sum_check(manifest).returncode == 0
    with (tmp_path / "rec.pdf").open("ab") as fh:
        fh.write(b"%tampered\n")
    check = sha256sum_check(manifest)
    assert check.returncode != 0 and "rec.pdf: FAILED" in check.stdout


def test_ban_refuses_writes_nothing_and_is_audited(seeded: str, tmp_path: Path, _isolated_admin_dir: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "audit"
    policy(_isolated_admin_dir, {"history.export_allowed": False, "audit.enabled": True, "audit.path": str(folder)})
    target = tmp_path / "out"
    target.mkdir()
    for fmt in ("docx", "pdf"):
        code, out, err = run(capsys, "history", "export", seeded, "--format", fmt, "-o", str(target / f"x.{fmt}"))
        assert code == 1 and err.count("\n") == 1 and out == ""
    assert list(target.iterdir()) == []
    events = [json.loads(line) for line in (folder / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["event"], e["setting"]) for e in events] == [("policy_refusal", "history.export_allowed")] * 2


def test_export_is_audited_with_the_file_hash_and_no_text(seeded: str, tmp_path: Path, _isolated_admin_dir: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "audit"
    policy(_isolated_admin_dir, {"audit.enabled": True, "audit.path": str(folder)})
    out = tmp_path / "r.docx"
    assert run(capsys, "history", "export", seeded, "--format", "docx", "-o", str(out))[0] == 0
    log = (folder / "audit.jsonl").read_text(encoding="utf-8")
    (event,) = [json.loads(line) for line in log.splitlines()]
    import hashlib

    assert event["event"] == "export" and event["format"] == "docx" and event["file_name"] == "r.docx"
    assert event["file_sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert ZH_HK not in log and EN not in log


def test_chinese_interface_labels(seeded: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.settings.store import SettingsStore

    for language, author_label in (("zh_HK", "電腦名稱"), ("zh_CN", "计算机名称")):
        SettingsStore().set("ui.language", language)
        out = tmp_path / f"{language}.docx"
        assert run(capsys, "history", "export", seeded, "--format", "docx", "-o", str(out))[0] == 0
        text = docx_text(out)
        assert author_label in text and ZH_HK in text and ZH_CN in text
        pdf_out = tmp_path / f"{language}.pdf"
        assert run(capsys, "history", "export", seeded, "--format", "pdf", "-o", str(pdf_out))[0] == 0
        squashed = re.sub(r"\s+", "", pdf_text(pdf_out))
        # Every glyph reads back, in both scripts, in one process (no locl forms lost from ToUnicode).
        for sample in (author_label, "房屋政策Housingpolicy住房政策", ZH_HK, ZH_CN):
            assert sample in squashed, (language, sample)
        assert not re.search(r"[\x00-\x08\x0e-\x1f]", squashed)
        SAMPLE_DIR.mkdir(parents=True, exist_ok=True)
        pdf = pdfium.PdfDocument(str(pdf_out))
        pdf[0].render(scale=1.5).to_pil().save(SAMPLE_DIR / f"record-{language}-page1.png")
        pdf.close()
        shutil.copyfile(out, SAMPLE_DIR / f"record-{language}.docx")


def test_all_is_refused_for_records(seeded: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "history", "export", "all", "--format", "pdf")
    assert code == 1 and err.count("\n") == 1


def test_an_unwritable_target_is_one_line_and_leaves_no_file(seeded: str, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "missing-folder" / "r.pdf"
    code, _, err = run(capsys, "history", "export", seeded, "--format", "pdf", "-o", str(target))
    assert code == 1 and err.count("\n") == 1 and "Cannot write" in err
    assert not target.parent.exists()


def test_a_full_disk_is_one_line_and_leaves_no_half_file(seeded: str, small_disk: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from tests.audit.audit_helpers import fill

    ballast = fill(small_disk)
    target = small_disk / "r.pdf"
    code, _, err = run(capsys, "history", "export", seeded, "--format", "pdf", "-o", str(target))
    assert code == 1 and err.count("\n") == 1 and "Cannot write" in err
    assert sorted(p.name for p in small_disk.iterdir()) == [ballast.name]  # no r.pdf, no r.pdf.part
