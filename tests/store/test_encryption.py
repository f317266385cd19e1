"""Encryption at rest: no plaintext in the database, its WAL, backups or anywhere in the profile."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from keyring_backend import MemoryKeyring
from store_helpers import file_bytes, profile_bytes

from app.paths import Paths
from app.store import HistoryKeyError, HistoryStore, HistoryUnavailable
from app.store import keys as store_keys

SECRET_TITLE = "QuokkaTitleMarker"
SECRET_TEXT = "Zyxwvut confidential memo 機密備忘錄內容"
SECRET_REASONING = "Reasoningmarker 思考標記"


def _fill(store: HistoryStore) -> str:
    conv = store.new_conversation(SECRET_TITLE)
    store.add_message(conv.id, "user", SECRET_TEXT)
    w = store.begin_assistant_message(conv.id)
    w.append(SECRET_TEXT, SECRET_REASONING)
    w.flush()  # a streaming batch in the WAL
    w.finish()
    store.take_backup("test")
    return conv.id


def _leaks(blob: bytes) -> list[str]:
    found = []
    for marker in (SECRET_TITLE, "Zyxwvut", "機密備忘錄", "Reasoningmarker", "機密", "備忘"):
        for encoding in ("utf-8", "utf-16-le"):
            if marker.encode(encoding) in blob:
                found.append(f"{marker}/{encoding}")
    return found


def test_encrypted_profile_holds_no_plaintext(paths: Paths, _isolated_home: Path) -> None:
    store = HistoryStore.open(paths)
    assert store.encrypted and store.warning is None
    _fill(store)
    assert store.search("機密")  # search still works on the encrypted index
    wal = paths.database.with_name(paths.database.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # WAL content is checked while the store is open
    for path, blob in profile_bytes(_isolated_home).items():
        assert _leaks(blob) == [], path
    store.close()
    for path, blob in profile_bytes(_isolated_home).items():
        assert _leaks(blob) == [], path
    assert paths.database.read_bytes()[:16] != b"SQLite format 3\x00"


def test_unencrypted_database_does_show_the_text(paths: Paths) -> None:
    """The scan above can fail: the same data without encryption is visible in the bytes."""
    with HistoryStore.open(paths, encrypt=False) as store:
        assert not store.encrypted
        _fill(store)
        assert _leaks(file_bytes(paths.database))


def test_key_lives_only_in_the_keyring(paths: Paths, memory_keyring: MemoryKeyring, _isolated_home: Path) -> None:
    with HistoryStore.open(paths) as store:
        _fill(store)
    (stored,) = memory_keyring.secrets.values()
    assert len(bytes.fromhex(stored)) == 32
    for path, blob in profile_bytes(_isolated_home).items():
        assert stored.encode() not in blob and bytes.fromhex(stored) not in blob, path


def test_lost_key_gives_a_clear_message_and_leaves_the_file(paths: Paths, memory_keyring: MemoryKeyring) -> None:
    with HistoryStore.open(paths) as store:
        _fill(store)
    before = paths.database.read_bytes()
    memory_keyring.secrets.clear()
    with pytest.raises(HistoryKeyError, match="key is not in the system keyring"):
        HistoryStore.open(paths)
    assert paths.database.read_bytes() == before


def test_wrong_key_gives_a_clear_message(paths: Paths, memory_keyring: MemoryKeyring) -> None:
    with HistoryStore.open(paths) as store:
        _fill(store)
    store_keys.create_key(paths.database)  # replaced by another random key
    with pytest.raises(HistoryKeyError, match="could not be decrypted"):
        HistoryStore.open(paths)


def test_no_keyring_policy_refuse(paths: Paths) -> None:
    keyring.set_keyring(FailKeyring())
    with pytest.raises(HistoryUnavailable, match="no system keyring"):
        HistoryStore.open(paths, without_keyring="refuse")
    assert not paths.database.exists()


def test_no_keyring_policy_plaintext_warns(paths: Paths) -> None:
    keyring.set_keyring(FailKeyring())
    with HistoryStore.open(paths, without_keyring="plaintext") as store:
        assert not store.encrypted
        assert store.warning and "WITHOUT encryption" in store.warning
        _fill(store)
    # Reopening a plain file with encryption wanted keeps warning.
    with HistoryStore.open(paths, without_keyring="plaintext") as store:
        assert store.warning


def test_no_keyring_policy_passphrase(paths: Paths, _isolated_home: Path) -> None:
    keyring.set_keyring(FailKeyring())
    with HistoryStore.open(paths, without_keyring="passphrase", passphrase=lambda: "correct horse") as store:
        assert store.encrypted
        cid = _fill(store)
    for path, blob in profile_bytes(_isolated_home).items():
        assert _leaks(blob) == [], path
    with HistoryStore.open(paths, without_keyring="passphrase", passphrase=lambda: "correct horse") as store:
        assert store.get_conversation(cid).title == SECRET_TITLE
    with pytest.raises(HistoryKeyError):
        HistoryStore.open(paths, without_keyring="passphrase", passphrase=lambda: "wrong")
    with pytest.raises(HistoryUnavailable):
        HistoryStore.open(
            paths.__class__(paths.data / "other", paths.config, paths.cache, paths.logs),
            without_keyring="passphrase",
            passphrase=lambda: None,
        )


def test_policy_mapping() -> None:
    from app.store.options import open_kwargs

    assert open_kwargs(encryption="off")["encrypt"] is False
    assert open_kwargs(encryption="required", keyring_fallback="unencrypted-with-warning")["without_keyring"] == (
        "refuse"
    )
    assert open_kwargs(encryption="preferred", keyring_fallback="unencrypted-with-warning")["without_keyring"] == (
        "plaintext"
    )
    with pytest.raises(ValueError):
        open_kwargs(encryption="maybe")
