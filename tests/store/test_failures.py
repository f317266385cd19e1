"""Disk full, read-only filesystem and a damaged file: clear errors, nothing lost, a way forward.

Disk full and read-only use a real small tmpfs (mounting needs root; skipped otherwise).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from small_disk import mounted_tmpfs

from app.paths import Paths
from app.store import HistoryCorrupt, HistoryReadOnly, HistoryStorageFull, HistoryStore, restore_latest_backup


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with mounted_tmpfs(tmp_path / "small-disk", "3m") as mnt:
        yield mnt


def _fill_to_the_last_byte(path: Path) -> None:
    """Unbuffered, in shrinking chunks: a buffered file would raise ENOSPC again when closed."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        chunk = 65536
        while chunk:
            try:
                if os.write(fd, b"\0" * chunk) < chunk:
                    chunk //= 2
            except OSError:
                chunk //= 2
    finally:
        os.close(fd)


def _paths(root: Path) -> Paths:
    return Paths(root / "data", root / "config", root / "cache", root / "logs")


@pytest.mark.parametrize("encrypt", [True, False])
def test_disk_full_keeps_saved_history_and_recovers_when_space_returns(small_disk: Path, encrypt: bool) -> None:
    paths = _paths(small_disk)
    ballast = small_disk / "ballast.bin"
    ballast.write_bytes(os.urandom(1024 * 1024))
    store = HistoryStore.open(paths, encrypt=encrypt, backup_interval_s=None)
    conv = store.new_conversation("disk")
    saved = []
    with pytest.raises(HistoryStorageFull, match="disk is full") as info:
        for i in range(1000):
            saved.append(store.add_message(conv.id, "user", f"{i} " + os.urandom(8000).hex()))
    assert "Traceback" not in str(info.value)
    assert store.integrity_check() == "ok"
    assert [m.content for m in store.thread(conv.id, limit=10_000)] == [m.content for m in saved]
    ballast.unlink()  # the user frees space: history works again without a restart
    after = store.add_message(conv.id, "assistant", "space is back")
    assert store.get_message(after.id).content == "space is back"
    store.close()
    with HistoryStore.open(paths, encrypt=encrypt) as again:
        assert len(again.thread(conv.id, limit=10_000)) == len(saved) + 1


@pytest.mark.parametrize("with_raw", [False, True])
def test_streaming_into_a_full_disk_keeps_the_text_in_memory(small_disk: Path, with_raw: bool) -> None:
    paths = _paths(small_disk)
    store = HistoryStore.open(paths, backup_interval_s=None, flush_interval_s=0.01)
    conv = store.new_conversation("stream")
    writer = store.begin_assistant_message(conv.id)
    ballast = small_disk / "ballast.bin"
    _fill_to_the_last_byte(small_disk / "ballast.bin")
    text = "".join(f"chunk{i} " + "x" * 500 for i in range(400))
    raw = text.replace("x", "y")  # stands for the model's text before script conversion
    for i in range(0, len(text), 700):
        # must not raise or block although writes fail
        writer.append(text[i : i + 700], raw_content_delta=raw[i : i + 700] if with_raw else None)
    with pytest.raises(HistoryStorageFull):
        writer.finish()
    assert writer.content == text  # the UI still has every token
    assert writer.raw_content == (raw if with_raw else text)
    ballast.unlink()
    final = writer.finish()
    assert final.content == text and final.status == "complete"
    assert final.content_raw == (raw if with_raw else None)
    store.close()


def test_read_only_filesystem_gives_a_clear_error(small_disk: Path) -> None:
    paths = _paths(small_disk)
    with HistoryStore.open(paths, backup_interval_s=None) as store:
        conv = store.new_conversation("kept")
        store.add_message(conv.id, "user", "still here")
    before = paths.database.read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        with pytest.raises(HistoryReadOnly, match=r"cannot be written|cannot be created"):
            HistoryStore.open(paths)
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert paths.database.read_bytes() == before
    with HistoryStore.open(paths) as store:
        assert store.thread(conv.id)[0].content == "still here"


@pytest.mark.parametrize("encrypt", [True, False])
def test_damaged_file_is_reported_and_the_backup_restores(paths: Paths, encrypt: bool) -> None:
    with HistoryStore.open(paths, encrypt=encrypt) as store:
        conv = store.new_conversation("important")
        for i in range(200):
            store.add_message(conv.id, "user", f"message {i} " + "data " * 40)
        backup = store.take_backup("test")
        store.add_message(conv.id, "user", "after the backup")
    db = paths.database
    raw = bytearray(db.read_bytes())
    page = 4096
    for offset in range(2 * page, len(raw), page):  # keep pages 1-2, wreck the rest
        raw[offset : offset + page] = os.urandom(page)
    db.write_bytes(bytes(raw))
    with pytest.raises(HistoryCorrupt) as info, HistoryStore.open(paths, encrypt=encrypt) as store:
        store.thread(conv.id)
    message = str(info.value)
    assert "damaged" in message and "restore" in message and str(backup) in message
    assert info.value.backups[0] == backup
    used, kept = restore_latest_backup(paths)
    assert used == backup and kept.exists()
    with HistoryStore.open(paths, encrypt=encrypt) as store:
        assert store.integrity_check() == "ok"
        assert len(store.thread(conv.id, limit=1000)) == 200


def test_a_full_disk_skips_the_routine_backup_and_history_still_opens(small_disk: Path) -> None:
    paths = _paths(small_disk)
    with HistoryStore.open(paths, backup_interval_s=None) as store:
        conv = store.new_conversation("backup")
        for i in range(30):
            store.add_message(conv.id, "user", f"{i} " + os.urandom(4000).hex())
    ballast = small_disk / "ballast.bin"
    _fill_to_the_last_byte(ballast)
    # room to open the database (WAL, shared memory), not for a copy of it
    os.truncate(ballast, max(0, ballast.stat().st_size - 64 * 1024))
    assert paths.database.stat().st_size > 128 * 1024
    with HistoryStore.open(paths, backup_interval_s=0) as again:  # a routine backup is due
        assert again.warning is not None and "backup" in again.warning and "disk is full" in again.warning
        assert len(again.thread(conv.id, limit=100)) == 30
    backups = paths.data / "backups"
    assert not list(backups.glob("*.partial")), "a failed backup must not leave its partial copy behind"
