"""``HistoryStore``: the one object the app, the CLI and ``bauhinia ask`` use to keep chats.

Each public method is one user action and runs in its own session/transaction. Policy values
(encryption, behaviour without a keyring, history on/off) arrive as plain parameters.
"""

from __future__ import annotations

import contextlib
import errno
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, delete, func, select, text, update
from sqlalchemy.orm import Session

from app.i18n import tr
from app.paths import Paths, user_paths
from app.store import backups as backup_mod
from app.store import keys
from app.store.database import IMMEDIATE, exec_outside_transaction, file_kind, make_engine, translate_error, translated
from app.store.encrypt_existing import EncryptionFailed, encrypt_database, finish_interrupted, wipe_database
from app.store.errors import (
    HistoryCorrupt,
    HistoryError,
    HistoryExportDenied,
    HistoryKeyError,
    HistoryNotFound,
    HistoryReadOnly,
    HistoryStorageFull,
    HistoryTooNew,
    HistoryUnavailable,
)
from app.store.ids import new_id
from app.store.instance_lock import InstanceLock, OpenLock, live_instances
from app.store.message_attachments import with_attachments
from app.store.migrations import LATEST_VERSION, current_version, migrate
from app.store.models import MESSAGE_STATUSES, ROLES, Conversation, Message
from app.store.private_files import private_dir, tighten_folder, touch_private
from app.store.records import ConversationRecord, MessageRecord, SearchHit
from app.store.streaming import StreamWriter
from app.store.turn_record import turn_columns

WithoutKeyring = Literal["refuse", "passphrase", "plaintext"]
_CURRENT: Any = object()  # "attach to the conversation's current leaf"
TITLE_CHARS = 80


def _now_ms() -> int:
    return int(time.time() * 1000)


def _title_from(text_: str) -> str:
    line = next((ln.strip() for ln in text_.splitlines() if ln.strip()), "")
    return line[:TITLE_CHARS]


def _refuse_unknown_version(db: Path, version: int) -> None:
    """A file from a newer Bauhinia, or a SQLite file that is not ours, is refused and left as is."""
    if version > LATEST_VERSION:
        raise HistoryTooNew(
            tr(
                "HistoryStore",
                "The history database was made by a newer version of Bauhinia (schema {found}; this "
                "version knows up to {known}). Update Bauhinia to open it; the file was not changed.",
            ).format(found=version, known=LATEST_VERSION),
            found=version,
            known=LATEST_VERSION,
        )
    if version < 0:
        raise HistoryCorrupt(
            tr("HistoryStore", "{path} is a SQLite file but not a Bauhinia history database.").format(path=db),
            backups=backup_mod.list_backups(db),
        )


def kept_state_path(db_path: Path) -> Path:
    """Where ``app.kv_keep`` keeps the last conversation's encrypted KV state, beside the database
    (the store owns the name: deleting what it came from removes it)."""
    return db_path.with_name(db_path.name + ".kvstate")

class _Backend:
    """An engine plus how to open sessions on it (a lock for the shared in-memory one)."""

    def __init__(self, engine: Engine, *, encrypted: bool, path: Path | None) -> None:
        self.engine = engine
        self.encrypted = encrypted
        self.path = path
        self._guard: contextlib.AbstractContextManager[Any] = (
            threading.RLock() if path is None else contextlib.nullcontext()
        )
        self._write_engine = engine.execution_options(**{IMMEDIATE: True})
        # Once page 1 decrypted, "not a database" means damage, not a wrong key.
        self.key_verified = False

    def backups(self) -> tuple[Path, ...]:
        return backup_mod.list_backups(self.path) if self.path else ()

    @contextlib.contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        with self._guard, translated(self.encrypted and not self.key_verified, self.backups):
            bind = self._write_engine if write else self.engine
            with Session(bind, expire_on_commit=False) as s, s.begin():
                yield s


class HistoryStore:
    """Conversations and their branching messages in one SQLite database (see package docs)."""

    def __init__(
        self,
        main: _Backend,
        *,
        key: bytes | str | None,
        lock: InstanceLock | None,
        warning: str | None,
        flush_interval_s: float,
        flush_chars: int,
    ) -> None:
        self._main = main
        self._key = key
        self._lock = lock
        self.warning = warning
        self._flush_interval_s = flush_interval_s
        self._flush_chars = flush_chars
        self._ephemeral: _Backend | None = None
        self._ephemeral_ids: set[str] = set()
        self._closed = False
        self.recovered_messages = 0
        self.export_allowed = True

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        paths: Paths | None = None,
        *,
        enabled: bool = True,
        encrypt: bool = True,
        require_encryption: bool = False,
        without_keyring: WithoutKeyring = "refuse",
        passphrase: Callable[[], str | None] | None = None,
        export_allowed: bool = True,
        backup_interval_s: float | None = 86_400.0,
        flush_interval_s: float = 0.25,
        flush_chars: int = 2048,
    ) -> HistoryStore:
        """Open (creating or migrating) the profile's history.

        ``enabled=False`` (history switched off by policy) gives a store whose conversations live
        only in memory. ``encrypt`` asks for SQLCipher with a random key from the OS keyring;
        ``without_keyring`` says what to do when no keyring backend exists: ``refuse`` (raise
        HistoryUnavailable), ``passphrase`` (call ``passphrase()`` and let SQLCipher derive the
        key) or ``plaintext`` (open unencrypted and set ``warning`` for the UI to show).
        ``require_encryption`` (policy ``history.encryption = required``): nothing is ever
        written unencrypted — ``plaintext`` counts as ``refuse``, and an existing unencrypted
        database is converted to an encrypted one (its plaintext wiped) or refused.
        ``export_allowed=False`` makes every bulk export of this store refuse (``require_export``).
        """
        if not enabled:
            store = cls._in_memory(flush_interval_s, flush_chars)
            store.export_allowed = export_allowed
            return store
        if require_encryption:
            encrypt = True
            if without_keyring == "plaintext":
                without_keyring = "refuse"
        paths = paths or user_paths()
        db = paths.database
        try:
            private_dir(db.parent)
        except OSError as exc:
            raise HistoryReadOnly(
                tr("HistoryStore", "The history folder {path} cannot be created: {error}").format(
                    path=db.parent, error=exc.strerror or exc
                )
            ) from exc
        try:
            with OpenLock(db.parent / "locks" / "open.lock"):
                store = cls._open_locked(
                    db,
                    encrypt,
                    require_encryption,
                    without_keyring,
                    passphrase,
                    backup_interval_s,
                    flush_interval_s,
                    flush_chars,
                )
        except OSError as exc:
            raise translate_error(exc, encrypted=encrypt) from exc
        store.export_allowed = export_allowed
        return store

    @classmethod
    def _in_memory(cls, flush_interval_s: float, flush_chars: int) -> HistoryStore:
        backend = _Backend(make_engine(None, None), encrypted=False, path=None)
        with backend.engine.connect().execution_options(**{IMMEDIATE: True}) as conn:
            migrate(conn)
        return cls(
            backend, key=None, lock=None, warning=None, flush_interval_s=flush_interval_s, flush_chars=flush_chars
        )

    @staticmethod
    def _existing_key(
        db: Path, without_keyring: WithoutKeyring, passphrase: Callable[[], str | None] | None
    ) -> bytes | str:
        """The key of an encrypted database: from the keyring, else the passphrase if allowed."""
        key = keys.load_key(db) if keys.keyring_available() else None
        if key is not None:
            return key
        if without_keyring == "passphrase" and passphrase is not None:
            secret = passphrase()
            if secret:
                return secret
        raise HistoryKeyError(
            tr(
                "HistoryStore",
                "The history database is encrypted, but its key is not in the system keyring ({backend}). "
                "Sign in to the account that created it or restore the keyring; to start over, move "
                "{path} aside. The file was left unchanged.",
            ).format(backend=keys.keyring_name(), path=db)
        )

    @staticmethod
    def _new_key(
        db: Path, without_keyring: WithoutKeyring, passphrase: Callable[[], str | None] | None
    ) -> tuple[bytes | str | None, str | None]:
        """A key for a new (or newly encrypted) database; (None, warning) only for ``plaintext``."""
        if keys.keyring_available():
            return keys.create_key(db), None
        if without_keyring == "passphrase":
            secret = passphrase() if passphrase is not None else None
            if not secret:
                raise HistoryUnavailable(
                    tr("HistoryStore", "History needs a passphrase because no system keyring is available.")
                )
            return secret, None
        if without_keyring == "plaintext":
            return None, tr(
                "HistoryStore",
                "No system keyring is available: history is being saved WITHOUT encryption.",
            )
        raise HistoryUnavailable(
            tr(
                "HistoryStore",
                "History is off: no system keyring is available to hold the encryption key, and policy "
                "does not allow unencrypted history.",
            )
        )

    @classmethod
    def _choose_key(
        cls,
        db: Path,
        kind: str,
        encrypt: bool,
        without_keyring: WithoutKeyring,
        passphrase: Callable[[], str | None] | None,
    ) -> tuple[bytes | str | None, str | None]:
        if kind == "plain":
            warning = tr("HistoryStore", "This history database was created without encryption.") if encrypt else None
            return None, warning
        if kind == "encrypted":
            return cls._existing_key(db, without_keyring, passphrase), None
        if not encrypt:
            return None, None
        return cls._new_key(db, without_keyring, passphrase)

    @classmethod
    def _encrypt_plain_file(
        cls, db: Path, without_keyring: WithoutKeyring, passphrase: Callable[[], str | None] | None
    ) -> bytes | str | None:
        """Policy requires encryption and ``db`` is plain: convert it (returns the key; None when
        it was an empty file, now removed), or refuse with a way forward."""
        refused = tr(
            "HistoryStore",
            "Your organisation requires encrypted history, but {path} is not encrypted and could not be "
            "converted: {reason} The file was left unchanged and history is not being saved; fix the cause "
            "and start Bauhinia again to convert it.",
        )
        no_key = tr(
            "HistoryStore",
            "no system keyring is available to hold its key (sign in to the desktop session or unlock the "
            "keyring), and no passphrase was given.",
        )
        if live_instances(db.parent / "locks"):
            raise HistoryUnavailable(
                refused.format(
                    path=db,
                    reason=tr("HistoryStore", "another Bauhinia window is using it. Close every Bauhinia window."),
                )
            )
        use_keyring = keys.keyring_available()
        if not use_keyring and not (without_keyring == "passphrase" and passphrase is not None):
            raise HistoryUnavailable(refused.format(path=db, reason=no_key))
        # Only now is the plain file opened (refusals above leave it byte-identical).
        engine = make_engine(db, None)
        try:
            with translated(False), engine.connect() as conn:
                version = current_version(conn)
                conn.rollback()
        finally:
            engine.dispose()
        _refuse_unknown_version(db, version)
        if version == 0:  # an empty plain file (no tables yet): nothing to convert
            wipe_database(db)
            return None
        key: bytes | str | None
        if use_keyring:
            try:
                key = keys.create_key(db)
            except HistoryError as exc:
                raise HistoryUnavailable(refused.format(path=db, reason=str(exc))) from exc
        else:
            key = (passphrase() if passphrase is not None else None) or None
        if key is None:
            raise HistoryUnavailable(refused.format(path=db, reason=no_key))
        try:
            encrypt_database(db, key)
        except (EncryptionFailed, OSError) as exc:
            raise HistoryUnavailable(refused.format(path=db, reason=f"{exc}.")) from exc
        return key

    @staticmethod
    def _daily_backup(db: Path, key: bytes | str | None) -> str | None:
        """Take the routine backup; a full disk skips it (with a warning) instead of refusing
        history. The backup before a migration is not routine and is never skipped."""
        try:
            backup_mod.take_backup(db, key, "daily")
        except Exception as exc:
            disk_full = isinstance(exc, OSError) and exc.errno == errno.ENOSPC
            if not disk_full and not isinstance(translate_error(exc, encrypted=key is not None), HistoryStorageFull):
                raise
            return tr("HistoryStore", "Today's backup of your history was skipped because the disk is full.")
        return None

    @classmethod
    def _open_locked(
        cls,
        db: Path,
        encrypt: bool,
        require_encryption: bool,
        without_keyring: WithoutKeyring,
        passphrase: Callable[[], str | None] | None,
        backup_interval_s: float | None,
        flush_interval_s: float,
        flush_chars: int,
    ) -> HistoryStore:
        finish_interrupted(db)
        kind = file_kind(db)
        warning: str | None = None
        key: bytes | str | None = None
        if kind == "plain" and require_encryption:
            key = cls._encrypt_plain_file(db, without_keyring, passphrase)
            kind = "encrypted" if key is not None else "missing"
        if key is None:
            key, warning = cls._choose_key(db, kind, encrypt, without_keyring, passphrase)
        if require_encryption and key is None:  # pragma: no cover - _new_key refuses first
            raise HistoryUnavailable(tr("HistoryStore", "Policy requires encrypted history."))
        if kind == "missing":
            touch_private(db)  # SQLite would create it 0644; its WAL/SHM/journal copy this mode
        for folder in (db.parent, db.parent / "locks", backup_mod.backup_dir(db)):
            tighten_folder(folder)
        backend = _Backend(make_engine(db, key), encrypted=key is not None, path=db)
        lock: InstanceLock | None = None
        try:
            # Read the version before writing anything: a too-new file must stay byte-identical.
            with translated(backend.encrypted, backend.backups), backend.engine.connect() as conn:
                version = current_version(conn)
                conn.rollback()
            backend.key_verified = True
            _refuse_unknown_version(db, version)
            lock = InstanceLock(db.parent / "locks")
            with translated(False, backend.backups):
                exec_outside_transaction(backend.engine, "PRAGMA journal_mode = WAL")
                if 0 < version < LATEST_VERSION:
                    backup_mod.take_backup(db, key, f"before-v{LATEST_VERSION}")
                with backend.engine.connect().execution_options(**{IMMEDIATE: True}) as conn:
                    migrate(conn)
                if version > 0 and backup_interval_s is not None:
                    age = backup_mod.newest_backup_age_s(db)
                    if age is None or age > backup_interval_s:
                        skipped = cls._daily_backup(db, key)
                        warning = " ".join(w for w in (warning, skipped) if w) or None
            store = cls(
                backend,
                key=key,
                lock=lock,
                warning=warning,
                flush_interval_s=flush_interval_s,
                flush_chars=flush_chars,
            )
            store.recovered_messages = store._recover_interrupted()
            lock.sweep_stale()
            return store
        except BaseException:
            if lock is not None:
                lock.release()
            backend.engine.dispose()
            raise

    def _recover_interrupted(self) -> int:
        """Messages left ``streaming`` by a process that is gone become ``interrupted``."""
        assert self._lock is not None
        with self._main.session(write=True) as s:
            rows = s.execute(select(Message.pk, Message.writer).where(Message.status == "streaming")).all()
            dead = [pk for pk, writer in rows if not writer or not self._lock.writer_alive(writer)]
            if dead:
                s.execute(
                    update(Message)
                    .where(Message.pk.in_(dead))
                    .values(status="interrupted", writer=None, finished_at=_now_ms())
                )
        return len(dead)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._main.engine.dispose()
        if self._ephemeral is not None:
            self._ephemeral.engine.dispose()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- facts ---------------------------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        return self._main.path

    @property
    def encrypted(self) -> bool:
        return self._main.encrypted

    @property
    def instance_id(self) -> str | None:
        return self._lock.instance_id if self._lock else None

    def schema_version(self) -> int:
        with self._main.session() as s:
            return current_version(s.connection())

    def info(self) -> dict[str, Any]:
        """Facts for ``bauhinia doctor``."""
        return {
            "path": str(self.path) if self.path else None,
            "encrypted": self.encrypted,
            "schema_version": self.schema_version(),
            "keyring_backend": keys.keyring_name(),
            "warning": self.warning,
        }

    def require_export(self, allowed: bool = True) -> None:
        """Raise HistoryExportDenied when policy (the store's, or the caller's ``allowed``) forbids
        writing conversations out in bulk.

        Every bulk path calls it: JSON/Markdown export, ``history show/search --json`` and the
        window's export (through ``app.store.transfer``)."""
        if not (self.export_allowed and allowed):
            raise HistoryExportDenied(
                tr("HistoryStore", "Exporting history is turned off by your organisation's policy.")
            )

    def key_material(self) -> bytes | None:
        """The keyring's 32-byte history key, for deriving keys of this profile's other encrypted
        files (``app.kv_keep``); None when the history is plaintext or opened with a passphrase
        (a key derived quickly from a passphrase would be weaker than SQLCipher's own KDF)."""
        key = self._key
        return key if isinstance(key, bytes) and len(key) == 32 and self.encrypted else None

    def is_off_the_record(self, conversation_id: str) -> bool:
        """Whether the conversation lives only in memory ("don't save")."""
        return conversation_id in self._ephemeral_ids

    # -- routing between the file and "don't save" conversations ---------------------------------
    def _ephemeral_backend(self) -> _Backend:
        if self._ephemeral is None:
            backend = _Backend(make_engine(None, None), encrypted=False, path=None)
            with backend.engine.connect().execution_options(**{IMMEDIATE: True}) as conn:
                migrate(conn)
            self._ephemeral = backend
        return self._ephemeral

    def _for_conversation(self, conversation_id: str) -> _Backend:
        if conversation_id in self._ephemeral_ids:
            return self._ephemeral_backend()
        return self._main

    def _for_message(self, message_id: str) -> _Backend:
        if self._ephemeral is not None:
            with self._ephemeral.session() as s:
                if s.scalar(select(Message.pk).where(Message.id == message_id)) is not None:
                    return self._ephemeral
        return self._main

    # -- conversations -------------------------------------------------------------------------
    def new_conversation(
        self,
        title: str = "",
        *,
        model: str | None = None,
        system_prompt: str | None = None,
        save: bool = True,
        use_library: bool = False,
    ) -> ConversationRecord:
        """Start a conversation; ``save=False`` keeps it in memory only ("don't save" mode)."""
        now = _now_ms()
        row = Conversation(
            id=new_id(now),
            title=title,
            created_at=now,
            updated_at=now,
            model=model,
            system_prompt=system_prompt,
            pinned=False,
            archived=False,
            use_library=use_library,
        )
        backend = self._main if save else self._ephemeral_backend()
        with backend.session(write=True) as s:
            s.add(row)
        if not save:
            self._ephemeral_ids.add(row.id)
        return ConversationRecord.from_row(row, persisted=backend.path is not None)

    def get_conversation(self, conversation_id: str) -> ConversationRecord:
        backend = self._for_conversation(conversation_id)
        with backend.session() as s:
            return ConversationRecord.from_row(
                self._conversation_row(s, conversation_id), persisted=backend.path is not None
            )

    @staticmethod
    def _conversation_row(s: Session, conversation_id: str) -> Conversation:
        row = s.scalars(select(Conversation).where(Conversation.id == conversation_id)).one_or_none()
        if row is None:
            raise HistoryNotFound(tr("HistoryStore", "No conversation {id}.").format(id=conversation_id))
        return row

    def list_conversations(
        self, *, limit: int = 50, offset: int = 0, archived: bool = False
    ) -> list[ConversationRecord]:
        """Newest first, pinned on top; a page of ``limit`` rows."""
        with self._main.session() as s:
            rows = s.scalars(
                select(Conversation)
                .where(Conversation.archived == archived)
                .order_by(Conversation.pinned.desc(), Conversation.updated_at.desc())
                .limit(limit)
                .offset(offset)
            ).all()
            return [ConversationRecord.from_row(r) for r in rows]

    def count_conversations(self) -> int:
        with self._main.session() as s:
            return int(s.scalar(select(func.count()).select_from(Conversation)) or 0)

    def update_conversation(
        self,
        conversation_id: str,
        *,
        title: str | None = None,
        pinned: bool | None = None,
        archived: bool | None = None,
        model: str | None = None,
        system_prompt: str | None = None,
    ) -> ConversationRecord:
        backend = self._for_conversation(conversation_id)
        with backend.session(write=True) as s:
            row = self._conversation_row(s, conversation_id)
            if title is not None:
                row.title = title
            if pinned is not None:
                row.pinned = pinned
            if archived is not None:
                row.archived = archived
            if model is not None:
                row.model = model
            if system_prompt is not None:
                row.system_prompt = system_prompt
            row.updated_at = _now_ms()
            return ConversationRecord.from_row(row, persisted=backend.path is not None)

    def use_library(self, conversation_id: str) -> bool:
        """The conversation's "use my library" switch (off unless set)."""
        return self.get_conversation(conversation_id).use_library

    def set_use_library(self, conversation_id: str, on: bool) -> ConversationRecord:
        """Turn the conversation's "use my library" switch on or off. A setting, not an edit: the
        conversation keeps its place in the list (``updated_at`` is left alone)."""
        backend = self._for_conversation(conversation_id)
        with backend.session(write=True) as s:
            row = self._conversation_row(s, conversation_id)
            row.use_library = bool(on)
            return ConversationRecord.from_row(row, persisted=backend.path is not None)

    def delete_message(self, conversation_id: str, message_id: str) -> str | None:
        """Delete a message and every reply or branch that grew from it; returns the
        conversation's new current leaf (a sibling's newest branch, else the parent)."""
        backend = self._for_conversation(conversation_id)
        with backend.session(write=True) as s:
            row = s.scalars(select(Message).where(Message.id == message_id,
                                                  Message.conversation_id == conversation_id)).one_or_none()
            if row is None:
                return None
            doomed: list[str] = []
            frontier = [row.id]
            while frontier:
                doomed.extend(frontier)
                frontier = list(s.scalars(select(Message.id).where(Message.parent_id.in_(frontier))))
            conv = self._conversation_row(s, conversation_id)
            # Children before parents: messages.parent_id references messages.id; the search
            # triggers remove each row from the index as it goes.
            for mid in reversed(doomed):
                s.execute(delete(Message).where(Message.id == mid))
            if conv.current_message_id in doomed:
                parent_match = (Message.parent_id.is_(None) if row.parent_id is None
                                else Message.parent_id == row.parent_id)
                leaf = s.scalar(select(Message.id).where(Message.conversation_id == conversation_id, parent_match)
                                .order_by(Message.id.desc()).limit(1))
                if leaf is None:
                    leaf = row.parent_id
                else:
                    while (child := s.scalar(select(Message.id).where(Message.parent_id == leaf)
                                             .order_by(Message.id.desc()).limit(1))) is not None:
                        leaf = child
                conv.current_message_id = leaf
            current: str | None = conv.current_message_id
        if backend is self._main:
            self._drop_kept_state()
        return current

    def _drop_kept_state(self) -> None:
        """The kept KV state (``app.kv_keep``) may hold what was deleted: it goes too (a cache)."""
        if self._main.path is not None:
            with contextlib.suppress(OSError):
                kept_state_path(self._main.path).unlink(missing_ok=True)

    def delete_conversation(self, conversation_id: str) -> bool:
        """Delete for real: rows, index entries (FTS secure-delete), freed pages (secure_delete),
        WAL frames (checkpoint) and backups that still hold it. Returns whether the WAL was wiped."""
        backend = self._for_conversation(conversation_id)
        with backend.session(write=True) as s:
            self._conversation_row(s, conversation_id)
            s.execute(delete(Message).where(Message.conversation_id == conversation_id))
            s.execute(delete(Conversation).where(Conversation.id == conversation_id))
        self._ephemeral_ids.discard(conversation_id)
        if backend is self._main:
            return self._wipe_leftovers()
        return True

    def purge_older_than(self, days: float, *, keep_pinned: bool = False, now_ms: int | None = None) -> int:
        """Delete (for real) every conversation not updated in ``days`` days; returns how many."""
        cutoff = (now_ms if now_ms is not None else _now_ms()) - int(days * 86_400_000)
        total = 0
        while True:
            with self._main.session(write=True) as s:
                query = select(Conversation.id).where(Conversation.updated_at < cutoff)
                if keep_pinned:
                    query = query.where(Conversation.pinned.is_(False))
                ids = list(s.scalars(query.limit(500)))
                if not ids:
                    break
                s.execute(delete(Message).where(Message.conversation_id.in_(ids)))
                s.execute(delete(Conversation).where(Conversation.id.in_(ids)))
                total += len(ids)
        if total:
            self._wipe_leftovers()
        return total

    def _wipe_leftovers(self) -> bool:
        assert self._main.path is not None
        backup_mod.discard_backups(self._main.path)
        self._drop_kept_state()
        wiped = False
        for _ in range(20):
            with translated(False, self._main.backups):
                busy, _log, _done = exec_outside_transaction(self._main.engine, "PRAGMA wal_checkpoint(TRUNCATE)")[0]
            if not busy:
                wiped = True
                break
            time.sleep(0.05)
        return wiped

    # -- messages ------------------------------------------------------------------------------
    def _resolve_parent(self, s: Session, conv: Conversation, parent_id: Any) -> Message | None:
        pid = conv.current_message_id if parent_id is _CURRENT else parent_id
        if pid is None:
            return None
        parent = s.scalars(select(Message).where(Message.id == pid)).one_or_none()
        if parent is None or parent.conversation_id != conv.id:
            raise HistoryNotFound(tr("HistoryStore", "No message {id} in this conversation.").format(id=pid))
        return parent

    def add_message(
        self,
        conversation_id: str,
        role: str,
        content: str,
        *,
        reasoning: str = "",
        content_raw: str | None = None,
        reasoning_raw: str | None = None,
        parent_id: str | None = _CURRENT,
        status: str = "complete",
        model: str | None = None,
        prompt_tokens: int | None = None,
        completion_tokens: int | None = None,
        ttft_s: float | None = None,
        tokens_per_s: float | None = None,
        error: str | None = None,
        sampling: Any = None,
        term_check: Any = None,
        citations: Any = None,
    ) -> MessageRecord:
        """Append a message under ``parent_id`` (default: the current leaf) and make it current.

        An edited prompt is ``add_message(cid, "user", text, parent_id=<original's parent_id>)``.
        ``content_raw``/``reasoning_raw``: what the model wrote when ``content``/``reasoning`` is a
        converted version of it (kept only where it differs). ``sampling``/``term_check``/
        ``citations``: what a reply was made with (see :mod:`app.store.turn_record`).
        """
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}")
        if status not in MESSAGE_STATUSES or status == "streaming":
            raise ValueError("status must be a final status; use begin_assistant_message to stream")
        row, siblings = self._insert_message(
            conversation_id,
            parent_id,
            role=role,
            content=content,
            reasoning=reasoning,
            content_raw=None if content_raw == content else content_raw,
            reasoning_raw=None if reasoning_raw == reasoning else reasoning_raw,
            status=status,
            model=model,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            ttft_s=ttft_s,
            tokens_per_s=tokens_per_s,
            error=error,
            finished_at=_now_ms(),
            **turn_columns(sampling, term_check, citations),
        )
        return MessageRecord.from_row(row, siblings - 1, siblings)

    def _insert_message(self, conversation_id: str, parent_id: Any, **values: Any) -> tuple[Message, int]:
        backend = self._for_conversation(conversation_id)
        now = _now_ms()
        with backend.session(write=True) as s:
            conv = self._conversation_row(s, conversation_id)
            parent = self._resolve_parent(s, conv, parent_id)
            row = Message(
                id=new_id(now),
                conversation_id=conversation_id,
                parent_id=parent.id if parent else None,
                depth=parent.depth + 1 if parent else 0,
                created_at=now,
                **values,
            )
            s.add(row)
            s.flush()
            conv.current_message_id = row.id
            conv.updated_at = now
            if not conv.title and values.get("role") == "user":
                conv.title = _title_from(values.get("content", ""))
            siblings = s.scalar(
                select(func.count())
                .select_from(Message)
                .where(Message.conversation_id == conversation_id)
                .where(Message.parent_id.is_(None) if parent is None else Message.parent_id == parent.id)
            )
        return row, int(siblings or 1)

    def begin_assistant_message(
        self, conversation_id: str, *, parent_id: str | None = _CURRENT, model: str | None = None
    ) -> StreamWriter:
        """Create the reply row now (status ``streaming``) and return its writer.

        Regenerating a reply is ``begin_assistant_message(cid, parent_id=<the prompt's id>)``:
        the new reply is a sibling of the old one.
        """
        row, siblings = self._insert_message(
            conversation_id,
            parent_id,
            role="assistant",
            content="",
            reasoning="",
            status="streaming",
            model=model,
            writer=self.instance_id,
        )
        backend = self._for_conversation(conversation_id)
        return StreamWriter(
            backend.session,
            MessageRecord.from_row(row, siblings - 1, siblings),
            row.pk,
            flush_interval_s=self._flush_interval_s,
            flush_chars=self._flush_chars,
        )

    def record_turn(self, message_id: str, *, sampling: Any = None, term_check: Any = None,
                    citations: Any = None) -> MessageRecord:
        """Keep what a finished reply was made with, after the fact (``None``: leave as stored).
        The chat turn passes them to ``StreamWriter.finish`` instead, in the reply's final write."""
        with self._for_message(message_id).session(write=True) as s:
            row = s.scalars(select(Message).where(Message.id == message_id)).one_or_none()
            if row is None:
                raise HistoryNotFound(tr("HistoryStore", "No message {id}.").format(id=message_id))
            given = {"sampling": sampling, "term_check": term_check, "citations": citations}
            for column, value in turn_columns(**given).items():
                if given[column] is not None:
                    setattr(row, column, value)
            return self._with_siblings(s, [row])[0]

    def get_message(self, message_id: str) -> MessageRecord:
        with self._for_message(message_id).session() as s:
            row = s.scalars(select(Message).where(Message.id == message_id)).one_or_none()
            if row is None:
                raise HistoryNotFound(tr("HistoryStore", "No message {id}.").format(id=message_id))
            return self._with_siblings(s, [row])[0]

    @staticmethod
    def _with_siblings(s: Session, rows: Sequence[Message]) -> list[MessageRecord]:
        """Attach "version i of n" to each message (one grouped query per page)."""
        if not rows:
            return []
        parents = {r.parent_id for r in rows if r.parent_id is not None}
        counts: dict[str | None, list[str]] = {}
        if parents:
            for pid, mid in s.execute(
                select(Message.parent_id, Message.id).where(Message.parent_id.in_(parents)).order_by(Message.id)
            ):
                counts.setdefault(pid, []).append(mid)
        roots = [r for r in rows if r.parent_id is None]
        if roots:
            counts[None] = list(
                s.scalars(
                    select(Message.id)
                    .where(Message.conversation_id == roots[0].conversation_id)
                    .where(Message.parent_id.is_(None))
                    .order_by(Message.id)
                )
            )
        out = []
        for r in rows:
            sibs = counts.get(r.parent_id, [r.id])
            out.append(MessageRecord.from_row(r, sibs.index(r.id) if r.id in sibs else 0, max(1, len(sibs))))
        return with_attachments(s, out)  # a prompt's attached files (names and hashes)

    def thread(
        self,
        conversation_id: str,
        *,
        leaf_id: str | None = None,
        before_id: str | None = None,
        limit: int = 100,
    ) -> list[MessageRecord]:
        """One page of the branch ending at ``leaf_id`` (default: the current one), oldest first.

        The newest ``limit`` messages come first; pass the oldest id shown as ``before_id`` for
        the page above it.
        """
        backend = self._for_conversation(conversation_id)
        with backend.session() as s:
            conv = self._conversation_row(s, conversation_id)
            if before_id is not None:
                start = s.scalar(
                    select(Message.parent_id).where(Message.id == before_id, Message.conversation_id == conversation_id)
                )
            else:
                start = leaf_id or conv.current_message_id
            if start is None:
                return []
            chain = s.execute(
                text(
                    "WITH RECURSIVE chain(pk, parent_id, n) AS ("
                    " SELECT pk, parent_id, 1 FROM messages WHERE id = :start AND conversation_id = :cid"
                    " UNION ALL SELECT m.pk, m.parent_id, chain.n + 1 FROM messages m"
                    " JOIN chain ON m.id = chain.parent_id WHERE chain.n < :limit"
                    ") SELECT pk FROM chain"
                ),
                {"start": start, "cid": conversation_id, "limit": limit},
            ).scalars()
            pks = list(chain)
            rows = {r.pk: r for r in s.scalars(select(Message).where(Message.pk.in_(pks)))}
            ordered = [rows[pk] for pk in reversed(pks) if pk in rows]
            return self._with_siblings(s, ordered)

    def all_messages(self, conversation_id: str) -> list[MessageRecord]:
        """Every message of every branch, parents before children (for export)."""
        backend = self._for_conversation(conversation_id)
        with backend.session() as s:
            self._conversation_row(s, conversation_id)
            rows = s.scalars(
                select(Message).where(Message.conversation_id == conversation_id).order_by(Message.depth, Message.id)
            ).all()
            return with_attachments(s, [MessageRecord.from_row(r) for r in rows])

    def siblings(self, message_id: str) -> list[MessageRecord]:
        """All versions at this point of the conversation (the message included), oldest first."""
        with self._for_message(message_id).session() as s:
            row = s.scalars(select(Message).where(Message.id == message_id)).one_or_none()
            if row is None:
                raise HistoryNotFound(tr("HistoryStore", "No message {id}.").format(id=message_id))
            query = select(Message).where(Message.conversation_id == row.conversation_id)
            query = query.where(
                Message.parent_id.is_(None) if row.parent_id is None else Message.parent_id == row.parent_id
            )
            return self._with_siblings(s, s.scalars(query.order_by(Message.id)).all())

    def select_branch(self, message_id: str) -> ConversationRecord:
        """Show the branch through ``message_id``, following its newest descendants to a leaf."""
        backend = self._for_message(message_id)
        with backend.session(write=True) as s:
            row = s.scalars(select(Message).where(Message.id == message_id)).one_or_none()
            if row is None:
                raise HistoryNotFound(tr("HistoryStore", "No message {id}.").format(id=message_id))
            leaf = row.id
            while True:
                child = s.scalar(
                    select(Message.id).where(Message.parent_id == leaf).order_by(Message.id.desc()).limit(1)
                )
                if child is None:
                    break
                leaf = child
            conv = self._conversation_row(s, row.conversation_id)
            conv.current_message_id = leaf
            return ConversationRecord.from_row(conv, persisted=backend.path is not None)

    # -- search --------------------------------------------------------------------------------
    def search(self, query: str, *, limit: int = 20, convert_chinese: bool = True) -> list[SearchHit]:
        """Ranked matches across all saved conversations (see search.py)."""
        from app.store.search import search as run_search

        with self._main.session() as s:
            return run_search(s, query, limit=limit, convert_chinese=convert_chinese)

    # -- maintenance ---------------------------------------------------------------------------
    def integrity_check(self) -> str:
        with self._main.session() as s:
            return str(s.execute(text("PRAGMA integrity_check")).scalar_one())

    def take_backup(self, reason: str = "manual") -> Path:
        assert self._main.path is not None
        with translated(False, self._main.backups):
            return backup_mod.take_backup(self._main.path, self._key, reason)

    def session(self, write: bool = False) -> contextlib.AbstractContextManager[Session]:
        """A session on the saved history (import/export and tests)."""
        return self._main.session(write)


def restore_latest_backup(paths: Paths | None = None) -> tuple[Path, Path]:
    """Replace a damaged database by its newest backup; returns (backup used, damaged file kept)."""
    db = (paths or user_paths()).database
    found = backup_mod.list_backups(db)
    if not found:
        raise HistoryError(tr("HistoryStore", "There is no backup of the history database to restore."))
    return found[0], backup_mod.restore_backup(db, found[0])


__all__ = ["HistoryStore", "restore_latest_backup"]
