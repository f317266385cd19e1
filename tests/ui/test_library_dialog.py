"""File → Document library… in the window (issue 14, item 3): real folders of DOCX/TXT files in
tmp_path, the real encrypted store, the real parsing child, the documents' one job queue.

Adding a folder indexes it with progress (pages/s, time left) in the dialog and the status bar,
then its passages are searchable; removing it takes them away; IT's folders are read-only; a
policy without user folders disables Add with the reason; a changed, added or removed file is
picked up by Re-index; Stop then Re-index does not read finished files again (the indexer's
counts); a file that cannot be read is one translated line under its folder; zh_HK labels.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from docx_files import write_docx
from PySide6.QtCore import Qt

from app import i18n
from app.documents.library import Library

pytestmark = [pytest.mark.ui]

MARKER = "Quokka-Lantern-4412"
TIMEOUT = 120_000


def make_folder(root: Path, name: str, files: int = 3) -> Path:
    folder = root / name
    folder.mkdir()
    write_docx(folder / "leave.docx", f"Sick leave {MARKER}: officers report 病假 to their supervisor within one day.")
    (folder / "notes.txt").write_text("年假申請須於兩星期前提交。 Annual leave needs two weeks' notice.\n",
                                      encoding="utf-8")
    for n in range(files - 2):
        write_docx(folder / f"circular-{n:02d}.docx", f"Circular {n}: printer toner budget 打印機碳粉 item {n}.")
    return folder


def open_dialog(window: Any, qtbot: Any) -> Any:
    ui = window.library_ui
    qtbot.waitUntil(lambda: not ui.indexing.running, timeout=TIMEOUT)  # the start-up refresh
    ui.action.trigger()
    dialog = ui.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def rows_of(dialog: Any) -> dict[str, Any]:
    return {Path(r.path).name: r for r in dialog.rows}


def select(dialog: Any, path: Path) -> None:
    for i in range(dialog.tree.topLevelItemCount()):
        item = dialog.tree.topLevelItem(i)
        if item.data(0, Qt.ItemDataRole.UserRole) == str(path):
            dialog.tree.setCurrentItem(item)
            return
    raise AssertionError(f"{path} is not listed")


def test_add_folder_shows_progress_then_searchable_and_remove_takes_it_away(
        make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    folder = make_folder(tmp_path, "circulars", files=5)
    window = make_window()
    assert window.store.encrypted
    dialog = open_dialog(window, qtbot)
    indexing = window.library_ui.indexing
    seen: list[tuple[str, bool, int]] = []
    # Connected after the dialog's own slot: it has already shown this event.
    indexing.progressed.connect(lambda p: seen.append((dialog.status.text(), window.status.library_bar.isVisible(),
                                                       dialog.bar.value())))
    assert Library(window.store).search(MARKER) == []

    dialog.choose_folder = lambda: str(folder)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not indexing.running and indexing.report is not None, timeout=TIMEOUT)
    assert indexing.report.extracted == 5 and indexing.report.errors == []
    assert len(seen) == 5
    assert all("pages/s" in text and "of 5 files" in text for text, _shown, _value in seen)
    assert any("s left" in text for text, _shown, _value in seen[:-1])  # an estimate while files remain
    assert all(shown for _text, shown, _value in seen)  # the status bar shows it too
    assert [value for _text, _shown, value in seen] == [1, 2, 3, 4, 5]
    assert not window.status.library_bar.isVisible()  # done: the status bar is clear again
    assert "Up to date: 5 files read" in dialog.status.text()

    hits = Library(window.store).search(MARKER)
    assert [Path(h.file).name for h in hits] == ["leave.docx"]
    assert Library(window.store).search("病假")
    qtbot.waitUntil(lambda: "circulars" in rows_of(dialog), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: rows_of(dialog)["circulars"].files == 5, timeout=TIMEOUT)
    row = rows_of(dialog)["circulars"]
    assert not row.managed and row.pages >= 5 and row.passages >= 5 and row.errors == ()
    item = dialog.tree.topLevelItem(0)
    assert [item.text(c) for c in range(1, 5)] == ["5", str(row.pages), str(row.passages), "Added by you"]

    select(dialog, folder)
    assert dialog.remove_button.isEnabled()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.rows == [] and dialog.tree.topLevelItemCount() == 0, timeout=TIMEOUT)
    assert Library(window.store).search(MARKER) == []
    assert Library(window.store).documents() == [] and Library(window.store).folders() == []


def test_policy_folders_are_read_only_and_add_is_disabled_with_the_reason(
        make_window: Any, make_settings: Any, qtbot: Any, tmp_path: Path) -> None:
    shared = make_folder(tmp_path, "department", files=3)
    settings = make_settings(policy={"documents.library_folders": [str(shared)],
                                     "documents.user_folders_allowed": False})
    window = make_window(settings)
    dialog = open_dialog(window, qtbot)  # the start-up refresh indexed IT's folder
    assert [Path(h.file).name for h in Library(window.store).search(MARKER)] == ["leave.docx"]
    qtbot.waitUntil(lambda: "department" in rows_of(dialog), timeout=TIMEOUT)
    row = rows_of(dialog)["department"]
    assert row.managed and row.files == 3
    assert dialog.tree.topLevelItem(0).text(4) == "Managed by your organisation"
    select(dialog, shared)
    assert not dialog.add_button.isEnabled() and not dialog.remove_button.isEnabled()
    assert dialog.reason.isVisible()
    assert "does not allow adding your own folders" in dialog.reason.text()
    assert dialog.add_button.toolTip() == dialog.reason.text()
    dialog.choose_folder = lambda: pytest.fail("no folder is asked for")
    dialog.add_folder()
    dialog.remove_folder()
    assert window.library_ui.indexing.running is False
    assert Library(window.store).search(MARKER)  # still there

    try:
        i18n.switch_language("zh_HK")
        qtbot.waitUntil(lambda: window.library_ui.action.text() == "文件庫(&L)…")
        assert dialog.windowTitle() == "文件庫"
        assert dialog.tree.topLevelItem(0).text(4) == "由貴機構管理"
        assert dialog.reindex_button.text() == "重新索引(&I)"
        assert "管理政策" in dialog.reason.text()
    finally:
        i18n.switch_language("en")
    qtbot.waitUntil(lambda: dialog.tree.topLevelItem(0).text(4) == "Managed by your organisation")


def test_reindex_picks_up_changed_added_and_removed_files_and_lists_bad_ones(
        make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    folder = make_folder(tmp_path, "minutes", files=3)
    window = make_window()
    dialog = open_dialog(window, qtbot)
    indexing = window.library_ui.indexing
    dialog.choose_folder = lambda: str(folder)
    dialog.add_folder()
    qtbot.waitUntil(lambda: not indexing.running and indexing.report is not None, timeout=TIMEOUT)
    first = indexing.report

    changed = folder / "leave.docx"
    write_docx(changed, "Sick leave rules were replaced: see Heron-Violet-2290 instead.")
    stat = changed.stat()
    os.utime(changed, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    (folder / "circular-00.docx").unlink()
    (folder / "added.txt").write_text("Overtime is claimed within thirty days.\n", encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"this is not a zip archive at all")
    qtbot.mouseClick(dialog.reindex_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not indexing.running and indexing.report is not first, timeout=TIMEOUT)
    report = indexing.report
    assert (report.extracted, report.unchanged, report.removed) == (3, 1, 1)
    assert [Path(p).name for p, _e in report.errors] == ["broken.docx"]
    library = Library(window.store)
    assert library.search(MARKER) == []
    assert [Path(h.file).name for h in library.search("Heron-Violet-2290")] == ["leave.docx"]
    assert [Path(h.file).name for h in library.search("overtime")] == ["added.txt"]

    qtbot.waitUntil(lambda: rows_of(dialog).get("minutes") is not None
                    and rows_of(dialog)["minutes"].errors != (), timeout=TIMEOUT)
    row = rows_of(dialog)["minutes"]
    assert row.files == 3
    top = dialog.tree.topLevelItem(0)
    assert top.childCount() == 1
    line = top.child(0).text(0)
    assert line.startswith("broken.docx: ") and "\n" not in line and "Traceback" not in line


def test_stop_then_reindex_does_not_read_finished_files_again(
        make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    folder = make_folder(tmp_path, "archive", files=6)
    window = make_window()
    dialog = open_dialog(window, qtbot)
    dialog.close()  # indexing does not need the dialog: its progress is in the status bar
    indexing = window.library_ui.indexing
    shown: list[int] = []
    indexing.progressed.connect(lambda p: shown.append(window.status.library_bar.value()))

    def stop_after_two(progress: Any) -> None:  # on the jobs thread, before the next file
        if progress.done == 2:
            indexing.stop()

    indexing.progressed.connect(stop_after_two, Qt.ConnectionType.DirectConnection)
    indexing.add_folder(str(folder))
    qtbot.waitUntil(lambda: not indexing.running, timeout=TIMEOUT)
    indexing.progressed.disconnect(stop_after_two)
    assert indexing.report is None  # stopped, not finished
    assert "stopped" in indexing.message and not window.status.library_bar.isVisible()
    assert shown == [1, 2]
    statuses = sorted(r.status for r in Library(window.store).documents())
    assert statuses == ["indexed", "indexed", "pending", "pending", "pending", "pending"]

    window.library_ui.action.trigger()
    assert "stopped" in dialog.status.text() and dialog.reindex_button.isEnabled()
    qtbot.mouseClick(dialog.reindex_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not indexing.running and indexing.report is not None, timeout=TIMEOUT)
    report = indexing.report
    assert report is not None and (report.extracted, report.unchanged) == (4, 2)
    assert all(r.status == "indexed" for r in Library(window.store).documents())


def test_window_closed_mid_way_the_next_start_finishes_without_rereading(
        make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    folder = make_folder(tmp_path, "registry", files=8)
    window = make_window()
    indexing = window.library_ui.indexing
    qtbot.waitUntil(lambda: not indexing.running, timeout=TIMEOUT)
    seen: list[int] = []
    indexing.progressed.connect(lambda p: seen.append(p.done))
    indexing.add_folder(str(folder))
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=TIMEOUT)
    window.close()  # shuts down: the job stops before its next file, the store closes
    assert window.closed_cleanly

    again = make_window()  # the same profile: its start-up refresh finishes the rest
    indexing = again.library_ui.indexing
    qtbot.waitUntil(lambda: not indexing.running and indexing.report is not None, timeout=TIMEOUT)
    report = indexing.report
    assert report is not None and report.extracted + report.unchanged == 8
    assert report.unchanged >= 2 and report.extracted <= 6  # the finished files were not read again
    assert all(r.status == "indexed" for r in Library(again.store).documents())
    assert [Path(h.file).name for h in Library(again.store).search(MARKER)] == ["leave.docx"]


def test_indexing_gives_way_to_a_turns_job_and_continues(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    folder = make_folder(tmp_path, "handbook", files=6)
    window = make_window()
    indexing = window.library_ui.indexing
    qtbot.waitUntil(lambda: not indexing.running, timeout=TIMEOUT)
    jobs = window.documents_ui.attachments.jobs
    submitted = threading.Event()
    answered: list[tuple[str, bool]] = []

    def turn_job_arrives(progress: Any) -> None:  # on the window's thread, after the first file
        if progress.done == 1 and not submitted.is_set():
            jobs.submit(lambda _c, _p: "passages", lambda r: answered.append((r, indexing.running)), answered.append)
            submitted.set()

    def hold_first_file(progress: Any) -> None:  # on the jobs thread: wait until the turn's job is queued
        if progress.done == 1:
            assert submitted.wait(60)

    indexing.progressed.connect(turn_job_arrives)
    indexing.progressed.connect(hold_first_file, Qt.ConnectionType.DirectConnection)
    indexing.add_folder(str(folder))
    qtbot.waitUntil(lambda: not indexing.running and indexing.report is not None, timeout=TIMEOUT)
    indexing.progressed.disconnect(hold_first_file)
    assert answered == [("passages", True)]  # answered while the library was still being indexed
    report = indexing.report
    assert report is not None and (report.extracted, report.unchanged) == (5, 1)  # continued, nothing read twice
    assert all(r.status == "indexed" for r in Library(window.store).documents())


def test_removing_a_folder_during_indexing_does_not_wait_for_it(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    old = make_folder(tmp_path, "old", files=3)
    new = make_folder(tmp_path, "new", files=6)
    window = make_window()
    indexing = window.library_ui.indexing
    qtbot.waitUntil(lambda: not indexing.running, timeout=TIMEOUT)
    indexing.add_folder(str(old))
    qtbot.waitUntil(lambda: not indexing.running and indexing.report is not None, timeout=TIMEOUT)
    queued = threading.Event()
    removed: list[tuple[int, bool]] = []

    def remove_old(progress: Any) -> None:  # on the window's thread, after the new folder's first file
        if progress.done == 1 and not queued.is_set():
            indexing.remove_folder(str(old), lambda n: removed.append((n, indexing.running)))
            queued.set()

    def hold_first_file(progress: Any) -> None:  # on the jobs thread
        if progress.done == 1:
            assert queued.wait(60)

    indexing.progressed.connect(remove_old)
    indexing.progressed.connect(hold_first_file, Qt.ConnectionType.DirectConnection)
    indexing.add_folder(str(new))
    qtbot.waitUntil(lambda: not indexing.running and indexing.report is not None, timeout=TIMEOUT)
    indexing.progressed.disconnect(hold_first_file)
    assert removed == [(3, True)]  # done while the new folder was still being indexed
    report = indexing.report
    assert report is not None and (report.extracted, report.unchanged) == (5, 1)
    library = Library(window.store)
    assert library.folders() == [str(new)]
    assert {Path(h.file).parent.name for h in library.search(MARKER)} == {"new"}


def test_documents_off_by_policy_disables_the_library(make_window: Any, make_settings: Any, qtbot: Any,
                                                      tmp_path: Path) -> None:
    shared = make_folder(tmp_path, "shared", files=2)
    window = make_window(make_settings(policy={"documents.enabled": False,
                                               "documents.library_folders": [str(shared)]}))
    ui = window.library_ui
    assert not ui.action.isEnabled() and "turned off" in ui.action.toolTip()
    assert not ui.indexing.running and window.documents_ui.attachments.jobs.pending == 0  # no start-up refresh
    ui.indexing.refresh(background=False)
    assert not ui.indexing.running
    assert Library(window.store).documents() == []


def test_documents_indexed_in_the_window_are_audited_once(make_window: Any, make_settings: Any, qtbot: Any,
                                                          tmp_path: Path) -> None:
    folder = make_folder(tmp_path, "audited", files=2)
    audit_dir = tmp_path / "audit"
    window = make_window(make_settings(policy={"audit.enabled": True, "audit.path": str(audit_dir)}))
    dialog = open_dialog(window, qtbot)
    indexing = window.library_ui.indexing
    dialog.choose_folder = lambda: str(folder)
    dialog.add_folder()
    qtbot.waitUntil(lambda: not indexing.running and indexing.report is not None, timeout=TIMEOUT)
    first = indexing.report
    qtbot.mouseClick(dialog.reindex_button, Qt.MouseButton.LeftButton)  # nothing changed: nothing recorded
    qtbot.waitUntil(lambda: not indexing.running and indexing.report not in (None, first), timeout=TIMEOUT)
    log = (audit_dir / "audit.jsonl").read_text(encoding="utf-8")
    added = [e for e in map(json.loads, log.splitlines()) if e.get("event") == "document_added"]
    assert sorted(e["document"]["name"] for e in added) == ["leave.docx", "notes.txt"]
    assert MARKER not in log


def test_start_up_refresh_waits_while_a_reply_is_written(make_window: Any, make_settings: Any, qtbot: Any,
                                                         tmp_path: Path) -> None:
    shared = make_folder(tmp_path, "circulars-it", files=3)
    window = make_window(make_settings(policy={"documents.library_folders": [str(shared)]}), start=False)
    indexing = window.library_ui.indexing
    window.generating = True  # a reply is being written (the parsing child would slow it down)
    window.start()
    qtbot.waitUntil(lambda: indexing.waiting, timeout=TIMEOUT)
    assert indexing.running and indexing.report is None
    assert not any(r.status == "indexed" for r in Library(window.store).documents())
    window.library_ui.action.trigger()
    assert "Waiting for the reply" in window.library_ui.dialog.status.text()

    window.generating = False  # the reply ended: the refresh goes on by itself
    qtbot.waitUntil(lambda: not indexing.running and indexing.report is not None, timeout=TIMEOUT)
    assert indexing.report is not None and indexing.report.extracted == 3 and not indexing.waiting
    assert [Path(h.file).name for h in Library(window.store).search(MARKER)] == ["leave.docx"]
