"""Document library: the encrypted store, the indexer and `bauhinia docs` (issue 14, steps 1–3).

Real DOCX/XLSX files (python-docx, openpyxl), the real SQLCipher history database with the
in-memory test keyring, the real parsing child; the kill/resume test runs `bauhinia docs`
as a child process (tests/cli_child.py) and SIGKILLs it mid-way.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cli_child
import openpyxl
import pytest
from docx_files import write_docx
from keyring_backend import MemoryKeyring
from sqlalchemy import text

from app.cli.main import main
from app.documents.index import Indexer, Progress
from app.documents.library import Library
from app.documents.model import ExtractLimits
from app.paths import user_paths
from app.store import HistoryStore

MARKER = "Zebrafish-Quokka-7731"


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(str(path))
    return path


@pytest.fixture
def store(memory_keyring: MemoryKeyring) -> Iterator[HistoryStore]:
    with HistoryStore.open(user_paths()) as opened:
        assert opened.encrypted
        yield opened


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    write_docx(docs / "leave.docx", "Sick leave: officers report 病假 to their supervisor within one day.",
               "年假申請須於兩星期前提交。")
    write_docx(docs / "software.docx", f"軟件採購政策 {MARKER}: every purchase of software needs approval.")
    write_xlsx(docs / "budget.xlsx", [["item", "amount"], ["printer toner", 300], ["網絡設備", 1200]])
    return docs


def test_index_and_search_bm25_both_scripts(store: HistoryStore, folder: Path) -> None:
    progress: list[Progress] = []
    report = Indexer(Library(store), ExtractLimits(), progress=progress.append).add([folder])
    assert (report.extracted, report.errors, report.pages) == (3, [], 3)
    assert [p.done for p in progress] == [1, 2, 3] and all(p.total == 3 for p in progress)
    assert progress[-1].pages == 3 and progress[-1].pages_per_s > 0 and progress[-1].eta_s == 0
    library = Library(store)
    rows = {Path(r.path).name: r for r in library.documents()}
    assert {n: (r.status, r.format, r.pages) for n, r in rows.items()} == {
        "budget.xlsx": ("indexed", "xlsx", 1), "leave.docx": ("indexed", "docx", 1),
        "software.docx": ("indexed", "docx", 1)}
    assert all(len(r.sha256 or "") == 64 and r.passages >= 1 for r in rows.values())
    # Simplified query → Traditional text, and the other way round.
    assert [h.name for h in library.search("软件")] == ["software.docx"]
    assert [h.name for h in library.search("网络")] == ["budget.xlsx"]
    assert [h.name for h in library.search("病假")] == ["leave.docx"]
    # A two-character word inside a longer run, and English by word.
    assert [h.name for h in library.search("政策")] == ["software.docx"]
    assert [h.name for h in library.search("toner")] == ["budget.xlsx"]
    # A question in plain words: any word counts, the passage with the rarer words first.
    hits = library.search("what is the rule for sick leave")
    assert hits[0].name == "leave.docx" and hits[0].page == 1
    assert all(a.score >= b.score for a, b in itertools.pairwise(hits))


def test_bm25_ranks_the_denser_passage_first(store: HistoryStore, tmp_path: Path) -> None:
    write_docx(tmp_path / "a.docx", "Housing policy. " + "Nothing else here. " * 30)
    write_docx(tmp_path / "b.docx", "Housing housing housing: the housing policy on public housing.")
    write_docx(tmp_path / "c.docx", "Transport policy for buses.")
    write_docx(tmp_path / "d.docx", "Education policy for schools.")
    Indexer(Library(store), ExtractLimits()).add([tmp_path])
    hits = Library(store).search("housing")
    assert [h.name for h in hits] == ["b.docx", "a.docx"] and hits[0].score > hits[1].score


def test_no_plaintext_on_disk(store: HistoryStore, folder: Path, _isolated_home: Path) -> None:
    Indexer(Library(store), ExtractLimits()).add([folder])
    assert Library(store).search(MARKER)
    store.close()
    needles = [MARKER.encode(), MARKER.encode("utf-16-le"), "軟件採購".encode(), "採購".encode("utf-16-le")]
    seen = 0
    for dirpath, _dirs, files in os.walk(_isolated_home):
        for name in files:
            data = (Path(dirpath) / name).read_bytes()
            seen += 1
            assert not any(n in data for n in needles), f"plaintext in {dirpath}/{name}"
    assert seen >= 1
    assert user_paths().database.read_bytes()[:16] != b"SQLite format 3\x00"


def test_incremental_changed_added_removed(store: HistoryStore, folder: Path) -> None:
    library = Library(store)
    Indexer(library, ExtractLimits()).add([folder])
    again = Indexer(library, ExtractLimits()).sync()
    assert (again.extracted, again.unchanged, again.removed) == (0, 3, 0)
    # Touched but the same bytes: re-hashed, not re-extracted.
    os.utime(folder / "budget.xlsx", ns=(1, 1))
    touched = Indexer(library, ExtractLimits()).sync()
    assert (touched.extracted, touched.unchanged) == (0, 3)
    write_docx(folder / "leave.docx", "Sick leave rules were replaced by the new attendance circular.")
    write_docx(folder / "new.docx", "Overtime claims go to the finance section.")
    (folder / "budget.xlsx").unlink()
    changed = Indexer(library, ExtractLimits()).sync()
    assert (changed.extracted, changed.unchanged, changed.removed) == (2, 1, 1)
    assert [h.name for h in library.search("overtime")] == ["new.docx"]
    assert library.search("toner") == []
    assert [h.name for h in library.search("attendance")] == ["leave.docx"]
    assert library.search("年假") == []  # the old text of the changed file left the index
    with store.session() as s:  # and its passages left the table
        assert s.execute(text("SELECT count(*) FROM passages WHERE text LIKE '%年假%'")).scalar_one() == 0


def test_cli_add_search_list_remove_with_bad_files(memory_keyring: MemoryKeyring, folder: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    (folder / "empty.txt").write_bytes(b"")
    assert main(["docs", "add", str(folder), "--json"]) == 3
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert report["extracted"] == 5 and report["pages"] == 3
    assert {(Path(e["file"]).name, e["kind"]) for e in report["errors"]} == {("broken.pdf", "malformed"),
                                                                             ("empty.txt", "empty")}
    assert "empty.txt: The file is empty." in err and "Traceback" not in err
    assert main(["docs", "search", "软件", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [(Path(h["file"]).name, h["page"]) for h in hits] == [("software.docx", 1)]
    assert set(hits[0]) == {"file", "page", "text", "score"} and MARKER in hits[0]["text"]
    assert main(["docs", "list", "--json"]) == 0
    listed = {Path(r["file"]).name: r for r in json.loads(capsys.readouterr().out)}
    assert listed["empty.txt"]["status"] == "error" and listed["empty.txt"]["error"] == "The file is empty."
    assert main(["docs", "remove", str(folder / "software.docx")]) == 0
    capsys.readouterr()
    assert main(["docs", "search", "软件", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["docs", "remove", str(folder)]) == 0
    assert main(["docs", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out.split("\n", 1)[1]) == []


def _policy(admin: Path, values: dict[str, Any]) -> None:
    (admin / "policies").mkdir(parents=True, exist_ok=True)
    (admin / "policies" / "50-documents.json").write_text(json.dumps(values), encoding="utf-8")


def test_policy_disabled_and_user_folders_refused(memory_keyring: MemoryKeyring, folder: Path,
                                                 _isolated_admin_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _policy(_isolated_admin_dir, {"documents.user_folders_allowed": False})
    assert main(["docs", "add", str(folder)]) == 1
    assert "does not allow adding" in capsys.readouterr().err
    _policy(_isolated_admin_dir, {"documents.enabled": False})
    assert main(["docs", "search", "x"]) == 1
    assert "turned off by your organisation" in capsys.readouterr().err


def test_policy_library_folders_and_size_limit(memory_keyring: MemoryKeyring, folder: Path, _isolated_admin_dir: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    big = folder / "big.txt"
    big.write_bytes(b"circular " * (1024 * 1024 // 9 + 10))  # just over 1 MB
    _policy(_isolated_admin_dir, {"documents.library_folders": [str(folder)], "documents.user_folders_allowed": False,
                                  "documents.max_file_mb": 1})
    assert main(["docs", "reindex", "--json"]) == 3
    report = json.loads(capsys.readouterr().out)
    assert report["extracted"] == 4
    assert [(Path(e["file"]).name, e["kind"], e["error"]) for e in report["errors"]] == [
        ("big.txt", "too_large", "The file is larger than the 1 MB limit for documents.")]
    assert main(["docs", "list", "--json"]) == 0
    assert {r["source"] for r in json.loads(capsys.readouterr().out)} == {"policy"}
    _policy(_isolated_admin_dir, {"documents.user_folders_allowed": False})  # IT withdrew the folder
    assert main(["docs", "reindex", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["removed"] == 4


def test_document_added_is_audited(memory_keyring: MemoryKeyring, folder: Path, _isolated_admin_dir: Path,
                                   tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    audit_dir = tmp_path / "audit"
    _policy(_isolated_admin_dir, {"audit.enabled": True, "audit.path": str(audit_dir)})
    assert main(["docs", "add", str(folder / "leave.docx"), "--json"]) == 0
    assert main(["docs", "add", str(folder / "leave.docx"), "--json"]) == 0  # unchanged: not recorded again
    lines = [json.loads(line) for line in (audit_dir / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    added = [line for line in lines if line.get("event") == "document_added"]
    assert len(added) == 1
    assert added[0]["document"]["name"] == "leave.docx" and len(added[0]["document"]["sha256"]) == 64
    assert "Sick leave" not in (audit_dir / "audit.jsonl").read_text(encoding="utf-8")
    capsys.readouterr()


def test_sigkill_mid_index_then_resume_does_not_reextract(tmp_path: Path, _isolated_admin_dir: Path) -> None:
    docs = tmp_path / "many"
    docs.mkdir()
    total = 40
    for i in range(total):
        write_docx(docs / f"c{i:02}.docx", f"Circular {i} on procurement 採購 number {i}. " * 20)
    # The child has no keyring backend: this test is about resuming, not encryption.
    _policy(_isolated_admin_dir, {"history.encryption": "off"})
    env = cli_child.child_env()
    done = 0
    with subprocess.Popen(cli_child.command("docs", "add", str(docs)), env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True) as proc:
        assert proc.stderr is not None
        try:
            for line in proc.stderr:
                if line.startswith("["):
                    done = int(line[1:].split("/")[0])
                    if done >= 5:
                        proc.send_signal(signal.SIGKILL)
                        break
        finally:
            proc.wait(timeout=120)
        assert proc.returncode == -signal.SIGKILL, proc.stderr.read()
    assert 5 <= done < total
    resumed = subprocess.run(cli_child.command("docs", "reindex", "--json"), env=env, capture_output=True,
                             text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    report = json.loads(resumed.stdout)
    # Finished files are not read again: at most the files not reported done before the kill.
    assert 1 <= report["extracted"] <= total - done
    assert report["extracted"] + report["unchanged"] == total
    listed = subprocess.run(cli_child.command("docs", "list", "--json"), env=env, capture_output=True, text=True,
                            timeout=120)
    rows = json.loads(listed.stdout)
    assert len(rows) == total and {r["status"] for r in rows} == {"indexed"}


def test_hostile_corpus_in_a_library_folder_is_recorded_and_the_rest_indexed(store: HistoryStore,
                                                                              tmp_path: Path) -> None:
    from hostile_docs import hostile_cases, write_case

    hostile = tmp_path / "hostile"
    hostile.mkdir()
    cases = hostile_cases()
    expected = {}
    for case in cases:
        path = write_case(hostile, case)
        if case.kind != "unsupported":  # a folder scan passes over unsupported kinds of file
            expected[path.name] = case.kind
    write_docx(hostile / "zz-good.docx", f"After the hostile files, {MARKER} is still indexed.")
    report = Indexer(Library(store), ExtractLimits()).add([hostile])
    assert {Path(p).name: e.kind for p, e in report.errors} == expected
    rows = {Path(r.path).name: r for r in Library(store).documents()}
    assert {n: r.error_kind for n, r in rows.items() if r.status == "error"} == expected
    assert rows["zz-good.docx"].status == "indexed"
    assert [h.name for h in Library(store).search(MARKER)] == ["zz-good.docx"]
