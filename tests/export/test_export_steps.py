"""The export use-case in its two steps (``read_record`` on the store's thread, ``write_files``
anywhere), as the window runs them: a real SQLCipher store, real files, the promised order — the
ban first (audited, nothing read or written), the ``Exported`` record before the file (an audit
failure stops it), the second step needing no store at all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from keyring_backend import MemoryKeyring

from app.audit import AuditWriteError, Exported, PolicyRefusal
from app.export.records import ExportRecord
from app.export.service import default_renderer, read_record, write_files
from app.paths import user_paths
from app.settings.store import SettingsStore
from app.store import HistoryStore
from app.store.errors import HistoryExportDenied
from tests.export.export_helpers import docx_text, sha256sum_check


def _seeded(store: HistoryStore) -> str:
    conv = store.new_conversation(model="tiny", title="房屋 record")
    store.add_message(conv.id, "user", "Summarise the housing policy.")
    store.add_message(conv.id, "assistant", "房屋政策摘要。")
    return conv.id


def test_a_ban_is_audited_and_stops_before_any_record_is_read(memory_keyring: MemoryKeyring) -> None:
    audited: list[Any] = []
    with HistoryStore.open(user_paths()) as store:
        cid = _seeded(store)
        store.export_allowed = False
        with pytest.raises(HistoryExportDenied):
            read_record(store, cid, settings=SettingsStore(), audit=audited.append)
    assert audited == [PolicyRefusal(setting="history.export_allowed", action="export")]


def test_the_second_step_needs_no_store_and_audits_before_it_writes(memory_keyring: MemoryKeyring,
                                                                    tmp_path: Path) -> None:
    with HistoryStore.open(user_paths()) as store:
        record = read_record(store, _seeded(store), settings=SettingsStore(), audit=lambda _e: None)
    # The store is closed: rendering and writing use the record alone.
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "rec.docx"

    def refused(_event: Any) -> None:
        raise AuditWriteError("The audit log cannot be written.")

    with pytest.raises(AuditWriteError):
        write_files(record, {"docx": out}, audit=refused)
    assert list(folder.iterdir()) == []  # no file, no manifest without its audit record

    seen: list[tuple[Any, bool]] = []
    rendered: list[ExportRecord] = []

    def render(r: ExportRecord) -> bytes:
        rendered.append(r)
        return default_renderer("docx")(r)

    (result,) = write_files(record, {"docx": out}, audit=lambda e: seen.append((e, out.exists())), renderer=render)
    assert rendered == [record]
    ((event, existed),) = seen
    assert isinstance(event, Exported) and not existed  # the record of the export comes first
    assert event.file_sha256 == result.sha256 and event.file_name == "rec.docx"
    assert "房屋政策摘要。" in docx_text(out)
    assert sha256sum_check(result.manifest).returncode == 0
