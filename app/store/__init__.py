"""History store: conversations kept in one local SQLite database (SQLAlchemy 2.0, SQLCipher).

API for the app and ``bauhinia ask`` (every call is one transaction; ids are sortable ULIDs)::

    from app.store import HistoryStore
    store = HistoryStore.open(paths, encrypt=True, without_keyring="refuse")   # policy values
    conv = store.new_conversation(model="r1-7b", system_prompt=None)          # save=False: memory only
    store.add_message(conv.id, "user", "政策摘要?")                             # becomes the current leaf
    writer = store.begin_assistant_message(conv.id, model="r1-7b")             # row exists now
    writer.append(content_delta="…", reasoning_delta="…")                     # never blocks
    writer.append(shown, raw_content_delta=raw)      # converted reply: keeps both (content_raw)
    writer.finish("complete", prompt_tokens=12, completion_tokens=80,
                  ttft_s=0.21, tokens_per_s=44.0, error=None)                  # or cancelled/error
    store.thread(conv.id, limit=100)        # current branch, newest page, oldest first
    store.siblings(msg_id); store.select_branch(msg_id)                        # versions of a turn
    store.search("政策", limit=20)           # ranked SearchHit list with highlighted snippets
    store.delete_conversation(conv.id); store.purge_older_than(days)
    store.close()

Regenerate a reply: ``begin_assistant_message(cid, parent_id=<prompt id>)``; edit a prompt:
``add_message(cid, "user", text, parent_id=<old prompt's parent_id>)`` — both become siblings
of the original, which stays reachable. Export/import: ``app.store.transfer``. Errors are
``app.store.errors.HistoryError`` subclasses whose message is fit to show a user.

Modules: ids (ULIDs), models (ORM schema), migrations (ordered, recorded), database (driver,
pragmas, error translation), keys (keyring), instance_lock (crash detection across processes),
streaming (StreamWriter), fts_text + search (English/Chinese full text), backups, transfer,
store (the HistoryStore facade).
"""

from app.store.errors import (
    HistoryBusy,
    HistoryCorrupt,
    HistoryError,
    HistoryExportDenied,
    HistoryImportError,
    HistoryKeyError,
    HistoryNotFound,
    HistoryReadOnly,
    HistoryStorageFull,
    HistoryTooNew,
    HistoryUnavailable,
)
from app.store.records import ConversationRecord, MessageRecord, SearchHit
from app.store.store import HistoryStore, restore_latest_backup
from app.store.streaming import StreamWriter

__all__ = [
    "ConversationRecord",
    "HistoryBusy",
    "HistoryCorrupt",
    "HistoryError",
    "HistoryExportDenied",
    "HistoryImportError",
    "HistoryKeyError",
    "HistoryNotFound",
    "HistoryReadOnly",
    "HistoryStorageFull",
    "HistoryStore",
    "HistoryTooNew",
    "HistoryUnavailable",
    "MessageRecord",
    "SearchHit",
    "StreamWriter",
    "restore_latest_backup",
]
