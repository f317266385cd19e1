"""`bauhinia history list/show/search/export/import/purge/restore` (DESIGN §3)."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from app.cli.output import CliError, emit_json, table
from app.i18n import tr
from app.store import HistoryError, HistoryStore, restore_latest_backup
from app.store.fts_text import highlight
from app.store.options import open_kwargs, terminal_passphrase
from app.store.private_files import write_private_text

CONTEXT = "HistoryCli"


def register(sub: Any) -> None:
    hist = sub.add_parser("history", help=tr(CONTEXT, "saved conversations"))
    hsub = hist.add_subparsers(dest="history_command", metavar="ACTION", required=True)

    p = hsub.add_parser("list", help=tr(CONTEXT, "list conversations, newest first"))
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--archived", action="store_true", help=tr(CONTEXT, "list archived conversations"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)

    p = hsub.add_parser("show", help=tr(CONTEXT, "print one conversation"))
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = hsub.add_parser("search", help=tr(CONTEXT, "full-text search (English and Chinese)"))
    p.add_argument("text")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--no-convert", action="store_true", help=tr(CONTEXT, "do not match Simplified and Traditional"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = hsub.add_parser("export", help=tr(CONTEXT, "export a conversation as Markdown, JSON, DOCX or PDF"))
    p.add_argument("id", help=tr(CONTEXT, "conversation id, or 'all' (JSON only)"))
    p.add_argument("--format", choices=("md", "json", "docx", "pdf"), default="md")
    p.add_argument("-o", "--output", type=Path, help=tr(CONTEXT, "write to this file instead of stdout"))
    p.add_argument("--with-reasoning", action="store_true",
                   help=tr(CONTEXT, "include the model's reasoning (DOCX and PDF; off by default)"))
    p.set_defaults(func=cmd_export)

    p = hsub.add_parser("import", help=tr(CONTEXT, "import a JSON export"))
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_import)

    p = hsub.add_parser("purge", help=tr(CONTEXT, "delete conversations older than N days"))
    p.add_argument("--older-than", type=float, required=True, metavar="DAYS")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_purge)

    p = hsub.add_parser("restore", help=tr(CONTEXT, "replace a damaged database by its latest backup"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_restore)


def _settings() -> dict[str, Any]:
    """History policy values from the settings system (defaults when it cannot be read)."""
    values: dict[str, Any] = {
        "history.enabled": True,
        "history.encryption": "preferred",
        "history.keyring_fallback": "refuse",
        "history.export_allowed": True,
        "history.retention_days": 0,
    }
    try:
        from app.settings.store import SettingsStore

        settings = SettingsStore()
        for key in values:
            values[key] = settings.get(key)
    except ImportError:  # pragma: no cover - the settings package ships with the app
        pass
    return values


def open_store() -> tuple[HistoryStore, dict[str, Any]]:
    values = _settings()
    if not values["history.enabled"]:
        raise CliError(tr(CONTEXT, "History is turned off by policy."))
    kwargs = open_kwargs(
        enabled=True,
        encryption=str(values["history.encryption"]),
        keyring_fallback=str(values["history.keyring_fallback"]),
        passphrase=terminal_passphrase,
        export_allowed=bool(values["history.export_allowed"]),
    )
    try:
        store = HistoryStore.open(**kwargs)
    except HistoryError as exc:
        raise CliError(str(exc)) from exc
    if store.warning:
        sys.stderr.write(f"bauhinia: {tr(CONTEXT, 'warning')}: {store.warning}\n")
    if int(values["history.retention_days"] or 0) > 0:  # the CLI applies retention as the window does
        store.purge_older_than(int(values["history.retention_days"]))
    return store, values


def _audit(event: Any) -> None:
    """Write the audit record before the action; a record that cannot be written stops it."""
    from app.audit import AuditWriteError, audit_log

    try:
        audit_log().record(event)
    except AuditWriteError as exc:
        raise CliError(str(exc)) from exc


def _sha256(data: str | bytes) -> str:
    import hashlib

    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def _time(ms: int | None) -> str:
    """Local time in the interface language's format (e.g. 28/11/2026 14:05 for en/zh_HK)."""
    from app.i18n import format_datetime

    return format_datetime(datetime.fromtimestamp(ms / 1000)) if ms else ""


def _run(args: argparse.Namespace, action: Any) -> int:
    store, values = open_store()
    try:
        return int(action(store, values))
    except HistoryError as exc:
        raise CliError(str(exc)) from exc
    finally:
        store.close()


def cmd_list(args: argparse.Namespace) -> int:
    def action(store: HistoryStore, _values: dict[str, Any]) -> int:
        convs = store.list_conversations(limit=args.limit, archived=args.archived)
        if args.json:
            emit_json({"conversations": [c.__dict__ for c in convs]})
        elif not convs:
            print(tr(CONTEXT, "No conversations."))
        else:
            for c in convs:
                pin = "*" if c.pinned else " "
                print(f"{c.id} {pin} {_time(c.updated_at)}  {c.title or tr(CONTEXT, '(untitled)')}")
        return 0

    return _run(args, action)


def cmd_show(args: argparse.Namespace) -> int:
    def action(store: HistoryStore, _values: dict[str, Any]) -> int:
        if args.json:
            store.require_export()  # JSON is a bulk export; the text view below is not
        conv = store.get_conversation(args.id)
        messages = store.thread(conv.id, limit=1_000_000)
        if args.json:
            emit_json({"conversation": conv.__dict__, "messages": [_message_json(m) for m in messages]})
            return 0
        rows = [
            (tr(CONTEXT, "title"), conv.title),
            (tr(CONTEXT, "model"), conv.model or ""),
            (tr(CONTEXT, "updated"), _time(conv.updated_at)),
        ]
        print(table(rows))
        for m in messages:
            version = f" [{m.sibling_index + 1}/{m.sibling_count}]" if m.sibling_count > 1 else ""
            status = f" ({m.status})" if m.status != "complete" else ""
            print(f"\n--- {m.role}{version}{status} {_time(m.created_at)}")
            if m.reasoning:
                print(f"[{tr(CONTEXT, 'thinking')}] {m.reasoning}")
            print(m.content)
            for a in m.attachments:  # name and hash of each attached file, never its text
                print(f"[{tr(CONTEXT, 'attached')}] {a.name} (SHA-256 {a.sha256})")
        return 0

    return _run(args, action)


def _message_json(m: Any) -> dict[str, Any]:
    """A message's fields as JSON values (attachments, citations, term check as objects)."""
    return {k: [i.to_dict() for i in v] if isinstance(v, tuple) and v and hasattr(v[0], "to_dict") else v
            for k, v in m.__dict__.items()}


def cmd_search(args: argparse.Namespace) -> int:
    def action(store: HistoryStore, _values: dict[str, Any]) -> int:
        if args.json:
            store.require_export()
        hits = store.search(args.text, limit=args.limit, convert_chinese=not args.no_convert)
        if args.json:
            emit_json({"query": args.text, "results": [h.__dict__ for h in hits]})
        elif not hits:
            print(tr(CONTEXT, "No matches."))
        else:
            for h in hits:
                print(f"{h.conversation_id} {h.message_id or '-':26}  {h.conversation_title}")
                print("    " + highlight(h.snippet, h.highlights))
        return 0

    return _run(args, action)


def cmd_export(args: argparse.Namespace) -> int:
    from app.audit import Exported, PolicyRefusal
    from app.store.errors import HistoryExportDenied
    from app.store.transfer import export_json, export_markdown

    if args.format in ("docx", "pdf"):
        from app.cli.export_records import cmd_export_file

        return cmd_export_file(args)

    def action(store: HistoryStore, _values: dict[str, Any]) -> int:
        # The store was opened with history.export_allowed; export_* refuse when it is false.
        try:
            if args.format == "json":
                text = export_json(store, None if args.id == "all" else [args.id])
            else:
                if args.id == "all":
                    raise CliError(tr(CONTEXT, "Markdown export takes one conversation id; use --format json for all."))
                text = export_markdown(store, args.id)
        except HistoryExportDenied:
            _audit(PolicyRefusal(setting="history.export_allowed", action="export"))
            raise
        _audit(Exported(format=args.format, conversation_ids=(args.id,),
                        file_name=args.output.name if args.output else "", file_sha256=_sha256(text + "\n")))
        if args.output:
            try:
                write_private_text(args.output, text + "\n")
            except OSError as exc:
                raise CliError(
                    tr(CONTEXT, "Cannot write {path}: {error}").format(path=args.output, error=exc.strerror)
                ) from exc
        else:
            sys.stdout.write(text + "\n")
        return 0

    return _run(args, action)


def cmd_import(args: argparse.Namespace) -> int:
    from app.store.transfer import import_json, read_import_file

    try:
        data = read_import_file(args.file)  # bounded: /dev/zero or a huge file is refused early
    except OSError as exc:
        raise CliError(tr(CONTEXT, "Cannot read {path}: {error}").format(path=args.file, error=exc.strerror)) from exc
    except HistoryError as exc:
        raise CliError(str(exc)) from exc

    def action(store: HistoryStore, _values: dict[str, Any]) -> int:
        from app.audit import Imported

        _audit(Imported(kind="history", file_name=args.file.name, file_sha256=_sha256(data)))
        created = import_json(store, data)
        if args.json:
            emit_json({"imported": created})
        else:
            print(tr(CONTEXT, "Imported %n conversation(s).", n=len(created)))
        return 0

    return _run(args, action)


def cmd_purge(args: argparse.Namespace) -> int:
    if args.older_than < 0:
        raise CliError(tr(CONTEXT, "--older-than must be zero or more days."))

    def action(store: HistoryStore, _values: dict[str, Any]) -> int:
        from app.audit import Deleted

        _audit(Deleted(older_than_days=args.older_than))
        removed = store.purge_older_than(args.older_than)
        if args.json:
            emit_json({"deleted": removed})
        else:
            print(tr(CONTEXT, "Deleted %n conversation(s).", n=removed))
        return 0

    return _run(args, action)


def cmd_restore(args: argparse.Namespace) -> int:
    try:
        used, kept = restore_latest_backup()
    except HistoryError as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        emit_json({"restored_from": str(used), "damaged_file_kept_as": str(kept)})
    else:
        print(tr(CONTEXT, "Restored {backup}; the previous file is kept as {kept}.").format(backup=used, kept=kept))
    return 0
